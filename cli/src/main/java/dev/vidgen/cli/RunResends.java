package dev.vidgen.cli;

import dev.vidgen.batch.BatchListener;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This run's creates sent again blind after a server error, counted per job from the task each job
 * got in this run: its handle names how many earlier takes may have made tasks of their own. A job
 * left {@code unknown} has all its takes counted in its own worst case instead, so the two figures
 * are disjoint and add up to the batch's worst case. Forwards every event to {@code next}.
 */
final class RunResends extends ForwardingBatchListener {
  /** The jobs whose create this run is sending, each with the takes of earlier runs its entry carries. */
  private final Map<String, Integer> sending = new ConcurrentHashMap<>();
  /** Each job that got its task in this run after takes sent again blind, with how many of them. */
  private final Map<String, Resent> byJob = new ConcurrentHashMap<>();

  RunResends(BatchListener next) {
    super(next);
  }

  /** What this run's resends of jobs that ended with a task may have cost; {@code unpriced} of them have no price. */
  record Resent(int takes, BigDecimal credits, int unpriced) {
    static final Resent NONE = new Resent(0, BigDecimal.ZERO, 0);

    /** The credits for {@code --json}: null when a take's price is unknown, never a zero that hides it. */
    BigDecimal creditsOrNull() {
      return unpriced > 0 ? null : credits;
    }

    Resent plus(Resent other) {
      return new Resent(takes + other.takes, credits.add(other.credits), unpriced + other.unpriced);
    }
  }

  @Override
  public void onWritten(Entry entry) {
    if (entry.state() == State.SUBMITTING) {
      // Sent again after it was unknown (--resubmit-unknown), its entry counts 1 plus those earlier takes; as its
      // create starts only: a take sent again blind is counted in the entry before it leaves, and in the handle after.
      sending.putIfAbsent(entry.key(), entry.possibleTasks() - 1);
    } else {
      Integer earlier = sending.remove(entry.key());
      if (earlier != null && entry.state() != State.UNKNOWN) {
        // The handle's extra tasks are the earlier runs' takes plus this run's takes answered 500 and sent again.
        BatchTakes.withExtraTasks(entry).ifPresent(handle -> {
          int again = handle.possibleExtraTasks() - earlier;
          if (again > 0) {
            byJob.put(entry.key(), entry.credits() == null ? new Resent(again, BigDecimal.ZERO, again)
                : new Resent(again, entry.credits().multiply(BigDecimal.valueOf(again)), 0));
          }
        });
      }
    }
    super.onWritten(entry);
  }

  /** This run's takes sent again blind of the jobs that got a task in it, and what they may have cost. */
  Resent resent() {
    return byJob.values().stream().reduce(Resent.NONE, Resent::plus);
  }
}
