package dev.vidgen.provider.toapis.internal;

import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.ImageInput;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.port.SubmitRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON body of {@code POST /v1/videos/generations} for a submit request, spelled the way the
 * route's {@link WireFormat} says (its {@code hints.toapis}, or the standard wire): field names, a string or an integer duration, one image or an
 * array, dotted names such as {@code metadata.resolution} nested. The job's extra parameters are
 * added last, untouched but for a dotted name, which is nested too (maps are merged); one that
 * would replace a field above is refused before ({@link ParamClashes}).
 */
public final class CreateBody {
  /** The field that carries the client reference on routes that take one. */
  public static final String CLIENT_REFERENCE_FIELD = "client_business_id";

  private CreateBody() {}

  /** The body as compact JSON; the same text for a preview and for the real request. */
  public static String json(SubmitRequest request) {
    return Json.write(of(request));
  }

  /**
   * The body as ordered maps and lists.
   *
   * @throws IllegalArgumentException when the job cannot be spelled for its route
   */
  public static Map<String, Object> of(SubmitRequest request) {
    VideoJob job = request.job();
    ModelRoute route = request.route();
    WireFormat wire = WireFormat.of(route);
    GenerationMode mode = job.requestedMode().orElseGet(() -> inferMode(job));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", nameSent(route, job.model()));
    wire.modeValue(mode, job.images().size()).ifPresent(value -> put(body, wire.modeField(), value));
    if (job.prompt() != null) {
      body.put("prompt", job.prompt());
    }
    if (!job.images().isEmpty()) {
      List<String> urls = job.images().stream().map(CreateBody::url).toList();
      WireFormat.InputField field = wire.imagesFor(mode);
      put(body, field.name(), inputs(field, urls, route));
    }
    if (!job.videos().isEmpty()) {
      WireFormat.InputField field = wire.videosFor(mode).orElseThrow(() -> new IllegalArgumentException(
          route.id() + " documents no field for input videos in " + mode
              + "; pass them as a parameter named as the model's page says"));
      List<String> urls = job.videos().stream().map(Object::toString).toList();
      put(body, field.name(), inputs(field, urls, route));
    }
    int seconds = job.seconds() != null ? job.seconds() : route.durations().defaultSeconds();
    put(body, wire.durationField(), wire.durationAsString() ? (Object) Integer.toString(seconds) : seconds);
    // A ratio the route ignores in this mode is not sent: the model would not honour it anyway.
    String ratio = route.ignoresAspectRatioIn(mode) ? null
        : job.aspectRatio() != null ? route.offeredAspectRatio(job.aspectRatio()).orElse(job.aspectRatio().strip())
        : route.defaultAspectRatioFor(mode);
    if (ratio != null) {
      put(body, wire.aspectRatioField(), ratio);
    }
    String resolution = job.resolution() != null
        ? route.offeredResolution(job.resolution()).orElse(job.resolution().strip())
        : route.defaultResolution();
    if (resolution != null) {
      put(body, wire.resolutionField(), wire.resolutionValue(resolution));
    }
    if (wire.acceptsClientReference() && request.clientReference() != null) {
      body.put(CLIENT_REFERENCE_FIELD, request.clientReference());
    }
    addParams(body, job.params());
    return body;
  }

  /**
   * The model name to send: the job's, when it is one of the route's names in any case (the client has chosen
   * it: the route's spelling, or the key's live list's spelling of it); else the route's id.
   */
  static String nameSent(ModelRoute route, String given) {
    return given != null && route.names().stream().anyMatch(given::equalsIgnoreCase) ? given : route.id();
  }

  /**
   * Adds extra parameters to a request body: objects are merged into what is there, and a dotted
   * name ({@code metadata.enable_gif}) is nested as every check reads it.
   */
  public static void addParams(Map<String, Object> body, Map<String, ?> params) {
    params.forEach((name, value) -> body.merge(topName(name), nested(name, copy(value)), CreateBody::mergeValues));
  }

  /**
   * A parameter's value under the names after the first of its dotted name ({@code metadata.enable_gif}
   * is {@code {"enable_gif": value}} under {@code metadata}), as every check reads such a name; a
   * name with an empty part is kept whole.
   */
  private static Object nested(String name, Object value) {
    String[] names = name.split("\\.", -1);
    if (names.length == 1 || java.util.Arrays.asList(names).contains("")) {
      return value;
    }
    Object nested = value;
    for (int i = names.length - 1; i > 0; i--) {
      Map<String, Object> holder = new LinkedHashMap<>();
      holder.put(names[i], nested);
      nested = holder;
    }
    return nested;
  }

  private static String topName(String name) {
    String[] names = name.split("\\.", -1);
    return names.length == 1 || java.util.Arrays.asList(names).contains("") ? name : names[0];
  }

  private static GenerationMode inferMode(VideoJob job) {
    if (!job.images().isEmpty()) {
      return GenerationMode.IMAGE_TO_VIDEO;
    }
    return job.videos().isEmpty() ? GenerationMode.TEXT_TO_VIDEO : GenerationMode.VIDEO_EDIT;
  }

  private static String url(ImageInput image) {
    if (image instanceof ImageInput.Remote remote) {
      return remote.url().toString();
    }
    throw new IllegalArgumentException("upload local images before creating the task: " + image);
  }

  private static Object inputs(WireFormat.InputField field, List<String> urls, ModelRoute route) {
    if (field.single()) {
      if (urls.size() != 1) {
        throw new IllegalArgumentException(
            route.id() + " takes exactly one URL in " + field.name() + ", not " + urls.size());
      }
      return urls.get(0);
    }
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < urls.size(); i++) {
      String url = urls.get(i);
      values.add(field.roleAt(i).<Object>map(role -> entry(url, role)).orElse(url));
    }
    return values;
  }

  private static Map<String, Object> entry(String url, String role) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("url", url);
    entry.put("role", role);
    return entry;
  }

  /** Puts {@code value} at a dotted path, creating nested objects on the way. */
  private static void put(Map<String, Object> body, String path, Object value) {
    String[] names = path.split("\\.");
    Map<String, Object> target = body;
    for (int i = 0; i < names.length - 1; i++) {
      Object next = target.computeIfAbsent(names[i], name -> new LinkedHashMap<String, Object>());
      if (!(next instanceof Map<?, ?>)) {
        throw new IllegalArgumentException(path + ": " + names[i] + " is already set to a non-object value");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> nested = (Map<String, Object>) next;
      target = nested;
    }
    target.put(names[names.length - 1], value);
  }

  private static Object mergeValues(Object existing, Object added) {
    if (existing instanceof Map<?, ?> base && added instanceof Map<?, ?> extra) {
      Map<String, Object> merged = new LinkedHashMap<>();
      base.forEach((key, value) -> merged.put(String.valueOf(key), value));
      extra.forEach((key, value) -> {
        Object current = merged.get(String.valueOf(key));
        merged.put(String.valueOf(key), current == null || value == null ? value : mergeValues(current, value));
      });
      return merged;
    }
    return added;
  }

  private static Object copy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((key, item) -> copy.put(String.valueOf(key), copy(item)));
      return copy;
    }
    return value;
  }
}
