package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two identical {@code generate} runs of a script started together on one history, from two
 * processes: the same-job check and the job's note are one step under the history's lock, so only
 * one of them pays; the other is refused as a run after it is, nothing sent.
 */
class SameJobRaceTest {
  private static final String KEY = "sk-test" + "8".repeat(44);

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();
  private final Path dir = cli.dir();
  private final FakeToApisServer fake = cli.fake();

  @Test
  void twoIdenticalScriptRunsStartedTogetherPayOnce() throws Exception {
    // Each run's upload is held until both have come (at most 15 s): without the lock both have read the history
    // by then, and neither has written its note yet.
    fake.inject(Endpoint.UPLOAD, Fault.meeting(2, Duration.ofSeconds(15)), 2);

    Process first = generate("first");
    Process second = generate("second");
    CliRun.Result one = ended(first, "first");
    CliRun.Result other = ended(second, "second");

    List<CliRun.Result> results = List.of(one, other);
    assertThat(results).as(one.all() + "\n---\n" + other.all()).extracting(CliRun.Result::exitCode)
        .containsExactlyInAnyOrder(ExitCodes.DONE, ExitCodes.OTHER);
    assertThat(fake.creates()).as("one paid task").hasSize(1);
    assertThat(fake.requests(Endpoint.UPLOAD)).as("the refused run sent nothing, not even its image").hasSize(1);
    CliRun.Result loser = one.exitCode() == ExitCodes.OTHER ? one : other;
    assertThat(loser.out()).contains("\"kind\":\"same_job\"");
    // The winner was still in its upload when the loser looked: said as a run still going, not as a create sent.
    assertThat(loser.all()).contains("the same job was started", "which is still going", "nothing was sent",
        "unanswered-noref-vg-", "--again");
  }

  private Process generate(String which) throws IOException {
    return cli.vidgen()
        .startProcess(dir.resolve(which + ".out"), dir.resolve(which + ".err"), List.of("generate", "--image",
            "product.png", "--prompt", "race test a", "--no-wait", "--json", "--base-url", fake.baseUrl(),
            "--retry-delay", "1ms"));
  }

  private CliRun.Result ended(Process process, String which) throws Exception {
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the " + which + " run did not end within 90 s");
    }
    return new CliRun.Result(process.exitValue(), Files.readString(dir.resolve(which + ".out"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve(which + ".err"), StandardCharsets.UTF_8));
  }
}
