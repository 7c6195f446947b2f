package dev.vidgen.cli;

import dev.vidgen.core.catalog.RouteFiles;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.DurationRule;
import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.IntRange;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.RouteRule;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.text.ModelRenames;
import dev.vidgen.core.text.Plural;
import dev.vidgen.core.text.SafeText;
import dev.vidgen.core.validation.JobValidator;
import dev.vidgen.core.validation.Violation;
import dev.vidgen.core.validation.ViolationCodes;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vidgen models}: every model of the catalog (built in, or from a route file, which is then
 * named), with what it accepts and costs; models retired as of today (UTC) are marked, and those
 * whose retirement day is still to come say when. {@code vidgen models MODEL} shows one route whole.
 */
@Command(name = "models", sortOptions = false,
    description = "List the models, what each accepts and what it costs; with MODEL, everything about that one.")
final class ModelsCommand extends ClientCommand {
  @Parameters(arity = "0..1", paramLabel = "MODEL",
      description = "Show only this model (its id or another of its names, in any case): every limit, rule and note.")
  String model;

  @Option(names = "--live",
      description = "Also ask the provider which video models this key may use now, and show the catalog beside it.")
  boolean live;

  @Option(names = "--emit-routes",
      description = "With --live: print a starter route file for the models the key may use that the catalog lacks.")
  boolean emitRoutes;

  /** The models the provider lists for the key; a provider that lists none is a clear error, not an unexpected one. */
  /** How many ids of the live list were left out for holding an API key (told in --json as {@code live_left_out}). */
  private int keyLikeLeftOut;

  /**
   * Whether {@code id} is, or holds, one of {@code secrets} or its part after {@code sk-} (in any case; a secret too
   * short to be a real key only as a whole word), or a key-shaped run: as output masks it, so an id listed is never
   * shown masked.
   */
  static boolean holdsKey(String id, List<String> secrets) {
    return !SafeText.mask(id, secrets).equals(id);
  }

  private Set<String> liveModels(Session session, Output output) {
    VidgenClient client = session.onlineClient();
    try {
      Set<String> ids = new TreeSet<>();
      int carryingKeys = 0;
      List<String> secrets = session.apiKey() == null ? List.of() : List.of(session.apiKey().reveal());
      for (String id : client.liveModels()) {
        // An id that is, or holds, a key (this one, its secret part, or any shaped like one) is never printed or written.
        if (!holdsKey(id, secrets)) {
          ids.add(id);
        } else {
          carryingKeys++;
        }
      }
      keyLikeLeftOut = carryingKeys;
      if (carryingKeys > 0) {
        output.note("the provider's model list has " + Plural.count(carryingKeys, "id") + " that "
            + Plural.word(carryingKeys, "holds", "hold") + " an API key (" + SafeText.MASKED_KEY + "); left out");
      }
      return ids;
    } catch (UnsupportedOperationException e) {
      throw new CliException(ExitCodes.OTHER, "unsupported",
          "provider " + client.provider().id() + " does not list the models a key may use (" + e.getMessage() + ")",
          "leave out --live to see the catalog, or use --provider toapis (with TOAPIS_API_KEY) to see what"
              + " your key may use");
    }
  }

