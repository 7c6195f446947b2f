package dev.vidgen.journal.jdbc;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL server for tests: a new cluster in a temporary folder, on 127.0.0.1 and
 * a free port, run as the {@code postgres} user when the tests run as root, stopped and deleted
 * at the end. Where PostgreSQL is not installed the calling test is reported skipped, with why.
 */
final class PostgresCluster implements AutoCloseable {
  /** Names the folder of PostgreSQL's programs, such as {@code -Dvidgen.test.pgbin=/usr/lib/postgresql/15/bin}. */
  static final String BIN_PROPERTY = "vidgen.test.pgbin";

  private final Path bin;
  private final Path dir;
  private final int port;
  private final boolean asPostgresUser;

  private PostgresCluster(Path bin, Path dir, int port, boolean asPostgresUser) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  private static PostgresCluster shared;
  private static String sharedFailure;

  /**
   * The one cluster of this test run, started on first use and stopped when the JVM ends; aborts
   * the calling test (skipped, with the reason) when PostgreSQL cannot run here.
   */
  static synchronized PostgresCluster shared() {
    if (sharedFailure != null) {
      Assumptions.abort(sharedFailure);
    }
    if (shared == null) {
      try {
        shared = startOrSkip();
      } catch (org.opentest4j.TestAbortedException e) {
        sharedFailure = e.getMessage();
        // Said once in the build's own output too, so that a log shows why these tests did not run.
        System.err.println("SKIPPED: the PostgreSQL journal tests: " + sharedFailure);
        throw e;
      }
      PostgresCluster cluster = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "stop-test-postgres"));
    }
    return shared;
  }

  /** Starts a cluster, or aborts the calling test (skipped, with the reason) when that is impossible. */
  static PostgresCluster startOrSkip() {
    Optional<Path> bin = findBin();
    Assumptions.assumeTrue(bin.isPresent(), "PostgreSQL is not installed (no initdb and pg_ctl found on PATH,"
        + " in /usr/lib/postgresql/*/bin or in -D" + BIN_PROPERTY + "; .ci/run installs Debian's postgresql package)");
    boolean root = "root".equals(System.getProperty("user.name"));
    try {
      Path dir = Files.createTempDirectory("vidgen-pg");
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
      Path data = dir.resolve("data");
      int port = freePort();
      PostgresCluster cluster = new PostgresCluster(bin.get(), dir, port, root);
      cluster.run(60, "initdb", "-D", data.toString(), "-A", "trust", "-U", "postgres", "--no-sync");
      cluster.run(60, "pg_ctl", "-D", data.toString(), "-l", dir.resolve("server.log").toString(), "-w",
          "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
      return cluster;
    } catch (IOException | IllegalStateException e) {
      Assumptions.abort("PostgreSQL could not be started here: " + e.getMessage());
      throw new AssertionError("unreachable");
    }
  }

  /** A JDBC URL for the cluster's {@code postgres} database. */
  String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
  }

  @Override
  public void close() {
    try {
      run(60, "pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
    } catch (IOException | IllegalStateException e) {
      // Deleting the folder below is all that is left to do.
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A temporary folder left behind is harmless.
    }
  }

  private void run(int timeoutSeconds, String tool, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    if (asPostgresUser) {
      command.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    command.add(bin.resolve(tool).toString());
    command.addAll(List.of(args));
    Path log = dir.resolve(tool + ".out");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
        .directory(dir.toFile()).start();
    try {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(tool + " did not finish within " + timeoutSeconds + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + tool + " ran", e);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(tool + " failed (exit " + process.exitValue() + "): "
          + Files.readString(log, StandardCharsets.UTF_8).strip());
    }
  }

  /**
   * The folder holding {@code initdb} and {@code pg_ctl}: the system property {@value #BIN_PROPERTY}
   * when set (only that folder), else {@code PATH}, else Debian's {@code /usr/lib/postgresql/N/bin}.
   */
  private static Optional<Path> findBin() {
    List<Path> candidates = new ArrayList<>();
    String chosen = System.getProperty(BIN_PROPERTY);
    if (chosen != null && !chosen.isBlank()) {
      return Optional.of(Path.of(chosen.strip()))
          .filter(dir -> Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl")));
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String part : path.split(":")) {
        candidates.add(Path.of(part));
      }
    }
    Path lib = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(lib)) {
      try (Stream<Path> versions = Files.list(lib)) {
        versions.sorted(Comparator.reverseOrder()).forEach(version -> candidates.add(version.resolve("bin")));
      } catch (IOException e) {
        // Only PATH is searched then.
      }
    }
    return candidates.stream()
        .filter(dir -> Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl")))
        .map(dir -> {
          try {
            return dir.resolve("initdb").toRealPath().getParent();
          } catch (IOException e) {
            return dir;
          }
        })
        .findFirst();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
