package dev.vidgen.core.catalog;

import dev.vidgen.core.domain.DurationRule;
import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.IntRange;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.PriceTable;
import dev.vidgen.core.domain.PricedOutside;
import dev.vidgen.core.domain.Retirement;
import dev.vidgen.core.domain.RouteRule;
import dev.vidgen.core.domain.RouteSpelling;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Turns one route object of a route file (a whole route, or a patch of one) into a {@link ModelRoute}. */
final class RouteReader {
  private static final String MODE_IDS =
      Stream.of(GenerationMode.values()).map(GenerationMode::id).collect(Collectors.joining(", "));

  private RouteReader() {}

  /**
   * A whole route. Each field is read on its own, so that every field that is wrong is told at once;
   * the checks across fields (a price, the rules) follow only once every field could be read.
   */
  static ModelRoute route(Node node, String unknownPriceReason) {
    node.object("a route");
    List<RouteFileException> problems = new ArrayList<>();
    String id = collect(problems, () -> node.require("id", "the model id the provider knows").name("the route id"));
    Draft draft = new Draft(id == null ? "" : id);
    draft.price = PriceTable.unknown(unknownPriceReason);
    boolean unknownKeys = fields(draft, node, "a route", RouteKeys.ROUTE, problems);
    if (!unknownKeys) { // an unknown key may be the misspelling of a required one: then it alone is told
      collect(problems, () -> node.require("modes", "the modes the route offers, such as {\"text-to-video\": {}}"));
      collect(problems, () -> node.require("seconds", "the durations, such as {\"one_of\": [5, 10], \"default\": 5}"));
    }
    draft.checkPartPrice(node, problems);
    if (!problems.isEmpty()) {
      throw RouteFileException.of(problems);
    }
    return draft.build(node);
  }

  /** {@code route} with the fields of {@code patch} changed. */
  static ModelRoute patch(ModelRoute route, Node patch) {
    Draft draft = new Draft(route);
    List<RouteFileException> problems = new ArrayList<>();
    fields(draft, patch, "a patch (any route field but id)", RouteKeys.PATCH, problems);
    if (!patch.has("assumed")) {
      // A limit the patch sets is the file's own, no longer assumed, unless the patch says it is.
      if (patch.has("modes")) {
        draft.assumed.keySet().removeIf(limit -> limit.endsWith("images") || limit.endsWith("videos"));
      }
      if (patch.has("max_prompt_chars")) {
        draft.assumed.remove("max_prompt_chars");
      }
    }
    draft.checkPartPrice(patch, problems);
    if (!problems.isEmpty()) {
      throw RouteFileException.of(problems);
    }
    return draft.build(patch);
  }

  /** Applies each field of {@code node} but its id, keeping the problem of each; whether a key was unknown. */
  private static boolean fields(Draft draft, Node node, String what, Set<String> allowed,
      List<RouteFileException> problems) {
    boolean unknown = false;
    for (String key : node.object(what).keySet()) {
      if (!allowed.contains(key)) {
        unknown = true;
        problems.add(node.at(key).fail("unknown key " + Node.quote(key) + " in " + what + "; allowed: "
            + String.join(", ", allowed)));
      } else if (!key.equals("id")) {
        int before = problems.size();
        collect(problems, () -> {
          apply(draft, key, node.at(key));
          return null;
        });
        if (problems.size() > before) {
          draft.unread.add(key);
        }
      }
    }
    return unknown;
  }

  /** Runs {@code step}, keeping its problem (then null). */
  private static <T> T collect(List<RouteFileException> problems, Supplier<T> step) {
    try {
      return step.get();
    } catch (RouteFileException problem) {
      problems.add(problem);
      return null;
    }
  }

  private static void apply(Draft draft, String key, Node value) {
    switch (key) {
      case "aliases" -> draft.aliases = aliases(value);
      case "display_name" -> draft.displayName = value.text("display_name");
      case "family" -> draft.family = value.text("family");
      case "modes" -> modes(draft, value);
      case "seconds" -> draft.durations = seconds(value, part -> draft.partDurations = part);
      case "aspect_ratios" -> {
        Choice choice = choice(value, "aspect_ratios", "aspect ratios such as \"16:9\"", RouteSpelling::aspectRatioProblem,
            part -> { });
        draft.aspectRatios = choice.offered;
        draft.defaultAspectRatio = choice.defaultValue;
      }
      case "resolutions" -> {
        Choice choice = choice(value, "resolutions", "resolutions such as \"720p\"", RouteSpelling::resolutionProblem,
            part -> draft.partResolutions = part);
        draft.resolutions = choice.offered;
        draft.defaultResolution = choice.defaultValue;
      }
      case "max_prompt_chars" -> draft.maxPromptChars = value.integer("max_prompt_chars", 1);
      case "prompt_required" -> draft.promptRequired = value.flag("prompt_required");
      case "price" -> draft.price = price(value, true, part -> draft.partPrice = part);
      case "params" -> draft.knownParams = new LinkedHashSet<>(value.texts("params (parameter names)"));
      case "rules" -> {
        List<RouteFileException> problems = new ArrayList<>();
        List<RouteRule> rules = new ArrayList<>();
        for (Node rule : value.list("rules")) {
          rules.add(collect(problems, () -> rule(rule)));
        }
        if (!problems.isEmpty()) {
          throw RouteFileException.of(problems);
        }
        draft.rules = rules;
      }
      case "hints" -> draft.hints = hints(draft.hints, value);
      case "note" -> draft.note = value.text("note");
      case "assumed" -> draft.assumed = assumed(value);
      case "retired" -> draft.retirement = value.isNull() ? null : retired(value); // null: not retired (a patch brings the route back)
      default -> throw value.fail("unknown key " + Node.quote(key));
    }
  }

