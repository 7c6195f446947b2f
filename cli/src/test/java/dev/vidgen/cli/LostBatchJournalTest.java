package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A batch whose journal was moved away, against the fake ToAPIs: its tasks in the task history are no longer followed
 * by any journal, so running it again warns of each as the same job (it pays for it again), and a dry run refuses, as
 * the real run does, when the output folder still holds the batch's results.
 */
class LostBatchJournalTest {
  private static final String LINE = "{\"id\": \"l1\", \"prompt\": \"batch L only\", \"images\": [\"still.png\"],"
      + " \"seconds\": 10}";

  @RegisterExtension
  final BatchHistoryFixture batches = BatchHistoryFixture.start();
  private final FakeToApisServer fake = batches.fake();
  private final Path dir = batches.dir();

  @Test
  void aBatchRunAgainAfterItsJournalAndVideosWereMovedAwayWarnsOfItsOwnTaskBeforePayingAgain() throws Exception {
    Path jobs = batches.jobs("bL", LINE);
    batches.batchDone(jobs);
    String task = fake.taskIds().get(0);
    Files.move(jobs.resolveSibling("jobs.journal"), dir.resolve("bL-journal.bak"));
    Files.move(jobs.resolveSibling("jobs-videos"), dir.resolve("bL-videos.bak"));

    assertThat(batches.warnedTwiceOf(jobs, "line 1 (l1) asks for the same job as task " + task + ", submitted just"
        + " now by vidgen batch jobs.jsonl (journal " + jobs.resolveSibling("jobs.journal").toAbsolutePath() + ")"))
        .singleElement().satisfies(take -> assertThat(take).containsEntry("task_id", task).containsKey("batch"));
    assertThat(fake.requests(Endpoint.CREATE)).as("the take paid again, as warned").hasSize(2);
  }

  @Test
  void aDryRunWithTheJournalGoneAndTheBatchsResultsStillThereRefusesAsTheRealRunDoes() throws Exception {
    Path jobs = batches.jobs("bL", LINE);
    batches.batchDone(jobs);
    Path journal = jobs.resolveSibling("jobs.journal");
    Files.move(journal, dir.resolve("bL-journal.bak"));

    CliRun.Result dry = batches.run("batch", jobs.toString(), "--dry-run");
    assertThat(journal).as("a dry run makes no journal").doesNotExist();
    CliRun.Result real = batches.run("batch", jobs.toString(), "--poll-interval", "20ms");

    String refusal = "the output folder " + jobs.resolveSibling("jobs-videos").toAbsolutePath() + " holds results"
        + " of batch jobs.jsonl";
    assertThat(real.exitCode()).as(real.all()).isEqualTo(ExitCodes.OTHER);
    assertThat(real.err()).contains(refusal, "has none of its jobs", "nothing was sent");
    assertThat(dry.exitCode()).as(dry.all()).isEqualTo(real.exitCode());
    assertThat(dry.err()).contains(refusal, "SQLite journal " + journal.toAbsolutePath() + " has none of its jobs",
        "nothing was sent", "(a dry run; the real run would refuse it the same way)", "--start-over")
        .doesNotContain("dry run: no create was sent");
    assertThat(fake.requests(Endpoint.CREATE)).as("only the first run's create").hasSize(1);
  }
}
