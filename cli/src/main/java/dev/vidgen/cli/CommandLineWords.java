package dev.vidgen.cli;

/**
 * The library's words for a setting, said to a command-line user by the option alone: a message that names the Java
 * builder's method, the option and the playground's names only the option here, as the playground names its own.
 * A provider's list of settings is the list {@code --set} takes, and a deadline's time is
 * said as counted from the task's creation, not from the wait's start.
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
            "allow retired routes (--allow-retired)")
        .transform(CommandLineWords::settingsSetTakes)
        .replaceAll("not finished after (\\d+) s;", "not finished $1 s after it was made;");
  }

  /** A provider's list of its settings ("the settings are [base_url, …]"), as the settings {@code --set} takes. */
  private static final java.util.regex.Pattern SETTINGS_LIST =
      java.util.regex.Pattern.compile("the settings are \\[([^\\]]*)\\]");

  /**
   * {@code text} with a provider's list of settings made the list {@code --set} takes: without the base URL (given
   * with {@code --base-url}, which {@code --set} refuses) and with vidgen's own {@code max_video_size}.
   */
  private static String settingsSetTakes(String text) {
    java.util.regex.Matcher list = SETTINGS_LIST.matcher(text);
    if (!list.find()) {
      return text;
    }
    java.util.List<String> names = new java.util.ArrayList<>(java.util.Arrays.stream(list.group(1).split(","))
        .map(String::strip).filter(name -> !name.isEmpty() && !SetOption.isBaseUrl(name)).toList());
    if (!names.contains(VideoSizeSetting.NAME)) {
      names.add(VideoSizeSetting.NAME);
    }
    String near = text.substring(0, list.start()).replaceAll(" \\(did you mean [^)]*base_url[^)]*\\)",
        " (the base URL is given with --base-url)");
    return near + "the settings --set takes are " + names + text.substring(list.end());
  }
}
