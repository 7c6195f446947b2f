package dev.vidgen.journal.jdbc;

import dev.vidgen.batch.journal.JobStore;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@link JobStore} in a SQL database reached through JDBC: an SQLite file (one process at a
 * time, every commit synced to disk) or PostgreSQL (any number of workers; claims lock rows and
 * skip rows other workers locked). One connection, used by one call at a time; a broken
 * connection is opened again. Open one with {@link Journals#open(String)} or
 * {@link Journals#open(javax.sql.DataSource)}.
 */
public final class JdbcJobStore implements JobStore {
  private static final String OPEN_STATES = "('pending', 'submitting', 'submitted')";

  private final Dialect dialect;
  private final Connections source;
  private final String description;
  /** The SQLite file, when the journal is one; null otherwise. */
  private java.nio.file.Path file;
  /** The file {@link #file} named when the journal opened, to tell whether it still does; null for no file. */
  private volatile FileIdentity opened;
  private Connection connection;

  /** Where connections come from: the driver manager for a URL, or an application's data source. */
  @FunctionalInterface
  interface Connections {
    Connection open() throws SQLException;
  }

  private JdbcJobStore(Dialect dialect, Connections source, String description) {
    this.dialect = dialect;
    this.source = source;
    this.description = description;
  }

  static JdbcJobStore open(Dialect dialect, Connections source, String description) {
    return open(dialect, source, description, null);
  }

  /** As {@link #open(Dialect, Connections, String)}, the journal kept in {@code file} (null: in no single file). */
  static JdbcJobStore open(Dialect dialect, Connections source, String description, java.nio.file.Path file) {
    JdbcJobStore store = new JdbcJobStore(dialect, source, description);
    store.file = file; // known before the first write, so that a file this user may not write is said to be so
    store.tx(c -> {
      try (Statement st = c.createStatement()) {
        if (dialect == Dialect.POSTGRESQL) {
          // CREATE ... IF NOT EXISTS races in PostgreSQL: workers started together would collide on the
          // table's type; one at a time, the later ones find it made. The lock ends with this transaction.
          st.execute("SELECT pg_advisory_xact_lock(" + Schema.CREATE_LOCK + ")");
        }
        for (String sql : Schema.CREATE) {
          st.execute(sql);
        }
        for (String column : Schema.ADDED_COLUMNS.keySet()) {
          if (!hasColumn(c, column)) {
            // A journal of an older vidgen: its rows read as one take each, sent with a key not known.
            st.execute(Schema.addColumn(column));
          }
        }
        if (dialect == Dialect.SQLITE) {
          // Only this process can hold the file (exclusive locking): every claim in it is a dead process's.
          st.executeUpdate("UPDATE " + Schema.TABLE + " SET worker = NULL, lease_until = NULL WHERE worker IS NOT NULL");
        }
      }
      return null;
    });
    if (file != null) {
      store.opened = FileIdentity.of(file); // made by now, if it was missing
    }
    return store;
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public java.util.Optional<java.nio.file.Path> file() {
    return java.util.Optional.ofNullable(file);
  }

  @Override
  public java.util.Optional<String> fileLost() {
    FileIdentity identity = opened;
    return identity == null ? java.util.Optional.empty() : identity.change();
  }

  @Override
  public List<Entry> enroll(String batch, List<Entry> fresh) {
    return tx(c -> {
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + Schema.TABLE + " (" + Schema.COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (batch, job_key) DO NOTHING")) {
        for (Entry entry : fresh) {
          bindAll(insert, entry);
          insert.addBatch();
        }
        if (!fresh.isEmpty()) {
          insert.executeBatch();
        }
      }
      List<Entry> all = select(c, batch, null);
      Map<String, Entry> byKey = new HashMap<>();
      all.forEach(e -> byKey.put(e.key(), e));
      for (Entry entry : fresh) {
        Entry held = byKey.get(entry.key());
        if (held != null && !held.fingerprint().equals(entry.fingerprint())) {
          throw new ConflictException("job " + entry.key() + " (line " + entry.seq() + ") is already in " + description
              + " under batch " + batch + " with other content (it was line " + held.seq() + " then); the journal"
              + " belongs to another jobs file or the line changed after it was sent: give the changed line a new"
              + " id (the sent job keeps its own), or put the line back as it was; nothing was sent");
        }
      }
      return all;
    });
  }

  @Override
  public List<Entry> claim(String batch, String worker, int limit, Instant now, Instant leaseUntil) {
    if (limit <= 0) {
      return List.of();
    }
    return tx(c -> {
      List<String> keys = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement("SELECT job_key FROM " + Schema.TABLE
          + " WHERE batch = ? AND state IN " + OPEN_STATES
          + " AND (worker IS NULL OR lease_until IS NULL OR lease_until < ?) AND (worker IS NULL OR worker <> ?)"
          + " ORDER BY seq, job_key LIMIT ?" + dialect.lockClause())) {
        st.setString(1, batch);
        st.setLong(2, now.toEpochMilli());
        st.setString(3, worker);
        st.setInt(4, limit);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            keys.add(rs.getString("job_key"));
          }
        }
      }
      if (keys.isEmpty()) {
        return List.of();
      }
      try (PreparedStatement st = c.prepareStatement("UPDATE " + Schema.TABLE
          + " SET worker = ?, lease_until = ?, version = version + 1 WHERE batch = ? AND job_key = ?")) {
        for (String key : keys) {
          st.setString(1, worker);
          st.setLong(2, leaseUntil.toEpochMilli());
          st.setString(3, batch);
          st.setString(4, key);
          st.addBatch();
        }
        st.executeBatch();
      }
      return select(c, batch, keys);
    });
  }

  @Override
  public Optional<Entry> update(Entry entry) {
    return tx(c -> write(c, entry));
  }

  /**
   * As {@link JobStore#updateWithin}: on PostgreSQL the batch's budget lock is held for the transaction, so that the
   * workers' budgeted writes go one at a time; SQLite has one writer, this process, whose transactions go one at a time.
   */
  @Override
  public Optional<Entry> updateWithin(Entry entry, BigDecimal limit, Function<List<Entry>, BigDecimal> spentOf) {
    return tx(c -> {
      if (dialect == Dialect.POSTGRESQL) {
        try (PreparedStatement st = c.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
          st.setInt(1, Schema.BUDGET_LOCK);
          st.setInt(2, entry.batch().hashCode());
          st.execute();
        }
      }
      List<Entry> after = new ArrayList<>(select(c, entry.batch(), null));
      BigDecimal before = spentOf.apply(after);
      after.replaceAll(stored -> stored.key().equals(entry.key()) ? entry : stored);
      if (spentOf.apply(after).compareTo(limit) > 0) {
        throw new OverLimitException(before, limit);
      }
      return write(c, entry);
    });
  }

  /** Writes {@code entry} if the stored one still has its version and fingerprint: {@link #update}'s one statement. */
  private static Optional<Entry> write(Connection c, Entry entry) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("UPDATE " + Schema.TABLE + " SET state = ?, attempts = ?,"
        + " client_reference = ?, task_id = ?, handle = ?, video_url = ?, expires_at = ?, file_path = ?,"
        + " reason_code = ?, reason = ?, worker = ?, lease_until = ?, updated_at = ?, possible_tasks = ?,"
        + " credits = ?, key_tag = ?, version = version + 1 WHERE batch = ? AND job_key = ? AND version = ?"
        + " AND fingerprint = ?")) {
      st.setString(1, entry.state().id());
      st.setInt(2, entry.attempts());
      Rows.setText(st, 3, entry.clientReference());
      Rows.setText(st, 4, entry.taskId());
      Rows.setText(st, 5, entry.handle());
      Rows.setText(st, 6, entry.videoUrl());
      Rows.setLong(st, 7, Rows.millis(entry.expiresAt()));
      Rows.setText(st, 8, entry.file());
      Rows.setText(st, 9, entry.reasonCode());
      Rows.setText(st, 10, entry.reason());
      Rows.setText(st, 11, entry.worker());
      Rows.setLong(st, 12, Rows.millis(entry.leaseUntil()));
      Rows.setLong(st, 13, Rows.millis(entry.updatedAt()));
      st.setInt(14, entry.possibleTasks());
      Rows.setText(st, 15, entry.credits() == null ? null : entry.credits().toPlainString());
      Rows.setText(st, 16, entry.keyTag());
      st.setString(17, entry.batch());
      st.setString(18, entry.key());
      st.setLong(19, entry.version());
      st.setString(20, entry.fingerprint());
      if (st.executeUpdate() != 1) {
        return Optional.<Entry>empty();
      }
    }
    return select(c, entry.batch(), List.of(entry.key())).stream().findFirst();
  }

  @Override
  public int renew(String batch, String worker, Instant leaseUntil) {
    return tx(c -> {
      try (PreparedStatement st = c.prepareStatement(
          "UPDATE " + Schema.TABLE + " SET lease_until = ? WHERE batch = ? AND worker = ?")) {
        st.setLong(1, leaseUntil.toEpochMilli());
        st.setString(2, batch);
        st.setString(3, worker);
        return st.executeUpdate();
      }
    });
  }

  @Override
  public int releaseAll(String batch, String worker) {
    return tx(c -> {
      try (PreparedStatement st = c.prepareStatement("UPDATE " + Schema.TABLE
          + " SET worker = NULL, lease_until = NULL, version = version + 1 WHERE batch = ? AND worker = ?")) {
        st.setString(1, batch);
        st.setString(2, worker);
        return st.executeUpdate();
      }
    });
  }

  @Override
  public int resubmitUnknown(String batch, Instant now) {
    return tx(c -> {
      try (PreparedStatement st = c.prepareStatement("UPDATE " + Schema.TABLE
          + " SET state = 'pending', reason_code = NULL, reason = NULL, updated_at = ?, version = version + 1"
          + " WHERE batch = ? AND state = 'unknown'")) {
        st.setLong(1, now.toEpochMilli());
        st.setString(2, batch);
        return st.executeUpdate();
      }
    });
  }

  @Override
  public List<Entry> followFile(String batch, List<Entry> fresh, Instant now) {
    Map<String, Entry> byKey = new HashMap<>();
    fresh.forEach(entry -> byKey.put(entry.key(), entry));
    return tx(c -> {
      List<Entry> changed = new ArrayList<>();
      // Each statement checks again what was read, so a job another worker claims or sends meanwhile is
      // left alone. Nothing is deleted, and every change raises the version.
      String guard = " WHERE batch = ? AND job_key = ? AND version = ? AND fingerprint = ? AND state = ?"
          + " AND (worker IS NULL OR lease_until IS NULL OR lease_until < ?)";
      try (PreparedStatement move = c.prepareStatement("UPDATE " + Schema.TABLE + " SET state = ?, worker = NULL,"
              + " lease_until = NULL, updated_at = ?, version = version + 1" + guard);
          PreparedStatement rewrite = c.prepareStatement("UPDATE " + Schema.TABLE + " SET state = 'pending', seq = ?,"
              + " fingerprint = ?, model = ?, out_path = ?, credits = ?, client_reference = NULL, reason_code = NULL,"
              + " reason = NULL, worker = NULL, lease_until = NULL, updated_at = ?, version = version + 1" + guard)) {
        for (Entry entry : select(c, batch, null)) {
          Entry wanted = byKey.get(entry.key());
          boolean pending = entry.state() == State.PENDING;
          boolean dropped = entry.state() == State.DROPPED;
          PreparedStatement st;
          int i = 1;
          if (wanted == null && pending) {
            st = move;
            st.setString(i++, State.DROPPED.id());
            st.setLong(i++, now.toEpochMilli());
          } else if (wanted != null && (pending || dropped) && entry.attempts() == 0
              && !wanted.fingerprint().equals(entry.fingerprint())) {
            st = rewrite;
            st.setInt(i++, wanted.seq());
            st.setString(i++, wanted.fingerprint());
            st.setString(i++, wanted.model());
            st.setString(i++, wanted.out());
            Rows.setText(st, i++, wanted.credits() == null ? null : wanted.credits().toPlainString());
            st.setLong(i++, now.toEpochMilli());
          } else if (wanted != null && dropped && wanted.fingerprint().equals(entry.fingerprint())) {
            st = move;
            st.setString(i++, State.PENDING.id());
            st.setLong(i++, now.toEpochMilli());
          } else {
            continue;
          }
          st.setString(i++, batch);
          st.setString(i++, entry.key());
          st.setLong(i++, entry.version());
          st.setString(i++, entry.fingerprint());
          st.setString(i++, entry.state().id());
          st.setLong(i, now.toEpochMilli());
          if (st.executeUpdate() == 1 && (wanted == null || !wanted.fingerprint().equals(entry.fingerprint()))) {
            changed.add(entry);
          }
        }
      }
      return changed;
    });
  }

  @Override
  public List<Entry> entries(String batch) {
    return tx(c -> select(c, batch, null));
  }

  /**
   * Closes the connection. An SQLite journal is checkpointed first, so that its main file holds
   * every write and can be copied alone after a clean exit.
   */
  @Override
  public synchronized void close() {
    if (connection != null) {
      if (dialect == Dialect.SQLITE) {
        checkpointQuietly(connection);
      }
      try {
        connection.close();
      } catch (SQLException e) {
        // Closing is best effort: every write was committed already.
      }
      connection = null;
    }
  }

  @Override
  public String toString() {
    return "JdbcJobStore[" + description + "]";
  }

  private static List<Entry> select(Connection c, String batch, List<String> keys) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT " + Schema.COLUMNS + " FROM " + Schema.TABLE + " WHERE batch = ?");
    if (keys != null) {
      sql.append(" AND job_key IN (").append(String.join(", ", Collections.nCopies(keys.size(), "?"))).append(')');
    }
    sql.append(" ORDER BY seq, job_key");
    try (PreparedStatement st = c.prepareStatement(sql.toString())) {
      st.setString(1, batch);
      if (keys != null) {
        for (int i = 0; i < keys.size(); i++) {
          st.setString(i + 2, keys.get(i));
        }
      }
      try (ResultSet rs = st.executeQuery()) {
        List<Entry> entries = Rows.read(rs);
        entries.sort(Comparator.comparingInt(Entry::seq).thenComparing(Entry::key));
        return entries;
      }
    }
  }

  private static void bindAll(PreparedStatement st, Entry e) throws SQLException {
    st.setString(1, e.batch());
    st.setString(2, e.key());
    st.setInt(3, e.seq());
    st.setString(4, e.fingerprint());
    st.setString(5, e.model());
    st.setString(6, e.out());
    st.setString(7, e.state().id());
    st.setInt(8, e.attempts());
    Rows.setText(st, 9, e.clientReference());
    Rows.setText(st, 10, e.taskId());
    Rows.setText(st, 11, e.handle());
    Rows.setText(st, 12, e.credits() == null ? null : e.credits().toPlainString());
    Rows.setText(st, 13, e.videoUrl());
    Rows.setLong(st, 14, Rows.millis(e.expiresAt()));
    Rows.setText(st, 15, e.file());
    Rows.setText(st, 16, e.reasonCode());
    Rows.setText(st, 17, e.reason());
    Rows.setText(st, 18, e.worker());
    Rows.setLong(st, 19, Rows.millis(e.leaseUntil()));
    st.setLong(20, e.version());
    Rows.setLong(st, 21, Rows.millis(e.updatedAt()));
    st.setInt(22, e.possibleTasks());
    Rows.setText(st, 23, e.keyTag());
  }

  /** Whether the journal's table has {@code column} (names are lower case in both databases). */
  private static boolean hasColumn(Connection c, String column) throws SQLException {
    try (java.sql.ResultSet columns = c.getMetaData().getColumns(null, null, Schema.TABLE, column)) {
      return columns.next();
    }
  }

  /** One unit of work in one transaction. */
  @FunctionalInterface
  private interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Runs {@code work} in a transaction; a broken connection is opened again and the work retried once. */
  private synchronized <T> T tx(Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        Connection c = connection();
        try {
          T result = work.run(c);
          c.commit();
          return result;
        } catch (SQLException | RuntimeException e) {
          rollbackQuietly(c);
          throw e;
        }
      } catch (SQLException e) {
        if (attempt < 2 && brokenConnection(e)) {
          close();
          continue;
        }
        if (diskFull(e)) {
          // SQLite rolled the transaction back itself, which leaves the driver's own state wrong: the next write
          // would fail as "no transaction is active". It opens a fresh connection instead.
          close();
        }
        throw new JournalException(description + ": " + explain(e), e, diskFull(e));
      }
    }
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      Connection fresh = source.open();
      try {
        if (dialect == Dialect.SQLITE) {
          try (Statement st = fresh.createStatement()) {
            st.execute("PRAGMA busy_timeout = 3000");
            st.execute("PRAGMA locking_mode = EXCLUSIVE");
            st.execute("PRAGMA journal_mode = WAL");
            st.execute("PRAGMA synchronous = FULL");
          }
        }
        fresh.setAutoCommit(false);
      } catch (SQLException e) {
        fresh.close();
        throw e;
      }
      connection = fresh;
    }
    return connection;
  }

  private static void checkpointQuietly(Connection c) {
    try (Statement st = c.createStatement()) {
      st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (SQLException e) {
      // Not fatal: SQLite replays the -wal file on the next open; only a copy of the main file alone would miss it.
    }
  }

  private static boolean brokenConnection(SQLException e) {
    String state = e.getSQLState();
    return state != null && state.startsWith("08");
  }

  private String explain(SQLException e) {
    String message = String.valueOf(e.getMessage());
    if (message.startsWith("No suitable driver")) {
      return "no JDBC driver for this journal is on the class path; add "
          + (dialect == Dialect.SQLITE ? "org.xerial:sqlite-jdbc" : "org.postgresql:postgresql")
          + " to the application's dependencies (vidgen-journal-jdbc leaves the driver to the application)";
    }
    if (dialect == Dialect.SQLITE && NativeLibraryFailure.isIn(e)) {
      return NativeLibraryFailure.explain(e); // "Error opening connection", though the journal was never reached
    }
    if (dialect == Dialect.SQLITE && file != null) {
      // SQLite names a file it may not write a disk I/O error (SQLITE_IOERR_LOCK) or a read-only database: the
      // rights are looked at only once something failed, and said first when they are the cause.
      java.util.Optional<String> rights = JournalAccess.notWritable(file);
      if (rights.isPresent()) {
        return rights.get() + " (SQLite said: " + message + ")";
      }
    }
    if (diskFull(e)) {
      return "the disk of the journal is full" + (file == null ? "" : " at " + file.toAbsolutePath().getParent())
          + ": free space there, then go on with the same journal (SQLite said: " + message + ")";
    }
    if (dialect == Dialect.SQLITE && (message.contains("SQLITE_BUSY") || message.contains("database is locked"))) {
      return "the journal is in use by another vidgen process (or another runner in this one); wait for it to finish"
          + " (or stop it), or use another journal (on the command line, --journal). Several workers can share a batch through a PostgreSQL journal (" + message + ")";
    }
    return message;
  }

  /** Whether SQLite refused the write for want of room (SQLITE_FULL: a full disk, or the database's size limit). */
  private boolean diskFull(SQLException e) {
    String message = String.valueOf(e.getMessage());
    return dialect == Dialect.SQLITE && (message.contains("SQLITE_FULL") || message.contains("database or disk is full"));
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      // The transaction is gone with the connection anyway.
    }
  }
}
