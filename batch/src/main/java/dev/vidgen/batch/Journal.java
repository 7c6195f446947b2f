package dev.vidgen.batch;

import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.batch.journal.JobStore.Entry;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Writes job moves to the {@link JobStore} one at a time on the journal's own thread, so that
 * scheduler threads never wait on a disk or a database; checks each move against {@link
 * Transitions} and tells the runner about every write.
 */
final class Journal {
  private final JobStore store;
  private final Executor io;
  private final Clock clock;
  private final Consumer<Entry> written;
  private final java.time.Duration lease;
  /** Masks keys in the reason of each entry written. */
  private final UnaryOperator<String> withoutKeys;

  /** A journal that writes each reason as it is given. */
  Journal(JobStore store, Executor io, Clock clock, Consumer<Entry> written, java.time.Duration lease) {
    this(store, io, clock, written, lease, UnaryOperator.identity());
  }

  /**
   * A journal whose every move of a held job also carries its lease to at least {@code lease} from
   * now: a write must not put back the lease of the claim and undo the renewals since (a job whose
   * upload outlasted the lease would then look free to other workers mid-create). Each reason is written through
   * {@code withoutKeys}, which masks the keys a provider's words may echo.
   */
  Journal(JobStore store, Executor io, Clock clock, Consumer<Entry> written, java.time.Duration lease,
      UnaryOperator<String> withoutKeys) {
    this.store = store;
    this.io = io;
    this.clock = clock;
    this.written = written;
    this.lease = java.util.Objects.requireNonNull(lease, "lease == null");
    this.withoutKeys = java.util.Objects.requireNonNull(withoutKeys, "withoutKeys == null");
  }

  /**
   * Completes with the stored next entry once it is durable; fails with {@link ClaimLostException}
   * when another worker took the job meanwhile.
   */
  CompletableFuture<Entry> move(Entry current, UnaryOperator<Entry.Builder> change) {
    return move(current, change, store::update);
  }

  private CompletableFuture<Entry> move(Entry current, UnaryOperator<Entry.Builder> change,
      java.util.function.Function<Entry, java.util.Optional<Entry>> update) {
    return CompletableFuture.supplyAsync(() -> {
      java.time.Instant now = clock.instant();
      Entry.Builder builder = change.apply(current.toBuilder()).updatedAt(now);
      if (current.worker() != null) {
        java.time.Instant renewed = now.plus(lease);
        builder.claim(current.worker(), current.leaseUntil() != null && current.leaseUntil().isAfter(renewed)
            ? current.leaseUntil() : renewed);
      }
      Entry next = builder.build();
      // The journal outlives the terminal, which masks the key: a provider's words that echo it are masked here too.
      if (next.reason() != null && !withoutKeys.apply(next.reason()).equals(next.reason())) {
        next = next.toBuilder().reason(next.reasonCode(), withoutKeys.apply(next.reason())).build();
      }
      Transitions.require(current, next.state());
      Entry stored = update.apply(next).orElseThrow(() -> new ClaimLostException(current.key()));
      written.accept(stored);
      return stored;
    }, io);
  }

  /** The batch's limit on what its takes may cost and how to reckon that from the journal's entries; null: none. */
  private volatile BatchBudget budget;

  /** Makes {@link #moveWithinBudget} keep the batch's takes within {@code budget} (null: no limit). */
  void budget(BatchBudget budget) {
    this.budget = budget;
  }

  /**
   * As {@link #move}, the write of a take that may make a paid task: with a budget, it is written only if the batch's
   * takes, every worker's as the journal holds them, stay within it; fails with
   * {@link JobStore.OverLimitException} otherwise (nothing written).
   */
  CompletableFuture<Entry> moveWithinBudget(Entry current, UnaryOperator<Entry.Builder> change) {
    BatchBudget limit = budget;
    return limit == null ? move(current, change) : move(current, change, next -> store.updateWithin(next,
        limit.maxCredits(), entries -> limit.spent(entries, clock.instant())));
  }

  /** Runs {@code work} against the store on the journal's thread. */
  <T> CompletableFuture<T> call(java.util.function.Function<JobStore, T> work) {
    return CompletableFuture.supplyAsync(() -> work.apply(store), io);
  }

  /** Another worker holds the job now (this worker's lease ended); this worker lets it go. */
  static final class ClaimLostException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ClaimLostException(String key) {
      super("job " + key + " is held by another worker now (this worker's lease ended); leaving it to that worker");
    }
  }
}
