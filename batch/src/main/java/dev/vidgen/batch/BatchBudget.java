package dev.vidgen.batch;

import dev.vidgen.batch.journal.JobStore.Entry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The batch's {@code --max-credits}, shared by every worker on its journal: {@code spentOf} reckons what the
 * batch's takes may cost from the journal's entries (earlier runs' and every live worker's), and a take is
 * written before its create goes out only while that stays within {@code maxCredits}.
 */
record BatchBudget(BigDecimal maxCredits, Function<List<Entry>, BigDecimal> spentOf) {
  BatchBudget {
    Objects.requireNonNull(maxCredits, "maxCredits == null");
    Objects.requireNonNull(spentOf, "spentOf == null");
  }

  /**
   * What the batch's takes may cost at {@code now}: as {@code spentOf} reckons {@code entries}, plus, for each create
   * a live worker holds waiting its turn (marked as none on its way), the take it sends once its turn comes, which
   * goes out without another look at the budget.
   */
  BigDecimal spent(List<Entry> entries, Instant now) {
    BigDecimal waiting = entries.stream()
        .filter(e -> e.createWaiting() && e.credits() != null && e.worker() != null && e.leaseUntil() != null
            && e.leaseUntil().isAfter(now))
        .map(Entry::credits)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
    return spentOf.apply(entries).add(waiting);
  }
}
