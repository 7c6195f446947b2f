package dev.vidgen.core.catalog;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every key a route file may hold, per kind of object; the JSON Schema
 * ({@code routes.schema.json}) lists exactly these (a test keeps the two in step).
 */
final class RouteKeys {
  static final Set<String> FILE = set("$schema", "routes", "patch", "remove");
  static final Set<String> ROUTE = set(
      "id", "aliases", "display_name", "family", "modes", "seconds", "aspect_ratios", "resolutions",
      "max_prompt_chars", "prompt_required", "price", "params", "rules", "hints", "note", "assumed", "retired");
  /** A patch may change every field of a route but its id. */
  static final Set<String> PATCH = without(ROUTE, "id");
  static final Set<String> MODE = set("images", "videos");
  static final Set<String> COUNT = set("min", "max");
  static final Set<String> SECONDS = set("one_of", "min", "max", "default", "automatic");
  static final Set<String> CHOICE = set("one_of", "default");
  static final Set<String> PRICE = set("per_second_usd", "per_request_usd", "by_resolution", "unknown");
  static final Set<String> PRICE_AT_RESOLUTION = set("per_second_usd", "per_request_usd", "unknown");
  static final Set<String> RETIRED = set("on", "note", "instead");
  /** The keys of each kind of rule. */
  static final Map<String, Set<String>> RULES = Map.of(
      "at_resolution", set("kind", "resolution", "seconds", "aspect_ratios", "modes", "reason"),
      "aspect_ratios_in_mode", set("kind", "mode", "aspect_ratios", "reason"),
      "aspect_ratio_ignored_in_mode", set("kind", "mode", "reason"),
      "param_only", set("kind", "param", "value", "modes", "resolutions", "reason"),
      "prompt_required_in", set("kind", "modes", "reason"),
      "url_schemes", set("kind", "schemes", "reason"),
      "param_max_items", set("kind", "param", "max", "reason"),
      "param_needs_inputs", set("kind", "param", "reason"),
      "param_one_of", set("kind", "param", "one_of", "reason"),
      "image_pixels", set("kind", "min_short_side", "min_ratio", "max_ratio", "reason"));
  /** The rule kinds in the order the docs list them. */
  static final List<String> RULE_KINDS = List.of(
      "at_resolution", "aspect_ratios_in_mode", "aspect_ratio_ignored_in_mode", "param_only", "prompt_required_in",
      "url_schemes", "param_max_items", "param_needs_inputs", "param_one_of", "image_pixels");

  private RouteKeys() {}

  private static Set<String> set(String... keys) {
    return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(List.of(keys)));
  }

  private static Set<String> without(Set<String> keys, String dropped) {
    Set<String> copy = new LinkedHashSet<>(keys);
    copy.remove(dropped);
    return java.util.Collections.unmodifiableSet(copy);
  }
}
