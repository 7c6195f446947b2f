package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A task given on the command line that is, or holds, the API key (pasted where a task id belongs) is refused as a
 * prompt holding it is (exit 2, nothing sent): it would go out in the address of every status read, and no advice
 * repeats it. The fake counts every request.
 */
class KeyInTaskIdTest {
  private static final String KEY = "sk-test" + "7".repeat(44);

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();
  private final Path home = cli.home();
  private final FakeToApisServer fake = cli.fake();

  static Stream<List<String>> commands() {
    String encoded = URLEncoder.encode(KEY, StandardCharsets.UTF_8).replace("-", "%2D");
    return Stream.of(
        List.of("status", KEY),
        List.of("status", "video_" + KEY),
        List.of("status", encoded),
        List.of("status", "unanswered-" + KEY),
        List.of("status", "video_1", "--made-by", "unanswered-" + KEY),
        List.of("wait", KEY, "--out", "v.mp4"),
        List.of("download", KEY, "--out", "v.mp4"),
        List.of("extend", KEY, "--model", "grok-video-1.0", "--prompt", "and then the sea"),
        List.of("remix", KEY, "--model", "grok-video-1.0", "--prompt", "at night"));
  }

  @ParameterizedTest
  @MethodSource("commands")
  void aTaskArgumentHoldingTheKeyIsRefusedBeforeAnythingIsSent(List<String> args) {
    String[] all = Stream.concat(args.stream(), Stream.of("--base-url", fake.baseUrl(), "--retry-delay", "1ms"))
        .toArray(String[]::new);

    CliRun.Result result = cli.withoutHome().env("VIDGEN_HOME", home.toString()).run(all);

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(result.err()).contains("holds the API key (shown sk-…)", "nothing was sent")
        .doesNotContain(KEY.substring(3));
    assertThat(result.all()).as("no advice repeats the key").doesNotContain("vidgen wait").doesNotContain("sk-test");
    assertThat(fake.requests()).as("nothing reached the server").isEmpty();
  }
}
