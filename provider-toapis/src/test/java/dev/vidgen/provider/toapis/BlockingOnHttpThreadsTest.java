package dev.vidgen.provider.toapis;

import static dev.vidgen.provider.toapis.ToApisOverHttp.tinyBackoffs;
import static dev.vidgen.provider.toapis.ToApisOverHttp.tinyPolls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.vidgen.core.client.AwaitOptions;
import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.concurrent.AsyncFailures;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.TaskStatus;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A stage that depends on a client's future runs on the provider's HTTP threads (five by
 * default), so a blocking call there (await) would hold them all and every job would wait out its
 * deadline; it is refused at once, nothing sent, and the client's other jobs go on.
 */
class BlockingOnHttpThreadsTest {
  @RegisterExtension
  final ToApisOverHttp http = ToApisOverHttp.builder().unlimitedBalance()
      .client(client -> client.environmentRoutes(false)
          .retryPolicy(tinyBackoffs().build())
          .pollSchedule(tinyPolls().jitter(0.1).build()))
      .start();
  private final FakeToApisServer toapis = http.server();
  private final VidgenClient client = http.client();

  @Test
  void aDependentStageThatAwaitsOnAnHttpThreadIsRefusedAtOnceAndTheOtherJobsComplete() {
    AwaitOptions deadline = AwaitOptions.defaults().withDeadline(Duration.ofSeconds(40));
    // Every create is answered only once each stage below is attached: an answer arriving sooner
    // would run the stage on this thread instead of an HTTP thread, which is not what is tested.
    CountDownLatch attached = new CountDownLatch(1);
    toapis.inject(Endpoint.CREATE, Fault.heldUntil(attached, Duration.ofSeconds(30)), 9);
    List<CompletableFuture<JobHandle>> submits = new ArrayList<>();
    List<CompletableFuture<TaskSnapshot>> blocking = new ArrayList<>();
    for (int job = 0; job < 6; job++) {
      CompletableFuture<JobHandle> submit = client.submitAsync(grokJob());
      submits.add(submit);
      blocking.add(submit.thenApply(handle -> client.await(handle, deadline)));
    }
    List<CompletableFuture<TaskSnapshot>> chained = new ArrayList<>();
    for (int job = 0; job < 3; job++) {
      chained.add(client.submitAsync(grokJob()).thenCompose(handle -> client.awaitAsync(handle, deadline)));
    }
    attached.countDown();

    await().atMost(Duration.ofSeconds(10)).until(() -> blocking.stream().allMatch(CompletableFuture::isDone));
    for (int job = 0; job < 6; job++) {
      Throwable refused = AsyncFailures.unwrap(catchThrowable(blocking.get(job)::join));
      String taskId = submits.get(job).join().taskId().value();
      assertThat(refused).isInstanceOf(IllegalStateException.class)
          // Named as OkHttp names its thread during the call, with the name it was made with.
          .hasMessageFindingMatch("blocking VidgenClient call \\(await\\) on vidgen's own thread"
              + " (OkHttp \\S+ \\(made as )?toapis-http-\\d+")
          .hasMessageContaining("use awaitAsync (with thenCompose in a future's stage)")
          .hasMessageContaining("thenApplyAsync(fn, executor)")
          .as("the task made stays known").hasMessageContaining("task " + taskId);
      assertThat(toapis.pollsOf(taskId)).as("a refused await reads no status").isZero();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> chained.stream().allMatch(CompletableFuture::isDone));
    assertThat(chained).allSatisfy(done -> assertThat(done.join().status()).isEqualTo(TaskStatus.COMPLETED));
    assertThat(toapis.requests(Endpoint.CREATE)).hasSize(9);
  }

  private static VideoJob grokJob() {
    return VideoJob.builder("grok-video-1.5-preview")
        .prompt("the cat turns its head").image("https://images.example/cat.png").build();
  }
}