  @Override
  int run(Session session, Output output) {
    if (emitRoutes && !live) {
      throw CliException.usage("--emit-routes needs --live", "run vidgen models --live --emit-routes > my-routes.json");
    }
    if (emitRoutes && model != null) {
      throw CliException.usage("--emit-routes writes routes for the models the catalog lacks, not for " + model,
          "leave out " + model + ": vidgen models --live --emit-routes > my-routes.json");
    }
    session.sendsNothing();
    VidgenClient client = live ? session.onlineClient() : session.offlineClient();
    RouteCatalog catalog = client.catalog();
    List<ModelRoute> routes = catalog.routes();
    LocalDate today = LocalDate.now(ZoneOffset.UTC); // the client's default clock, as validation uses
    Set<String> readFirst = live && model != null && catalog.find(model).isEmpty() ? liveModels(session, output) : null;
    if (readFirst != null && readFirst.stream().anyMatch(id -> id.equalsIgnoreCase(model.strip()))) {
      // The key may use it, but no route describes it: nothing can check or price its jobs yet.
      throw CliException.usage(model + " is on this key's live model list, but the catalog has no route for it, so"
          + " vidgen cannot check or price its jobs", "write a starter route with vidgen models --live --emit-routes >"
          + " my-routes.json, fill in its real limits and price, then add --routes my-routes.json (docs/routes.md)");
    }
    // With --no-model-check the list is shown but not applied: a job the list lacks is sent, and the provider decides.
    boolean checked = session.checksModels();
    ModelRoute one = model == null ? null : find(client, model);
    Set<String> listed = readFirst != null ? readFirst : live ? liveModels(session, output) : Set.of();
    if (one != null) {
      return showOne(catalog, one, today, listed, checked, output);
    }
    // A model a route file removed is the team's choice, not a gap of the catalog: it is told apart, never emitted.
    List<String> removed = listed.stream().filter(id -> catalog.find(id).isEmpty() && catalog.removedBy(id).isPresent())
        .toList();
    List<String> liveOnly = listed.stream().filter(id -> catalog.find(id).isEmpty() && !removed.contains(id)).toList();
    if (emitRoutes) {
      // A renamed catalog model gets no starter route: its alias keeps the checks, price and wire a starter drops.
      Map<String, ModelRoute> renamed = renamedRoutes(liveOnly, catalog, listed);
      renamed.forEach((id, route) -> output.note(renamedWords(id, route) + "; the starter file leaves it out"));
      StarterRoutes.Starter starter = StarterRoutes.of(
          liveOnly.stream().filter(id -> !renamed.containsKey(id)).toList());
      starter.notices().forEach(output::note);
      session.context().out().println(starter.json());
      session.context().out().flush();
      return ExitCodes.DONE;
    }
    // Ids the catalog lacks are the server's text: shown (never emitted) escaped and clipped, as any other.
    List<String> liveOnlyShown = shown(liveOnly);
    List<String> removedShown = shown(removed);
    if (output.json()) {
      List<Map<String, Object>> models = new ArrayList<>();
      routes.forEach(route -> {
        Map<String, Object> model = json(route, catalog.origin(route.id()).orElse(""), today);
        if (live) {
          model.put("live", listedAs(route, listed) != null);
        }
        models.add(model);
      });
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("models", models);
      if (live) {
        json.put("live_only", liveOnlyShown);
        json.put("live_removed", removedShown);
        json.put("live_left_out", keyLikeLeftOut);
        putModelCheck(json, checked);
      }
      output.object(json);
      return ExitCodes.DONE;
    }
    boolean fromFiles = routes.stream()
        .anyMatch(route -> !RouteFiles.BUILT_IN.equals(catalog.origin(route.id()).orElse("")));
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(
        List.of("MODEL", "MODES (IMAGES, VIDEOS)", "SECONDS", "ASPECT RATIOS", "RESOLUTIONS", "PRICE"));
    if (fromFiles) {
      header.add("FROM");
    }
    if (live) {
      header.add("LIVE");
    }
    rows.add(header);
    for (ModelRoute route : routes) {
      List<String> row = new ArrayList<>(List.of(
          route.id() + route.retiredOn(today).map(retired -> " (retired)")
              .or(() -> route.retiringAfter(today).map(retiring -> " (retired from " + retiring.on() + ")")).orElse(""),
          route.modes().stream().map(mode -> modeWithImages(route, mode)).collect(Collectors.joining(" ")),
          seconds(route),
          withDefault(route.aspectRatios(), route.defaultAspectRatio()),
          withDefault(route.resolutions(), route.defaultResolution()),
          Views.priceTable(route.price())));
      if (fromFiles) {
        row.add(catalog.origin(route.id()).orElse("-"));
      }
      if (live) {
        String as = listedAs(route, listed);
        row.add(as == null ? "no" : as.equals(route.id()) ? "yes" : "yes, as " + as);
      }
      rows.add(row);
    }
    output.table(rows);
    output.line("");
    for (ModelRoute route : routes) {
      if (!route.aliases().isEmpty()) {
        output.line(route.id() + " is also known as " + String.join(", ", route.aliases())
            + "; a job may name either, and the name it gives is sent (unless the key's model list has only the other).");
      }
    }
    // What may be named instead of a retired model: the rule validation suggests by.
    JobValidator offered = JobValidator.of(catalog).withLiveModels(live ? listed : null);
    for (ModelRoute route : routes) {
      route.retiredOn(today).ifPresent(retired -> {
        List<String> instead = retired.instead().stream().filter(offered::offers).toList();
        Optional<String> own = catalog.ownRetirementBy(route.id());
        if (live && !checked) {
          output.line(route.id() + " was retired on " + retired.on() + " (" + retired.note() + ")"
              + own.map(by -> " by " + by).orElse("")
              + (instead.isEmpty() ? "" : "; choose " + String.join(", ", instead) + " instead")
              + "; --allow-retired sends it anyway (the model check is off, so this key's list, which "
              + (listedAs(route, listed) != null ? "still offers" : "does not offer") + " it, is not asked).");
          return;
        }
        if (live && listedAs(route, listed) != null && own.isEmpty()) {
          output.line(route.id() + " is marked retired on " + retired.on() + " (" + retired.note() + "), but this key's"
              + " list still offers it: jobs on it are sent, with a warning" + (instead.isEmpty() ? "" : "; "
              + String.join(", ", instead) + " will last") + ".");
          return;
        }
        output.line(route.id() + " was retired on " + retired.on() + " (" + retired.note() + ")"
            + own.map(by -> " by " + by).orElse("")
            + (instead.isEmpty() ? "" : "; choose " + String.join(", ", instead) + " instead")
            + (live && listedAs(route, listed) == null ? "; this key's list does not offer it, so it is refused even"
                + " with --allow-retired." : "; --allow-retired sends it anyway."));
      });
      route.retiringAfter(today).ifPresent(retiring -> {
        List<String> instead = retiring.instead().stream().filter(offered::offers).toList();
        output.line(route.id() + " works until it is retired on " + retiring.on() + " (" + retiring.note() + ")"
            + (instead.isEmpty() ? "" : "; choose " + String.join(", ", instead) + " before then") + ".");
      });
    }
    if (live) {
      // A listed route a job is refused on (retired by the team's own file) is not one the key may use now.
      List<String> held = session.allowsRetired() ? List.of() : routes.stream()
          .filter(route -> listedAs(route, listed) != null && !offered.offers(route.id())).map(ModelRoute::id).toList();
      long usable = routes.stream().filter(route -> listedAs(route, listed) != null).count() - held.size();
      output.line(usable + " of these the key may use now (LIVE yes" + (held.isEmpty() ? ""
          : ", but for " + String.join(", ", held) + ", retired, which a job is refused on without --allow-retired")
          + "); " + (checked
          ? "a job on another is refused before it is sent."
          : "with --no-model-check " + UNCHECKED + "."));
      if (!liveOnly.isEmpty()) {
        output.line("The key may also use " + liveOnly.size() + " model" + (liveOnly.size() == 1 ? "" : "s")
            + " the catalog lacks: " + String.join(", ", liveOnlyShown) + ".");
        Map<String, ModelRoute> renamed = renamedRoutes(liveOnly, catalog, listed);
        renamed.forEach((id, route) -> output.line(renamedWords(id, route)
            + "; --emit-routes is for a new model, not a renamed one."));
        if (renamed.size() < liveOnly.size()) {
          output.line("To use " + (renamed.isEmpty() ? "one" : "another") + ", describe it in a route file"
              + " (docs/routes.md): vidgen models --live --emit-routes > my-routes.json, fill in its real limits and"
              + " price, then add --routes my-routes.json.");
        }
      }
      for (String id : removed) {
        output.line("The key may also use " + shown(List.of(id)).get(0) + ", which " + catalog.removedBy(id).orElseThrow()
            + " removes from the catalog.");
      }
    }
    output.line(routes.size() + (routes.size() == 1 ? " model. " : " models. ")
        + "Modes: t2v text-to-video, i2v image-to-video, r2v reference-to-video, edit video-edit;");
    output.line("(N) is how many images a mode takes, Nv how many videos. * marks the ratio and resolution sent when"
        + " a job gives none; where none is marked, none is sent and the provider chooses. 1 USD = 200 credits.");
    return ExitCodes.DONE;
  }

