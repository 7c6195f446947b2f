package dev.vidgen.journal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.testkit.JobStoreContract;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** A PostgreSQL journal in a data source the application made keeps the same contract. */
class PostgresDataSourceJobStoreTest extends JobStoreContract {

  @Override
  protected JobStore newStore() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(PostgresCluster.shared().url());
    return Journals.open(dataSource);
  }

  @Test
  void describesTheServerWithoutCredentials() {
    assertThat(store.describe()).startsWith("PostgreSQL journal jdbc:postgresql://").doesNotContain("user=")
        .endsWith("(application DataSource)");
  }
}
