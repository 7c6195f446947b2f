package dev.vidgen.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.port.RequestPreview;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandsTest {
  @Test
  void quotesEveryWordForAPosixShell() {
    assertThat(Commands.quote("16:9")).isEqualTo("16:9");
    assertThat(Commands.quote("it's $HOME")).isEqualTo("'it'\\''s $HOME'");
    assertThat(Commands.quote("")).isEqualTo("''");
  }

  @Test
  void writesTheJobAsAVidgenCommandThatReadsItBack() {
    VideoJob job = VideoJob.builder("wan-2.6").prompt("a kite; rises").image(Path.of("/tmp/up/a b.png"))
        .seconds(5).aspectRatio("16:9").param("seed", 42L).param("tag", "123").param("style", "calm").build();
    assertThat(Commands.vidgen(job, List.of("--provider", "mock"))).isEqualTo(
        "vidgen generate --model wan-2.6 --prompt 'a kite; rises' --image '/tmp/up/a b.png' --seconds 5"
            + " --aspect-ratio 16:9 --param seed=42 --param 'tag=\"123\"' --param style=calm --provider mock");
  }

  @Test
  void writesCurlWithTheKeyLeftToTheShell() {
    RequestPreview preview = new RequestPreview("POST", "https://toapis.com/v1/videos/generations",
        Map.of("Authorization", "Bearer sk-…", "Content-Type", "application/json"), "{\"model\":\"m\"}");
    String curl = Commands.curl(preview, VideoJob.builder("m").image(Path.of("/x/product.png")).build());
    assertThat(curl).contains("# Upload product.png first", "-H \"Authorization: Bearer $TOAPIS_API_KEY\"",
        "--data-raw '{\"model\":\"m\"}'").doesNotContain("sk-");
  }
}
