package dev.vidgen.provider.toapis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.validation.ValidationReport;
import dev.vidgen.core.validation.ViolationCodes;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the built-in routes send where the fact sheet and an earlier catalog disagreed. */
class CatalogBodiesTest {
  private static final String A = "https://x.example/a.png";
  private static final String B = "https://x.example/b.png";

  @RegisterExtension
  final ToApisOverHttp http = ToApisOverHttp.builder().unlimitedBalance().client().start();
  private final FakeToApisServer toapis = http.server();
  private final VidgenClient client = http.client();

  @Test
  void kling30TurboSendsNoAspectRatioForImageToVideoAndSaysSo() {
    VideoJob job = VideoJob.builder("kling-3.0-turbo").prompt("x").image(A).aspectRatio("9:16").build();

    ValidationReport report = client.validate(job);
    client.submit(job);

    assertThat(report.violations()).singleElement().satisfies(v -> {
      assertThat(v.code()).isEqualTo(ViolationCodes.ASPECT_RATIO_IGNORED);
      assertThat(v.message()).isEqualTo("aspect_ratio: 9:16 is ignored for image-to-video by kling-3.0-turbo (the"
          + " aspect ratio applies to text-to-video only), so it is not sent; leave it out");
    });
    assertThat(toapis.creates()).singleElement().satisfies(create -> assertThat(create.body()).isEqualTo(
        "{\"model\":\"kling-3.0-turbo\",\"prompt\":\"x\",\"reference_images\":[\"" + A + "\"],\"duration\":5,"
            + "\"resolution\":\"720p\"}"));
    assertThat(client.preview(VideoJob.builder("kling-3.0-turbo").prompt("x").aspectRatio("9:16").build()).body())
        .as("text-to-video still sends it").contains("\"aspect_ratio\":\"9:16\"");
  }

  @Test
  void geminiOmniFlashTakesTwoReferenceImagesAsRDocumentsAndSpellsResolutionsAsR() {
    VideoJob two = VideoJob.builder("gemini-omni-flash").prompt("x").image(A).image(B).build();

    assertThat(client.validate(two).violations()).isEmpty();
    assertThat(client.preview(two).body()).isEqualTo("{\"model\":\"gemini-omni-flash\",\"prompt\":\"x\","
        + "\"image_urls\":[\"" + A + "\",\"" + B + "\"],\"duration\":6,\"aspect_ratio\":\"16:9\",\"resolution\":\"720p\"}");
    assertThat(client.preview(VideoJob.builder("gemini_omni_flash").prompt("x").image(A).resolution("1080P").build())
        .body()).isEqualTo("{\"model\":\"gemini_omni_flash\",\"prompt\":\"x\",\"image_urls\":[\"" + A + "\"],"
            + "\"duration\":6,\"aspect_ratio\":\"16:9\",\"resolution\":\"1080p\"}");
  }
}
