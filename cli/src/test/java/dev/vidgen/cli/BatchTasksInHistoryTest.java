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
 * A batch's tasks in the task history, against the fake ToAPIs: {@code generate} of a job a batch paid for is
 * refused as any earlier take, another batch file with the same lines is warned of, {@code vidgen history} lists
 * them with their price, and a batch run again does not warn of its own tasks.
 */
class BatchTasksInHistoryTest {
  private static final String LINE = "{\"id\": \"%s\", \"prompt\": \"batch A shot 1\", \"images\": [\"still.png\"],"
      + " \"seconds\": 10}";

  @TempDir Path dir;

  @BeforeEach
  void still() throws Exception {
    Images.png(640, 360).writeTo(dir.resolve("still.png"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void generateOfAJobABatchPaidForIsRefusedBeforeSendingNamingTheBatch() throws Exception {
    Path jobs = jobs("bA", LINE.formatted("a1"));
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      CliRun.Result batch = run(fake, "batch", jobs.toString(), "--poll-interval", "20ms");
      assertThat(batch.exitCode()).as(batch.all()).isZero();
      String task = fake.taskIds().get(0);

      CliRun.Result generate = run(fake, "generate", "--image", "still.png", "--prompt", "batch A shot 1",
          "--seconds", "10", "--out", "dup.mp4", "--json");

      assertThat(generate.exitCode()).as(generate.all()).isEqualTo(ExitCodes.OTHER);
      assertThat(generate.err()).contains("the same job was submitted", "as task " + task + " of vidgen batch jobs.jsonl"
          + " (journal " + dir.resolve("bA/jobs.journal").toAbsolutePath(), "nothing was sent",
          "its video is " + dir.resolve("bA/jobs-videos/a1.mp4").toAbsolutePath(), "or add --again to pay");
      assertThat(((Map<String, Object>) generate.json().get("error"))).containsEntry("kind", "same_job");
      assertThat((Map<String, Object>) generate.json().get("same_job")).containsEntry("task_id", task)
          .containsKey("batch");
      assertThat(fake.requests(Endpoint.CREATE)).as("the batch's create only").hasSize(1);
      assertThat(dir.resolve("dup.mp4")).doesNotExist();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aSecondBatchFileWithTheSameLinesIsWarnedOfNamingTheFirstBatch() throws Exception {
    Path first = jobs("bG", LINE.formatted("a1"));
    Path copy = jobs("bJ", LINE.formatted("a1"));
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      CliRun.Result ran = run(fake, "batch", first.toString(), "--poll-interval", "20ms");
      assertThat(ran.exitCode()).as(ran.all()).isZero();
      String task = fake.taskIds().get(0);

      CliRun.Result dry = run(fake, "batch", copy.toString(), "--dry-run");
      CliRun.Result again = run(fake, "batch", copy.toString(), "--poll-interval", "20ms", "--json");

      String said = "line 1 (a1) asks for the same job as task " + task + ", submitted just now by vidgen batch"
          + " jobs.jsonl (journal " + dir.resolve("bG/jobs.journal").toAbsolutePath() + ")";
      assertThat(dry.exitCode()).as(dry.all()).isZero();
      assertThat(dry.err()).containsOnlyOnce(said);
      assertThat(again.exitCode()).as(again.all()).isZero();
      assertThat(again.err()).containsOnlyOnce(said).contains("does not hold it back: it sends it and pays for it again");
      assertThat((List<Map<String, Object>>) again.json().get("history_takes")).singleElement()
          .satisfies(take -> assertThat(take).containsEntry("task_id", task).containsEntry("source", "batch"));
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void historyListsABatchsTasksWithTheirPriceMarkedAsTheBatchs() throws Exception {
    Path jobs = jobs("bA", LINE.formatted("a1"), "{\"id\": \"a2\", \"prompt\": \"batch A shot 2\", \"images\":"
        + " [\"still.png\"], \"seconds\": 10}");
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      CliRun.Result batch = run(fake, "batch", jobs.toString(), "--poll-interval", "20ms", "--json");
      assertThat(batch.exitCode()).as(batch.all()).isZero();

      CliRun.Result json = run(fake, "history", "--json");
      CliRun.Result text = run(fake, "history");

      List<Map<String, Object>> tasks = (List<Map<String, Object>>) json.json().get("tasks");
      assertThat(tasks).hasSize(2).allSatisfy(task -> {
        assertThat(task).containsEntry("source", "batch").containsEntry("status", "completed")
            .containsEntry("credits", 20.0);
        assertThat((Map<String, Object>) task.get("batch")).containsEntry("name", "jobs.jsonl")
            .containsEntry("journal", dir.resolve("bA/jobs.journal").toAbsolutePath().toString());
      });
      assertThat(tasks).extracting(task -> task.get("task_id")).containsExactlyInAnyOrderElementsOf(fake.taskIds());
      assertThat(text.out()).contains("completed (batch)", "20 credits", "A (batch) row is a task of vidgen batch");
    }
  }

  @Test
  void aBatchRunAgainDoesNotWarnOfItsOwnTasks() throws Exception {
    Path jobs = jobs("bA", LINE.formatted("a1"));
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      CliRun.Result first = run(fake, "batch", jobs.toString(), "--poll-interval", "20ms");
      assertThat(first.exitCode()).as(first.all()).isZero();
      assertThat(Files.readString(dir.resolve("home/history.jsonl"))).as("its task is in the history")
          .contains(fake.taskIds().get(0), "\"source\":\"batch\"");
      // The same job under another id, added to the file: the file's own lines are compared, not its history lines.
      Files.write(jobs, List.of(LINE.formatted("a1"), LINE.formatted("a1-again")));

      CliRun.Result dry = run(fake, "batch", jobs.toString(), "--dry-run");
      CliRun.Result again = run(fake, "batch", jobs.toString(), "--poll-interval", "20ms");

      for (CliRun.Result rerun : List.of(dry, again)) {
        assertThat(rerun.exitCode()).as(rerun.all()).isZero();
        assertThat(rerun.err()).contains("lines 1 (a1), 2 (a1-again) ask for the same job")
            .doesNotContain("asks for the same job as task");
      }
    }
  }

  private CliRun.Result run(FakeToApisServer fake, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--base-url", fake.baseUrl()));
    return CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY)
        .env("VIDGEN_HOME", dir.resolve("home").toString()).run(all.toArray(String[]::new));
  }

  /** {@code folder/jobs.jsonl} holding {@code lines}, its images beside the test's working folder's still. */
  private Path jobs(String folder, String... lines) throws Exception {
    Path jobs = dir.resolve(folder).resolve("jobs.jsonl");
    Files.createDirectories(jobs.getParent());
    Files.copy(dir.resolve("still.png"), jobs.resolveSibling("still.png"));
    Files.write(jobs, List.of(lines));
    return jobs;
  }
}
