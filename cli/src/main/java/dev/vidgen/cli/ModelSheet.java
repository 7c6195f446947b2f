package dev.vidgen.cli;

import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.IntRange;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.PriceTable;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.RouteRule;
import dev.vidgen.core.text.Plural;
import dev.vidgen.core.validation.JobValidator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code vidgen models MODEL}: one route as a block of labelled lines, for people; every limit,
 * rule, note and retirement the table leaves out.
 */
final class ModelSheet {
  private final List<List<String>> rows = new ArrayList<>();

  private ModelSheet() {}

  /**
   * The lines for {@code route}; {@code listedAs} is the name the key's live list gives it (null when it
   * lacks it), {@code live} whether the list was read at all, and {@code checked} whether jobs are checked against
   * it (no {@code --no-model-check}); {@code listed} is that list when it was read (else null): the models named
   * instead of a retired one are then only those it holds.
   */
  static List<List<String>> rows(RouteCatalog catalog, ModelRoute route, LocalDate today, boolean live,
      String listedAs, boolean checked, java.util.Set<String> listed) {
    ModelSheet sheet = new ModelSheet();
    sheet.add("model", route.id());
    if (!route.aliases().isEmpty()) {
      sheet.add("also", String.join(", ", route.aliases())
          + " (a job may give any of these names, in any case; the name it gives is sent, unless the key's live"
          + " model list holds only another)");
    }
    sheet.add("name", route.displayName() + " (family " + route.family() + ")");
    String origin = catalog.origin(route.id()).orElse("-");
    // A route file's "routes" entry replaces a built-in route whole: what it does not give (hints, rules, limits) is gone.
    boolean replacesBuiltIn = !origin.startsWith(dev.vidgen.core.catalog.RouteFiles.BUILT_IN)
        && !origin.equals(RouteCatalog.CODE) && RouteCatalog.builtIn().find(route.id())
            .filter(builtIn -> builtIn.id().equals(route.id())).isPresent();
    sheet.add("from", origin + (replacesBuiltIn ? " (it replaces the built-in route whole, so the hints, rules and"
        + " limits it does not give are gone; a patch changes only the fields it names)" : ""));
    sheet.addAll("modes", route.modes().stream().map(mode -> mode.id() + ": " + inputs(route, mode)).toList());
    imagePixels(route).ifPresent(limits -> sheet.add("image pixels", limits.describe() + " (a local image, read"
        + " from its header; an image URL is not fetched, so not checked)"));
    sheet.add("seconds", seconds(route));
    sheet.add("aspect ratios", withDefault(route.aspectRatios(), route.defaultAspectRatio(), "aspect ratio"));
    sheet.add("resolutions", withDefault(route.resolutions(), route.defaultResolution(), "resolution"));
    String ceiling = JobValidator.UNDOCUMENTED_PROMPT_CEILING + " characters is refused as a mistake";
    boolean assumed = route.assumption("max_prompt_chars").isPresent();
    sheet.add("prompt", (route.promptRequired() ? "required" : "optional") + "; " + route.promptLimit()
        .map(limit -> assumed ? "at most " + limit + " characters assumed (longer is warned of and sent; over "
            + ceiling + ")" : "at most " + limit + " characters")
        .orElse("no limit documented (over " + ceiling + ")"));
    sheet.add("price", price(route.price()));
    sheet.add("params", route.knownParams().isEmpty() ? "none documented (others are sent unchanged, with a warning)"
        : String.join(", ", route.knownParams()));
    sheet.addAll("rules", route.rules().isEmpty() ? List.of("none")
        : route.rules().stream().map(RouteRule::reason).toList());
    if (!route.assumed().isEmpty()) {
      sheet.addAll("assumed", route.assumed().entrySet().stream()
          .map(limit -> limit.getKey() + ": " + limit.getValue()).toList());
    }
    route.sourceNote().ifPresent(note -> sheet.add("note", note));
    route.retired().ifPresent(retired -> {
      List<String> offered = retired.instead().stream()
          .filter(dev.vidgen.core.validation.JobValidator.of(catalog).withLiveModels(live ? listed : null)::offers)
          .toList();
      String instead = offered.isEmpty() ? "" : "; choose " + String.join(", ", offered) + " instead";
      String by = catalog.ownRetirementBy(route.id()).map(file -> " (retired by " + file + ")").orElse("");
      sheet.add("retired", retired.inForceOn(today)
          ? "on " + retired.on() + by + ": " + retired.note() + instead
              + retiredNextStep(catalog, route, live && checked, listedAs)
          : "from " + retired.on() + by + " (works until then): " + retired.note() + instead);
    });
    if (live) {
      boolean retiredNow = route.retiredOn(today).isPresent();
      // A retired route the list offers is refused all the same when the retirement is the team's own, or when the
      // list is not asked (--no-model-check): then only --allow-retired sends it.
      String refused = retiredNow && catalog.ownRetirementBy(route.id()).isPresent()
          ? ", but its retirement is your route file's own, so a job on it is refused unless --allow-retired"
          : retiredNow && !checked ? ", but with --no-model-check the list is not asked, so a job on it is refused as"
              + " retired unless --allow-retired" : null;
      sheet.add("live", listedAs == null ? (checked ? "no: this key's live model list lacks it, so a job on it is refused"
          : "no: this key's live model list lacks it; with --no-model-check the list is not asked, so a job on it is"
              + " sent all the same" + (retiredNow ? " with --allow-retired" : "") + ", and the provider decides whether"
              + " it takes it")
          : (listedAs.equals(route.id()) ? "yes" : "yes, as " + listedAs + " (the name sent)")
              + (refused != null ? refused : listedAs.equals(route.id()) ? ": this key may use it" : ""));
    }
    return sheet.rows;
  }

