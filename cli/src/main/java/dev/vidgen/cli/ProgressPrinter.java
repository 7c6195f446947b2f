package dev.vidgen.cli;

import dev.vidgen.core.concurrent.DaemonThreads;
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
import java.util.function.IntSupplier;

/**
 * Shows a wait on stderr. On a terminal: one line redrawn in place (status, percent, elapsed,
 * the elapsed time ticking between polls), never wider than the terminal is at that moment: the
 * bar shrinks, then goes, then the task id is shortened. Elsewhere: a plain line each time the
 * status or the percent changes, which reads well in logs.
 */
final class ProgressPrinter implements ProgressListener, AutoCloseable {
  private static final int BAR_WIDTH = 24;
  private static final int MIN_BAR_WIDTH = 10;
  /** ANSI "erase to the end of the line": clears what a longer earlier line left behind. */
  private static final String ERASE_REST = "\u001b[K";

  private final PrintWriter err;
  private final boolean terminal;
  private final String taskId;
  private final IntSupplier width;
  private final ScheduledExecutorService ticker;
  private TaskSnapshot last;
  private Duration lastElapsed = Duration.ZERO;
  private long lastAtNanos;
  private int drawnWidth;
  private String lastLine;

  ProgressPrinter(PrintWriter err, boolean terminal, String taskId) {
    this(err, terminal, taskId, TerminalWidth::current);
  }

  /** With {@code width} telling the terminal's columns at each redraw. */
  ProgressPrinter(PrintWriter err, boolean terminal, String taskId, IntSupplier width) {
    this.err = err;
    this.width = width;
    this.terminal = terminal;
    this.taskId = SafeText.clean(taskId);
    if (terminal) {
      ticker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("vidgen-progress"));
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

  /**
   * The task was seen completed only after this process had not run for {@code pause} (a laptop's sleep): said as
   * such, not as a run that includes the pause.
   */
  @Override
  public synchronized void onCompletedAfterPause(TaskSnapshot snapshot, Duration elapsed, Duration pause) {
    last = snapshot;
    lastElapsed = elapsed;
    lastAtNanos = System.nanoTime();
    String words = SafeText.clean(Views.status(snapshot)) + "; seen after a pause of " + clock(pause);
    if (terminal) {
      clearLine();
    }
    lastLine = words;
    err.println("vidgen: task " + taskId + " " + words);
    err.flush();
  }

  private synchronized void tick() {
    if (last != null && !last.status().isTerminal()) {
      draw(lastElapsed.plusNanos(System.nanoTime() - lastAtNanos));
    }
  }

  /** Erases the drawn progress line (on a terminal), so that a note printed next starts on a clean line. */
  synchronized void clearLine() {
    if (terminal && drawnWidth > 0) {
      err.print("\r" + ERASE_REST);
      err.flush();
      drawnWidth = 0;
    }
  }

  private void draw(Duration elapsed) {
    String line = fit(last, elapsed, width.getAsInt());
    err.print("\r" + line + ERASE_REST);
    err.flush();
    drawnWidth = TerminalWidth.columns(line);
  }

  /** "task video_1  [##########--------------]  42%  in_progress  0:31" at full width. */
  String bar(TaskSnapshot snapshot, Duration elapsed) {
    return line("task " + taskId, barOf(snapshot, BAR_WIDTH), tail(snapshot, elapsed));
  }

  /**
   * The progress line in at most {@code columns - 1} columns (the last column would make some
   * terminals wrap): the bar shrinks to {@value #MIN_BAR_WIDTH}, then is left out, then the task
   * id keeps only its end, then only the status part is left.
   */
  String fit(TaskSnapshot snapshot, Duration elapsed, int columns) {
    int room = Math.max(1, columns - 1);
    String head = "task " + taskId;
    String tail = tail(snapshot, elapsed);
    int fixed = TerminalWidth.columns(line(head, "", tail));
    int barRoom = room - fixed - 2;
    if (barRoom >= MIN_BAR_WIDTH + 2) {
      return line(head, barOf(snapshot, Math.min(BAR_WIDTH, barRoom - 2)), tail);
    }
    if (fixed <= room) {
      return line(head, "", tail);
    }
    int idRoom = room - TerminalWidth.columns(line("task …", "", tail));
    if (idRoom >= 4) {
      String end = endIn(taskId, idRoom);
      return line("task …" + end, "", tail);
    }
    return TerminalWidth.clip(tail, room);
  }

  /** The longest end of {@code text} that fits in {@code columns} terminal columns (a wide letter takes two). */
  static String endIn(String text, int columns) {
    int start = text.length();
    int used = 0;
    while (start > 0) {
      int codePoint = text.codePointBefore(start);
      int more = TerminalWidth.columns(new String(Character.toChars(codePoint)));
      if (used + more > columns) {
        break;
      }
      used += more;
      start -= Character.charCount(codePoint);
    }
    return text.substring(start);
  }

  private static String line(String head, String bar, String tail) {
    return head + "  " + (bar.isEmpty() ? "" : bar + "  ") + tail;
  }

  private static String barOf(TaskSnapshot snapshot, int cells) {
    int filled = percentOf(snapshot) * cells / 100;
    return "[" + "#".repeat(filled) + "-".repeat(cells - filled) + "]";
  }

  private static int percentOf(TaskSnapshot snapshot) {
    return snapshot.percent().orElse(snapshot.status() == TaskStatus.COMPLETED ? 100 : 0);
  }

  private static String tail(TaskSnapshot snapshot, Duration elapsed) {
    String percentText = snapshot.percent().isPresent() || snapshot.status().isTerminal()
        ? String.format(Locale.ROOT, "%3d%%", percentOf(snapshot))
        : "  ?%";
    return percentText + "  " + SafeText.clean(word(snapshot)) + "  " + clock(elapsed);
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