  /**
   * Each listed id of {@code liveOnly} that is plausibly a catalog route the key no longer lists under a new name,
   * with that route: an alias keeps the route's checks, price and wire, which a starter route file would drop.
   */
  static Map<String, ModelRoute> renamedRoutes(List<String> liveOnly, RouteCatalog catalog, Set<String> listed) {
    Map<String, ModelRoute> renamed = new LinkedHashMap<>();
    for (String id : liveOnly) {
      catalog.routes().stream()
          .filter(route -> route.nameListedIn(listed).isEmpty() && ModelRenames.plausible(route.id(), id))
          .findFirst().ifPresent(route -> renamed.put(id, route));
    }
    return renamed;
  }

  /** "ID may be ROUTE (which the key no longer lists) under a new name: a route file with {…} keeps …". */
  private static String renamedWords(String id, ModelRoute route) {
    return shown(List.of(id)).get(0) + " may be " + route.id() + " (which the key no longer lists) under a new name:"
        + " a route file with {\"patch\": {\"" + route.id() + "\": {\"aliases\": [\"" + shown(List.of(id)).get(0)
        + "\"]}}} keeps " + route.id() + "'s checks and price and sends the listed name (docs/routes.md)";
  }

  /** Model ids of the server's list as they may be shown: control characters escaped, keys masked, clipped. */
  private static List<String> shown(List<String> ids) {
    return ids.stream().map(id -> SafeText.clip(SafeText.clean(id), 120)).toList();
  }

