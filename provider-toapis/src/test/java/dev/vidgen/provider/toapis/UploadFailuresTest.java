package dev.vidgen.provider.toapis;

import static dev.vidgen.provider.toapis.ToApisOverHttp.TINY;
import static dev.vidgen.provider.toapis.ToApisOverHttp.tinyBackoffs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.ImageInput;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.FailedUpload;
import dev.vidgen.core.error.ProviderErrorDetails;
import dev.vidgen.core.error.RequestRejectedException;
import dev.vidgen.core.error.ServerErrorException;
import dev.vidgen.core.policy.RetryPolicy;
import dev.vidgen.testkit.fixtures.Images;
import dev.vidgen.testkit.fixtures.Videos;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Uploads of local images and videos through the client and the real provider: a refused or
 * unusable upload names its file and creates nothing, a server's URL is checked, and a file given
 * twice is uploaded once.
 */
class UploadFailuresTest {
  private static final RetryPolicy NO_WAITING = tinyBackoffs().notFoundBackoff(TINY, TINY).build();

  @TempDir Path folder;
  @RegisterExtension
  final ToApisOverHttp http = start(ToApisOverHttp.builder());
  private final FakeToApisServer toapis = http.server();
  private final VidgenClient client = http.client();

  /** Starts {@code fixture} with an account that has no limit and a client that never waits. */
  private static ToApisOverHttp start(ToApisOverHttp.Builder fixture) {
    return fixture.unlimitedBalance().client(client -> client.retryPolicy(NO_WAITING)).start();
  }

  private static VideoJob grok(Path image) {
    return VideoJob.builder("grok-video-1.5-preview").prompt("the cat turns its head").image(image).build();
  }

  @Test
  void aRefusedImageUploadNamesTheFileAndTheReasonAndCreatesNothing() {
    Path image = Images.png().writeTo(folder.resolve("img.png"));
    toapis.inject(Endpoint.UPLOAD, Fault.answer(400, "application/json",
        "{\"success\":false,\"message\":\"Unsupported image type\"}"));

    assertThatThrownBy(() -> client.submit(grok(image))).isInstanceOfSatisfying(RequestRejectedException.class, e -> {
      assertThat(e.upload()).contains(new FailedUpload("image", image));
      assertThat(e.httpStatus()).isEqualTo(400);
      assertThat(e.getMessage()).startsWith("the upload of image img.png (" + image.toAbsolutePath() + ") was refused (")
          .contains("HTTP 400", "Unsupported image type")
          .endsWith("no video task was created and nothing was charged for a video");
    });
    assertThat(toapis.requests(Endpoint.UPLOAD)).hasSize(1);
    assertThat(toapis.creates()).isEmpty();
  }

  @Test
  void anUploadAnsweredWith413AndAPageSaysTheFileIsTooLargeAndTheLimits() {
    Path image = Images.png().writeTo(folder.resolve("big.png"));
    toapis.inject(Endpoint.UPLOAD, Fault.html(413));

    assertThatThrownBy(() -> client.submit(grok(image))).isInstanceOfSatisfying(RequestRejectedException.class, e -> {
      assertThat(e.httpStatus()).isEqualTo(413);
      assertThat(e.upload()).contains(new FailedUpload("image", image));
      assertThat(e.getMessage()).startsWith("the upload of image big.png (")
          .contains("the file is too large to upload", "images of at most 10 MB and videos of at most 50 MB")
          .contains("no video task was created");
    });
    assertThat(toapis.creates()).isEmpty();
  }

