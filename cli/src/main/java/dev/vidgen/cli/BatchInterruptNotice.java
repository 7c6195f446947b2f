package dev.vidgen.cli;

import dev.vidgen.batch.BatchProgress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * While a batch runs, Ctrl-C (or a SIGTERM) ends the bar and says where the batch stands and how
 * to go on; with {@code --json} that is the command's one JSON object, with {@code "status":
 * "interrupted"}. It reads only the last counts shown, never the journal, which a job may be
 * writing at that moment.
 */
final class BatchInterruptNotice implements AutoCloseable {
  private final Thread hook;
  private boolean armed = true;

  private BatchInterruptNotice(String batch, String journal, BatchProgressBar bar, Output output) {
    hook = new Thread(() -> tell(batch, journal, bar, output), "vidgen-batch-interrupted");
  }

  /** Arms the notice for the run of {@code batch} on {@code journal}; closing it disarms it. */
  static BatchInterruptNotice arm(String batch, String journal, BatchProgressBar bar, Output output) {
    BatchInterruptNotice notice = new BatchInterruptNotice(batch, journal, bar, output);
    Runtime.getRuntime().addShutdownHook(notice.hook);
    return notice;
  }

  private void tell(String batch, String journal, BatchProgressBar bar, Output output) {
    synchronized (this) {
      if (!armed) {
        return;
      }
      armed = false;
    }
    bar.close();
    BatchProgress last = bar.last();
    String next = "run the same command again: it goes on where this run stopped, and sends nothing twice";
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("status", "interrupted");
    json.put("batch", batch);
    json.put("journal", journal);
    if (last != null) {
      json.put("total", last.total());
      json.put("completed", last.completed());
      json.put("failed", last.failed());
      json.put("unknown", last.unknown());
      json.put("in_flight", last.inFlight());
    }
    json.put("next", next);
    output.object(json);
    String counts = last == null ? "" : " with " + last.done() + " of " + last.total() + " jobs done and " + last.inFlight()
        + " in flight (their tasks go on at the provider, and the next run follows them)";
    output.note("interrupted" + counts + "; every step is in " + journal + " (for an SQLite journal, copy its -wal"
        + " file with it): " + next);
  }

  @Override
  public void close() {
    synchronized (this) {
      armed = false;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down: the hook has run or is running.
    }
  }
}
