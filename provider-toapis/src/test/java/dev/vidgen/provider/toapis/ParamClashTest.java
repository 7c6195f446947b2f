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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An extra parameter may not replace a field the job's checked and priced settings fill. */
class ParamClashTest {
  private static final String CAT = "https://images.example/cat.png";

  @RegisterExtension
  final ToApisOverHttp http = ToApisOverHttp.builder().unlimitedBalance().client().start();
  private final FakeToApisServer toapis = http.server();
  private final VidgenClient client = http.client();

  @Test
  void aDurationParameterUnderAQuoteForTheDefaultDurationIsRefusedBeforeAnythingIsSent() {
    VideoJob job = VideoJob.builder("grok-video-1.5").prompt("p").image(CAT).param("duration", 15).build();

    ValidationReport report = client.validate(job);

    assertThat(report.isValid()).isFalse();
    assertThat(report.violations()).filteredOn(Violation::isError).singleElement().satisfies(v -> {
      assertThat(v.code()).isEqualTo(ViolationCodes.PARAM_REPLACES_SETTING);
      assertThat(v.field()).isEqualTo("params.duration");
      // A library caller (validate, preview) is told the job's field; the command line adds its option itself.
      assertThat(v.message()).contains("would replace duration", "fills from the job's seconds (8 here)",
          "set the job's seconds instead").doesNotContain("--");
    });
    assertThat(report.violations()).as("not also \"sent unchanged\"")
        .noneMatch(v -> v.code().equals(ViolationCodes.PARAM_UNKNOWN));
    assertThatThrownBy(() -> client.submit(job)).isInstanceOf(InvalidJobException.class);
    assertThat(toapis.creates()).isEmpty();
  }

  @Test
  void theModelThePromptTheInputsAndTheDurationOfTheRouteAreAllTheJobsOwn() {
    VideoJob job = VideoJob.builder("grok-video-1.5-preview").prompt("p").image(CAT)
        .param("model", "veo3.1-quality").param("prompt", "q").param("images", java.util.List.of(CAT, CAT))
        .param("seconds", 15).param("seed", 42).build();

    ValidationReport report = client.validate(job);

    assertThat(report.violations()).filteredOn(Violation::isError).extracting(Violation::field)
        .containsExactly("params.model", "params.prompt", "params.images", "params.seconds");
    assertThat(report.violations()).as("an undocumented parameter is still only warned about")
        .anyMatch(v -> v.field().equals("params.seed") && !v.isError());
  }

  @Test
  void aMapThatHoldsASettingsFieldIsRefusedButOneBesideItIsSent() {
    VideoJob clash = VideoJob.builder("veo3.1-fast").prompt("p").param("metadata", Map.of("resolution", "4k")).build();
    VideoJob beside = VideoJob.builder("veo3.1-fast").prompt("p").param("metadata", Map.of("enable_gif", true)).build();

    assertThat(client.validate(clash).violations()).filteredOn(Violation::isError).singleElement()
        .satisfies(v -> assertThat(v.message()).contains("would replace metadata.resolution",
            "set the job's resolution instead").doesNotContain("--"));
    assertThat(client.validate(beside).isValid()).isTrue();
  }

  @Test
  void aFieldTheRequestLeavesOutForThisJobOrAModeFieldTheRouteDocumentsIsTheCallersToGive() {
    VideoJob extend = VideoJob.builder("seedance-2-5").prompt("p").mode(dev.vidgen.core.domain.GenerationMode.VIDEO_EDIT)
        .video(java.net.URI.create("https://videos.example/a.mp4")).param("video_operation", "extend").build();
    VideoJob lastFrame = VideoJob.builder("grok-video-1.5-preview").prompt("p").image(CAT).param("end_image", CAT)
        .build();
    VideoJob emptyMap = VideoJob.builder("veo3.1-fast").prompt("p").param("metadata", Map.of()).build();

    assertThat(client.validate(extend).violations()).as("seedance-2-5 extend").noneMatch(Violation::isError);
    assertThat(client.validate(lastFrame).violations()).as("a field no model names for a setting")
        .noneMatch(Violation::isError);
    assertThat(client.validate(emptyMap).violations()).as("an empty map changes nothing").noneMatch(Violation::isError);
  }

