package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A prompt far longer than any model documents (a wrong file given to {@code --prompt-file}) on a model whose limit
 * is only assumed is refused with exit 2 before the image is uploaded or the job created.
 */
class HugePromptTest {
  private static final String KEY = "sk-test" + "4".repeat(44);
  private static final String OVER_CEILING = "prompt: 500000 characters is over the 20000 characters vidgen accepts"
      + " for a model that documents no prompt limit";

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();
  private final FakeToApisServer fake = cli.fake();

  @Test
  void aHugePromptFileIsRefusedByValidateAndGenerateWithNothingUploadedOrCreated() throws IOException {
    Files.writeString(cli.dir().resolve("wrong.txt"), "log line\n".repeat(55_555) + "done!",
        StandardCharsets.UTF_8);

    CliRun.Result validated = cli.vidgen().run("validate", "--model", "grok-video-1.5-preview", "--image",
        "product.png", "--prompt-file", "wrong.txt", "--base-url", fake.baseUrl());
    CliRun.Result generated = cli.vidgen().run("generate", "--model", "grok-video-1.5-preview", "--image",
        "product.png", "--prompt-file", "wrong.txt", "--base-url", fake.baseUrl());

    for (CliRun.Result result : new CliRun.Result[] {validated, generated}) {
      assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
      assertThat(result.err()).contains(OVER_CEILING, "max_prompt_chars in a routes file")
          .doesNotContain("log line");
    }
    assertThat(fake.creates()).as("nothing paid for").isEmpty();
    assertThat(fake.requests(Endpoint.UPLOAD)).as("the image is not uploaded").isEmpty();
  }
}
