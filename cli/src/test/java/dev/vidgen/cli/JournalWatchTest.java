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
        .contains("the task ids it made are lost", "keep its output", "journal_lost.tasks",
            "do not run again with --start-over");
    assertThat(forwarded).as("every event goes on").hasSize(3);
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