  /** The limits a route assumes, each with why: a limit the route sets ({@link ModelRoute#ASSUMABLE}) to a text. */
  private static Map<String, String> assumed(Node node) {
    List<RouteFileException> problems = new ArrayList<>();
    Map<String, String> assumed = new java.util.LinkedHashMap<>();
    node.entries("assumed (a limit such as \"videos\" to why vidgen assumes it)").forEach((limit, why) -> {
      if (!ModelRoute.isAssumable(limit)) {
        problems.add(why.fail("unknown limit " + Node.quote(limit) + " in assumed; " + ModelRoute.ASSUMABLE_WORDS));
      } else {
        String text = collect(problems, () -> why.text("assumed " + limit + " (why the limit is assumed)"));
        if (text != null) {
          assumed.put(limit, text);
        }
      }
    });
    if (!problems.isEmpty()) {
      throw RouteFileException.of(problems);
    }
    return assumed;
  }

  /**
   * Other model ids of a route: names without spaces or control characters. A name given twice (or the id
   * again) is told by {@link NameClashes}, which reads the names as written.
   */
  private static List<String> aliases(Node node) {
    List<RouteFileException> problems = new ArrayList<>();
    List<String> aliases = new ArrayList<>();
    for (Node item : node.list("aliases (other model ids the provider knows the route by)")) {
      aliases.add(collect(problems, () -> item.name("the alias")));
    }
    if (!problems.isEmpty()) {
      throw RouteFileException.of(problems);
    }
    return aliases;
  }

  /** {@code aliases} without {@code id} and without a name given before, in any case. */
  private static List<String> distinct(String id, List<String> aliases) {
    Set<String> seen = new java.util.HashSet<>();
    seen.add(id.toLowerCase(java.util.Locale.ROOT));
    return aliases == null ? null
        : aliases.stream().filter(alias -> seen.add(alias.toLowerCase(java.util.Locale.ROOT))).toList();
  }

