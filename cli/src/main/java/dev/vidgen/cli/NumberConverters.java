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

  private static Integer wholeNumber(String text) {
    String trimmed = text.strip();
    try {
      return Integer.valueOf(trimmed);
    } catch (NumberFormatException e) {
      String why;
      if (trimmed.matches("[+-]?\\d+")) {
        why = "' is too large; give a whole number up to " + Integer.MAX_VALUE;
      } else if (isDecimal(trimmed)) {
        why = "' is not a whole number; give one without a fraction, such as "
            + new BigDecimal(trimmed).toBigInteger();
      } else {
        why = "' is not a whole number; give digits only, such as 10";
      }
      throw new TypeConversionException("'" + text + why);
    }
  }

  private static BigDecimal decimal(String text) {
    String trimmed = text.strip();
    if (!isDecimal(trimmed)) {
      throw new TypeConversionException("'" + text + "' is not a number; write it like 30 or 12.5");
    }
    return new BigDecimal(trimmed);
  }

  /** Plain decimal notation only: digits with an optional sign and fraction, no exponent. */
  private static boolean isDecimal(String text) {
    return text.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
  }
}
