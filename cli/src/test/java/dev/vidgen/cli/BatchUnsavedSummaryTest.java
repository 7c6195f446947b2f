package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.batch.BatchReport;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch whose tasks completed but whose videos could not be saved: its summary tells them as completed and
 * unsaved, not as tasks still running, in the human summary and in {@code --json}, and says what saves them: a later
 * run, or, for videos the same place refuses every time, a run with another {@code --out-dir}.
 */
class BatchUnsavedSummaryTest {
  /** A left line of a job whose video is larger than the whole file system it was to be saved on. */
  private static final String SAVES_ELSEWHERE = "the video of task video_s1 is ready but was not saved: the video (2.9"
      + " MB) is larger than the whole file system at /small (2.0 MB, No space left on device); saving it to the same"
      + " place again fails the same way, so save it in a folder on another file system with room for 2.9 MB: run the"
      + " batch again with --out-dir OTHER_FOLDER (or the line's out there), or save it with vidgen download video_s1"
      + " --out OTHER_FOLDER/s1.mp4; its task is made and paid for, so neither pays again";

  @TempDir Path dir;

  @Test
  void completedTasksWhoseVideosWereNotSavedAreToldAsSuchNotAsRunning() throws Exception {
    Path jobs = Files.writeString(dir.resolve("jobs.jsonl"),
        "{\"id\": \"k1\", \"prompt\": \"waves\", \"images\": [\"https://img.example/k1.png\"], \"seconds\": 10}\n"
            + "{\"id\": \"k2\", \"prompt\": \"sand\", \"images\": [\"https://img.example/k2.png\"], \"seconds\": 10}\n");
    try (FakeToApisServer fake = FakeToApisServer.builder().unlimitedBalance().start()) {
      // The video link serves a page, not the video: each task completes, and no video is saved.
      fake.inject(Endpoint.FILE, Fault.answer(200, "text/html", "<html>not here</html>"), 100);

      CliRun.Result human = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run("batch",
          jobs.toString(), "--base-url", fake.baseUrl(), "--poll-interval", "20ms");
      CliRun.Result json = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run("batch",
          jobs.toString(), "--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--json");

      assertThat(human.all()).contains("is ready but was not saved");
      assertThat(human.out()).as(human.all())
          .containsPattern("unsaved +2 jobs whose tasks completed but whose videos were not saved, quoted ")
          .contains("a later run downloads them, paying nothing again")
          .doesNotContain("still running");
      assertThat(json.json()).as(json.all()).containsEntry("unsaved", 2.0).containsEntry("running", 0.0);
      assertThat((Double) json.json().get("unsaved_credits_quoted")).isPositive();
      assertThat(fake.creates()).as("the second run paid nothing again").hasSize(2);
    }
  }

  @Test
  void unsavedVideosThatSaveOnlyElsewhereAreSentToAnotherOutDirNotToALaterRunOfTheSameCommand() {
    BatchReport report = new BatchReport("jobs.jsonl", "journal", List.of(unsaved("s1", 1), unsaved("s2", 2)),
        Map.of("s1", SAVES_ELSEWHERE, "s2", SAVES_ELSEWHERE), null);

    String line = FailedCharges.unsaved(report).orElseThrow();

    assertThat(line).isEqualTo("2 jobs whose tasks completed but whose videos were not saved, quoted 20 credits"
        + " ($0.10) (not in spent until saved; they cannot be saved where they go: saving them there fails the same"
        + " way every time, so the same command again does not save them: run the batch again with --out-dir"
        + " OTHER_FOLDER, a folder on another file system with room for them, which downloads them, paying nothing"
        + " again; see the left lines for why each was not saved)");
  }

  @Test
  void unsavedVideosLeftForBothCausesAreCountedEachWithItsWayOn() {
    BatchReport report = new BatchReport("jobs.jsonl", "journal",
        List.of(unsaved("s1", 1), unsaved("s2", 2), unsaved("s3", 3)), Map.of("s1", SAVES_ELSEWHERE,
            "s2", "the video of task video_s2 is ready but was not saved: connection reset; run again to download it",
            "s3", "the video of task video_s3 is ready but was not saved: connection reset; run again to download it"),
        null);

    String line = FailedCharges.unsaved(report).orElseThrow();

    assertThat(line).contains("(not in spent until saved; a later run downloads 2 of them, paying nothing again; 1"
        + " cannot be saved where it goes: saving it there fails the same way every time, so the same command again"
        + " does not save it: run the batch again with --out-dir OTHER_FOLDER, a folder on another file system with"
        + " room for it, which downloads it, paying nothing again; see the left lines for why each was not saved)");
  }

  /** A job whose task completed (its video link journaled) and whose video is not saved. */
  private static Entry unsaved(String key, int line) {
    return Entry.pending("jobs.jsonl", key, line, "f", "grok-video-1.5-preview", "/small/" + key + ".mp4",
            BigDecimal.TEN, Instant.EPOCH).toBuilder().state(State.SUBMITTED).taskId("video_" + key)
        .video("https://files.example/" + key + ".mp4", Instant.EPOCH.plusSeconds(86_400)).build();
  }
}
