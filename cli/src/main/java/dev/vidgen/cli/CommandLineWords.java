package dev.vidgen.cli;

/**
 * The library's words for a setting, said to a command-line user by the option alone: a message that names the Java
 * builder's method, the option and the playground's names only the option here, as the playground names its own
 * (trial ED observation).
 */
final class CommandLineWords {
  private CommandLineWords() {}

  /** {@code text} as the command line says it; null stays null. */
  static String of(String text) {
    if (text == null) {
      return null;
    }
    return text.replace("(turn this check off with checkModelAvailability(false) in Java, --no-model-check on the"
            + " command line, vidgen serve --no-model-check for the playground)",
        "(turn this check off with --no-model-check)")
        .replace("allow retired routes (allowRetired(true) in Java, --allow-retired on the command line)",
            "allow retired routes (--allow-retired)");
  }
}
