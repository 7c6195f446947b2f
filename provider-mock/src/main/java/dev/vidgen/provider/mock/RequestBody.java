package dev.vidgen.provider.mock;

import dev.vidgen.core.domain.ImageInput;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.json.JsonTrees;
import dev.vidgen.core.port.SubmitRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON body the real service would get for a request, in its standard spelling with the plain
 * field names of the route's hints ({@link MockHints}); mode-specific fields are not modelled.
 */
final class RequestBody {
  private RequestBody() {}

  static String json(SubmitRequest request) {
    return JsonTrees.write(body(request, true));
  }

  /** The body as a tree; without the job's extra parameters when {@code withParams} is false. */
  static Map<String, Object> body(SubmitRequest request, boolean withParams) {
    VideoJob job = request.job();
    ModelRoute route = request.route();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", route.nameFor(job.model()));
    if (job.prompt() != null) {
      body.put("prompt", job.prompt());
    }
    List<String> images = job.images().stream().map(ImageInput::toString).toList();
    if (!images.isEmpty()) {
      put(body, MockHints.text(route, "image_field", "image_urls"),
          MockHints.flag(route, "single_image") ? images.get(0) : images);
    }
    List<String> videos = job.videos().stream().map(Object::toString).toList();
    if (!videos.isEmpty()) {
      put(body, MockHints.text(route, "video_field", "video_urls"), videos);
    }
    int seconds = job.seconds() != null ? job.seconds() : route.durations().defaultSeconds();
    put(body, MockHints.text(route, "duration_field", "duration"),
        MockHints.flag(route, "duration_as_string") ? Integer.toString(seconds) : seconds);
    String ratio = job.requestedMode().map(route::ignoresAspectRatioIn).orElse(false) ? null
        : job.aspectRatio() != null ? job.aspectRatio()
        : job.requestedMode().isPresent() ? route.defaultAspectRatioFor(job.requestedMode().get())
        : route.defaultAspectRatio();
    if (ratio != null) {
      put(body, MockHints.text(route, "aspect_ratio_field", "aspect_ratio"), ratio);
    }
    String resolution = job.resolution() != null ? job.resolution() : route.defaultResolution();
    if (resolution != null) {
      put(body, MockHints.text(route, "resolution_field", "resolution"), resolution);
    }
    if (MockHints.takesClientReference(route) && request.clientReference() != null) {
      body.put("client_business_id", request.clientReference());
    }
    if (withParams) {
      // Merged as the real service's request merges them: an object adds to the object the settings filled.
      job.params().forEach((key, value) -> merge(body, key, value));
    }
    return body;
  }

  /** Puts {@code value} under {@code key}, merging an object into an object already there, key by key. */
  @SuppressWarnings("unchecked")
  private static void merge(Map<String, Object> body, String key, Object value) {
    int dot = key.indexOf('.');
    if (dot > 0) {
      // A dotted name such as metadata.seed is the field seed of the object metadata.
      Map<String, Object> inner = new LinkedHashMap<>();
      merge(inner, key.substring(dot + 1), value);
      merge(body, key.substring(0, dot), inner);
      return;
    }
    if (value instanceof Map<?, ?> given && body.get(key) instanceof Map<?, ?> there) {
      Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) there);
      given.forEach((inner, item) -> merge(merged, String.valueOf(inner), item));
      body.put(key, merged);
    } else {
      body.put(key, value);
    }
  }

  /** Puts {@code value} at a dotted path such as {@code metadata.resolution}. */
  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> body, String path, Object value) {
    int dot = path.indexOf('.');
    if (dot < 0) {
      body.put(path, value);
      return;
    }
    Object inner = body.computeIfAbsent(path.substring(0, dot), key -> new LinkedHashMap<>());
    if (inner instanceof Map<?, ?> map) {
      put((Map<String, Object>) map, path.substring(dot + 1), value);
    }
  }
}
