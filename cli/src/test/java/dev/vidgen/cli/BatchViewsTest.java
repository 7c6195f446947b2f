package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.batch.journal.JobStore.Entry;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch summary's look at the videos it saved, by the names the journal holds. */
class BatchViewsTest {
  @TempDir Path dir;

  @Test
  void aSavedVideoWhoseNameThisLocaleCannotMakeIsNotCalledMissingAndThrowsNothing() {
    // Under LC_ALL=C, Java 17 cannot make a path of "ürün.mp4"; a NUL makes the same InvalidPathException anywhere.
    Entry unnameable = completed(dir.resolve("u").toString() + "\u0000.mp4");

    assertThat(BatchViews.videoMissing(unnameable)).as("this locale cannot tell").isFalse();
  }

  @Test
  void aSavedVideoMovedAwayIsMissingAndOneThereIsNot() throws Exception {
    Path there = Files.writeString(dir.resolve("there.mp4"), "v");

    assertThat(BatchViews.videoMissing(completed(there.toString()))).isFalse();
    assertThat(BatchViews.videoMissing(completed(dir.resolve("gone.mp4").toString()))).isTrue();
  }

  private static Entry completed(String file) {
    return Entry.pending("jobs.jsonl", "a", 1, "f", "grok-video-1.5-preview", file, BigDecimal.TEN, Instant.EPOCH)
        .toBuilder().state(JobStore.State.COMPLETED).taskId("video_1").file(file).build();
  }
}
