package dev.vidgen.journal.jdbc;

import dev.vidgen.core.batch.InMemoryJobStore;
import dev.vidgen.core.port.JobStore;

class InMemoryJobStoreTest extends JobStoreContract {
  @Override
  JobStore newStore() {
    return new InMemoryJobStore();
  }
}
