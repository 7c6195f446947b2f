package dev.vidgen.provider.mock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.client.VidgenListener;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.testkit.fixtures.VideoJobs;
import dev.vidgen.testkit.time.VirtualTime;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * On the mock, a blocking call in a listener's callback or in a stage of a submit's future meets the refusal it
 * meets with ToAPIs (where both run on vidgen's HTTP threads), so that a test on the mock catches the mistake.
 */
@Timeout(60)
class MockCallbacksOnVidgenThreadsTest {
  private static final VideoJob JOB = VideoJobs.validFor("grok-video-1.5-preview");

  private final MockVideoProvider mock = MockVideoProvider.builder().duration(Duration.ofMillis(300)).build();
  private final AtomicReference<VidgenClient> self = new AtomicReference<>();
  private final CompletableFuture<RuntimeException> statusInListener = new CompletableFuture<>();
  private final ExecutorService appThreads = Executors.newSingleThreadExecutor();
  private final VidgenClient client = VidgenClient.builder().provider(mock).environmentRoutes(false)
      .listener(new ReadingOnSubmitted()).build();

  @BeforeEach
  void listenerReadsWithThisClient() {
    self.set(client);
  }

  @AfterEach
  void close() {
    client.close();
    appThreads.shutdownNow();
  }

  @Test
  void aBlockingStatusInOnSubmittedIsRefusedAndSendsNothing() throws Exception {
    client.submit(JOB);

    assertThat(statusInListener.get()).isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("a blocking VidgenClient call (status) in a listener's callback (thread ")
        .hasMessageContaining("the call was refused before it sent anything: use statusAsync");
    assertThat(mock.calls(MockCall.Method.STATUS)).isEmpty();
  }

  @Test
  void aBlockingStatusInAStageOfSubmitAsyncIsRefusedOnTheClientsThread() {
    CompletableFuture<TaskSnapshot> stage = client.submitAsync(JOB).thenApply(client::status);

    assertThat(stage).failsWithin(Duration.ofSeconds(30)).withThrowableOfType(ExecutionException.class)
        .havingCause().isInstanceOf(IllegalStateException.class)
        .withMessageStartingWith("a blocking VidgenClient call (status) on vidgen's own thread vidgen-scheduler-");
    assertThat(mock.calls(MockCall.Method.STATUS)).isEmpty();
  }

  @Test
  void theSameStageOnAThreadOfTheAppsGoesAhead() {
    CompletableFuture<TaskSnapshot> stage = client.submitAsync(JOB).thenApplyAsync(client::status, appThreads);

    assertThat(stage).succeedsWithin(Duration.ofSeconds(30)).extracting(TaskSnapshot::taskId).asString()
        .startsWith("video_mock_");
    assertThat(mock.calls(MockCall.Method.STATUS)).as("the stage's read, not the listener's").hasSize(1);
  }

  @Test
  void onVirtualTimeTheListenerIsRefusedTooAndASubmitIsDoneAtOnce() throws Exception {
    VirtualTime time = VirtualTime.create();
    MockVideoProvider virtualMock = MockVideoProvider.builder().clock(time.clock()).build();
    try (VidgenClient virtual = VidgenClient.builder().provider(virtualMock).environmentRoutes(false)
        .clock(time.clock()).scheduler(time.scheduler()).listener(new ReadingOnSubmitted()).build()) {
      self.set(virtual);

      CompletableFuture<JobHandle> submit = virtual.submitAsync(JOB);

      assertThat(submit).as("nothing waits for virtual time to move").isCompleted();
      assertThat(statusInListener.get()).isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("a blocking VidgenClient call (status) in a listener's callback (thread ");
      assertThat(virtualMock.calls(MockCall.Method.STATUS)).isEmpty();
    }
  }

  /** Reads the task's status, blocking, from {@code onSubmitted}, and keeps what that call threw. */
  private final class ReadingOnSubmitted implements VidgenListener {
    @Override
    public void onSubmitted(JobHandle handle, TaskSnapshot answer) {
      try {
        self.get().status(handle);
        statusInListener.complete(null);
      } catch (RuntimeException refused) {
        statusInListener.complete(refused);
      }
    }
  }
}