  @Test
  void aRefusedVideoUploadNamesTheVideo() {
    Path clip = Videos.mp4(folder, "clip.mp4");
    toapis.inject(Endpoint.VIDEO_UPLOAD, Fault.answer(400, "application/json",
        "{\"success\":false,\"message\":\"Unsupported video type\"}"));
    VideoJob job = VideoJob.builder("wan2.6").mode(GenerationMode.REFERENCE_TO_VIDEO).prompt("the same dancer")
        .video(clip).build();

    assertThatThrownBy(() -> client.submit(job)).isInstanceOfSatisfying(RequestRejectedException.class, e -> {
      assertThat(e.upload()).contains(new FailedUpload("video", clip));
      assertThat(e.getMessage()).startsWith("the upload of video clip.mp4 (").contains("Unsupported video type");
    });
    assertThat(toapis.creates()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://files.example/uploads/", "/files/", "https:///uploads/"})
  void anUploadedUrlThatIsNotAnAbsoluteWebUrlFailsTheUploadAndCreatesNothing(String base) {
    try (ToApisOverHttp other = start(ToApisOverHttp.builder().server(fake -> fake.uploadUrlBase(base)))) {
      Path image = Images.png().writeTo(folder.resolve("img.png"));

      assertThatThrownBy(() -> other.client().submit(grok(image))).isInstanceOfSatisfying(ServerErrorException.class,
          e -> {
            assertThat(e.upload()).contains(new FailedUpload("image", image));
            assertThat(e.getMessage()).startsWith("the upload of image img.png (").contains(base)
                .containsAnyOf("not an absolute http(s) URL", "without a host");
          });
      assertThat(other.server().creates()).isEmpty();
    }
  }

  @Test
  void anUploadAnswerWhoseLinkHoldsTheKeyIsSaidAsTheServersDoingAndNoCreateGoesOut() {
    String base = "https://files.example/uploads/" + FakeToApisServer.DEFAULT_KEY + "/";
    try (ToApisOverHttp other = start(ToApisOverHttp.builder().server(fake -> fake.uploadUrlBase(base)))) {
      Path image = Images.png().writeTo(folder.resolve("img.png"));

      assertThatThrownBy(() -> other.client().submit(grok(image))).isInstanceOfSatisfying(ServerErrorException.class,
          e -> {
            assertThat(e.upload()).contains(new FailedUpload("image", image));
            assertThat(e.getMessage()).contains("the provider's upload answer held the API key",
                    "the file was uploaded", "no create was sent", "nothing was billed", "check that the base URL")
                .doesNotContain(FakeToApisServer.DEFAULT_KEY).doesNotContain("remove it")
                .doesNotContain("nothing was sent");
          });
      assertThat(other.server().requests(Endpoint.UPLOAD)).as("not sent again: each try sends the key there")
          .hasSize(1);
      assertThat(other.server().creates()).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://files.example/uploads/", "/uploads/"})
  void anUploadAnsweredWithALinkThatIsNoWebAddressIsSentOnceAndSaidAsAnAnswerThatWillNotChange(String base) {
    try (ToApisOverHttp other = start(ToApisOverHttp.builder().server(fake -> fake.uploadUrlBase(base)))) {
      Path image = Images.png().writeTo(folder.resolve("img.png"));

      assertThatThrownBy(() -> other.client().submit(grok(image))).isInstanceOfSatisfying(ServerErrorException.class,
          e -> {
            assertThat(e.upload()).contains(new FailedUpload("image", image));
            assertThat(e.details().code()).isEqualTo(ProviderErrorDetails.ANSWER_LINK_UNUSABLE);
            assertThat(e.getMessage()).contains("not an absolute http(s) URL", "\"" + base, "the file was uploaded",
                "no create was sent", "trying again later will not help unless the provider changes",
                "check that the base URL");
          });
      assertThat(other.server().requests(Endpoint.UPLOAD)).as("not sent again: each try stores the file again")
          .hasSize(1);
      assertThat(other.server().creates()).isEmpty();
    }
  }

  @Test
  void theProviderRefusesAVideoUploadAnsweredWithARelativeUrl() {
    try (ToApisOverHttp other = start(ToApisOverHttp.builder().server(fake -> fake.uploadUrlBase("/files/")))) {
      Path clip = Videos.mp4(folder, "clip.mp4");

      assertThat(ToApisTesting.failure(other.provider().uploadVideo(clip))).isInstanceOf(ServerErrorException.class)
          .hasMessageContaining("the upload answer names a data.url that is not an absolute http(s) URL");
    }
  }

  @Test
  void theSameLocalImageGivenTwiceInAJobIsUploadedOnceAndSentTwiceInOrder() {
    Path kite = Images.png().writeTo(folder.resolve("kite.png"));
    Path sea = Images.jpeg().writeTo(folder.resolve("sea.jpg"));
    VideoJob job = VideoJob.builder("seedance-2").mode(GenerationMode.REFERENCE_TO_VIDEO).prompt("the kite, the sea")
        .images(List.of(ImageInput.file(kite), ImageInput.file(sea), ImageInput.file(folder.resolve("./kite.png"))))
        .build();

    client.submit(job);

    assertThat(toapis.requests(Endpoint.UPLOAD)).hasSize(2);
    String body = toapis.lastCreate().orElseThrow().json().toString();
    List<String> urls = java.util.regex.Pattern.compile(
        java.util.regex.Pattern.quote(FakeToApisServer.DEFAULT_UPLOAD_URL_BASE) + "[\\w.]+").matcher(body).results()
        .map(java.util.regex.MatchResult::group).toList();
    assertThat(urls).as(body).hasSize(3);
    assertThat(urls.get(0)).isEqualTo(urls.get(2)).isNotEqualTo(urls.get(1));
  }
}
