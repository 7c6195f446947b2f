package dev.vidgen.core.policy;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;

/**
 * Decides, with no sleeping, when to ask for a task's status next: a first poll after about 5 s,
 * then a growing, capped interval, guided by reported progress, always jittered, until a
 * deadline (10 minutes by default). Immutable and thread-safe.
 *
 * <p>When a task has reported progress {@code p} (1–99 %) at elapsed time {@code t}, it is
 * expected to finish near {@code t·100/p}; the schedule waits a fraction of the expected
 * remaining time (sparse far from the finish, dense near it) and then polls every
 * {@linkplain Builder#minInterval minimum interval}. Without progress the interval grows from
 * the first delay by a constant factor. A budget (by default one poll per 10 s on average, plus a
 * few spare polls) keeps progress that is stuck or wrong from causing a storm of requests. See
 * {@code docs/retries-and-polling.md}.
 */
public final class PollSchedule {
  private final Duration firstDelay;
  private final Duration minInterval;
  private final Duration maxInterval;
  private final double growth;
  private final double approach;
  private final double jitter;
  private final Duration budgetInterval;
  private final int budgetSpare;
  private final Duration deadline;

  private PollSchedule(Builder builder) {
    this.firstDelay = builder.firstDelay;
    this.minInterval = builder.minInterval;
    this.maxInterval = builder.maxInterval;
    this.growth = builder.growth;
    this.approach = builder.approach;
    this.jitter = builder.jitter;
    this.budgetInterval = builder.budgetInterval;
    this.budgetSpare = builder.budgetSpare;
    this.deadline = builder.deadline;
  }

  /** The schedule vidgen uses unless told otherwise. */
  public static PollSchedule defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this schedule's settings. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** This schedule with another deadline, such as the one a caller asked for. */
  public PollSchedule withDeadline(Duration deadline) {
    return toBuilder().deadline(deadline).build();
  }

  /** How long to wait for a task in all. */
  public Duration deadline() {
    return deadline;
  }

  /**
   * The wait before the next status request, or empty when the deadline is reached. The last
   * wait is shortened so that one poll falls on the deadline itself.
   *
   * @param pollsSoFar status requests already made for this task (0 before the first)
   * @param elapsed time since the task was created
   * @param progress the last reported percent, if any
   * @param random the source of jitter
   * @throws IllegalArgumentException when {@code pollsSoFar} or {@code elapsed} is negative
   */
  public Optional<Duration> nextDelay(
      int pollsSoFar, Duration elapsed, OptionalInt progress, RandomGenerator random) {
    Objects.requireNonNull(elapsed, "elapsed == null");
    Objects.requireNonNull(progress, "progress == null");
    Objects.requireNonNull(random, "random == null");
    if (pollsSoFar < 0) {
      throw new IllegalArgumentException("pollsSoFar is negative: " + pollsSoFar);
    }
    if (elapsed.isNegative()) {
      throw new IllegalArgumentException("elapsed is negative: " + elapsed);
    }
    if (elapsed.compareTo(deadline) >= 0) {
      return Optional.empty();
    }
    double elapsedMs = elapsed.toMillis();
    double leftMs = deadline.toMillis() - elapsedMs;
    double waitMs;
    if (pollsSoFar == 0) {
      // A task resumed late is polled at once rather than 5 s after it was found again.
      waitMs = Math.max(0, jittered(firstDelay.toMillis(), random) - elapsedMs);
    } else {
      double nominal = clamp(nominalInterval(pollsSoFar, elapsedMs, progress));
      waitMs = Math.max(jittered(nominal, random), budgetWait(pollsSoFar, elapsedMs));
    }
    return Optional.of(Duration.ofMillis(Math.round(Math.min(waitMs, leftMs))));
  }

  private double nominalInterval(int pollsSoFar, double elapsedMs, OptionalInt progress) {
    int percent = progress.isPresent() ? progress.getAsInt() : 0;
    if (percent >= 100) {
      return minInterval.toMillis();
    }
    if (percent <= 0 || elapsedMs <= 0) {
      return firstDelay.toMillis() * Math.pow(growth, Math.min(pollsSoFar, 200));
    }
    double remainingMs = elapsedMs * (100.0 - percent) / percent;
    return remainingMs * approach;
  }

  /** Spare polls run out, then at most one poll per budget interval since the task was created. */
  private double budgetWait(int pollsSoFar, double elapsedMs) {
    long spent = (long) pollsSoFar + 1 - budgetSpare;
    return spent <= 0 ? 0 : spent * (double) budgetInterval.toMillis() - elapsedMs;
  }

