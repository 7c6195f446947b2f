package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The download of a finished, paid task rides out a file host that cannot be reached, as the wait before it does. */
class DownloadOutageCommandTest {
  private static final String KEY = "sk-test" + "9".repeat(44);

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();
  private final Path dir = cli.dir();
  private final FakeToApisServer fake = cli.fake();

  @Test
  void aFileHostThatDropsEveryConnectionForAWhileIsRiddenOutAndTheVideoSaved() {
    fake.inject(Endpoint.FILE, Fault.dropBeforeProcessing(), 12); // more than the policy's 4 tries, even sent twice

    CliRun.Result saved = cli.vidgen().run(Stream.of("generate", "--json", "--image", "product.png", "--prompt",
        "slow push-in", "--out", "clip.mp4", "--base-url", fake.baseUrl(), "--poll-interval", "20ms",
        "--retry-delay", "1ms").toArray(String[]::new));

    assertThat(saved.exitCode()).as(saved.all()).isZero();
    assertThat(saved.err()).as(saved.all()).contains("vidgen: warning: the video of task ")
        .contains("the task is finished and paid for, so its video is fetched again in ")
        .contains("(a download rides out 10 min of failures)").doesNotContain(KEY);
    assertThat(dir.resolve("clip.mp4")).isNotEmptyFile();
    assertThat(fake.requests(Endpoint.FILE).size()).as("each drop, then the answer").isGreaterThan(12);
  }
}
