package dev.vidgen.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.vidgen.core.policy.VirtualPolling.Outcome;
import dev.vidgen.core.policy.VirtualPolling.ProgressModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PollScheduleTest {
  private static final OptionalInt NO_PROGRESS = OptionalInt.empty();
  private static final long SEED = 7_2024L;

  private final PollSchedule schedule = PollSchedule.defaults();

  @Test
  void pollsFirstAfterFiveSecondsGiveOrTakeTenPercent() {
    assertThat(delay(0, 0, NO_PROGRESS, FixedRandom.middle())).isEqualTo(millis(5000));
    assertThat(delay(0, 0, NO_PROGRESS, FixedRandom.lowest())).isEqualTo(millis(4500));
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < 1000; i++) {
      assertThat(delay(0, 0, NO_PROGRESS, random)).as("seed %d, draw %d", SEED, i).isBetween(millis(4500), millis(5500));
    }
  }

  @Test
  void pollsAResumedTaskAtOnceWhenItsFirstPollIsOverdue() {
    assertThat(delay(0, 120_000, NO_PROGRESS, FixedRandom.middle())).isEqualTo(Duration.ZERO);
    assertThat(delay(0, 2_000, NO_PROGRESS, FixedRandom.middle())).isEqualTo(millis(3000));
  }

  @Test
  void pollsATaskMadeAtLeastTheFirstDelayAgoAtOnceWhateverTheJitter() {
    assertThat(delay(0, 5_000, NO_PROGRESS, new FixedRandom(0.99))).isEqualTo(Duration.ZERO);
    assertThat(delay(0, 5_100, NO_PROGRESS, new FixedRandom(0.99))).isEqualTo(Duration.ZERO);
  }

  @Test
  void keepsToTheAdvisedTenSecondsWithoutProgressOrLearnedDurations() {
    List<Duration> delays = new ArrayList<>();
    for (int polls = 1; polls <= 4; polls++) {
      delays.add(delay(polls, 5_000 + 10_000L * (polls - 1), NO_PROGRESS, FixedRandom.middle()));
    }

    assertThat(delays).containsExactly(millis(10_000), millis(10_000), millis(10_000), millis(10_000));
    assertThat(delay(3, 25_000, NO_PROGRESS, FixedRandom.lowest())).isEqualTo(millis(9_000));
  }

  @Test
  void treatsZeroProgressAsNoProgress() {
    assertThat(delay(2, 15_000, OptionalInt.of(0), FixedRandom.middle()))
        .isEqualTo(delay(2, 15_000, NO_PROGRESS, FixedRandom.middle()))
        .isEqualTo(millis(10_000));
  }

  @Test
  void waitsAThirdOfTheRemainingTimeThatProgressSuggests() {
    // 80 % after 100 s: about 25 s to go; 35 % of that is 8.75 s.
    assertThat(delay(3, 100_000, OptionalInt.of(80), FixedRandom.middle())).isEqualTo(millis(8750));
    // 95 % after 190 s: about 10 s to go.
    assertThat(delay(6, 190_000, OptionalInt.of(95), FixedRandom.middle())).isEqualTo(millis(3500));
  }

  @Test
  void capsAProgressGuidedWaitFarFromTheFinish() {
    assertThat(delay(1, 5_000, OptionalInt.of(1), FixedRandom.middle())).isEqualTo(millis(20_000));
    assertThat(delay(2, 60_000, OptionalInt.of(50), FixedRandom.middle())).isEqualTo(millis(20_000));
  }

  @Test
  void pollsEverySecondOnceTheFinishIsNear() {
    assertThat(delay(8, 100_000, OptionalInt.of(99), FixedRandom.middle())).isEqualTo(millis(1000));
    assertThat(delay(8, 100_000, OptionalInt.of(100), FixedRandom.middle())).isEqualTo(millis(1000));
  }

  @Test
  void jittersEveryWaitWithinTenPercentEitherWay() {
    assertThat(seededWaits(3, OptionalInt.of(80))).as("seed %d", SEED).allSatisfy(wait ->
        assertThat(wait).isBetween(7875L, 9625L)).satisfies(waits ->
        assertThat(waits.stream().distinct().count()).as("seed %d: distinct waits", SEED).isGreaterThan(100));
  }

  /** A thousand waits after {@code polls} polls at 100 s, drawn from one seeded generator. */
  private List<Long> seededWaits(int polls, OptionalInt percent) {
    RandomGenerator random = new SplittableRandom(SEED);
    List<Long> waits = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      waits.add(delay(polls, 100_000, percent, random).toMillis());
    }
    return waits;
  }

  @Test
  void spendsAtMostOnePollPerTenSecondsOnceTheSparePollsAreUsed() {
    // 20 polls after 100 s: the budget (8 spare + 1 per 10 s) allows the 21st at 130 s, jittered later by up to 1 s.
    assertThat(delay(20, 100_000, OptionalInt.of(99), FixedRandom.middle())).isEqualTo(millis(30_500));
    assertThat(seededWaits(20, OptionalInt.of(99))).as("seed %d: never before the budget allows", SEED)
        .allSatisfy(wait -> assertThat(wait).isBetween(30_000L, 31_000L)).satisfies(waits ->
        assertThat(waits.stream().distinct().count()).as("seed %d: tasks made together do not poll in step", SEED)
            .isGreaterThan(100));
  }

  @Test
  void staysCalmWhenProgressIsStuckJustBelowTheFinish() {
    ProgressModel stuckAt99 = (elapsed, total, random) -> OptionalInt.of(elapsed < 30 ? (int) (elapsed * 3) : 99);

    List<Double> pollTimes = pollTimesUntilDeadline(stuckAt99);

    assertThat(pollTimes).as("seed %d: poll times %s", SEED, pollTimes).hasSizeLessThanOrEqualTo(8 + 60 + 1);
    assertThat(gapsBeforeTheDeadline(pollTimes)).allSatisfy(gap -> assertThat(gap).isGreaterThanOrEqualTo(0.9));
    assertThat(pollTimes.get(pollTimes.size() - 1)).isEqualTo(600.0);
  }

  @Test
  void followsProgressThatJumpsAndKeepsSaneWaits() {
    ProgressModel jumps = (elapsed, total, random) -> OptionalInt.of(elapsed < 60 ? 5 : elapsed < 90 ? 95 : 40);

    List<Double> pollTimes = pollTimesUntilDeadline(jumps);

    List<Double> gaps = gapsBeforeTheDeadline(pollTimes);
    assertThat(gaps).as("seed %d: poll times %s", SEED, pollTimes)
        .allSatisfy(gap -> assertThat(gap).isBetween(0.9, 22.0));
    int firstAfterJump = (int) pollTimes.stream().filter(t -> t < 60).count();
    assertThat(gaps.get(firstAfterJump)).as("the wait right after 95 %% was seen").isLessThan(5.0);
    assertThat(pollTimes).hasSizeLessThanOrEqualTo(8 + 60 + 1);
  }

  @Test
  void pollsEveryTenSecondsAndStopsAtTheDeadlineWhenNoProgressIsReported() {
    List<Double> pollTimes = pollTimesUntilDeadline(VirtualPolling.absent());

    List<Double> gaps = gapsBeforeTheDeadline(pollTimes);
    assertThat(gaps).allSatisfy(gap -> assertThat(gap).isBetween(9.0, 11.0));
    assertThat(pollTimes.get(pollTimes.size() - 1)).isEqualTo(600.0);
    assertThat(pollTimes).hasSizeBetween(55, 65);
  }

  @Test
  void shortensTheLastWaitToPollOnTheDeadlineThenStops() {
    assertThat(delay(30, 597_000, NO_PROGRESS, FixedRandom.middle())).isEqualTo(millis(3000));
    assertThat(schedule.nextDelay(31, Duration.ofMinutes(10), NO_PROGRESS, FixedRandom.middle())).isEmpty();
    assertThat(schedule.nextDelay(31, Duration.ofHours(1), NO_PROGRESS, FixedRandom.middle())).isEmpty();
    assertThat(schedule.deadline()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void neverWaitsLessThanTheShortestWaitAfterAPollAndLandsOnTheDeadlineRatherThanJustBeforeIt() {
    assertThat(schedule.shortestWait()).isEqualTo(millis(900));
    // 100 % not yet complete asks for one a second; the lowest jitter still leaves 0.9 s.
    assertThat(delay(3, 60_000, OptionalInt.of(100), FixedRandom.lowest())).isEqualTo(millis(900));
    // A wait that would leave under 0.9 s before the deadline polls on the deadline itself.
    assertThat(delay(30, 589_500, NO_PROGRESS, FixedRandom.middle())).isEqualTo(millis(10_500));
    // A poll less than 0.9 s before the deadline is the last one.
    assertThat(schedule.nextDelay(31, Duration.ofMillis(599_500), NO_PROGRESS, FixedRandom.middle())).isEmpty();
    // The first poll of a resumed task is not held back: the schedule knows of no read before it.
    assertThat(delay(0, 599_500, NO_PROGRESS, FixedRandom.middle())).isZero();
  }

  @Test
  void appliesTunedSettings() {
    PollSchedule tuned = PollSchedule.builder()
        .firstDelay(Duration.ofSeconds(2))
        .minInterval(Duration.ofMillis(500))
        .maxInterval(Duration.ofSeconds(8))
        .unguidedInterval(Duration.ofSeconds(4))
        .approach(0.5)
        .jitter(0.2)
        .budget(Duration.ZERO, 1)
        .deadline(Duration.ofMinutes(1))
        .build();

    assertThat(tuned.nextDelay(0, Duration.ZERO, NO_PROGRESS, FixedRandom.lowest())).contains(millis(1600));
    assertThat(tuned.nextDelay(1, Duration.ofSeconds(2), NO_PROGRESS, FixedRandom.middle())).contains(millis(4000));
    assertThat(tuned.toBuilder().unguidedInterval(Duration.ofSeconds(12)).build()
        .nextDelay(3, Duration.ofSeconds(14), NO_PROGRESS, FixedRandom.middle())).contains(millis(8000));
    assertThat(tuned.nextDelay(4, Duration.ofSeconds(20), OptionalInt.of(80), FixedRandom.middle())).contains(millis(2500));
    assertThat(tuned.nextDelay(50, Duration.ofSeconds(30), OptionalInt.of(99), FixedRandom.middle())).contains(millis(500));
    assertThat(tuned.nextDelay(4, Duration.ofSeconds(60), NO_PROGRESS, FixedRandom.middle())).isEmpty();
    assertThat(tuned.withDeadline(Duration.ofMinutes(30)).deadline()).isEqualTo(Duration.ofMinutes(30));
    assertThat(tuned.toBuilder().build().nextDelay(1, Duration.ofSeconds(2), NO_PROGRESS, FixedRandom.middle()))
        .contains(millis(4000));
  }

  @Test
  void rejectsNonsenseArgumentsAndSettingsWithAClearMessage() {
    assertThatThrownBy(() -> schedule.nextDelay(-1, Duration.ZERO, NO_PROGRESS, FixedRandom.middle()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pollsSoFar is negative");
    assertThatThrownBy(() -> schedule.nextDelay(1, Duration.ofSeconds(-1), NO_PROGRESS, FixedRandom.middle()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("elapsed is negative");
    assertThatThrownBy(() -> PollSchedule.builder().minInterval(Duration.ofSeconds(30)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than maxInterval");
    assertThatThrownBy(() -> PollSchedule.builder().jitter(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("always jittered");
    assertThatThrownBy(() -> PollSchedule.builder().unguidedInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unguidedInterval must be positive");
    assertThatThrownBy(() -> PollSchedule.builder().deadline(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deadline must be positive");
    assertThatThrownBy(() -> PollSchedule.builder().approach(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("approach");
  }

  static Stream<Arguments> progressModels() {
    return Stream.of(
        Arguments.of("proportional progress", VirtualPolling.proportional()),
        Arguments.of("progress with noise of 2 points", VirtualPolling.noisy(2)),
        Arguments.of("progress with noise of 3 points", VirtualPolling.noisy(3)),
        Arguments.of("10 s queued, then noise of 2 points", VirtualPolling.queuedThenNoisy(10, 2)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("progressModels")
  void needsAFifthOfTheRequestsOfOneSecondPollingWithAMeanLagUnderOneAndAHalfSeconds(
      String name, ProgressModel progress) {
    RandomGenerator random = new SplittableRandom(SEED);
    double[] durations = VirtualPolling.durations(2000, 30, 300, random);

    Outcome ours = VirtualPolling.withSchedule(schedule, durations, progress, random);
    Outcome everySecond = VirtualPolling.fixed(1, 1, durations);

    String story = String.format("seed %d, %s: vidgen %s; every second %s", SEED, name, ours, everySecond);
    assertThat(ours.unfinished()).as(story).isZero();
    assertThat((double) ours.requests() / everySecond.requests()).as(story).isLessThanOrEqualTo(0.2);
    assertThat(ours.meanLag()).as(story).isLessThanOrEqualTo(1.5);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("progressModels")
  void makesNoMoreRequestsThanToApisAdviceWithAThirdOfItsLag(String name, ProgressModel progress) {
    RandomGenerator random = new SplittableRandom(SEED + 1);
    double[] durations = VirtualPolling.durations(2000, 30, 300, random);

    Outcome ours = VirtualPolling.withSchedule(schedule, durations, progress, random);
    Outcome advice = VirtualPolling.fixed(5, 10, durations);

    String story = String.format("seed %d, %s: vidgen %s; 5 s then every 10 s %s", SEED + 1, name, ours, advice);
    assertThat(ours.requests()).as(story).isLessThanOrEqualTo(advice.requests());
    assertThat(ours.meanLag()).as(story).isLessThanOrEqualTo(advice.meanLag() / 3);
  }

  @Test
  void doesAsToApisAdvisesWithoutProgressWhenNothingIsLearned() {
    RandomGenerator random = new SplittableRandom(SEED + 2);
    double[] durations = VirtualPolling.durations(2000, 30, 300, random);

    Outcome ours = VirtualPolling.withSchedule(schedule, durations, VirtualPolling.absent(), random);
    Outcome advice = VirtualPolling.fixed(5, 10, durations);

    String story = String.format("seed %d: vidgen %s; 5 s then every 10 s %s", SEED + 2, ours, advice);
    assertThat(ours.unfinished()).as(story).isZero();
    assertThat(ours.requestsPerJob()).as(story).isCloseTo(advice.requestsPerJob(), withinPercentage(1));
    assertThat(ours.meanLag()).as(story).isCloseTo(advice.meanLag(), withinPercentage(3));
  }

  private Duration delay(int polls, long elapsedMillis, OptionalInt progress, RandomGenerator random) {
    Optional<Duration> delay = schedule.nextDelay(polls, Duration.ofMillis(elapsedMillis), progress, random);
    assertThat(delay).as("a poll before the deadline").isPresent();
    return delay.get();
  }

  /** Poll times, in seconds, for a task that never finishes, until the schedule stops. */
  private List<Double> pollTimesUntilDeadline(ProgressModel progress) {
    RandomGenerator random = new SplittableRandom(SEED);
    List<Double> times = new ArrayList<>();
    long elapsed = 0;
    OptionalInt seen = NO_PROGRESS;
    for (Optional<Duration> next = schedule.nextDelay(0, Duration.ZERO, seen, random);
        next.isPresent();
        next = schedule.nextDelay(times.size(), Duration.ofMillis(elapsed), seen, random)) {
      elapsed += next.get().toMillis();
      times.add(elapsed / 1000.0);
      seen = progress.at(elapsed / 1000.0, Double.MAX_VALUE, random);
    }
    return times;
  }

  /** The waits between polls, leaving out the last one (shortened to land on the deadline). */
  private static List<Double> gapsBeforeTheDeadline(List<Double> times) {
    List<Double> gaps = new ArrayList<>();
    for (int i = 1; i < times.size() - 1; i++) {
      gaps.add(times.get(i) - times.get(i - 1));
    }
    return gaps;
  }

  private static Duration millis(long millis) {
    return Duration.ofMillis(millis);
  }
}
