package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.json.JsonTrees;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --json} is the same JSON whatever charset the platform prints in: ASCII, with escapes. */
class JsonInAnyCharsetTest {
  private static final String WORDS = "video_\u011f_0010 I\u015f\u0131k \u5546\u54c1 \uD83D\uDE00 caf\u00e9";

  @TempDir Path dir;

  @Test
  void theJsonObjectIsAsciiWithEscapesSoALatin1StdoutKeepsEveryLetter() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintWriter latin1 = new PrintWriter(new OutputStreamWriter(bytes, StandardCharsets.ISO_8859_1), true);
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("task_id", WORDS);

    new Output(latin1, new PrintWriter(new StringWriter()), true).object(object);

    String text = new String(bytes.toByteArray(), StandardCharsets.ISO_8859_1);
    assertThat(text).as("every byte is ASCII").matches("\\p{ASCII}*");
    assertThat(text).contains("\\u011f", "\\ud83d\\ude00");
    assertThat(JsonTrees.parse(text)).isEqualTo(Map.of("task_id", WORDS));
  }

  @Test
  void aDryRunsRequestBodyShowsThePromptAsItIsSentUnderALatin1Platform() throws Exception {
    Path prompt = Files.writeString(dir.resolve("prompt.txt"), WORDS, StandardCharsets.UTF_8);

    CliRun.Result dry = CliRun.in(dir).env("JAVA_TOOL_OPTIONS", "-Dfile.encoding=ISO-8859-1")
        .runProcess("generate", "--provider", "mock", "--dry-run", "--json", "--model", "grok-video-1.5-preview",
            "--prompt-file", prompt.toString(), "--image", "https://example.com/a.png");

    assertThat(dry.exitCode()).as(dry.all()).isZero();
    assertThat(dry.out()).doesNotContain("?_0010").matches("\\p{ASCII}*");
    assertThat(dry.json().toString()).contains(WORDS);
  }
}
