package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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

  @RegisterExtension
  final BatchHistoryFixture batches = BatchHistoryFixture.start();
  private final FakeToApisServer fake = batches.fake();
  private final Path dir = batches.dir();

  @Test
  @SuppressWarnings("unchecked")
  void generateOfAJobWhoseBatchCreateWasLeftUnknownIsRefusedNamingTheBatchAndTheBatchIsNotWarnedOfItsOwnNote() {
    Path jobs = batches.jobs("bU", NO_REFERENCE);
    batches.leftUnknown(jobs);

    CliRun.Result generate = batches.run("generate", "--image", "still.png", "--prompt", "batch U shot 1",
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

    CliRun.Result again = batches.batchDone(jobs, "--resubmit-unknown");
    assertThat(again.err()).as("its own note is the journal's unknown job, not another's take")
        .doesNotContain("asks for the same job");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aBatchCreateLeftSubmittingIsNotedUntilTheBatchRunAgainFindsItsTaskWhichThenReplacesTheNote() {
    Path jobs = batches.jobs("bR", REFERENCE);
    fake.inject(Endpoint.CREATE, Fault.dropAfterProcessing()); // the task is made and billed; no answer comes
    fake.inject(Endpoint.STATUS, Fault.serverError(), 1_000); // and every look-up by its reference fails
    CliRun.Result outage = batches.run("batch", jobs.toString(), "--poll-interval", "20ms", "--retry-delay", "1ms");
    assertThat(outage.exitCode()).as(outage.all()).isNotZero();
    String task = fake.taskIds().get(0);

    CliRun.Result generate = batches.run("generate", "--model", "seedance-2", "--prompt", "batch R shot 1",
        "--seconds", "5", "--out", "dup.mp4", "--json");

    assertThat(generate.exitCode()).as(generate.all()).isEqualTo(ExitCodes.OTHER);
    assertThat(generate.err()).contains("as the create vidgen history lists as unanswered-vgb-", "of vidgen batch"
        + " jobs.jsonl (journal " + dir.resolve("bR/jobs.journal").toAbsolutePath() + ")", "nothing was sent",
        "run the same vidgen batch command again, which looks the task up by that reference before sending"
            + " anything");
    assertThat(fake.requests(Endpoint.CREATE)).as("the batch's create only").hasSize(1);

    fake.clearFaults();
    batches.batchDone(jobs);
    CliRun.Result history = batches.run("history", "--json");
    CliRun.Result after = batches.run("generate", "--model", "seedance-2", "--prompt", "batch R shot 1",
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
