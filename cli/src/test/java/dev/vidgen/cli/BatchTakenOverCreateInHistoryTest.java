package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import dev.vidgen.core.port.ApiKey;
import dev.vidgen.journal.jdbc.Journals;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A batch create that another worker sent and never got an answer for (that worker killed mid-create, its lease
 * ended), taken over by a worker with another key of the same journal, against the fake ToAPIs: the task history's
 * note of it keeps the key and the time the create went out with, as the journal has them, not the taking-over run's.
 */
class BatchTakenOverCreateInHistoryTest {
  private static final String KEY_A = FakeToApisServer.DEFAULT_KEY;
  private static final String KEY_B = "sk-test" + "b".repeat(44);
  /** On the default model, which takes no client reference. */
  private static final String NO_REFERENCE = "{\"id\": \"t1\", \"prompt\": \"batch T shot 1\", \"images\":"
      + " [\"still.png\"], \"seconds\": 10}";

  @RegisterExtension
  final BatchHistoryFixture batches = BatchHistoryFixture.start(server -> server.apiKeys(KEY_A, KEY_B));
  private final FakeToApisServer fake = batches.fake();
  private final Path dir = batches.dir();

  @Test
  @SuppressWarnings("unchecked")
  void theNoteOfACreateTakenOverKeepsTheKeyAndTimeItWentOutWithSoOnlyAnotherKeyIsToldSo() throws Exception {
    Path jobs = batches.jobs("bT", NO_REFERENCE);
    // The journal takes the job in (its create refused, so nothing is made) ...
    fake.inject(Endpoint.CREATE, Fault.error(402, "insufficient_quota", "insufficient quota"));
    CliRun.Result refused = batches.run("batch", jobs.toString(), "--poll-interval", "20ms");
    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.OVER_BUDGET);
    // ... and is left as a worker with key A leaves it when killed while its create is on its way, its lease ended.
    Instant sent = Instant.now().minus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.SECONDS);
    String tagA = ApiKey.of(KEY_A).tag();
    String tagB = ApiKey.of(KEY_B).tag();
    try (JobStore journal = Journals.open(dir.resolve("bT/jobs.journal").toString())) {
      Entry pending = journal.entries("jobs.jsonl").get(0);
      assertThat(journal.update(pending.toBuilder().state(State.SUBMITTING).attempts(1).reason(null, null)
          .keyTag(tagA).claim("worker-killed", sent.plusSeconds(10)).updatedAt(sent).build())).isPresent();
    }

    CliRun.Result takenOver = withKey(KEY_B).run("batch", jobs.toString(), "--poll-interval", "20ms",
        "--base-url", fake.baseUrl());
    List<Map<String, Object>> tasks = (List<Map<String, Object>>) batches.run("history", "--json").json()
        .get("tasks");
    CliRun.Result sameKey = sameJob(KEY_A);
    CliRun.Result otherKey = sameJob(KEY_B);

    assertThat(takenOver.exitCode()).as(takenOver.all()).isEqualTo(ExitCodes.UNKNOWN_OUTCOME);
    assertThat(tasks).as("the note of the create").singleElement().satisfies(note -> {
      assertThat((String) note.get("task_id")).startsWith("unanswered-noref-");
      assertThat(note).containsEntry("key_tag", tagA).containsEntry("submitted_at", sent.toString());
      assertThat((String) note.get("error")).contains("went out at about " + sent + " (UTC)");
    });
    assertThat(sameKey.exitCode()).as(sameKey.all()).isEqualTo(ExitCodes.OTHER);
    assertThat(sameKey.err()).contains("the same job was submitted", "went out at about " + sent)
        .doesNotContain("another API key");
    assertThat(otherKey.exitCode()).as(otherKey.all()).isEqualTo(ExitCodes.OTHER);
    assertThat(otherKey.err()).contains("with another API key (tagged " + tagA + "; this key's tag is " + tagB + ")");
    assertThat(fake.requests(Endpoint.CREATE)).as("the refused create only").hasSize(1);
  }

  /** {@code generate} of the batch's job with {@code key}, in the same home. */
  private CliRun.Result sameJob(String key) {
    return withKey(key).run("generate", "--image", "still.png", "--prompt", "batch T shot 1", "--seconds", "10",
        "--out", "dup.mp4", "--base-url", fake.baseUrl());
  }

  private CliRun withKey(String key) {
    return CliRun.in(dir).env("TOAPIS_API_KEY", key).env("VIDGEN_HOME", batches.home().toString());
  }
}
