package dev.vidgen.core.text;

import java.util.regex.Pattern;

/**
 * Numbers people give vidgen are read in the ASCII digits 0-9 only: Java's parsers would also read full-width and
 * other scripts' digits ({@code ６}, {@code ٦}) as 6. These tell such digits apart and spell them in ASCII for advice.
 */
public final class AsciiDigits {
  private static final Pattern WHOLE = Pattern.compile("[+-]?[0-9]+");

  private AsciiDigits() {}

  /** Whether {@code text} is a whole number in ASCII digits: an optional sign, then only the digits 0-9. */
  public static boolean isWhole(String text) {
    return WHOLE.matcher(text).matches();
  }

  /** Whether {@code text} holds a digit of another script, such as full-width {@code ６} or Arabic-Indic {@code ٦}. */
  public static boolean hasOtherDigits(String text) {
    return text.codePoints().anyMatch(c -> Character.isDigit(c) && (c < '0' || c > '9'));
  }

  /** {@code text} with each digit of another script written as its ASCII digit: {@code １０} is {@code 10}. */
  public static String inAscii(String text) {
    StringBuilder ascii = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      if (Character.isDigit(c)) {
        ascii.append((char) ('0' + Character.digit(c, 10)));
      } else {
        ascii.appendCodePoint(c);
      }
    });
    return ascii.toString();
  }
}
