package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.batch.BatchReport;
import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.batch.journal.JobStore.Entry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A batch's closing advice when jobs left have videos that save only on another file system, as their left lines say:
 * another {@code --out-dir}, and the same command again only for the other jobs left.
 */
class SavesElsewhereClosingTest {
  private static final String SAVES_ELSEWHERE = "the video of task video_1 is ready but was not saved: the video (2.9"
      + " MB) is larger than the whole file system at /small (2.0 MB, No space left on device); saving it to the same"
      + " place again fails the same way, so save it in a folder on another file system with room for 2.9 MB: run the"
      + " batch again with --out-dir OTHER_FOLDER (or the line's out there), or save it with vidgen download video_1"
      + " --out OTHER_FOLDER/s1.mp4; its task is made and paid for, so neither pays again";

  @Test
  void jobsLeftForOtherReasonsBesideOneThatSavesOnlyElsewhereAreToldBothWays() {
    Entry saves = left("s1", 1, "video_1");
    Entry waits = left("s2", 2, null);
    BatchReport report = new BatchReport("jobs.jsonl", "journal", List.of(saves, waits),
        Map.of("s1", SAVES_ELSEWHERE, "s2", "not sent: the provider answered 503"), null);

    String next = BatchViews.savedOnlyElsewhere(report, "run the same command again to go on; nothing finished is"
        + " sent or downloaded twice", Entry::seq);

    assertThat(next).isEqualTo("run the same command again to go on; nothing finished is sent or downloaded twice;"
        + " the video of line 1 cannot be saved where it goes: saving it there fails the same way every time, so for"
        + " that line run the batch again with --out-dir OTHER_FOLDER, a folder on another file system with room for"
        + " it, as the left line says; its task is made and paid for, so nothing is paid again");
  }

  @Test
  void aBatchWhoseOnlyJobLeftSavesOnlyElsewhereIsNotToldToRunTheSameCommandAgain() {
    BatchReport report = new BatchReport("jobs.jsonl", "journal", List.of(left("s1", 1, "video_1")),
        Map.of("s1", SAVES_ELSEWHERE), null);

    String next = BatchViews.savedOnlyElsewhere(report, "run the same command again to go on", Entry::seq);

    assertThat(next).isEqualTo("the video of line 1 cannot be saved where it goes: saving it there fails the same"
        + " way every time, so running the same command again does not help; run the batch again with --out-dir"
        + " OTHER_FOLDER, a folder on another file system with room for it, as the left line says; its task is made"
        + " and paid for, so nothing is paid again");
  }

  private static Entry left(String key, int line, String task) {
    Entry pending = Entry.pending("jobs.jsonl", key, line, "f", "grok-video-1.5-preview", "/small/" + key + ".mp4",
        BigDecimal.TEN, Instant.EPOCH);
    return task == null ? pending : pending.toBuilder().state(JobStore.State.SUBMITTED).taskId(task).build();
  }

}