  private static void modes(Draft draft, Node node) {
    Map<String, Node> entries = node.entries("modes (mode id to {\"images\": …, \"videos\": …})");
    if (entries.isEmpty()) {
      throw node.fail("a route offers at least one mode; allowed modes: " + MODE_IDS);
    }
    draft.modes = new LinkedHashSet<>();
    draft.imageCounts = new EnumMap<>(GenerationMode.class);
    draft.videoCounts = new EnumMap<>(GenerationMode.class);
    List<RouteFileException> problems = new ArrayList<>(); // every mode's problems, not only the first
    for (Map.Entry<String, Node> entry : entries.entrySet()) {
      GenerationMode mode = collect(problems, () -> mode(entry.getKey(), entry.getValue()));
      Node settings = entry.getValue();
      List<RouteFileException> unknown = collect(problems,
          () -> settings.unknownKeys("a mode's settings", RouteKeys.MODE));
      if (unknown == null) {
        continue;
      }
      problems.addAll(unknown);
      IntRange images = settings.has("images") ? collect(problems, () -> count(settings.at("images"), "images")) : null;
      IntRange videos = settings.has("videos") ? collect(problems, () -> count(settings.at("videos"), "videos")) : null;
      if (mode != null) {
        draft.modes.add(mode);
        if (images != null) {
          draft.imageCounts.put(mode, images);
        }
        if (videos != null) {
          draft.videoCounts.put(mode, videos);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw RouteFileException.of(problems);
    }
  }

  private static GenerationMode mode(String id, Node where) {
    for (GenerationMode mode : GenerationMode.values()) {
      if (mode.id().equals(id)) {
        return mode;
      }
    }
    throw where.fail("unknown mode " + Node.quote(id) + "; allowed modes: " + MODE_IDS);
  }

  /**
   * A count of images or videos: an unknown key is told beside a wrong min or max, and a key it may be the
   * misspelling of is then not also told missing.
   */
  private static IntRange count(Node node, String what) {
    List<RouteFileException> problems = new ArrayList<>(node.unknownKeys("a count of " + what, RouteKeys.COUNT));
    boolean misspelt = !problems.isEmpty();
    Integer min = countAt(node, "min", "the fewest " + what, what, problems, misspelt);
    Integer max = countAt(node, "max", "the most " + what, what, problems, misspelt);
    if (min != null && max != null && max < min) {
      problems.add(node.at("max").fail("max " + max + " is below min " + min + "; max must be " + min + " or more"));
    }
    if (!problems.isEmpty()) {
      throw RouteFileException.of(problems);
    }
    return IntRange.of(min, max);
  }

  /** The {@code key} of a count, or null with its problem kept (none when it is missing and may be misspelt). */
  private static Integer countAt(Node node, String key, String meaning, String what, List<RouteFileException> problems,
      boolean misspelt) {
    if (misspelt && !node.has(key)) {
      return null;
    }
    return collect(problems, () -> node.require(key, meaning).integer(what + " " + key, 0));
  }

  /**
   * The durations: each wrong value of {@code one_of} (or a wrong {@code min} or {@code max}) is told beside a wrong
   * default, which may take only the valid values. An unknown key is told beside them, the known keys still read; a
   * key it may be the misspelling of is then not also told missing. When only the default, {@code automatic} or an
   * unknown key is wrong, {@code partRead} is given the durations offered, so that a price for a duration the route
   * does not offer is told beside it.
   */
  private static DurationRule seconds(Node node, Consumer<DurationRule> partRead) {
    List<RouteFileException> problems = new ArrayList<>(node.unknownKeys("seconds", RouteKeys.SECONDS));
    boolean misspelt = !problems.isEmpty();
    boolean set = node.has("one_of");
    boolean range = node.has("min") || node.has("max");
    if (set == range) {
      if (set || !misspelt) { // neither: an unknown key may be one_of, min or max misspelt, and is told alone
        problems.add(node.fail("give either \"one_of\" (such as [5, 10]) or \"min\" and \"max\" (such as 4 and"
            + " 15), not " + (set ? "both" : "neither")));
      }
      throw RouteFileException.of(problems);
    }
    List<RouteFileException> valueProblems = new ArrayList<>();
    DurationRule rule = set ? secondsOneOf(node, valueProblems, partRead, misspelt)
        : secondsBetween(node, valueProblems, partRead, misspelt);
    boolean durationsRead = valueProblems.isEmpty();
    Integer[] automatic = node.has("automatic") ? automaticSeconds(node.at("automatic"), valueProblems)
        : new Integer[0];
    problems.addAll(valueProblems);
    if (!problems.isEmpty()) {
      if (durationsRead && rule != null) { // the durations offered are known
        partRead.accept(valueProblems.isEmpty() ? rule.withAutomatic(automatic) : rule);
      }
      throw RouteFileException.of(problems);
    }
    return rule.withAutomatic(automatic);
  }

  /** The values the provider takes for an automatic length: each 0 or -1, once. */
  private static Integer[] automaticSeconds(Node node, List<RouteFileException> problems) {
    List<Node> items = collect(problems, () -> node.list("automatic (the values for an automatic length, 0 or -1)"));
    if (items == null) {
      return new Integer[0];
    }
    if (items.isEmpty()) {
      problems.add(node.fail("automatic is empty; list 0, -1 or both, or leave automatic out"));
    }
    TreeSet<Integer> values = new TreeSet<>();
    for (Node item : items) {
      Integer value = collect(problems, () -> item.integer("an automatic length, 0 or -1", -1));
      if (value != null && !DurationRule.AUTOMATIC_VALUES.contains(value)) {
        problems.add(item.fail("an automatic length is 0 or -1, not " + value));
      } else if (value != null && !values.add(value)) {
        problems.add(item.fail(value + " is listed twice in automatic"));
      }
    }
    return values.toArray(new Integer[0]);
  }

  private static DurationRule secondsOneOf(Node node, List<RouteFileException> problems,
      Consumer<DurationRule> partRead, boolean misspelt) {
    List<Node> items = collect(problems, () -> node.at("one_of").list("seconds one_of (whole seconds)"));
    TreeSet<Integer> values = new TreeSet<>();
    if (items != null && items.isEmpty()) {
      problems.add(node.at("one_of").fail("one_of is empty; list at least one duration in whole seconds"));
    }
    for (Node item : items == null ? List.<Node>of() : items) {
      Integer seconds = collect(problems, () -> item.integer("a duration in whole seconds", RouteSpelling.MIN_SECONDS));
      if (seconds != null && !values.add(seconds)) {
        problems.add(item.fail(item.raw() + " is listed twice in one_of"));
      }
    }
    boolean valuesRead = items != null && !items.isEmpty() && problems.isEmpty();
    Integer chosen = defaultSeconds(node, problems, misspelt);
    if (valuesRead && (chosen == null || !values.contains(chosen))) {
      offered(() -> new DurationRule(values, null, values.first()), partRead);
    }
    if (chosen == null || items == null || items.isEmpty()) {
      return null;
    }
    if (!values.contains(chosen)) {
      List<String> valid = values.stream().map(String::valueOf).toList();
      problems.add(node.at("default").fail("default " + chosen + " is not in one_of; allowed: "
          + RouteSpelling.allowedValues(valid, items.size(), "value of one_of")));
      return null;
    }
    return new DurationRule(values, null, chosen);
  }

  private static DurationRule secondsBetween(Node node, List<RouteFileException> problems,
      Consumer<DurationRule> partRead, boolean misspelt) {
    Integer min = secondsAt(node, "min", "the shortest duration", problems, misspelt);
    Integer max = secondsAt(node, "max", "the longest duration", problems, misspelt);
    Integer chosen = defaultSeconds(node, problems, misspelt);
    if (min == null || max == null) {
      return null;
    }
    if (max < min) { // no default can be judged against a range that is not one
      problems.add(node.at("max").fail("max " + max + " is below min " + min + "; max must be " + min + " or more"));
      return null;
    }
    if (chosen == null || chosen < min || chosen > max) {
      offered(() -> DurationRule.between(min, max, Math.max(min, RouteSpelling.MIN_SECONDS)), partRead);
    }
    if (chosen == null) {
      return null;
    }
    if (chosen < min || chosen > max) {
      problems.add(node.at("default").fail(RouteSpelling.defaultOutside(chosen, min, max)));
      return null;
    }
    return DurationRule.between(min, max, chosen);
  }

  /** Gives {@code partRead} the durations {@code rule} makes, unless they are wrong themselves (then told already). */
  private static void offered(Supplier<DurationRule> rule, Consumer<DurationRule> partRead) {
    try {
      partRead.accept(rule.get());
    } catch (IllegalArgumentException wrongDurations) {
      // A duration below the shortest is told on its own; no price can be judged against it.
    }
  }

  /** The default duration, or null with its problem kept. */
  private static Integer defaultSeconds(Node node, List<RouteFileException> problems, boolean misspelt) {
    return secondsAt(node, "default", "the duration used when a job gives none", problems, misspelt);
  }

  /**
   * The duration at {@code key} of {@code seconds}, or null with its problem kept; when it is missing and an unknown
   * key of the object ({@code misspelt}) may be its misspelling, null with no problem of its own.
   */
  private static Integer secondsAt(Node node, String key, String what, List<RouteFileException> problems,
      boolean misspelt) {
    if (misspelt && !node.has(key)) {
      return null;
    }
    return collect(problems, () -> node.require(key, what).integer("seconds " + key, RouteSpelling.MIN_SECONDS));
  }

  /** The offered values and the default (null: the provider chooses). */
  private record Choice(List<String> offered, String defaultValue) {}

  /**
   * The offered values and the default, telling each wrong value ({@code spelling} says what is wrong with one) and
   * a wrong default at once: a default that is a wrong value has that value's problem, and one that is not offered
   * is told with the valid values only. An unknown key is told beside them, the known keys still read (a missing
   * {@code one_of} it may be the misspelling of is not also told). When only the default or an unknown key is wrong,
   * {@code partRead} is given the values offered.
   */
  private static Choice choice(Node node, String name, String what, Function<String, Optional<String>> spelling,
      Consumer<List<String>> partRead) {
    List<RouteFileException> problems = new ArrayList<>(node.unknownKeys(name, RouteKeys.CHOICE));
    if (!problems.isEmpty() && !node.has("one_of")) {
      throw RouteFileException.of(problems);
    }
    List<Node> items = collect(problems, () -> node.require("one_of", "the offered " + what).list(name + " one_of"));
    if (items != null && items.isEmpty()) {
      problems.add(node.at("one_of").fail("one_of is empty; leave " + name + " out when the model takes none"));
    }
    if (items == null || items.isEmpty()) {
      throw RouteFileException.of(problems);
    }
    int unknownKeys = problems.size();
    List<String> offered = new ArrayList<>();
    List<String> valid = new ArrayList<>();
    for (Node item : items) {
      String text = collect(problems, () -> item.text("an entry of " + name + " one_of"));
      if (text == null) {
        continue;
      }
      Optional<String> problem = spelling.apply(text);
      problem.ifPresent(wrong -> problems.add(item.fail(wrong)));
      if (offered.stream().anyMatch(text::equalsIgnoreCase)) {
        problems.add(item.fail(Node.quote(text) + " is listed twice in " + name + " one_of"));
      } else if (problem.isEmpty()) {
        valid.add(text);
      }
      offered.add(text);
    }
    boolean offeredRead = problems.size() == unknownKeys;
    String chosen = node.has("default") ? collect(problems, () -> chosen(node.at("default"), name, offered, valid,
        items.size(), spelling)) : null;
    if (!problems.isEmpty()) {
      if (offeredRead) {
        partRead.accept(List.copyOf(offered));
      }
      throw RouteFileException.of(problems);
    }
    return new Choice(offered, chosen);
  }

  /** The valid offered value {@code node} names (in the spelling of one_of), else its problem. */
  private static String chosen(Node node, String name, List<String> offered, List<String> valid, int given,
      Function<String, Optional<String>> spelling) {
    String wanted = node.text(name + " default");
    Optional<String> chosen = valid.stream().filter(wanted::equalsIgnoreCase).findFirst();
    if (chosen.isPresent()) {
      return chosen.get();
    }
    Optional<String> problem = offered.stream().anyMatch(wanted::equalsIgnoreCase) ? spelling.apply(wanted)
        : Optional.empty();
    throw node.fail(problem.orElseGet(() -> "default " + Node.quote(wanted) + " is not in one_of; allowed: "
        + RouteSpelling.allowedValues(valid, given, "value of one_of")));
  }

  /**
   * A price. When some of its entries are wrong, {@code partRead} is given what could be read of it
   * (when anything could), so that a price for a duration or resolution the route does not offer is
   * told with the other problems of the same price rather than after they are fixed. An unknown key is told beside
   * the problems of the known one, which is still read; when no known key is given, the unknown key may be its
   * misspelling and is told alone.
   */
  static PriceTable price(Node node, boolean byResolutionAllowed, Consumer<PriceTable> partRead) {
    Set<String> allowed = byResolutionAllowed ? RouteKeys.PRICE : RouteKeys.PRICE_AT_RESOLUTION;
    List<RouteFileException> problems = new ArrayList<>(node.unknownKeys("a price", allowed));
    List<String> keys = node.object("a price").keySet().stream().filter(allowed::contains).toList();
    if (keys.size() != 1) {
      if (problems.isEmpty() || !keys.isEmpty()) { // none known: an unknown key may be one misspelt, told alone
        problems.add(node.fail("give exactly one of " + String.join(", ", allowed)
            + (keys.isEmpty() ? "" : "; got " + String.join(" and ", keys))));
      }
      throw RouteFileException.of(problems);
    }
    if (problems.isEmpty()) {
      return priceOf(node.at(keys.get(0)), keys.get(0), partRead);
    }
    PriceTable table = collect(problems, () -> priceOf(node.at(keys.get(0)), keys.get(0), partRead));
    if (table != null) { // read whole beside the unknown key, so still judged against the durations offered
      partRead.accept(table);
    }
    throw RouteFileException.of(problems);
  }

  /** The price {@code value} gives at its {@code key}, one of {@link RouteKeys#PRICE}. */
  private static PriceTable priceOf(Node value, String key, Consumer<PriceTable> partRead) {
    switch (key) {
      case "per_second_usd" -> {
        return new PriceTable.PerSecond(value.usd("per_second_usd"));
      }
      case "per_request_usd" -> {
        Map<String, Node> entries = value.entries("per_request_usd (seconds to US dollars, such as {\"10\": \"0.10\"})");
        if (entries.isEmpty()) {
          throw value.fail("per_request_usd is empty; give the price of each duration, such as {\"10\": \"0.10\"}");
        }
        java.util.TreeMap<Integer, java.math.BigDecimal> prices = new java.util.TreeMap<>();
        List<RouteFileException> problems = new ArrayList<>(); // every entry's problem, not only the first
        entries.forEach((seconds, price) -> collect(problems, () -> {
          int duration;
          try {
            duration = Integer.parseInt(seconds);
          } catch (NumberFormatException e) {
            duration = 0;
          }
          if (duration < 1 || !seconds.equals(Integer.toString(duration))) {
            throw price.fail("per_request_usd is keyed by whole seconds such as \"10\", not " + Node.quote(seconds));
          }
          return prices.put(duration, price.usd("the price of " + seconds + " s"));
        }));
        if (!problems.isEmpty()) {
          if (!prices.isEmpty()) {
            partRead.accept(new PriceTable.PerRequest(prices));
          }
          throw RouteFileException.of(problems);
        }
        return new PriceTable.PerRequest(prices);
      }
      case "by_resolution" -> {
        Map<String, Node> entries = value.entries("by_resolution (resolution to a price)");
        if (entries.isEmpty()) {
          throw value.fail("by_resolution is empty; give a price for each resolution, such as"
              + " {\"720p\": {\"per_second_usd\": \"0.05\"}}");
        }
        Map<String, PriceTable> tables = new LinkedHashMap<>();
        Map<String, PriceTable> partTables = new LinkedHashMap<>(); // each resolution read, wholly or in part
        Map<String, String> seen = new LinkedHashMap<>();
        List<RouteFileException> problems = new ArrayList<>(); // every resolution's problem, not only the first
        entries.forEach((resolution, price) -> collect(problems, () -> {
          String earlier = seen.putIfAbsent(resolution.strip().toLowerCase(java.util.Locale.ROOT), resolution);
          if (earlier != null) {
            throw price.fail("a second price for " + Node.quote(earlier) + " (as " + Node.quote(resolution)
                + "): resolutions compare in any case, so give each one price");
          }
          // A resolution whose price cannot be read at all is still a resolution the route may not offer.
          partTables.put(resolution, PriceTable.unknown("not read"));
          PriceTable table = price(price, false, part -> partTables.put(resolution, part));
          partTables.put(resolution, table);
          return tables.put(resolution, table);
        }));
        if (!problems.isEmpty()) {
          if (!partTables.isEmpty()) {
            partRead.accept(new PriceTable.ByResolution(partTables));
          }
          throw RouteFileException.of(problems);
        }
        return new PriceTable.ByResolution(tables);
      }
      default -> {
        return PriceTable.unknown(value.text("unknown (why the price is not known)"));
      }
    }
  }

  /**
   * A rule: each unknown key is told beside the problem of the keys its kind knows, which are still read; a key it
   * may be the misspelling of is then not also told missing.
   */
  private static RouteRule rule(Node node) {
    String kind = node.require("kind", "one of " + String.join(", ", RouteKeys.RULE_KINDS)).text("a rule kind");
    Set<String> keys = RouteKeys.RULES.get(kind);
    if (keys == null) {
      throw node.at("kind").fail("unknown rule kind " + Node.quote(kind) + "; allowed: "
          + String.join(", ", RouteKeys.RULE_KINDS));
    }
    List<RouteFileException> problems = new ArrayList<>(node.unknownKeys("a rule of kind " + kind, keys));
    if (problems.isEmpty()) {
      return rule(node, kind, false);
    }
    try {
      rule(node, kind, true);
    } catch (RouteFileException wrong) {
      wrong.all().stream().filter(problem -> !node.lacks(problem)).forEach(problems::add);
    }
    throw RouteFileException.of(problems);
  }

  /** A rule of {@code kind}; when {@code misspelt}, a missing reason or needed key may be misspelt and is not told. */
  private static RouteRule rule(Node node, String kind, boolean misspelt) {
    String reason = misspelt && !node.has("reason") ? ""
        : node.require("reason", "why the rule exists, in words a user understands").text("reason");
    return switch (kind) {
      case "at_resolution" -> {
        Set<Integer> seconds = new TreeSet<>();
        if (node.has("seconds")) {
          for (Node item : node.at("seconds").list("seconds")) {
            seconds.add(item.integer("a duration in whole seconds", RouteSpelling.MIN_SECONDS));
          }
        }
        String resolution = node.require("resolution", "the resolution the rule is about").text("resolution");
        List<String> ratios = optionalTexts(node, "aspect_ratios");
        Set<GenerationMode> modes = modeSet(node, "modes");
        limitsSomething(node, resolution, misspelt);
        yield new RouteRule.AtResolution(resolution, seconds, ratios, modes, reason);
      }
      case "aspect_ratios_in_mode" -> new RouteRule.RatiosInMode(
          mode(node.require("mode", "the mode").text("mode"), node.at("mode")),
          node.require("aspect_ratios", "the ratios allowed in that mode ([] for none)").texts("aspect_ratios"), reason);
      case "aspect_ratio_ignored_in_mode" -> new RouteRule.RatioIgnoredInMode(
          mode(node.require("mode", "the mode").text("mode"), node.at("mode")), reason);
      case "url_schemes" -> {
        List<String> schemes = node.require("schemes", "the URL schemes images and videos may have, such as"
            + " [\"https\", \"data\", \"asset\"]").texts("schemes");
        try {
          yield new RouteRule.UrlSchemes(new LinkedHashSet<>(schemes), reason);
        } catch (IllegalArgumentException e) {
          throw node.at("schemes").fail(e.getMessage());
        }
      }
      case "param_max_items" -> new RouteRule.ParamMaxItems(
          node.require("param", "the parameter, such as audio_with_roles").text("param"),
          node.require("max", "the most entries the parameter's list may have").integer("max (a whole number of 1 or more)", 1),
          reason);
      case "param_needs_inputs" -> new RouteRule.ParamNeedsInputs(
          node.require("param", "the parameter, such as audio_with_roles").text("param"), reason);
      case "param_only" -> {
        String param = node.require("param", "the parameter, such as metadata.enable_gif").text("param");
        String value = node.has("value") ? node.at("value").text("value (the one value the rule limits)") : null;
        Set<GenerationMode> modes = modeSet(node, "modes");
        List<String> resolutions = optionalTexts(node, "resolutions");
        List<RouteFileException> empty = new ArrayList<>();
        // A rule naming neither is told as such once the route is read; a [] beside a list that names some is told here.
        for (String key : modes.isEmpty() && resolutions.isEmpty() ? List.<String>of() : List.of("modes", "resolutions")) {
          if (node.has(key) && (key.equals("modes") ? modes.isEmpty() : resolutions.isEmpty())) {
            empty.add(node.at(key).fail("[] names no " + key + ", so it limits nothing (the parameter " + param
                + " would work " + (key.equals("modes") ? "in every mode" : "at every resolution") + "); name the "
                + key + " where it works, or leave " + key + " out"));
          }
        }
        if (!empty.isEmpty()) {
          throw RouteFileException.of(empty);
        }
        yield new RouteRule.WhenParam(param, value, modes, resolutions, reason);
      }
      case "param_one_of" -> {
        String param = node.require("param", "the parameter, such as output_format").text("param");
        List<String> values = node.require("one_of", "the values the parameter may take, such as [\"mp4\", \"mov\"]")
            .texts("one_of");
        if (values.isEmpty()) {
          throw node.at("one_of").fail("no value is allowed, so " + param
              + " could never be given; name at least one, or leave the parameter out of params");
        }
        yield new RouteRule.ParamOneOf(param, values, reason);
      }
      case "image_pixels" -> imagePixels(node, reason, misspelt);
      default -> {
        Set<GenerationMode> modes = modeSet(node, "modes");
        if (modes.isEmpty() && misspelt && !node.has("modes")) {
          yield null; // the unknown key may be modes misspelt, and is told alone
        }
        if (modes.isEmpty()) {
          throw node.at("modes").fail("name at least one mode that needs a prompt; allowed modes: " + MODE_IDS);
        }
        yield new RouteRule.PromptRequiredIn(modes, reason);
      }
    };
  }

  /**
   * Refuses an {@code at_resolution} rule that would let every job at {@code resolution} through: one naming none
   * of seconds, aspect_ratios and modes (unless an unknown key, {@code misspelt}, may be one of them), or naming
   * one as {@code []}, which validation would read as no limit.
   */
  private static void limitsSomething(Node node, String resolution, boolean misspelt) {
    List<RouteFileException> problems = new ArrayList<>();
    Map<String, String[]> limits = new LinkedHashMap<>(); // key to what it names and an example
    limits.put("seconds", new String[] {"durations", "[4, 8]"});
    limits.put("aspect_ratios", new String[] {"aspect ratios", "[\"16:9\"]"});
    limits.put("modes", new String[] {"modes", "[\"text-to-video\"]"});
    boolean named = false;
    for (Map.Entry<String, String[]> limit : limits.entrySet()) {
      String key = limit.getKey();
      if (!node.has(key)) {
        continue;
      }
      named = true;
      if (node.at(key).list(key).isEmpty()) {
        String what = limit.getValue()[0];
        problems.add(node.at(key).fail("[] names no " + what + ", so it limits nothing and every job at " + resolution
            + " would pass it; name the " + what + " offered at " + resolution + " (such as " + limit.getValue()[1]
            + "), or leave " + key + " out" + (key.equals("aspect_ratios") ? " (for a mode that takes no aspect ratio,"
                + " use an aspect_ratios_in_mode rule with [])" : "")));
      }
    }
    if (!named && !misspelt) {
      problems.add(node.fail("names none of seconds, aspect_ratios and modes, so it limits nothing and every job at "
          + resolution + " would pass it; name what is offered at " + resolution + ", such as \"seconds\": [4, 8],"
          + " or leave the rule out"));
    }
    if (!problems.isEmpty()) {
      throw RouteFileException.of(problems);
    }
  }

  /**
   * An {@code image_pixels} rule: a least short side in pixels and a least and a most width:height, each optional
   * but one needed (unless an unknown key, {@code misspelt}, may be one); every problem is told at once.
   */
  private static RouteRule imagePixels(Node node, String reason, boolean misspelt) {
    List<RouteFileException> problems = new ArrayList<>();
    Integer shortSide = node.has("min_short_side") ? collect(problems, () -> node.at("min_short_side")
        .integer("min_short_side (the fewest pixels an image's short side may have)", 1)) : null;
    String minRatio = pixelRatio(node, "min_ratio", "the tallest width:height allowed, such as \"2:5\"", problems);
    String maxRatio = pixelRatio(node, "max_ratio", "the widest width:height allowed, such as \"5:2\"", problems);
    boolean limitsNothing = !node.has("min_short_side") && !node.has("min_ratio") && !node.has("max_ratio");
    if (limitsNothing && !misspelt) {
      problems.add(node.fail("an image_pixels rule limits nothing without min_short_side, min_ratio or max_ratio;"
          + " give at least one, such as {\"min_short_side\": 301, \"min_ratio\": \"2:5\", \"max_ratio\": \"5:2\"}"));
    }
    if (minRatio != null && maxRatio != null && !RouteRule.ImagePixels.atMost(minRatio, maxRatio)) {
      problems.add(node.at("min_ratio").fail(RouteRule.ImagePixels.orderProblem(minRatio, maxRatio)));
    }
    if (!problems.isEmpty()) {
      throw RouteFileException.of(problems);
    }
    return limitsNothing ? null : new RouteRule.ImagePixels(shortSide, minRatio, maxRatio, reason);
  }

  /** The W:H at {@code key} of an image_pixels rule; null when absent or wrong (then told in {@code problems}). */
  private static String pixelRatio(Node node, String key, String what, List<RouteFileException> problems) {
    if (!node.has(key)) {
      return null;
    }
    String ratio = collect(problems, () -> node.at(key).text(key + " (" + what + ")"));
    if (ratio == null) {
      return null;
    }
    java.util.Optional<String> problem = RouteRule.ImagePixels.ratioProblem(key, ratio);
    problem.ifPresent(text -> problems.add(node.at(key).fail(text)));
    return problem.isPresent() ? null : ratio;
  }

  private static List<String> optionalTexts(Node node, String key) {
    return node.has(key) ? node.at(key).texts(key) : List.of();
  }

  private static Set<GenerationMode> modeSet(Node node, String key) {
    Set<GenerationMode> modes = new LinkedHashSet<>();
    if (node.has(key)) {
      for (Node item : node.at(key).list(key + " (mode ids)")) {
        modes.add(mode(item.text("a mode id"), item));
      }
    }
    return modes;
  }

  /**
   * {@code node}'s hints over {@code current} (a patched route's; null for a new route): each
   * provider's hints are changed key by key, so that a patch of one hint keeps the others (such as a
   * client reference, without which a create answered 500 is sent again blindly); a key set to null
   * is removed, and a provider set to null loses all its hints.
   */
  private static Map<String, Object> hints(Map<String, Object> current, Node node) {
    Map<String, Object> hints = new LinkedHashMap<>(current == null ? Map.of() : current);
    node.entries("hints (provider id to that provider's hints)").forEach((provider, hint) -> {
      if (hint.isNull()) {
        hints.remove(provider);
        return;
      }
      hint.object("the hints for provider " + provider);
      Map<String, Object> merged = new LinkedHashMap<>();
      if (hints.get(provider) instanceof Map<?, ?> before) {
        before.forEach((key, value) -> merged.put(String.valueOf(key), value));
      }
      ((Map<?, ?>) hint.raw()).forEach((key, value) -> {
        if (value == null) {
          merged.remove(String.valueOf(key));
        } else {
          merged.put(String.valueOf(key), value);
        }
      });
      hints.put(provider, merged);
    });
    return hints;
  }

  private static Retirement retired(Node node) {
    if (!(node.raw() instanceof Map<?, ?>)) {
      throw node.fail("expected retired (an object such as {\"on\": \"2027-01-31\", \"note\": \"why\"},"
          + " or null for a route that is not retired), got " + Node.describe(node.raw()));
    }
    // An unknown key is told beside the known keys' problems; a key it may be the misspelling of is not told missing.
    List<RouteFileException> problems = new ArrayList<>(node.unknownKeys("retired", RouteKeys.RETIRED));
    boolean misspelt = !problems.isEmpty();
    LocalDate day = misspelt && !node.has("on") ? null : collect(problems, () -> retiredOn(node));
    String note = misspelt && !node.has("note") ? null
        : collect(problems, () -> node.require("note", "why the route was retired").text("note"));
    List<String> instead = node.has("instead")
        ? collect(problems, () -> node.at("instead").texts("instead (route ids)")) : List.of();
    if (!problems.isEmpty()) {
      throw RouteFileException.of(problems);
    }
    return new Retirement(day, note, instead);
  }

  /** The day of {@code retired} the route is retired from. */
  private static LocalDate retiredOn(Node retired) {
    Node on = retired.require("on", "the day the route is retired from, as YYYY-MM-DD");
    try {
      return LocalDate.parse(on.text("a date as YYYY-MM-DD"));
    } catch (DateTimeParseException e) {
      throw on.fail("expected a date as YYYY-MM-DD, such as \"2026-09-24\", got " + Node.describe(on.raw()));
    }
  }

  /**
   * Every priced duration is offered, and every priced resolution too; a problem for each that is not. A
   * patch that gives no price keeps the route's, which it is told as: the problem is at the patch.
   */
  private static void checkPrice(PriceTable price, DurationRule durations, List<String> resolutions, Node where,
      List<RouteFileException> problems) {
    boolean kept = !where.has("price");
    for (PricedOutside outside : PricedOutside.of(price, durations, resolutions)) {
      Node at = kept ? where : where.at("price");
      for (String key : kept ? List.<String>of() : outside.path()) {
        at = at.at(key);
      }
      problems.add(at.fail(kept ? "the price it keeps (" + String.join(".", outside.path()) + ") has "
          + outside.problem() + "; give the price too" : outside.problem()));
    }
  }

  /** A route's fields while a file is read; built once every field is known. */
  private static final class Draft {
    final String id;
    String displayName;
    String family;
    Set<GenerationMode> modes;
    Map<GenerationMode, IntRange> imageCounts;
    Map<GenerationMode, IntRange> videoCounts;
    DurationRule durations;
    List<String> aspectRatios;
    String defaultAspectRatio;
    List<String> resolutions;
    String defaultResolution;
    Integer maxPromptChars;
    boolean promptRequired = true;
    PriceTable price;
    Set<String> knownParams;
    Map<String, Object> hints;
    String note;
    List<RouteRule> rules;
    Retirement retirement;
    List<String> aliases;
    Map<String, String> assumed = new java.util.LinkedHashMap<>();
    /** What could be read of a price that has problems; null when it was read whole (or not given). */
    PriceTable partPrice;
    /** The durations offered when only the default or automatic of {@code seconds} is wrong; null otherwise. */
    DurationRule partDurations;
    /** The resolutions offered when only the default of {@code resolutions} is wrong; null otherwise. */
    List<String> partResolutions;
    /** The keys whose value had a problem. */
    final Set<String> unread = new java.util.HashSet<>();

    Draft(String id) {
      this.id = id;
    }

    Draft(ModelRoute route) {
      this(route.id());
      displayName = route.displayName();
      family = route.family();
      modes = route.modes();
      imageCounts = route.imageCounts();
      videoCounts = route.videoCounts();
      durations = route.durations();
      aspectRatios = route.aspectRatios();
      defaultAspectRatio = route.defaultAspectRatio();
      resolutions = route.resolutions();
      defaultResolution = route.defaultResolution();
      maxPromptChars = route.maxPromptChars();
      promptRequired = route.promptRequired();
      price = route.price();
      knownParams = route.knownParams();
      hints = route.hints();
      note = route.note();
      rules = route.rules();
      retirement = route.retirement();
      aliases = route.aliases();
      assumed = new java.util.LinkedHashMap<>(route.assumed());
    }

    /**
     * When the price has problems, or another field does (so that {@link #build} is not reached), whether what could
     * be read of the price prices a duration or resolution the route does not offer (told beside them): against the
     * durations and resolutions offered even when their default is wrong; the durations or the resolutions that
     * cannot be read are not judged, the other still are.
     */
    void checkPartPrice(Node where, List<RouteFileException> problems) {
      PriceTable readable = partPrice != null ? partPrice
          : problems.isEmpty() || unread.contains("price") ? null : price;
      if (readable == null) {
        return;
      }
      DurationRule offeredDurations = unread.contains("seconds") ? partDurations : durations;
      List<String> offeredResolutions = unread.contains("resolutions") ? partResolutions
          : resolutions == null ? List.of() : resolutions;
      checkPrice(readable, offeredDurations, offeredResolutions, where, problems);
    }

    ModelRoute build(Node where) {
      ModelRoute route;
      try {
        route = new ModelRoute(id, displayName, family, modes, imageCounts, videoCounts, durations,
            aspectRatios, defaultAspectRatio, resolutions, defaultResolution, maxPromptChars,
            promptRequired, price, knownParams, hints, note, rules, retirement, distinct(id, aliases), assumed);
      } catch (IllegalArgumentException | NullPointerException e) {
        throw where.fail(e.getMessage());
      }
      List<RouteFileException> problems = new ArrayList<>();
      checkPrice(route.price(), route.durations(), route.resolutions(), where, problems);
      problems.addAll(RuleChecks.of(route, where));
      if (!problems.isEmpty()) {
        throw RouteFileException.of(problems);
      }
      return route;
    }
  }
}
