package dev.vidgen.cli;

import dev.vidgen.batch.BatchListener;
import dev.vidgen.batch.BatchProgress;
import dev.vidgen.batch.journal.JobStore.Entry;
import java.time.Duration;

/** A batch listener that passes every event on to {@code next}; subclasses add what they keep. */
abstract class ForwardingBatchListener implements BatchListener {
  private final BatchListener next;

  ForwardingBatchListener(BatchListener next) {
    this.next = next;
  }

  @Override
  public void onWritten(Entry entry) {
    next.onWritten(entry);
  }

  @Override
  public void onLookingUp(Entry entry) {
    next.onLookingUp(entry);
  }

  @Override
  public void onUnansweredFound(Entry entry) {
    next.onUnansweredFound(entry);
  }

  @Override
  public void onProgress(BatchProgress progress) {
    next.onProgress(progress);
  }

  @Override
  public void onWaiting(int jobs, java.util.List<String> workers, java.time.Instant until) {
    next.onWaiting(jobs, workers, until);
  }

  @Override
  public void onTaskNotJournaled(Entry entry, String taskId, Throwable cause) {
    next.onTaskNotJournaled(entry, taskId, cause);
  }

  @Override
  public void onNotSentNotJournaled(Entry entry, Throwable cause) {
    next.onNotSentNotJournaled(entry, cause);
  }

  @Override
  public void onSaveFailed(Entry entry, String taskId, String why, int tries, Duration retryIn) {
    next.onSaveFailed(entry, taskId, why, tries, retryIn);
  }
}
