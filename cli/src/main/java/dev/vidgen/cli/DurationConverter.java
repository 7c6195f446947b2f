package dev.vidgen.cli;

import dev.vidgen.core.policy.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads positive durations in vidgen's one grammar ({@link Durations}): {@code 90s}, {@code 1h30m}, {@code PT30S}. */
final class DurationConverter implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String text) {
    return parse(text);
  }

  /**
   * The duration {@code text} names.
   *
   * @throws TypeConversionException naming the accepted forms when it is not one
   */
  static Duration parse(String text) {
    if (text != null && text.strip().startsWith("-")) {
      throw new TypeConversionException("'" + text.strip() + "' is negative: the duration must be positive; "
          + Durations.FORMS);
    }
    Duration duration;
    try {
      duration = Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
    if (duration.isZero()) {
      throw new TypeConversionException("'" + text + "' is zero; give a positive duration such as 90s");
    }
    return duration;
  }

  /** "90 s", "10 min", "1 h 30 min" for messages. */
  static String describe(Duration duration) {
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
