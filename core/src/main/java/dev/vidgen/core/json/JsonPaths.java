package dev.vidgen.core.json;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shortens the JSON paths a message names: a value nested thousands of levels deep would otherwise
 * give a path of thousands of {@code [0]}, which says nothing more than its first steps and its depth.
 */
final class JsonPaths {
  /** The steps of a path shown in full; a longer path is cut after them. */
  static final int SHOWN_STEPS = 6;

  private static final Pattern PATH = Pattern.compile("\\$((?:\\.[^\\s.\\[\\]()]+|\\[\\d+\\])+)");
  private static final Pattern STEP = Pattern.compile("\\.[^\\s.\\[\\]()]+|\\[\\d+\\]");

  private JsonPaths() {}

  /** {@code message} with each path of more than {@link #SHOWN_STEPS} steps cut: "$.a[0][0]… (nested 256 levels deep)". */
  static String capped(String message) {
    Matcher path = PATH.matcher(message);
    StringBuilder out = new StringBuilder();
    while (path.find()) {
      Matcher step = STEP.matcher(path.group(1));
      int steps = 0;
      int cut = -1;
      while (step.find()) {
        steps++;
        if (steps == SHOWN_STEPS) {
          cut = step.end();
        }
      }
      String shown = steps <= SHOWN_STEPS ? path.group()
          : "$" + path.group(1).substring(0, cut) + "… (nested " + steps + " levels deep)";
      path.appendReplacement(out, Matcher.quoteReplacement(shown));
    }
    path.appendTail(out);
    return out.toString();
  }
}
