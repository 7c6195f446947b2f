package dev.vidgen.testkit;

import dev.vidgen.batch.journal.InMemoryJobStore;
import dev.vidgen.batch.journal.JobStore;

/** The in-memory journal keeps the journal contract. */
class InMemoryJobStoreTest extends JobStoreContract {
  @Override
  protected JobStore newStore() {
    return new InMemoryJobStore();
  }
}
