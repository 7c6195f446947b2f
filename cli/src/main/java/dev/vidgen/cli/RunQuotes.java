package dev.vidgen.cli;

import dev.vidgen.batch.BatchListener;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import dev.vidgen.core.client.JobHandle;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What this run's creates may have cost at their quotes, read from the journal as each job leaves its create: every
 * take sent in this run that made a task or may have (a task, a create answered with a server error or not at all),
 * none for a create surely refused (a 429, a 402). What the balance should fall by at most, were the quotes the
 * provider's prices. Forwards every event to {@code next}.
 */
final class RunQuotes extends ForwardingBatchListener {
  /** The jobs whose create this run is sending, each with the takes of earlier runs its entry carries. */
  private final Map<String, Integer> sending = new ConcurrentHashMap<>();
  private final AtomicInteger unpriced = new AtomicInteger();
  private BigDecimal credits = BigDecimal.ZERO;

  RunQuotes(BatchListener next) {
    super(next);
  }

  /** What this run's takes may have cost at their quotes; {@code unpriced} takes of them have no price. */
  record Quoted(BigDecimal credits, int unpriced) {}

  @Override
  public void onWritten(Entry entry) {
    if (entry.state() == State.SUBMITTING) {
      sending.putIfAbsent(entry.key(), entry.possibleTasks() - 1);
    } else {
      Integer earlier = sending.remove(entry.key());
      int takes = earlier == null ? 0 : tasksNow(entry) - earlier;
      if (takes > 0) {
        if (entry.credits() == null) {
          unpriced.addAndGet(takes);
        } else {
          synchronized (this) {
            credits = credits.add(entry.credits().multiply(BigDecimal.valueOf(takes)));
          }
        }
      }
    }
    super.onWritten(entry);
  }

  /** How many tasks the job's takes may have made over all runs, as its entry says now. */
  private static int tasksNow(Entry entry) {
    if (entry.state() == State.UNKNOWN) {
      return entry.possibleTasks();
    }
    if (entry.taskId() != null) {
      return 1 + BatchTakes.withExtraTasks(entry).map(JobHandle::possibleExtraTasks).orElse(0);
    }
    return entry.possibleTasks() - 1; // the last take surely made none; earlier ones may have
  }

  /** What this run's takes that may have made tasks were quoted, so far. */
  synchronized Quoted quoted() {
    return new Quoted(credits, unpriced.get());
  }
}
