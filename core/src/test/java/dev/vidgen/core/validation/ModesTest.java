package dev.vidgen.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.VideoJob;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A job without a mode gets one from its inputs, and is then checked in that mode. */
class ModesTest {
  private final JobValidator validator = JobValidator.of(RouteCatalog.builtIn());

  @ParameterizedTest(name = "{0} with {1} images and {2} videos is {3}")
  @CsvSource({
    "kling-v3,          0, 0, text-to-video",
    "kling-v3,          1, 0, image-to-video",
    "kling-v3,          2, 0, image-to-video",
    "kling-v3,          3, 0, reference-to-video",
    "veo3.1-fast,       3, 0, reference-to-video",
    "veo3.1-quality,    3, 0, image-to-video",
    "gemini-omni-flash, 1, 0, reference-to-video",
    "gemini-omni-flash, 2, 0, reference-to-video",
    "gemini-omni-flash, 3, 0, reference-to-video",
    "viduq3,            1, 0, reference-to-video",
    "happyhorse-1.1,    0, 1, video-edit",
    "seedance-2-5,      0, 1, video-edit",
    "seedance-2,        0, 1, reference-to-video",
    "wan2.6,            0, 1, reference-to-video",
    "grok-video-1.5,    0, 1, video-edit",
    "MiniMax-H3,        5, 0, reference-to-video"
  })
  void infersTheModeFromTheInputs(String model, int images, int videos, String expected) {
    VideoJob.Builder job = VideoJob.builder(model).prompt("a lighthouse at dusk");
    for (int i = 0; i < images; i++) {
      job.image("https://example.com/" + i + ".png");
    }
    for (int i = 0; i < videos; i++) {
      job.video(URI.create("https://example.com/" + i + ".mp4"));
    }

    assertThat(validator.validate(job.build()).mode()).isEqualTo(GenerationMode.parse(expected).orElseThrow());
  }

  @ParameterizedTest
  @CsvSource({"kling-v3, image-to-video", "gemini-omni-flash, text-to-video"})
  void keepsTheRequestedModeEvenWhenTheInputsSuggestAnother(String model, String requested) {
    GenerationMode mode = GenerationMode.parse(requested).orElseThrow();
    VideoJob job = VideoJob.builder(model).mode(mode).prompt("x").image("https://example.com/a.png")
        .image("https://example.com/b.png").image("https://example.com/c.png").build();

    ValidationReport report = validator.validate(job);

    assertThat(report.mode()).isEqualTo(mode);
    assertThat(report.isValid()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"wan2.6-flash", "MiniMax-Hailuo-2.3-Fast"})
  void checksTheInferredModeAndSaysItWasInferred(String model) {
    ValidationReport report = validator.validate(VideoJob.builder(model).prompt("just words").build());

    assertThat(report.mode()).isEqualTo(GenerationMode.TEXT_TO_VIDEO);
    assertThat(report.errors()).singleElement().satisfies(error -> {
      assertThat(error.code()).isEqualTo(ViolationCodes.MODE_NOT_OFFERED);
      assertThat(error.message()).contains("does not offer text-to-video", "(a job with no images or videos is text-to-video)");
    });
  }

  @org.junit.jupiter.api.Test
  void aCountThatFitsNoModeSaysWhatTheOtherModesTakeUnlessAModeWasNamed() {
    VideoJob.Builder builder = VideoJob.builder("veo3.1-fast").prompt("x");
    for (int i = 0; i < 4; i++) {
      builder.image("https://example.com/" + i + ".png");
    }
    VideoJob four = builder.build();

    assertThat(validator.validate(four).errors()).singleElement().satisfies(error -> assertThat(error.message())
        .isEqualTo("images: 4 given, but image-to-video on veo3.1-fast takes 1 to 2 images;"
            + " reference-to-video takes exactly 3"));
    assertThat(validator.validate(four.withMode(GenerationMode.REFERENCE_TO_VIDEO)).errors()).singleElement()
        .satisfies(error -> assertThat(error.message())
            .isEqualTo("images: 4 given, but reference-to-video on veo3.1-fast takes exactly 3 images"));
  }
}
