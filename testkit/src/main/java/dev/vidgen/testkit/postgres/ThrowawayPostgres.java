package dev.vidgen.testkit.postgres;

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

/**
 * A throwaway PostgreSQL server made from the installed programs ({@code initdb}, {@code pg_ctl}):
 * a new cluster in a temporary folder, on 127.0.0.1 and a free port, run as the {@code postgres}
 * user when this process runs as root; {@link #close()} stops it and deletes the folder. For
 * tests and benchmarks of the PostgreSQL journal.
 */
public final class ThrowawayPostgres implements AutoCloseable {
  /** Names the folder of PostgreSQL's programs, such as {@code -Dvidgen.test.pgbin=/usr/lib/postgresql/15/bin}. */
  public static final String BIN_PROPERTY = "vidgen.test.pgbin";

  private final Path bin;
  private final Path dir;
  private final int port;
  private final boolean asPostgresUser;

  /** PostgreSQL cannot run here; the message says why. */
  public static final class UnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    UnavailableException(String message) {
      super(message);
    }
  }

  private ThrowawayPostgres(Path bin, Path dir, int port, boolean asPostgresUser) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  /**
   * Makes and starts a cluster with the server {@code settings} given (each {@code name=value},
   * such as {@code fsync=off}; none keeps PostgreSQL's defaults).
   *
   * @throws UnavailableException when PostgreSQL is not installed or does not start
   */
  public static ThrowawayPostgres start(List<String> settings) throws UnavailableException {
    Optional<Path> bin = findBin();
    if (bin.isEmpty()) {
      throw new UnavailableException("PostgreSQL is not installed (no initdb and pg_ctl found on PATH, in"
          + " /usr/lib/postgresql/*/bin or in -D" + BIN_PROPERTY + "; Debian's postgresql package has them)");
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = null;
    try {
      dir = Files.createTempDirectory("vidgen-pg");
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
      Path data = dir.resolve("data");
      ThrowawayPostgres cluster = new ThrowawayPostgres(bin.get(), dir, freePort(), root);
      cluster.run(60, "initdb", "-D", data.toString(), "-A", "trust", "-U", "postgres", "--no-sync");
      StringBuilder options = new StringBuilder("-p " + cluster.port + " -k " + dir + " -c listen_addresses=127.0.0.1");
      settings.forEach(setting -> options.append(" -c ").append(setting));
      cluster.run(60, "pg_ctl", "-D", data.toString(), "-l", dir.resolve("server.log").toString(), "-w",
          "-o", options.toString(), "start");
      return cluster;
    } catch (IOException | IllegalStateException e) {
      if (dir != null) {
        delete(dir);
      }
      throw new UnavailableException("PostgreSQL could not be started here: " + e.getMessage());
    }
  }

  /** A JDBC URL for the cluster's {@code postgres} database, as user {@code postgres}. */
  public String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
  }

  /** The folder of the programs used, for reports. */
  public Path bin() {
    return bin;
  }

  /** Stops the server at once and deletes its folder. */
  @Override
  public void close() {
    try {
      run(60, "pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
    } catch (IOException | IllegalStateException e) {
      // Deleting the folder below is all that is left to do.
    }
    delete(dir);
  }

  private static void delete(Path dir) {
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
    String chosen = System.getProperty(BIN_PROPERTY);
    if (chosen != null && !chosen.isBlank()) {
      return Optional.of(Path.of(chosen.strip())).filter(ThrowawayPostgres::hasPrograms);
    }
    List<Path> candidates = new ArrayList<>();
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
    return candidates.stream().filter(ThrowawayPostgres::hasPrograms).map(dir -> {
      try {
        return dir.resolve("initdb").toRealPath().getParent();
      } catch (IOException e) {
        return dir;
      }
    }).findFirst();
  }

  private static boolean hasPrograms(Path dir) {
    return Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
