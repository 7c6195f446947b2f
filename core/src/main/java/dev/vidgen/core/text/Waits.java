package dev.vidgen.core.text;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/** How long to wait, said in words for messages. */
public final class Waits {
  private static final String MORE_THAN_A_YEAR = "more than a year";
  private static final long DAYS_IN_A_YEAR_AT_MOST = 366;

  private Waits() {}

  /** Whether {@code duration} is more than a year (366 days): too long to say in figures, as no wait meant is. */
  public static boolean pastAYear(Duration duration) {
    return duration.toDays() > DAYS_IN_A_YEAR_AT_MOST;
  }

  /**
   * "0.5 s", "2 s", "120 s": to the millisecond below ten seconds, in whole seconds (rounded up) from there, so that
   * a wait read off an HTTP date is not "198.67 s" and a hint just over a limit never reads as equal to it; "more
   * than a year" past a year. Every message that gives a wait in seconds says it this way, so one line never gives
   * two figures for the same wait.
   */
  public static String seconds(Duration duration) {
    if (pastAYear(duration)) {
      return MORE_THAN_A_YEAR;
    }
    BigDecimal exact = BigDecimal.valueOf(duration.toMillis(), 3);
    BigDecimal shown = exact.compareTo(BigDecimal.TEN) >= 0 ? exact.setScale(0, RoundingMode.CEILING) : exact;
    return shown.stripTrailingZeros().toPlainString() + " s";
  }

  /**
   * "90 s", "10 min", "1 h 30 min" for messages; a part of a second (a wait read off an HTTP date) counts as a whole
   * one, as {@link #seconds} rounds it, so that one line gives one figure for one wait.
   */
  public static String describe(Duration duration) {
    if (duration.toMillis() < 1000) {
      return duration.toMillis() + " ms";
    }
    long seconds = wholeSecondsUp(duration);
    if (seconds < 60) {
      return seconds + " s";
    }
    if (seconds >= 2 * 86_400) {
      // A server's Retry-After may be any number; a wait of days is said in days, an absurd one as such.
      return pastAYear(duration) ? MORE_THAN_A_YEAR : seconds / 86_400 + " days";
    }
    long hours = seconds / 3600;
    long minutes = seconds % 3600 / 60;
    long rest = seconds % 60;
    StringBuilder text = new StringBuilder();
    if (hours > 0) {
      text.append(hours).append(" h");
    }
    if (minutes > 0) {
      text.append(text.length() > 0 ? " " : "").append(minutes).append(" min");
    }
    if (rest > 0) {
      text.append(text.length() > 0 ? " " : "").append(rest).append(" s");
    }
    return text.toString();
  }

  /** {@code duration} in whole seconds, a part of one counted as a whole one. */
  private static long wholeSecondsUp(Duration duration) {
    return duration.getNano() > 0 ? duration.getSeconds() + 1 : duration.getSeconds();
  }
}
