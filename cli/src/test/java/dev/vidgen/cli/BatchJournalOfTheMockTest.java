package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * README's batch run first without a key (on the mock), then again with one: the mock's journal is refused as the
 * command line's mistake before anything is read from ToAPIs or sent, whether its jobs finished or still run, and
 * {@code --provider mock} goes on with it.
 */
class BatchJournalOfTheMockTest {
  private static final String LINE = "{\"id\": \"%s\", \"prompt\": \"shot %<s\", \"images\": [\"still.png\"],"
      + " \"seconds\": 10}";

  @RegisterExtension
  final BatchHistoryFixture batches = BatchHistoryFixture.start();
  private final FakeToApisServer fake = batches.fake();

  @Test
  @SuppressWarnings("unchecked")
  void aJournalTheMockFinishedIsRefusedWithAKeyAndNoneOfItsJobsCountsAsDone() {
    Path jobs = batches.jobs("b1", LINE.formatted("a"), LINE.formatted("b"));
    CliRun.Result mock = withoutKey("batch", jobs.toString(), "--journal", "target/jobs.journal", "--out-dir",
        "target/jobs", "--set", "mock.duration=50ms", "--poll-interval", "20ms");
    assertThat(mock.exitCode()).as(mock.all()).isZero();

    CliRun.Result real = batches.run("batch", jobs.toString(), "--journal", "target/jobs.journal", "--out-dir",
        "target/jobs", "--poll-interval", "20ms", "--json");

    assertThat(real.exitCode()).as(real.all()).isEqualTo(ExitCodes.INVALID_JOB);
    Map<String, Object> error = (Map<String, Object>) real.json().get("error");
    assertThat(error).containsEntry("kind", "journal_provider").containsEntry("exit_code", 2.0);
    assertThat((String) error.get("message")).contains("target/jobs.journal holds 2 jobs made on provider mock (a,"
        + " completed, task video_mock_", "but this run uses provider toapis", "nothing was sent");
    assertThat((String) error.get("next")).contains("run the same command with --provider mock",
        "another --journal and --out-dir");
    assertThat(real.json()).as("no spend reported").doesNotContainKeys("completed", "credits");
    assertThat(fake.requests()).as("nothing read from ToAPIs or sent").isEmpty();

    CliRun.Result onMock = batches.run("batch", jobs.toString(), "--journal", "target/jobs.journal", "--out-dir",
        "target/jobs", "--provider", "mock", "--poll-interval", "20ms");
    assertThat(onMock.exitCode()).as("--provider mock goes on with it: " + onMock.all()).isZero();
  }

  @Test
  void aJournalWithTheMocksTasksStillRunningIsRefusedNotLeftAsAProviderFailureToRunAgain() {
    Path jobs = batches.jobs("b2", LINE.formatted("a"));
    CliRun.Result mock = withoutKey("batch", jobs.toString(), "--set", "mock.duration=5m", "--poll-interval", "20ms",
        "--timeout", "300ms");
    assertThat(mock.exitCode()).as(mock.all()).isEqualTo(ExitCodes.DEADLINE);

    CliRun.Result real = batches.run("batch", jobs.toString(), "--poll-interval", "20ms");

    assertThat(real.exitCode()).as(real.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(real.err()).contains("holds 1 job made on provider mock (a, submitted, task video_mock_",
        "--provider mock").doesNotContain("unexpected error", "run the same command again");
    assertThat(fake.requests()).as("nothing read from ToAPIs or sent").isEmpty();
  }

  /** vidgen with no key (so on the offline mock) in the fixture's folder and home, as README's first batch runs. */
  private CliRun.Result withoutKey(String... args) {
    return CliRun.in(batches.dir()).env("VIDGEN_HOME", batches.home().toString()).run(args);
  }
}
