package dev.vidgen.core.policy;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;

/**
 * Polls simulated jobs on virtual time (plain arithmetic, no clock, no sleeping) and counts the
 * status requests and the detection lag: the time from a job's actual finish to the poll that
 * sees it.
 */
final class VirtualPolling {
  private VirtualPolling() {}

  /** What a server reports as progress while a job of {@code total} seconds runs. */
  interface ProgressModel {
    OptionalInt at(double elapsed, double total, RandomGenerator random);
  }

  /** Totals over many jobs. */
  record Outcome(int jobs, long requests, double lagSeconds, int unfinished) {
    double requestsPerJob() {
      return (double) requests / jobs;
    }

    double meanLag() {
      return lagSeconds / jobs;
    }

    @Override
    public String toString() {
      return String.format(
          "%.2f requests/job, mean lag %.2f s (%d jobs, %d unfinished)", requestsPerJob(), meanLag(), jobs, unfinished);
    }
  }

  /** Progress exactly proportional to the elapsed share, in whole percent, below 100 while running. */
  static ProgressModel proportional() {
    return noisy(0);
  }

  /** Proportional progress with Gaussian noise of {@code sigma} percentage points on each reading. */
  static ProgressModel noisy(double sigma) {
    return queuedThenNoisy(0, sigma);
  }

  /** Progress 0 while queued for {@code queued} seconds, then noisy and proportional to the rest. */
  static ProgressModel queuedThenNoisy(double queued, double sigma) {
    return (elapsed, total, random) -> {
      if (elapsed < queued) {
        return OptionalInt.of(0);
      }
      double percent = 100 * (elapsed - queued) / (total - queued) + sigma * random.nextGaussian();
      return OptionalInt.of((int) Math.max(0, Math.min(99, Math.floor(percent))));
    };
  }

  /** A server that never reports progress. */
  static ProgressModel absent() {
    return (elapsed, total, random) -> OptionalInt.empty();
  }

  /** Polls each job of {@code durations} (seconds) with {@code schedule} until it is seen finished. */
  static Outcome withSchedule(
      PollSchedule schedule, double[] durations, ProgressModel progress, RandomGenerator random) {
    return withSchedule(schedule, durations, progress, LearnedDurations.none(), random);
  }

  /** Polls each job of {@code durations} (seconds) with {@code schedule}, knowing {@code learned} of its route. */
  static Outcome withSchedule(PollSchedule schedule, double[] durations, ProgressModel progress,
      LearnedDurations learned, RandomGenerator random) {
    long requests = 0;
    double lag = 0;
    int unfinished = 0;
    for (double total : durations) {
      double elapsed = 0;
      int polls = 0;
      ProgressTrail trail = ProgressTrail.none();
      while (true) {
        Optional<Duration> delay =
            schedule.nextDelay(polls, Duration.ofMillis(Math.round(elapsed * 1000)), trail, learned, random);
        if (delay.isEmpty()) {
          unfinished++;
          break;
        }
        elapsed += delay.get().toMillis() / 1000.0;
        polls++;
        if (elapsed >= total) {
          lag += elapsed - total;
          break;
        }
        trail = trail.next(Duration.ofMillis(Math.round(elapsed * 1000)), progress.at(elapsed, total, random));
      }
      requests += polls;
    }
    return new Outcome(durations.length, requests, lag, unfinished);
  }

  /**
   * Polls the jobs of {@code durations} (seconds) one after another without progress, each knowing
   * what {@code store} learned of {@code route} so far, and records each as the client does: the
   * middle of the span between the last poll that saw it running and the one that saw it done.
   */
  static Outcome learning(PollSchedule schedule, double[] durations, RouteDurations store, String route,
      RandomGenerator random) {
    long requests = 0;
    double lag = 0;
    for (double total : durations) {
      LearnedDurations learned = store.learned(route);
      double elapsed = 0;
      double running = 0;
      int polls = 0;
      while (elapsed < total) {
        running = elapsed;
        elapsed += schedule.nextDelay(polls, Duration.ofMillis(Math.round(elapsed * 1000)), OptionalInt.empty(),
            learned, random).orElseThrow().toMillis() / 1000.0;
        polls++;
      }
      lag += elapsed - total;
      requests += polls;
      store.record(route, Duration.ofMillis(Math.round((running + elapsed) * 500)));
    }
    return new Outcome(durations.length, requests, lag, 0);
  }

  /** Polls each job at {@code first} seconds and then every {@code every} seconds. */
  static Outcome fixed(double first, double every, double[] durations) {
    long requests = 0;
    double lag = 0;
    for (double total : durations) {
      long polls = 1 + (long) Math.ceil(Math.max(0, total - first) / every);
      requests += polls;
      lag += first + every * (polls - 1) - total;
    }
    return new Outcome(durations.length, requests, lag, 0);
  }

  /** {@code count} job durations (seconds) drawn log-normally around {@code median} with log spread {@code sigma}. */
  static double[] logNormal(int count, double median, double sigma, RandomGenerator random) {
    double[] durations = new double[count];
    for (int i = 0; i < count; i++) {
      durations[i] = median * Math.exp(sigma * random.nextGaussian());
    }
    return durations;
  }

  /** {@code count} job durations drawn uniformly from {@code min} to {@code max} seconds. */
  static double[] durations(int count, double min, double max, RandomGenerator random) {
    double[] durations = new double[count];
    for (int i = 0; i < count; i++) {
      durations[i] = random.nextDouble(min, max);
    }
    return durations;
  }
}
