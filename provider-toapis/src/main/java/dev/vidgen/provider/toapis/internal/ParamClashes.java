package dev.vidgen.provider.toapis.internal;

import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.ImageInput;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.port.SubmitRequest;
import dev.vidgen.core.text.OtherSpellings;
import dev.vidgen.core.validation.Violation;
import dev.vidgen.core.validation.ViolationCodes;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Extra parameters that would replace a field of the create body that the job's own settings fill
 * (model, prompt, inputs, duration, ratio, resolution, mode, client reference). Those settings were
 * checked against the route and priced; a parameter of the same name would be sent in their place,
 * unchecked, at another price (a {@code duration} of 15 under a quote for 8 s).
 */
public final class ParamClashes {
  private static final String PLACEHOLDER = "https://upload.invalid/input";
  /**
   * The names ToAPIs' models give the job's settings (grok-video-1.5-preview's length is {@code seconds},
   * grok-video-1.5's {@code duration}), as the fact sheet spells them.
   */
  private static final Map<String, String> SETTINGS_BY_NAME = Map.ofEntries(
      Map.entry("duration", OtherSpellings.SECONDS), Map.entry("seconds", OtherSpellings.SECONDS),
      Map.entry("resolution", OtherSpellings.RESOLUTION), Map.entry("aspect_ratio", OtherSpellings.ASPECT_RATIO),
      Map.entry("image", OtherSpellings.IMAGES), Map.entry("images", OtherSpellings.IMAGES),
      Map.entry("image_url", OtherSpellings.IMAGES), Map.entry("image_urls", OtherSpellings.IMAGES),
      Map.entry("reference_images", OtherSpellings.IMAGES));

  private ParamClashes() {}

  /** One error per parameter of {@code job} that names a field its settings fill; none when the job has none. */
  public static List<Violation> find(VideoJob job, ModelRoute route, boolean takesClientReference) {
    if (job.params().isEmpty()) {
      return List.of();
    }
    WireFormat wire;
    try {
      wire = WireFormat.of(route);
    } catch (IllegalArgumentException e) {
      return List.of(); // hints that do not parse: the client's hint check, or the create itself, says so
    }
    Map<String, String> owned;
    Map<String, Object> sent = new LinkedHashMap<>();
    try {
      leaves("", CreateBody.of(new SubmitRequest(withoutParams(placeholders(job)), route,
          takesClientReference ? "reference" : null)), sent);
      owned = owned(job, route, takesClientReference, sent.keySet());
    } catch (IllegalArgumentException e) {
      // The job cannot be spelled (too many images for a one-image field): the route's checks say so.
      owned = Map.of();
    }
    Map<String, InputFields.Input> inputs = InputFields.of(route, wire);
    List<Violation> found = new ArrayList<>();
    for (Map.Entry<String, Object> param : job.params().entrySet()) {
      Map<String, Object> given = new LinkedHashMap<>();
      leaves(param.getKey(), param.getValue(), given);
      // Only a value at an input field (or inside it) gives inputs: metadata "x" holds no reference images.
      String input = given.keySet().stream()
          .flatMap(path -> inputs.keySet().stream().filter(field -> path.equals(field) || path.startsWith(field + ".")))
          .findFirst().orElse(null);
      if (input != null) {
        found.add(InputFields.refusal("params." + param.getKey(), param.getKey(), input, inputs.get(input), route));
        continue;
      }
      Map<String, String> ownedHere = owned;
      String clash = given.keySet().stream()
          .flatMap(path -> ownedHere.keySet().stream().filter(field -> overlaps(path, field)))
          .findFirst().orElse(null);
      if (clash == null) {
        OtherSpellings.refusal(param.getKey(), SETTINGS_BY_NAME, job, route, setting -> fieldOf(setting, job, wire))
            .ifPresent(found::add);
        continue;
      }
      String field = "params." + param.getKey();
      if (clash.equals(CreateBody.CLIENT_REFERENCE_FIELD)) {
        found.add(Violation.error(field, ViolationCodes.PARAM_REPLACES_SETTING, param.getKey(),
            "a parameter " + route.id() + "'s settings do not fill",
            field + ": vidgen sends its own client_business_id on " + route.id() + ", by which it finds the task"
                + " again after a create that got no answer, instead of paying for it twice; remove the parameter"));
        continue;
      }
      Object now = sent.get(clash);
      String shown = now instanceof String text ? " (\"" + text + "\" here)"
          : now instanceof Number || now instanceof Boolean ? " (" + now + " here)"
          : sent.keySet().stream().noneMatch(leaf -> overlaps(leaf, clash)) ? " (left out for this job's mode)" : "";
      found.add(Violation.error(field, ViolationCodes.PARAM_REPLACES_SETTING, param.getKey(),
          "a parameter " + route.id() + "'s settings do not fill",
          field + ": would replace " + clash + ", which vidgen fills from the job's " + owned.get(clash)
              + shown + " after checking and pricing it; set the job's "
              + owned.get(clash) + " instead and remove the parameter"));
    }
    return found;
  }

