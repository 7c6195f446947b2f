package dev.vidgen.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlidingWindowsTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final RateLimit TOAPIS_DEFAULT = RateLimit.perSecondTenSecondsMinute(5, 50, 300);

  @Test
  void threeHundredRequestsOfferedAtOnceKeepEveryWindowAndTakeAboutAMinute() {
    List<Instant> times = sendAll(new SlidingWindows(TOAPIS_DEFAULT), 300, T0);

    assertThat(mostInAnySpan(times, Duration.ofSeconds(1))).isEqualTo(5);
    assertThat(mostInAnySpan(times, Duration.ofSeconds(10))).isLessThanOrEqualTo(50);
    assertThat(mostInAnySpan(times, Duration.ofMinutes(1))).isLessThanOrEqualTo(300);
    assertThat(Duration.between(T0, times.get(299)))
        .isBetween(Duration.ofSeconds(59), Duration.ofSeconds(63));
  }

  @Test
  void theTimeARequestBehindOthersMayGoIsWhenItWouldGoHadEachAheadGoneAsSoonAsItCould() {
    RateLimit limit = RateLimit.of(RateLimit.Window.of(5, Duration.ofSeconds(1)),
        RateLimit.Window.of(20, Duration.ofSeconds(10)));
    SlidingWindows windows = new SlidingWindows(limit);
    for (int i = 0; i < 5; i++) {
      windows.sent(T0);
    }
    SlidingWindows replayed = new SlidingWindows(limit);
    List<Instant> times = sendAll(replayed, 40, T0);

    for (int ahead : new int[] {0, 4, 5, 14, 15, 30}) {
      assertThat(windows.allowedAfter(T0, ahead)).as("behind %d", ahead).isEqualTo(times.get(5 + ahead));
    }
    assertThat(windows.nextAllowed(T0)).as("nothing noted").isEqualTo(T0.plusMillis(1_050));
  }

  @Test
  void aLongerWindowHoldsWhereTheShorterWouldAllowMore() {
    RateLimit limit = RateLimit.of(RateLimit.Window.of(5, Duration.ofSeconds(1)),
        RateLimit.Window.of(20, Duration.ofSeconds(10)));

    List<Instant> times = sendAll(new SlidingWindows(limit), 40, T0);

    assertThat(mostInAnySpan(times, Duration.ofSeconds(10))).isEqualTo(20);
    assertThat(Duration.between(T0, times.get(20))).as("the 21st waits for the 10 s window")
        .isGreaterThanOrEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void aThrottlePausesForItsRetryAfterAndThenTheFullRateHoldsAgain() {
    SlidingWindows windows = new SlidingWindows(TOAPIS_DEFAULT);
    windows.sent(T0);
    windows.throttled(T0, Duration.ofSeconds(1));
    windows.throttled(T0, Duration.ofSeconds(1));

    assertThat(windows.pauseLeft(T0)).as("pauses do not add up").isEqualTo(Duration.ofSeconds(1));
    List<Instant> after = sendAll(windows, 50, T0);

    assertThat(after.get(0)).isEqualTo(T0.plusSeconds(1));
    assertThat(after.subList(0, 4)).as("four more fit in the second after the one refused").allMatch(T0.plusSeconds(1)::equals);
    assertThat(Duration.between(after.get(0), after.get(49))).as("50 more at the full rate, not a slowed one")
        .isLessThan(Duration.ofSeconds(11));
  }

  @Test
  void aThrottleThatNamesNoPauseWaitsTheDefault() {
    SlidingWindows windows = new SlidingWindows(TOAPIS_DEFAULT);
    windows.throttled(T0, null);

    assertThat(windows.pauseLeft(T0)).isEqualTo(SlidingWindows.DEFAULT_PAUSE);
    assertThat(windows.nextAllowed(T0.plusMillis(300))).isEqualTo(T0.plus(SlidingWindows.DEFAULT_PAUSE));
    assertThat(windows.pauseLeft(T0.plusSeconds(2))).isZero();
  }

  /** Sends {@code count} requests, each as early as the windows allow from {@code start}. */
  private static List<Instant> sendAll(SlidingWindows windows, int count, Instant start) {
    List<Instant> times = new ArrayList<>();
    Instant now = start;
    for (int i = 0; i < count; i++) {
      now = windows.nextAllowed(now);
      windows.sent(now);
      times.add(now);
    }
    return times;
  }

  /** The most of {@code times} (sorted) within any closed span of {@code length}, as strict a server as can be. */
  static int mostInAnySpan(List<Instant> times, Duration length) {
    int most = 0;
    int end = 0;
    for (int start = 0; start < times.size(); start++) {
      Instant last = times.get(start).plus(length);
      while (end < times.size() && !times.get(end).isAfter(last)) {
        end++;
      }
      most = Math.max(most, end - start);
    }
    return most;
  }
}
