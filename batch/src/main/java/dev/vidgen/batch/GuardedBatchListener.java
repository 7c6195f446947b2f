package dev.vidgen.batch;

import dev.vidgen.batch.journal.JobStore.Entry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's {@link BatchListener}, each call shielded: what it throws (an exception, or an {@link Error}
 * of its own such as a failed assertion) is logged and changes nothing, so that a progress bar's bug
 * never fails a journal write that is already durable, nor the run. The JVM failing goes on as it is.
 */
final class GuardedBatchListener implements BatchListener {
  private static final Logger LOG = LoggerFactory.getLogger(BatchRunner.class);

  private final BatchListener listener;

  private GuardedBatchListener(BatchListener listener) {
    this.listener = listener;
  }

  /** {@code listener} shielded; {@link BatchListener#NONE} as it is. */
  static BatchListener of(BatchListener listener) {
    return listener == BatchListener.NONE || listener instanceof GuardedBatchListener ? listener
        : new GuardedBatchListener(listener);
  }

  @Override
  public void onWritten(Entry entry) {
    shielded("onWritten", () -> listener.onWritten(entry));
  }

  @Override
  public void onLookingUp(Entry entry) {
    shielded("onLookingUp", () -> listener.onLookingUp(entry));
  }

  @Override
  public void onUnansweredFound(Entry entry) {
    shielded("onUnansweredFound", () -> listener.onUnansweredFound(entry));
  }

  @Override
  public void onProgress(BatchProgress progress) {
    shielded("onProgress", () -> listener.onProgress(progress));
  }

  @Override
  public void onWaiting(int jobs, List<String> workers, Instant until) {
    shielded("onWaiting", () -> listener.onWaiting(jobs, workers, until));
  }

  @Override
  public void onTaskNotJournaled(Entry entry, String taskId, Throwable cause) {
    shielded("onTaskNotJournaled", () -> listener.onTaskNotJournaled(entry, taskId, cause));
  }

  @Override
  public void onNotSentNotJournaled(Entry entry, Throwable cause) {
    shielded("onNotSentNotJournaled", () -> listener.onNotSentNotJournaled(entry, cause));
  }

  @Override
  public void onSaveFailed(Entry entry, String taskId, String why, int tries, Duration retryIn) {
    shielded("onSaveFailed", () -> listener.onSaveFailed(entry, taskId, why, tries, retryIn));
  }

  private static void shielded(String event, Runnable call) {
    try {
      call.run();
    } catch (RuntimeException | Error e) {
      if (e instanceof VirtualMachineError failing && !(e instanceof StackOverflowError)) {
        throw failing;
      }
      LOG.warn("a vidgen batch listener threw from {}; the batch goes on", event, e);
    }
  }
}
