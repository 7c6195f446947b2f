package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.batch.BatchListener;
import dev.vidgen.batch.BatchProgress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class JournalWatchTest {
  private static final BatchProgress PROGRESS = new BatchProgress(2, 1, 0, 0, 1, Duration.ofSeconds(3), null);

  private final AtomicLong nanos = new AtomicLong();
  private final AtomicInteger looks = new AtomicInteger();
  private final AtomicReference<Optional<String>> lost = new AtomicReference<>(Optional.empty());
  private final List<String> warned = new ArrayList<>();
  private final List<BatchProgress> forwarded = new ArrayList<>();
  private final JournalWatch watch = new JournalWatch(new BatchListener() {
    @Override
    public void onProgress(BatchProgress progress) {
      forwarded.add(progress);
    }
  }, "SQLite journal /work/jobs.journal", () -> {
    looks.incrementAndGet();
    return lost.get();
  }, warned::add, nanos::get);

  @Test
  void warnsOnceWithWhatToDoWhenTheJournalFileWasDeleted() {
    watch.onProgress(PROGRESS);
    lost.set(Optional.of("was deleted"));
    nanos.addAndGet(Duration.ofSeconds(1).toNanos());

    watch.onProgress(PROGRESS);
    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    watch.onProgress(PROGRESS);

    assertThat(warned).singleElement().asString()
        .startsWith("warning: the file of SQLite journal /work/jobs.journal was deleted during this run: ")
        .contains("the task ids it made are kept only in this output", "journal_lost.tasks",
            "do not run again with --start-over");
    assertThat(forwarded).as("every event goes on").hasSize(3);
  }

  @Test
  void onceTheJournalIsLostEveryTaskIdKnownIsToldAndEachNewOneAsItIsWritten() {
    // Recheck DO F1: a run killed after the warning lost every task id, which only the final summary listed.
    watch.onWritten(entry("b", 2, "video_b"));
    watch.onWritten(entry("a", 1, null));
    watch.onWritten(entry("a", 1, "video_a"));
    lost.set(Optional.of("was deleted"));
    watch.onProgress(PROGRESS);
    watch.onWritten(entry("c", 3, "video_c"));
    watch.onWritten(entry("c", 3, "video_c")); // its state moves on: the same task is not told again
    watch.onWritten(entry("a", 1, "video_a2")); // sent again, another task

    assertThat(warned).hasSize(5);
    assertThat(warned.subList(1, 5)).containsExactly("task     line 1 (a): video_a", "task     line 2 (b): video_b",
        "task     line 3 (c): video_c", "task     line 1 (a): video_a2");
  }

  @Test
  void aRunTheJournalStoppedTellsEveryTaskIdItWroteInLineOrder() {
    assertThat(watch.tasksWritten()).as("no task written: nothing to add").isEmpty();
    watch.onWritten(entry("b", 2, "video_b"));
    watch.onWritten(entry("a", 1, null));
    watch.onWritten(entry("a", 1, "video_a"));

    assertThat(watch.tasksWritten()).isEqualTo("; the task ids this run wrote to the journal are told here too, in"
        + " case it cannot be read again (each video can be saved with vidgen download TASK_ID): line 1 (a) video_a,"
        + " line 2 (b) video_b");
  }

  private static dev.vidgen.batch.journal.JobStore.Entry entry(String key, int line, String task) {
    return dev.vidgen.batch.journal.JobStore.Entry.pending("batch", key, line, "f", "grok-video-1.5-preview",
        "out/" + key + ".mp4", null, null).toBuilder().taskId(task).build();
  }

  @Test
  void looksAtMostOnceASecondHoweverOftenTheCountsChange() {
    for (int i = 0; i < 50; i++) {
      watch.onProgress(PROGRESS);
      nanos.addAndGet(Duration.ofMillis(10).toNanos());
    }

    assertThat(looks).as("one stat for half a second of progress").hasValue(1);
    assertThat(warned).isEmpty();
  }
}
