package dev.vidgen.cli;

import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import dev.vidgen.journal.jdbc.Journals;
import java.math.BigDecimal;
import java.util.List;

/**
 * What a batch's earlier runs may have cost, read from its journal, for {@code --max-credits}: each
 * job that got a task (or may have: {@code unknown}, or left being sent) at the price it was quoted
 * then, once per take that may have made a task. The earlier takes beyond one per job are what the
 * plan's total lacks; all of it is what this run's own creates may no longer spend.
 *
 * @param paid every earlier take that may have made a task, at its quote
 * @param extra the part of {@code paid} beyond one take per job (blind resends after a 500, resubmits, and a
 *     create left being sent that is looked up and sent again if not found)
 * @param unpriced takes that may have made a task but whose price is unknown
 */
record EarlierSpend(BigDecimal paid, BigDecimal extra, int unpriced) {
  static final EarlierSpend NONE = new EarlierSpend(BigDecimal.ZERO, BigDecimal.ZERO, 0);

  /**
   * Read from the journal at {@code location}; nothing when there is none yet or it cannot be read (the run
   * says why). With {@code resubmitUnknown} an {@code unknown} job is sent again, so the plan prices its new
   * create and all its earlier takes are beyond the plan's total.
   */
  static EarlierSpend of(String location, String batch, boolean resubmitUnknown) {
    if (!PaidTasks.mayExist(location)) {
      return NONE;
    }
    try (JobStore store = Journals.open(location)) {
      return of(store.entries(batch), resubmitUnknown);
    } catch (RuntimeException e) {
      return NONE;
    }
  }

  static EarlierSpend of(List<Entry> entries, boolean resubmitUnknown) {
    BigDecimal paid = BigDecimal.ZERO;
    BigDecimal extra = BigDecimal.ZERO;
    int unpriced = 0;
    for (Entry entry : entries) {
      int takes = takes(entry);
      if (takes == 0) {
        continue;
      }
      // A job without a task now (failed before one, pending again) is priced by the plan at today's price,
      // if at all: all its earlier takes are beyond the plan's total. So is a job left being sent whose create is
      // looked up by its client reference and sent again when not found: the take looked up may still be listed
      // late as a paid task of its own, beside the new create the plan prices.
      boolean resent = (entry.state() == State.UNKNOWN && resubmitUnknown) || resentAfterLookUp(entry);
      int beyondPlan = !resent && (entry.taskId() != null || entry.state() == State.UNKNOWN
          || entry.state() == State.SUBMITTING) ? takes - 1 : takes;
      if (entry.credits() == null) {
        unpriced += takes;
        continue;
      }
      paid = paid.add(entry.credits().multiply(BigDecimal.valueOf(takes)));
      extra = extra.add(entry.credits().multiply(BigDecimal.valueOf(beyondPlan)));
    }
    return new EarlierSpend(paid, extra, unpriced);
  }

  /**
   * Whether the run may send the job's create again after a take of unknown outcome left by a stopped run: one with a
   * client reference is looked up by it and sent again if not found.
   */
  private static boolean resentAfterLookUp(Entry entry) {
    return entry.state() == State.SUBMITTING && entry.taskId() == null && !entry.createWaiting()
        && entry.clientReference() != null;
  }

  /** How many of the job's takes so far may each have made a paid task. */
  private static int takes(Entry entry) {
    if (entry.state() == State.UNKNOWN || entry.state() == State.SUBMITTING && entry.taskId() == null
        && !entry.createWaiting()) {
      return entry.possibleTasks();
    }
    if (entry.taskId() != null) {
      return 1 + BatchTakes.withExtraTasks(entry).map(handle -> handle.possibleExtraTasks()).orElse(0);
    }
    return BatchTakes.earlierTakes(entry);
  }

  /** What this run's own creates may still spend under {@code maxCredits}. */
  BigDecimal leftOf(BigDecimal maxCredits) {
    return maxCredits.subtract(paid).max(BigDecimal.ZERO);
  }
}
