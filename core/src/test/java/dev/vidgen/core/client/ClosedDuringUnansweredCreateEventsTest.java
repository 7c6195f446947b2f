package dev.vidgen.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.error.AmbiguousSubmitException;
import dev.vidgen.core.error.VidgenException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generate whose client closes while its create is on its way and no answer comes within {@code closeWait} may have
 * made a paid task nobody can name: it ends in an {@link AmbiguousSubmitException}, which a listener hears as
 * {@code onFailed}, never as {@code onStopped} (which is for a stop that lost nothing).
 */
@Timeout(30)
class ClosedDuringUnansweredCreateEventsTest {
  private final ClientFixture fixture = new ClientFixture(new ScriptedProvider(),
      builder -> builder.closeWait(Duration.ofMillis(200)));
  private final List<String> heard = new CopyOnWriteArrayList<>();

  @TempDir Path folder;

  ClosedDuringUnansweredCreateEventsTest() {
    fixture.client.addListener(new VidgenListener() {
      @Override
      public void onSubmitted(JobHandle handle) {
        heard.add("submitted " + handle.taskId());
      }

      @Override
      public void onFailed(JobHandle handle, VidgenException error) {
        heard.add("failed " + (handle == null ? "-" : handle.taskId()) + " " + error.getClass().getSimpleName());
      }

      @Override
      public void onStopped(JobHandle handle, CancellationException stop) {
        heard.add("stopped " + (handle == null ? "-" : handle.taskId()) + " " + stop.getClass().getSimpleName());
      }
    });
  }

  @AfterEach
  void closeClient() {
    fixture.close();
  }

  @Test
  void aGenerateWhoseClientClosesBeforeItsCreateIsAnsweredIsToldFailedAsAmbiguousNotStopped() {
    fixture.provider.createAnswers(new CompletableFuture<TaskSnapshot>()); // never answered
    CompletableFuture<GenerationResult> generated =
        fixture.client.generateAsync(Jobs.valid(), folder.resolve("kite.mp4"), AwaitOptions.defaults());
    fixture.advance(Duration.ofSeconds(1));
    assertThat(fixture.provider.count("create")).isOne();

    fixture.client.close();
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(generated::isDone);

    assertThat(ClientFixture.failureOf(generated)).isInstanceOf(AmbiguousSubmitException.class)
        .hasMessageContaining("a task may exist and be billed");
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !heard.isEmpty());
    assertThat(heard).containsExactly("failed - AmbiguousSubmitException");
  }
}
