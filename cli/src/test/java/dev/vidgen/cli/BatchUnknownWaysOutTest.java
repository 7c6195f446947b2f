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
 * A batch's create on a model without a client reference that got no answer, against the fake ToAPIs: the ways out
 * that {@code status} of its note, the batch's next run and its closing line give agree, and none sends the job twice.
 */
class BatchUnknownWaysOutTest {
  /** On the default model, which takes no client reference. */
  private static final String NO_REFERENCE = "{\"id\": \"u1\", \"prompt\": \"batch W shot 1\", \"images\":"
      + " [\"still.png\"], \"seconds\": 10}";

  @RegisterExtension
  final BatchHistoryFixture batches = BatchHistoryFixture.start();
  private final FakeToApisServer fake = batches.fake();
  private final Path dir = batches.dir();

  @Test
  void statusWaitAndDownloadOfTheBatchsNoteGiveTheBatchsAdoptNotAClaimWithMadeBy() {
    Path jobs = batches.jobs("bS", NO_REFERENCE);
    String note = leftUnknown(jobs);

    for (String command : List.of("status", "wait", "download")) {
      CliRun.Result asked = batches.run(command, note);

      assertThat(asked.exitCode()).as(asked.all()).isEqualTo(ExitCodes.INVALID_JOB);
      assertThat(asked.err()).as(command + ": " + asked.all()).contains("cannot be looked up",
          "run the same vidgen batch command again with --adopt u1=TASK_ID").doesNotContain("--made-by");
    }
    assertThat(fake.requests(Endpoint.CREATE)).as("the batch's create only").hasSize(1);
  }

  @Test
  void aNoteClosedWithWaitMadeByIsTakenInByTheBatchsNextRunSendingNothing() {
    Path jobs = batches.jobs("bC", NO_REFERENCE);
    String note = leftUnknown(jobs);
    String task = fake.taskIds().get(0);
    Path video = dir.resolve("bC/jobs-videos/u1.mp4");
    CliRun.Result claimed = batches.run("wait", task, "--made-by", note, "--out", video.toString(),
        "--poll-interval", "20ms");
    assertThat(claimed.exitCode()).as(claimed.all()).isZero();

    CliRun.Result again = batches.batchDone(jobs);

    assertThat(again.err()).as(again.all()).contains("its create made task " + task
        + " (as told with vidgen wait --made-by)").doesNotContain("--resubmit-unknown");
    assertThat(video).exists();
    assertThat(fake.requests(Endpoint.CREATE)).as("nothing sent twice").hasSize(1);
  }

  @Test
  void theClosingLineDoesNotAdviseResubmitUnknownForAJobItKeptBecauseItsVideoFileExists() throws Exception {
    Path jobs = batches.jobs("bK", NO_REFERENCE);
    leftUnknown(jobs);
    Path video = dir.resolve("bK/jobs-videos/u1.mp4");
    Files.createDirectories(video.getParent());
    Files.write(video, new byte[] {0, 0, 0, 24}); // saved another way, its task unnamed

    CliRun.Result resend = batches.run("batch", jobs.toString(), "--poll-interval", "20ms", "--resubmit-unknown");

    assertThat(resend.exitCode()).as(resend.all()).isEqualTo(ExitCodes.UNKNOWN_OUTCOME);
    String closing = resend.err().lines().filter(line -> line.contains("ended unknown")).findFirst().orElseThrow();
    assertThat(closing).as(resend.all()).contains("--adopt JOB_ID=TASK_ID", "job u1 has its video file already")
        .doesNotContain("add --resubmit-unknown");
    assertThat(fake.requests(Endpoint.CREATE)).as("not sent again").hasSize(1);
  }

  /** Runs the batch of {@code jobs} with its one create dropped after it made the task; the name of its note. */
  @SuppressWarnings("unchecked")
  private String leftUnknown(Path jobs) {
    batches.leftUnknown(jobs);
    List<Map<String, Object>> tasks = (List<Map<String, Object>>) batches.run("history", "--json").json().get("tasks");
    return tasks.stream().map(task -> (String) task.get("task_id")).filter(id -> id.startsWith("unanswered-noref-"))
        .findFirst().orElseThrow(() -> new AssertionError("no note in " + tasks));
  }
}
