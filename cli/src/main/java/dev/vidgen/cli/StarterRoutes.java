package dev.vidgen.cli;

import dev.vidgen.core.domain.RouteSpelling;
import dev.vidgen.core.json.JsonTrees;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A starter route file for models a key may use that the catalog lacks: one cautious route per
 * id (text-to-video and one image, 5 s, no stated ratio, an unknown price) for a person to correct
 * from the model's documentation before relying on it. The file is one vidgen loads: an id no route
 * can have is left out, and ids that differ only in case get one route, as names are compared in any case.
 */
final class StarterRoutes {
  private static final String NOTE = "Starter written by vidgen models --emit-routes: check every limit against the"
      + " model's documentation.";

  /** The file's text, and what was left out of it or joined, each said in a sentence. */
  record Starter(String json, List<String> notices) {}

  private StarterRoutes() {}

  static Starter of(List<String> ids) {
    Map<String, List<String>> spellings = new LinkedHashMap<>();
    List<String> notices = new ArrayList<>();
    for (String id : ids) {
      Optional<String> problem = RouteSpelling.nameProblem("the model id", id);
      if (problem.isPresent()) {
        notices.add(problem.get() + "; no route can have that id, so the starter file leaves it out");
      } else {
        spellings.computeIfAbsent(id.toLowerCase(Locale.ROOT), lower -> new ArrayList<>()).add(id);
      }
    }
    List<Object> routes = new ArrayList<>();
    for (List<String> names : spellings.values()) {
      String id = names.get(0);
      String note = NOTE;
      if (names.size() > 1) {
        List<String> others = names.subList(1, names.size());
        note += " The live list also spells it " + String.join(", ", others) + ".";
        notices.add("the live list has " + String.join(", ", names) + ", which differ only in case; one starter route"
            + " (" + id + ") covers them, as vidgen compares model names in any case");
      }
      routes.add(route(id, note));
    }
    String json = JsonTrees.write(Map.of("routes", routes));
    long bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    if (bytes > dev.vidgen.core.catalog.RouteFiles.MAX_BYTES) {
      notices.add("the starter file is " + bytes + " bytes (" + routes.size() + " routes), more than the "
          + dev.vidgen.core.catalog.RouteFiles.MAX_BYTES + " bytes (8 MB) route files may be together, so vidgen"
          + " would refuse it as it is: keep only the routes of the models you use");
    }
    return new Starter(json, List.copyOf(notices));
  }

  private static Map<String, Object> route(String id, String note) {
    Map<String, Object> route = new LinkedHashMap<>();
    route.put("id", id);
    route.put("family", "unknown");
    route.put("note", note);
    Map<String, Object> modes = new LinkedHashMap<>();
    modes.put("text-to-video", Map.of());
    modes.put("image-to-video", Map.of("images", Map.of("min", 1, "max", 1)));
    route.put("modes", modes);
    route.put("seconds", Map.of("one_of", List.of(5), "default", 5));
    route.put("price", Map.of("unknown", "not stated yet: add per_second_usd or per_request_usd from your price list"));
    return route;
  }
}
