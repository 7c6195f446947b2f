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
        RouteRule.ParamOneOf {

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

  /** A prompt is required in {@code modes}. */
  static RouteRule promptRequiredIn(String reason, GenerationMode... modes) {
    return new PromptRequiredIn(Set.of(modes), reason);
  }
}
