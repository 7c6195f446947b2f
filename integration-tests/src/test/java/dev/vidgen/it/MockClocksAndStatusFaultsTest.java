package dev.vidgen.it;

import static dev.vidgen.it.MockWorld.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.client.AwaitOptions;
import dev.vidgen.core.client.DeadlineExceededException;
import dev.vidgen.core.client.GenerationResult;
import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.client.VidgenListener;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.policy.Operation;
import dev.vidgen.provider.mock.MockCall;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clocks that do not move or do not agree, and faults scripted for status reads alone: a wait that ends, with words
 * that name the clocks, and a scripted fault that lands on the read a test means whatever the client did before.
 */
class MockClocksAndStatusFaultsTest {
  private static final Duration TWO_SECONDS = Duration.ofSeconds(2);

  @TempDir Path folder;

  @Test
  void aMockAndAClientOnOneFixedClockEndTheWaitSayingTheClockDoesNotMove() {
    // The client's timers run on virtual time (so the test waits for nothing), its clock is fixed: as Clock.fixed
    // beside the client's own real scheduler.
    Clock fixed = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    MockWorld world = new MockWorld(mock -> mock.clock(fixed).duration(Duration.ofMillis(300)));
    try (VidgenClient client = world.client(builder -> builder.clock(fixed))) {
      CompletableFuture<GenerationResult> generate = client.generateAsync(MockWorld.jobWithoutReference(),
          folder.resolve("still.mp4"), AwaitOptions.defaults().withDeadline(TWO_SECONDS));

      Throwable failure = failureOf(world.runUntilDone(generate, Duration.ofMinutes(10)));

      assertThat(failure).isInstanceOf(DeadlineExceededException.class)
          .hasMessageContaining("the client's clock did not move")
          .hasMessageContaining("Clock.fixed")
          .hasMessageContaining("VirtualTime")
          .hasMessageNotContaining("resume with its task id");
      // It ends soon after the deadline would have come on a clock that moves, not after minutes of polling.
      assertThat(world.time.elapsed()).isLessThan(Duration.ofSeconds(30));
      assertThat(world.mock.calls(MockCall.Method.STATUS)).hasSizeLessThan(10);
    }
  }

  @Test
  void aMockDatingItsTaskLongBeforeTheSubmitIsToldAsTheClocksNotTheTask() {
    // The mock on a fixed clock a year behind the client's: its task never leaves the queue.
    Clock yearBefore = Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC);
    MockWorld world = new MockWorld(mock -> mock.clock(yearBefore).duration(Duration.ofMillis(300)));
    try (VidgenClient client = world.client()) {
      CompletableFuture<GenerationResult> generate = client.generateAsync(MockWorld.jobWithoutReference(),
          folder.resolve("behind.mp4"), AwaitOptions.defaults().withDeadline(Duration.ofMinutes(2)));

      Throwable failure = failureOf(world.runUntilDone(generate, Duration.ofMinutes(10)));

      assertThat(failure).isInstanceOf(DeadlineExceededException.class)
          .hasMessageContaining("the provider's clock is not the client's")
          .hasMessageContaining("long before the client submitted it")
          .hasMessageNotContaining("resume with its task id");
    }
  }

  @Test
  void aFaultScriptedForStatusReadsHitsAStatusReadOfEveryJobNotTheBalanceReadBeforeTheFirst() {
    MockWorld world = new MockWorld();
    List<Operation> retried = new CopyOnWriteArrayList<>();
    VidgenListener retries = new VidgenListener() {
      @Override
      public void onRetry(JobHandle handle, Operation operation, ProviderException failure, int attempt,
          Duration delay) {
        retried.add(operation);
      }
    };
    try (VidgenClient client = world.client(builder -> builder.listener(retries))) {
      for (int job = 1; job <= 2; job++) {
        retried.clear();
        world.mock.script().serverErrors(MockCall.Method.STATUS, 1, 500);

        world.runUntilDone(client.generateAsync(MockWorld.jobWithoutReference(), folder.resolve(job + ".mp4"),
            AwaitOptions.defaults()), Duration.ofMinutes(10)).join();

        assertThat(retried).as("job %d", job).containsExactly(Operation.READ);
      }
      assertThat(world.mock.calls(MockCall.Method.BALANCE)).isNotEmpty().allMatch(MockCall::succeeded);
      assertThat(world.mock.calls(MockCall.Method.STATUS)).filteredOn(call -> !call.succeeded()).hasSize(2);
    }
  }
}
