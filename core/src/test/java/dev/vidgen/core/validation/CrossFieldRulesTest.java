package dev.vidgen.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.VideoJob;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Inputs that conflict with each other, route by route, from the ToAPIs API reference. */
class CrossFieldRulesTest {
  private final JobValidator validator = JobValidator.of(RouteCatalog.builtIn());

  /**
   * Builds a job from a table row. Images and videos are counts; param is key=value (a dotted
   * key becomes a nested map; "true" becomes a boolean).
   */
  private static VideoJob job(String model, String mode, int images, int videos, Integer seconds, String ratio,
      String resolution, String param, String prompt) {
    VideoJob.Builder job = VideoJob.builder(model).prompt(prompt).seconds(seconds).aspectRatio(ratio)
        .resolution(resolution);
    if (mode != null) {
      job.mode(GenerationMode.parse(mode).orElseThrow());
    }
    for (int i = 0; i < images; i++) {
      job.image("https://example.com/" + i + ".png");
    }
    for (int i = 0; i < videos; i++) {
      job.video(URI.create("https://example.com/" + i + ".mp4"));
    }
    if (param != null) {
      String[] keyValue = param.split("=", 2);
      Object value = keyValue[1].equals("true") ? Boolean.TRUE : keyValue[1];
      String[] path = keyValue[0].split("\\.", 2);
      job.param(path[0], path.length == 1 ? value : Map.of(path[1], value));
    }
    return job.build();
  }

