package dev.vidgen.core.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One model reachable through a provider, with every rule vidgen checks before sending a job:
 * modes, image counts per mode, durations, aspect ratios, resolutions, the prompt limit, the
 * price and, when it has one, its retirement. How a provider spells the request is its own
 * business: {@link #hints()} carries opaque per-provider data that the core passes through
 * untouched. Immutable; read routes from route files ({@code dev.vidgen.core.catalog.RouteFiles})
 * or build one with {@link #builder(String)}.
 *
 * @param aspectRatios offered ratios in display order; empty when the model takes none
 * @param defaultAspectRatio used when a job gives none; null when the model takes none
 * @param resolutions offered resolutions (compared without regard to case); may be empty
 * @param defaultResolution used when a job gives none; null when the model takes none
 * @param maxPromptChars the documented prompt limit, or null when none is documented
 * @param promptRequired whether a non-blank prompt must be given
 * @param knownParams extra parameters the route understands; others draw a warning
 * @param hints per provider id, a JSON tree (maps, lists, strings,
 *     numbers, booleans) the provider reads to spell its request; never read by the core
 * @param note one line on where the provider's pages disagree and what vidgen follows, or null
 * @param rules rules that tie fields together, such as "1080P only at 6 s"
 * @param retirement when and why the route is (or will be) retired, or null when no retirement is set
 * @param aliases other names the provider knows the same model by (its pages or its live list
 *     may use either spelling); a job may name any of them, and the name it gives is the one sent
 * @param assumed the limits vidgen assumes where the provider documents none, by what they limit
 *     ({@link #isAssumable}: {@code images}, {@code videos} or {@code max_prompt_chars}, or the image or
 *     video count of one mode, such as {@code reference-to-video.images}), each with why; a job refused
 *     by one is told that the limit is assumed and how to change it
 */
public record ModelRoute(
    String id,
    String displayName,
    String family,
    Set<GenerationMode> modes,
    Map<GenerationMode, IntRange> imageCounts,
    Map<GenerationMode, IntRange> videoCounts,
    DurationRule durations,
    List<String> aspectRatios,
    String defaultAspectRatio,
    List<String> resolutions,
    String defaultResolution,
    Integer maxPromptChars,
    boolean promptRequired,
    PriceTable price,
    Set<String> knownParams,
    Map<String, Object> hints,
    String note,
    List<RouteRule> rules,
    Retirement retirement,
    List<String> aliases,
    Map<String, String> assumed) {
  /** The limits {@link #assumed} may name, besides the image and video counts of one mode ({@code MODE.images}). */
  public static final List<String> ASSUMABLE = List.of("images", "videos", "max_prompt_chars");

  private static final String MODE_IDS =
      Stream.of(GenerationMode.values()).map(GenerationMode::id).collect(Collectors.joining(", "));

  /**
   * A route as given, with every collection copied: a null display name becomes the id, a null
   * family {@code other}, and null lists, sets and maps empty; {@code id} must not be null.
   *
   * @throws IllegalArgumentException if the id is blank, or, naming the route and listing each problem once, no
   *     mode is offered, {@code durations} or {@code price} is null, the id or an alias is not a model name or an
   *     alias repeats a name of the route, an offered aspect ratio is not W:H ({@link RouteSpelling}, the rules of
   *     route files), a default aspect ratio or resolution is not offered (naming the valid offered ones),
   *     {@code maxPromptChars} is not positive, or a mode that needs inputs takes none
   */
  public ModelRoute {
    Objects.requireNonNull(id, "id == null");
    if (id.isBlank()) {
      throw new IllegalArgumentException("route id is blank");
    }
    displayName = displayName == null ? id : displayName;
    family = family == null ? "other" : family;
    modes = modes == null || modes.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(modes));
    imageCounts = freezeCounts(imageCounts, modes);
    videoCounts = freezeCounts(videoCounts, modes);
    aspectRatios = List.copyOf(aspectRatios == null ? List.of() : aspectRatios);
    aliases = List.copyOf(aliases == null ? List.of() : aliases);
    resolutions = List.copyOf(resolutions == null ? List.of() : resolutions);
    assumed = assumed == null || assumed.isEmpty() ? Map.of()
        : Collections.unmodifiableMap(new java.util.LinkedHashMap<>(assumed));
    List<String> problems = fieldProblems(id, modes, imageCounts, videoCounts, durations, aspectRatios,
        defaultAspectRatio, resolutions, defaultResolution, maxPromptChars, price, aliases);
    problems.addAll(assumedProblems(assumed, maxPromptChars, modes, imageCounts, videoCounts));
    if (!problems.isEmpty()) {
      throw refused(id, problems);
    }
    knownParams = Collections.unmodifiableSet(new LinkedHashSet<>(knownParams == null ? Set.of() : knownParams));
    hints = Hints.freeze(hints);
    rules = List.copyOf(rules == null ? List.of() : rules);
  }

  /**
   * Every problem of the fields one by one, in the order the route lists them: no mode, no durations, a name or
   * an aspect ratio or a resolution that is not spelled as a route file's, a default that is not offered, a
   * prompt limit that is not positive, a mode that takes no input, no price. The fields are as the canonical
   * constructor keeps them (copied, counts of offered modes only).
   */
  private static List<String> fieldProblems(String id, Set<GenerationMode> modes,
      Map<GenerationMode, IntRange> imageCounts, Map<GenerationMode, IntRange> videoCounts, DurationRule durations,
      List<String> aspectRatios, String defaultAspectRatio, List<String> resolutions, String defaultResolution,
      Integer maxPromptChars, PriceTable price, List<String> aliases) {
    List<String> problems = new ArrayList<>();
    if (modes.isEmpty()) {
      problems.add("a route offers at least one mode; allowed modes: " + MODE_IDS);
    }
    if (durations == null) {
      problems.add("the durations are missing; give the durations the route accepts and their default, such as"
          + " DurationRule.oneOf(5, 10)");
    }
    problems.addAll(spellingProblems(id, aliases, aspectRatios));
    // A resolution is sent as written and matched without regard to case: " 720p" would match nothing.
    resolutions.forEach(resolution -> RouteSpelling.resolutionProblem(resolution).ifPresent(problems::add));
    List<String> validRatios = aspectRatios.stream()
        .filter(ratio -> RouteSpelling.aspectRatioProblem(ratio).isEmpty()).toList();
    defaultProblem("aspect ratio", aspectRatios, validRatios, defaultAspectRatio).ifPresent(problems::add);
    defaultProblem("resolution", resolutions, resolutions, defaultResolution).ifPresent(problems::add);
    if (maxPromptChars != null && maxPromptChars <= 0) {
      problems.add("maxPromptChars must be positive");
    }
    problems.addAll(modesWithoutInputs(modes, imageCounts, videoCounts));
    if (price == null) {
      problems.add("the price is missing; give PriceTable.unknown(why) when none is documented");
    }
    return problems;
  }

  /**
   * What is wrong with {@code assumed}: a name that is no limit, a reason left blank, a limit the route does not
   * set (no prompt limit; images or videos no offered mode takes).
   */
  private static List<String> assumedProblems(Map<String, String> assumed, Integer maxPromptChars,
      Set<GenerationMode> modes, Map<GenerationMode, IntRange> imageCounts, Map<GenerationMode, IntRange> videoCounts) {
    List<String> problems = new ArrayList<>();
    assumed.forEach((limit, why) -> {
      if (isAssumable(limit) && !limit.equals("max_prompt_chars")) {
        int dot = limit.indexOf('.');
        String inputs = limit.substring(dot + 1);
        Map<GenerationMode, IntRange> counts = inputs.equals("images") ? imageCounts : videoCounts;
        boolean taken = modes.stream().filter(mode -> dot < 0 || mode.id().equals(limit.substring(0, dot)))
            .anyMatch(mode -> counts.containsKey(mode) && counts.get(mode).max() > 0);
        if (!taken) {
          problems.add("assumed names " + limit + ", but " + (dot < 0 ? "no mode of the route takes " + inputs
              : "the route " + (modes.stream().anyMatch(mode -> mode.id().equals(limit.substring(0, dot)))
                  ? "takes no " + inputs + " in " + limit.substring(0, dot) : "does not offer " + limit.substring(0, dot))));
        }
      }
      if (!isAssumable(limit)) {
        problems.add("assumed names " + (limit == null ? "null" : '"' + limit + '"') + ", which is no limit; "
            + ASSUMABLE_WORDS);
      } else if (why == null || why.isBlank()) {
        problems.add("assumed " + limit + " gives no reason; say why the limit is assumed");
      } else if (limit.equals("max_prompt_chars") && maxPromptChars == null) {
        problems.add("assumed names max_prompt_chars, but the route sets no prompt limit");
      }
    });
    return problems;
  }

  /** What {@link #assumed} may name, in words. */
  public static final String ASSUMABLE_WORDS = "it may name images, videos or max_prompt_chars, or the images or"
      + " videos of one mode, such as reference-to-video.videos";

  /**
   * Whether {@code limit} names a limit a route may assume: {@code images}, {@code videos}, {@code
   * max_prompt_chars}, or {@code images} or {@code videos} after a mode id and a dot.
   */
  public static boolean isAssumable(String limit) {
    if (limit == null) {
      return false;
    }
    if (ASSUMABLE.contains(limit)) {
      return true;
    }
    int dot = limit.indexOf('.');
    String count = limit.substring(dot + 1);
    return dot > 0 && (count.equals("images") || count.equals("videos"))
        && Stream.of(GenerationMode.values()).anyMatch(mode -> mode.id().equals(limit.substring(0, dot)));
  }

  /** The refusal of the route {@code id} for {@code problems}, each told once, in the order found. */
  private static IllegalArgumentException refused(String id, List<String> problems) {
    return new IllegalArgumentException(id + ": " + String.join("; and ", new LinkedHashSet<>(problems)));
  }

  /** The modes that take inputs but are given none: no job could be made in them. */
  private static List<String> modesWithoutInputs(Set<GenerationMode> modes, Map<GenerationMode, IntRange> images,
      Map<GenerationMode, IntRange> videos) {
    List<String> problems = new ArrayList<>();
    java.util.function.Function<GenerationMode, Integer> mostImages = mode -> images.containsKey(mode)
        ? images.get(mode).max() : 0;
    java.util.function.Function<GenerationMode, Integer> mostVideos = mode -> videos.containsKey(mode)
        ? videos.get(mode).max() : 0;
    if (modes.contains(GenerationMode.IMAGE_TO_VIDEO) && mostImages.apply(GenerationMode.IMAGE_TO_VIDEO) == 0) {
      problems.add("mode image-to-video takes no image, so no job could be made in it; give it images with a max"
          + " of 1 or more");
    }
    if (modes.contains(GenerationMode.VIDEO_EDIT) && mostVideos.apply(GenerationMode.VIDEO_EDIT) == 0) {
      problems.add("mode video-edit takes no video, so no job could be made in it; give it videos with a max of 1"
          + " or more");
    }
    if (modes.contains(GenerationMode.REFERENCE_TO_VIDEO) && mostImages.apply(GenerationMode.REFERENCE_TO_VIDEO) == 0
        && mostVideos.apply(GenerationMode.REFERENCE_TO_VIDEO) == 0) {
      problems.add("mode reference-to-video takes no image and no video, so no job could be made in it; give it"
          + " images or videos with a max of 1 or more");
    }
    return problems;
  }

  /** A route without aliases (the canonical constructor's form before aliases were added). */
  public ModelRoute(
      String id, String displayName, String family, Set<GenerationMode> modes,
      Map<GenerationMode, IntRange> imageCounts, Map<GenerationMode, IntRange> videoCounts, DurationRule durations,
      List<String> aspectRatios, String defaultAspectRatio, List<String> resolutions, String defaultResolution,
      Integer maxPromptChars, boolean promptRequired, PriceTable price, Set<String> knownParams,
      Map<String, Object> hints, String note, List<RouteRule> rules, Retirement retirement) {
    this(id, displayName, family, modes, imageCounts, videoCounts, durations, aspectRatios, defaultAspectRatio,
        resolutions, defaultResolution, maxPromptChars, promptRequired, price, knownParams, hints, note, rules,
        retirement, List.of());
  }

  /** A route whose limits are all the provider's own (the canonical constructor's form before {@code assumed}). */
  public ModelRoute(
      String id, String displayName, String family, Set<GenerationMode> modes,
      Map<GenerationMode, IntRange> imageCounts, Map<GenerationMode, IntRange> videoCounts, DurationRule durations,
      List<String> aspectRatios, String defaultAspectRatio, List<String> resolutions, String defaultResolution,
      Integer maxPromptChars, boolean promptRequired, PriceTable price, Set<String> knownParams,
      Map<String, Object> hints, String note, List<RouteRule> rules, Retirement retirement, List<String> aliases) {
    this(id, displayName, family, modes, imageCounts, videoCounts, durations, aspectRatios, defaultAspectRatio,
        resolutions, defaultResolution, maxPromptChars, promptRequired, price, knownParams, hints, note, rules,
        retirement, aliases, Map.of());
  }

  /** Why vidgen assumes the limit {@code limit} ({@link #isAssumable}), when the provider documents none. */
  public Optional<String> assumption(String limit) {
    return Optional.ofNullable(assumed.get(limit));
  }

  /** Why vidgen assumes how many {@code inputs} ({@code images} or {@code videos}) {@code mode} takes, if it does. */
  public Optional<String> assumption(GenerationMode mode, String inputs) {
    return assumption(mode.id() + "." + inputs).or(() -> assumption(inputs));
  }

  /** A builder for a route called {@code id}. */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** A builder that starts from this route, for a variant or a fix. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The route's id, then its aliases: every name a job may give for it. */
  public List<String> names() {
    List<String> names = new ArrayList<>(1 + aliases.size());
    names.add(id);
    names.addAll(aliases);
    return List.copyOf(names);
  }

  /**
   * The name to send for a job that named this route {@code given}: the route's own spelling of
   * that name when it is the id or an alias (matched exactly, then without regard to case), else the id.
   */
  public String nameFor(String given) {
    if (given == null || aliases.isEmpty() || id.equals(given)) {
      return id;
    }
    if (aliases.contains(given)) {
      return given;
    }
    return matchIgnoringCase(names(), given).orElse(id);
  }

  /**
   * The first of the route's names (its id, then its aliases) that a provider's list of model ids
   * holds, as it is spelled there or, failing that, in another case (model ids are told apart by
   * more than case); empty when it holds none.
   */
  public Optional<String> nameListedIn(java.util.Set<String> listed) {
    for (String name : names()) {
      if (listed.contains(name)) {
        return Optional.of(name);
      }
    }
    for (String name : names()) {
      for (String id : listed) {
        if (id.equalsIgnoreCase(name)) {
          return Optional.of(name);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The entry of {@code listed} (a key's live model list) that names this route, as the list spells it: one of
   * its names exactly, or failing that one in another case, which is then the spelling the list gives; empty
   * when the list holds none.
   */
  public Optional<String> spellingListedIn(java.util.Set<String> listed) {
    return nameListedIn(listed).map(name -> listed.contains(name) ? name
        : listed.stream().filter(name::equalsIgnoreCase).sorted().findFirst().orElse(name));
  }

  /** Whether the route offers {@code mode}. */
  public boolean offers(GenerationMode mode) {
    return modes.contains(mode);
  }

  /** How many images {@code mode} takes (0 to 0 when the mode takes none). */
  public IntRange imagesFor(GenerationMode mode) {
    return imageCounts.getOrDefault(mode, IntRange.exactly(0));
  }

  /** How many input videos {@code mode} takes (0 to 0 when the mode takes none). */
  public IntRange videosFor(GenerationMode mode) {
    return videoCounts.getOrDefault(mode, IntRange.exactly(0));
  }

  /** The documented prompt limit, if any. */
  public Optional<Integer> promptLimit() {
    return Optional.ofNullable(maxPromptChars);
  }

  /** The route's own spelling of {@code resolution} (matched without regard to case), if offered. */
  public Optional<String> offeredResolution(String resolution) {
    return matchIgnoringCase(resolutions, resolution);
  }

  /**
   * The aspect ratio a job in {@code mode} that names none is sent with: null when the route takes
   * none or its rules say {@code mode} takes none or ignores it; the one ratio a rule allows in
   * {@code mode} when the route's default is not allowed there; else the route's default.
   */
  public String defaultAspectRatioFor(GenerationMode mode) {
    for (RouteRule rule : rules) {
      if (rule instanceof RouteRule.RatioIgnoredInMode ignoring && ignoring.mode() == mode) {
        return null;
      }
      if (rule instanceof RouteRule.RatiosInMode ratios && ratios.mode() == mode) {
        List<String> allowed = ratios.aspectRatios();
        if (allowed.isEmpty()) {
          return null;
        }
        if (allowed.size() == 1 && matchIgnoringCase(allowed, defaultAspectRatio).isEmpty()) {
          return allowed.get(0);
        }
      }
    }
    return defaultAspectRatio;
  }

  /** Whether a rule says the provider ignores the aspect ratio in {@code mode}, so none is sent there. */
  public boolean ignoresAspectRatioIn(GenerationMode mode) {
    return rules.stream().anyMatch(rule -> rule instanceof RouteRule.RatioIgnoredInMode ignoring && ignoring.mode() == mode);
  }

  /**
   * The aspect ratios a job in {@code mode} may name: those a rule allows in that mode, else all
   * the route's; none when the route takes none, or its rules say {@code mode} takes none or
   * ignores it.
   */
  public List<String> aspectRatiosFor(GenerationMode mode) {
    for (RouteRule rule : rules) {
      if (rule instanceof RouteRule.RatioIgnoredInMode ignoring && ignoring.mode() == mode) {
        return List.of();
      }
      if (rule instanceof RouteRule.RatiosInMode ratios && ratios.mode() == mode) {
        return ratios.aspectRatios();
      }
    }
    return aspectRatios;
  }

  /** The route's own spelling of {@code aspectRatio} (matched without regard to case), if offered. */
  public Optional<String> offeredAspectRatio(String aspectRatio) {
    return matchIgnoringCase(aspectRatios, aspectRatio);
  }

  private static Optional<String> matchIgnoringCase(List<String> offered, String wanted) {
    if (wanted == null) {
      return Optional.empty();
    }
    String trimmed = wanted.trim();
    for (String candidate : offered) {
      if (candidate.equalsIgnoreCase(trimmed)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The provider hints for {@code providerId} (an empty map when the route has none). */
  public Map<String, Object> hintsFor(String providerId) {
    Object hint = hints.get(Objects.requireNonNull(providerId, "providerId == null"));
    if (hint instanceof Map<?, ?> map) {
      @SuppressWarnings("unchecked")
      Map<String, Object> typed = (Map<String, Object>) map;
      return typed;
    }
    return Map.of();
  }

  /**
   * The route's retirement, if one is set, whether or not its day has come; {@link #retiredOn(LocalDate)}
   * says whether the route is retired on a given day.
   */
  public Optional<Retirement> retired() {
    return Optional.ofNullable(retirement);
  }

  /** The route's retirement when it is in force on {@code day} (its day has come); empty before, or when none is set. */
  public Optional<Retirement> retiredOn(java.time.LocalDate day) {
    return retired().filter(retired -> retired.inForceOn(day));
  }

  /** The route's retirement when it is set but its day is still after {@code day} (announced, not yet in force). */
  public Optional<Retirement> retiringAfter(java.time.LocalDate day) {
    return retired().filter(retired -> !retired.inForceOn(day));
  }

  /** The one-line note on disagreeing sources, if any. */
  public Optional<String> sourceNote() {
    return Optional.ofNullable(note);
  }

  private static Map<GenerationMode, IntRange> freezeCounts(
      Map<GenerationMode, IntRange> counts, Set<GenerationMode> modes) {
    EnumMap<GenerationMode, IntRange> copy = new EnumMap<>(GenerationMode.class);
    if (counts != null) {
      counts.forEach((mode, range) -> {
        if (modes.contains(mode)) {
          copy.put(mode, Objects.requireNonNull(range, "range == null"));
        }
      });
    }
    return Collections.unmodifiableMap(copy);
  }

  /**
   * The problems of an id or alias that is not a model name, an alias that repeats a name of the route, and an
   * aspect ratio that is not W:H, as route files tell them.
   */
  private static List<String> spellingProblems(String id, List<String> aliases, List<String> aspectRatios) {
    List<String> problems = new ArrayList<>();
    RouteSpelling.nameProblem("the route id", id).ifPresent(problems::add);
    Set<String> names = new java.util.HashSet<>();
    names.add(id.toLowerCase(java.util.Locale.ROOT));
    for (String alias : aliases) {
      RouteSpelling.nameProblem("the alias", alias).ifPresent(problems::add);
      if (!names.add(alias.toLowerCase(java.util.Locale.ROOT))) {
        problems.add(RouteSpelling.repeatedName(alias, id));
      }
    }
    aspectRatios.forEach(ratio -> RouteSpelling.aspectRatioProblem(ratio).ifPresent(problems::add));
    return problems;
  }

  /**
   * The problem of a default {@code what} that is not {@code offered}, naming the {@code valid} offered values; none
   * for a default that is offered, even when that offered value is wrong (its own problem tells it).
   */
  private static Optional<String> defaultProblem(String what, List<String> offered, List<String> valid,
      String chosen) {
    if (chosen == null || offered.stream().anyMatch(chosen::equalsIgnoreCase)) {
      return Optional.empty();
    }
    return Optional.of("default " + what + " " + chosen + " is not offered; offered: "
        + RouteSpelling.allowedValues(valid, offered.size(), "offered " + what));
  }

  /** Builds a {@link ModelRoute}; not thread-safe. */
  public static final class Builder {
    private final String id;
    private String displayName;
    private String family;
    private final Set<GenerationMode> modes = EnumSet.noneOf(GenerationMode.class);
    private final Map<GenerationMode, IntRange> imageCounts = new EnumMap<>(GenerationMode.class);
    private final Map<GenerationMode, IntRange> videoCounts = new EnumMap<>(GenerationMode.class);
    private DurationRule durations;
    private final List<String> aspectRatios = new ArrayList<>();
    private String defaultAspectRatio;
    private final List<String> resolutions = new ArrayList<>();
    private String defaultResolution;
    private Integer maxPromptChars;
    private boolean promptRequired = true;
    private PriceTable price = PriceTable.unknown("no price is documented");
    private final Set<String> knownParams = new LinkedHashSet<>();
    private final Map<String, Object> hints = new java.util.LinkedHashMap<>();
    private String note;
    private final List<RouteRule> rules = new ArrayList<>();
    private Retirement retirement;
    private final List<String> aliases = new ArrayList<>();
    private final Map<String, String> assumed = new java.util.LinkedHashMap<>();

    private Builder(String id) {
      this.id = Objects.requireNonNull(id, "id == null");
    }

    private Builder(ModelRoute route) {
      this(route.id);
      displayName = route.displayName;
      family = route.family;
      modes.addAll(route.modes);
      imageCounts.putAll(route.imageCounts);
      videoCounts.putAll(route.videoCounts);
      durations = route.durations;
      aspectRatios.addAll(route.aspectRatios);
      defaultAspectRatio = route.defaultAspectRatio;
      resolutions.addAll(route.resolutions);
      defaultResolution = route.defaultResolution;
      maxPromptChars = route.maxPromptChars;
      promptRequired = route.promptRequired;
      price = route.price;
      knownParams.addAll(route.knownParams);
      hints.putAll(route.hints);
      note = route.note;
      rules.addAll(route.rules);
      retirement = route.retirement;
      aliases.addAll(route.aliases);
      assumed.putAll(route.assumed);
    }

    /** A name for people; the id when not set. */
    public Builder displayName(String displayName) {
      this.displayName = displayName;
      return this;
    }

    /** The model's family, such as {@code Acme}; {@code other} when not set. */
    public Builder family(String family) {
      this.family = family;
      return this;
    }

    /** Offers {@code mode} with no images. */
    public Builder mode(GenerationMode mode) {
      modes.add(mode);
      return this;
    }

    /** Offers {@code mode} with {@code min} to {@code max} images. */
    public Builder mode(GenerationMode mode, int minImages, int maxImages) {
      modes.add(mode);
      imageCounts.put(mode, IntRange.of(minImages, maxImages));
      return this;
    }

    /** Lets {@code mode} take {@code min} to {@code max} input videos. */
    public Builder videos(GenerationMode mode, int minVideos, int maxVideos) {
      videoCounts.put(mode, IntRange.of(minVideos, maxVideos));
      return this;
    }

    /** The durations the route accepts and their default; required, {@link #build()} fails without it. */
    public Builder durations(DurationRule durations) {
      this.durations = durations;
      return this;
    }

    /** The offered ratios; the first is the default. */
    public Builder aspectRatios(String defaultRatio, String... others) {
      aspectRatios.clear();
      aspectRatios.add(defaultRatio);
      aspectRatios.addAll(List.of(others));
      defaultAspectRatio = defaultRatio;
      return this;
    }

    /** The offered ratios in display order and the default (null: the provider chooses). */
    public Builder aspectRatios(List<String> offered, String defaultRatio) {
      aspectRatios.clear();
      aspectRatios.addAll(offered);
      defaultAspectRatio = defaultRatio;
      return this;
    }

    /** Keeps the offered ratios but documents no default (the provider chooses). */
    public Builder noDefaultAspectRatio() {
      defaultAspectRatio = null;
      return this;
    }

    /** Takes no aspect ratio. */
    public Builder noAspectRatio() {
      aspectRatios.clear();
      defaultAspectRatio = null;
      return this;
    }

    /** The offered resolutions; the first is the default. */
    public Builder resolutions(String defaultResolution, String... others) {
      resolutions.clear();
      resolutions.add(defaultResolution);
      resolutions.addAll(List.of(others));
      this.defaultResolution = defaultResolution;
      return this;
    }

    /** The offered resolutions in display order and the default (null: the provider chooses). */
    public Builder resolutions(List<String> offered, String defaultResolution) {
      resolutions.clear();
      resolutions.addAll(offered);
      this.defaultResolution = defaultResolution;
      return this;
    }

    /** Keeps the offered resolutions but documents no default (the provider chooses). */
    public Builder noDefaultResolution() {
      defaultResolution = null;
      return this;
    }

    /** Takes no resolution. */
    public Builder noResolution() {
      resolutions.clear();
      defaultResolution = null;
      return this;
    }

    /** The documented prompt limit in characters (code points); null (the default) when none is documented. */
    public Builder maxPromptChars(Integer maxPromptChars) {
      this.maxPromptChars = maxPromptChars;
      return this;
    }

    /** Whether a non-blank prompt must be given; {@code true} by default. */
    public Builder promptRequired(boolean promptRequired) {
      this.promptRequired = promptRequired;
      return this;
    }

    /** What the route costs; must not be null, and unknown ("no price is documented") when not set. */
    public Builder price(PriceTable price) {
      this.price = Objects.requireNonNull(price, "price == null");
      return this;
    }

    /** Adds extra parameter names the route understands; parameters not named draw a warning. None by default. */
    public Builder knownParams(String... names) {
      knownParams.addAll(List.of(names));
      return this;
    }

    /**
     * Sets the hints for one provider (by its id): a JSON tree that provider reads, passed through
     * untouched by the core; null removes them.
     */
    public Builder hints(String providerId, Map<String, ?> hint) {
      Objects.requireNonNull(providerId, "providerId == null");
      if (hint == null) {
        hints.remove(providerId);
      } else {
        hints.put(providerId, hint);
      }
      return this;
    }

    /** Replaces every provider's hints. */
    public Builder hints(Map<String, ?> all) {
      hints.clear();
      if (all != null) {
        hints.putAll(all);
      }
      return this;
    }

    /** Marks the route retired (null: offered). */
    public Builder retired(Retirement retirement) {
      this.retirement = retirement;
      return this;
    }

    /** Replaces the other names the provider knows the model by. */
    public Builder aliases(String... names) {
      aliases.clear();
      aliases.addAll(List.of(names));
      return this;
    }

    /** One line on where the provider's pages disagree and what vidgen follows; null (the default) for none. */
    public Builder note(String note) {
      this.note = note;
      return this;
    }

    /**
     * Says that the limit {@code limit} ({@code images}, {@code videos} or {@code max_prompt_chars}) is
     * vidgen's assumption, not the provider's, and why; a null {@code why} says it is the provider's again.
     */
    public Builder assumed(String limit, String why) {
      Objects.requireNonNull(limit, "limit == null");
      if (why == null) {
        assumed.remove(limit);
      } else {
        assumed.put(limit, why);
      }
      return this;
    }

    /** Adds rules that tie fields together; see {@link RouteRule}. */
    public Builder rules(RouteRule... added) {
      for (RouteRule rule : added) {
        rules.add(Objects.requireNonNull(rule, "rule == null"));
      }
      return this;
    }

    /** Drops every rule, for a variant that does not share them. */
    public Builder clearRules() {
      rules.clear();
      return this;
    }

    /**
     * The route, checked as the canonical constructor and a route file's reader check it.
     *
     * @throws IllegalArgumentException naming the route and listing every problem at once: each the canonical
     *     constructor tells (no mode, no durations, …), a price for a duration or resolution not offered, and a
     *     retirement that names the route itself instead
     */
    public ModelRoute build() {
      if (id.isBlank()) {
        throw new IllegalArgumentException("route id is blank");
      }
      Set<GenerationMode> offered = modes.isEmpty() ? Set.of() : EnumSet.copyOf(modes);
      List<String> problems = fieldProblems(id, offered, freezeCounts(imageCounts, offered),
          freezeCounts(videoCounts, offered), durations, aspectRatios, defaultAspectRatio, resolutions,
          defaultResolution, maxPromptChars, price, aliases);
      problems.addAll(assumedProblems(assumed, maxPromptChars, offered, freezeCounts(imageCounts, offered),
          freezeCounts(videoCounts, offered)));
      // The checks a route file's reader makes of the whole route, so that code follows the rules of a file.
      PricedOutside.of(price, durations, resolutions)
          .forEach(outside -> problems.add("price " + String.join(".", outside.path()) + ": " + outside.problem()));
      if (retirement != null && retirement.instead().stream().anyMatch(other -> Stream.concat(Stream.of(id),
          aliases.stream()).anyMatch(other.strip()::equalsIgnoreCase))) {
        problems.add("its retirement names the route itself instead; name the routes to choose instead of it");
      }
      if (!problems.isEmpty()) {
        throw refused(id, problems);
      }
      return new ModelRoute(
          id, displayName, family, modes, imageCounts, videoCounts, durations,
          aspectRatios, defaultAspectRatio, resolutions, defaultResolution,
          maxPromptChars, promptRequired, price, knownParams, hints, note, rules, retirement, aliases, assumed);
    }
  }
}
