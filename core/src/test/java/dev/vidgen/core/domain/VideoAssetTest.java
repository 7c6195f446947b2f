package dev.vidgen.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A result's link, signed so that it fetches the video without a key, is never shown whole by its value. */
class VideoAssetTest {
  private static final URI SIGNED =
      URI.create("https://files.example/videos/v1.mp4?X-Amz-Signature=SIGSECRETabc123&X-Amz-Expires=86400");

  @Test
  void aSignedLinkIsShownWithoutItsQueryAndKeptWholeForTheDownload() {
    VideoAsset asset = new VideoAsset(SIGNED, "mp4", Instant.parse("2026-12-06T00:00:00Z"));
    TaskSnapshot completed = TaskSnapshot.completed(TaskId.of("video_1"), asset);

    assertThat(asset.toString()).isEqualTo("VideoAsset[url=https://files.example/videos/v1.mp4?…, format=mp4,"
        + " expiresAt=2026-12-06T00:00:00Z]");
    assertThat(completed.toString()).as("as a logged result shows it").doesNotContain("SIGSECRET")
        .contains("v1.mp4?…");
    assertThat(asset.url()).isEqualTo(SIGNED);
    assertThat(new VideoAsset(URI.create("https://user:pass@files.example/v.mp4"), null, null).toString())
        .doesNotContain("pass").contains("…@files.example");
  }

  @Test
  void aFileIsNamedWithAVideosExtensionWhateverFormatTheServerSays() {
    String key = "sk-" + "k".repeat(48);
    for (String said : java.util.List.of("exe", "html", "sh", "jar", key, "m".repeat(300), "mp4/../../x", " ")) {
      assertThat(new VideoAsset(SIGNED, said, null).fileExtension()).as(said).isEqualTo("mp4");
    }
    assertThat(new VideoAsset(SIGNED, "WebM", null).fileExtension()).isEqualTo("webm");
    assertThat(new VideoAsset(SIGNED, "video/quicktime", null).fileExtension()).isEqualTo("mov");
    assertThat(new VideoAsset(SIGNED, " avi ", null).fileExtension()).isEqualTo("avi");
    assertThat(new VideoAsset(SIGNED, "exe", null).format()).as("the server's word, for the checks of the bytes")
        .isEqualTo("exe");
  }
}
