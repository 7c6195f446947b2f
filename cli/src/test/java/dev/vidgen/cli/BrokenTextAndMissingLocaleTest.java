package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Text that would not reach the provider as written: half of an emoji (an unpaired UTF-16 surrogate, which UTF-8
 * sends as "?") is refused wherever a job is checked; a command line read in ASCII because the UTF-8 locale named
 * is not installed says so.
 */
class BrokenTextAndMissingLocaleTest {
  @RegisterExtension final CliOnFakeToApis cli = CliOnFakeToApis.builder(FakeToApisServer.DEFAULT_KEY).start();
  private final Path dir = cli.dir();
  private final FakeToApisServer fake = cli.fake();

  private CliRun.Result vidgen(String... args) {
    return cli.vidgen().run(Stream.concat(Stream.of(args), Stream.of("--base-url", fake.baseUrl()))
        .toArray(String[]::new));
  }

  @Test
  void aBrokenCharacterInAParameterIsRefusedByGenerateValidateAndQuoteAndNothingIsSent() {
    // A JSON escape of half an emoji, as another program cutting text by UTF-16 index writes it.
    String param = "metadata={\"negative_prompt\":\"Gr\\u00fc\\u00dfe \\ud83c Ende\"}";

    CliRun.Result generate = vidgen("generate", "--image", "product.png", "--prompt", "Langsame Fahrt", "--param",
        param, "--max-credits", "40");
    CliRun.Result validate = vidgen("validate", "--image", "product.png", "--prompt", "Langsame Fahrt", "--param",
        param);
    CliRun.Result quote = vidgen("quote", "--image", "product.png", "--prompt", "Langsame Fahrt", "--param", param);

    for (CliRun.Result refused : new CliRun.Result[] {generate, validate, quote}) {
      assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
      assertThat(refused.all()).contains("params.metadata.negative_prompt: a broken character at position 7",
          "half of an emoji", "remove it or cut the text elsewhere");
    }
    assertThat(fake.creates()).as("nothing sent, nothing paid").isEmpty();
    assertThat(fake.requests(Endpoint.UPLOAD)).isEmpty();
  }

  @Test
  void aJobsFileLineWithABrokenCharacterIsRefusedInADryRunAndARunAlike() throws IOException {
    Path jobs = Files.writeString(dir.resolve("sur.jsonl"),
        "{\"id\":\"surrogat\",\"model\":\"kling-v2-6\",\"prompt\":\"Gr\\u00fc\\u00dfe \\ud83c Ende batch\","
            + "\"seconds\":5}\n"
            + "{\"id\":\"tief\",\"model\":\"kling-v2-6\",\"prompt\":\"\\u93e1\\u982d \\udc8e Ende\",\"seconds\":5}\n",
        StandardCharsets.UTF_8);

    CliRun.Result dry = vidgen("batch", jobs.toString(), "--dry-run");
    CliRun.Result run = vidgen("batch", jobs.toString(), "--journal", dir.resolve("sur.journal").toString(),
        "--out-dir", dir.resolve("Stapel sur").toString(), "--allow-unknown-prices");

    for (CliRun.Result refused : new CliRun.Result[] {dry, run}) {
      assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
      assertThat(refused.all()).contains("line 1", "prompt: a broken character at position 7 (U+D83C",
          "line 2", "prompt: a broken character at position 4 (U+DC8E");
    }
    assertThat(fake.creates()).as("nothing sent as \"?\"").isEmpty();
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void aCommandLineReadAsAsciiBecauseTheNamedUtf8LocaleIsMissingSaysSo() {
    // A locale no machine has: the C library falls back to C, and Java 17 reads the arguments as ASCII.
    CliRun.Result refused = CliRun.in(dir).env("LANG", "xx_XX.UTF-8").runProcess("generate", "--provider", "mock",
        "--image", "product.png", "--prompt", "Kamerafahrt \u00fcber Gr\u00fc\u00dfe", "--dry-run");

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(refused.err()).contains("though LANG=xx_XX.UTF-8 names a UTF-8 locale: that locale seems not to be"
        + " installed", "LC_ALL=C.UTF-8", "nothing was sent").doesNotContain("as the locale (LANG, LC_ALL) says");
  }

  @Test
  void theVariableThatRulesTheCharsetIsTheOneNamed() {
    assertThat(Main.utf8LocaleNamed(Map.of("LANG", "de_DE.UTF-8"))).contains("LANG=de_DE.UTF-8");
    assertThat(Main.utf8LocaleNamed(Map.of("LANG", "de_DE.UTF-8", "LC_CTYPE", "zh_TW.utf8")))
        .contains("LC_CTYPE=zh_TW.utf8");
    assertThat(Main.utf8LocaleNamed(Map.of("LANG", "de_DE.UTF-8", "LC_ALL", "C"))).as("LC_ALL=C rules: ASCII")
        .isEqualTo(Optional.empty());
    assertThat(Main.utf8LocaleNamed(Map.of("LC_ALL", "", "LANG", "C.UTF-8"))).contains("LANG=C.UTF-8");
    assertThat(Main.utf8LocaleNamed(Map.of())).isEmpty();
  }
}
