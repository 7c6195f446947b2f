package dev.vidgen.serve;

import static dev.vidgen.serve.PlaygroundFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.provider.mock.MockVideoProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The playground's check of two images on Veo3.1-fast-official, which go out as references where veo3.1-fast takes
 * them as first and last frame: valid, with a warning in the page's words (its Mode field and Advanced options).
 */
class ModeChosenByCountCheckTest {
  private static final String MODEL = "Veo3.1-fast-official";

  @TempDir Path folder;
  @RegisterExtension final PlaygroundFixture on = new PlaygroundFixture(() -> folder);

  @Test
  @SuppressWarnings("unchecked")
  void twoImagesAreCheckedValidWithAWarningNamingTheModeSentAndHowToAskForFrames() {
    on.client(VidgenClient.builder().provider(MockVideoProvider.builder().build()).build());
    on.start(MODEL, List.of("--provider", "mock"));

    Map<String, Object> check = json(on.post("/api/check", "{\"model\":\"" + MODEL + "\",\"prompt\":\"cat turns to"
        + " dog\",\"images\":[{\"url\":\"https://img.example/a.png\"},{\"url\":\"https://img.example/b.png\"}]}"));

    assertThat(check.get("valid")).isEqualTo(true);
    assertThat(check.get("mode")).isEqualTo("reference-to-video");
    List<Map<String, Object>> violations = (List<Map<String, Object>>) check.get("violations");
    assertThat(violations).singleElement().satisfies(warning -> {
      assertThat(warning).containsEntry("severity", "warning").containsEntry("code", "mode.chosen_by_count");
      assertThat((String) warning.get("message"))
          .startsWith("mode: 2 images on Veo3.1-fast-official are sent as reference-to-video (references), not as"
              + " image-to-video (the first and last frame)")
          .contains("the last frame in params metadata.lastFrame (under Advanced options, as metadata.lastFrame)")
          .endsWith("choose reference-to-video in the Mode field")
          .doesNotContain("--mode", "--param");
    });
  }
}
