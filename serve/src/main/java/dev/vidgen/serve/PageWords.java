package dev.vidgen.serve;

import java.util.regex.Pattern;

/**
 * The library's messages worded for a person in a browser: the Java switches a message names
 * become the {@code vidgen serve} options that do the same, and a Java exception's class name in
 * front of what it says is left out. The command line keeps the library's words.
 */
final class PageWords {
  /** A Java exception's name in front of its message, such as {@code IOException: }. */
  private static final Pattern EXCEPTION_NAME =
      Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)*[A-Z][A-Za-z0-9]*(?:Exception|Error): ");

  private PageWords() {}

  /** {@code text} as the page shows it; null stays null. */
  static String of(String text) {
    if (text == null) {
      return null;
    }
    String said = text
        .replace("(turn this check off with checkModelAvailability(false) in Java, --no-model-check on the command"
            + " line, vidgen serve --no-model-check for the playground)",
            "(start the playground with vidgen serve --no-model-check to turn this check off)")
        .replace("allow retired routes (allowRetired(true) in Java, --allow-retired on the command line)",
            "allow retired routes (start the playground with vidgen serve --allow-retired)");
    return EXCEPTION_NAME.matcher(said).replaceAll("");
  }
}
