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
  void theManifestIsWrittenAsAnyFileThereIsAndLeavesNoTemporaryFileBehind() throws Exception {
    ResultsManifest.in(dir).record(BATCH, store);
    ResultsManifest.in(dir).record(BATCH, store);
    Path probe = Files.writeString(dir.resolve("probe.txt"), "x");

    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      org.assertj.core.api.Assertions.assertThat(files.map(file -> file.getFileName().toString()))
          .containsExactlyInAnyOrder(ResultsManifest.FILE, ResultsManifest.FILE + ".lock", "probe.txt");
    }
    if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      org.assertj.core.api.Assertions.assertThat(Files.getPosixFilePermissions(dir.resolve(ResultsManifest.FILE)))
          .as("readable by whoever may read the folder's other files (workers sharing it)")
          .isEqualTo(Files.getPosixFilePermissions(probe));
    }
  }

  @Test
  void aJournalThatDroppedJobsNeverSentIsNotTakenForAnOlderCopy() {
    BatchPlan plan = enrollWithFirstSent();
    ResultsManifest manifest = ResultsManifest.in(dir);
    manifest.record(BATCH, store);

    store.followFile(BATCH, List.of(), Instant.EPOCH);

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
  void aLineChangedBeforeItWasSentMayNotTakeAnotherJobsVideo() throws Exception {
    BatchPlan plan = enrollWithFirstSent();
    Entry a = store.entries(BATCH).get(0);
    store.update(a.toBuilder().state(State.COMPLETED).file(plan.jobs().get(0).out().toString()).build()).orElseThrow();
    Files.createDirectories(plan.jobs().get(0).out().getParent());
    Files.writeString(plan.jobs().get(0).out(), "a's paid video");
    // Line a is gone, and line b, never sent, now writes to a's file.
    BatchPlan edited = new BatchPlanner(backend).plan(BATCH, BatchFile.parse(List.of("{\"id\":\"b\",\"model\":\""
        + PLAIN_MODEL + "\",\"prompt\":\"b\",\"out\":\"a.mp4\"}"), dir), dir.resolve("out"));

    assertThatThrownBy(() -> ResultsManifest.in(dir).check(edited, store))
        .isInstanceOf(ResultsManifest.StaleJournalException.class)
        .hasMessageContaining("line 1's job has made no video yet").hasMessageContaining("the video of job a");
  }

  @Test
  void resultsOfABatchNowUnderAnotherNameSayWhichNameTheyHad() throws Exception {
    BatchPlan plan = enrollWithFirstSent();
    ResultsManifest manifest = ResultsManifest.in(dir);
    manifest.record(BATCH, store);
    Files.createDirectories(plan.jobs().get(0).out().getParent());
    Files.writeString(plan.jobs().get(0).out(), "a's paid video");
    // The jobs file renamed: the same lines are now batch jobs2.jsonl, which the journal does not know.
    BatchPlan renamed = new BatchPlanner(backend).plan("jobs2.jsonl",
        BatchFile.parse(List.of(line("a"), line("b")), dir), dir.resolve("out"));

    assertThatThrownBy(() -> manifest.check(renamed, store)).isInstanceOf(ResultsManifest.StaleJournalException.class)
        .hasMessageContaining("If the jobs file was renamed (or --batch-name changed), name the batch as before:"
            + " --batch-name jobs.jsonl. ")
        .hasMessageContaining("nothing was sent");
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
