package dev.vidgen.cli;

/** A {@code KEY=VALUE} argument, such as {@code --param seed=42}. */
record KeyValue(String key, String value) {

  /**
   * Splits {@code text} at its first {@code =}.
   *
   * @throws CliException (exit 2) when there is no {@code =} or the key is blank
   */
  static KeyValue parse(String option, String text) {
    return parse(option, text, "seed=42");
  }

  /**
   * Splits {@code text} at its first {@code =}; a mistake is told with {@code example}, such as {@code seed=42}.
   *
   * @throws CliException (exit 2) when there is no {@code =} or the key is blank
   */
  static KeyValue parse(String option, String text, String example) {
    int eq = text.indexOf('=');
    if (eq <= 0 || text.substring(0, eq).isBlank()) {
      throw CliException.usage(option + " '" + text + "' is not KEY=VALUE", "write it like " + option + " " + example);
    }
    return new KeyValue(text.substring(0, eq).strip(), text.substring(eq + 1));
  }
}
