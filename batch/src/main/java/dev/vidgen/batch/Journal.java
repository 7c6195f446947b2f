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

  Journal(JobStore store, Executor io, Clock clock, Consumer<Entry> written) {
    this.store = store;
    this.io = io;
    this.clock = clock;
    this.written = written;
  }

  /**
   * Completes with the stored next entry once it is durable; fails with {@link ClaimLostException}
   * when another worker took the job meanwhile.
   */
  CompletableFuture<Entry> move(Entry current, UnaryOperator<Entry.Builder> change) {
    return CompletableFuture.supplyAsync(() -> {
      Entry next = change.apply(current.toBuilder()).updatedAt(clock.instant()).build();
      Transitions.require(current.key(), current.state(), next.state());
      Entry stored = store.update(next).orElseThrow(() -> new ClaimLostException(current.key()));
      written.accept(stored);
      return stored;
    }, io);
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
