package dev.vidgen.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vidgen.core.client.AwaitOptions;
import dev.vidgen.core.client.GenerationResult;
import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.policy.PollSchedule;
import dev.vidgen.core.port.ProviderConfig;
import dev.vidgen.core.port.VideoProviders;
import dev.vidgen.core.pricing.Budget;
import dev.vidgen.provider.mock.MockVideoProvider;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples of docs/getting-started.md, run on the mock provider (chosen with {@code
 * -Dvidgen.provider=mock}) in real time; the page must show them word for word.
 */
class GettingStartedExamplesTest {
  private static final String SOURCE = "integration-tests/src/test/java/dev/vidgen/it/GettingStartedExamplesTest.java";
  private static String propertyBefore;

  @TempDir Path videos;

  @BeforeAll
  static void chooseTheMock() {
    propertyBefore = System.getProperty(VideoProviders.SYSTEM_PROPERTY);
    System.setProperty(VideoProviders.SYSTEM_PROPERTY, "mock");
  }

  @AfterAll
  static void restoreTheChoice() {
    if (propertyBefore == null) {
      System.clearProperty(VideoProviders.SYSTEM_PROPERTY);
    } else {
      System.setProperty(VideoProviders.SYSTEM_PROPERTY, propertyBefore);
    }
  }

  /** A client on a mock with short tasks and a quick poll schedule, for the examples after the first. */
  private static VidgenClient quickClient() {
    return VidgenClient.builder()
        .provider(MockVideoProvider.builder().duration(Duration.ofMillis(200)).build())
        .pollSchedule(PollSchedule.builder().firstDelay(Duration.ofMillis(100)).minInterval(Duration.ofMillis(50))
            .maxInterval(Duration.ofMillis(100)).budget(Duration.ofMillis(50), 20).build())
        .build();
  }

  private static VideoJob job() {
    return VideoJob.builder("grok-video-1.5-preview")
        .prompt("A red kite rises over green hills at dawn")
        .image("https://example.com/kite.png")
        .seconds(10)
        .build();
  }

  @Test
  void aJobToAFileInTenLines() {
    // snippet:generate:begin
    ProviderConfig config = ProviderConfig.empty(); // no apiKey(...): toapis reads TOAPIS_API_KEY
    try (VidgenClient client = VidgenClient.builder()
        .discoverProvider(config)
        .budget(Budget.ofUsd(new BigDecimal("1.00")))
        .build()) {
      VideoJob job = VideoJob.builder("grok-video-1.5-preview")
          .prompt("A red kite rises over green hills at dawn")
          .image("https://example.com/kite.png")
          .seconds(10)
          .build();
      GenerationResult result = client.generate(job, videos.resolve("kite.mp4"), AwaitOptions.defaults());
      System.out.println("saved " + result.file() + "; it cost " + result.handle().quote());
    }
    // snippet:generate:end

    assertThat(videos.resolve("kite.mp4")).isNotEmptyFile();
  }

  @Test
  void theAsyncFormReportsProgressAndDoesNotBlock() {
    try (VidgenClient client = quickClient()) {
      VideoJob job = job();
      // snippet:async:begin
      CompletableFuture<GenerationResult> video = client.generateAsync(job, videos.resolve("kite.mp4"),
          AwaitOptions.defaults()
              .withDeadline(Duration.ofMinutes(15))
              .withListener((snapshot, elapsed) ->
                  System.out.println(snapshot.rawStatus() + " " + snapshot.percent().orElse(0) + "%")));
      video.thenAccept(result -> System.out.println("saved " + result.file()));
      // snippet:async:end

      await().atMost(Duration.ofSeconds(20)).until(video::isDone);
      assertThat(video.join().file()).isNotEmptyFile();
    }
  }

  @Test
  void aHandleSavedAsTextResumesTheWaitLater() {
    try (VidgenClient client = quickClient()) {
      VideoJob job = job();
      // snippet:resume:begin
      JobHandle handle = client.submit(job);
      String saved = handle.encode(); // keep it: a database column, a file, a queue message

      // Later, perhaps in another process with its own client:
      JobHandle resumed = client.resume(saved);
      TaskSnapshot done = client.await(resumed, AwaitOptions.defaults());
      client.download(resumed, done, videos.resolve("kite.mp4"));
      // snippet:resume:end

      assertThat(saved).startsWith("vg1.");
      assertThat(videos.resolve("kite.mp4")).isNotEmptyFile();
    }
  }

  @Test
  void thePageShowsTheExamplesAsTested() throws IOException {
    String page = Files.readString(DocSnippets.find("docs/getting-started.md"), StandardCharsets.UTF_8);

    for (String name : new String[] {"generate", "async", "resume"}) {
      assertThat(page).as("docs/getting-started.md shows snippet %s", name)
          .contains(DocSnippets.snippet(SOURCE, name) + "```");
    }
  }
}
