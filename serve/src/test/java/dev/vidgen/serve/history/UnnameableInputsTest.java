package dev.vidgen.serve.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.pricing.PriceQuote;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's local video whose name this system cannot make into a path (under LC_ALL=C, Java 17 cannot name
 * "ürün.mp4"; a NUL makes the same refusal in any locale) is kept by its name as text and never looked at: the job
 * is recorded, and the same job again is found, so that it is not paid for twice.
 */
class UnnameableInputsTest {
  @TempDir Path folder;

  @Test
  void aJobWithAVideoThisSystemCannotNameIsRecordedByItsNameAndFoundAsTheSameJobAgain() {
    VideoJob job = VideoJob.builder("seedance-2-5").prompt("a kite").video(URI.create("file:///clips/u%00.mp4"))
        .build();
    TaskHistory history = TaskHistory.in(folder);
    JobHandle handle = new JobHandle("mock", TaskId.of("task_unnameable"), "seedance-2-5",
        PriceQuote.unknown("seedance-2-5", "test"), Instant.now(), null);

    HistoryEntry entry = InputDigests.reading().recorded(HistoryEntry.submitted(handle, job, "generate"), job);
    history.record(entry);

    assertThat(entry.videos()).containsExactly("/clips/u\u0000.mp4");
    assertThat(history.sameJob("mock", job, Instant.now().minusSeconds(60), HistoryEntry::settingsOf, any -> true,
        InputDigests.reading())).as("the same job, though its file cannot be looked at").isPresent();
  }

  @Test
  void anImageTheHistoryNamesInAWayThisSystemCannotMakeIsStillTheSameJobByItsBytes() throws Exception {
    Path front = Files.write(folder.resolve("front.png"), new byte[] {1, 2, 3});
    Path copy = Files.write(folder.resolve("copy.png"), new byte[] {1, 2, 3});
    TaskHistory history = TaskHistory.in(folder.resolve("home"));
    VideoJob earlier = VideoJob.builder("seedance-2-5").prompt("a kite").image(front).build();
    JobHandle handle = new JobHandle("mock", TaskId.of("task_unnameable_image"), "seedance-2-5",
        PriceQuote.unknown("seedance-2-5", "test"), Instant.now(), null);
    history.record(InputDigests.reading().recorded(HistoryEntry.submitted(handle, earlier, "generate"), earlier));
    // Made in a UTF-8 locale as ürün.png, read back under LC_ALL=C; a NUL makes the same refusal in any locale.
    Files.writeString(history.file(), Files.readString(history.file()).replace("front.png", "front\\u0000.png"));

    VideoJob again = VideoJob.builder("seedance-2-5").prompt("a kite").image(copy).build();

    assertThat(history.sameJob("mock", again, Instant.now().minusSeconds(60), HistoryEntry::settingsOf, any -> true,
        InputDigests.reading())).as("the same bytes: the same job, though the earlier file cannot be named").isPresent();
  }
}
