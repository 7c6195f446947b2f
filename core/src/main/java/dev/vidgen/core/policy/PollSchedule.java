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
 * expected to finish near {@code t·100/p}, or, from two readings, where their pace reaches 100 %
 * (see {@link ProgressTrail}); the schedule waits a fraction of the expected remaining time
 * (sparse far from the finish, dense near it) and then polls every {@linkplain
 * Builder#minInterval minimum interval}. Once two paced estimates agree, it polls just after the
 * finish they put. Without progress (none, or 0 %) it follows
 * the route's {@link LearnedDurations} when given enough of them: after the first poll, which never
 * comes later than the first delay and its jitter, no polls where finishing is
 * unlikely, dense ones where it is likely, the unguided pace beyond; with nothing learned it
 * keeps the unguided pace (by default 5 s, then every 10 s). A budget (by default one poll per 10 s on average, plus a
 * few spare polls) keeps progress that is stuck or wrong from causing a storm of requests. See
 * {@code docs/retries-and-polling.md}.
 */
public final class PollSchedule {
  /** The margin past a steady pace's finish, as a share of the task's running time. */
  static final double LANDING_SHARE = 0.02;

  private final Duration firstDelay;
  private final Duration minInterval;
  private final Duration maxInterval;
  private final Duration unguidedInterval;
  private final double approach;
  private final double jitter;
  private final Duration budgetInterval;
  private final int budgetSpare;
  private final Duration deadline;

  private PollSchedule(Builder builder) {
    this.firstDelay = builder.firstDelay;
    this.minInterval = builder.minInterval;
    this.maxInterval = builder.maxInterval;
    this.unguidedInterval = builder.unguidedInterval;
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

  /** The longest wait between two polls. */
  public Duration maxInterval() {
    return maxInterval;
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
    return nextDelay(pollsSoFar, elapsed, progress, LearnedDurations.none(), random);
  }

  /**
   * The wait before the next status request, as {@link #nextDelay(int, Duration, OptionalInt,
   * RandomGenerator)}, for a task whose route took {@code learned} before: without progress the
   * wait follows where such tasks finished (see {@code docs/retries-and-polling.md}).
   *
   * @param learned the route's durations so far; {@link LearnedDurations#none()} when unknown
   * @throws IllegalArgumentException when {@code pollsSoFar} or {@code elapsed} is negative
   */
  public Optional<Duration> nextDelay(
      int pollsSoFar, Duration elapsed, OptionalInt progress, LearnedDurations learned, RandomGenerator random) {
    Objects.requireNonNull(elapsed, "elapsed == null");
    Objects.requireNonNull(progress, "progress == null");
    return nextDelay(pollsSoFar, elapsed, ProgressTrail.none().next(elapsed, progress), learned, random);
  }

  /**
   * The wait before the next status request, as {@link #nextDelay(int, Duration, OptionalInt,
   * LearnedDurations, RandomGenerator)}, for a task whose readings so far are {@code trail}: its
   * pace puts the finish better than the latest percent alone, and a steady pace lets the next
   * poll fall just after the finish.
   *
   * @param trail the task's progress readings so far; {@link ProgressTrail#none()} before the first
   * @throws IllegalArgumentException when {@code pollsSoFar} or {@code elapsed} is negative
   */
  public Optional<Duration> nextDelay(
      int pollsSoFar, Duration elapsed, ProgressTrail trail, LearnedDurations learned, RandomGenerator random) {
    Objects.requireNonNull(learned, "learned == null");
    Objects.requireNonNull(elapsed, "elapsed == null");
    Objects.requireNonNull(trail, "trail == null");
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
    int percent = trail.lastPercent().orElse(0);
    LearnedPlan plan = percent <= 0 ? learned.plan(planSettings()) : null;
    double waitMs;
    if (plan != null && !plan.isEmpty()) {
      waitMs = Math.max(plannedWait(plan, pollsSoFar, elapsedMs, random), budgetWait(pollsSoFar, elapsedMs, random));
    } else if (pollsSoFar == 0) {
      // A task resumed late is polled at once rather than 5 s after it was found again (past the first delay, the
      // jitter does not hold it back either).
      waitMs = elapsedMs >= firstDelay.toMillis() ? 0 : Math.max(0, jittered(firstDelay.toMillis(), random) - elapsedMs);
    } else if (percent < 100 && trail.isSteady()) {
      waitMs = Math.max(landingWait(trail, elapsedMs, random), budgetWait(pollsSoFar, elapsedMs, random));
    } else {
      double nominal = clamp(nominalInterval(percent, trail, elapsedMs));
      waitMs = Math.max(jittered(nominal, random), budgetWait(pollsSoFar, elapsedMs, random));
    }
    if (pollsSoFar > 0) {
      return flooredWait(waitMs, leftMs);
    }
    // The first read comes within the first delay and its jitter, whatever a route's history says: durations
    // learned wrong (a pause recorded as a run) must not hold every later task back.
    double firstAtMostMs = Math.max(0, firstDelay.toMillis() * (1 + jitter) - elapsedMs);
    return Optional.of(Duration.ofMillis(Math.round(Math.min(Math.min(waitMs, firstAtMostMs), leftMs))));
  }

  /**
   * The shortest time between two polls of one task: the minimum interval less its jitter (0.9 s by
   * default). No wait after a poll is shorter, whatever guides it.
   */
  public Duration shortestWait() {
    return Duration.ofMillis(Math.round(minInterval.toMillis() * (1 - jitter)));
  }

  /**
   * A wait after a poll, kept to the {@linkplain #shortestWait shortest wait} (a learned plan's jitter could make
   * it zero): one that would leave less than that before the deadline polls on the deadline instead, and a poll
   * less than that before the deadline is the last.
   */
  private Optional<Duration> flooredWait(double waitMs, double leftMs) {
    double shortestMs = shortestWait().toMillis();
    if (leftMs < shortestMs) {
      return Optional.empty();
    }
    double floored = Math.max(waitMs, shortestMs);
    double atMs = leftMs - floored < shortestMs ? leftMs : floored;
    return Optional.of(Duration.ofMillis(Math.round(atMs)));
  }

  private double nominalInterval(int percent, ProgressTrail trail, double elapsedMs) {
    if (percent >= 100) {
      return minInterval.toMillis();
    }
    if (percent <= 0 || elapsedMs <= 0) {
      return unguidedInterval.toMillis();
    }
    double remainingMs = trail.finishMs() - elapsedMs;
    return remainingMs * approach;
  }

  /**
   * With a steady pace, the wait to just after the finish it puts: a margin of a small share of the
   * running time (at most half the minimum interval) past it, jittered by a share of that margin
   * only, so that the jitter does not undo the aim.
   */
  private double landingWait(ProgressTrail trail, double elapsedMs, RandomGenerator random) {
    double marginMs = Math.min(minInterval.toMillis() / 2.0, LANDING_SHARE * trail.runningMs());
    double aimMs = trail.finishMs() - trail.finishErrorMs();
    double waitMs = aimMs - elapsedMs + marginMs * (1 + jitter * (2 * random.nextDouble() - 1));
    return clamp(waitMs);
  }

  /**
   * The wait to the plan's next time, at least half the minimum interval away (a task resumed past
   * its first planned time is polled at once), jittered by a share of the plan's local spacing; the
   * unguided pace once the plan is used up.
   */
  private double plannedWait(LearnedPlan plan, int pollsSoFar, double elapsedMs, RandomGenerator random) {
    double elapsedS = elapsedMs / 1000;
    double after = pollsSoFar == 0 ? -1 : elapsedS + minInterval.toMillis() / 2000.0;
    double next = plan.nextAfter(after);
    if (Double.isNaN(next)) {
      return jittered(clamp(unguidedInterval.toMillis()), random);
    }
    double spacingMs = plan.spacingAt(next) * 1000;
    double waitMs = next * 1000 - elapsedMs;
    return Math.max(0, waitMs + jitter * spacingMs * (2 * random.nextDouble() - 1));
  }

  private LearnedPlan.Settings planSettings() {
    return new LearnedPlan.Settings(firstDelay.toMillis() / 1000.0, clamp(unguidedInterval.toMillis()) / 1000.0,
        minInterval.toMillis() / 1000.0, budgetInterval.toMillis() / 1000.0, budgetSpare);
  }

  /**
   * Spare polls run out, then at most one poll per budget interval since the task was created; jittered
   * later only (by up to the jitter's share of the interval), so that tasks made together do not poll in
   * step and the budget still holds.
   */
  private double budgetWait(int pollsSoFar, double elapsedMs, RandomGenerator random) {
    long spent = (long) pollsSoFar + 1 - budgetSpare;
    if (spent <= 0) {
      return 0;
    }
    double intervalMs = budgetInterval.toMillis();
    return spent * intervalMs - elapsedMs + jitter * intervalMs * random.nextDouble();
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
        + maxInterval.toMillis() + " ms, unguided every " + unguidedInterval.toMillis() + " ms, approach " + approach + ", jitter ±" + jitter
        + ", budget 1 per " + budgetInterval.toMillis() + " ms + " + budgetSpare + ", deadline " + deadline + "]";
  }

  /** Tunes a {@link PollSchedule}; every setting has a sensible default. Not thread-safe. */
  public static final class Builder {
    private Duration firstDelay = Duration.ofSeconds(5);
    private Duration minInterval = Duration.ofSeconds(1);
    private Duration maxInterval = Duration.ofSeconds(20);
    private Duration unguidedInterval = Duration.ofSeconds(10);
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
      unguidedInterval = schedule.unguidedInterval;
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

    /**
     * The wait between polls when neither progress nor learned durations guide them, and beyond
     * the learned range (default 10 s, kept within the minimum and maximum interval).
     */
    public Builder unguidedInterval(Duration unguidedInterval) {
      this.unguidedInterval = DurationChecks.requirePositive(unguidedInterval, "unguidedInterval");
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
