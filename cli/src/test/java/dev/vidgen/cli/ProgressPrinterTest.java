package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoAsset;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {
  private static final TaskId TASK = TaskId.of("video_1");
  private static final VideoAsset VIDEO = new VideoAsset(URI.create("https://files.example/v.mp4"), "mp4", null);

  @Test
  void drawsABarInPlaceOnATerminal() {
    StringWriter err = new StringWriter();
    try (ProgressPrinter printer = new ProgressPrinter(new PrintWriter(err), true, "video_1")) {
      printer.onProgress(TaskSnapshot.queued(TASK), Duration.ofSeconds(5));
      printer.onProgress(TaskSnapshot.inProgress(TASK, 50), Duration.ofSeconds(31));
    }

    assertThat(err.toString())
        .startsWith("\r")
        .contains("[############------------]   50%  in_progress  0:31")
        .endsWith(System.lineSeparator());
  }

  @Test
  void aNoteWhileTheBarIsDrawnStartsOnAClearedLine() {
    StringWriter err = new StringWriter();
    PrintWriter writer = new PrintWriter(err);
    Output output = new Output(new PrintWriter(new StringWriter()), writer, false);
    try (ProgressPrinter printer = new ProgressPrinter(writer, true, "video_1")) {
      output.beforeNotes(printer::clearLine);
      printer.onProgress(TaskSnapshot.inProgress(TASK, 50), Duration.ofSeconds(31));
      output.note("warning: task video_1: its status could not be read");
      printer.onProgress(TaskSnapshot.inProgress(TASK, 60), Duration.ofSeconds(52));
    }

    assertThat(err.toString()).contains("0:31\u001b[K\r\u001b[Kvidgen: warning: task video_1: its status could not be read"
        + System.lineSeparator() + "\r");
    assertThat(err.toString()).doesNotContain("0:31vidgen");
  }

  @Test
  void aTaskSeenCompletedAfterAPauseIsSaidSoNotAsARunThatIncludesThePause() {
    StringWriter plain = new StringWriter();
    try (ProgressPrinter printer = new ProgressPrinter(new PrintWriter(plain), false, "video_1")) {
      printer.onProgress(TaskSnapshot.inProgress(TASK, 10), Duration.ofSeconds(12));
      printer.onCompletedAfterPause(TaskSnapshot.completed(TASK, VIDEO), Duration.ofSeconds(165),
          Duration.ofSeconds(147));
    }
    StringWriter drawn = new StringWriter();
    try (ProgressPrinter printer = new ProgressPrinter(new PrintWriter(drawn), true, "video_1")) {
      printer.onProgress(TaskSnapshot.inProgress(TASK, 10), Duration.ofSeconds(12));
      printer.onCompletedAfterPause(TaskSnapshot.completed(TASK, VIDEO), Duration.ofSeconds(165),
          Duration.ofSeconds(147));
    }

    assertThat(plain.toString()).isEqualTo("vidgen: task video_1 in_progress 10% after 0:12" + System.lineSeparator()
        + "vidgen: task video_1 completed; seen after a pause of 2:27" + System.lineSeparator());
    assertThat(drawn.toString()).as("on a cleared line, after the bar")
        .endsWith("\r\u001b[Kvidgen: task video_1 completed; seen after a pause of 2:27" + System.lineSeparator())
        .doesNotContain("2:45");
  }

  @Test
  void printsPlainLinesOnlyWhenSomethingChangedElsewhere() {
    StringWriter err = new StringWriter();
    try (ProgressPrinter printer = new ProgressPrinter(new PrintWriter(err), false, "video_1")) {
      printer.onProgress(TaskSnapshot.inProgress(TASK, 40), Duration.ofSeconds(12));
      printer.onProgress(TaskSnapshot.inProgress(TASK, 40), Duration.ofSeconds(22));
      printer.onProgress(TaskSnapshot.inProgress(TASK, 80), Duration.ofSeconds(65));
    }

    assertThat(err.toString())
        .doesNotContain("\r")
        .doesNotContain("#")
        .isEqualTo("vidgen: task video_1 in_progress 40% after 0:12" + System.lineSeparator()
            + "vidgen: task video_1 in_progress 80% after 1:05" + System.lineSeparator());
  }

  @Test
  void neverDrawsWiderThanTheTerminalAtAnyWidth() {
    String longId = "video_mock_0123456789abcdef0123456789abcdef";
    ProgressPrinter printer = new ProgressPrinter(new PrintWriter(new StringWriter()), true, longId, () -> 80);
    TaskSnapshot running = TaskSnapshot.inProgress(TaskId.of(longId), 34);

    for (int columns = 20; columns <= 200; columns++) {
      String line = printer.fit(running, Duration.ofSeconds(754), columns);
      assertThat(TerminalWidth.columns(line)).as("at %d columns: %s", columns, line).isLessThan(columns);
      assertThat(line).as("at %d columns", columns).contains("in_progress");
    }
    assertThat(printer.fit(running, Duration.ofSeconds(754), 80))
        .as("a standard 80x24 terminal keeps the whole id, leaving out the bar it has no room for")
        .contains(longId).doesNotContain("[").contains(" 34%  in_progress  12:34");
    assertThat(printer.fit(running, Duration.ofSeconds(754), 100)).contains(longId).contains("[###");
    assertThat(printer.fit(running, Duration.ofSeconds(754), 60)).contains("…").contains("34%");
    printer.close();
  }

  @Test
  void anIdOfWideLettersKeepsOnlyTheEndThatFitsInColumnsNotInCharacters() {
    String wideId = "video_" + "\u5546\u54c1".repeat(7) + "_0011"; // each of 商品 takes two columns
    ProgressPrinter printer = new ProgressPrinter(new PrintWriter(new StringWriter()), true, wideId, () -> 40);

    for (int columns = 20; columns <= 80; columns++) {
      for (TaskSnapshot snapshot : java.util.List.of(TaskSnapshot.inProgress(TaskId.of(wideId), 30),
          TaskSnapshot.inProgress(TaskId.of(wideId), 100))) {
        String line = printer.fit(snapshot, Duration.ofSeconds(3), columns);
        assertThat(TerminalWidth.columns(line)).as("at %d columns: %s", columns, line).isLessThan(columns);
      }
    }
    assertThat(ProgressPrinter.endIn("ab\u5546\u54c1", 3)).isEqualTo("\u54c1");
    printer.close();
  }

  @Test
  void followsAResizeOnTheNextRedraw() {
    StringWriter err = new StringWriter();
    int[] columns = {120};
    try (ProgressPrinter printer = new ProgressPrinter(new PrintWriter(err), true, "video_1", () -> columns[0])) {
      printer.onProgress(TaskSnapshot.inProgress(TASK, 50), Duration.ofSeconds(31));
      columns[0] = 30;
      printer.onProgress(TaskSnapshot.inProgress(TASK, 60), Duration.ofSeconds(32));
    }

    String[] draws = err.toString().split("\r");
    String narrow = draws[draws.length - 1].replace("\u001b[K", "").strip();
    assertThat(draws[1]).contains("[############");
    assertThat(TerminalWidth.columns(narrow)).isLessThan(30);
    assertThat(narrow).doesNotContain("[").contains("60%");
  }

  @Test
  void showsElapsedTimeLikeAClock() {
    assertThat(ProgressPrinter.clock(Duration.ofSeconds(7))).isEqualTo("0:07");
    assertThat(ProgressPrinter.clock(Duration.ofSeconds(750))).isEqualTo("12:30");
    assertThat(ProgressPrinter.clock(Duration.ofSeconds(3723))).isEqualTo("1:02:03");
  }
}
