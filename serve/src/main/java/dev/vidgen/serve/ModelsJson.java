package dev.vidgen.serve;

import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.IntRange;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.PriceTable;
import dev.vidgen.core.domain.Retirement;
import dev.vidgen.core.domain.RouteCatalog;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A route's rules as the page's form needs them: modes with their image and video counts,
 * durations, ratios, resolutions, prompt limit, price.
 */
final class ModelsJson {
  private ModelsJson() {}

  /**
   * The route as the page needs it; {@code retired} is whether it is retired on {@code today},
   * {@code retired_on} its retirement day even when that is still to come; the routes its note names
   * instead are those of {@code catalog}. The parameters it offers leave out those the provider fills
   * itself ({@code filledByProvider}), which a job may not set.
   */
  static Map<String, Object> of(ModelRoute route, LocalDate today, RouteCatalog catalog,
      java.util.Set<String> filledByProvider) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", route.id());
    json.put("name", route.displayName());
    json.put("family", route.family());
    json.put("modes", route.modes().stream().map(GenerationMode::id).toList());
    Map<String, Object> images = new LinkedHashMap<>();
    for (GenerationMode mode : route.modes()) {
      IntRange range = route.imagesFor(mode);
      images.put(mode.id(), Map.of("min", range.min(), "max", range.max()));
    }
    json.put("images", images);
    Map<String, Object> videos = new LinkedHashMap<>();
    for (GenerationMode mode : route.modes()) {
      IntRange range = route.videosFor(mode);
      videos.put(mode.id(), Map.of("min", range.min(), "max", range.max()));
    }
    json.put("videos", videos);
    json.put("seconds", route.durations().values());
    json.put("default_seconds", route.durations().defaultSeconds());
    json.put("automatic_seconds", route.durations().automaticValues());
    json.put("seconds_text", route.durations().describe());
    json.put("aspect_ratios", route.aspectRatios());
    json.put("default_aspect_ratio", route.defaultAspectRatio());
    // Modes that take no aspect ratio (or ignore it) on a route that takes one elsewhere: the form sends none in them.
    // Asked of the ratios, not the default: a route that sends none unless named (Vidu) has no default to lose.
    json.put("modes_without_aspect_ratio", route.modes().stream()
        .filter(mode -> !route.aspectRatios().isEmpty() && route.aspectRatiosFor(mode).isEmpty())
        .map(GenerationMode::id).toList());
    // Per mode, the ratios the form offers and the one a job naming none is sent with.
    Map<String, Object> ratiosByMode = new LinkedHashMap<>();
    for (GenerationMode mode : route.modes()) {
      Map<String, Object> ratios = new LinkedHashMap<>();
      ratios.put("choices", route.aspectRatiosFor(mode));
      ratios.put("default", route.defaultAspectRatioFor(mode));
      ratiosByMode.put(mode.id(), ratios);
    }
    json.put("aspect_ratios_by_mode", ratiosByMode);
    json.put("resolutions", route.resolutions());
    json.put("default_resolution", route.defaultResolution());
    json.put("max_prompt_chars", route.maxPromptChars());
    // A prompt limit the provider does not document is vidgen's guess: the page's over-the-limit line says so.
    json.put("max_prompt_chars_assumed", route.assumption("max_prompt_chars").isPresent());
    json.put("prompt_required", route.promptRequired());
    json.put("price", price(route.price()));
    json.put("known_params", route.knownParams().stream().filter(param -> !filledByProvider.contains(param)).toList());
    json.put("note", route.note());
    json.put("assumed", route.assumed());
    Optional<Retirement> retired = route.retired();
    json.put("retired", route.retiredOn(today).isPresent());
    json.put("retired_on", retired.map(retirement -> retirement.on().toString()).orElse(null));
    json.put("retired_note", retired.map(retirement -> retiredNote(retirement, catalog)).orElse(null));
    return json;
  }

  private static Map<String, Object> price(PriceTable table) {
    return dev.vidgen.core.json.PriceJson.table(table);
  }

  /** The sentence the page shows for a retired route: why, and what to choose instead (routes offered today). */
  private static String retiredNote(Retirement retirement, RouteCatalog catalog) {
    List<String> instead = retirement.instead().stream()
        .filter(dev.vidgen.core.validation.JobValidator.of(catalog)::offers).toList();
    return retirement.note() + (instead.isEmpty() ? "" : "; choose " + String.join(", ", instead) + " instead");
  }
}
