package dev.vidgen.testkit.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

class VirtualTimeTest {
  private final VirtualTime time = VirtualTime.startingAt(Instant.parse("2030-05-01T10:00:00Z"));
  private final ScheduledExecutorService scheduler = time.scheduler();

  @Test
  void clockOnlyMovesWhenAdvanced() {
    Instant start = time.clock().instant();

    assertThat(time.clock().instant()).isEqualTo(start);
    time.advance(Duration.ofMinutes(3));

    assertThat(time.clock().instant()).isEqualTo(start.plus(Duration.ofMinutes(3)));
    assertThat(time.elapsed()).isEqualTo(Duration.ofMinutes(3));
    assertThat(time.clock().withZone(ZoneId.of("Europe/Berlin")).instant())
        .isEqualTo(time.now());
  }

  @Test
  void runsDueTasksInTimeOrderOnTheCallingThreadSeeingTheirDueTime() {
    List<String> seen = new ArrayList<>();
    Thread caller = Thread.currentThread();
    scheduler.schedule(() -> seen.add("b@" + time.clock().instant()), 20, TimeUnit.SECONDS);
    scheduler.schedule(() -> seen.add("a@" + time.clock().instant()), 10, TimeUnit.SECONDS);
    scheduler.schedule(() -> seen.add("late"), 31, TimeUnit.SECONDS);
    scheduler.schedule(
        () -> seen.add(Thread.currentThread() == caller ? "caller" : "other"),
        15,
        TimeUnit.SECONDS);

    int ran = time.advance(Duration.ofSeconds(30));

    assertThat(ran).isEqualTo(3);
    assertThat(seen)
        .containsExactly("a@2030-05-01T10:00:10Z", "caller", "b@2030-05-01T10:00:20Z");
    assertThat(time.pendingTasks()).isEqualTo(1);
    assertThat(time.nextTaskTime()).contains(Instant.parse("2030-05-01T10:00:31Z"));
  }

  @Test
  void tasksDueAtTheSameInstantRunInSubmissionOrder() {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int n = i;
      scheduler.schedule(() -> order.add(n), 1, TimeUnit.SECONDS);
    }

    time.advance(Duration.ofSeconds(1));

    assertThat(order).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void executeAndSubmitWaitUntilTimeIsMovedEvenByZero() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    scheduler.execute(runs::incrementAndGet);
    Future<String> submitted = scheduler.submit(() -> "done");

