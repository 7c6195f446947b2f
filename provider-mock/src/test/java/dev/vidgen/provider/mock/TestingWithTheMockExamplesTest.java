package dev.vidgen.provider.mock;

import static dev.vidgen.testkit.assertj.VidgenAssertions.assertThat;

import dev.vidgen.core.client.AwaitOptions;
import dev.vidgen.core.client.DeadlineExceededException;
import dev.vidgen.core.client.GenerationResult;
import dev.vidgen.core.client.TaskFailedException;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.testkit.fixtures.VideoJobs;
import dev.vidgen.testkit.time.VirtualTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples of docs/testing-with-the-mock.md, kept compiling and passing here. */
class TestingWithTheMockExamplesTest {
  @TempDir Path dir;

  VirtualTime time = VirtualTime.create();
  MockVideoProvider mock = MockVideoProvider.builder()
      .clock(time.clock())                 // status is computed from this clock
      .duration(Duration.ofMinutes(4))     // each task: queued, in progress, completed after 4 min
      .build();
  VidgenClient client = VidgenClient.builder()
      .provider(mock)
      .clock(time.clock())                 // deadlines and expiry on the same virtual time
      .scheduler(time.scheduler())         // polls and retry waits wait in virtual time
      .ioExecutor(Runnable::run)           // copy downloads on the thread that moves time
      .random(new SplittableRandom(1))     // reproducible jitter and client references
      .build();

  @AfterEach
  void closeClient() {
    client.close();
  }

  @Test
  void aFourMinuteJobRunsToAFileWithoutWaiting() throws Exception {
    VideoJob job = VideoJobs.validFor("grok-video-1.5-preview");
    CompletableFuture<GenerationResult> result =
        client.generateAsync(job, dir.resolve("kite.mp4"), AwaitOptions.defaults());

    time.runUntilIdle();                   // runs every poll, in order, in milliseconds

    assertThat(result).isCompleted();
    assertThat(result.join().snapshot()).isCompleted();
    assertThat(Files.size(result.join().file())).isPositive();
    assertThat(time.elapsed()).isGreaterThanOrEqualTo(Duration.ofMinutes(4));
  }

  @Test
  void rateLimitedCreatesAreRetriedAfterRetryAfter() {
    mock.script().rateLimitCreates(2, Duration.ofSeconds(5));

    CompletableFuture<GenerationResult> result = client.generateAsync(
        VideoJobs.validFor("grok-video-1.5-preview"), dir.resolve("a.mp4"), AwaitOptions.defaults());
    time.runUntilIdle();

    assertThat(result).isCompleted();
    assertThat(mock.calls(MockCall.Method.CREATE))
        .extracting(MockCall::outcome)
        .containsExactly("rate_limited", "rate_limited", "ok");
  }

  @Test
  void aFailedGenerationSurfacesAsTaskFailed() {
    mock.script().failNextTask("generation_failed", "blocked by the content policy");

    CompletableFuture<GenerationResult> result = client.generateAsync(
        VideoJobs.validFor("grok-video-1.5-preview"), dir.resolve("b.mp4"), AwaitOptions.defaults());
    time.runUntilIdle();

    assertThat(result).failsWithin(Duration.ZERO)
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(TaskFailedException.class);
    assertThat(dir.resolve("b.mp4")).doesNotExist();
  }

  @Test
  void aTaskThatNeverFinishesHitsTheDeadline() {
    mock.script().nextTaskNeverFinishes();

    CompletableFuture<GenerationResult> result = client.generateAsync(
        VideoJobs.validFor("grok-video-1.5-preview"), dir.resolve("c.mp4"),
        AwaitOptions.defaults().withDeadline(Duration.ofMinutes(10)));
    time.runUntilIdle();

    assertThat(result).isCompletedExceptionally();
    assertThat(catchCause(result))
        .isInstanceOf(DeadlineExceededException.class)
        .hasMessageContaining("not finished after 600 s; last status in_progress 99%");
    assertThat(time.elapsed()).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(11));
  }

  private static Throwable catchCause(CompletableFuture<?> future) {
    try {
      future.join();
      throw new AssertionError("expected a failure");
    } catch (CompletionException e) {
      return e.getCause();
    }
  }
}
