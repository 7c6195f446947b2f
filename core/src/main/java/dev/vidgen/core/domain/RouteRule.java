package dev.vidgen.core.domain;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A rule of a route that ties two fields together, such as "1080P only at 6 s". Pure data:
 * {@code dev.vidgen.core.validation} turns a broken rule into a violation that quotes
 * {@link #reason()}. In every rule an empty set or list means "no restriction", except in
 * {@link RatiosInMode}, where it means "no aspect ratio is taken".
 */
public sealed interface RouteRule
    permits RouteRule.AtResolution,
        RouteRule.RatiosInMode,
        RouteRule.RatioIgnoredInMode,
        RouteRule.WhenParam,
        RouteRule.PromptRequiredIn,
        RouteRule.UrlSchemes,
        RouteRule.ParamMaxItems,
        RouteRule.ParamNeedsInputs,
        RouteRule.ParamOneOf,
        RouteRule.ImagePixels {

  /** Why the rule exists, in words a user understands ("1080P is offered only at 6 s"). */
  String reason();

  /**
   * At one resolution (the job's, or the route's default) only some durations, aspect ratios or
   * modes are offered.
   */
  record AtResolution(
      String resolution, Set<Integer> seconds, List<String> aspectRatios, Set<GenerationMode> modes, String reason)
      implements RouteRule {
    /**
     * A rule as given; {@code resolution} and {@code reason} must not be null, and a null set or list
     * becomes empty (no restriction).
     */
    public AtResolution {
      Objects.requireNonNull(resolution, "resolution == null");
      seconds = Collections.unmodifiableSet(new TreeSet<>(seconds == null ? Set.of() : seconds));
      aspectRatios = List.copyOf(aspectRatios == null ? List.of() : aspectRatios);
      modes = modes == null || modes.isEmpty()
          ? Set.of()
          : Collections.unmodifiableSet(EnumSet.copyOf(modes));
      Objects.requireNonNull(reason, "reason == null");
    }
  }

  /**
   * In one mode the aspect ratio (the job's, or the route's default) must be one of these; an
   * empty list means the mode takes no aspect ratio at all.
   */
  record RatiosInMode(GenerationMode mode, List<String> aspectRatios, String reason) implements RouteRule {
    /**
     * A rule as given; {@code mode} and {@code reason} must not be null, and a null {@code aspectRatios}
     * becomes empty (no aspect ratio is taken in the mode).
     */
    public RatiosInMode {
      Objects.requireNonNull(mode, "mode == null");
      aspectRatios = List.copyOf(aspectRatios == null ? List.of() : aspectRatios);
      Objects.requireNonNull(reason, "reason == null");
    }
  }

  /** In one mode the provider ignores a given aspect ratio; giving one draws a warning. */
  record RatioIgnoredInMode(GenerationMode mode, String reason) implements RouteRule {
    /** A rule as given; neither {@code mode} nor {@code reason} may be null. */
    public RatioIgnoredInMode {
      Objects.requireNonNull(mode, "mode == null");
      Objects.requireNonNull(reason, "reason == null");
    }
  }

  /**
   * A provider parameter that, when set (present and not {@code false}), works only in some modes
   * or at some resolutions; with a {@code value}, only that value of it is limited (seedance-2-5's
   * {@code video_operation} {@code extend} needs a video). {@code param} may be a dotted path into a
   * map, such as {@code metadata.enable_gif}.
   */
  record WhenParam(String param, String value, Set<GenerationMode> modes, List<String> resolutions, String reason)
      implements RouteRule {
    /**
     * A rule as given; {@code param} and {@code reason} must not be null, a null {@code value} limits
     * every value, and a null set or list becomes empty (no restriction).
     */
    public WhenParam {
      Objects.requireNonNull(param, "param == null");
      modes = modes == null || modes.isEmpty()
          ? Set.of()
          : Collections.unmodifiableSet(EnumSet.copyOf(modes));
      resolutions = List.copyOf(resolutions == null ? List.of() : resolutions);
      Objects.requireNonNull(reason, "reason == null");
    }

    /** A rule that limits every value of {@code param}. */
    public WhenParam(String param, Set<GenerationMode> modes, List<String> resolutions, String reason) {
      this(param, null, modes, resolutions, reason);
    }
  }

  /**
   * A prompt is required in these modes even though the route does not require one everywhere
   * (text-to-video always needs a prompt, with or without this rule).
   */
  record PromptRequiredIn(Set<GenerationMode> modes, String reason) implements RouteRule {
    /**
     * A rule as given; {@code modes} and {@code reason} must not be null.
     *
     * @throws IllegalArgumentException if {@code modes} is empty
     */
    public PromptRequiredIn {
      if (Objects.requireNonNull(modes, "modes == null").isEmpty()) {
        throw new IllegalArgumentException("name at least one mode that needs a prompt");
      }
      modes = Collections.unmodifiableSet(EnumSet.copyOf(modes));
      Objects.requireNonNull(reason, "reason == null");
    }
  }

  /**
   * Image and video URLs may have these schemes, lower case (without this rule: {@code http} and
   * {@code https}), such as {@code data} and {@code asset} where the model takes inline images or
   * stored assets.
   */
  record UrlSchemes(Set<String> schemes, String reason) implements RouteRule {
    /**
     * A rule as given; {@code schemes} and {@code reason} must not be null.
     *
     * @throws IllegalArgumentException if {@code schemes} is empty or holds a name that is not a URL scheme
     */
    public UrlSchemes {
      Set<String> lower = new java.util.LinkedHashSet<>();
      for (String scheme : Objects.requireNonNull(schemes, "schemes == null")) {
        if (scheme == null || !scheme.matches("[A-Za-z][A-Za-z0-9+.-]*")) {
          throw new IllegalArgumentException("not a URL scheme: " + scheme + " (give names such as https, data, asset)");
        }
        lower.add(scheme.toLowerCase(java.util.Locale.ROOT));
      }
      if (lower.isEmpty()) {
        throw new IllegalArgumentException("name at least one URL scheme");
      }
      schemes = Collections.unmodifiableSet(lower);
      Objects.requireNonNull(reason, "reason == null");
    }
  }

  /**
   * A provider parameter that, when set, is a list of at most {@code max} entries, such as
   * Seedance's {@code audio_with_roles} (3 on seedance-2-mini). {@code param} may be a dotted path.
   */
  record ParamMaxItems(String param, int max, String reason) implements RouteRule {
    /**
     * A rule as given; {@code param} and {@code reason} must not be null.
     *
     * @throws IllegalArgumentException if {@code max} is below 1 (the parameter could never be given)
     */
    public ParamMaxItems {
      Objects.requireNonNull(param, "param == null");
      if (max < 1) {
        throw new IllegalArgumentException("max " + max + " is below 1, so " + param
            + " could never be given; give 1 or more, or leave the parameter out of params");
      }
      Objects.requireNonNull(reason, "reason == null");
    }
  }

  /**
   * A provider parameter that, when set, needs an image or a video in the job, such as Seedance's
   * {@code audio_with_roles} (reference audio is never sent alone).
   */
  record ParamNeedsInputs(String param, String reason) implements RouteRule {
    /** A rule as given; neither {@code param} nor {@code reason} may be null. */
    public ParamNeedsInputs {
      Objects.requireNonNull(param, "param == null");
      Objects.requireNonNull(reason, "reason == null");
    }
  }

  /**
   * A provider parameter that, when set, must be one of {@code values} (compared exactly, as it is
   * sent), such as seedance-2-5's {@code output_format} {@code mp4} or {@code mov}.
   */
  record ParamOneOf(String param, List<String> values, String reason) implements RouteRule {
    /**
     * A rule as given; {@code param} and {@code reason} must not be null.
     *
     * @throws IllegalArgumentException if {@code values} is empty (the parameter could never be given)
     */
    public ParamOneOf {
      Objects.requireNonNull(param, "param == null");
      values = List.copyOf(Objects.requireNonNull(values, "values == null"));
      if (values.isEmpty()) {
        throw new IllegalArgumentException("no value is allowed, so " + param
            + " could never be given; name at least one, or leave the parameter out of params");
      }
      Objects.requireNonNull(reason, "reason == null");
    }
  }

  /**
   * A local image must have a short side of at least {@code minShortSide} pixels and a width:height
   * from {@code minRatio} (the tallest allowed) to {@code maxRatio} (the widest), each W:H; a null
   * limit is no limit. Hailuo 2.3 takes 301 px and 2:5 to 5:2. Image URLs are not fetched, so only
   * local files are checked.
   */
  record ImagePixels(Integer minShortSide, String minRatio, String maxRatio, String reason) implements RouteRule {
    private static final java.util.regex.Pattern RATIO =
        java.util.regex.Pattern.compile("([1-9][0-9]{0,8}):([1-9][0-9]{0,8})");

    /**
     * Limits as given; {@code reason} must not be null.
     *
     * @throws IllegalArgumentException listing every problem: no limit at all, a short side below 1, a ratio that
     *     is not W:H, or a {@code minRatio} wider than {@code maxRatio} (no image would fit)
     */
    public ImagePixels {
      List<String> problems = new java.util.ArrayList<>();
      if (minShortSide == null && minRatio == null && maxRatio == null) {
        problems.add("no limit is given; give a least short side, a least or a most width:height, or leave the rule"
            + " out");
      }
      if (minShortSide != null && minShortSide < 1) {
        problems.add("min short side " + minShortSide + " px is below 1; give 1 or more");
      }
      java.util.Optional<String> minProblem = ratioProblem("min ratio", minRatio);
      java.util.Optional<String> maxProblem = ratioProblem("max ratio", maxRatio);
      minProblem.ifPresent(problems::add);
      maxProblem.ifPresent(problems::add);
      if (minRatio != null && maxRatio != null && minProblem.isEmpty() && maxProblem.isEmpty()
          && !atMost(minRatio, maxRatio)) {
        problems.add(orderProblem(minRatio, maxRatio));
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(String.join("; and ", problems));
      }
      Objects.requireNonNull(reason, "reason == null");
    }

    /** What is wrong with {@code ratio} as a limit called {@code what}: it must be W:H; none for null (no limit). */
    public static java.util.Optional<String> ratioProblem(String what, String ratio) {
      if (ratio == null || RATIO.matcher(ratio).matches()) {
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(what + " " + RouteSpelling.quote(ratio) + " is not W:H; allowed: two whole numbers"
          + " of 1 or more (at most 9 digits) with a colon between them, such as \"2:5\"");
    }

    /** Whether W:H {@code narrower} is not wider than W:H {@code wider} (both valid). */
    public static boolean atMost(String narrower, String wider) {
      long[] a = parts(narrower);
      long[] b = parts(wider);
      return a[0] * b[1] <= b[0] * a[1];
    }

    /** The problem of a least ratio wider than the most: no image would fit. */
    public static String orderProblem(String minRatio, String maxRatio) {
      return "min ratio " + minRatio + " is wider than max ratio " + maxRatio + ", so no image would fit; give the"
          + " taller ratio (such as 2:5) as the min and the wider (such as 5:2) as the max";
    }

    /** Whether an image of {@code width} by {@code height} pixels is within every limit. */
    public boolean fits(int width, int height) {
      return shortSideFits(width, height) && !tooTall(width, height) && !tooWide(width, height);
    }

    /** Whether the short side of {@code width} by {@code height} is long enough. */
    public boolean shortSideFits(int width, int height) {
      return minShortSide == null || Math.min(width, height) >= minShortSide;
    }

    /** Whether {@code width}:{@code height} is taller (narrower) than {@code minRatio} allows. */
    public boolean tooTall(int width, int height) {
      long[] min = minRatio == null ? null : parts(minRatio);
      return min != null && (long) width * min[1] < min[0] * height;
    }

    /** Whether {@code width}:{@code height} is wider than {@code maxRatio} allows. */
    public boolean tooWide(int width, int height) {
      long[] max = maxRatio == null ? null : parts(maxRatio);
      return max != null && (long) width * max[1] > max[0] * height;
    }

    /**
     * The limits in words: "a short side of at least 301 px and a width:height from 2:5 (tall) to 5:2 (wide)".
     */
    public String describe() {
      List<String> limits = new java.util.ArrayList<>();
      if (minShortSide != null) {
        limits.add("a short side of at least " + minShortSide + " px");
      }
      if (minRatio != null && maxRatio != null) {
        limits.add("a width:height from " + minRatio + " (tall) to " + maxRatio + " (wide)");
      } else if (minRatio != null) {
        limits.add("a width:height of " + minRatio + " or wider");
      } else if (maxRatio != null) {
        limits.add("a width:height of " + maxRatio + " or taller");
      }
      return String.join(" and ", limits);
    }

    private static long[] parts(String ratio) {
      java.util.regex.Matcher matcher = RATIO.matcher(ratio);
      if (!matcher.matches()) {
        throw new IllegalArgumentException("not W:H: " + ratio);
      }
      return new long[] {Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2))};
    }
  }

  /** At {@code resolution} only these durations are offered. */
  static RouteRule secondsAt(String resolution, String reason, Integer... seconds) {
    return new AtResolution(resolution, Set.of(seconds), List.of(), Set.of(), reason);
  }

  /** At {@code resolution} only these aspect ratios are offered. */
  static RouteRule ratiosAt(String resolution, String reason, String... ratios) {
    return new AtResolution(resolution, Set.of(), List.of(ratios), Set.of(), reason);
  }

  /** At {@code resolution} only these modes are offered. */
  static RouteRule modesAt(String resolution, String reason, GenerationMode... modes) {
    return new AtResolution(resolution, Set.of(), List.of(), Set.of(modes), reason);
  }

  /** In {@code mode} the aspect ratio must be one of {@code ratios} (none: no ratio is taken). */
  static RouteRule ratiosIn(GenerationMode mode, String reason, String... ratios) {
    return new RatiosInMode(mode, List.of(ratios), reason);
  }

  /** In {@code mode} a given aspect ratio is ignored by the provider. */
  static RouteRule ratioIgnoredIn(GenerationMode mode, String reason) {
    return new RatioIgnoredInMode(mode, reason);
  }

  /** {@code param}, when set, works only in {@code modes}. */
  static RouteRule paramOnlyIn(String param, String reason, GenerationMode... modes) {
    return new WhenParam(param, Set.of(modes), List.of(), reason);
  }

  /** {@code param}, when set, works only at {@code resolutions}. */
  static RouteRule paramOnlyAt(String param, String reason, String... resolutions) {
    return new WhenParam(param, Set.of(), List.of(resolutions), reason);
  }

  /** {@code param}, when set, is a list of at most {@code max} entries. */
  static RouteRule paramMaxItems(String param, int max, String reason) {
    return new ParamMaxItems(param, max, reason);
  }

  /** {@code param}, when set to {@code value}, works only in {@code modes}. */
  static RouteRule paramValueOnlyIn(String param, String value, String reason, GenerationMode... modes) {
    return new WhenParam(param, Objects.requireNonNull(value, "value == null"), Set.of(modes), List.of(), reason);
  }

  /** {@code param}, when set, is one of {@code values}. */
  static RouteRule paramOneOf(String param, String reason, String... values) {
    return new ParamOneOf(param, List.of(values), reason);
  }

  /** {@code param}, when set, needs an image or a video in the job. */
  static RouteRule paramNeedsInputs(String param, String reason) {
    return new ParamNeedsInputs(param, reason);
  }

  /** Local images have a short side of at least {@code minShortSide} px and a width:height from min to max ratio. */
  static RouteRule imagePixels(Integer minShortSide, String minRatio, String maxRatio, String reason) {
    return new ImagePixels(minShortSide, minRatio, maxRatio, reason);
  }

  /** A prompt is required in {@code modes}. */
  static RouteRule promptRequiredIn(String reason, GenerationMode... modes) {
    return new PromptRequiredIn(Set.of(modes), reason);
  }
}
