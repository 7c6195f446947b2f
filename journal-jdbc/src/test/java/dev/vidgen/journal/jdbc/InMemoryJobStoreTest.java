package dev.vidgen.journal.jdbc;

import dev.vidgen.batch.journal.InMemoryJobStore;
import dev.vidgen.batch.journal.JobStore;

class InMemoryJobStoreTest extends JobStoreContract {
  @Override
  JobStore newStore() {
    return new InMemoryJobStore();
  }
}
