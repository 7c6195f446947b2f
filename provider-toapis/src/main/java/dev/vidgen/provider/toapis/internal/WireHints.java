package dev.vidgen.provider.toapis.internal;

import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.ModelRoute;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a route's {@code hints.toapis} (documented in {@code docs/providers/toapis.md}) into a
 * {@link WireFormat}; every key left out keeps the standard wire's spelling. Unknown keys and
 * wrong types are refused with the route, the hint and what is allowed.
 */
final class WireHints {
  /** The provider id under which the hints sit in a route's {@code hints}. */
  static final String PROVIDER = "toapis";

  static final Set<String> KEYS = Set.of(
      "image_field", "single_image", "duration_field", "duration_as_string", "aspect_ratio_field",
      "resolution_field", "resolution_values", "images_by_mode", "videos_by_mode", "mode_field",
      "mode_values", "client_reference", "legacy_inputs");
  private static final Set<String> INPUT_KEYS = Set.of("field", "single", "roles");
  /**
   * The last route read per id and its wire: found by the route's identity, since hashing a whole
   * route (a deep record) on every create cost more than the body itself.
   */
  private static final Map<String, Read> CACHE = new ConcurrentHashMap<>();

  private record Read(ModelRoute route, WireFormat wire) {}

  private WireHints() {}

  static WireFormat read(ModelRoute route) {
    Read known = CACHE.get(route.id());
    if (known != null && known.route() == route) {
      return known.wire();
    }
    WireFormat wire = parse(route);
    CACHE.put(route.id(), new Read(route, wire));
    return wire;
  }

  /** Every problem of the hints is told at once (joined by "; "), each naming the route and the hint. */
  private static WireFormat parse(ModelRoute route) {
    Map<String, Object> hints = route.hintsFor(PROVIDER);
    String where = route.id() + ": hints.toapis";
    List<String> problems = new ArrayList<>();
    for (String key : hints.keySet()) {
      if (!KEYS.contains(key)) {
        problems.add(where + ": unknown key " + key + "; allowed: "
            + KEYS.stream().sorted().collect(Collectors.joining(", ")));
      }
    }
    WireFormat standard = WireFormat.standard();
    Map<GenerationMode, String> modeValues = new EnumMap<>(GenerationMode.class);
    Map<String, String> modeValuesByImages = new LinkedHashMap<>();
    kept(problems, () -> mapOf(hints, "mode_values", where), Map.<String, Object>of()).forEach((mode, value) ->
        kept(problems, () -> {
          String text = text(value, where + ".mode_values." + mode);
          int slash = mode.indexOf('/');
          if (slash < 0) {
            modeValues.put(mode(mode, where + ".mode_values"), text);
          } else {
            GenerationMode named = mode(mode.substring(0, slash), where + ".mode_values");
            modeValuesByImages.put(named.id() + "/"
                + imageCount(mode.substring(slash + 1), where + ".mode_values." + mode), text);
          }
          return null;
        }, null));
    Map<String, String> resolutionValues = new LinkedHashMap<>();
    kept(problems, () -> mapOf(hints, "resolution_values", where), Map.<String, Object>of()).forEach((resolution, value) ->
        kept(problems, () -> resolutionValues.put(resolution, text(value, where + ".resolution_values." + resolution)),
            null));
    if (!resolutionValues.isEmpty()) {
      // A resolution the route offers but the hint cannot spell would go out under its own name, which a field
      // that takes other words (kling's mode: std, pro) refuses after the job was checked and priced.
      List<String> unspelled = route.resolutions().stream().filter(offered -> resolutionValues.keySet().stream()
          .noneMatch(offered::equalsIgnoreCase)).toList();
      if (!unspelled.isEmpty()) {
        problems.add(where + ".resolution_values: no value for " + String.join(", ", unspelled)
            + ", which the route offers; spell each of its resolutions (it spells "
            + String.join(", ", resolutionValues.keySet()) + ") or offer only those");
      }
    }
    String modeField = kept(problems, () -> hints.containsKey("mode_field")
        ? text(hints.get("mode_field"), where + ".mode_field") : null, null);
    if (!hints.containsKey("mode_field") && !(modeValues.isEmpty() && modeValuesByImages.isEmpty())) {
      problems.add(where + ": mode_values needs mode_field (the field that names the mode)");
    }
    String imageField = kept(problems, () -> textOr(hints, "image_field", standard.imageField(), where), null);
    boolean singleImage = kept(problems, () -> flag(hints, "single_image", where), false);
    String durationField = kept(problems, () -> textOr(hints, "duration_field", standard.durationField(), where), null);
    boolean durationAsString = kept(problems, () -> flag(hints, "duration_as_string", where), false);
    String aspectRatioField =
        kept(problems, () -> textOr(hints, "aspect_ratio_field", standard.aspectRatioField(), where), null);
    String resolutionField =
        kept(problems, () -> textOr(hints, "resolution_field", standard.resolutionField(), where), null);
    boolean clientReference = kept(problems, () -> flag(hints, "client_reference", where), false);
    Map<GenerationMode, WireFormat.InputField> images = inputs(hints, "images_by_mode", where, problems);
    Map<GenerationMode, WireFormat.InputField> videos = inputs(hints, "videos_by_mode", where, problems);
    List<String> legacy = kept(problems, () -> names(hints.get("legacy_inputs"), where + ".legacy_inputs"), List.of());
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new WireFormat(imageField, singleImage, durationField, durationAsString, aspectRatioField,
        resolutionField, clientReference, images, videos, modeField, modeValues, modeValuesByImages,
        resolutionValues, legacy);
  }

