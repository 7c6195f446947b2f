package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.fixtures.Images;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch whose journal was moved away, against the fake ToAPIs: its tasks in the task history are no longer followed
 * by any journal, so running it again warns of each as the same job (it pays for it again), and a dry run refuses, as
 * the real run does, when the output folder still holds the batch's results.
 */
class LostBatchJournalTest {
  private static final String LINE = "{\"id\": \"l1\", \"prompt\": \"batch L only\", \"images\": [\"still.png\"],"
      + " \"seconds\": 10}";

  @TempDir Path dir;

  @BeforeEach
  void still() throws Exception {
    Images.png(640, 360).writeTo(dir.resolve("still.png"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aBatchRunAgainAfterItsJournalAndVideosWereMovedAwayWarnsOfItsOwnTaskBeforePayingAgain() throws Exception {
    Path jobs = jobs("bL");
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      CliRun.Result first = run(fake, "batch", jobs.toString(), "--poll-interval", "20ms");
      assertThat(first.exitCode()).as(first.all()).isZero();
      String task = fake.taskIds().get(0);
      Files.move(jobs.resolveSibling("jobs.journal"), dir.resolve("bL-journal.bak"));
      Files.move(jobs.resolveSibling("jobs-videos"), dir.resolve("bL-videos.bak"));

      CliRun.Result dry = run(fake, "batch", jobs.toString(), "--dry-run");
      CliRun.Result again = run(fake, "batch", jobs.toString(), "--poll-interval", "20ms", "--json");

      String said = "line 1 (l1) asks for the same job as task " + task + ", submitted just now by vidgen batch"
          + " jobs.jsonl (journal " + jobs.resolveSibling("jobs.journal").toAbsolutePath() + ")";
      assertThat(dry.exitCode()).as(dry.all()).isZero();
      assertThat(dry.err()).containsOnlyOnce(said);
      assertThat(again.exitCode()).as(again.all()).isZero();
      assertThat(again.err()).containsOnlyOnce(said)
          .contains("does not hold it back: it sends it and pays for it again");
      assertThat((List<Map<String, Object>>) again.json().get("history_takes")).singleElement()
          .satisfies(take -> assertThat(take).containsEntry("task_id", task).containsKey("batch"));
      assertThat(fake.requests(Endpoint.CREATE)).as("the take paid again, as warned").hasSize(2);
    }
  }

  @Test
  void aDryRunWithTheJournalGoneAndTheBatchsResultsStillThereRefusesAsTheRealRunDoes() throws Exception {
    Path jobs = jobs("bL");
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      CliRun.Result first = run(fake, "batch", jobs.toString(), "--poll-interval", "20ms");
      assertThat(first.exitCode()).as(first.all()).isZero();
      Path journal = jobs.resolveSibling("jobs.journal");
      Files.move(journal, dir.resolve("bL-journal.bak"));

      CliRun.Result dry = run(fake, "batch", jobs.toString(), "--dry-run");
      assertThat(journal).as("a dry run makes no journal").doesNotExist();
      CliRun.Result real = run(fake, "batch", jobs.toString(), "--poll-interval", "20ms");

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

  private CliRun.Result run(FakeToApisServer fake, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--base-url", fake.baseUrl()));
    return CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY)
        .env("VIDGEN_HOME", dir.resolve("home").toString()).run(all.toArray(String[]::new));
  }

  /** {@code folder/jobs.jsonl} holding the one line, its image beside it. */
  private Path jobs(String folder) throws Exception {
    Path jobs = dir.resolve(folder).resolve("jobs.jsonl");
    Files.createDirectories(jobs.getParent());
    Files.copy(dir.resolve("still.png"), jobs.resolveSibling("still.png"));
    Files.write(jobs, List.of(LINE));
    return jobs;
  }
}
