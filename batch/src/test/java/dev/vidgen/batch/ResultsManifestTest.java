package dev.vidgen.batch;

import static dev.vidgen.batch.ScriptedBackend.PLAIN_MODEL;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.batch.journal.InMemoryJobStore;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsManifestTest {
  private static final String BATCH = "jobs.jsonl";

  @TempDir Path dir;

  private final InMemoryJobStore store = new InMemoryJobStore();
  private final ScriptedBackend backend = new ScriptedBackend(store, BATCH);

  @Test
  void aJournalThatDroppedJobsNeverSentIsNotTakenForAnOlderCopy() {
    BatchPlan plan = enrollWithFirstSent();
    ResultsManifest manifest = ResultsManifest.in(dir);
    manifest.record(BATCH, store);

    store.forgetUnsent(BATCH, Map.of(), Instant.EPOCH);

    assertThatCode(() -> manifest.check(plan, store)).doesNotThrowAnyException();
  }

  @Test
  void stillRefusesAJournalThatLostAWriteOfASentJob() {
    BatchPlan plan = enrollWithFirstSent();
    Entry sent = store.entries(BATCH).get(0);
    store.update(sent.toBuilder().state(State.SUBMITTED).taskId("task-a").build()).orElseThrow();
    ResultsManifest manifest = ResultsManifest.in(dir);
    manifest.record(BATCH, store);
    InMemoryJobStore older = new InMemoryJobStore();
    older.enroll(BATCH, List.of(sent));

    assertThatThrownBy(() -> manifest.check(plan, older)).isInstanceOf(ResultsManifest.StaleJournalException.class)
        .hasMessageContaining("is older than those results");
  }

  @Test
  void readsAManifestOfAnEarlierVersionWhichCountedEveryJob() throws Exception {
    BatchPlan plan = enrollWithFirstSent();
    long everyJob = ResultsManifest.progress(store.entries(BATCH));
    Files.writeString(dir.resolve(ResultsManifest.FILE), "{\"batches\": {\"" + BATCH + "\": {\"journal\": \"j\","
        + " \"progress\": " + everyJob + ", \"jobs\": 2}}}");

    assertThatCode(() -> ResultsManifest.in(dir).check(plan, store)).doesNotThrowAnyException();
    Files.writeString(dir.resolve(ResultsManifest.FILE), "{\"batches\": {\"" + BATCH + "\": {\"journal\": \"j\","
        + " \"progress\": " + (everyJob + 1) + ", \"jobs\": 2}}}");
    assertThatThrownBy(() -> ResultsManifest.in(dir).check(plan, store))
        .isInstanceOf(ResultsManifest.StaleJournalException.class);
  }

  /** Jobs a and b journaled; a was sent (and claimed twice), b never was but was claimed and let go. */
  private BatchPlan enrollWithFirstSent() {
    BatchPlan plan = new BatchPlanner(backend).plan(BATCH, BatchFile.parse(List.of(line("a"), line("b")), dir),
        dir.resolve("out"));
    store.enroll(BATCH, plan.jobs().stream().map(job -> Entry.pending(BATCH, job.key(), job.line(), job.fingerprint(),
        job.job().model(), job.out().toString(), job.quote().credits(), Instant.EPOCH)).toList());
    store.claim(BATCH, "w", 2, Instant.EPOCH, Instant.EPOCH.plusSeconds(1));
    store.releaseAll(BATCH, "w");
    Entry a = store.entries(BATCH).get(0);
    store.update(a.toBuilder().state(State.SUBMITTING).attempts(1).build()).orElseThrow();
    return plan;
  }

  private static String line(String id) {
    return "{\"id\":\"" + id + "\",\"model\":\"" + PLAIN_MODEL + "\",\"prompt\":\"" + id + "\"}";
  }
}
