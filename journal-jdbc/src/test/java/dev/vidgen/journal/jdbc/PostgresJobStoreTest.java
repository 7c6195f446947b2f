package dev.vidgen.journal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.testkit.JobStoreContract;
import org.junit.jupiter.api.Test;

class PostgresJobStoreTest extends JobStoreContract {

  @Override
  protected JobStore newStore() {
    return Journals.open(PostgresCluster.shared().url());
  }

  @Test
  void describesTheServerWithoutCredentials() {
    assertThat(store.describe()).startsWith("PostgreSQL journal jdbc:postgresql://127.0.0.1:").doesNotContain("user=");
    assertThat(Journals.safe("jdbc:postgresql://bob:pw@db:5432/jobs?password=x")).isEqualTo("jdbc:postgresql://db:5432/jobs");
  }
}
