package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.batch.BatchProgress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BatchProgressBarTest {
  @Test
  void saysDoneInFlightFailedAndTimeLeft() {
    BatchProgress progress = new BatchProgress(200, 100, 15, 5, 8, Duration.ofMinutes(2),
        BatchProgress.estimate(Duration.ofMinutes(2), 120, 80));

    assertThat(BatchProgressBar.line(progress)).isEqualTo("120/200 done · 8 in flight · 15 failed · 5 unknown · ETA 1:20");
    assertThat(BatchProgressBar.bar(progress)).isEqualTo("[##############----------]");
  }

  @Test
  void tellsNoTimeLeftBeforeAnythingFinished() {
    assertThat(BatchProgress.estimate(Duration.ofSeconds(30), 0, 10)).isNull();
    assertThat(BatchProgressBar.line(new BatchProgress(10, 0, 0, 0, 3, Duration.ofSeconds(30), null)))
        .isEqualTo("0/10 done · 3 in flight · 0 failed");
  }

  @Test
  void redrawsOneLineOnATerminalAndEndsIt() {
    StringWriter err = new StringWriter();
    try (BatchProgressBar bar = new BatchProgressBar(new PrintWriter(err, true), true)) {
      bar.onProgress(new BatchProgress(2, 2, 0, 0, 0, Duration.ofSeconds(3), Duration.ZERO));
    }

    assertThat(err.toString()).startsWith("\r[########################] 2/2 done").endsWith(System.lineSeparator());
  }
}
