package dev.vidgen.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ProgressTrailTest {
  private final PollSchedule schedule = PollSchedule.defaults();

  @Test
  void putsTheFinishWhereTheReadPaceReachesAHundredLeavingOutTheQueue() {
    // Queued 3 s, then 40 s of even progress: 5 % at 5 s, 55 % at 25 s.
    ProgressTrail one = ProgressTrail.none().next(seconds(5), percent(5));
    ProgressTrail two = one.next(seconds(25), percent(55));

    assertThat(one.finishMs()).as("one reading counts from the creation").isCloseTo(100_000, within(1.0));
    assertThat(two.finishMs()).as("two readings give the pace").isCloseTo(43_000, within(1.0));
    assertThat(two.lastPercent()).hasValue(55);
  }

  @Test
  void isSteadyOnlyOnceThreeEvenReadingsAgree() {
    ProgressTrail trail = ProgressTrail.none();
    trail = trail.next(seconds(5), percent(5));
    assertThat(trail.isSteady()).isFalse();
    trail = trail.next(seconds(25), percent(55));
    assertThat(trail.isSteady()).as("one paced estimate has nothing to agree with").isFalse();
    trail = trail.next(seconds(31), percent(70));
    assertThat(trail.isSteady()).isTrue();
    assertThat(trail.finishMs()).isCloseTo(43_000, within(50.0));
  }

  @Test
  void isNotSteadyWhenProgressSpeedsUpSlowsDownOrJumps() {
    assertThat(trail(new double[] {5, 25, 35, 41}, new int[] {1, 30, 55, 75}).isSteady())
        .as("speeding up").isFalse();
    assertThat(trail(new double[] {5, 25, 35, 41}, new int[] {20, 70, 84, 90}).isSteady())
        .as("slowing down").isFalse();
    assertThat(trail(new double[] {5, 15, 25, 35}, new int[] {10, 10, 40, 40}).isSteady())
        .as("in steps").isFalse();
  }

  @Test
  void speedingUpNeverPutsTheFinishLaterThanTheLatestReadingAlone() {
    ProgressTrail trail = trail(new double[] {10, 40, 60}, new int[] {2, 40, 80});

    assertThat(trail.finishMs()).isLessThanOrEqualTo(60_000 * 100.0 / 80);
  }

  @Test
  void slowingDownNeverPutsTheFinishSoonerThanTheLatestReadingAlone() {
    // The latest reading lies well under the line through the others: the line's finish is too soon.
    ProgressTrail trail = trail(new double[] {5, 25, 35, 41}, new int[] {20, 70, 84, 90});

    assertThat(trail.finishMs()).isCloseTo(41_000 * 100.0 / 90, within(1.0));
  }

  @Test
  void queuedOrMissingProgressAndReadingsOutOfOrderChangeNoEstimate() {
    ProgressTrail queued = ProgressTrail.none().next(seconds(5), percent(0));
    assertThat(queued.finishMs()).isNaN();
    assertThat(queued.isSteady()).isFalse();

    ProgressTrail trail = trail(new double[] {5, 25}, new int[] {5, 55});
    assertThat(trail.next(seconds(20), percent(90))).isSameAs(trail);
    assertThat(trail.next(seconds(30), OptionalInt.empty()).finishMs()).isNaN();
    assertThat(ProgressTrail.none().toString()).isEqualTo("ProgressTrail[no reading]");
    assertThat(trail.toString()).contains("55 %", "finish 43000 ms");
  }

  @Test
  void aSteadyPaceMakesTheNextPollFallJustAfterTheFinish() {
    ProgressTrail trail = trail(new double[] {5, 25, 31}, new int[] {5, 55, 70});

    Duration wait = schedule.nextDelay(3, seconds(31), trail, LearnedDurations.none(), FixedRandom.middle())
        .orElseThrow();

    // 12 s to the finish at 43 s, plus a margin of 2 % of the 38 s run (0.76 s), at most half a second.
    assertThat(wait).isEqualTo(Duration.ofMillis(12_500));
  }

  @Test
  void anUnsteadyPaceStillWaitsAShareOfTheRemainingTime() {
    ProgressTrail trail = trail(new double[] {5, 25}, new int[] {5, 55});

    Duration wait = schedule.nextDelay(2, seconds(25), trail, LearnedDurations.none(), FixedRandom.middle())
        .orElseThrow();

    // 18 s to the finish at 43 s; 35 % of that.
    assertThat(wait).isEqualTo(Duration.ofMillis(6_300));
  }

  @Test
  void evenProgressNeedsFewPollsAndIsNoticedWithinASecond() {
    // Queued 4 s, then 50 s of even progress in whole percent, read the way the client does.
    double queued = 4;
    double running = 50;
    double elapsed = 0;
    int polls = 0;
    ProgressTrail trail = ProgressTrail.none();
    while (true) {
      elapsed += schedule.nextDelay(polls, seconds(elapsed), trail, LearnedDurations.none(), FixedRandom.middle())
          .orElseThrow().toMillis() / 1000.0;
      polls++;
      if (elapsed >= queued + running) {
        break;
      }
      int percent = (int) Math.round(Math.max(0, elapsed - queued) / running * 100);
      trail = trail.next(seconds(elapsed), percent(Math.min(99, percent)));
    }

    assertThat(polls).isLessThanOrEqualTo(5);
    assertThat(elapsed - queued - running).isBetween(0.0, 1.0);
  }

  private static ProgressTrail trail(double[] atSeconds, int[] percents) {
    ProgressTrail trail = ProgressTrail.none();
    for (int i = 0; i < atSeconds.length; i++) {
      trail = trail.next(seconds(atSeconds[i]), percent(percents[i]));
    }
    return trail;
  }

  private static Duration seconds(double seconds) {
    return Duration.ofMillis(Math.round(seconds * 1000));
  }

  private static OptionalInt percent(int value) {
    return OptionalInt.of(value);
  }
}
