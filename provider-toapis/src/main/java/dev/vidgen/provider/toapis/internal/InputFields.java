package dev.vidgen.provider.toapis.internal;

import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.validation.Violation;
import dev.vidgen.core.validation.ViolationCodes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body fields that carry a route's input images and videos in any of its modes, and the older
 * input fields its hints name ({@code legacy_inputs}). A parameter naming one would send inputs past
 * the checks of their number, roles and URLs (a first frame on a text-to-video job), so it is refused
 * whatever the job's own mode, and the user is told to give the inputs as images or videos.
 */
final class InputFields {
  /** What one field carries: images or videos, in which modes; {@code legacy} when vidgen never sends it. */
  record Input(boolean images, List<String> modes, boolean legacy) {}

  private InputFields() {}

  /** Every input field of the route by dotted name, image fields first. */
  static Map<String, Input> of(ModelRoute route, WireFormat wire) {
    Map<String, List<String>> images = new LinkedHashMap<>();
    Map<String, List<String>> videos = new LinkedHashMap<>();
    for (GenerationMode mode : route.modes()) {
      if (route.imagesFor(mode).max() > 0) {
        images.computeIfAbsent(wire.imagesFor(mode).name(), name -> new ArrayList<>()).add(mode.id());
      }
      if (route.videosFor(mode).max() > 0) {
        wire.videosFor(mode).ifPresent(field ->
            videos.computeIfAbsent(field.name(), name -> new ArrayList<>()).add(mode.id()));
      }
    }
    Map<String, Input> fields = new LinkedHashMap<>();
    images.forEach((name, modes) -> fields.put(name, new Input(true, modes, false)));
    videos.forEach((name, modes) -> fields.putIfAbsent(name, new Input(false, modes, false)));
    boolean takesImages = !images.isEmpty() || videos.isEmpty();
    wire.legacyInputFields().forEach(name -> fields.putIfAbsent(name, new Input(takesImages, List.of(), true)));
    return fields;
  }

  /** The error for a parameter {@code key} that names {@code field}, an input field of the route. */
  static Violation refusal(String path, String key, String field, Input input, ModelRoute route) {
    String how = input.images() ? "give images with --image (VideoJob.Builder.image)"
        : "give videos with --video (VideoJob.Builder.video)";
    String why;
    if (input.legacy()) {
      List<String> sent = new ArrayList<>(of(route, WireFormat.of(route)).entrySet().stream()
          .filter(entry -> !entry.getValue().legacy()).map(Map.Entry::getKey).toList());
      why = field + " is " + route.id() + "'s older input field, never taken together with "
          + String.join(" or ", sent) + ", which vidgen always sends the job's inputs in";
    } else {
      why = field + " is where vidgen sends " + route.id() + "'s input " + (input.images() ? "images" : "videos")
          + " (" + String.join(", ", input.modes()) + ") once their number, roles and URLs are checked";
    }
    return Violation.error(path, ViolationCodes.PARAM_REPLACES_SETTING, key,
        "a parameter " + route.id() + "'s settings do not fill",
        path + ": " + why + "; " + how + " and remove the parameter");
  }
}
