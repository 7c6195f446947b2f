package dev.vidgen.provider.toapis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.RetriableProviderException;
import dev.vidgen.core.port.Balance;
import dev.vidgen.core.port.ProviderConfig;
import dev.vidgen.core.port.SubmitRequest;
import dev.vidgen.core.port.VideoProvider;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * One real job against ToAPIs: runs only when {@code TOAPIS_API_KEY} is set and {@code CI} is not,
 * and costs at most one 10-second grok-video-1.5-preview request (20 credits, $0.10). The input image
 * is {@code TOAPIS_LIVE_IMAGE_URL}, or a public sample picture.
 */
@EnabledIfEnvironmentVariable(named = "TOAPIS_API_KEY", matches = ".+")
@DisabledIfEnvironmentVariable(named = "CI", matches = ".+", disabledReason = "never spends credits in CI")
class ToApisLiveTest {
  private static final String SAMPLE_IMAGE =
      "https://upload.wikimedia.org/wikipedia/commons/3/3f/JPEG_example_flower.jpg";
  private static final BigDecimal ONE_JOB = BigDecimal.valueOf(20);

  @Test
  void oneTenSecondGrokPreviewJobCompletesAndDownloads() throws Exception {
    try (VideoProvider provider = new ToApisProviderFactory().create(ProviderConfig.empty())) {
      Balance balance = provider.balance().get(30, TimeUnit.SECONDS);
      assumeTrue(balance.unlimited() || balance.remaining().orElseThrow().compareTo(ONE_JOB) >= 0,
          "the account needs 20 credits for the live test");
      String image = System.getenv().getOrDefault("TOAPIS_LIVE_IMAGE_URL", SAMPLE_IMAGE);
      VideoJob job = VideoJob.builder("grok-video-1.5-preview")
          .prompt("the flower sways gently in a light breeze").image(image).seconds(10).aspectRatio("16:9").build();
      SubmitRequest request = new SubmitRequest(job, RouteCatalog.builtIn().require(job.model()), null);

      TaskSnapshot snapshot = provider.create(request).get(60, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
      while (!snapshot.status().isTerminal() && System.nanoTime() < deadline) {
        snapshot = pollAfter(provider, snapshot, Duration.ofSeconds(10));
      }

      assertThat(snapshot.status().isTerminal()).as("finished within 10 minutes").isTrue();
      assertThat(snapshot.failureReason()).as("failure").isEmpty();
      try (InputStream video = provider.open(snapshot.video()).get(60, TimeUnit.SECONDS)) {
        byte[] head = video.readNBytes(8);
        assertThat(new String(head, 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
      }
    }
  }

  /**
   * The next status, asked for {@code wait} after the last (ToAPIs asks for about 10 s between
   * polls); a passing failure (429, 5xx, no answer) keeps the last status, so the job paid for is
   * not given up on.
   */
  private static TaskSnapshot pollAfter(VideoProvider provider, TaskSnapshot last, Duration wait) throws Exception {
    try {
      return CompletableFuture.supplyAsync(last::taskId,
              CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS))
          .thenCompose(provider::status)
          .get(wait.toSeconds() + 60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RetriableProviderException) {
        return last;
      }
      throw e;
    }
  }
}
