package dev.vidgen.provider.toapis.internal;

import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.ModelRoute;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a route's fields are spelled in ToAPIs' request body. ToAPIs uses one endpoint for every
 * model, but the field names and types differ: {@code grok-video-1.5-preview} wants {@code images}
 * (an array) and {@code seconds} as a string, most others {@code image_urls} and an integer
 * {@code duration}. Read from the route's {@code hints.toapis} ({@link WireHints}); a route
 * without them gets {@link #standard()}. Data, not code, so that a new route needs no new adapter.
 *
 * @param imageField the body field for input images ({@code images}, {@code image},
 *     {@code image_urls}, {@code reference_images}, …) when no mode-specific field is set
 * @param singleImage true when that field is one string rather than an array
 * @param durationField {@code seconds} or {@code duration}
 * @param durationAsString true when the duration is sent as a JSON string ("10")
 * @param aspectRatioField {@code aspect_ratio}, or {@code size} for the official Veo models
 * @param resolutionField {@code resolution}, {@code quality}, {@code mode}, or a dotted path such
 *     as {@code metadata.resolution}
 * @param acceptsClientReference whether the route takes {@code client_business_id}, by which a
 *     task can be found again after an unanswered create
 * @param imageFieldsByMode image fields that replace {@code imageField} in one mode, such as
 *     {@code image_with_roles} with roles {@code first_frame, last_frame} for image-to-video
 * @param videoFieldsByMode the field for input videos in each mode that takes videos
 * @param modeField the body field that names the mode ({@code action}, {@code video_operation}),
 *     or null when the provider infers the mode from the inputs
 * @param modeValues what {@code modeField} holds for each mode; a mode missing here is not sent
 * @param modeValuesByImages what {@code modeField} holds for a mode with a given number of images,
 *     keyed {@code mode/count} (Veo's {@code image-to-video/2} is {@code frame}); before {@code modeValues}
 * @param resolutionValues wire spellings of resolutions, keyed by the route's resolution in
 *     lower case (Kling sends {@code 720p} as {@code mode: std}); others are sent as listed
 * @param legacyInputFields older input fields the model still reads but never beside the ones
 *     vidgen sends (Seedance's {@code image_urls} beside {@code image_with_roles}); a parameter
 *     naming one is refused
 */
public record WireFormat(
    String imageField,
    boolean singleImage,
    String durationField,
    boolean durationAsString,
    String aspectRatioField,
    String resolutionField,
    boolean acceptsClientReference,
    Map<GenerationMode, InputField> imageFieldsByMode,
    Map<GenerationMode, InputField> videoFieldsByMode,
    String modeField,
    Map<GenerationMode, String> modeValues,
    Map<String, String> modeValuesByImages,
    Map<String, String> resolutionValues,
    List<String> legacyInputFields) {

  public WireFormat {
    legacyInputFields = List.copyOf(legacyInputFields == null ? List.of() : legacyInputFields);
    Objects.requireNonNull(imageField, "imageField == null");
    Objects.requireNonNull(durationField, "durationField == null");
    Objects.requireNonNull(aspectRatioField, "aspectRatioField == null");
    Objects.requireNonNull(resolutionField, "resolutionField == null");
    imageFieldsByMode = freeze(imageFieldsByMode);
    videoFieldsByMode = freeze(videoFieldsByMode);
    modeValues = freeze(modeValues);
    modeValuesByImages = modeValuesByImages == null ? Map.of() : Map.copyOf(modeValuesByImages);
    Map<String, String> lowered = new LinkedHashMap<>();
    if (resolutionValues != null) {
      resolutionValues.forEach((key, value) -> lowered.put(key.toLowerCase(Locale.ROOT), value));
    }
    resolutionValues = Collections.unmodifiableMap(lowered);
  }

  /**
   * How a list of input URLs is sent: a field name, whether it is one string, and for
   * {@code *_with_roles} fields the role of each input ({@code [{"url":…,"role":…}]}).
   *
   * @param roles the role of input 0, 1, …; the last role repeats for later inputs; empty when
   *     the field takes plain URLs
   */
  public record InputField(String name, boolean single, List<String> roles) {
    public InputField {
      Objects.requireNonNull(name, "name == null");
      roles = List.copyOf(roles == null ? List.of() : roles);
    }

    /** A field of plain URLs. */
    public static InputField plain(String name, boolean single) {
      return new InputField(name, single, List.of());
    }

    /** A field of {@code {url, role}} objects. */
    public static InputField withRoles(String name, String... roles) {
      return new InputField(name, false, List.of(roles));
    }

    /** The role of the input at {@code index}; empty when the field takes plain URLs. */
    public Optional<String> roleAt(int index) {
      if (roles.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(roles.get(Math.min(index, roles.size() - 1)));
    }
  }

  /** The common shape: {@code image_urls} array, integer {@code duration}, {@code aspect_ratio}, {@code resolution}. */
  public static WireFormat standard() {
    return new WireFormat("image_urls", false, "duration", false, "aspect_ratio", "resolution", false,
        Map.of(), Map.of(), null, Map.of(), Map.of(), Map.of(), List.of());
  }

  /**
   * The wire of {@code route}: its {@code hints.toapis}, or {@link #standard()} without them.
   *
   * @throws IllegalArgumentException naming the route and the hint when the hints are malformed
   */
  public static WireFormat of(ModelRoute route) {
    return WireHints.read(route);
  }

  /**
   * The {@code hints.toapis} that spell this wire (keys equal to the standard wire left out), for
   * a route built in code: {@code ModelRoute.builder(id).hints("toapis", wire.toHints())}.
   */
  public Map<String, Object> toHints() {
    WireFormat standard = standard();
    Map<String, Object> hints = new LinkedHashMap<>();
    putIfOther(hints, "image_field", imageField, standard.imageField);
    putIfTrue(hints, "single_image", singleImage);
    putIfOther(hints, "duration_field", durationField, standard.durationField);
    putIfTrue(hints, "duration_as_string", durationAsString);
    putIfOther(hints, "aspect_ratio_field", aspectRatioField, standard.aspectRatioField);
    putIfOther(hints, "resolution_field", resolutionField, standard.resolutionField);
    if (!resolutionValues.isEmpty()) {
      hints.put("resolution_values", new LinkedHashMap<>(resolutionValues));
    }
    if (!imageFieldsByMode.isEmpty()) {
      hints.put("images_by_mode", inputHints(imageFieldsByMode));
    }
    if (!videoFieldsByMode.isEmpty()) {
      hints.put("videos_by_mode", inputHints(videoFieldsByMode));
    }
    if (modeField != null) {
      hints.put("mode_field", modeField);
      Map<String, Object> values = new LinkedHashMap<>();
      modeValues.forEach((mode, value) -> values.put(mode.id(), value));
      new java.util.TreeMap<>(modeValuesByImages).forEach(values::put);
      hints.put("mode_values", values);
    }
    putIfTrue(hints, "client_reference", acceptsClientReference);
    if (!legacyInputFields.isEmpty()) {
      hints.put("legacy_inputs", legacyInputFields);
    }
    return hints;
  }

  private static void putIfOther(Map<String, Object> hints, String key, String value, String standard) {
    if (!value.equals(standard)) {
      hints.put(key, value);
    }
  }

  private static void putIfTrue(Map<String, Object> hints, String key, boolean value) {
    if (value) {
      hints.put(key, true);
    }
  }

  private static Map<String, Object> inputHints(Map<GenerationMode, InputField> fields) {
    Map<String, Object> byMode = new LinkedHashMap<>();
    fields.forEach((mode, field) -> {
      Map<String, Object> hint = new LinkedHashMap<>();
      hint.put("field", field.name());
      if (field.single()) {
        hint.put("single", true);
      }
      if (!field.roles().isEmpty()) {
        hint.put("roles", field.roles());
      }
      byMode.put(mode.id(), hint);
    });
    return byMode;
  }

  /** How images are sent in {@code mode}. */
  public InputField imagesFor(GenerationMode mode) {
    InputField special = imageFieldsByMode.get(mode);
    return special != null ? special : InputField.plain(imageField, singleImage);
  }

  /** How videos are sent in {@code mode}; empty when the route documents no video field for it. */
  public Optional<InputField> videosFor(GenerationMode mode) {
    return Optional.ofNullable(videoFieldsByMode.get(mode));
  }

  /** What {@link #modeField()} holds for {@code mode}; empty when nothing is sent. */
  public Optional<String> modeValue(GenerationMode mode) {
    return modeField == null ? Optional.empty() : Optional.ofNullable(modeValues.get(mode));
  }

  /** What {@link #modeField()} holds for {@code mode} with {@code images} input images; empty when nothing is sent. */
  public Optional<String> modeValue(GenerationMode mode, int images) {
    if (modeField == null) {
      return Optional.empty();
    }
    String byCount = modeValuesByImages.get(mode.id() + "/" + images);
    return byCount != null ? Optional.of(byCount) : modeValue(mode);
  }

  /** The wire spelling of one of the route's resolutions (unchanged unless mapped). */
  public String resolutionValue(String resolution) {
    Objects.requireNonNull(resolution, "resolution == null");
    return resolutionValues.getOrDefault(resolution.toLowerCase(Locale.ROOT), resolution);
  }

  public WireFormat withImageField(String field, boolean single) {
    return new WireFormat(field, single, durationField, durationAsString, aspectRatioField, resolutionField,
        acceptsClientReference, imageFieldsByMode, videoFieldsByMode, modeField, modeValues, modeValuesByImages, resolutionValues,
        legacyInputFields);
  }

  public WireFormat withDurationField(String field, boolean asString) {
    return new WireFormat(imageField, singleImage, field, asString, aspectRatioField, resolutionField,
        acceptsClientReference, imageFieldsByMode, videoFieldsByMode, modeField, modeValues, modeValuesByImages, resolutionValues,
        legacyInputFields);
  }

  public WireFormat withAspectRatioField(String field) {
    return new WireFormat(imageField, singleImage, durationField, durationAsString, field, resolutionField,
        acceptsClientReference, imageFieldsByMode, videoFieldsByMode, modeField, modeValues, modeValuesByImages, resolutionValues,
        legacyInputFields);
  }

  public WireFormat withResolutionField(String field) {
    return new WireFormat(imageField, singleImage, durationField, durationAsString, aspectRatioField, field,
        acceptsClientReference, imageFieldsByMode, videoFieldsByMode, modeField, modeValues, modeValuesByImages, resolutionValues,
        legacyInputFields);
  }

  public WireFormat withClientReference(boolean accepted) {
    return new WireFormat(imageField, singleImage, durationField, durationAsString, aspectRatioField, resolutionField,
        accepted, imageFieldsByMode, videoFieldsByMode, modeField, modeValues, modeValuesByImages, resolutionValues,
        legacyInputFields);
  }

  /** Sends images of {@code mode} in {@code field} instead of {@link #imageField()}. */
  public WireFormat withImages(GenerationMode mode, InputField field) {
    Map<GenerationMode, InputField> images = put(imageFieldsByMode, mode, field);
    return new WireFormat(imageField, singleImage, durationField, durationAsString, aspectRatioField, resolutionField,
        acceptsClientReference, images, videoFieldsByMode, modeField, modeValues, modeValuesByImages, resolutionValues,
        legacyInputFields);
  }

  /** Sends videos of {@code mode} in {@code field}. */
  public WireFormat withVideos(GenerationMode mode, InputField field) {
    Map<GenerationMode, InputField> videos = put(videoFieldsByMode, mode, field);
    return new WireFormat(imageField, singleImage, durationField, durationAsString, aspectRatioField, resolutionField,
        acceptsClientReference, imageFieldsByMode, videos, modeField, modeValues, modeValuesByImages, resolutionValues,
        legacyInputFields);
  }

  /** Names the mode in {@code field}, with one value per mode (modes left out are not sent). */
  public WireFormat withModeField(String field, Map<GenerationMode, String> values) {
    Objects.requireNonNull(field, "field == null");
    return new WireFormat(imageField, singleImage, durationField, durationAsString, aspectRatioField, resolutionField,
        acceptsClientReference, imageFieldsByMode, videoFieldsByMode, field, values, modeValuesByImages, resolutionValues,
        legacyInputFields);
  }

  /** Sends resolutions under other names, such as {@code Map.of("720p", "std", "1080p", "pro")}. */
  public WireFormat withResolutionValues(Map<String, String> values) {
    return new WireFormat(imageField, singleImage, durationField, durationAsString, aspectRatioField, resolutionField,
        acceptsClientReference, imageFieldsByMode, videoFieldsByMode, modeField, modeValues, modeValuesByImages, values,
        legacyInputFields);
  }

  /** Names older input fields that a parameter may not give ({@code List.of("image_urls")} on Seedance 2). */
  public WireFormat withLegacyInputs(List<String> fields) {
    return new WireFormat(imageField, singleImage, durationField, durationAsString, aspectRatioField, resolutionField,
        acceptsClientReference, imageFieldsByMode, videoFieldsByMode, modeField, modeValues, modeValuesByImages,
        resolutionValues, fields);
  }

  private static <V> Map<GenerationMode, V> freeze(Map<GenerationMode, V> map) {
    EnumMap<GenerationMode, V> copy = new EnumMap<>(GenerationMode.class);
    if (map != null) {
      map.forEach((mode, value) -> copy.put(
          Objects.requireNonNull(mode, "mode == null"), Objects.requireNonNull(value, "value == null")));
    }
    return Collections.unmodifiableMap(copy);
  }

  private static <V> Map<GenerationMode, V> put(Map<GenerationMode, V> map, GenerationMode mode, V value) {
    EnumMap<GenerationMode, V> copy = new EnumMap<>(GenerationMode.class);
    copy.putAll(map);
    copy.put(Objects.requireNonNull(mode, "mode == null"), Objects.requireNonNull(value, "value == null"));
    return copy;
  }
}
