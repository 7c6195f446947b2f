package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.fixtures.Images;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch's create on a model without a client reference that got no answer, against the fake ToAPIs: the ways out
 * that {@code status} of its note, the batch's next run and its closing line give agree, and none sends the job twice.
 */
class BatchUnknownWaysOutTest {
  /** On the default model, which takes no client reference. */
  private static final String NO_REFERENCE = "{\"id\": \"u1\", \"prompt\": \"batch W shot 1\", \"images\":"
      + " [\"still.png\"], \"seconds\": 10}";

  @TempDir Path dir;

  @BeforeEach
  void still() throws Exception {
    Images.png(640, 360).writeTo(dir.resolve("still.png"));
  }

  @Test
  void statusWaitAndDownloadOfTheBatchsNoteGiveTheBatchsAdoptNotAClaimWithMadeBy() throws Exception {
    Path jobs = jobs("bS");
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      String note = leftUnknown(fake, jobs);

      for (String command : List.of("status", "wait", "download")) {
        CliRun.Result asked = run(fake, command, note);

        assertThat(asked.exitCode()).as(asked.all()).isEqualTo(ExitCodes.INVALID_JOB);
        assertThat(asked.err()).as(command + ": " + asked.all()).contains("cannot be looked up",
            "run the same vidgen batch command again with --adopt u1=TASK_ID").doesNotContain("--made-by");
      }
      assertThat(fake.requests(Endpoint.CREATE)).as("the batch's create only").hasSize(1);
    }
  }

  @Test
  void aNoteClosedWithWaitMadeByIsTakenInByTheBatchsNextRunSendingNothing() throws Exception {
    Path jobs = jobs("bC");
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      String note = leftUnknown(fake, jobs);
      String task = fake.taskIds().get(0);
      Path video = dir.resolve("bC/jobs-videos/u1.mp4");
      CliRun.Result claimed = run(fake, "wait", task, "--made-by", note, "--out", video.toString(),
          "--poll-interval", "20ms");
      assertThat(claimed.exitCode()).as(claimed.all()).isZero();

      CliRun.Result again = run(fake, "batch", jobs.toString(), "--poll-interval", "20ms");

      assertThat(again.exitCode()).as(again.all()).isZero();
      assertThat(again.err()).as(again.all()).contains("its create made task " + task
          + " (as told with vidgen wait --made-by)").doesNotContain("--resubmit-unknown");
      assertThat(video).exists();
      assertThat(fake.requests(Endpoint.CREATE)).as("nothing sent twice").hasSize(1);
    }
  }

  @Test
  void theClosingLineDoesNotAdviseResubmitUnknownForAJobItKeptBecauseItsVideoFileExists() throws Exception {
    Path jobs = jobs("bK");
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      leftUnknown(fake, jobs);
      Path video = dir.resolve("bK/jobs-videos/u1.mp4");
      Files.createDirectories(video.getParent());
      Files.write(video, new byte[] {0, 0, 0, 24}); // saved another way, its task unnamed

      CliRun.Result resend = run(fake, "batch", jobs.toString(), "--poll-interval", "20ms", "--resubmit-unknown");

      assertThat(resend.exitCode()).as(resend.all()).isEqualTo(ExitCodes.UNKNOWN_OUTCOME);
      String closing = resend.err().lines().filter(line -> line.contains("ended unknown")).findFirst().orElseThrow();
      assertThat(closing).as(resend.all()).contains("--adopt JOB_ID=TASK_ID", "job u1 has its video file already")
          .doesNotContain("add --resubmit-unknown");
      assertThat(fake.requests(Endpoint.CREATE)).as("not sent again").hasSize(1);
    }
  }

  /** Runs the batch of {@code jobs} with its one create dropped after it made the task; the name of its note. */
  @SuppressWarnings("unchecked")
  private String leftUnknown(FakeToApisServer fake, Path jobs) {
    fake.inject(Endpoint.CREATE, Fault.dropAfterProcessing(), 1); // the task is made and billed; no answer comes
    CliRun.Result batch = run(fake, "batch", jobs.toString(), "--poll-interval", "20ms", "--retry-delay", "1ms");
    assertThat(batch.exitCode()).as(batch.all()).isEqualTo(ExitCodes.UNKNOWN_OUTCOME);
    List<Map<String, Object>> tasks = (List<Map<String, Object>>) run(fake, "history", "--json").json().get("tasks");
    return tasks.stream().map(task -> (String) task.get("task_id")).filter(id -> id.startsWith("unanswered-noref-"))
        .findFirst().orElseThrow(() -> new AssertionError("no note in " + tasks));
  }

  private CliRun.Result run(FakeToApisServer fake, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--base-url", fake.baseUrl()));
    return CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY)
        .env("VIDGEN_HOME", dir.resolve("home").toString()).run(all.toArray(String[]::new));
  }

  /** {@code folder/jobs.jsonl} holding the one job, the still beside it. */
  private Path jobs(String folder) throws Exception {
    Path jobs = dir.resolve(folder).resolve("jobs.jsonl");
    Files.createDirectories(jobs.getParent());
    Files.copy(dir.resolve("still.png"), jobs.resolveSibling("still.png"));
    Files.write(jobs, List.of(NO_REFERENCE));
    return jobs;
  }
}
