package dev.vidgen.journal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.testkit.JobStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** An SQLite journal in a data source the application made keeps the same contract. */
class SqliteDataSourceJobStoreTest extends JobStoreContract {
  @TempDir Path dir;

  @Override
  protected JobStore newStore() {
    SQLiteDataSource dataSource = new SQLiteDataSource();
    dataSource.setUrl("jdbc:sqlite:" + dir.resolve("app.db"));
    return Journals.open(dataSource);
  }

  @Test
  void saysItIsTheApplicationsDataSource() {
    assertThat(store.describe()).startsWith("SQLite journal jdbc:sqlite:").endsWith("(application DataSource)");
  }
}
