package dev.vidgen.batch;

import java.time.Duration;

/**
 * How many creates of a runner went out and have no answer in the journal yet, so that a Ctrl-C can
 * give them a moment to answer: a task id that reaches the journal is followed by the next run
 * instead of being reported unknown (and perhaps paid for again). Thread-safe.
 */
final class CreatesOnTheirWay {
  private int count;

  synchronized void started() {
    count++;
  }

  /** A create's answer (a task, or a failure) is in the journal. */
  synchronized void settled() {
    count--;
    notifyAll();
  }

  synchronized int count() {
    return count;
  }

  /** Waits up to {@code max} until none is on its way; whether none is. */
  synchronized boolean awaitNone(Duration max) throws InterruptedException {
    long until = System.nanoTime() + max.toNanos();
    while (count > 0) {
      long left = until - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }
}
