package dev.vidgen.core.domain;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a route's names, aspect ratios and durations are written, one rule for {@link ModelRoute} and for
 * route files, so that code and files accept the same routes. Each check gives what is wrong and what is
 * allowed, or empty.
 */
public final class RouteSpelling {
  /** The shortest duration a route may offer, in whole seconds. */
  public static final int MIN_SECONDS = 1;

  private static final Pattern ASPECT_RATIO = Pattern.compile("[1-9][0-9]*:[1-9][0-9]*|adaptive");
  private static final String NAME_ALLOWED =
      "a model name is letters, digits and signs such as - _ . : / without spaces or control characters";
  private static final String RESOLUTION_ALLOWED =
      "a resolution is letters, digits and signs, such as 720p, 1080P or 4k, without spaces or control characters";

  private RouteSpelling() {}

  /** What is wrong with {@code name} as a model name (a route id or alias), called {@code what} in the message. */
  public static Optional<String> nameProblem(String what, String name) {
    return spellingProblem(what, name, NAME_ALLOWED);
  }

  /**
   * What is wrong with {@code resolution} as an offered resolution: it is sent as written and matched in any
   * case, so it has no spaces or control characters.
   */
  public static Optional<String> resolutionProblem(String resolution) {
    return spellingProblem("the resolution", resolution, RESOLUTION_ALLOWED);
  }

  private static Optional<String> spellingProblem(String what, String name, String allowed) {
    if (name.isEmpty()) {
      return Optional.of(what + " is empty; " + allowed);
    }
    int bad = name.codePoints().filter(RouteSpelling::notInName).findFirst().orElse(-1);
    if (bad < 0) {
      return Optional.empty();
    }
    String kind = bad == ' ' ? "a space" : String.format(Character.isISOControl(bad) ? "a control character (U+%04X)"
        : invisible(bad) ? "an invisible formatting character (U+%04X), which reads as nothing" : "a space character (U+%04X)",
        bad);
    return Optional.of(what + " " + quote(name) + " has " + kind + "; " + allowed);
  }

  /** The problem of an alias of the route {@code id} that repeats its id or another of its aliases, in any case. */
  public static String repeatedName(String alias, String id) {
    return "alias " + quote(alias) + " is already a name of the route " + quote(id) + " (this route); give each"
        + " name once";
  }

  /** What is wrong with {@code ratio} as an offered aspect ratio: it must be W:H or {@code adaptive}. */
  public static Optional<String> aspectRatioProblem(String ratio) {
    if (ASPECT_RATIO.matcher(ratio).matches()) {
      return Optional.empty();
    }
    return Optional.of("aspect ratio " + quote(ratio) + " is not W:H; allowed: two whole numbers of 1 or more"
        + " with a colon between them, such as \"16:9\" or \"21:9\", or \"adaptive\"");
  }

  /** What is wrong with {@code seconds} as an offered duration: it must be {@value #MIN_SECONDS} or more. */
  public static Optional<String> durationProblem(int seconds) {
    if (seconds >= MIN_SECONDS) {
      return Optional.empty();
    }
    return Optional.of("duration " + seconds + " s is below " + MIN_SECONDS + " s; a duration is a whole number"
        + " of seconds, " + MIN_SECONDS + " or more");
  }

  /**
   * The values a default may take, for the message of a default that is none of them: the {@code valid} ones
   * joined, else "none", saying why when {@code given} values were all wrong (each called {@code each}).
   */
  public static String allowedValues(List<String> valid, int given, String each) {
    if (!valid.isEmpty()) {
      return String.join(", ", valid);
    }
    return given == 0 ? "none" : "none (every " + each + " is wrong)";
  }

  /** The problem of a default duration outside the range {@code min} to {@code max}. */
  public static String defaultOutside(int seconds, int min, int max) {
    return "default " + seconds + " s is outside " + min + " to " + max + " s; allowed: a whole number of seconds"
        + " from " + min + " to " + max;
  }

  /** {@code text} in double quotes, with quotes and backslashes in it escaped. */
  public static String quote(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /** Whether {@code c} may not be in a model name: ECMAScript's {@code \s}, control and invisible formatting characters. */
  private static boolean notInName(int c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c) || invisible(c);
  }

  /**
   * A formatting character (Unicode category Cf: zero-width space and joiners, soft hyphen, direction marks,
   * the byte order mark), which shows as nothing: a name holding one looks like another name that lacks it.
   */
  private static boolean invisible(int c) {
    return Character.getType(c) == Character.FORMAT;
  }
}