  /** The route {@code name} leads to, as a job naming it would find it; an unknown name is a usage error. */
  private static ModelRoute find(VidgenClient client, String name) {
    return client.catalog().find(name).orElseThrow(() -> {
      String unknown = client.validate(VideoJob.builder(name).prompt("-").build()).errors().stream()
          .filter(error -> error.code().equals(ViolationCodes.MODEL_UNKNOWN)
              || error.code().equals(ViolationCodes.MODEL_MISSING))
          .map(Violation::message).findFirst().orElse("model: " + name + " is not a known model");
      return CliException.usage(unknown, "run vidgen models to see every model the catalog holds");
    });
  }

  private int showOne(RouteCatalog catalog, ModelRoute route, LocalDate today, Set<String> listed, boolean checked,
      Output output) {
    String as = listedAs(route, listed);
    Map<String, Object> json = json(route, catalog.origin(route.id()).orElse(""), today);
    if (live) {
      json.put("live", as != null);
      json.put("live_as", as);
      putModelCheck(json, checked);
    }
    output.object(json);
    output.table(ModelSheet.rows(catalog, route, today, live, as, checked, listed));
    return ExitCodes.DONE;
  }

  /** What --no-model-check means for the list shown, in the table's words and in --json's {@code model_check_note}. */
  private static final String UNCHECKED = "jobs are not checked against this list: a job on a model it lacks is sent"
      + " all the same, and the provider decides whether it takes it";

  /** {@code model_check}: whether jobs are checked against the list shown; when not, {@code model_check_note} says so. */
  private static void putModelCheck(Map<String, Object> json, boolean checked) {
    json.put("model_check", checked);
    if (!checked) {
      json.put("model_check_note", "--no-model-check: " + UNCHECKED);
    }
  }

  /** The name the live list gives the route (its id, an alias, or either in another case, as listed), or null. */
  private static String listedAs(ModelRoute route, Set<String> listed) {
    return route.spellingListedIn(listed).orElse(null);
  }

