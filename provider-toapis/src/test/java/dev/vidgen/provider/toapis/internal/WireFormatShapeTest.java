package dev.vidgen.provider.toapis.internal;

import static dev.vidgen.core.domain.GenerationMode.IMAGE_TO_VIDEO;
import static dev.vidgen.core.domain.GenerationMode.REFERENCE_TO_VIDEO;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Mode-specific fields of a wire format. */
class WireFormatTest {

  @Test
  void theStandardShapeHasNoModeSpecificFields() {
    WireFormat wire = WireFormat.standard();

    assertThat(wire.imagesFor(REFERENCE_TO_VIDEO)).isEqualTo(WireFormat.InputField.plain("image_urls", false));
    assertThat(wire.videosFor(REFERENCE_TO_VIDEO)).isEmpty();
    assertThat(wire.modeValue(IMAGE_TO_VIDEO)).isEmpty();
    assertThat(wire.resolutionValue("720p")).isEqualTo("720p");
  }

  @Test
  void theLastRoleRepeatsForLaterInputs() {
    WireFormat.InputField frames = WireFormat.InputField.withRoles("image_with_roles", "first_frame", "last_frame");

    assertThat(frames.roleAt(0)).contains("first_frame");
    assertThat(frames.roleAt(1)).contains("last_frame");
    assertThat(frames.roleAt(7)).contains("last_frame");
    assertThat(WireFormat.InputField.plain("image_urls", false).roleAt(0)).isEmpty();
  }

  @Test
  void copiesKeepEveryModeSpecificField() {
    WireFormat wire = WireFormat.standard()
        .withImages(REFERENCE_TO_VIDEO, WireFormat.InputField.plain("reference_images", false))
        .withModeField("action", Map.of(IMAGE_TO_VIDEO, "image-to-video"))
        .withResolutionValues(Map.of("720P", "std"))
        .withDurationField("seconds", true)
        .withImageField("images", false)
        .withAspectRatioField("size")
        .withResolutionField("mode")
        .withClientReference(true);

    assertThat(wire.imagesFor(REFERENCE_TO_VIDEO).name()).isEqualTo("reference_images");
    assertThat(wire.imagesFor(IMAGE_TO_VIDEO).name()).isEqualTo("images");
    assertThat(wire.modeValue(IMAGE_TO_VIDEO)).contains("image-to-video");
    assertThat(wire.resolutionValue("720p")).isEqualTo("std");
    assertThat(wire.acceptsClientReference()).isTrue();
  }
}
