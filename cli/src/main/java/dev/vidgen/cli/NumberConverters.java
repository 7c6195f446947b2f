package dev.vidgen.cli;

import java.math.BigDecimal;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

/** Reads whole numbers and decimals from the command line with messages for people, not Java's. */
final class NumberConverters {
  private NumberConverters() {}

  /** Makes {@code commandLine} and its subcommands read numbers through these converters. */
  static void register(CommandLine commandLine) {
    commandLine.registerConverter(Integer.class, NumberConverters::wholeNumber);
    commandLine.registerConverter(Integer.TYPE, NumberConverters::wholeNumber);
    commandLine.registerConverter(BigDecimal.class, NumberConverters::decimal);
  }

  /**
   * The whole number {@code text} names in ASCII digits, spaces around it ignored.
   *
   * @throws TypeConversionException saying what is allowed when it is not one
   */
  static Integer wholeNumber(String text) {
    String trimmed = text.strip();
    String why;
    // ASCII digits only: Integer.valueOf would also take full-width and other scripts' digits (６, ٦) as 6.
    if (trimmed.matches("[+-]?[0-9]+")) {
      try {
        return Integer.valueOf(trimmed);
      } catch (NumberFormatException e) {
        why = "' is too large; give a whole number up to " + Integer.MAX_VALUE;
      }
    } else if (isDecimal(trimmed)) {
      why = "' is not a whole number; give one without a fraction, such as "
          + new BigDecimal(trimmed).toBigInteger();
    } else {
      why = "' is not a whole number; give digits only, such as 10" + otherDigits(trimmed);
    }
    throw new TypeConversionException("'" + text + why);
  }

  private static BigDecimal decimal(String text) {
    String trimmed = text.strip();
    if (!isDecimal(trimmed)) {
      throw new TypeConversionException("'" + text + "' is not a number; write it like 30 or 12.5" + otherDigits(trimmed));
    }
    return new BigDecimal(trimmed);
  }

  /** Plain decimal notation in ASCII digits only: an optional sign and fraction, no exponent. */
  private static boolean isDecimal(String text) {
    return text.matches("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)");
  }

  /** The note for a text with digits of another script (full-width ６, Arabic-Indic ٦), which are not read. */
  private static String otherDigits(String text) {
    return text.codePoints().anyMatch(c -> Character.isDigit(c) && (c < '0' || c > '9'))
        ? " (the ASCII digits 0-9, not full-width or other scripts' digits)" : "";
  }
}
