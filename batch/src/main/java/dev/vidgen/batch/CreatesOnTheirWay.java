package dev.vidgen.batch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The creates of a runner from their journal step until their outcome is in the journal, so that a
 * Ctrl-C can stop new ones and give those on their way a moment to answer: a task id that reaches
 * the journal is followed by the next run instead of being reported unknown (and perhaps paid for
 * again). Only a create handed to the client may be on its way; one still being journaled when the
 * stop comes never leaves. Thread-safe.
 */
final class CreatesOnTheirWay {
  /** How long a stop waits at most for a create being handed to the client to get there (it takes a moment). */
  private final Duration handOverWait;

  /** One create, counted from before its journal step until it {@link #settled}. */
  static final class Create {
    /** Given to the client: it may be on its way, until {@link #unsent}. */
    private boolean handedOver;
    /** Surely not made: stopped before it left, or waiting to be sent again after answers that made nothing. */
    private boolean unsent;
    /** The signal that tells the client to stop sending it; null once it is answered. */
    private CompletableFuture<Void> stop;
    /** Counted as on its way when the creates closed. */
    private boolean toldOnItsWay;
  }

  private final Set<Create> open = new HashSet<>();

  CreatesOnTheirWay() {
    this(Duration.ofSeconds(2));
  }

  CreatesOnTheirWay(Duration handOverWait) {
    this.handOverWait = handOverWait;
  }

  /** The threads handing a create to the client now: a stop waits for them, so that it tells every create. */
  private final List<Thread> handing = new ArrayList<>();
  private int notJournaled;
  /** Creates counted as on their way at the close that turned out never sent. */
  private int unsentAfterAll;
  private boolean closed;

  /** Counts a create about to be journaled and sent; null, and nothing counted, once no more may go out. */
  synchronized Create start() {
    if (closed) {
      return null;
    }
    Create create = new Create();
    open.add(create);
    return create;
  }

  /**
   * The create's journal step is done and it is handed to the client now: its stop signal, done
   * once no more creates may go out, or null when they may not already (it is then counted as
   * unsent). Call {@link #handedOver} once the client has it, whatever happened.
   */
  synchronized CompletableFuture<Void> handOver(Create create) {
    if (closed) {
      create.unsent = true;
      return null;
    }
    create.handedOver = true;
    create.stop = new CompletableFuture<>();
    handing.add(Thread.currentThread());
    return create.stop;
  }

  /** The client has the create that {@link #handOver} gave out (or refused it). */
  synchronized void handedOver() {
    handing.remove(Thread.currentThread());
    notifyAll();
  }

  /** The create was answered (a task, or a failure): its stop signal is no longer needed. */
  synchronized void answered(Create create) {
    create.stop = null;
  }

  /** The stop ended the create as surely not made: it is not on its way, though its job's return to pending may still be written. */
  synchronized void stoppedUnsent(Create create) {
    if (create.toldOnItsWay && !create.unsent) {
      unsentAfterAll++;
    }
    create.unsent = true;
  }

  /** How many creates that {@link #close} counted as on their way turned out never sent. */
  synchronized int unsentAfterAll() {
    return unsentAfterAll;
  }

  /**
   * The create's outcome is settled: its answer (a task, or a failure) is in the journal, or the
   * create never went out ({@code journaled} true), or the job ended without its answer written
   * ({@code journaled} false).
   */
  synchronized void settled(Create create, boolean journaled) {
    if (open.remove(create) && !journaled) {
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

  /**
   * Lets no more creates go out and tells those handed to the client to stop sending (one not left
   * yet, or waiting to be sent again, then ends at once); how many may be on their way now.
   */
  int close() {
    List<CompletableFuture<Void>> stops = new ArrayList<>();
    synchronized (this) {
      closed = true;
      awaitHandOvers();
      for (Create create : open) {
        if (create.stop != null) {
          stops.add(create.stop);
        }
      }
    }
    // Outside the lock: creates stopped before they left end now, and their jobs settle (which takes the lock).
    for (CompletableFuture<Void> stop : stops) {
      stop.complete(null);
    }
    synchronized (this) {
      int onTheirWay = 0;
      for (Create create : open) {
        if (create.handedOver && !create.unsent) {
          create.toldOnItsWay = true;
          onTheirWay++;
        }
      }
      return onTheirWay;
    }
  }

  /** Waits (holding the lock, which {@code wait} lets go) for creates being handed over by other threads to get there. */
  private void awaitHandOvers() {
    long until = System.nanoTime() + handOverWait.toNanos();
    while (handing.stream().anyMatch(thread -> thread != Thread.currentThread())) {
      long left = until - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** How many creates handed to the client may be on their way and have no outcome in the journal yet. */
  synchronized int onTheirWay() {
    return (int) open.stream().filter(create -> create.handedOver && !create.unsent).count();
  }

  /** How many creates have no outcome in the journal yet, on their way or not. */
  synchronized int count() {
    return open.size();
  }

  /** Waits up to {@code max} until every create's outcome is in the journal; whether it is. */
  synchronized boolean awaitNone(Duration max) throws InterruptedException {
    long until = System.nanoTime() + max.toNanos();
    while (!open.isEmpty()) {
      long left = until - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }
}
