package dev.vidgen.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.error.VidgenException;
import dev.vidgen.core.policy.FailureKind;
import java.io.InputStream;
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
 * A metrics listener hears how every generate ends: a generate stopped by a cancel or a close is told by
 * {@code onStopped} once, with the paid task it hands back, so that it does not stay "in flight" for ever.
 */
@Timeout(30)
class StoppedJobEventsTest {
  private final ClientFixture fixture = new ClientFixture();
  private final ScriptedProvider provider = fixture.provider;
  private final List<String> heard = new CopyOnWriteArrayList<>();

  @TempDir Path folder;

  StoppedJobEventsTest() {
    fixture.client.addListener(new VidgenListener() {
      @Override
      public void onSubmitted(JobHandle handle) {
        heard.add("submitted " + handle.taskId());
      }

      @Override
      public void onCompleted(JobHandle handle, TaskSnapshot snapshot) {
        heard.add("completed " + handle.taskId());
      }

      @Override
      public void onFailed(JobHandle handle, VidgenException error) {
        heard.add("failed " + error.getClass().getSimpleName());
      }

      @Override
      public void onDownloaded(JobHandle handle, Path file) {
        heard.add("downloaded " + handle.taskId());
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
  void aGenerateCancelledWhileItWaitsIsToldStoppedOnceWithItsPaidTask() {
    CompletableFuture<GenerationResult> generated =
        fixture.client.generateAsync(Jobs.valid(), folder.resolve("kite.mp4"), AwaitOptions.defaults());
    fixture.advance(Duration.ofSeconds(30));

    generated.cancel(true);
    generated.cancel(true);
    fixture.advance(Duration.ofMinutes(10));

    assertThat(heard).containsExactly("submitted task-1", "stopped task-1 WaitStoppedException");
  }

  @Test
  void aGenerateWhoseClientClosesWhileItsCreateIsOnItsWayIsToldStoppedWithTheTaskTheAnswerNames() throws Exception {
    CompletableFuture<TaskSnapshot> answer = new CompletableFuture<>();
    provider.createAnswers(answer);
    CompletableFuture<GenerationResult> generated =
        fixture.client.generateAsync(Jobs.valid(), folder.resolve("kite.mp4"), AwaitOptions.defaults());
    fixture.advance(Duration.ofSeconds(1));
    assertThat(provider.count("create")).isOne();
    Thread closing = new Thread(fixture.client::close, "service-close");
    closing.start();
    Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> fixture.client.isClosed() && closing.getState() == Thread.State.TIMED_WAITING);
    assertThat(heard).as("no task is known yet, so nothing is told yet").isEmpty();

    answer.complete(TaskSnapshot.queued(TaskId.of("t-paid")));
    closing.join(10_000);

    assertThat(ClientFixture.failureOf(generated)).as("what the caller got names the task too")
        .isInstanceOfSatisfying(WaitStoppedException.class,
            stopped -> assertThat(stopped.handle().taskId()).isEqualTo(TaskId.of("t-paid")));
    assertThat(heard).containsExactly("submitted t-paid", "stopped t-paid WaitStoppedException");
  }

  @Test
  void aGenerateCancelledWhileItsCreateIsOnItsWayIsToldStoppedOnceTheAnswerNamesItsTask() {
    CompletableFuture<TaskSnapshot> answer = new CompletableFuture<>();
    provider.createAnswers(answer);
    CompletableFuture<GenerationResult> generated =
        fixture.client.generateAsync(Jobs.valid(), folder.resolve("kite.mp4"), AwaitOptions.defaults());
    fixture.advance(Duration.ofSeconds(1));

    generated.cancel(true);
    assertThat(heard).as("no task is known yet, so nothing is told yet").isEmpty();
    answer.complete(TaskSnapshot.queued(TaskId.of("t-late")));
    fixture.advance(Duration.ofMinutes(2));

    assertThat(heard).containsExactly("submitted t-late", "stopped t-late SubmitStoppedException");
  }

  @Test
  void aGenerateCancelledBeforeItsCreateWentOutIsToldStoppedWithNoTask() {
    provider.createAnswers(ScriptedProvider.failure(FailureKind.RATE_LIMITED, Duration.ofSeconds(20)));
    CompletableFuture<GenerationResult> generated =
        fixture.client.generateAsync(Jobs.valid(), folder.resolve("kite.mp4"), AwaitOptions.defaults());
    fixture.advance(Duration.ofSeconds(1));

    generated.cancel(true);
    fixture.advance(Duration.ofMinutes(2));

    assertThat(heard).containsExactly("stopped - SubmitStoppedException");
    assertThat(provider.count("create")).isOne();
  }

  @Test
  void aGenerateWhoseClientClosesWhileItDownloadsIsToldStoppedAfterItsTaskCompleted() {
    provider.statusAnswers(ScriptedProvider.completed("task-1"));
    provider.openAnswers(new CompletableFuture<InputStream>()); // the download never ends by itself
    CompletableFuture<GenerationResult> generated =
        fixture.client.generateAsync(Jobs.valid(), folder.resolve("kite.mp4"), AwaitOptions.defaults());
    fixture.advance(Duration.ofMinutes(2));
    assertThat(provider.calls()).as("the download is under way").anyMatch(call -> call.startsWith("open"));

    fixture.client.close();
    fixture.advance(Duration.ofMinutes(1));

    assertThat(generated).isCompletedExceptionally();
    assertThat(heard).containsExactly("submitted task-1", "completed task-1", "stopped task-1 WaitStoppedException");
  }

  @Test
  void aSavedOrFailedGenerateIsNeverToldStoppedByALaterCancelOrClose() {
    provider.statusAnswers(ScriptedProvider.completed("task-1"));
    CompletableFuture<GenerationResult> saved =
        fixture.client.generateAsync(Jobs.valid(), folder.resolve("kite.mp4"), AwaitOptions.defaults());
    fixture.advance(Duration.ofMinutes(2));
    assertThat(saved).isCompleted();

    saved.cancel(true);
    fixture.client.close();

    assertThat(heard).containsExactly("submitted task-1", "completed task-1", "downloaded task-1");
  }
}
