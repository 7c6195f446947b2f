package dev.vidgen.cli;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.client.VidgenListener;
import dev.vidgen.core.concurrent.DaemonThreads;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.text.SafeText;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Shows a video's download under way on stderr, from the client's progress events. On a terminal: one line
 * redrawn each second (bytes so far, of the whole when the server said it, time taken), erased when the
 * download ends. Elsewhere: a plain line once it has run {@link #PLAIN_EVERY}, then at most that often, so a
 * quick download prints nothing. A download that has had no bytes for 15 s, and again at 45 s, says so before
 * the read timeout cuts it off.
 */
final class DownloadProgress implements VidgenListener, AutoCloseable {
  /** How often, at most, a plain line tells a download's bytes where stderr is no terminal. */
  static final Duration PLAIN_EVERY = Duration.ofSeconds(15);
  /** When, after the last bytes came, a download that brings none is mentioned. */
  static final List<Duration> SILENT_SAY_AFTER = List.of(Duration.ofSeconds(15), Duration.ofSeconds(45));
  private static final Duration CHECK_EVERY = Duration.ofSeconds(1);
  /** ANSI "erase to the end of the line", as the wait's progress line uses it. */
  private static final String ERASE_REST = "\u001b[K";

  private final TaskId task;
  private final boolean terminal;
  private final Output output;
  private final Supplier<Instant> now;
  private final IntSupplier width;
  private ScheduledExecutorService timer;
  private Runnable stopListening = () -> { };
  private Instant startedAt;
  private Instant bytesAt;
  private Instant lineAt;
  private long bytes;
  private long total = -1;
  private int silentSaid;
  private boolean drawn;

  /** Shows {@code task}'s download on {@code output}'s stderr; {@link #check} is called by the caller. */
  DownloadProgress(TaskId task, boolean terminal, Output output, Supplier<Instant> now, IntSupplier width) {
    this.task = task;
    this.terminal = terminal;
    this.output = output;
    this.now = now;
    this.width = width;
  }

  /** Shows the downloads of {@code handle}'s video on {@code client}, checked each second, until closed. */
  static DownloadProgress show(VidgenClient client, JobHandle handle, boolean terminal, Output output) {
    DownloadProgress progress = new DownloadProgress(handle.taskId(), terminal, output, Instant::now,
        TerminalWidth::current);
    output.beforeNotes(progress::clearLine);
    progress.timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("vidgen-download-progress"));
    progress.timer.scheduleWithFixedDelay(progress::check, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(),
        TimeUnit.MILLISECONDS);
    progress.stopListening = client.addListener(progress);
    return progress;
  }

  @Override
  public synchronized void onDownloadProgress(JobHandle handle, long soFar, long totalBytes) {
    if (!task.equals(handle.taskId())) {
      return;
    }
    Instant at = now.get();
    if (startedAt == null) {
      startedAt = at;
    }
    if (bytesAt == null || soFar != bytes) {
      bytesAt = at; // bytes came, or a new try began
      silentSaid = 0;
    }
    bytes = soFar;
    total = totalBytes;
  }

  /** Redraws the line, prints a plain one when it is due, and says a download that has gone silent. */
  synchronized void check() {
    if (startedAt == null) {
      return;
    }
    Instant at = now.get();
    Duration silent = Duration.between(bytesAt, at);
    if (silentSaid < SILENT_SAY_AFTER.size() && silent.compareTo(SILENT_SAY_AFTER.get(silentSaid)) >= 0) {
      while (silentSaid < SILENT_SAY_AFTER.size() && silent.compareTo(SILENT_SAY_AFTER.get(silentSaid)) >= 0) {
        silentSaid++;
      }
      output.note("the video of task " + task.value() + " has had no bytes for " + silent.toSeconds() + " s ("
          + soFar() + " so far); still waiting for them (a download silent for the read timeout, 60 s on ToAPIs,"
          + " is cut off and tried again)");
    }
    Duration taken = Duration.between(startedAt, at);
    if (terminal) {
      PrintWriter err = output.err();
      err.print("\r" + TerminalWidth.clip("downloading task " + SafeText.clean(task.value()) + "  " + soFar() + "  "
          + ProgressPrinter.clock(taken), Math.max(1, width.getAsInt() - 1)) + ERASE_REST);
      err.flush();
      drawn = true;
      return;
    }
    if (Duration.between(lineAt == null ? startedAt : lineAt, at).compareTo(PLAIN_EVERY) >= 0) {
      lineAt = at;
      PrintWriter err = output.err();
      err.println("vidgen: downloading the video of task " + SafeText.clean(task.value()) + ": " + soFar() + " after "
          + ProgressPrinter.clock(taken));
      err.flush();
    }
  }

  /** "1.2 MB of 4.0 MB", or "1.2 MB" when the server did not say the whole. */
  private String soFar() {
    return Views.size(bytes) + (total > 0 ? " of " + Views.size(total) : "");
  }

  /** Erases the drawn line (on a terminal), so that a note printed next starts on a clean line. */
  synchronized void clearLine() {
    if (drawn) {
      output.err().print("\r" + ERASE_REST);
      output.err().flush();
      drawn = false;
    }
  }

  @Override
  public void close() {
    stopListening.run();
    if (timer != null) {
      timer.shutdownNow();
    }
    clearLine();
    output.beforeNotes(null);
  }
}
