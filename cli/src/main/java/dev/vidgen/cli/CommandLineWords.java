package dev.vidgen.cli;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The library's words for a setting, said to a command-line user by the option alone: a message that names the Java
 * builder's method, the option and the playground's names only the option here, as the playground names its own.
 * A provider's list of settings is the list {@code --set} takes, a setting of the job the library names by its field
 * ("set the job's seconds instead") is followed by its option, and a deadline's time is said as counted from the
 * task's creation, not from the wait's start.
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
        .transform(CommandLineWords::withOptions)
        .replaceAll("not finished after (\\d+) s;", "not finished $1 s after it was made;");
  }

  /** The option that sets each of the job's settings, by the name the library's messages give the setting. */
  private static final Map<String, String> OPTIONS = Map.of("model", "--model", "prompt", "--prompt",
      "images", "--image", "videos", "--video", "seconds", "--seconds", "aspect ratio", "--aspect-ratio",
      "resolution", "--resolution", "mode", "--mode");

  /** A setting of the job named where a message says what fills a request field or what to set instead. */
  private static final Pattern JOB_SETTING = Pattern.compile(
      "(fills from|filled from|set) the job's (model|prompt|images|videos|seconds|aspect ratio|resolution|mode)\\b"
          + "(?! \\(--)");

  /** {@code text} with each setting of the job it names to set ("set the job's seconds") followed by its option. */
  private static String withOptions(String text) {
    return JOB_SETTING.matcher(text).replaceAll(setting -> setting.group() + " (" + OPTIONS.get(setting.group(2))
        + ")");
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
