package dev.vidgen.journal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.testkit.JobStoreContract;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PostgresJobStoreTest extends JobStoreContract {

  @Override
  protected JobStore newStore() {
    return Journals.open(PostgresCluster.shared().url());
  }

  @Test
  void workersStartedTogetherOnAFreshDatabaseAllOpenIt() throws Exception {
    ExecutorService workers = Executors.newFixedThreadPool(6);
    try {
      // Five fresh schemas, six workers each: without the lock, CREATE TABLE IF NOT EXISTS collides.
      for (int round = 0; round < 5; round++) {
        String schema = "fresh_" + round + "_" + Long.toHexString(System.nanoTime());
        try (Connection admin = DriverManager.getConnection(PostgresCluster.shared().url());
            Statement st = admin.createStatement()) {
          st.execute("CREATE SCHEMA " + schema);
        }
        String url = PostgresCluster.shared().url() + "&currentSchema=" + schema;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<JobStore>> opened = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
          opened.add(workers.submit(() -> {
            go.await();
            return Journals.open(url);
          }));
        }
        go.countDown();
        for (Future<JobStore> store : opened) {
          try (JobStore journal = store.get(60, TimeUnit.SECONDS)) {
            assertThat(journal.entries("any")).isEmpty();
          }
        }
      }
    } finally {
      workers.shutdownNow();
    }
  }

  @Test
  void describesTheServerWithoutCredentials() {
    assertThat(store.describe()).startsWith("PostgreSQL journal jdbc:postgresql://127.0.0.1:").doesNotContain("user=");
    assertThat(Journals.safe("jdbc:postgresql://bob:pw@db:5432/jobs?password=x")).isEqualTo("jdbc:postgresql://db:5432/jobs");
  }
}
