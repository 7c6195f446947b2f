package dev.vidgen.cli;

import dev.vidgen.batch.BatchListener;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This run's creates sent again blind after a server error, less those of the jobs it left {@code
 * unknown}: an unknown job's takes are all counted in its own worst case, so the two figures are
 * disjoint and add up to the batch's worst case. Forwards every event to {@code next}.
 */
final class RunResends extends ForwardingBatchListener {
  /** Each job this run left unknown after its create, and how many of its takes this run sent again. */
  private final Map<String, Entry> endedUnknown = new ConcurrentHashMap<>();
  private final Map<String, Integer> againByKey = new ConcurrentHashMap<>();
  /** The jobs whose create this run is sending, each with the tasks its entry counted before (earlier takes). */
  private final Map<String, Integer> sending = new ConcurrentHashMap<>();

  RunResends(BatchListener next) {
    super(next);
  }

  /** What this run's resends of jobs that ended with a task may have cost; {@code unpriced} of them have no price. */
  record Resent(int takes, BigDecimal credits, int unpriced) {
    /** The credits for {@code --json}: null when a take's price is unknown, never a zero that hides it. */
    BigDecimal creditsOrNull() {
      return unpriced > 0 ? null : credits;
    }
  }

  @Override
  public void onWritten(Entry entry) {
    // Only a create of this run that ended unknown: a job kept unknown from an earlier run had its resends then.
    Integer before = entry.state() == State.UNKNOWN ? sending.remove(entry.key()) : null;
    if (before != null) {
      endedUnknown.put(entry.key(), entry);
      againByKey.put(entry.key(), Math.max(0, entry.possibleTasks() - before));
    } else if (entry.state() == State.SUBMITTING) {
      sending.put(entry.key(), entry.possibleTasks());
      endedUnknown.remove(entry.key());
    } else if (entry.state() != State.UNKNOWN) {
      sending.remove(entry.key());
      endedUnknown.remove(entry.key());
    }
    super.onWritten(entry);
  }

  /** The session's resends less each unknown job's: all its takes of this run but the last were sent again. */
  Resent of(Session session) {
    int takes = session.resentBlind();
    BigDecimal credits = session.resentCredits();
    int unpriced = session.resentUnpriced();
    for (Entry entry : endedUnknown.values()) {
      int again = againByKey.getOrDefault(entry.key(), 0);
      takes -= again;
      if (entry.credits() == null) {
        unpriced -= again;
      } else {
        credits = credits.subtract(entry.credits().multiply(BigDecimal.valueOf(again)));
      }
    }
    return new Resent(Math.max(0, takes), credits.max(BigDecimal.ZERO), Math.max(0, unpriced));
  }
}
