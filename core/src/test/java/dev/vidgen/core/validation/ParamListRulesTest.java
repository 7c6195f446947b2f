package dev.vidgen.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.VideoJob;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Reference audio on the Seedance 2 routes and MiniMax-H3: never alone, and no more files than the route takes. */
class ParamListRulesTest {
  private static final String IMAGE = "https://x.example/a.png";
  private static final GenerationMode REFERENCE = GenerationMode.REFERENCE_TO_VIDEO;

  private final JobValidator validator = JobValidator.of(RouteCatalog.builtIn());

  private static List<Map<String, String>> audio(int count) {
    List<Map<String, String>> entries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      entries.add(Map.of("url", "https://x.example/" + i + ".mp3", "role", "reference_audio"));
    }
    return entries;
  }

  @ParameterizedTest
  @CsvSource({"seedance-2", "seedance-2-fast", "seedance-2-mini", "seedance-2-5", "MiniMax-H3"})
  void referenceAudioWithoutAnImageOrVideoIsRefused(String model) {
    VideoJob alone = VideoJob.builder(model).prompt("x").mode(REFERENCE).param("audio_with_roles", audio(1)).build();
    VideoJob beside = VideoJob.builder(model).prompt("x").mode(REFERENCE).image(IMAGE)
        .param("audio_with_roles", audio(1)).build();

    assertThat(validator.validate(alone).errors()).filteredOn(error -> error.field().equals("params.audio_with_roles"))
        .singleElement().satisfies(error -> {
      assertThat(error.code()).isEqualTo(ViolationCodes.PARAM_NEEDS_INPUTS);
      assertThat(error.message()).isEqualTo("params.audio_with_roles: needs an image or a video in the job on " + model
          + " (reference audio is never sent alone); add one with --image or --video (VideoJob.Builder image or"
          + " video), or remove the parameter");
    });
    assertThat(validator.validate(beside).isValid()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({"seedance-2, 3", "seedance-2-fast, 3", "seedance-2-mini, 3", "seedance-2-5, 10", "MiniMax-H3, 3"})
  void moreReferenceAudioFilesThanTheRouteTakesAreRefused(String model, int most) {
    VideoJob fits = VideoJob.builder(model).prompt("x").mode(REFERENCE).image(IMAGE)
        .param("audio_with_roles", audio(most)).build();
    VideoJob over = VideoJob.builder(model).prompt("x").mode(REFERENCE).image(IMAGE)
        .param("audio_with_roles", audio(most + 1)).build();

    assertThat(validator.validate(fits).isValid()).isTrue();
    assertThat(validator.validate(over).errors()).singleElement().satisfies(error -> {
      assertThat(error.code()).isEqualTo(ViolationCodes.PARAM_TOO_MANY_ITEMS);
      assertThat(error.message()).startsWith("params.audio_with_roles: " + (most + 1) + " entries given, but " + model
          + " takes at most " + most + " (").endsWith("); remove 1");
    });
  }

  @Test
  void everyProblemOfTheAudioIsToldAtOnce() {
    VideoJob job = VideoJob.builder("seedance-2-mini").prompt("x").param("audio_with_roles", audio(4)).build();

    assertThat(validator.validate(job).errors()).extracting(Violation::field, Violation::code).containsExactly(
        tuple("params.audio_with_roles", ViolationCodes.CONFLICT_PARAM_MODE),
        tuple("params.audio_with_roles", ViolationCodes.PARAM_TOO_MANY_ITEMS),
        tuple("params.audio_with_roles", ViolationCodes.PARAM_NEEDS_INPUTS));
  }

  @Test
  void audioThatIsNotAListIsRefusedSayingWhatIsTaken() {
    VideoJob job = VideoJob.builder("seedance-2").prompt("x").mode(REFERENCE).image(IMAGE)
        .param("audio_with_roles", "https://x.example/a.mp3").build();

    assertThat(validator.validate(job).errors()).singleElement().satisfies(error ->
        assertThat(error.message()).startsWith("params.audio_with_roles: seedance-2 takes a list of at most 3 entries"));
  }

  @ParameterizedTest
  @CsvSource({"seedance-2", "seedance-2-fast", "seedance-2-mini", "seedance-2-5", "MiniMax-H3"})
  void referenceAudioBesideAFirstFrameIsRefusedSinceFrameAndReferenceModesAreNeverMixed(String model) {
    VideoJob framed = VideoJob.builder(model).prompt("x").image(IMAGE).param("audio_with_roles", audio(1)).build();

    assertThat(validator.validate(framed).errors()).singleElement().satisfies(error -> {
      assertThat(error.code()).isEqualTo(ViolationCodes.CONFLICT_PARAM_MODE);
      assertThat(error.message()).startsWith("params.audio_with_roles: works only for reference-to-video")
          .contains("not image-to-video; remove it, or ask for reference-to-video")
          .contains("never with a first or last frame");
    });
  }

  @ParameterizedTest
  @CsvSource({"viduq3-pro", "viduq3-turbo", "viduq3"})
  void viduQ3sOffPeakIsADocumentedParameter(String model) {
    VideoJob job = VideoJob.builder(model).prompt("x").image(IMAGE).param("off_peak", true).build();

    assertThat(validator.validate(job).violations()).isEmpty();
  }
}
