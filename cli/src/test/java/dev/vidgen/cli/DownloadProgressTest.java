package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.pricing.PriceQuote;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A download under way shows its bytes on stderr (redrawn at a terminal, a plain line every 15 s elsewhere) and a silence. */
class DownloadProgressTest {
  private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
  private static final TaskId TASK = TaskId.of("video_1");
  private static final JobHandle HANDLE = new JobHandle("toapis", TASK, "seedance-2",
      PriceQuote.unknown("seedance-2", "test"), START, null);
  private static final long WHOLE = 4L * 1024 * 1024;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final Output output = new Output(new PrintWriter(out), new PrintWriter(err), false);
  private final AtomicReference<Instant> now = new AtomicReference<>(START);

  private DownloadProgress progress(boolean terminal) {
    return new DownloadProgress(TASK, terminal, output, now::get, () -> 80);
  }

  /** At {@code seconds} in, {@code bytes} have come (2 KB a second), then the once-a-second check runs. */
  private static void at(DownloadProgress progress, AtomicReference<Instant> now, long seconds, long bytes) {
    now.set(START.plusSeconds(seconds));
    progress.onDownloadProgress(HANDLE, bytes, WHOLE);
    progress.check();
  }

  @Test
  void withoutATerminalASlowDownloadGetsAPlainLineEvery15SecondsAndAQuickOneNone() {
    DownloadProgress slow = progress(false);
    for (long second = 0; second <= 46; second++) {
      at(slow, now, second, second * 2048);
    }
    assertThat(err.toString().lines()).containsExactly(
        "vidgen: downloading the video of task video_1: 30 KB of 4.0 MB after 0:15",
        "vidgen: downloading the video of task video_1: 60 KB of 4.0 MB after 0:30",
        "vidgen: downloading the video of task video_1: 90 KB of 4.0 MB after 0:45");
    assertThat(err.toString()).doesNotContain("\u001b").doesNotContain("\r");
    assertThat(out.toString()).isEmpty();

    StringWriter quickErr = new StringWriter();
    DownloadProgress quick = new DownloadProgress(TASK, false, new Output(new PrintWriter(out),
        new PrintWriter(quickErr), false), now::get, () -> 80);
    now.set(START);
    for (long second = 0; second <= 14; second++) {
      at(quick, now, second, second * 300_000);
    }
    assertThat(quickErr.toString()).isEmpty();
  }

  @Test
  void atATerminalTheLineShowsTheBytesSoFarOfTheWholeEachSecondAndIsErasedAtTheEnd() {
    DownloadProgress shown = progress(true);
    at(shown, now, 0, 0);
    at(shown, now, 1, 2048);
    at(shown, now, 2, 4096);
    assertThat(err.toString()).endsWith("\rdownloading task video_1  4 KB of 4.0 MB  0:02\u001b[K");
    assertThat(err.toString()).contains("\rdownloading task video_1  2 KB of 4.0 MB  0:01\u001b[K");

    shown.close();
    assertThat(err.toString()).endsWith("\r\u001b[K");
  }

  @Test
  void aDownloadThatBringsNoBytesSaysItIsStillWaitingBeforeTheReadTimeoutEndsIt() {
    DownloadProgress stalled = progress(false);
    at(stalled, now, 0, 0);
    at(stalled, now, 1, 2L * 1024 * 1024);
    for (long second = 2; second <= 59; second++) {
      now.set(START.plusSeconds(second));
      stalled.check();
    }
    assertThat(err.toString().lines().filter(line -> line.contains("has had no bytes")))
        .containsExactly(
            "vidgen: the video of task video_1 has had no bytes for 15 s (2.0 MB of 4.0 MB so far); still waiting for"
                + " them (a download silent for the read timeout, 60 s on ToAPIs, is cut off and tried again)",
            "vidgen: the video of task video_1 has had no bytes for 45 s (2.0 MB of 4.0 MB so far); still waiting for"
                + " them (a download silent for the read timeout, 60 s on ToAPIs, is cut off and tried again)");
  }
}
