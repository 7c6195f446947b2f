package dev.vidgen.provider.toapis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.validation.ValidationReport;
import dev.vidgen.core.validation.Violation;
import dev.vidgen.core.validation.ViolationCodes;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A parameter may not give a route's input images or videos, in whatever mode the route takes them, nor
 * an older input field the route never takes beside the one vidgen sends: the inputs are checked (count,
 * roles, URL schemes) only when given as images or videos.
 */
class InputParamTest {
  private static final Object FRAME = List.of(Map.of("url", "https://x.example/a.png", "role", "first_frame"));
  private static final Object URLS = List.of("https://x.example/b.png");

  @RegisterExtension
  final ToApisOverHttp http = ToApisOverHttp.builder().unlimitedBalance().client().start();
  private final FakeToApisServer toapis = http.server();
  private final VidgenClient client = http.client();

  @Test
  void aFirstFrameGivenAsAParameterOfATextToVideoJobIsRefusedAndNothingIsSent() {
    VideoJob job = VideoJob.builder("seedance-2").prompt("x").param("image_with_roles", FRAME).build();

    ValidationReport report = client.validate(job);

    assertThat(report.violations()).singleElement().satisfies(v -> {
      assertThat(v.code()).isEqualTo(ViolationCodes.PARAM_REPLACES_SETTING);
      assertThat(v.message()).isEqualTo("params.image_with_roles: image_with_roles is where vidgen sends"
          + " seedance-2's input images (image-to-video, reference-to-video) once their number, roles and URLs"
          + " are checked; give images with --image (VideoJob.Builder.image) and remove the parameter");
    });
    assertThatThrownBy(() -> client.submit(job)).isInstanceOf(InvalidJobException.class);
    assertThat(toapis.creates()).isEmpty();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "seedance-2,              video_with_roles,         --video",
    "seedance-2-5,            image_with_roles,         --image",
    "MiniMax-H3,              video_with_roles,         --video",
    "kling-v3,                reference_images,         --image",
    "kling-v3,                image_with_roles,         --image",
    "viduq3-pro,              image_urls,               --image",
    "grok-video-1.0,          reference_images,         --image",
    "wan2.6,                  metadata.reference_urls,  --video",
    "Veo3.1-quality-official, metadata.referenceImages, --image",
    "happyhorse-1.1,          url,                      --video"
  })
  void anInputFieldOfAnyModeOfTheRouteIsRefusedInATextToVideoJob(String model, String field, String option) {
    VideoJob job = VideoJob.builder(model).prompt("x").param(field, URLS).build();

    assertThat(client.validate(job).violations()).filteredOn(Violation::isError).singleElement().satisfies(v -> {
      assertThat(v.code()).isEqualTo(ViolationCodes.PARAM_REPLACES_SETTING);
      assertThat(v.field()).isEqualTo("params." + field);
      assertThat(v.message()).contains(field + " is where vidgen sends", "give " + (option.equals("--image")
          ? "images with --image (VideoJob.Builder.image)" : "videos with --video (VideoJob.Builder.video)"));
    });
    assertThat(client.validate(job).violations()).as("never also \"does not document\"")
        .noneMatch(v -> v.code().equals(ViolationCodes.PARAM_UNKNOWN));
  }

  @Test
  void aMapParameterThatHoldsAnInputFieldIsRefusedButItsOtherFieldsStayTheCallers() {
    VideoJob references = VideoJob.builder("wan2.6").prompt("x").param("metadata", Map.of("reference_urls", URLS)).build();
    VideoJob lastFrame = VideoJob.builder("Veo3.1-quality-official").prompt("x").image("https://x.example/a.png")
        .param("metadata", Map.of("lastFrame", "https://x.example/z.png")).build();

    assertThat(client.validate(references).violations()).filteredOn(Violation::isError).extracting(Violation::field)
        .containsExactly("params.metadata");
    assertThat(client.validate(lastFrame).violations()).as("a last frame has no setting: the caller's")
        .noneMatch(Violation::isError);
  }

  @ParameterizedTest
  @CsvSource({"seedance-2", "seedance-2-fast", "seedance-2-mini", "seedance-2-5", "MiniMax-H3"})
  void legacyImageUrlsBesideTheRoleFieldsAreRefusedBeforeSending(String model) {
    VideoJob job = VideoJob.builder(model).prompt("both").image("https://x.example/a.png").param("image_urls", URLS)
        .build();

    ValidationReport report = client.validate(job);

    assertThat(report.violations()).singleElement().satisfies(v -> {
      assertThat(v.code()).isEqualTo(ViolationCodes.PARAM_REPLACES_SETTING);
      assertThat(v.message()).isEqualTo("params.image_urls: image_urls is " + model + "'s older input field,"
          + " never taken together with image_with_roles or video_with_roles, which vidgen always sends the job's"
          + " inputs in; give images with --image (VideoJob.Builder.image) and remove the parameter");
    });
    assertThatThrownBy(() -> client.submit(job)).isInstanceOf(InvalidJobException.class);
    assertThat(toapis.creates()).isEmpty();
  }

  @Test
  void referenceAudioBesideAnImageIsStillTheCallersToGive() {
    VideoJob job = VideoJob.builder("seedance-2").prompt("x").image("https://x.example/a.png")
        .mode(dev.vidgen.core.domain.GenerationMode.REFERENCE_TO_VIDEO)
        .param("audio_with_roles", List.of(Map.of("url", "https://x.example/a.mp3", "role", "reference_audio")))
        .build();

    assertThat(client.validate(job).violations()).isEmpty();
  }
}
