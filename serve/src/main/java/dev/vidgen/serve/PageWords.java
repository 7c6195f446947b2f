package dev.vidgen.serve;

import java.util.regex.Pattern;

/**
 * The library's messages worded for a person in a browser: the Java switches a message names
 * become the {@code vidgen serve} options that do the same, a command that lists the key's models becomes the
 * page's Model list, and a Java exception's class name in
 * front of what it says is left out, but for the unexpected failure of a provider's code, which
 * keeps its simple name. The command line keeps the library's words.
 */
final class PageWords {
  /** A Java exception's name in front of its message, such as {@code IOException: }, but for {@link #UNEXPECTED_KIND}. */
  private static final Pattern EXCEPTION_NAME =
      Pattern.compile("(?<!unexpected )\\b(?:[a-z][a-z0-9_]*\\.)*[A-Z][A-Za-z0-9]*(?:Exception|Error): ");

  /**
   * The failure a provider's code let out, as a fault of the provider words it ("with an unexpected
   * java.lang.NoClassDefFoundError: com/acme/Json"): there its kind is what the message says, so it
   * stays, by its simple name.
   */
  private static final Pattern UNEXPECTED_KIND =
      Pattern.compile("\\bunexpected (?:[a-z][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_$]*(?:Exception|Error))\\b");

  /** A mode warning's way to name the mode ({@code mode.chosen_by_count}), which the page does with its Mode field. */
  private static final Pattern NAME_THE_MODE =
      Pattern.compile("name the mode \\(--mode ([a-z-]+); mode in Java, a jobs file or the playground\\)");
  /** A parameter a message asks for on the command line ({@code (--param NAME=URL)}): the page's Advanced options. */
  private static final Pattern PARAM_OPTION = Pattern.compile("\\(--param ([A-Za-z0-9_.\\-]+)=URL\\)");

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
            "allow retired routes (start the playground with vidgen serve --allow-retired)")
        .replace("vidgen models --live shows which the key may use", "choose another model in the Model list");
    said = UNEXPECTED_KIND.matcher(said).replaceAll("unexpected $1");
    said = NAME_THE_MODE.matcher(said).replaceAll("choose $1 in the Mode field");
    said = PARAM_OPTION.matcher(said).replaceAll("(under Advanced options, as $1)");
    return EXCEPTION_NAME.matcher(said).replaceAll("");
  }
}
