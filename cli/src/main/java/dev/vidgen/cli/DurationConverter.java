package dev.vidgen.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations as people write them: {@code 90s}, {@code 10m}, {@code 1h}, {@code 1h30m}, {@code 500ms}. */
final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern WHOLE = Pattern.compile("(\\d+(ms|h|m|s))+");
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|h|m|s)");

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
    String compact = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    if (!WHOLE.matcher(compact).matches()) {
      throw new TypeConversionException(
          "'" + text + "' is not a duration; write it like 90s, 10m, 1h or 1h30m");
    }
    Duration total = Duration.ZERO;
    Matcher part = PART.matcher(compact);
    try {
      while (part.find()) {
        long amount = Long.parseLong(part.group(1));
        total = total.plus(switch (part.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          default -> Duration.ofHours(amount);
        });
      }
    } catch (ArithmeticException | NumberFormatException e) {
      throw new TypeConversionException("'" + text + "' is too long a duration");
    }
    if (total.isZero()) {
      throw new TypeConversionException("'" + text + "' is zero; give a positive duration such as 90s");
    }
    return total;
  }

  /** "90 s", "10 min", "1 h 30 min" for messages. */
  static String describe(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds < 60) {
      return seconds == 0 ? duration.toMillis() + " ms" : seconds + " s";
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
