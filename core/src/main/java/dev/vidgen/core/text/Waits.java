package dev.vidgen.core.text;

import java.time.Duration;

/** How long to wait, said in words for messages. */
public final class Waits {
  private Waits() {}

  /** "90 s", "10 min", "1 h 30 min" for messages. */
  public static String describe(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds < 60) {
      return seconds == 0 ? duration.toMillis() + " ms" : seconds + " s";
    }
    if (seconds >= 2 * 86_400) {
      // A server's Retry-After may be any number; a wait of days is said in days, an absurd one as such.
      long days = seconds / 86_400;
      return days > 366 ? "more than a year" : days + " days";
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
}
