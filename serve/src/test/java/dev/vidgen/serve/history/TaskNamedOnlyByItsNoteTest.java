package dev.vidgen.serve.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.pricing.PriceQuote;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task whose own line cannot be read (changed by hand, or torn and then appended to) is still the same job through
 * the readable note of the create that made it: the damaged line costs only itself, not a second payment.
 */
class TaskNamedOnlyByItsNoteTest {
  private static final Instant AT = Instant.parse("2026-12-06T01:26:35Z");

  @TempDir Path folder;

  @ParameterizedTest
  @ValueSource(strings = {"hand-edited", "cut short"})
  void theAnsweredNoteOfTheJobStandsInForItsUnreadableTaskLine(String damage) throws Exception {
    TaskHistory history = historyWithItsTaskLineDamaged(damage);

    assertThat(history.unreadableLines()).as("the damaged line is not read").isEqualTo(1);
    assertThat(history.sameJob("mock", job(), AT.minusSeconds(60)))
        .as("the note names the task for this very job")
        .hasValueSatisfying(entry -> {
          assertThat(entry.taskId()).isEqualTo("video_0160b35fbfc6");
          assertThat(entry.status()).isEqualTo("queued");
          assertThat(entry.jobHandle()).isPresent();
        });
    assertThat(history.sameJob("mock", VideoJob.builder("grok-video-1.5-preview").prompt("another").build(),
        AT.minusSeconds(60))).as("another job is not held back by it").isEmpty();
    assertThat(history.entries()).extracting(HistoryEntry::taskId).as("the listing is unchanged: no made-up row")
        .doesNotContain("video_0160b35fbfc6");
  }

  @ParameterizedTest
  @ValueSource(strings = {"hand-edited", "cut short"})
  void theTaskIsReadFromItsNoteApartUnderTheNotesName(String damage) throws Exception {
    TaskHistory history = historyWithItsTaskLineDamaged(damage);

    assertThat(history.tasksReadFromNotes()).hasSize(1).hasEntrySatisfying(note().taskId(), task -> {
      assertThat(task.taskId()).isEqualTo("video_0160b35fbfc6");
      assertThat(task.jobHandle()).hasValueSatisfying(handle ->
          assertThat(handle.quote().usd()).isEqualByComparingTo("0.10"));
      assertThat(task.model()).isEqualTo("grok-video-1.5-preview");
    });
  }

  @Test
  void aReadableTaskLineLeavesNothingToReadFromItsNote() {
    TaskHistory history = TaskHistory.in(folder);
    history.record(note());
    history.record(HistoryEntry.submitted(handle(), job(), "generate"));
    history.record(note().answeredAs(handle(), AT.plusSeconds(1)));

    assertThat(history.tasksReadFromNotes()).isEmpty();
  }

  @Test
  void aNoteAnsweredWithTheSameIdOnAnotherServerIsNotAnAnswerOnThisOne() {
    TaskHistory history = TaskHistory.in(folder);
    String first = "http://127.0.0.1:22250";
    String second = "http://127.0.0.1:22251";
    history.record(note().withBaseUrl(second).answeredAs(handle(), AT.plusSeconds(1)));

    assertThat(history.answeredElsewhere("mock", first, "video_0160b35fbfc6", "unanswered-vg-2"))
        .as("the second server's task of that id is another task").isFalse();
    assertThat(history.answeredElsewhere("mock", second, "video_0160b35fbfc6", "unanswered-vg-2")).isTrue();
    assertThat(history.answeredElsewhere("mock", second, "video_0160b35fbfc6", note().taskId()))
        .as("the note asked about is not another").isFalse();
  }

  @Test
  void aReadableTaskLineIsTheTaskItselfAndNoSecondOneIsMadeUp() {
    TaskHistory history = TaskHistory.in(folder);
    HistoryEntry note = note();
    history.record(note);
    HistoryEntry task = HistoryEntry.submitted(handle(), job(), "generate");
    history.record(task.completed("/videos/v.mp4", AT.plusSeconds(60)));
    history.record(note.answeredAs(handle(), AT.plusSeconds(1)));

    assertThat(history.sameJob("mock", job(), AT.minusSeconds(60))).map(HistoryEntry::status).contains("completed");
  }

  private TaskHistory historyWithItsTaskLineDamaged(String damage) throws Exception {
    TaskHistory history = TaskHistory.in(folder);
    HistoryEntry note = note();
    history.record(note);
    history.record(HistoryEntry.submitted(handle(), job(), "generate"));
    history.record(note.answeredAs(handle(), AT.plusSeconds(1)));
    Path file = history.file();
    List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    String task = lines.get(1);
    assertThat(task).contains("\"task_id\":\"video_0160b35fbfc6\"", "\"credits\":20");
    lines.set(1, damage.equals("hand-edited") ? task.replace("\"credits\":20", "\"credits\":\"twenty\"")
        : task.substring(0, 200));
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return history;
  }

  private static HistoryEntry note() {
    return HistoryEntry.unanswered("vg-1", false, "mock", job(), null, AT, AT,
        "its create went out at " + AT + " and " + HistoryEntry.SENDING_MARK, "generate");
  }

  private static JobHandle handle() {
    return new JobHandle("mock", TaskId.of("video_0160b35fbfc6"), "grok-video-1.5-preview",
        PriceQuote.ofUsd("grok-video-1.5-preview", new BigDecimal("0.10"), "per request, 10 s"), AT, null);
  }

  private static VideoJob job() {
    return VideoJob.builder("grok-video-1.5-preview").prompt("P hist corrupt").image("https://example.com/a.png").build();
  }
}
