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
    return dev.vidgen.core.text.Waits.describe(duration);
  }
}
