package dev.vidgen.batch;

import static dev.vidgen.batch.ScriptedBackend.PLAIN_MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.batch.journal.InMemoryJobStore;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.pricing.PriceQuote;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal whose jobs the mock made, run again with a real provider's client, is refused before anything is read or
 * sent: the mock's finished jobs are not counted as this provider's, and its running tasks are not awaited here.
 */
class JournalOfAnotherProviderTest {
  private static final String BATCH = "jobs.jsonl";

  @TempDir Path dir;

  private final InMemoryJobStore store = new InMemoryJobStore();
  private final ScriptedBackend backend = new ScriptedBackend(store, BATCH);
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stopScheduler() {
    scheduler.shutdownNow();
  }

  @Test
  void aJournalOfTheMocksTasksIsRefusedNamingItsProviderAndNothingIsReadOrSent() {
    BatchPlan plan = plan(line("a"), line("b"));
    journal(plan, "a", b -> b.state(State.COMPLETED).attempts(1).taskId("video_mock_a").handle(mockHandle("a"))
        .file(dir.resolve("out/a.mp4").toString()));
    journal(plan, "b", b -> b.state(State.SUBMITTED).attempts(1).taskId("video_mock_b").handle(mockHandle("b")));

    BatchRunner runner = BatchRunner.builder().backend(backend).store(store).scheduler(scheduler).worker("w").build();

    assertThatThrownBy(() -> runner.run(plan)).isInstanceOfSatisfying(JournalProviderException.class, refused -> {
      assertThat(refused.journalProviders()).containsExactly("mock");
      assertThat(refused.runProvider()).isEqualTo("scripted");
      assertThat(refused.journal()).isEqualTo("in-memory journal");
    }).hasMessageContaining("in-memory journal holds 2 jobs made on provider mock (a, completed, task video_mock_a;"
        + " b, submitted, task video_mock_b) in batch jobs.jsonl, but this run uses provider scripted")
        .hasMessageContaining("the mock's videos are placeholders").hasMessageEndingWith("nothing was sent");
    assertThat(backend.calls).as("no create, status read or download").isEmpty();
    assertThat(dir.resolve("out").resolve(ResultsManifest.FILE)).as("no claim on the results folder").doesNotExist();
    assertThat(store.entries(BATCH)).extracting(Entry::state).containsExactly(State.COMPLETED, State.SUBMITTED);
  }

  @Test
  void theSameCheckIsOpenToACallerBeforeItPlansAndPassesForTheJournalsOwnProvider() {
    BatchPlan plan = plan(line("a"));
    journal(plan, "a", b -> b.state(State.COMPLETED).attempts(1).taskId("video_mock_a").handle(mockHandle("a")));

    assertThatThrownBy(() -> BatchRunner.requireProvider(store, BATCH, "toapis"))
        .isInstanceOf(JournalProviderException.class).hasMessageContaining("but this run uses provider toapis");
    assertThatCode(() -> BatchRunner.requireProvider(store, BATCH, "mock")).doesNotThrowAnyException();
    assertThatCode(() -> BatchRunner.requireProvider(store, "another batch", "toapis")).doesNotThrowAnyException();
  }

  private static String mockHandle(String key) {
    return new JobHandle("mock", TaskId.of("video_mock_" + key), PLAIN_MODEL,
        PriceQuote.unknown(PLAIN_MODEL, "test"), Instant.EPOCH, null).encode();
  }

  private static String line(String id) {
    return "{\"id\":\"" + id + "\",\"model\":\"" + PLAIN_MODEL + "\",\"prompt\":\"" + id + "\"}";
  }

  private BatchPlan plan(String... lines) {
    return new BatchPlanner(backend).plan(BATCH, BatchFile.parse(List.of(lines), dir), dir.resolve("out"));
  }

  /** Puts the job {@code key} of {@code plan} in the journal in the state {@code state} gives it. */
  private void journal(BatchPlan plan, String key, UnaryOperator<Entry.Builder> state) {
    PlannedJob job = plan.jobs().stream().filter(j -> j.key().equals(key)).findFirst().orElseThrow();
    Entry pending = Entry.pending(BATCH, job.key(), job.line(), job.fingerprint(), job.job().model(),
        job.out().toString(), job.quote().credits(), Instant.EPOCH);
    Entry enrolled = store.enroll(BATCH, List.of(pending)).stream().filter(e -> e.key().equals(key)).findFirst()
        .orElseThrow();
    store.update(state.apply(enrolled.toBuilder()).updatedAt(Instant.EPOCH).build()).orElseThrow();
  }
}