  @ParameterizedTest(name = "{0}: {9} on {10}")
  @CsvSource(delimiter = '|', nullValues = "~", textBlock = """
      MiniMax-Hailuo-2.3      | ~         | 0 | 0 | 10 | ~     | 1080P | ~                        | a cat | conflict.resolution_seconds      | seconds
      MiniMax-Hailuo-2.3-Fast | ~         | 1 | 0 | 10 | ~     | 1080p | ~                        | a cat | conflict.resolution_seconds      | seconds
      MiniMax-Hailuo-02       | ~         | 0 | 0 | 10 | ~     | 1080P | ~                        | a cat | conflict.resolution_seconds      | seconds
      gemini-omni-flash       | ~         | 0 | 0 | ~  | 9:16  | 1080p | ~                        | a cat | conflict.resolution_aspect_ratio | aspect_ratio
      doubao-seedance-1-0-pro-fast | r2v  | 1 | 0 | ~  | ~     | 1080p | ~                        | a cat | conflict.resolution_mode         | resolution
      veo3.1-fast             | ~         | 0 | 0 | ~  | ~     | 4k    | metadata.enable_gif=true | a cat | conflict.param_resolution        | params.metadata.enable_gif
      kling-v2-6              | ~         | 0 | 0 | ~  | ~     | 720p  | audio=true               | a cat | conflict.param_resolution        | params.audio
      kling-v2-6              | ~         | 0 | 0 | ~  | ~     | ~     | audio=true               | a cat | conflict.param_resolution        | params.audio
      seedance-2              | ~         | 1 | 0 | ~  | ~     | ~     | tools=web_search         | a cat | conflict.param_mode              | params.tools
      seedance-2-5            | ~         | 1 | 0 | ~  | 16:9  | ~     | ~                        | a cat | conflict.mode_aspect_ratio       | aspect_ratio
      seedance-2-5            | edit      | 0 | 1 | ~  | 16:9  | ~     | ~                        | a cat | conflict.mode_aspect_ratio       | aspect_ratio
      seedance-2-5            | ~         | 0 | 1 | ~  | ~     | ~     | video_operation=bogus    | a cat | param.not_offered                | params.video_operation
      seedance-2-5            | ~         | 1 | 0 | ~  | ~     | ~     | video_operation=extend   | a cat | conflict.param_mode              | params.video_operation
      seedance-2-5            | ~         | 0 | 0 | ~  | ~     | ~     | video_operation=edit     | a cat | conflict.param_mode              | params.video_operation
      seedance-2-5            | edit      | 0 | 1 | ~  | ~     | ~     | video_operation=generate | a cat | conflict.param_mode              | params.video_operation
      seedance-2-5            | ~         | 0 | 0 | ~  | ~     | ~     | output_format=avi        | a cat | param.not_offered                | params.output_format
      kling-v2-6              | ~         | 0 | 0 | ~  | 4:3   | ~     | ~                        | a cat | aspect_ratio.not_offered         | aspect_ratio
      happyhorse-1.1          | ~         | 2 | 0 | ~  | ~     | ~     | ~                        | ~     | prompt.missing                   | prompt
      happyhorse-1.1          | ~         | 0 | 1 | ~  | ~     | ~     | ~                        | ' '   | prompt.missing                   | prompt
      wan2.6                  | t2v       | 0 | 0 | ~  | ~     | ~     | ~                        | ~     | prompt.missing                   | prompt
      MiniMax-Hailuo-02       | ~         | 0 | 0 | ~  | ~     | ~     | ~                        | ~     | prompt.missing                   | prompt
      seedance-2              | r2v       | 0 | 0 | ~  | ~     | ~     | ~                        | a cat | images.too_few                   | images
      kling-v3                | i2v       | 1 | 1 | ~  | ~     | ~     | ~                        | a cat | videos.not_accepted              | videos
      happyhorse-1.1          | edit      | 0 | 0 | ~  | ~     | ~     | ~                        | a cat | videos.too_few                   | videos
      MiniMax-H3              | r2v       | 1 | 4 | ~  | ~     | ~     | ~                        | a cat | videos.too_many                  | videos
      """)
  void rejectsConflictingInputs(String model, String mode, int images, int videos, Integer seconds, String ratio,
      String resolution, String param, String prompt, String code, String field) {
    ValidationReport report = validator.validate(job(model, mode, images, videos, seconds, ratio, resolution, param,
        prompt));

    assertThat(report.errors()).singleElement().satisfies(error -> {
      assertThat(error.code()).isEqualTo(code);
      assertThat(error.field()).isEqualTo(field);
      assertThat(error.message()).startsWith(field + ": ").contains(model);
    });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "~", textBlock = """
      MiniMax-Hailuo-2.3      | ~    | 0 | 0 | 6  | ~        | 1080P | ~                         | a cat
      MiniMax-Hailuo-2.3      | ~    | 0 | 0 | 10 | ~        | 768p  | ~                         | a cat
      gemini-omni-flash       | ~    | 0 | 0 | ~  | ~        | 1080p | ~                         | a cat
      gemini-omni-flash       | ~    | 0 | 0 | ~  | 9:16     | 720p  | ~                         | a cat
      doubao-seedance-1-0-pro-fast | r2v | 1 | 0 | ~ | ~      | 720p  | ~                         | a cat
      veo3.1-fast             | ~    | 0 | 0 | ~  | ~        | 720p  | metadata.enable_gif=true  | a cat
      kling-v2-6              | ~    | 0 | 0 | ~  | ~        | 1080p | audio=true                | a cat
      seedance-2              | ~    | 0 | 0 | ~  | ~        | ~     | tools=web_search          | a cat
      seedance-2-5            | ~    | 1 | 0 | ~  | adaptive | ~     | ~                         | a cat
      seedance-2-5            | ~    | 1 | 0 | ~  | ~        | ~     | ~                         | a cat
      seedance-2-5            | edit | 0 | 1 | ~  | ~        | ~     | ~                         | a cat
      MiniMax-H3              | r2v  | 1 | 0 | ~  | adaptive | ~     | ~                         | a cat
      MiniMax-H3              | t2v  | 0 | 0 | ~  | adaptive | ~     | ~                         | a cat
      seedance-2-5            | ~    | 0 | 1 | ~  | ~        | ~     | video_operation=extend    | a cat
      seedance-2-5            | edit | 0 | 1 | ~  | ~        | ~     | video_operation=edit      | a cat
      seedance-2-5            | ~    | 1 | 0 | ~  | ~        | ~     | video_operation=generate  | a cat
      seedance-2-5            | r2v  | 0 | 2 | ~  | ~        | ~     | video_operation=generate  | a cat
      seedance-2-5            | ~    | 0 | 0 | ~  | ~        | ~     | output_format=mov         | a cat
      wan2.6                  | ~    | 1 | 0 | ~  | ~        | ~     | ~                         | ~
      wan2.6                  | ~    | 0 | 2 | ~  | ~        | ~     | ~                         | ~
      happyhorse-1.1          | ~    | 1 | 0 | ~  | ~        | ~     | ~                         | ~
      MiniMax-Hailuo-02       | ~    | 1 | 0 | ~  | ~        | ~     | ~                         | ~
      """)
  void acceptsTheSameFieldsWhenTheyAgree(String model, String mode, int images, int videos, Integer seconds,
      String ratio, String resolution, String param, String prompt) {
    ValidationReport report = validator.validate(job(model, mode, images, videos, seconds, ratio, resolution, param,
        prompt));

    assertThat(report.errors()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"kling-3.0-turbo", "happyhorse-1.1", "MiniMax-H3", "wan2.6", "viduq3-pro", "viduq3-turbo"})
  void warnsThatAnAspectRatioIsIgnoredForImageToVideo(String model) {
    ValidationReport report = validator.validate(job(model, "i2v", 1, 0, null, "1:1", null, null, "a cat"));

    assertThat(report.isValid()).isTrue();
    assertThat(report.warnings()).extracting(Violation::field, Violation::code)
        .containsExactly(org.assertj.core.api.Assertions.tuple("aspect_ratio", ViolationCodes.ASPECT_RATIO_IGNORED));
  }

