package dev.vidgen.provider.toapis;

import static dev.vidgen.provider.toapis.ToApisOverHttp.tinyBackoffs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.vidgen.core.client.AwaitOptions;
import dev.vidgen.core.client.GenerationResult;
import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.SubmitStoppedException;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.client.WaitStoppedException;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.AmbiguousSubmitException;
import dev.vidgen.core.policy.PollSchedule;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Cancelling {@code generateAsync} over HTTP: the task it made, or is making, is never lost and never paid twice. */
class GenerateCancelTest {
  private static final Duration HELD = Duration.ofSeconds(2);

  @RegisterExtension
  final ToApisOverHttp http = ToApisOverHttp.builder()
      .unlimitedBalance().server(fake -> fake.lifecycle(Duration.ofMinutes(10), Duration.ofMinutes(10)))
      .client(client -> client.environmentRoutes(false)
          .retryPolicy(tinyBackoffs().build())
          .pollSchedule(PollSchedule.builder().firstDelay(Duration.ZERO).build()))
      .start();
  private final FakeToApisServer toapis = http.server();
  private final VidgenClient client = http.client();

  @TempDir Path folder;

  @Test
  void cancellingOnceTheTaskIsMadeEndsWithTheHandleOfTheCreatedTask() {
    CompletableFuture<GenerationResult> generated = client.generateAsync(grokJob(), folder.resolve("cat.mp4"),
        AwaitOptions.defaults());
    await().atMost(Duration.ofSeconds(10)).until(() -> !toapis.requests(Endpoint.STATUS).isEmpty());

    assertThat(generated.cancel(false)).isTrue();

    assertThat(generated).isCancelled();
    assertThatThrownBy(generated::join).isInstanceOfSatisfying(WaitStoppedException.class,
        stopped -> assertThat(stopped.handle().taskId().value()).isEqualTo(toapis.taskIds().get(0)));
    assertThat(toapis.requests(Endpoint.CREATE)).hasSize(1);
  }

  @Test
  void cancellingWhileTheCreateIsHeldByTheServerSendsNoOtherAndItsAnswerStillNamesTheTask() {
    toapis.inject(Endpoint.CREATE, Fault.slow(HELD));
    CompletableFuture<GenerationResult> generated = client.generateAsync(grokJob(), folder.resolve("cat.mp4"),
        AwaitOptions.defaults());
    await().atMost(Duration.ofSeconds(10)).until(() -> toapis.requests(Endpoint.CREATE).size() == 1);

    assertThat(generated.cancel(false)).isTrue();

    assertThat(generated).isCancelled();
    CompletableFuture<JobHandle> pending = pendingHandleOf(generated);
    assertThat(pending).as("the server still holds the create's answer").isNotDone();
    JobHandle handle = pending.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
    assertThat(handle.taskId().value()).isEqualTo(toapis.taskIds().get(0));
    assertThat(toapis.requests(Endpoint.CREATE)).hasSize(1);
    assertThat(toapis.requests(Endpoint.STATUS)).as("a cancelled generate does not follow its task").isEmpty();
  }

  @Test
  void aHeldCreateAnsweredWithAServerErrorAfterTheCancelIsNotSentAgain() {
    toapis.inject(Endpoint.CREATE, Fault.serverError().afterProcessing().answeredAfter(HELD));
    CompletableFuture<GenerationResult> generated = client.generateAsync(grokJob(), folder.resolve("cat.mp4"),
        AwaitOptions.defaults());
    await().atMost(Duration.ofSeconds(10)).until(() -> toapis.requests(Endpoint.CREATE).size() == 1);

    generated.cancel(false);

    CompletableFuture<JobHandle> pending = pendingHandleOf(generated);
    await().atMost(Duration.ofSeconds(10)).until(pending::isDone);
    assertThatThrownBy(pending::join).hasCauseInstanceOf(AmbiguousSubmitException.class)
        .hasMessageContaining("check the provider's dashboard");
    assertThat(toapis.requests(Endpoint.CREATE)).as("without the cancel, a 500 is sent again once").hasSize(1);
  }

  private static CompletableFuture<JobHandle> pendingHandleOf(CompletableFuture<GenerationResult> generated) {
    Throwable failure = catchThrowable(generated::join);
    assertThat(failure).isInstanceOf(SubmitStoppedException.class);
    return ((SubmitStoppedException) failure).pendingHandle();
  }

  private static VideoJob grokJob() {
    return VideoJob.builder("grok-video-1.5-preview")
        .prompt("the cat turns its head").image("https://images.example/cat.png").build();
  }
}
