package dev.vidgen.cli;

import dev.vidgen.core.json.JsonTrees;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A starter route file for models a key may use that the catalog lacks: one cautious route per
 * id (text-to-video and one image, 5 s, no stated ratio, an unknown price) for a person to correct
 * from the model's documentation before relying on it.
 */
final class StarterRoutes {
  private StarterRoutes() {}

  static String json(List<String> ids) {
    List<Object> routes = new ArrayList<>();
    for (String id : ids) {
      Map<String, Object> route = new LinkedHashMap<>();
      route.put("id", id);
      route.put("family", "unknown");
      route.put("note", "Starter written by vidgen models --emit-routes: check every limit against the model's documentation.");
      Map<String, Object> modes = new LinkedHashMap<>();
      modes.put("text-to-video", Map.of());
      modes.put("image-to-video", Map.of("images", Map.of("min", 1, "max", 1)));
      route.put("modes", modes);
      route.put("seconds", Map.of("one_of", List.of(5), "default", 5));
      route.put("price", Map.of("unknown", "not stated yet: add per_second_usd or per_request_usd from your price list"));
      routes.add(route);
    }
    return JsonTrees.write(Map.of("routes", routes));
  }
}
