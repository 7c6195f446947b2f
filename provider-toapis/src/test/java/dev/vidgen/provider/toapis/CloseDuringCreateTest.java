package dev.vidgen.provider.toapis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.vidgen.core.client.AwaitOptions;
import dev.vidgen.core.client.GenerationResult;
import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.client.VidgenListener;
import dev.vidgen.core.client.WaitStoppedException;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.AmbiguousSubmitException;
import dev.vidgen.core.error.VidgenException;
import dev.vidgen.core.port.ProviderConfig;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing the client while a create is held by the server (it has made the task): the caller of {@code
 * generate} or {@code submitAsync} still learns the paid task, and no other create is sent. The client
 * owns its provider, as one built by id does, so closing it also closes the HTTP layer.
 */
class CloseDuringCreateTest {
  private static final Duration HELD = Duration.ofSeconds(2);

  private final FakeToApisServer toapis = FakeToApisServer.builder().unlimitedBalance()
      .lifecycle(Duration.ofMinutes(10), Duration.ofMinutes(10)).start();
  private final List<JobHandle> submitted = new CopyOnWriteArrayList<>();
  private final List<VidgenException> failed = new CopyOnWriteArrayList<>();
  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private final ExecutorService caller = Executors.newSingleThreadExecutor();

  @TempDir Path folder;

  @AfterEach
  void stop() {
    caller.shutdownNow();
    toapis.close();
  }

  @Test
  void closingWhileTheCreateIsHeldEndsTheBlockingGenerateWithTheHandleOfTheTaskItMade() throws Exception {
    toapis.inject(Endpoint.CREATE, Fault.slow(HELD));
    VidgenClient client = client(VidgenClient.DEFAULT_CLOSE_WAIT);
    CompletableFuture<GenerationResult> generating = CompletableFuture.supplyAsync(
        () -> client.generate(job("grok-video-1.5-preview"), folder.resolve("cat.mp4"), AwaitOptions.defaults()), caller);
    await().atMost(Duration.ofSeconds(10)).until(() -> toapis.creates().size() == 1);

    client.close();

    assertThat(submitted).as("close waited for the create's answer, so the listener heard of the paid task")
        .hasSize(1);
    Throwable failure = failureOf(generating);
    assertThat(failure).isInstanceOf(WaitStoppedException.class).hasMessageContaining("the client was closed");
    String taskId = toapis.taskIds().get(0);
    assertThat(((WaitStoppedException) failure).handle().taskId().value()).isEqualTo(taskId);
    assertThat(submitted.get(0).taskId().value()).isEqualTo(taskId);
    assertThat(toapis.requests(Endpoint.CREATE)).hasSize(1);
    assertThat(toapis.requests(Endpoint.STATUS)).as("a closed client does not follow the task").isEmpty();
  }

  @Test
  void closingWhileCreatesAreHeldEndsGenerateAsyncAndSubmitAsyncNamingTheirTasks() {
    toapis.inject(Endpoint.CREATE, Fault.slow(HELD), 2);
    VidgenClient client = client(VidgenClient.DEFAULT_CLOSE_WAIT);
    CompletableFuture<GenerationResult> generating = client.generateAsync(job("grok-video-1.5-preview"),
        folder.resolve("cat.mp4"), AwaitOptions.defaults());
    CompletableFuture<JobHandle> submitting = client.submitAsync(job("grok-video-1.5-preview"));
    await().atMost(Duration.ofSeconds(10)).until(() -> toapis.creates().size() == 2);

    client.close();

    assertThat(submitting).as("ended by the time close returns").isCompleted();
    // The generate's next step runs on the thread that completed its submit, which may finish just after close returns.
    await().atMost(Duration.ofSeconds(5)).until(generating::isDone);
    Throwable stopped = catchThrowable(generating::join);
    assertThat(stopped).isInstanceOf(WaitStoppedException.class);
    List<String> named = List.of(((WaitStoppedException) stopped).handle().taskId().value(),
        submitting.join().taskId().value());
    assertThat(named).containsExactlyInAnyOrderElementsOf(toapis.taskIds());
    assertThat(submitted).hasSize(2);
    assertThat(toapis.requests(Endpoint.CREATE)).hasSize(2);
  }

  @Test
  void closingWhileTheCreateIsNeverAnsweredEndsWithinTheWaitSayingATaskMayExistAndItsReference() throws Exception {
    toapis.inject(Endpoint.CREATE, Fault.stall());
    Duration wait = Duration.ofSeconds(1);
    VidgenClient client = client(wait);
    CompletableFuture<GenerationResult> generating = CompletableFuture.supplyAsync(
        () -> client.generate(job("seedance-2"), folder.resolve("kite.mp4"), AwaitOptions.defaults()), caller);
    await().atMost(Duration.ofSeconds(10)).until(() -> toapis.creates().size() == 1);
    String reference = toapis.creates().get(0).clientReference().orElseThrow();

    long start = System.nanoTime();
    client.close();
    Duration closing = Duration.ofNanos(System.nanoTime() - start);

    assertThat(closing).as("close waited for the answer, but no longer than closeWait")
        .isGreaterThanOrEqualTo(wait.minusMillis(50)).isLessThan(wait.plusSeconds(4));
    Throwable failure = failureOf(generating);
    assertThat(failure).isInstanceOf(AmbiguousSubmitException.class)
        .hasMessageContaining("on its way when the client was closed")
        .hasMessageContaining("a task may exist and be billed")
        .hasMessageContaining("look it up by client reference " + reference);
    assertThat(((AmbiguousSubmitException) failure).clientReference()).contains(reference);
    assertThat(submitted).isEmpty();
    assertThat(toapis.requests(Endpoint.CREATE)).as("never sent again").hasSize(1);
    // The close ends the held connection too, and the create's own failure follows: it is not told a second time.
    await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
        .until(() -> failed.size() == 1 && failed.get(0) instanceof AmbiguousSubmitException);
    assertThat(warnings).as("nothing is looked up once the client is closed, and no warning says it would be")
        .noneMatch(warning -> warning.startsWith("create.lookup"));
    assertThat(toapis.requests(Endpoint.STATUS)).as("no look-up by reference after the close").isEmpty();
  }

  private VidgenClient client(Duration closeWait) {
    ProviderConfig config = ProviderConfig.builder().baseUrl(toapis.baseUrl()).apiKey(toapis.apiKey()).build();
    return VidgenClient.builder().provider("toapis", config).environmentRoutes(false).closeWait(closeWait)
        .listener(new VidgenListener() {
          @Override
          public void onSubmitted(JobHandle handle) {
            submitted.add(handle);
          }

          @Override
          public void onFailed(JobHandle handle, VidgenException error) {
            failed.add(error);
          }

          @Override
          public void onWarning(String code, String message) {
            warnings.add(code + ": " + message);
          }
        })
        .build();
  }

  /** What {@code generating} failed with, at most 10 s after the close. */
  private static Throwable failureOf(CompletableFuture<GenerationResult> generating) throws Exception {
    try {
      GenerationResult result = generating.get(10, TimeUnit.SECONDS);
      throw new AssertionError("the generate was not stopped: " + result);
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  private static VideoJob job(String model) {
    VideoJob.Builder job = VideoJob.builder(model).prompt("the kite rises");
    return model.startsWith("grok") ? job.image("https://images.example/kite.png").build() : job.build();
  }
}
