package dev.vidgen.cli;

import dev.vidgen.batch.BatchListener;
import dev.vidgen.batch.BatchProgress;
import dev.vidgen.core.text.Plural;
import dev.vidgen.core.text.Waits;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * Shows a batch on stderr. On a terminal: one bar redrawn in place (done of total, in flight,
 * failed, time left). Elsewhere: a plain line when the counts change, at most every few seconds,
 * which reads well in logs.
 */
final class BatchProgressBar implements BatchListener, AutoCloseable {
  private static final int BAR_WIDTH = 24;
  private static final long TERMINAL_EVERY_NANOS = 100_000_000L;
  private static final long LOG_EVERY_NANOS = 5_000_000_000L;

  private final PrintWriter err;
  private final boolean terminal;
  private BatchProgress last;
  private String lastShown;
  private long lastAt;
  private int drawnWidth;
  /** Once closed, counts are kept but nothing is drawn: notes that follow must not land on a bar. */
  private boolean closed;

  /** The monotonic clock the pace of lines is measured by. */
  private final java.util.function.LongSupplier nanoTime;
  /** The longest the batch client's look-up of a job's task by client reference takes, as its resume line says. */
  private final Duration lookUpAtMost;

  BatchProgressBar(PrintWriter err, boolean terminal, Duration lookUpAtMost) {
    this(err, terminal, lookUpAtMost, System::nanoTime);
  }

  BatchProgressBar(PrintWriter err, boolean terminal, Duration lookUpAtMost, java.util.function.LongSupplier nanoTime) {
    this.err = err;
    this.terminal = terminal;
    this.lookUpAtMost = lookUpAtMost;
    this.nanoTime = nanoTime;
  }

  @Override
  public synchronized void onProgress(BatchProgress progress) {
    last = progress;
    if (closed) {
      return;
    }
    long now = nanoTime.getAsLong();
    boolean finished = progress.done() == progress.total();
    if (!finished && lastShown != null && now - lastAt < (terminal ? TERMINAL_EVERY_NANOS : LOG_EVERY_NANOS)) {
      return;
    }
    show(progress, now);
  }

  @Override
  public synchronized void onWaiting(int jobs, java.util.List<String> workers, java.time.Instant until) {
    if (closed) {
      return;
    }
    if (terminal && drawnWidth > 0) {
      err.println();
      drawnWidth = 0;
    }
    int holders = workers.size();
    String them = Plural.word(jobs, "it", "them");
    err.println("vidgen: waiting for " + Plural.count(jobs, "job") + " held by " + Plural.word(holders, "worker ", "workers ")
        + String.join(", ", workers)
        + (until == null ? "" : " until " + until.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
        + " (later if " + Plural.word(holders, "that worker is", "those workers are") + " still running and "
        + Plural.word(holders, "renews it", "renew them") + "): this run goes on with " + them
        + " if " + Plural.word(holders, "that worker stops", "those workers stop") + " without finishing " + them
        + ", once " + Plural.word(holders, "its hold ends", "their holds end"));
    err.flush();
    lastShown = null;
  }

  /** Told even after the bar closed: a task the journal could not record has no other place its id is kept. */
  @Override
  public synchronized void onTaskNotJournaled(dev.vidgen.batch.journal.JobStore.Entry entry, String taskId,
      Throwable cause) {
    if (terminal && drawnWidth > 0) {
      err.println();
      drawnWidth = 0;
    }
    err.println("vidgen: " + TasksNotJournaled.told(entry, taskId, cause));
    err.flush();
    lastShown = null;
  }

  /** Prints {@code line} as a note of its own, off the bar; told even after the bar closed. */
  synchronized void warn(String line) {
    if (terminal && drawnWidth > 0) {
      err.println();
      drawnWidth = 0;
    }
    err.println("vidgen: " + line);
    err.flush();
    lastShown = null;
  }

  @Override
  public synchronized void onLookingUp(dev.vidgen.batch.journal.JobStore.Entry entry) {
    if (closed) {
      return;
    }
    if (terminal && drawnWidth > 0) {
      err.println();
      drawnWidth = 0;
    }
    err.println("vidgen: job " + entry.key() + " was being created when an earlier run stopped (attempt "
        + entry.attempts() + "): looking its task up by client reference " + entry.clientReference() + " (for at"
        + " most about " + Waits.seconds(lookUpAtMost) + ": the time a fresh task may take to be listed, and the"
        + " look-up's own reads) before sending anything");
    err.flush();
    lastShown = null;
  }

  private void show(BatchProgress progress, long now) {
    String line = line(progress);
    if (terminal) {
      String bar = bar(progress) + " " + line;
      err.print("\r" + bar + " ".repeat(Math.max(0, drawnWidth - bar.length())));
      drawnWidth = bar.length();
      err.flush();
    } else if (!counts(line).equals(lastShown == null ? null : counts(lastShown))) {
      // In a log, a line only when a count changed: the time left alone moves while a create hangs, saying nothing new.
      err.println("vidgen: batch " + line);
      err.flush();
    } else {
      return; // the counts last told still stand: they are what the next line is compared with
    }
    lastShown = line;
    lastAt = now;
  }

  /** "120/200 done · 8 in flight · 3 failed · 2 unknown · ETA 2m10s". */
  static String line(BatchProgress p) {
    StringBuilder text = new StringBuilder();
    text.append(p.done()).append('/').append(p.total()).append(" done · ")
        .append(p.inFlight()).append(" in flight · ")
        .append(p.failed()).append(" failed");
    if (p.unknown() > 0) {
      text.append(" · ").append(p.unknown()).append(" unknown");
    }
    p.remaining().ifPresent(eta -> text.append(" · ETA ").append(ProgressPrinter.clock(eta)));
    return text.toString();
  }

  /** {@code line} without its time left. */
  private static String counts(String line) {
    int eta = line.indexOf(" · ETA ");
    return eta < 0 ? line : line.substring(0, eta);
  }

  static String bar(BatchProgress p) {
    int filled = p.total() == 0 ? BAR_WIDTH : (int) Math.round(BAR_WIDTH * (double) p.done() / p.total());
    return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "]";
  }

  /** The last counts told, or null before any. */
  synchronized BatchProgress last() {
    return last;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (last != null && !line(last).equals(lastShown)) {
      show(last, System.nanoTime());
    }
    if (terminal && drawnWidth > 0) {
      err.println();
      err.flush();
    }
  }
}