  /** "i2v(1)", "t2v", "r2v(1–4)", "edit(0–30, 1–10v)": images, then videos with a v. */
  private static String modeWithImages(ModelRoute route, GenerationMode mode) {
    String name = switch (mode) {
      case TEXT_TO_VIDEO -> "t2v";
      case IMAGE_TO_VIDEO -> "i2v";
      case REFERENCE_TO_VIDEO -> "r2v";
      case VIDEO_EDIT -> "edit";
    };
    IntRange images = route.imagesFor(mode);
    IntRange videos = route.videosFor(mode);
    List<String> counts = new ArrayList<>();
    if (images.max() > 0) {
      counts.add(images.toString());
    }
    if (videos.max() > 0) {
      counts.add(videos + "v");
    }
    return counts.isEmpty() ? name : name + "(" + String.join(", ", counts) + ")";
  }

  /** "10, 15 (default 10)", "1–15 (default 8)". */
  private static String seconds(ModelRoute route) {
    DurationRule rule = route.durations();
    String values = rule.range() != null
        ? rule.min() + "–" + rule.max()
        : rule.values().stream().map(String::valueOf).collect(Collectors.joining(", "));
    String automatic = rule.automatic().isEmpty() ? "" : ", auto " + rule.describeAutomatic();
    return (rule.min() == rule.max() ? values : values + " (default " + rule.defaultSeconds() + ")") + automatic;
  }

  /** The values, the default marked with a {@code *}; "-" when there are none. */
  private static String withDefault(List<String> values, String defaultValue) {
    return values.isEmpty() ? "-"
        : values.stream().map(value -> value.equals(defaultValue) ? value + "*" : value).collect(Collectors.joining(" "));
  }

  private static Map<String, Object> json(ModelRoute route, String origin, LocalDate today) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", route.id());
    json.put("aliases", route.aliases());
    json.put("origin", origin);
    json.put("retired", route.retiredOn(today).map(retired -> retired.on().toString()).orElse(null));
    json.put("retiring", route.retiringAfter(today).map(retiring -> retiring.on().toString()).orElse(null));
    json.put("retired_note", route.retired().map(retired -> retired.note()).orElse(null));
    json.put("instead", route.retired().map(retired -> retired.instead()).orElse(List.of()));
    json.put("name", route.displayName());
    json.put("family", route.family());
    json.put("modes", route.modes().stream().map(GenerationMode::id).toList());
    Map<String, Object> images = new LinkedHashMap<>();
    route.modes().forEach(mode -> images.put(mode.id(), range(route.imagesFor(mode).min(), route.imagesFor(mode).max())));
    json.put("images", images);
    Map<String, Object> videos = new LinkedHashMap<>();
    route.modes().forEach(mode -> videos.put(mode.id(), range(route.videosFor(mode).min(), route.videosFor(mode).max())));
    json.put("videos", videos);
    json.put("seconds", route.durations().values());
    json.put("default_seconds", route.durations().defaultSeconds());
    json.put("automatic_seconds", route.durations().automaticValues());
    json.put("aspect_ratios", route.aspectRatios());
    json.put("default_aspect_ratio", route.defaultAspectRatio());
    json.put("resolutions", route.resolutions());
    json.put("default_resolution", route.defaultResolution());
    json.put("max_prompt_chars", route.maxPromptChars());
    json.put("prompt_required", route.promptRequired());
    json.put("price", Views.priceTableJson(route.price()));
    json.put("note", route.note());
    json.put("assumed", route.assumed());
    json.put("params", List.copyOf(route.knownParams()));
    json.put("image_pixels", ModelSheet.imagePixels(route).map(ModelsCommand::imagePixels).orElse(null));
    json.put("rules", route.rules().stream().map(RouteRule::reason).toList());
    return json;
  }

  /** {@code {"min_short_side": …, "min_ratio": …, "max_ratio": …}} as a route file writes them (null: no limit). */
  private static Map<String, Object> imagePixels(RouteRule.ImagePixels limits) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("min_short_side", limits.minShortSide());
    json.put("min_ratio", limits.minRatio());
    json.put("max_ratio", limits.maxRatio());
    return json;
  }

  /** {@code {"min": …, "max": …}} in that order every time (a {@code Map.of} would change its order between runs). */
  private static Map<String, Object> range(int min, int max) {
    Map<String, Object> range = new LinkedHashMap<>();
    range.put("min", min);
    range.put("max", max);
    return range;
  }
}
