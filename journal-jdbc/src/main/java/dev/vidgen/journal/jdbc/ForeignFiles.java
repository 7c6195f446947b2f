package dev.vidgen.journal.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Refuses, before a journal file is opened for writing, a file that is someone else's: one that is not
 * an SQLite database, or a database holding other tables and no journal. Opening such a file would
 * switch it to WAL and add vidgen's table to it, even when the run is then refused.
 */
final class ForeignFiles {
  private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
  /** sqlite-jdbc's open flag for a read-only connection (SQLITE_OPEN_READONLY). */
  private static final String READ_ONLY = "1";
  private static final int NAMES_TOLD = 5;

  private ForeignFiles() {}

  /** Passes a missing or empty file and an SQLite file that holds a journal or no table at all. */
  static void requireJournalOrNew(Path file) {
    long size;
    byte[] head;
    try {
      if (!Files.isRegularFile(file)) {
        return; // missing (made by SQLite), or a kind of file SQLite's own error names
      }
      size = Files.size(file);
      try (InputStream in = Files.newInputStream(file)) {
        head = in.readNBytes(SQLITE_HEADER.length);
      }
    } catch (IOException e) {
      return; // unreadable here: opening it fails with SQLite's own reason
    }
    if (size == 0) {
      return;
    }
    if (!Arrays.equals(head, SQLITE_HEADER)) {
      throw new JournalException("journal " + file + " already exists and is not an SQLite database (so not a"
          + " journal); nothing was written to it. Give a new file for the journal, or the journal an earlier run"
          + " made", null);
    }
    List<String> tables = tables(file);
    if (!tables.isEmpty() && !tables.contains(Schema.TABLE)) {
      List<String> told = tables.subList(0, Math.min(NAMES_TOLD, tables.size()));
      throw new JournalException("journal " + file + " is an SQLite database that holds other tables ("
          + String.join(", ", told) + (tables.size() > told.size() ? ", …" : "") + ") and no vidgen journal;"
          + " nothing was written to it. Give a new file for the journal, or the journal an earlier run made", null);
    }
  }

  private static List<String> tables(Path file) {
    Properties readOnly = new Properties();
    readOnly.setProperty("open_mode", READ_ONLY);
    List<String> names = new ArrayList<>();
    // Immutable: a database in WAL mode read any other way gets -wal and -shm files made beside it.
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toUri() + "?immutable=1", readOnly);
        Statement st = c.createStatement();
        ResultSet rows = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'"
            + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")) {
      while (rows.next()) {
        names.add(printable(rows.getString(1)));
      }
    } catch (SQLException e) {
      return List.of(); // a database that cannot be read here: opening it fails with SQLite's own reason
    }
    return names;
  }

  /** A table name as told: control characters shown as '?', long names cut. */
  private static String printable(String name) {
    String shown = name == null ? "" : name.codePoints()
        .map(cp -> Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT ? '?' : cp)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    return shown.length() > 40 ? shown.substring(0, 40) + "…" : shown;
  }
}
