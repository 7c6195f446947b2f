package dev.vidgen.benchmarks.polling;

import dev.vidgen.benchmarks.Workloads;
import dev.vidgen.core.client.AwaitOptions;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.policy.PollSchedule;
import dev.vidgen.testkit.time.VirtualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * How many status requests a wait costs and how late it notices the finish, on virtual time:
 * tasks of 30 to 300 s (uniform) that wait 2 to 15 s in the queue, then report progress; the same
 * tasks waited for by the real {@link VidgenClient} with its {@link PollSchedule}, by polling
 * every second, and by ToAPIs' advice (first after 5 s, then every 10 s).
 */
public final class PollingStudy {
  static final Duration SHORTEST = Duration.ofSeconds(30);
  static final Duration LONGEST = Duration.ofSeconds(300);

  /**
   * One strategy over one set of tasks.
   *
   * @param requestsPerJob status requests per task, mean
   * @param meanLagS seconds from the finish to the request that saw it, mean
   */
  public record Outcome(String strategy, String progress, int jobs, long requests, double requestsPerJob,
      double meanLagS, double p95LagS, double maxLagS, int unnoticed) {}

  private PollingStudy() {}

  /** Task plans: durations uniform from 30 to 300 s, queue waits from 2 to 15 s (at most a third). */
  static List<SimulatedTasks.TaskPlan> plans(int jobs, long seed) {
    RandomGenerator random = new SplittableRandom(seed);
    List<SimulatedTasks.TaskPlan> plans = new ArrayList<>(jobs);
    long span = LONGEST.toMillis() - SHORTEST.toMillis();
    for (int i = 0; i < jobs; i++) {
      long total = SHORTEST.toMillis() + (long) (random.nextDouble() * span);
      long queued = Math.min(total / 3, 2_000 + (long) (random.nextDouble() * 13_000));
      plans.add(new SimulatedTasks.TaskPlan(Duration.ofMillis(queued), Duration.ofMillis(total)));
    }
    return plans;
  }

  /** The real client, default poll schedule, waiting for every task. */
  public static Outcome vidgen(int jobs, long seed, ProgressModel progress) {
    return vidgen(jobs, seed, progress, PollSchedule.defaults());
  }

  static Outcome vidgen(int jobs, long seed, ProgressModel progress, PollSchedule schedule) {
    VirtualTime time = VirtualTime.create();
    SimulatedTasks server = new SimulatedTasks(time.clock(), plans(jobs, seed), progress);
    List<CompletableFuture<TaskSnapshot>> waits = new ArrayList<>(jobs);
    try (VidgenClient client = VidgenClient.builder()
        .provider(server)
        .scheduler(time.scheduler())
        .clock(time.clock())
        .ioExecutor(Runnable::run)
        .random(new SplittableRandom(seed ^ 0x5DEECE66DL))
        .pollSchedule(schedule)
        .build()) {
      for (int i = 0; i < jobs; i++) {
        waits.add(client.submitAsync(Workloads.validJob())
            .thenCompose(handle -> client.awaitAsync(handle, AwaitOptions.defaults())));
      }
      time.runUntilIdle();
      long failed = waits.stream().filter(w -> !w.isDone() || w.isCompletedExceptionally()).count();
      if (failed > 0) {
        throw new IllegalStateException(failed + " of " + jobs + " waits did not complete");
      }
    }
    return outcome("vidgen", progress, server);
  }

  /** A simple loop: the first request {@code first} after the create, then one every {@code every}. */
  public static Outcome fixed(String name, int jobs, long seed, ProgressModel progress, Duration first, Duration every) {
    VirtualTime time = VirtualTime.create();
    SimulatedTasks server = new SimulatedTasks(time.clock(), plans(jobs, seed), progress);
    pollFixed(time, server, jobs, first, every);
    return outcome(name, progress, server);
  }

  /** Creates {@code jobs} tasks now and polls each {@code first} after, then every {@code every}, to the end. */
  static void pollFixed(VirtualTime time, SimulatedTasks server, int jobs, Duration first, Duration every) {
    for (int i = 0; i < jobs; i++) {
      TaskId id = server.start();
      time.scheduler().schedule(new FixedPoll(time, server, id, every), first.toNanos(), TimeUnit.NANOSECONDS);
    }
    time.runUntilIdle();
  }

  /** One task's fixed-interval loop. */
  private record FixedPoll(VirtualTime time, SimulatedTasks server, TaskId id, Duration every) implements Runnable {
    @Override
    public void run() {
      if (!server.read(id).status().isTerminal()) {
        time.scheduler().schedule(this, every.toNanos(), TimeUnit.NANOSECONDS);
      }
    }
  }

  private static Outcome outcome(String strategy, ProgressModel progress, SimulatedTasks server) {
    return outcome(strategy, progress, server, task -> true);
  }

  /** The outcome over the tasks {@code counted} picks. */
  static Outcome outcome(String strategy, ProgressModel progress, SimulatedTasks server,
      java.util.function.Predicate<SimulatedTasks.Task> counted) {
    List<SimulatedTasks.Task> tasks = server.tasks().stream().filter(counted).toList();
    double[] lags = new double[tasks.size()];
    long requests = 0;
    int unnoticed = 0;
    for (int i = 0; i < tasks.size(); i++) {
      SimulatedTasks.Task task = tasks.get(i);
      requests += task.statusRequests;
      if (task.seenCompletedAt == null) {
        unnoticed++;
        lags[i] = Double.NaN;
      } else {
        lags[i] = Duration.between(task.completedAt(), task.seenCompletedAt).toNanos() / 1e9;
      }
    }
    double[] seen = Arrays.stream(lags).filter(lag -> !Double.isNaN(lag)).sorted().toArray();
    double mean = Arrays.stream(seen).average().orElse(Double.NaN);
    double p95 = seen.length == 0 ? Double.NaN : seen[(int) Math.min(seen.length - 1, Math.ceil(seen.length * 0.95) - 1)];
    double max = seen.length == 0 ? Double.NaN : seen[seen.length - 1];
    return new Outcome(strategy, progress.id(), tasks.size(), requests, (double) requests / tasks.size(), mean, p95,
        max, unnoticed);
  }
}
