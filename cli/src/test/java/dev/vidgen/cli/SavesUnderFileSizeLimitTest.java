package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.batch.BatchReport;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A batch whose videos a file-size limit kept from being saved: its summary's unsaved line and its closing line lead
 * with a shell whose limit is above the largest video, as the left lines do, since a limit of the process applies on
 * every file system; another file system with room is advised only for videos larger than their whole file system.
 */
class SavesUnderFileSizeLimitTest {
  @Test
  void unsavedVideosOverAFileSizeLimitAreSentToAShellWithAHigherLimitNotToAnotherOutDir() {
    BatchReport report = new BatchReport("jobs.jsonl", "journal", List.of(unsaved("s1", 1), unsaved("s2", 2)),
        Map.of("s1", underLimit("s1", "2.9 MB"), "s2", underLimit("s2", "12.5 MB")), null);

    String line = FailedCharges.unsaved(report).orElseThrow();

    assertThat(line).isEqualTo("2 jobs whose tasks completed but whose videos were not saved, quoted 20 credits"
        + " ($0.10) (not in spent until saved; they cannot be saved where they go: saving them there fails the same"
        + " way every time, so the same command again from this shell does not save them: run the same command from"
        + " a shell whose ulimit -f is unlimited or above 12.5 MB (the largest video), which downloads them, paying"
        + " nothing again; another --out-dir does not help under this limit; see the left lines for why each was not"
        + " saved)");
  }

  @Test
  void aClosingLineOverAFileSizeLimitLeadsWithTheShellNotAnotherFileSystem() {
    BatchReport report = new BatchReport("jobs.jsonl", "journal", List.of(unsaved("s1", 1), unsaved("s2", 2)),
        Map.of("s1", underLimit("s1", "900.0 KB"), "s2", underLimit("s2", "2.9 MB")), null);

    String next = BatchViews.savedOnlyElsewhere(report, "run the same command again to go on", Entry::seq);

    assertThat(next).isEqualTo("the videos of lines 1, 2 cannot be saved where they go: saving them there fails the"
        + " same way every time, so running the same command again from this shell does not help; run the same"
        + " command from a shell whose ulimit -f is unlimited or above 2.9 MB (the largest video), as the left lines"
        + " say; another --out-dir does not help under this limit; their tasks are made and paid for, so nothing is"
        + " paid again");
  }

  @Test
  void videosOverALimitBesideOneLargerThanItsFileSystemAreEachToldTheirOwnWay() {
    BatchReport report = new BatchReport("jobs.jsonl", "journal", List.of(unsaved("s1", 1), unsaved("s2", 2)),
        Map.of("s1", underLimit("s1", "2.9 MB"), "s2", tooLargeForTheFileSystem("s2")), null);

    String next = BatchViews.savedOnlyElsewhere(report, "run the same command again to go on", Entry::seq);
    String line = FailedCharges.unsaved(report).orElseThrow();

    String both = "run the same command from a shell whose ulimit -f is unlimited or above 2.9 MB (the video's size)"
        + " for the 1 over a file-size limit, and the batch again with --out-dir OTHER_FOLDER, a folder on another"
        + " file system with room for it, for the 1 larger than its whole file system";
    assertThat(next).contains("from this shell does not help; " + both + ", as the left lines say; their tasks")
        .doesNotContain("does not help under this limit");
    assertThat(line).contains("from this shell does not save them: " + both + ", which downloads them");
  }

  @Test
  void aVideoOfUnknownSizeOverALimitNamesNoSizeItCannotVouchFor() {
    BatchReport report = new BatchReport("jobs.jsonl", "journal", List.of(unsaved("s1", 1), unsaved("s2", 2)),
        Map.of("s1", underLimit("s1", "2.9 MB"), "s2", underLimit("s2", "2.9 MB").replace(" or above 2.9 MB", "")),
        null);

    assertThat(FailedCharges.unsaved(report).orElseThrow()).contains("run the same command from a shell whose"
        + " ulimit -f is unlimited or above the largest video's size, which downloads them");
  }

  /** A left line of a job whose video of {@code size} is over the shell's file-size limit, as core says it. */
  private static String underLimit(String key, String size) {
    return "the video of task video_" + key + " is ready but was not saved: the file grew past the largest file this"
        + " process may write in /out (File too large): a file-size limit stops it, most often the shell's (ulimit"
        + " -f), else the file system's own; saving it to the same place again fails the same way, so save it where"
        + " the file-size limit allows it: from a shell whose ulimit -f is unlimited or above " + size + ", or in a"
        + " folder on another file system: run the batch again from such a shell, or with --out-dir OTHER_FOLDER (or"
        + " the line's out there), or save it with vidgen download video_" + key + " --out OTHER_FOLDER/" + key
        + ".mp4; its task is made and paid for, so neither pays again";
  }

  /** A left line of a job whose video is larger than the whole file system it was to be saved on. */
  private static String tooLargeForTheFileSystem(String key) {
    return "the video of task video_" + key + " is ready but was not saved: the video (6.0 MB) is larger than the"
        + " whole file system at /small (2.0 MB, No space left on device); saving it to the same place again fails the"
        + " same way, so save it in a folder on another file system with room for 6.0 MB: run the batch again with"
        + " --out-dir OTHER_FOLDER (or the line's out there), or save it with vidgen download video_" + key + " --out"
        + " OTHER_FOLDER/" + key + ".mp4; its task is made and paid for, so neither pays again";
  }

  /** A job whose task completed (its video link journaled) and whose video is not saved. */
  private static Entry unsaved(String key, int line) {
    return Entry.pending("jobs.jsonl", key, line, "f", "grok-video-1.5-preview", "/out/" + key + ".mp4",
            BigDecimal.TEN, Instant.EPOCH).toBuilder().state(State.SUBMITTED).taskId("video_" + key)
        .video("https://files.example/" + key + ".mp4", Instant.EPOCH.plusSeconds(86_400)).build();
  }
}