  /**
   * The body fields the job's settings fill for this job ({@code sent}: what the body holds without
   * the parameters), by dotted name, each with the setting that fills it, named as the job's field ("seconds",
   * "aspect ratio"), never as a command-line option: the command line adds its options where it shows the words.
   * A field the route's request leaves out for this job (no resolution on grok-video-1.5-preview, no images in
   * text-to-video) is the caller's to give. The mode field is not, even when this job's mode leaves it
   * out (Veo's {@code metadata.generation_type} with one image): a value there would ask for a mode
   * that was never checked, such as reference on veo3.1-quality, which does not offer it. It is the
   * caller's only when the route documents it as a parameter: seedance-2-5's
   * {@code video_operation=extend} is how its extend is asked for, checked by the route's rules.
   */
  private static Map<String, String> owned(
      VideoJob job, ModelRoute route, boolean takesClientReference, java.util.Set<String> sent) {
    WireFormat wire = WireFormat.of(route);
    GenerationMode mode = job.mode() != null ? job.mode()
        : !job.images().isEmpty() ? GenerationMode.IMAGE_TO_VIDEO
        : job.videos().isEmpty() ? GenerationMode.TEXT_TO_VIDEO : GenerationMode.VIDEO_EDIT;
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("model", "model");
    labels.put("prompt", "prompt");
    labels.putIfAbsent(wire.imagesFor(mode).name(), "images");
    wire.videosFor(mode).ifPresent(field -> labels.putIfAbsent(field.name(), "videos"));
    labels.putIfAbsent(wire.durationField(), "seconds");
    labels.putIfAbsent(wire.aspectRatioField(), "aspect ratio");
    labels.putIfAbsent(wire.resolutionField(), "resolution");
    if (wire.modeField() != null && !route.knownParams().contains(wire.modeField())) {
      labels.putIfAbsent(wire.modeField(), "mode");
    }
    if (wire.acceptsClientReference() && takesClientReference) {
      labels.putIfAbsent(CreateBody.CLIENT_REFERENCE_FIELD, "client reference");
    }
    Map<String, String> owned = new LinkedHashMap<>();
    String modeField = labels.containsKey(wire.modeField()) && "mode".equals(labels.get(wire.modeField()))
        ? wire.modeField() : null;
    labels.forEach((field, label) -> {
      if (field.equals("model") || field.equals(modeField) || sent.stream().anyMatch(leaf -> overlaps(leaf, field))) {
        owned.put(field, label);
      }
    });
    return owned;
  }

  /** The field {@code wire} sends a setting of {@code job} in. */
  private static String fieldOf(String setting, VideoJob job, WireFormat wire) {
    return switch (setting) {
      case OtherSpellings.SECONDS -> wire.durationField();
      case OtherSpellings.RESOLUTION -> wire.resolutionField();
      case OtherSpellings.ASPECT_RATIO -> wire.aspectRatioField();
      default -> wire.imagesFor(job.mode() != null ? job.mode() : !job.images().isEmpty()
          ? GenerationMode.IMAGE_TO_VIDEO : GenerationMode.TEXT_TO_VIDEO).name();
    };
  }

  /** Whether two dotted names are the same field, or one holds the other. */
  private static boolean overlaps(String given, String field) {
    return given.equals(field) || given.startsWith(field + ".") || field.startsWith(given + ".");
  }

  /**
   * Every leaf of {@code value} by its dotted name (objects are walked; lists and scalars are
   * leaves). An empty object has none: merged into the body, it changes nothing.
   */
  private static void leaves(String path, Object value, Map<String, Object> into) {
    if (value instanceof Map<?, ?> map) {
      map.forEach((key, item) -> leaves(path.isEmpty() ? String.valueOf(key) : path + "." + key, item, into));
    } else {
      into.put(path, value);
    }
  }

  private static VideoJob withoutParams(VideoJob job) {
    return new VideoJob(job.model(), job.mode(), job.prompt(), job.images(), job.videos(), job.seconds(),
        job.aspectRatio(), job.resolution(), Map.of());
  }

  private static VideoJob placeholders(VideoJob job) {
    List<ImageInput> images = job.images().stream()
        .map(image -> image instanceof ImageInput.Remote ? image : new ImageInput.Remote(URI.create(PLACEHOLDER)))
        .toList();
    List<URI> videos = job.videos().stream()
        .map(video -> VideoJob.isLocalVideo(video) ? URI.create(PLACEHOLDER) : video).toList();
    return job.withImages(images).withVideos(videos);
  }
}
