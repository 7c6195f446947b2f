package dev.vidgen.serve;

import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.IntRange;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.PriceTable;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A route's rules as the page's form needs them: modes and image counts, durations, ratios, resolutions, prompt limit, price. */
final class ModelsJson {
  private ModelsJson() {}

  static Map<String, Object> of(ModelRoute route) {
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
    json.put("seconds", route.durations().values());
    json.put("default_seconds", route.durations().defaultSeconds());
    json.put("seconds_text", route.durations().describe());
    json.put("aspect_ratios", route.aspectRatios());
    json.put("default_aspect_ratio", route.defaultAspectRatio());
    json.put("resolutions", route.resolutions());
    json.put("default_resolution", route.defaultResolution());
    json.put("max_prompt_chars", route.maxPromptChars());
    json.put("prompt_required", route.promptRequired());
    json.put("price", price(route.price()));
    json.put("known_params", List.copyOf(route.knownParams()));
    json.put("note", route.note());
    Optional<String> retired = retirement(route);
    json.put("retired", retired.isPresent());
    json.put("retired_note", retired.orElse(null));
    return json;
  }

  private static Map<String, Object> price(PriceTable table) {
    Map<String, Object> json = new LinkedHashMap<>();
    if (table instanceof PriceTable.PerRequest perRequest) {
      json.put("kind", "per_request");
      Map<String, Object> usd = new LinkedHashMap<>();
      perRequest.usdBySeconds().forEach((seconds, price) -> usd.put(seconds.toString(), price));
      json.put("usd_by_seconds", usd);
    } else if (table instanceof PriceTable.PerSecond perSecond) {
      json.put("kind", "per_second");
      json.put("usd_per_second", perSecond.usdPerSecond());
    } else if (table instanceof PriceTable.Unknown unknown) {
      json.put("kind", "unknown");
      json.put("reason", unknown.reason());
    }
    return json;
  }

  /**
   * Whether the route is retired, with the note that says so. Routes gained retirement data in a
   * later change; until every build has it, the accessor is looked up by name ({@code retired()}
   * or {@code retirement()}, answering a boolean, an Optional or a text), and a route without it is
   * taken as live.
   */
  static Optional<String> retirement(ModelRoute route) {
    for (String name : List.of("retired", "retirement")) {
      try {
        Method accessor = ModelRoute.class.getMethod(name);
        Object value = accessor.invoke(route);
        if (value instanceof Boolean flag) {
          return flag ? Optional.of("retired") : Optional.empty();
        }
        if (value instanceof Optional<?> optional) {
          return optional.map(ModelsJson::describe);
        }
        if (value != null) {
          return Optional.of(describe(value));
        }
        return Optional.empty();
      } catch (NoSuchMethodException absent) {
        // Try the other name; without either, the route is live.
      } catch (ReflectiveOperationException | RuntimeException unreadable) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static String describe(Object value) {
    return value instanceof Boolean ? "retired" : value.toString();
  }
}