  private double clamp(double millis) {
    return Math.max(minInterval.toMillis(), Math.min(maxInterval.toMillis(), millis));
  }

  private double jittered(double millis, RandomGenerator random) {
    return millis * (1 + jitter * (2 * random.nextDouble() - 1));
  }

  @Override
  public String toString() {
    return "PollSchedule[first " + firstDelay.toMillis() + " ms, interval " + minInterval.toMillis() + "–"
        + maxInterval.toMillis() + " ms, growth " + growth + ", approach " + approach + ", jitter ±" + jitter
        + ", budget 1 per " + budgetInterval.toMillis() + " ms + " + budgetSpare + ", deadline " + deadline + "]";
  }

  /** Tunes a {@link PollSchedule}; every setting has a sensible default. Not thread-safe. */
  public static final class Builder {
    private Duration firstDelay = Duration.ofSeconds(5);
    private Duration minInterval = Duration.ofSeconds(1);
    private Duration maxInterval = Duration.ofSeconds(20);
    private double growth = 1.5;
    private double approach = 0.35;
    private double jitter = 0.1;
    private Duration budgetInterval = Duration.ofSeconds(10);
    private int budgetSpare = 8;
    private Duration deadline = Duration.ofMinutes(10);

    private Builder() {}

    private Builder(PollSchedule schedule) {
      firstDelay = schedule.firstDelay;
      minInterval = schedule.minInterval;
      maxInterval = schedule.maxInterval;
      growth = schedule.growth;
      approach = schedule.approach;
      jitter = schedule.jitter;
      budgetInterval = schedule.budgetInterval;
      budgetSpare = schedule.budgetSpare;
      deadline = schedule.deadline;
    }

    /** The wait before the first poll, counted from the task's creation (default 5 s). */
    public Builder firstDelay(Duration firstDelay) {
      this.firstDelay = DurationChecks.requireNotNegative(firstDelay, "firstDelay");
      return this;
    }

    /** The shortest wait between polls, used next to the expected finish (default 1 s). */
    public Builder minInterval(Duration minInterval) {
      this.minInterval = DurationChecks.requirePositive(minInterval, "minInterval");
      return this;
    }

    /** The longest wait between polls before jitter (default 20 s). */
    public Builder maxInterval(Duration maxInterval) {
      this.maxInterval = DurationChecks.requirePositive(maxInterval, "maxInterval");
      return this;
    }

    /** How much each interval grows over the last while no progress is reported (default 1.5). */
    public Builder growth(double growth) {
      if (!(growth >= 1 && growth <= 10)) {
        throw new IllegalArgumentException("growth must be from 1 to 10: " + growth);
      }
      this.growth = growth;
      return this;
    }

    /**
     * The share of the expected remaining time waited when progress is known (default 0.35): lower
     * polls more often on the way, higher risks passing the finish.
     */
    public Builder approach(double approach) {
      if (!(approach > 0 && approach <= 1)) {
        throw new IllegalArgumentException("approach must be above 0 and at most 1: " + approach);
      }
      this.approach = approach;
      return this;
    }

    /** Each wait varies at random by up to this share either way (default 0.1, i.e. ±10 %). */
    public Builder jitter(double jitter) {
      if (!(jitter > 0 && jitter < 1)) {
        throw new IllegalArgumentException("jitter must be above 0 and below 1 (waits are always jittered): " + jitter);
      }
      this.jitter = jitter;
      return this;
    }

    /**
     * At most {@code spare} polls plus one per {@code interval} since the task was created
     * (default 8 plus one per 10 s), however progress behaves; a zero interval turns the
     * budget off.
     */
    public Builder budget(Duration interval, int spare) {
      this.budgetInterval = DurationChecks.requireNotNegative(interval, "budget interval");
      if (spare < 1) {
        throw new IllegalArgumentException("spare polls must be at least 1: " + spare);
      }
      this.budgetSpare = spare;
      return this;
    }

    /** How long to wait for a task in all, counted from its creation (default 10 minutes). */
    public Builder deadline(Duration deadline) {
      this.deadline = DurationChecks.requirePositive(deadline, "deadline");
      return this;
    }

    /**
     * The schedule.
     *
     * @throws IllegalArgumentException when the minimum interval exceeds the maximum
     */
    public PollSchedule build() {
      if (minInterval.compareTo(maxInterval) > 0) {
        throw new IllegalArgumentException(
            "minInterval " + minInterval + " is longer than maxInterval " + maxInterval);
      }
      return new PollSchedule(this);
    }
  }
}
