package dev.vidgen.core.domain;

import java.util.Objects;

/**
 * How a route's fields are spelled in the provider's request body. ToAPIs uses one endpoint for
 * every model, but the field names and types differ: {@code grok-video-1.5-preview} wants
 * {@code images} (an array) and {@code seconds} as a string, most others {@code image_urls} and
 * an integer {@code duration}. Data, not code, so that a new route needs no new adapter.
 *
 * @param imageField the body field for input images ({@code images}, {@code image},
 *     {@code image_urls}, {@code reference_images}, …)
 * @param singleImage true when that field is one string rather than an array
 * @param durationField {@code seconds} or {@code duration}
 * @param durationAsString true when the duration is sent as a JSON string ("10")
 * @param aspectRatioField {@code aspect_ratio}, or {@code size} for the official Veo models
 * @param resolutionField {@code resolution}, {@code quality}, or a dotted path such as
 *     {@code metadata.resolution}
 * @param acceptsClientReference whether the route takes {@code client_business_id}, by which a
 *     task can be found again after an unanswered create
 */
public record WireFormat(
    String imageField,
    boolean singleImage,
    String durationField,
    boolean durationAsString,
    String aspectRatioField,
    String resolutionField,
    boolean acceptsClientReference) {

  public WireFormat {
    Objects.requireNonNull(imageField, "imageField == null");
    Objects.requireNonNull(durationField, "durationField == null");
    Objects.requireNonNull(aspectRatioField, "aspectRatioField == null");
    Objects.requireNonNull(resolutionField, "resolutionField == null");
  }

  /** The common shape: {@code image_urls} array, integer {@code duration}, {@code aspect_ratio}, {@code resolution}. */
  public static WireFormat standard() {
    return new WireFormat("image_urls", false, "duration", false, "aspect_ratio", "resolution", false);
  }

  public WireFormat withImageField(String field, boolean single) {
    return new WireFormat(field, single, durationField, durationAsString, aspectRatioField, resolutionField, acceptsClientReference);
  }

  public WireFormat withDurationField(String field, boolean asString) {
    return new WireFormat(imageField, singleImage, field, asString, aspectRatioField, resolutionField, acceptsClientReference);
  }

  public WireFormat withAspectRatioField(String field) {
    return new WireFormat(imageField, singleImage, durationField, durationAsString, field, resolutionField, acceptsClientReference);
  }

  public WireFormat withResolutionField(String field) {
    return new WireFormat(imageField, singleImage, durationField, durationAsString, aspectRatioField, field, acceptsClientReference);
  }

  public WireFormat withClientReference(boolean accepted) {
    return new WireFormat(imageField, singleImage, durationField, durationAsString, aspectRatioField, resolutionField, accepted);
  }
}
