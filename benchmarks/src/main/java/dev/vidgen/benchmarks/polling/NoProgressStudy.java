package dev.vidgen.benchmarks.polling;

import dev.vidgen.benchmarks.Workloads;
import dev.vidgen.core.client.AwaitOptions;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.policy.PollSchedule;
import dev.vidgen.testkit.time.VirtualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Polling a server that reports no progress, on virtual time. Five routes, each with its own typical
 * duration: medians of 40, 75, 120, 180 and 270 s, each task log-normal around its route's median
 * with log spread {@code sigma} (0.2: 95 % of a route's tasks within 0.67–1.5× its median), kept
 * within 10–590 s, of which 2–15 s queued (at most a third). A route's jobs arrive one every
 * quarter of its median, so about four run at once. The real {@link VidgenClient} learns each
 * route's durations as its tasks finish; the figures count the jobs after the first
 * {@value #WARM_UP} of each route. The cold case sends every job at once, so no wait has
 * anything learned.
 */
final class NoProgressStudy {
  static final double[] MEDIANS_S = {40, 75, 120, 180, 270};
  static final int WARM_UP = 20;
  private static final Duration SHORTEST = Duration.ofSeconds(10);
  private static final Duration LONGEST = Duration.ofSeconds(590);

  private NoProgressStudy() {}

  /** The study's route id for route {@code r}. */
  static String route(int r) {
    return "study-route-" + (char) ('a' + r);
  }

  /** Task plans of every route, in arrival order, with each task's arrival time (ms) in {@code arrivals}. */
  static List<Arrival> arrivals(int perRoute, double sigma, long seed) {
    RandomGenerator random = new SplittableRandom(seed);
    List<Arrival> all = new ArrayList<>();
    for (int r = 0; r < MEDIANS_S.length; r++) {
      long gap = Math.round(MEDIANS_S[r] * 1000 / 4);
      for (int i = 0; i < perRoute; i++) {
        double seconds = MEDIANS_S[r] * Math.exp(sigma * random.nextGaussian());
        long total = Math.max(SHORTEST.toMillis(), Math.min(LONGEST.toMillis(), Math.round(seconds * 1000)));
        long queued = Math.min(total / 3, 2_000 + (long) (random.nextDouble() * 13_000));
        SimulatedTasks.TaskPlan plan =
            new SimulatedTasks.TaskPlan(Duration.ofMillis(queued), Duration.ofMillis(total), route(r), i);
        all.add(new Arrival(r * 1_000L + i * gap, plan));
      }
    }
    all.sort(Comparator.comparingLong(Arrival::atMs));
    return all;
  }

  /** One job: when it is sent, and its task. */
  record Arrival(long atMs, SimulatedTasks.TaskPlan plan) {}

  /** The real client, learning: jobs sent at their arrival times; counts the jobs after the warm-up. */
  static PollingStudy.Outcome learned(List<Arrival> arrivals) {
    return vidgen("vidgen", arrivals, true);
  }

  /** The real client with nothing learned: every job sent at once. */
  static PollingStudy.Outcome cold(List<Arrival> arrivals) {
    return vidgen("vidgen_cold", arrivals, false);
  }

  /** A fixed loop ({@code first}, then every {@code every}) over the same tasks; all, or the jobs after the warm-up. */
  static PollingStudy.Outcome fixed(String name, List<Arrival> arrivals, Duration first, Duration every,
      boolean afterWarmUp) {
    List<SimulatedTasks.TaskPlan> plans = arrivals.stream().map(Arrival::plan).toList();
    VirtualTime time = VirtualTime.create();
    SimulatedTasks server = new SimulatedTasks(time.clock(), plans, ProgressModel.NONE);
    PollingStudy.pollFixed(time, server, plans.size(), first, every);
    return PollingStudy.outcome(name, ProgressModel.NONE, server, afterWarmUp ? afterWarmUp() : task -> true);
  }

  private static PollingStudy.Outcome vidgen(String name, List<Arrival> arrivals, boolean spread) {
    VirtualTime time = VirtualTime.create();
    SimulatedTasks server =
        new SimulatedTasks(time.clock(), arrivals.stream().map(Arrival::plan).toList(), ProgressModel.NONE);
    List<CompletableFuture<TaskSnapshot>> waits = new ArrayList<>();
    try (VidgenClient client = VidgenClient.builder()
        .provider(server)
        .catalog(catalog())
        .scheduler(time.scheduler())
        .clock(time.clock())
        .ioExecutor(Runnable::run)
        .random(new SplittableRandom(arrivals.size() ^ 0x5DEECE66DL))
        .pollSchedule(PollSchedule.defaults())
        .build()) {
      for (Arrival arrival : arrivals) {
        VideoJob job = job(arrival.plan().route());
        CompletableFuture<TaskSnapshot> wait = new CompletableFuture<>();
        waits.add(wait);
        Runnable send = () -> client.submitAsync(job)
            .thenCompose(handle -> client.awaitAsync(handle, AwaitOptions.defaults()))
            .whenComplete((done, failure) -> {
              if (failure == null) {
                wait.complete(done);
              } else {
                wait.completeExceptionally(failure);
              }
            });
        time.scheduler().schedule(send, spread ? arrival.atMs() : 0, TimeUnit.MILLISECONDS);
      }
      time.runUntilIdle();
      long failed = waits.stream().filter(w -> !w.isDone() || w.isCompletedExceptionally()).count();
      if (failed > 0) {
        throw new IllegalStateException(failed + " of " + waits.size() + " waits did not complete");
      }
    }
    return PollingStudy.outcome(name, ProgressModel.NONE, server, spread ? afterWarmUp() : task -> true);
  }

  private static Predicate<SimulatedTasks.Task> afterWarmUp() {
    return task -> task.plan.index() >= WARM_UP;
  }

  private static VideoJob job(String route) {
    return VideoJob.builder(route).prompt(Workloads.PROMPT).image(Workloads.IMAGE_URL).seconds(10).aspectRatio("16:9")
        .build();
  }

  /** The built-in catalog with the study's routes: copies of the benchmark model under their own ids. */
  private static RouteCatalog catalog() {
    RouteCatalog builtIn = RouteCatalog.builtIn();
    ModelRoute base = builtIn.require(Workloads.MODEL);
    List<ModelRoute> routes = new ArrayList<>();
    for (int r = 0; r < MEDIANS_S.length; r++) {
      routes.add(new ModelRoute(route(r), base.displayName(), base.family(), base.modes(), base.imageCounts(),
          base.videoCounts(), base.durations(), base.aspectRatios(), base.defaultAspectRatio(), base.resolutions(),
          base.defaultResolution(), base.maxPromptChars(), base.promptRequired(), base.price(), base.knownParams(),
          base.hints(), base.note(), base.rules(), base.retirement()));
    }
    return builtIn.with(routes.toArray(ModelRoute[]::new));
  }
}