  /** What a job on a retired route does: sent with a warning when the key's list offers it (unless the retirement is the team's own). */
  private static String retiredNextStep(RouteCatalog catalog, ModelRoute route, boolean live, String listedAs) {
    if (live && listedAs == null) {
      return " (this key's list lacks it, so it is refused even with --allow-retired)";
    }
    if (live && catalog.ownRetirementBy(route.id()).isEmpty()) {
      return " (this key's list still offers it, so a job on it is sent, with a warning)";
    }
    return " (--allow-retired sends it anyway)";
  }

  /** "no inputs", "1–2 images", "0–9 images, 0–3 videos". */
  private static String inputs(ModelRoute route, GenerationMode mode) {
    List<String> counts = new ArrayList<>();
    IntRange images = route.imagesFor(mode);
    IntRange videos = route.videosFor(mode);
    if (images.max() > 0) {
      counts.add(images + " " + Plural.word(images.max(), "image", "images"));
    }
    if (videos.max() > 0) {
      counts.add(videos + " " + Plural.word(videos.max(), "video", "videos"));
    }
    return counts.isEmpty() ? "no inputs" : String.join(", ", counts);
  }

  /** The route's limits on an image's size in pixels (its {@code image_pixels} rule), if it has them. */
  static java.util.Optional<RouteRule.ImagePixels> imagePixels(ModelRoute route) {
    return route.rules().stream().filter(RouteRule.ImagePixels.class::isInstance).map(RouteRule.ImagePixels.class::cast)
        .findFirst();
  }

  /** "4–15 (default 5)", "8 (always)", "4–15 (default 5); 0 or -1: automatic length". */
  private static String seconds(ModelRoute route) {
    var rule = route.durations();
    String automatic = rule.automatic().isEmpty() ? ""
        : "; " + rule.describeAutomatic() + ": automatic length (the provider chooses; no price)";
    if (rule.min() == rule.max()) {
      return rule.min() + " (always)" + automatic;
    }
    String values = rule.range() != null ? rule.min() + "–" + rule.max()
        : rule.values().stream().map(String::valueOf).collect(Collectors.joining(", "));
    return values + " (default " + rule.defaultSeconds() + ")" + automatic;
  }

  /** "16:9 (default), 9:16"; says when none is taken or none is sent by default. */
  private static String withDefault(List<String> values, String defaultValue, String what) {
    if (values.isEmpty()) {
      return "none taken (no " + what + " is sent)";
    }
    String listed = values.stream().map(value -> value.equals(defaultValue) ? value + " (default)" : value)
        .collect(Collectors.joining(", "));
    return defaultValue == null ? listed + "; no default: a job that gives none sends none, the provider chooses"
        : listed;
  }

  private static String price(PriceTable price) {
    if (price instanceof PriceTable.Unknown unknown) {
      return "unknown: " + unknown.reason();
    }
    if (price instanceof PriceTable.PerRequest) {
      return Views.priceTable(price) + " per request (1 USD = 200 credits)";
    }
    if (price instanceof PriceTable.ByResolution) {
      return "by resolution: " + Views.priceTable(price) + " (1 USD = 200 credits)";
    }
    return Views.priceTable(price) + " (1 USD = 200 credits)";
  }

  private void add(String label, String value) {
    rows.add(List.of(label, value));
  }

  private void addAll(String label, List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      add(i == 0 ? label : "", values.get(i));
    }
  }
}
