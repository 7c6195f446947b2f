package dev.vidgen.journal.jdbc;

import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.core.files.OwnerOnly;
import dev.vidgen.core.files.SqliteFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * Opens batch journals: a file path becomes an embedded SQLite journal (one process at a time),
 * a {@code jdbc:postgresql:} URL a PostgreSQL journal that several workers share, a
 * {@code jdbc:sqlite:} URL an SQLite journal at that URL, and an application's {@link DataSource}
 * a journal in that database. The table is created when missing. The JDBC driver
 * ({@code org.xerial:sqlite-jdbc} or {@code org.postgresql:postgresql}) is the application's to add. A path or
 * {@code jdbc:sqlite:} URL has SQLite unpack its native library into vidgen's own folder
 * ({@code VIDGEN_HOME/sqlite-native}, else the user's cache folder) unless {@code org.sqlite.tmpdir} is set.
 */
public final class Journals {
  private Journals() {}

  /**
   * The journal at {@code location}.
   *
   * @throws IllegalArgumentException when {@code location} cannot be used, as {@link #requireSupported} says
   * @throws JournalException when the journal cannot be opened (in use, unreachable, not a journal)
   */
  public static JobStore open(String location) {
    requireSupported(location);
    String text = location.strip();
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:postgresql:")) {
      return postgres(text);
    }
    if (lower.startsWith("jdbc:sqlite:")) {
      NativeLibraryFolder.prepare();
      return sqliteUrl(text, driver(text, new Properties()));
    }
    return sqliteFile(Path.of(text));
  }

  /**
   * The SQLite journal at {@code url} opened through {@code connections}. A file its plain path names that was made
   * empty here is removed again when the start failed since SQLite's native library did not load, as for a path.
   */
  static JobStore sqliteUrl(String url, JdbcJobStore.Connections connections) {
    java.util.Optional<Path> file = plainFileOf(url);
    boolean made = file.map(Journals::ownerOnlyWhenNew).orElse(false);
    try {
      return JdbcJobStore.open(Dialect.SQLITE, connections, "SQLite journal " + url.substring("jdbc:sqlite:".length()));
    } catch (JournalException e) {
      if (made && NativeLibraryFailure.isIn(e)) {
        removeEmpty(file.get());
      }
      throw e;
    }
  }

  /** The file a {@code jdbc:sqlite:} URL names by a plain path (not {@code :memory:} nor a {@code file:} URI). */
  private static java.util.Optional<Path> plainFileOf(String url) {
    String file = url.substring("jdbc:sqlite:".length()).replaceFirst("\\?.*$", "");
    try {
      return file.isEmpty() || file.startsWith(":") || file.startsWith("file:") ? java.util.Optional.empty()
          : java.util.Optional.of(Path.of(file).toAbsolutePath());
    } catch (java.nio.file.InvalidPathException e) {
      return java.util.Optional.empty(); // the driver's to judge
    }
  }

  /**
   * Makes {@code file} empty and owner-only (0600) when it is missing, before SQLite opens it: the journal holds task
   * ids and result links, and SQLite gives its {@code -wal} and {@code -shm} files the journal's own mode. A
   * journal that exists keeps its mode. Whether it was made here.
   */
  private static boolean ownerOnlyWhenNew(Path file) {
    try {
      return OwnerOnly.emptyFile(file);
    } catch (IOException e) {
      return false; // SQLite's own open says why the file cannot be made (a folder in the way, no room, no right).
    }
  }

  /**
   * Checks {@code location} as {@link #open(String)} reads it, without opening or making anything.
   *
   * @throws IllegalArgumentException when it is another kind of URL, a folder, or a file whose folder
   *     does not exist (a plain path may lack its own folder, which is made, but not that folder's parent)
   */
  public static void requireSupported(String location) {
    Objects.requireNonNull(location, "location == null");
    String text = location.strip();
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:postgresql:")) {
      return;
    }
    if (lower.startsWith("jdbc:sqlite:")) {
      String file = text.substring("jdbc:sqlite:".length()).replaceFirst("\\?.*$", "");
      Path path;
      try {
        path = file.isEmpty() || file.startsWith(":") || file.startsWith("file:") ? null : Path.of(file).toAbsolutePath();
      } catch (java.nio.file.InvalidPathException e) {
        return; // a form this platform's paths do not read: the driver's to judge
      }
      if (path != null && Files.isDirectory(path)) {
        throw new IllegalArgumentException("journal " + safe(text) + " is a folder; give a file such as "
            + path.resolve("jobs.journal"));
      }
      Path parent = path == null ? null : path.getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        throw new IllegalArgumentException("journal " + safe(text) + " is in " + parent + ", which does not exist;"
            + " make that folder, or give the journal as a plain file path (whose folder is made)");
      }
      if (path != null) {
        requireUnplanted(path);
      }
      return;
    }
    if (isUrl(text)) {
      throw new IllegalArgumentException("journal " + safe(text) + " is not supported; " + ACCEPTED);
    }
    sqliteFileChecks(Path.of(text));
  }

  /** What {@link #open(String)} accepts, for messages. */
  public static final String ACCEPTED = "give a file path (an SQLite journal, such as jobs.journal), a"
      + " jdbc:sqlite:FILE URL, or a jdbc:postgresql://HOST:PORT/DATABASE URL";

  /**
   * Whether {@code location} is written as a URL ({@code scheme:…}, such as {@code jdbc:…} or
   * {@code mysql://…}) rather than a file path; one-letter schemes are Windows drives, not URLs.
   */
  public static boolean isUrl(String location) {
    return location.strip().matches("(?s)[A-Za-z][A-Za-z0-9+.-]+:.*");
  }

  /** Whether {@code location} names a database server rather than a file. */
  public static boolean isShared(String location) {
    return location.strip().toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:");
  }

  /**
   * An embedded SQLite journal in {@code file}. Its folder is made when missing, but only when
   * that folder's own parent exists: no other folders are made. A journal made here (and its {@code -wal}
   * and {@code -shm} files) is its owner's alone (0600, its folder 0700) where the file system has POSIX
   * permissions.
   */
  public static JobStore sqliteFile(Path file) {
    Path absolute = sqliteFileChecks(file);
    Path folder = absolute.getParent();
    try {
      if (folder != null && !Files.isDirectory(folder)) {
        OwnerOnly.folder(folder);
      }
    } catch (IOException e) {
      throw new JournalException("cannot create the folder of journal " + absolute + ": " + e, e);
    }
    // Before the look at an existing file, which loads the driver too (a resumed run's journal is one).
    NativeLibraryFolder.prepare();
    ForeignFiles.requireJournalOrNew(absolute);
    return sqliteFile(absolute, driver("jdbc:sqlite:" + absolute, new Properties()));
  }

  /**
   * The SQLite journal {@code absolute} opened through {@code connections}. A file made empty here for a start that
   * failed since SQLite's native library did not load is removed again: no journal was made in it.
   */
  static JobStore sqliteFile(Path absolute, JdbcJobStore.Connections connections) {
    boolean made = ownerOnlyWhenNew(absolute);
    try {
      return JdbcJobStore.open(Dialect.SQLITE, connections, "SQLite journal " + absolute, absolute);
    } catch (JournalException e) {
      if (made && NativeLibraryFailure.isIn(e)) {
        removeEmpty(absolute);
      }
      throw e;
    }
  }

  private static void removeEmpty(Path file) {
    try {
      if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) && Files.size(file) == 0) {
        Files.delete(file);
      }
    } catch (IOException e) {
      // Left as it is: an empty file is read as a new journal by the next run.
    }
  }

  /** The journal file {@code file} as an absolute path, refused when it is a folder or no folder can hold it. */
  private static Path sqliteFileChecks(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    if (Files.isDirectory(absolute)) {
      throw new IllegalArgumentException("journal " + absolute + " is a folder; give a file such as "
          + absolute.resolve("batch.journal"));
    }
    Path folder = absolute.getParent();
    if (folder != null && !Files.isDirectory(folder) && folder.getParent() != null
        && !Files.isDirectory(folder.getParent())) {
      throw new IllegalArgumentException("journal " + absolute + " is in " + folder + ", whose parent "
          + folder.getParent() + " does not exist either; make the folder first, or give a journal in an"
          + " existing folder");
    }
    requireUnplanted(absolute);
    return absolute;
  }

  /**
   * Refuses the SQLite journal {@code file} when another local user could have planted a link SQLite would follow
   * there (at its name or its side files'), or a file of theirs for it to write into: the journal holds task ids and
   * result links, and SQLite makes a file a link leads to with the umask's mode.
   */
  private static void requireUnplanted(Path file) {
    SqliteFiles.problem(file).ifPresent(problem -> {
      throw new IllegalArgumentException("journal " + file + " cannot be used: " + problem.what() + "; nothing was"
          + " made or sent; " + (problem.fix().isEmpty() ? "" : problem.fix() + ", or ") + "put the journal in a"
          + " folder of your own");
    });
  }

  private static JobStore postgres(String url) {
    Properties properties = new Properties();
    String lower = url.toLowerCase(Locale.ROOT);
    String user = System.getenv("PGUSER");
    String password = System.getenv("PGPASSWORD");
    if (!lower.contains("user=") && user != null && !user.isBlank()) {
      properties.setProperty("user", user);
    }
    if (!lower.contains("password=") && password != null && !password.isEmpty()) {
      properties.setProperty("password", password);
    }
    properties.setProperty("ApplicationName", "vidgen batch");
    properties.setProperty("connectTimeout", "10");
    properties.setProperty("tcpKeepAlive", "true");
    return JdbcJobStore.open(Dialect.POSTGRESQL, driver(url, properties), "PostgreSQL journal " + safe(url));
  }

  /**
   * A journal in the database of an application's {@code dataSource} (SQLite or PostgreSQL, told
   * by the database itself). The journal holds one connection of it until closed.
   *
   * @throws IllegalArgumentException when the database is of another kind
   * @throws JournalException when the database cannot be reached
   */
  public static JobStore open(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource == null");
    String product;
    String url;
    try (Connection probe = dataSource.getConnection()) {
      product = String.valueOf(probe.getMetaData().getDatabaseProductName());
      url = String.valueOf(probe.getMetaData().getURL());
    } catch (SQLException e) {
      throw new JournalException("cannot open a journal in the application's DataSource: " + e.getMessage(), e);
    }
    String lower = product.toLowerCase(Locale.ROOT);
    Dialect dialect;
    if (lower.contains("sqlite")) {
      dialect = Dialect.SQLITE;
    } else if (lower.contains("postgres")) {
      dialect = Dialect.POSTGRESQL;
    } else {
      throw new IllegalArgumentException("a journal cannot live in " + product + "; give a DataSource of SQLite or"
          + " PostgreSQL");
    }
    return JdbcJobStore.open(dialect, dataSource::getConnection,
        (dialect == Dialect.SQLITE ? "SQLite" : "PostgreSQL") + " journal " + safe(url) + " (application DataSource)");
  }

  private static JdbcJobStore.Connections driver(String url, Properties properties) {
    return () -> DriverManager.getConnection(url, properties);
  }

  /** The URL without its query (where a password may be) and without any user info. */
  static String safe(String url) {
    String text = url;
    int query = text.indexOf('?');
    if (query >= 0) {
      text = text.substring(0, query);
    }
    int at = text.indexOf('@');
    int slashes = text.indexOf("//");
    if (at >= 0 && slashes >= 0 && at > slashes) {
      text = text.substring(0, slashes + 2) + text.substring(at + 1);
    }
    return text;
  }
}
