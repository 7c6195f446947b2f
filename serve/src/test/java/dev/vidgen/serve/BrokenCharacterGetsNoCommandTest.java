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
 * A prompt holding half an emoji (an unpaired surrogate), which the playground refuses, gets no command to copy: a
 * shell would pass the half on as {@code ?}, and the command line would send and pay for that other prompt.
 */
class BrokenCharacterGetsNoCommandTest {
  private static final String MODEL = "grok-video-1.0";

  @TempDir Path folder;
  @RegisterExtension final PlaygroundFixture on = new PlaygroundFixture(() -> folder);

  @Test
  void aPromptWithHalfAnEmojiGetsNoCommandNorCurlButANoteSayingWhy() {
    // As trial GO sent it: the JSON escape of a lone high surrogate, which no UTF-8 text can carry raw.
    Map<String, Object> check = check("Gr\\u00fc\\u00dfe \\ud83c Ende");

    assertThat(check.get("valid")).isEqualTo(false);
    assertThat(check.get("violations").toString()).contains("text.broken_character");
    assertThat(check.get("command")).as("a command with \"?\" for the half would pay for another prompt").isNull();
    assertThat(check.get("curl")).isNull();
    assertThat((String) check.get("command_note")).startsWith("No command: prompt (U+D83C at position 7) holds a"
        + " broken character").contains("a shell would pass it on as \"?\"").endsWith("Fix that text first.");
  }

  @Test
  void aWholeEmojiStillGetsItsCommand() {
    Map<String, Object> check = check("Gr\\u00fc\\u00dfe \\ud83c\\udf89 Ende");

    assertThat(check.get("valid")).isEqualTo(true);
    assertThat((String) check.get("command")).contains("Grüße \uD83C\uDF89 Ende");
    assertThat(check.get("command_note")).isNull();
  }

  private Map<String, Object> check(String escapedPrompt) {
    on.client(VidgenClient.builder().provider(MockVideoProvider.builder().build()).build());
    on.start(MODEL, List.of("--provider", "mock"));
    return json(on.post("/api/check", "{\"model\":\"" + MODEL + "\",\"prompt\":\"" + escapedPrompt + "\"}"));
  }
}