  @Test
  void anotherModelsNameForALengthAResolutionOrImagesIsRefusedWithTheSettingToUse() {
    // The product page's parameter list (another model's) spells them so for Grok Video 1.5 Preview.
    VideoJob duration = VideoJob.builder("grok-video-1.5-preview").prompt("p").image(CAT).param("duration", 15).build();
    VideoJob resolution = VideoJob.builder("grok-video-1.5-preview").prompt("p").image(CAT).param("resolution", "720P")
        .build();
    VideoJob image = VideoJob.builder("grok-video-1.5-preview").prompt("p").image(CAT).param("image", CAT).build();
    VideoJob seconds = VideoJob.builder("grok-video-1.5").prompt("p").image(CAT).param("seconds", 15).build();

    assertThat(client.validate(duration).violations()).filteredOn(Violation::isError).singleElement()
        .satisfies(v -> assertThat(v.message()).isEqualTo("params.duration: duration is how other models name the"
            + " length, and grok-video-1.5-preview takes its length as seconds, filled from the job's seconds after"
            + " checking and pricing it: sent beside that, the parameter would ask for seconds never checked or priced;"
            + " set the job's seconds instead and remove the parameter (a route file that documents duration for"
            + " grok-video-1.5-preview lets it through)"));
    assertThat(client.validate(resolution).violations()).filteredOn(Violation::isError).singleElement()
        .satisfies(v -> assertThat(v.message()).contains("grok-video-1.5-preview takes no resolution",
            "remove the parameter"));
    assertThat(client.validate(image).violations()).filteredOn(Violation::isError).singleElement()
        .satisfies(v -> assertThat(v.message()).contains("takes its images as images, filled from the job's images"));
    assertThat(client.validate(seconds).violations()).as("the reverse mix-up").filteredOn(Violation::isError)
        .singleElement().satisfies(v -> assertThat(v.message()).contains("grok-video-1.5 takes its length as"
            + " duration, filled from the job's seconds"));
  }

  @Test
  void theProviderRefusesSuchACreateItselfWhenTheClientsValidationWasSkipped() {
    VideoJob job = VideoJob.builder("grok-video-1.5").prompt("p").image(CAT).param("duration", 15).build();
    try (ToApisVideoProvider provider = ToApisTesting.provider(toapis)) {
      assertThat(ToApisTesting.failure(provider.create(ToApisTesting.request(job, null))))
          .isInstanceOf(InvalidJobException.class).hasMessageContaining("would replace duration");
    }
    assertThat(toapis.creates()).isEmpty();
  }

  @Test
  void documentedParametersBesideTheSettingsPassButNotTheClientReferenceOfARouteThatTakesOne() {
    VideoJob job = VideoJob.builder("seedance-2").prompt("p").param("seed", 7).param("generate_audio", false).build();
    VideoJob reference = VideoJob.builder("seedance-2").prompt("p").param("client_business_id", "mine").build();

    assertThat(client.validate(job).violations()).noneMatch(Violation::isError);
    assertThat(client.validate(reference).violations()).filteredOn(Violation::isError).singleElement()
        .satisfies(v -> assertThat(v.message()).contains("client_business_id", "finds the task again"));
  }

  @Test
  void aVeoGenerationTypeIsRefusedAlsoWhenTheJobsModeLeavesItOutSoReferenceIsNeverSentUnchecked() {
    VideoJob quality = VideoJob.builder("veo3.1-quality").prompt("p").image(CAT)
        .param("metadata", Map.of("generation_type", "reference")).build();
    VideoJob fast = VideoJob.builder("veo3.1-fast").prompt("p")
        .param("metadata", Map.of("generation_type", "reference")).build();
    VideoJob beside = VideoJob.builder("veo3.1-quality").prompt("p").image(CAT)
        .param("metadata", Map.of("enable_gif", true)).build();

    assertThat(client.validate(quality).violations()).filteredOn(Violation::isError).singleElement().satisfies(v -> {
      assertThat(v.code()).isEqualTo(ViolationCodes.PARAM_REPLACES_SETTING);
      assertThat(v.field()).isEqualTo("params.metadata");
      assertThat(v.message()).contains("would replace metadata.generation_type", "the job's mode",
          "(left out for this job's mode)").doesNotContain("--");
    });
    assertThat(client.validate(fast).violations()).as("text-to-video on veo3.1-fast")
        .filteredOn(Violation::isError).extracting(Violation::code)
        .containsExactly(ViolationCodes.PARAM_REPLACES_SETTING);
    assertThat(client.validate(beside).isValid()).as("another metadata field beside it").isTrue();
    assertThatThrownBy(() -> client.submit(quality)).isInstanceOf(InvalidJobException.class);
    assertThat(toapis.creates()).isEmpty();
  }

  @Test
  void aCallbackUrlThatIsNotHttpsIsRefusedBeforeAnythingIsSentAndAnHttpsOnePasses() {
    for (Object bad : java.util.List.of("http://hooks.example/vidgen", "hooks.example/vidgen", "https:///no-host", 42)) {
      VideoJob job = VideoJob.builder("seedance-2").prompt("p").param("callback_url", bad).build();

      assertThat(client.validate(job).violations()).as(String.valueOf(bad)).filteredOn(Violation::isError)
          .singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("params.callback_url");
            assertThat(v.code()).isEqualTo(ViolationCodes.PARAM_URL_SCHEME);
            assertThat(v.message()).contains("over HTTPS only");
          });
      assertThatThrownBy(() -> client.submit(job)).isInstanceOf(InvalidJobException.class);
    }
    assertThat(toapis.creates()).isEmpty();
    VideoJob good = VideoJob.builder("seedance-2").prompt("p").param("callback_url", "https://hooks.example/v").build();
    assertThat(client.validate(good).violations()).noneMatch(Violation::isError);
  }
}
