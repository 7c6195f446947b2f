package dev.vidgen.cli;

import dev.vidgen.core.client.ProgressListener;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.TaskStatus;
import dev.vidgen.core.text.SafeText;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shows a wait on stderr. On a terminal: one bar redrawn in place (status, percent, elapsed,
 * the elapsed time ticking between polls). Elsewhere: a plain line each time the status or the
 * percent changes, which reads well in logs.
 */
final class ProgressPrinter implements ProgressListener, AutoCloseable {
  private static final int BAR_WIDTH = 24;

  private final PrintWriter err;
  private final boolean terminal;
  private final String taskId;
  private final ScheduledExecutorService ticker;
  private TaskSnapshot last;
  private Duration lastElapsed = Duration.ZERO;
  private long lastAtNanos;
  private int drawnWidth;
  private String lastLine;

  ProgressPrinter(PrintWriter err, boolean terminal, String taskId) {
    this.err = err;
    this.terminal = terminal;
    this.taskId = SafeText.clean(taskId);
    if (terminal) {
      ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "vidgen-progress");
        thread.setDaemon(true);
        return thread;
      });
      ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    } else {
      ticker = null;
    }
  }

  @Override
  public synchronized void onProgress(TaskSnapshot snapshot, Duration elapsed) {
    last = snapshot;
    lastElapsed = elapsed;
    lastAtNanos = System.nanoTime();
    if (terminal) {
      draw(elapsed);
      return;
    }
    String line = SafeText.clean(Views.status(snapshot));
    if (!line.equals(lastLine)) {
      lastLine = line;
      err.println("vidgen: task " + taskId + " " + line + " after " + clock(elapsed));
      err.flush();
    }
  }

  private synchronized void tick() {
    if (last != null && !last.status().isTerminal()) {
      draw(lastElapsed.plusNanos(System.nanoTime() - lastAtNanos));
    }
  }

  private void draw(Duration elapsed) {
    String line = bar(last, elapsed);
    err.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
    err.flush();
    drawnWidth = line.length();
  }

  /** "task video_1  [##########--------------]  42%  in_progress  0:31". */
  String bar(TaskSnapshot snapshot, Duration elapsed) {
    int percent = snapshot.percent().orElse(snapshot.status() == TaskStatus.COMPLETED ? 100 : 0);
    int filled = percent * BAR_WIDTH / 100;
    String percentText = snapshot.percent().isPresent() || snapshot.status().isTerminal()
        ? String.format(Locale.ROOT, "%3d%%", percent)
        : "  ?%";
    return "task " + taskId + "  [" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "]  "
        + percentText + "  " + SafeText.clean(word(snapshot)) + "  " + clock(elapsed);
  }

  /** The status, or the provider's own word when it is one vidgen does not know (polling goes on). */
  private static String word(TaskSnapshot snapshot) {
    String id = snapshot.status().id();
    return snapshot.status().isTerminal() || snapshot.rawStatus().equalsIgnoreCase(id)
        ? id
        : id + " (" + snapshot.rawStatus() + ")";
  }

  /** "0:07", "12:30", "1:02:03". */
  static String clock(Duration elapsed) {
    long seconds = Math.max(0, elapsed.toSeconds());
    long hours = seconds / 3600;
    long minutes = seconds % 3600 / 60;
    long rest = seconds % 60;
    return hours > 0
        ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, rest)
        : String.format(Locale.ROOT, "%d:%02d", minutes, rest);
  }

  /** Stops the ticker and ends the bar's line. */
  @Override
  public synchronized void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    if (terminal && drawnWidth > 0) {
      err.println();
      err.flush();
      drawnWidth = 0;
    }
  }
}
