package dev.vidgen.batch;

import static dev.vidgen.batch.ScriptedBackend.PLAIN_MODEL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.batch.journal.InMemoryJobStore;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.error.DownloadFailedException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A video that came but could not be saved (its folder refused files for a while) is saved again by the same run,
 * without its create being sent again, and no new job is sent while it waits; one the folder keeps refusing is left
 * for the next run once the run's tries are spent.
 */
class SaveTriedAgainInTheRunTest {
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
  void aVideoTheFolderRefusedForAWhileIsSavedInTheSameRunAndNoNewJobIsSentMeanwhile() {
    BatchPlan plan = plan(line("a"), line("b"), line("c"));
    AtomicInteger refusals = new AtomicInteger(3); // the folder refuses a's first three saves, then takes files
    CompletableFuture<Void> aRefused = new CompletableFuture<>();
    backend.downloadScript.put("a", target -> {
      if (refusals.getAndDecrement() > 0) {
        aRefused.complete(null);
        return CompletableFuture.failedFuture(refused(target));
      }
      return saved(target);
    });
    // b's task completes only once a's save has failed: b's place frees while a waits to be saved again.
    backend.awaitScript.put("b", handle -> aRefused.thenApply(done -> ScriptedBackend.completed(handle.taskId())));

    BatchReport report = runner(2).run(plan);

    assertThat(entry("a").state()).as(report.leftOver().toString()).isEqualTo(State.COMPLETED);
    assertThat(Path.of(entry("a").file())).exists();
    assertThat(report.leftOver()).as("nothing left for a next run").isEmpty();
    assertThat(backend.count("download a")).as("saved on its fourth try").isEqualTo(4);
    assertThat(backend.count("submit a")).as("its create is never sent again").isEqualTo(1);
    List<String> calls = List.copyOf(backend.calls);
    assertThat(calls.indexOf("submit c while submitting ref=null"))
        .as("no new create while a's save waits to be tried again: " + calls)
        .isGreaterThan(calls.lastIndexOf("download a"));
    assertThat(report.count(State.COMPLETED)).isEqualTo(3);
  }

  @Test
  void aSaveTheFolderKeepsRefusingIsToldAtOnceAndLeftForTheNextRunOnceTheTriesAreSpent() {
    BatchPlan plan = plan(line("a"));
    backend.downloadScript.put("a", target -> CompletableFuture.failedFuture(refused(target)));
    List<String> told = Collections.synchronizedList(new ArrayList<>());
    BatchListener listener = new BatchListener() {
      @Override
      public void onSaveFailed(Entry entry, String taskId, String why, int tries, Duration retryIn) {
        told.add(entry.key() + " " + taskId + " try " + tries + " again " + retryIn + ": " + why);
      }
    };

    BatchReport report = BatchRunner.builder().backend(backend).store(store).scheduler(scheduler).worker("test-worker")
        .saveRetryDelay(Duration.ofMillis(1)).listener(listener).build().run(plan);

    assertThat(backend.count("download a")).as("tried again in the run").isEqualTo(1 + RunContext.SAVE_RETRIES);
    assertThat(told).hasSize(1 + RunContext.SAVE_RETRIES);
    assertThat(told.get(0)).startsWith("a " + entry("a").taskId() + " try 1 again PT0.001S: ")
        .contains("cannot create a file in", "Operation not permitted");
    assertThat(told.get(told.size() - 1)).contains("again null");
    assertThat(report.leftOver().get("a")).contains("is ready but was not saved", "Operation not permitted",
        "run again to download it");
    assertThat(entry("a").state()).as("its task stays for the next run").isEqualTo(State.SUBMITTED);
    assertThat(entry("a").reasonCode()).isEqualTo(JobRun.SAVE_FAILED);
    assertThat(backend.count("submit a")).isEqualTo(1);
  }

  /** A save the folder refused: the video came, the file system took no file. */
  private static DownloadFailedException refused(Path target) {
    return new DownloadFailedException(TaskId.of("task-of-" + target.getFileName()), target,
        "cannot create a file in " + target.getParent() + ": Operation not permitted",
        new AccessDeniedException(target.getParent().toString()));
  }

  private static CompletableFuture<Path> saved(Path target) {
    try {
      Files.createDirectories(target.getParent());
      Files.write(target, new byte[] {0, 0, 0, 8, 'f', 't', 'y', 'p'});
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
    return CompletableFuture.completedFuture(target);
  }

  private static String line(String id) {
    return "{\"id\":\"" + id + "\",\"model\":\"" + PLAIN_MODEL + "\",\"prompt\":\"" + id + "\"}";
  }

  private BatchPlan plan(String... lines) {
    return new BatchPlanner(backend).plan(BATCH, BatchFile.parse(List.of(lines), dir), dir.resolve("out"));
  }

  private BatchRunner runner(int concurrency) {
    return BatchRunner.builder().backend(backend).store(store).concurrency(concurrency).scheduler(scheduler)
        .requeueDelay(Duration.ofMillis(1)).saveRetryDelay(Duration.ofMillis(50)).worker("test-worker").build();
  }

  private Entry entry(String key) {
    return store.entries(BATCH).stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow();
  }
}
