package dev.vidgen.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.provider.mock.MockVideoProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import okhttp3.RequestBody;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The page's refusal of a file that is no JPEG, PNG or WebP image says what the file is (a GIF, an MP4 video) and
 * what to do on this page, with none of the command line's flags; nothing reaches the provider.
 */
class RefusedUploadSaysWhatItIsTest {
  @TempDir Path folder;

  @RegisterExtension final PlaygroundFixture on = new PlaygroundFixture(() -> folder);

  private static final byte[] GIF = {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0, 0, 0};
  private static final byte[] MP4 = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o',
      'm', 'm', 'p', '4', '1', 0, 0, 0, 8, 'm', 'o', 'o', 'v', 0, 0, 0, 12, 'm', 'd', 'a', 't', 1, 2, 3, 4};

  @BeforeEach
  void start() {
    on.client(VidgenClient.builder().provider(MockVideoProvider.builder().build()).build());
    on.start("grok-video-1.5-preview", List.of("--provider", "mock"));
  }

  @Test
  void aGifIsSaidToBeAGifWithWhatToDo() {
    Map<String, Object> error = refusal(GIF, "spin.gif");

    assertThat((String) error.get("message")).startsWith("the file is a GIF image: the video models that name their"
        + " input formats take JPEG, PNG or WebP only").doesNotContain("whatever its name says");
    assertThat((String) error.get("next")).contains("convert it", "to JPEG, PNG or WebP and upload it again");
  }

  @Test
  void anMp4IsSaidToBeAVideoThatBelongsInTheInputVideosField() {
    Map<String, Object> error = refusal(MP4, "clip.mp4");

    assertThat((String) error.get("message")).isEqualTo("the file is an MP4 video, not an image: this field takes"
        + " images only");
    assertThat((String) error.get("next")).contains("Input videos field").doesNotContain("--video");
  }

  @Test
  void aFileOfNoKnownKindIsStillSaidByItsContent() {
    Map<String, Object> error = refusal("not an image".getBytes(StandardCharsets.UTF_8), "photo.png");

    assertThat((String) error.get("message")).isEqualTo("the file is not a JPEG, PNG or WebP image by its content"
        + " (whatever its name says)");
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> refusal(byte[] data, String name) {
    PlaygroundFixture.Answer answer = on.answer(on.request("/api/uploads").header("X-File-Name", name)
        .post(RequestBody.create(data, PlaygroundFixture.BYTES)).build());
    assertThat(answer.status()).as(answer.body()).isEqualTo(415);
    return (Map<String, Object>) PlaygroundFixture.json(answer.body()).get("error");
  }
}
