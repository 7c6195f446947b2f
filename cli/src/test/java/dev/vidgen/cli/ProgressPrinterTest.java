package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {
  private static final TaskId TASK = TaskId.of("video_1");

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
  void showsElapsedTimeLikeAClock() {
    assertThat(ProgressPrinter.clock(Duration.ofSeconds(7))).isEqualTo("0:07");
    assertThat(ProgressPrinter.clock(Duration.ofSeconds(750))).isEqualTo("12:30");
    assertThat(ProgressPrinter.clock(Duration.ofSeconds(3723))).isEqualTo("1:02:03");
  }
}
