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
 * A batch's create that got no answer, against the fake ToAPIs: the task history keeps a note of it marked with the
 * batch, so that {@code generate} of the same job is held back naming the batch and how it resolves the create, the
 * batch run again is not warned of its own note, and the task its recovery finds replaces the note.
 */
class BatchUnansweredInHistoryTest {
  /** On the default model, which takes no client reference. */
  private static final String NO_REFERENCE = "{\"id\": \"u1\", \"prompt\": \"batch U shot 1\", \"images\":"
      + " [\"still.png\"], \"seconds\": 10}";
  /** On a model whose creates carry a client reference. */
  private static final String REFERENCE = "{\"id\": \"r1\", \"model\": \"seedance-2\", \"prompt\": \"batch R shot 1\","
      + " \"seconds\": 5}";

  @TempDir Path dir;

  @BeforeEach
  void still() throws Exception {
    Images.png(640, 360).writeTo(dir.resolve("still.png"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void generateOfAJobWhoseBatchCreateWasLeftUnknownIsRefusedNamingTheBatchAndTheBatchIsNotWarnedOfItsOwnNote()
      throws Exception {
    Path jobs = jobs("bU", NO_REFERENCE);
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.inject(Endpoint.CREATE, Fault.dropAfterProcessing(), 1); // the task is made and billed; no answer comes
      CliRun.Result batch = run(fake, "batch", jobs.toString(), "--poll-interval", "20ms", "--retry-delay", "1ms");
      assertThat(batch.exitCode()).as(batch.all()).isEqualTo(ExitCodes.UNKNOWN_OUTCOME);

      CliRun.Result generate = run(fake, "generate", "--image", "still.png", "--prompt", "batch U shot 1",
          "--seconds", "10", "--out", "dup.mp4", "--json");

      assertThat(generate.exitCode()).as(generate.all()).isEqualTo(ExitCodes.OTHER);
      assertThat(generate.err()).contains("the same job was submitted", "as the create vidgen history lists as"
              + " unanswered-noref-", "of vidgen batch jobs.jsonl (journal " + dir.resolve("bU/jobs.journal")
              .toAbsolutePath() + ")", "its create got no answer, so it may exist and be billed", "nothing was sent",
          "run the same vidgen batch command again with --adopt u1=TASK_ID", "--resubmit-unknown")
          .doesNotContain("vidgen history --close");
      assertThat((Map<String, Object>) generate.json().get("same_job")).containsEntry("status", "unknown")
          .containsKey("batch");
      assertThat(fake.requests(Endpoint.CREATE)).as("the batch's create only").hasSize(1);

      CliRun.Result again = run(fake, "batch", jobs.toString(), "--poll-interval", "20ms", "--resubmit-unknown");
      assertThat(again.exitCode()).as(again.all()).isZero();
      assertThat(again.err()).as("its own note is the journal's unknown job, not another's take")
          .doesNotContain("asks for the same job");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aBatchCreateLeftSubmittingIsNotedUntilTheBatchRunAgainFindsItsTaskWhichThenReplacesTheNote() throws Exception {
    Path jobs = jobs("bR", REFERENCE);
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.inject(Endpoint.CREATE, Fault.dropAfterProcessing()); // the task is made and billed; no answer comes
      fake.inject(Endpoint.STATUS, Fault.serverError(), 1_000); // and every look-up by its reference fails
      CliRun.Result outage = run(fake, "batch", jobs.toString(), "--poll-interval", "20ms", "--retry-delay", "1ms");
      assertThat(outage.exitCode()).as(outage.all()).isNotZero();
      String task = fake.taskIds().get(0);

      CliRun.Result generate = run(fake, "generate", "--model", "seedance-2", "--prompt", "batch R shot 1",
          "--seconds", "5", "--out", "dup.mp4", "--json");

      assertThat(generate.exitCode()).as(generate.all()).isEqualTo(ExitCodes.OTHER);
      assertThat(generate.err()).contains("as the create vidgen history lists as unanswered-vgb-", "of vidgen batch"
          + " jobs.jsonl (journal " + dir.resolve("bR/jobs.journal").toAbsolutePath() + ")", "nothing was sent",
          "run the same vidgen batch command again, which looks the task up by that reference before sending"
              + " anything");
      assertThat(fake.requests(Endpoint.CREATE)).as("the batch's create only").hasSize(1);

      fake.clearFaults();
      CliRun.Result found = run(fake, "batch", jobs.toString(), "--poll-interval", "20ms");
      assertThat(found.exitCode()).as(found.all()).isZero();
      CliRun.Result history = run(fake, "history", "--json");
      CliRun.Result after = run(fake, "generate", "--model", "seedance-2", "--prompt", "batch R shot 1",
          "--seconds", "5", "--out", "dup.mp4", "--json");

      assertThat((List<Map<String, Object>>) history.json().get("tasks")).as("the note gave way to its task")
          .noneSatisfy(line -> assertThat(line).containsEntry("status", "unknown"))
          .anySatisfy(line -> assertThat(line).containsEntry("task_id", task).containsEntry("status", "completed"));
      assertThat(after.exitCode()).as(after.all()).isEqualTo(ExitCodes.OTHER);
      assertThat(after.err()).contains("as task " + task + " of vidgen batch jobs.jsonl", "its video is "
          + dir.resolve("bR/jobs-videos/r1.mp4").toAbsolutePath());
      assertThat(fake.requests(Endpoint.CREATE)).as("found by its reference: paid once").hasSize(1);
    }
  }

  private CliRun.Result run(FakeToApisServer fake, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--base-url", fake.baseUrl()));
    return CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY)
        .env("VIDGEN_HOME", dir.resolve("home").toString()).run(all.toArray(String[]::new));
  }

  /** {@code folder/jobs.jsonl} holding {@code lines}, the still beside it. */
  private Path jobs(String folder, String... lines) throws Exception {
    Path jobs = dir.resolve(folder).resolve("jobs.jsonl");
    Files.createDirectories(jobs.getParent());
    Files.copy(dir.resolve("still.png"), jobs.resolveSibling("still.png"));
    Files.write(jobs, List.of(lines));
    return jobs;
  }
}