  @org.junit.jupiter.api.Test
  void everyBuiltInRouteWhoseRatioIsForSomeModesOnlyDropsItWithAWarningRatherThanRefusing() {
    // One treatment for "ratio for text-to-video only": an empty ratio list in a mode would refuse.
    assertThat(RouteCatalog.builtIn().routes()).flatExtracting(route -> route.rules().stream()
            .filter(rule -> rule instanceof dev.vidgen.core.domain.RouteRule.RatiosInMode ratios
                && ratios.aspectRatios().isEmpty())
            .map(rule -> route.id()).toList())
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"veo3.1-fast, metadata", "seedance-2, seed", "wan2.6, negative_prompt", "kling-v2-6, watermark"})
  void doesNotWarnAboutDocumentedProviderParameters(String model, String param) {
    VideoJob job = VideoJob.builder(model).prompt("a cat").param(param, List.of()).build();

    assertThat(validator.validate(job).warnings()).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void anExtendWithoutAVideoAndAnUnknownOperationAreRefusedSayingWhatIsAllowed() {
    ValidationReport extend = validator.validate(job("seedance-2-5", null, 1, 0, null, null, null,
        "video_operation=extend", "a cat"));
    ValidationReport bogus = validator.validate(job("seedance-2-5", null, 0, 1, null, null, null,
        "video_operation=bogus", "a cat"));

    assertThat(extend.errors()).singleElement().extracting(Violation::message).isEqualTo(
        "params.video_operation: extend works only for video-edit on seedance-2-5 (an extend continues the video"
            + " given with --video), not image-to-video; remove it, or ask for video-edit with --mode"
            + " (VideoJob.Builder.mode)");
    assertThat(bogus.errors()).singleElement().satisfies(error -> {
      assertThat(error.message()).isEqualTo("params.video_operation: \"bogus\" is not offered by seedance-2-5"
          + " (the operation is generate, edit or extend); choose generate, edit or extend, or remove the parameter");
      assertThat(error.allowed()).isEqualTo("generate, edit or extend");
    });
  }
}