    assertThat(runs).hasValue(0);
    assertThat(submitted).isNotDone();
    assertThat(time.runDueTasks()).isEqualTo(2);
    assertThat(runs).hasValue(1);
    assertThat(submitted.get()).isEqualTo("done");
  }

  @Test
  void tasksScheduledByTasksRunWithinTheSameAdvance() {
    List<Instant> runs = new ArrayList<>();
    Runnable[] step = new Runnable[1];
    step[0] =
        () -> {
          runs.add(time.now());
          if (runs.size() < 4) {
            scheduler.schedule(step[0], 5, TimeUnit.SECONDS);
          }
        };
    scheduler.schedule(step[0], 5, TimeUnit.SECONDS);

    time.advance(Duration.ofSeconds(17));

    assertThat(runs).hasSize(3);
    assertThat(time.pendingTasks()).isEqualTo(1);
    time.advance(Duration.ofSeconds(3));
    assertThat(runs).hasSize(4).last().isEqualTo(Instant.parse("2030-05-01T10:00:20Z"));
  }

  @Test
  void fixedRateTaskRunsOncePerPeriodUntilCancelled() {
    AtomicInteger runs = new AtomicInteger();
    ScheduledFuture<?> ticking =
        scheduler.scheduleAtFixedRate(runs::incrementAndGet, 0, 10, TimeUnit.SECONDS);

    time.advance(Duration.ofSeconds(95));
    assertThat(runs).hasValue(10);

    assertThat(ticking.cancel(false)).isTrue();
    time.advance(Duration.ofMinutes(5));
    assertThat(runs).hasValue(10);
    assertThat(time.pendingTasks()).isZero();
    assertThat(ticking.isCancelled()).isTrue();
  }

  @Test
  void periodicTaskStopsAfterItThrowsAndItsFutureCarriesTheFailure() {
    AtomicInteger runs = new AtomicInteger();
    ScheduledFuture<?> ticking =
        scheduler.scheduleWithFixedDelay(
            () -> {
              if (runs.incrementAndGet() == 3) {
                throw new IllegalStateException("third run fails");
              }
            },
            1,
            1,
            TimeUnit.SECONDS);

    time.advance(Duration.ofSeconds(10));

    assertThat(runs).hasValue(3);
    assertThatThrownBy(ticking::get)
        .isInstanceOf(ExecutionException.class)
        .hasRootCauseMessage("third run fails");
  }

  @Test
  void cancelledTasksNeitherRunNorCountAsPending() {
    AtomicInteger runs = new AtomicInteger();
    ScheduledFuture<?> first = scheduler.schedule(runs::incrementAndGet, 1, TimeUnit.SECONDS);
    scheduler.schedule(runs::incrementAndGet, 2, TimeUnit.SECONDS);

    first.cancel(false);

    assertThat(time.pendingTasks()).isEqualTo(1);
    assertThat(time.nextTaskTime()).contains(time.now().plusSeconds(2));
    time.advance(Duration.ofSeconds(5));
    assertThat(runs).hasValue(1);
  }

  @Test
  void delayReportsRemainingVirtualTime() {
    ScheduledFuture<?> task = scheduler.schedule(() -> {}, 90, TimeUnit.SECONDS);

    time.advance(Duration.ofSeconds(30));

    assertThat(task.getDelay(TimeUnit.SECONDS)).isEqualTo(60);
  }

  @Test
  void completableFuturesChainThroughATenMinutePollLoop() {
    CompletableFuture<Integer> done = new CompletableFuture<>();
    AtomicInteger polls = new AtomicInteger();
    Instant finish = time.now().plus(Duration.ofMinutes(10));
    Runnable[] poll = new Runnable[1];
    poll[0] =
        () -> {
          polls.incrementAndGet();
          if (time.now().isBefore(finish)) {
            scheduler.schedule(poll[0], 5, TimeUnit.SECONDS);
          } else {
            done.complete(polls.get());
          }
        };
    scheduler.execute(poll[0]);
    CompletableFuture<String> chained = done.thenApply(n -> n + " polls at " + time.now());

    Duration moved = time.runUntilIdle();

    assertThat(chained).isCompletedWithValue("121 polls at 2030-05-01T10:10:00Z");
    assertThat(moved).isEqualTo(Duration.ofMinutes(10));
    assertThat(time.tasksRun()).isEqualTo(121);
  }

  @Test
  void runsFiftyThousandTasksInDueOrder() {
    long seed = System.nanoTime();
    RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    List<Long> ranAt = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      long delay = random.nextLong(0, 3_600_000);
      scheduler.schedule(() -> ranAt.add(time.elapsed().toMillis()), delay, TimeUnit.MILLISECONDS);
    }
    assertThat(time.pendingTasks()).isEqualTo(50_000);

    time.advance(Duration.ofHours(1));

    assertThat(ranAt).as("seed %d", seed).hasSize(50_000).isSorted();
    assertThat(time.pendingTasks()).isZero();
  }

  @Test
  void manyCancellationsAreCheapAndExact() {
    List<ScheduledFuture<?>> tasks = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      tasks.add(scheduler.schedule(() -> {}, i, TimeUnit.MILLISECONDS));
    }
    for (int i = 0; i < 20_000; i += 2) {
      tasks.get(i).cancel(false);
    }

    assertThat(time.pendingTasks()).isEqualTo(10_000);
    assertThat(time.advance(Duration.ofMinutes(1))).isEqualTo(10_000);
  }

  @Test
  void advanceUntilIdleStopsAtTheLastTaskOrAtTheLimit() {
    scheduler.schedule(() -> {}, 42, TimeUnit.SECONDS);
    assertThat(time.advanceUntilIdle(Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(42));

    scheduler.scheduleAtFixedRate(() -> {}, 0, 1, TimeUnit.MINUTES);
    assertThat(time.advanceUntilIdle(Duration.ofHours(1))).isEqualTo(Duration.ofHours(1));
    assertThat(time.pendingTasks()).isEqualTo(1);
  }

  @Test
  void runUntilIdleRefusesToChaseAPeriodicTaskForever() {
    scheduler.scheduleAtFixedRate(() -> {}, 0, 1, TimeUnit.HOURS);

    assertThatThrownBy(time::runUntilIdle)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("1 task waiting");
  }

  @Test
  void aTaskMayNotMoveTime() {
    Future<?> mover = scheduler.submit(() -> time.advance(Duration.ofSeconds(1)));

    time.runDueTasks();

    assertThatThrownBy(mover::get)
        .hasCauseInstanceOf(IllegalStateException.class)
        .hasMessageContaining("must not move virtual time");
  }

  @Test
  void failuresOfExecutedTasksAreKeptForTheTest() {
    scheduler.execute(
        () -> {
          throw new IllegalArgumentException("boom");
        });
    scheduler.execute(() -> {});

    assertThat(time.runDueTasks()).isEqualTo(2);
    assertThat(time.uncaughtFailures())
        .singleElement()
        .extracting(Throwable::getMessage)
        .isEqualTo("boom");
  }

  @Test
  void shutdownRejectsNewTasksAndCancelsPeriodicOnes() {
    AtomicInteger oneShot = new AtomicInteger();
    scheduler.schedule(oneShot::incrementAndGet, 1, TimeUnit.SECONDS);
    ScheduledFuture<?> periodic =
        scheduler.scheduleAtFixedRate(() -> {}, 1, 1, TimeUnit.SECONDS);

    scheduler.shutdown();

    assertThat(periodic.isCancelled()).isTrue();
    assertThatThrownBy(() -> scheduler.execute(() -> {}))
        .isInstanceOf(RejectedExecutionException.class);
    assertThat(scheduler.isTerminated()).isFalse();
    time.advance(Duration.ofSeconds(1));
    assertThat(oneShot).hasValue(1);
    assertThat(scheduler.isTerminated()).isTrue();
  }

  @Test
  void cannotMoveBackwards() {
    assertThatThrownBy(() -> time.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not be negative");
    assertThatThrownBy(() -> time.advanceTo(time.now().minusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
