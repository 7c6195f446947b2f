package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A batch's tasks in the task history, against the fake ToAPIs: {@code generate} of a job a batch paid for is
 * refused as any earlier take, another batch file with the same lines is warned of, {@code vidgen history} lists
 * them with their price, and a batch run again does not warn of its own tasks.
 */
class BatchTasksInHistoryTest {
  private static final String LINE = "{\"id\": \"%s\", \"prompt\": \"batch A shot 1\", \"images\": [\"still.png\"],"
      + " \"seconds\": 10}";

  @RegisterExtension
  final BatchHistoryFixture batches = BatchHistoryFixture.start();
  private final FakeToApisServer fake = batches.fake();
  private final Path dir = batches.dir();

  @Test
  @SuppressWarnings("unchecked")
  void generateOfAJobABatchPaidForIsRefusedBeforeSendingNamingTheBatch() {
    Path jobs = batches.jobs("bA", LINE.formatted("a1"));
    batches.batchDone(jobs);
    String task = fake.taskIds().get(0);

    CliRun.Result generate = batches.run("generate", "--image", "still.png", "--prompt", "batch A shot 1",
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

  @Test
  void aSecondBatchFileWithTheSameLinesIsWarnedOfNamingTheFirstBatch() {
    Path first = batches.jobs("bG", LINE.formatted("a1"));
    Path copy = batches.jobs("bJ", LINE.formatted("a1"));
    batches.batchDone(first);
    String task = fake.taskIds().get(0);

    List<Map<String, Object>> takes = batches.warnedTwiceOf(copy, "line 1 (a1) asks for the same job as task " + task
        + ", submitted just now by vidgen batch jobs.jsonl (journal " + dir.resolve("bG/jobs.journal").toAbsolutePath()
        + ")");

    assertThat(takes).singleElement()
        .satisfies(take -> assertThat(take).containsEntry("task_id", task).containsEntry("source", "batch"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void historyListsABatchsTasksWithTheirPriceMarkedAsTheBatchs() {
    Path jobs = batches.jobs("bA", LINE.formatted("a1"), "{\"id\": \"a2\", \"prompt\": \"batch A shot 2\", \"images\":"
        + " [\"still.png\"], \"seconds\": 10}");
    batches.batchDone(jobs, "--json");

    CliRun.Result json = batches.run("history", "--json");
    CliRun.Result text = batches.run("history");

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

  @Test
  void aBatchRunAgainDoesNotWarnOfItsOwnTasks() throws Exception {
    Path jobs = batches.jobs("bA", LINE.formatted("a1"));
    batches.batchDone(jobs);
    assertThat(Files.readString(batches.home().resolve("history.jsonl"))).as("its task is in the history")
        .contains(fake.taskIds().get(0), "\"source\":\"batch\"");
    // The same job under another id, added to the file: the file's own lines are compared, not its history lines.
    Files.write(jobs, List.of(LINE.formatted("a1"), LINE.formatted("a1-again")));

    CliRun.Result dry = batches.run("batch", jobs.toString(), "--dry-run");
    CliRun.Result again = batches.run("batch", jobs.toString(), "--poll-interval", "20ms");

    for (CliRun.Result rerun : List.of(dry, again)) {
      assertThat(rerun.exitCode()).as(rerun.all()).isZero();
      assertThat(rerun.err()).contains("lines 1 (a1), 2 (a1-again) ask for the same job")
          .doesNotContain("asks for the same job as task");
    }
  }
}
