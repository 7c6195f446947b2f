package dev.vidgen.batch;

import java.time.Duration;

/**
 * The creates of a runner that went out and have no answer in the journal yet, so that a Ctrl-C can
 * stop new ones and give these a moment to answer: a task id that reaches the journal is followed
 * by the next run instead of being reported unknown (and perhaps paid for again). Thread-safe.
 */
final class CreatesOnTheirWay {
  /** The stop signals of the creates not answered yet, one each, so that none outlives its create. */
  private final java.util.Set<java.util.concurrent.CompletableFuture<Void>> stops =
      java.util.concurrent.ConcurrentHashMap.newKeySet();
  private int count;
  private int notJournaled;
  /** Creates that the stop ended as surely not made, still counted until their jobs' return to pending is journaled. */
  private int stoppedUnsent;
  private boolean closed;

  /**
   * A stop signal for one create, done once no more creates may go out (a create waiting to be
   * sent again then ends at once); {@link #forget} it when the create is answered.
   */
  java.util.concurrent.CompletableFuture<Void> stopSignal() {
    java.util.concurrent.CompletableFuture<Void> stop = new java.util.concurrent.CompletableFuture<>();
    stops.add(stop);
    if (closed()) {
      stop.complete(null);
    }
    return stop;
  }

  /** The create of {@code stop} was answered: its signal is no longer needed. */
  void forget(java.util.concurrent.CompletableFuture<Void> stop) {
    stops.remove(stop);
  }

  /** A create ended by the stop made nothing: it is not on its way, though its job's return to pending may still be written. */
  synchronized void stoppedUnsent() {
    stoppedUnsent++;
  }

  /** Counts a create about to go out; false, and nothing counted, once no more may go out. */
  synchronized boolean start() {
    if (closed) {
      return false;
    }
    count++;
    return true;
  }

  /**
   * A create's outcome is settled: its answer (a task, or a failure) is in the journal, or the
   * create never went out ({@code journaled} true), or the job ended without its answer written
   * ({@code journaled} false).
   */
  synchronized void settled(boolean journaled) {
    settled(journaled, false);
  }

  /** As {@link #settled(boolean)}, for a create that {@link #stoppedUnsent} counted apart when {@code unsent}. */
  synchronized void settled(boolean journaled, boolean unsent) {
    if (unsent) {
      stoppedUnsent--;
    }
    count--;
    if (!journaled) {
      notJournaled++;
    }
    notifyAll();
  }

  /** How many creates settled without their answer reaching the journal (their jobs' reasons say why). */
  synchronized int notJournaled() {
    return notJournaled;
  }

  /** Whether no more creates may go out. */
  synchronized boolean closed() {
    return closed;
  }

  /** Lets creates go out again: a new run after one whose time ran out (never after the process was told to stop). */
  synchronized void reopen() {
    closed = false;
  }

  /** Lets no more creates go out; how many are on their way now. */
  int close() {
    synchronized (this) {
      closed = true;
    }
    // Outside the lock: creates waiting to be sent again end now, and their jobs settle (which takes the lock).
    for (java.util.concurrent.CompletableFuture<Void> stop : java.util.List.copyOf(stops)) {
      stop.complete(null);
    }
    synchronized (this) {
      return Math.max(0, count - stoppedUnsent);
    }
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