  /** {@code step}'s value, or {@code otherwise} with its problem kept, so that the other hints are read too. */
  private static <T> T kept(List<String> problems, java.util.function.Supplier<T> step, T otherwise) {
    try {
      return step.get();
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
      return otherwise;
    }
  }

  private static Map<GenerationMode, WireFormat.InputField> inputs(Map<String, Object> hints, String key, String where,
      List<String> problems) {
    Map<GenerationMode, WireFormat.InputField> fields = new EnumMap<>(GenerationMode.class);
    kept(problems, () -> mapOf(hints, key, where), Map.<String, Object>of()).forEach((mode, value) ->
        kept(problems, () -> fields.put(mode(mode, where + "." + key), input(value, where + "." + key + "." + mode)),
            null));
    return fields;
  }

  private static WireFormat.InputField input(Object value, String at) {
    if (!(value instanceof Map<?, ?> field)) {
      throw new IllegalArgumentException(at + ": expected {\"field\": …, \"single\": …, \"roles\": […]}");
    }
    for (Object name : field.keySet()) {
      if (!INPUT_KEYS.contains(String.valueOf(name))) {
        throw new IllegalArgumentException(at + ": unknown key " + name + "; allowed: field, single, roles");
      }
    }
    List<String> roles = new ArrayList<>();
    Object listed = field.get("roles");
    if (listed != null) {
      if (!(listed instanceof List<?> items)) {
        throw new IllegalArgumentException(at + ".roles: expected an array of role names");
      }
      items.forEach(item -> roles.add(text(item, at + ".roles")));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> typed = (Map<String, Object>) field;
    return new WireFormat.InputField(text(field.get("field"), at + ".field"), flag(typed, "single", at), roles);
  }

  /** A list of field names ({@code legacy_inputs}); none when left out. */
  private static List<String> names(Object value, String where) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> items)) {
      throw new IllegalArgumentException(where + ": expected an array of field names, such as [\"image_urls\"]");
    }
    List<String> names = new ArrayList<>();
    items.forEach(item -> names.add(text(item, where)));
    return names;
  }

  /** The image count of a {@code mode/count} key: a whole number from 0. */
  private static int imageCount(String text, String where) {
    try {
      int count = Integer.parseInt(text);
      if (count >= 0) {
        return count;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IllegalArgumentException(where + ": after the mode comes a number of images, such as image-to-video/2");
  }

  private static Map<String, Object> mapOf(Map<String, Object> hints, String key, String where) {
    Object value = hints.get(key);
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(where + "." + key + ": expected an object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> typed = (Map<String, Object>) map;
    return typed;
  }

  private static GenerationMode mode(String id, String where) {
    return Stream.of(GenerationMode.values()).filter(mode -> mode.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(where + ": unknown mode " + id + "; allowed: "
            + Stream.of(GenerationMode.values()).map(GenerationMode::id).collect(Collectors.joining(", "))));
  }

  private static String textOr(Map<String, Object> hints, String key, String fallback, String where) {
    return hints.containsKey(key) ? text(hints.get(key), where + "." + key) : fallback;
  }

  private static String text(Object value, String where) {
    if (value instanceof String text && !text.isBlank()) {
      return text;
    }
    throw new IllegalArgumentException(where + ": expected a non-blank string");
  }

  private static boolean flag(Map<String, Object> hints, String key, String where) {
    Object value = hints.get(key);
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean flag) {
      return flag;
    }
    throw new IllegalArgumentException(where + "." + key + ": expected true or false");
  }
}
