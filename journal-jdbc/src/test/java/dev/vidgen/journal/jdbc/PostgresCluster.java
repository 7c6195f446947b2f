package dev.vidgen.journal.jdbc;

import dev.vidgen.testkit.postgres.ThrowawayPostgres;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The throwaway PostgreSQL server of a test run ({@link ThrowawayPostgres}, with {@code fsync}
 * off: tests need no durability). Where PostgreSQL is not installed the calling test is reported
 * skipped, with why.
 */
final class PostgresCluster {
  private static ThrowawayPostgres shared;
  private static String sharedFailure;

  private PostgresCluster() {}

  /**
   * The one cluster of this test run, started on first use and stopped when the JVM ends; aborts
   * the calling test (skipped, with the reason) when PostgreSQL cannot run here.
   */
  static synchronized ThrowawayPostgres shared() {
    if (sharedFailure != null) {
      Assumptions.abort(sharedFailure);
    }
    if (shared == null) {
      try {
        shared = ThrowawayPostgres.start(List.of("fsync=off"));
      } catch (ThrowawayPostgres.UnavailableException e) {
        sharedFailure = e.getMessage() + " (.ci/run installs Debian's postgresql package)";
        // Said once in the build's own output too, so that a log shows why these tests did not run.
        System.err.println("SKIPPED: the PostgreSQL journal tests: " + sharedFailure);
        Assumptions.abort(sharedFailure);
      }
      ThrowawayPostgres cluster = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "stop-test-postgres"));
    }
    return shared;
  }
}
