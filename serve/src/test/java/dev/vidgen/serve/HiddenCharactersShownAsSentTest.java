package dev.vidgen.serve;

import static dev.vidgen.serve.PlaygroundFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.json.JsonTrees;
import dev.vidgen.provider.mock.MockVideoProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A prompt holding direction overrides and escape characters reads in the page's request preview and copied command as
 * it is sent: escaped, never raw, and the command still gives bash the very same prompt.
 */
class HiddenCharactersShownAsSentTest {
  private static final String MODEL = "grok-video-1.0";
  /** What trial GN pasted: a right-to-left override, then an escape sequence that hides what follows on a terminal. */
  private static final String PROMPT = "Slow pan \u202e--max-credits 5 \u001b[8m hidden \u2067x\u2069 \u200f\u0085 end"
      + " \uD83D\uDC69\u200D\uD83D\uDCBB";

  @TempDir Path folder;
  @RegisterExtension final PlaygroundFixture on = new PlaygroundFixture(() -> folder);

  @Test
  void thePreviewShowsThemAsJsonEscapesThatReadBackAsThePrompt() {
    Map<String, Object> check = check();

    String body = (String) ((Map<?, ?>) check.get("preview")).get("body");
    assertThat(body).contains("Slow pan \\u202e--max-credits 5 \\u001b[8m hidden \\u2067x\\u2069 \\u200f\\u0085 end")
        .doesNotContain("\u202e", "\u001b", "\u2067", "\u2069", "\u200f", "\u0085")
        .as("the joiner an emoji is spelled with stays").contains("\uD83D\uDC69\u200D\uD83D\uDCBB");
    assertThat(((Map<?, ?>) JsonTrees.parse(body)).get("prompt")).as("the same prompt, read as JSON").isEqualTo(PROMPT);
  }

  @Test
  void theCopiedCommandEscapesThemAsTheCommandLineDoesAndBashReadsItBackAsThePrompt() throws Exception {
    Path bash = Path.of("/bin/bash");
    assumeTrue(Files.isExecutable(bash), "no bash at /bin/bash to run the copied command");
    String command = (String) check().get("command");

    assertThat(command).contains("--prompt $'Slow pan \\u202E--max-credits 5 \\x1B[8m hidden \\u2067x\\u2069 \\u200F"
        + "\\u0085 end \uD83D\uDC69\u200D\uD83D\uDCBB'")
        .doesNotContain("\u202e", "\u001b", "\u2067", "\u2069", "\u200f", "\u0085");

    // The command as pasted into bash, with a vidgen that prints the words it was given.
    ProcessBuilder paste = new ProcessBuilder(bash.toString(), "-c", "vidgen() { printf '%s\\0' \"$@\"; }; " + command)
        .redirectErrorStream(true);
    paste.environment().put("LC_ALL", "C.UTF-8"); // the escapes become the characters in a UTF-8 locale
    Process run = paste.start();
    run.getOutputStream().close();
    byte[] out = run.getInputStream().readAllBytes();
    assertThat(run.waitFor(20, TimeUnit.SECONDS)).isTrue();
    List<String> words = Arrays.asList(new String(out, StandardCharsets.UTF_8).split("\0"));
    assertThat(words).containsExactly("generate", "--model", MODEL, "--prompt", PROMPT, "--provider", "mock");
  }

  @Test
  void theCopiedCurlCommandSendsThemAsJsonEscapesThatReadBackAsThePrompt() throws Exception {
    Path bash = Path.of("/bin/bash");
    assumeTrue(Files.isExecutable(bash), "no bash at /bin/bash to run the copied command");
    String curl = (String) check().get("curl");

    assertThat(curl).as("the cURL command's body").contains("--data-raw")
        .contains("Slow pan \\u202e--max-credits 5 \\u001b[8m hidden \\u2067x\\u2069 \\u200f\\u0085 end")
        .doesNotContain("\u202e", "\u001b", "\u2067", "\u2069", "\u200f", "\u0085");

    // The command as pasted into bash, with a curl that prints the words it was given.
    ProcessBuilder paste = new ProcessBuilder(bash.toString(), "-c", "curl() { printf '%s\\0' \"$@\"; }; " + curl)
        .redirectErrorStream(true);
    paste.environment().put("LC_ALL", "C.UTF-8");
    Process run = paste.start();
    run.getOutputStream().close();
    byte[] out = run.getInputStream().readAllBytes();
    assertThat(run.waitFor(20, TimeUnit.SECONDS)).isTrue();
    List<String> words = Arrays.asList(new String(out, StandardCharsets.UTF_8).split("\0"));
    assertThat(words).contains("--data-raw");
    String sent = words.get(words.indexOf("--data-raw") + 1);
    assertThat(((Map<?, ?>) JsonTrees.parse(sent)).get("prompt")).as("the same prompt, read as JSON").isEqualTo(PROMPT);
  }

  private Map<String, Object> check() {
    on.client(VidgenClient.builder().provider(MockVideoProvider.builder().build()).build());
    on.start(MODEL, List.of("--provider", "mock"));
    return json(on.post("/api/check", JsonTrees.write(Map.of("model", MODEL, "prompt", PROMPT))));
  }
}
