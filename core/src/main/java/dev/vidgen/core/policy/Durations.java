package dev.vidgen.core.policy;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of vidgen, for settings and the command line alike: units written the
 * way people write them ({@code 500ms}, {@code 90s}, {@code 10m}, {@code 1h}, combined as in
 * {@code 1h30m}) or ISO-8601 ({@code PT30S}). Case and surrounding blanks do not matter.
 */
public final class Durations {
  /** The accepted forms, for error messages. */
  public static final String FORMS = "write it like 90s, 10m, 1h, 1h30m, 500ms or ISO-8601 such as PT30S for 30s";

  private static final Pattern WHOLE = Pattern.compile("(\\d+(ms|h|m|s))+");
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|h|m|s)");

  private Durations() {}

  /**
   * The duration {@code text} names; zero is allowed, a negative one is not.
   *
   * @throws IllegalArgumentException naming the accepted forms when {@code text} is not one
   */
  public static Duration parse(String text) {
    String compact = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    Duration duration = compact.startsWith("p") ? iso(text, compact) : units(text, compact);
    if (duration.isNegative()) {
      throw new IllegalArgumentException("'" + text + "' is negative; " + FORMS);
    }
    return duration;
  }

  private static Duration iso(String text, String compact) {
    try {
      return Duration.parse(compact.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a duration; " + FORMS, e);
    }
  }

  private static Duration units(String text, String compact) {
    if (!WHOLE.matcher(compact).matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a duration; " + FORMS);
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
      throw new IllegalArgumentException("'" + text + "' is too long a duration", e);
    }
    return total;
  }
}
