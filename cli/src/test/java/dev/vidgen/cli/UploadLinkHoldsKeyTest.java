package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An upload answered with a link that holds the API key: no create goes out, and the words say it was the server's
 * answer (the upload was made, nothing was billed, check the base URL), not the user's image, with exit 5.
 */
class UploadLinkHoldsKeyTest {
  private static final String KEY = "sk-test" + "5".repeat(44);

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY)
      .server(fake -> fake.uploadUrlBase("https://files.example/uploads/" + KEY + "/")).start();
  private final Path home = cli.home();
  private final FakeToApisServer fake = cli.fake();

  @Test
  void theWordsBlameTheServersAnswerNotTheJob() {
    CliRun.Result made = cli.withoutHome().env("VIDGEN_HOME", home.toString()).run("generate", "--image",
        "product.png", "--prompt", "slow push-in", "--base-url", fake.baseUrl(), "--retry-delay", "1ms");

    assertThat(made.exitCode()).as(made.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    assertThat(made.err()).contains("the provider's upload answer held the API key", "the file was uploaded",
            "no create was sent", "nothing was billed", "check that the base URL")
        .doesNotContain("remove it").doesNotContain("fix the job").doesNotContain("the job is invalid")
        .doesNotContain("nothing was sent").doesNotContain(KEY.substring(3));
    assertThat(fake.requests(Endpoint.UPLOAD)).isNotEmpty();
    assertThat(fake.creates()).isEmpty();
  }

  @Test
  void theUploadIsNotSentAgainSoTheKeyAndFileGoToThatServerOnce() {
    CliRun.Result made = cli.withoutHome().env("VIDGEN_HOME", home.toString()).run("generate", "--image",
        "product.png", "--prompt", "slow push-in", "--base-url", fake.baseUrl(), "--retry-delay", "1ms");

    assertThat(made.exitCode()).as(made.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    assertThat(fake.requests(Endpoint.UPLOAD)).as(made.all()).hasSize(1);
    assertThat(made.err()).contains("the provider's upload answer held the API key", "check that the base URL")
        .doesNotContain("got no usable answer").doesNotContain("sending it again");
    assertThat(fake.creates()).isEmpty();
  }
}
