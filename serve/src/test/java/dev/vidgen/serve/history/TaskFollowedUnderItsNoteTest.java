package dev.vidgen.serve.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.VideoJob;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lines an older vidgen wrote under the name of a create's note after the note's own line said which task the create
 * made are read as that task's: one paid task is one row, with its newest state, and the note is none.
 */
class TaskFollowedUnderItsNoteTest {
  private static final Instant AT = Instant.parse("2026-12-07T03:00:06Z");

  @TempDir Path folder;

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = "http://127.0.0.1:24451")
  void theTaskIsOneRowCompletedWithTheFileTheOlderServeSavedAndTheNoteNone(String baseUrl) {
    TaskHistory history = TaskHistory.in(folder);
    Path saved = LinesUnderAnAnsweredNote.write(history, baseUrl, folder.resolve("videos"), AT);

    assertThat(history.entries()).as("one row, the task's").singleElement().satisfies(task -> {
      assertThat(task.taskId()).isEqualTo(LinesUnderAnAnsweredNote.TASK);
      assertThat(task.status()).isEqualTo("completed");
      assertThat(task.file()).isEqualTo(saved.toString());
      assertThat(task.updatedAt()).isEqualTo(AT.plusSeconds(30).plusMillis(90));
      assertThat(task.error()).as("the note's words are not the task's error").isNull();
      assertThat(task.baseUrl()).as("the task's own server kept").isEqualTo(baseUrl);
      assertThat(task.credits()).isEqualByComparingTo("20");
    });
    assertThat(history.note(LinesUnderAnAnsweredNote.NOTE)).map(HistoryEntry::status)
        .contains(HistoryEntry.ANSWERED);
    assertThat(history.lastSavedTo(saved.toString())).map(HistoryEntry::taskId)
        .contains(LinesUnderAnAnsweredNote.TASK);
    assertThat(history.tasksReadFromNotes()).isEmpty();
    VideoJob job = VideoJob.builder(LinesUnderAnAnsweredNote.MODEL).prompt("pg4 downgrade serve inflight dur30")
        .image("https://cdn.example.test/pg4.png").seconds(10).build();
    assertThat(history.sameJob("toapis", job, AT.minusSeconds(60))).map(HistoryEntry::taskId)
        .contains(LinesUnderAnAnsweredNote.TASK);
  }

  @Test
  void aLineUnderTheNoteOlderThanTheTasksOwnLatestStateIsPassedOver() {
    TaskHistory history = TaskHistory.in(folder);
    String baseUrl = "http://127.0.0.1:24451";
    Path saved = LinesUnderAnAnsweredNote.write(history, baseUrl, folder.resolve("videos"), AT);
    HistoryEntry task = history.find(LinesUnderAnAnsweredNote.TASK).orElseThrow();
    history.record(task.completed(saved.toString(), AT.plusSeconds(80)));
    HistoryEntry note = history.note(LinesUnderAnAnsweredNote.NOTE).orElseThrow();
    LinesUnderAnAnsweredNote.appendAsOlderServe(history, note.withStatus("completed", AT.plusSeconds(30))
        .withNote("video saved to " + saved + ", since replaced there by the video of task "
            + LinesUnderAnAnsweredNote.TASK));

    assertThat(history.entries()).singleElement().satisfies(kept -> {
      assertThat(kept.file()).isEqualTo(saved.toString());
      assertThat(kept.updatedAt()).isEqualTo(AT.plusSeconds(80));
      assertThat(kept.error()).isNull();
    });
  }
}
