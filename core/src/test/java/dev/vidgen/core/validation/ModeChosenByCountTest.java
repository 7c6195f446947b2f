package dev.vidgen.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.catalog.RouteFiles;
import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.VideoJob;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A job whose mode its image or video count chose, where another route of the same family reads the same inputs as
 * another mode (two images: first and last frame on veo3.1-fast, references on Veo3.1-fast-official), is sent with a
 * warning that names the mode sent and how to ask for the other; never refused.
 */
class ModeChosenByCountTest {
  private final JobValidator validator = JobValidator.of(RouteCatalog.builtIn());

  @Test
  void twoImagesOnAVeoOfficialRouteAreSentAsReferencesWithAWarningThatSaysHowToSendFrames() {
    ValidationReport report = validator.validate(job("Veo3.1-fast-official", 2, 0));

    assertThat(report.isValid()).as("reference-to-video with 2 images is a valid job").isTrue();
    assertThat(report.mode()).isEqualTo(GenerationMode.REFERENCE_TO_VIDEO);
    assertThat(report.warnings()).extracting(Violation::code).containsExactly(ViolationCodes.MODE_CHOSEN_BY_COUNT);
    Violation warning = report.warnings().get(0);
    assertThat(warning.field()).isEqualTo("mode");
    assertThat(warning.given()).isEqualTo("reference-to-video");
    assertThat(warning.allowed()).isEqualTo("image-to-video");
    assertThat(warning.message()).isEqualTo("mode: 2 images on Veo3.1-fast-official are sent as reference-to-video"
        + " (references), not as image-to-video (the first and last frame) as veo3.1-fast, veo3.1-lite and"
        + " veo3.1-quality read them; to send image-to-video here, give 1 image (the first frame), and the last frame"
        + " in params metadata.lastFrame (--param metadata.lastFrame=URL); to keep reference-to-video without this"
        + " warning, name the mode (--mode reference-to-video; mode in Java, a jobs file or the playground)");
  }

  @Test
  void twoImagesOnVeo31FastAreSentAsFramesWithAWarningThatTheOfficialRoutesReadThemAsReferences() {
    ValidationReport report = validator.validate(job("veo3.1-fast", 2, 0));

    assertThat(report.isValid()).isTrue();
    assertThat(report.mode()).isEqualTo(GenerationMode.IMAGE_TO_VIDEO);
    assertThat(report.warnings()).singleElement().extracting(Violation::message).asString()
        .startsWith("mode: 2 images on veo3.1-fast are sent as image-to-video (the first and last frame), not as"
            + " reference-to-video (references) as Veo3.1-fast-official, Veo3.1-lite-official and"
            + " Veo3.1-quality-official read them; to send reference-to-video here, give 3 images;");
  }

  @Test
  void aVideoOnSeedance25IsSentAsAnEditWithAWarningThatTheModeCanBeNamed() {
    ValidationReport report = validator.validate(job("seedance-2-5", 0, 1));

    assertThat(report.isValid()).isTrue();
    assertThat(report.mode()).isEqualTo(GenerationMode.VIDEO_EDIT);
    assertThat(report.warnings()).filteredOn(v -> v.code().equals(ViolationCodes.MODE_CHOSEN_BY_COUNT))
        .singleElement().extracting(Violation::message).asString()
        .contains("1 video on seedance-2-5 is sent as video-edit (the video to edit), not as reference-to-video"
            + " (a reference) as seedance-2, seedance-2-fast and seedance-2-mini read it")
        .contains("to send reference-to-video here, name it (--mode reference-to-video)");
  }

  @ParameterizedTest(name = "{0} with {1} images and {2} videos: no warning")
  @CsvSource({
    "veo3.1-fast,          1, 0",
    "Veo3.1-fast-official, 1, 0",
    "Veo3.1-fast-official, 3, 0",
    "veo3.1-quality,       2, 0",
    "kling-v3,             2, 0",
    "seedance-2,           2, 0",
    "seedance-2,           0, 1",
    "grok-video-1.0,       3, 0",
    "veo3.1-fast,          0, 0"
  })
  void jobsWhoseInputsEveryRouteOfTheFamilyReadsAlikeGetNoWarning(String model, int images, int videos) {
    assertThat(validator.validate(job(model, images, videos)).violations())
        .extracting(Violation::code).doesNotContain(ViolationCodes.MODE_CHOSEN_BY_COUNT);
  }

  @Test
  void aNamedModeIsSentWithoutTheWarning() {
    VideoJob named = VideoJob.builder("Veo3.1-fast-official").mode(GenerationMode.REFERENCE_TO_VIDEO).prompt("p")
        .image("https://example.com/a.png").image("https://example.com/b.png").build();

    assertThat(validator.validate(named).violations()).isEmpty();
  }

  @Test
  void aRouteFilesRouteOfTheSameFamilyGetsTheSameWarningFromItsOwnModesAndNote() {
    RouteCatalog catalog = RouteFiles.layer(RouteCatalog.builtIn(), "mine.json", """
        {"routes": [{"id": "acme-veo", "family": "Veo",
                     "modes": {"image-to-video": {"images": {"min": 1, "max": 1}},
                               "reference-to-video": {"images": {"min": 1, "max": 3}}},
                     "seconds": {"one_of": [8], "default": 8},
                     "price": {"per_second_usd": "0.05"},
                     "note": "A last frame goes in params metadata.end_frame."}]}
        """);

    List<Violation> warnings = JobValidator.of(catalog).validate(job("acme-veo", 2, 0)).warnings();

    assertThat(warnings).extracting(Violation::code).containsExactly(ViolationCodes.MODE_CHOSEN_BY_COUNT);
    assertThat(warnings.get(0).message()).startsWith("mode: 2 images on acme-veo are sent as reference-to-video")
        .contains("give 1 image (the first frame), and the last frame in params metadata.end_frame"
            + " (--param metadata.end_frame=URL)");
  }

  private static VideoJob job(String model, int images, int videos) {
    VideoJob.Builder job = VideoJob.builder(model).prompt("cat turns to dog");
    for (int i = 0; i < images; i++) {
      job.image("https://example.com/" + i + ".png");
    }
    for (int i = 0; i < videos; i++) {
      job.video(URI.create("https://example.com/" + i + ".mp4"));
    }
    return job.build();
  }
}
