package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An option given an empty value ({@code --provider "$P"} with {@code P} empty) is refused with exit 2 before anything
 * is sent, on every command: never read as the option left out, whose default may be a paid provider or the real
 * service.
 */
class EmptyOptionValueTest {
  private static final String KEY = "sk-test" + "5".repeat(44);

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();

  /** A run with the key and {@code TOAPIS_BASE_URL} naming the fake, as a CI job with its secret in place. */
  private CliRun withKey() {
    return cli.vidgen().env("TOAPIS_BASE_URL", cli.fake().baseUrl());
  }

  @Test
  @SuppressWarnings("unchecked")
  void anEmptyProviderWithAKeySetCreatesNothingOnToApis() {
    CliRun.Result result = withKey().run("generate", "--provider", "", "--image", "product.png", "--prompt",
        "meant for the mock", "--poll-interval", "20ms", "--json");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.INVALID_JOB);
    Map<String, Object> error = (Map<String, Object>) result.json().get("error");
    assertThat(error).containsEntry("kind", "usage").containsEntry("exit_code", 2.0);
    assertThat((String) error.get("message")).startsWith("--provider is given but empty")
        .contains("nothing was sent");
    assertThat((String) error.get("next")).contains("give --provider ID (such as", "mock", "or leave --provider out");
    assertThat(cli.fake().requests()).as("no create, no upload, no look").isEmpty();
  }

  @Test
  void anEmptyBaseUrlIsNotTheDefaultAddress() {
    CliRun.Result balance = withKey().run("balance", "--base-url", "");
    CliRun.Result generate = withKey().run("generate", "--base-url=", "--image", "product.png", "--prompt", "p",
        "--poll-interval", "20ms");

    assertThat(balance.exitCode()).as(balance.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(balance.err()).contains("vidgen: --base-url is given but empty; an empty value is a mistake, never"
        + " --base-url's default, so nothing was sent", "give --base-url URL, or leave --base-url out");
    assertThat(generate.exitCode()).as(generate.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(generate.err()).contains("--base-url is given but empty");
    assertThat(cli.fake().requests()).as("neither TOAPIS_BASE_URL's server nor any other was reached").isEmpty();
  }

  /** Each command with each option it takes whose empty value would stand for its default. */
  static Stream<Arguments> commands() {
    List<Arguments> all = new ArrayList<>();
    List<String> job = List.of("--image", "product.png", "--prompt", "p");
    add(all, cat(List.of("generate"), job), "--provider", "--base-url", "--model", "--routes", "--video",
        "--aspect-ratio", "--resolution");
    add(all, List.of("generate", "--image", "product.png"), "--prompt", "--prompt-file");
    add(all, List.of("extend", "video_mock_x", "--prompt", "p"), "--provider", "--base-url", "--model");
    add(all, List.of("remix", "video_mock_x", "--prompt", "p"), "--provider", "--base-url", "--model");
    add(all, List.of("batch", "jobs.jsonl"), "--provider", "--base-url", "--journal", "--out-dir", "--routes",
        "--batch-name");
    for (String command : List.of("status", "wait", "download")) {
      add(all, List.of(command, "video_mock_x"), "--provider", "--base-url");
    }
    for (String command : List.of("history", "models", "balance")) {
      add(all, List.of(command), "--provider", "--base-url", "--routes");
    }
    add(all, cat(List.of("quote"), job), "--provider", "--base-url", "--model", "--routes");
    add(all, cat(List.of("validate"), job), "--provider", "--model");
    // A port no server can take: a command that got past the check stops there instead of serving.
    add(all, List.of("serve", "--port", "70000"), "--provider", "--base-url", "--out", "--bind");
    return all.stream();
  }

  private static List<String> cat(List<String> first, List<String> then) {
    return Stream.concat(first.stream(), then.stream()).toList();
  }

  private static void add(List<Arguments> all, List<String> command, String... options) {
    for (String option : options) {
      all.add(Arguments.of(command, option));
    }
  }

  @ParameterizedTest(name = "{0} {1} \"\"")
  @MethodSource("commands")
  void everyCommandRefusesAnEmptyValue(List<String> command, String option) throws IOException {
    Files.writeString(cli.dir().resolve("jobs.jsonl"), "{\"id\":\"a\",\"prompt\":\"p\",\"image\":\"product.png\"}\n");
    CliRun.Result result = withoutKey().run(cat(command, List.of(option, "", "--set", "mock.duration=0s",
        "--poll-interval", "20ms")).toArray(String[]::new));

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(result.err()).as(result.all()).contains(option + " is given but empty", "nothing was sent",
        "or leave " + option + " out");
  }

  @Test
  void aBlankValueIsRefusedAsAnEmptyOne() {
    CliRun.Result prompt = withoutKey().run("generate", "--image", "product.png", "--prompt", "  ");
    CliRun.Result provider = withoutKey().run("models", "--provider= ");

    assertThat(prompt.exitCode()).as(prompt.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(prompt.err()).contains("--prompt is given but empty", "give --prompt TEXT");
    assertThat(provider.exitCode()).as(provider.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(provider.err()).contains("--provider is given but empty");
  }

  /** A run on the mock: no key in the environment, the fixture's folder and home. */
  private CliRun withoutKey() {
    return CliRun.in(cli.dir()).env("VIDGEN_HOME", cli.home().toString());
  }
}
