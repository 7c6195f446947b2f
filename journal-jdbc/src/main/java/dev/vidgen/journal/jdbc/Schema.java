package dev.vidgen.journal.jdbc;

import java.util.List;

/** The journal's one table, the same in SQLite and PostgreSQL. */
final class Schema {
  static final String TABLE = "vidgen_batch_jobs";

  /** The columns of every SELECT and INSERT; {@link Rows} reads them by name. */
  static final String COLUMNS = "batch, job_key, seq, fingerprint, model, out_path, state, attempts, client_reference,"
      + " task_id, handle, credits, video_url, expires_at, file_path, reason_code, reason, worker, lease_until,"
      + " version, updated_at, possible_tasks, key_tag";

  static final List<String> CREATE = List.of(
      "CREATE TABLE IF NOT EXISTS " + TABLE + " ("
          + "batch TEXT NOT NULL, job_key TEXT NOT NULL, seq INTEGER NOT NULL, fingerprint TEXT NOT NULL,"
          + " model TEXT NOT NULL, out_path TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL,"
          + " client_reference TEXT, task_id TEXT, handle TEXT, credits TEXT, video_url TEXT, expires_at BIGINT,"
          + " file_path TEXT, reason_code TEXT, reason TEXT, worker TEXT, lease_until BIGINT,"
          + " version BIGINT NOT NULL, updated_at BIGINT, possible_tasks INTEGER, key_tag TEXT, PRIMARY KEY (batch, job_key))",
      "CREATE INDEX IF NOT EXISTS " + TABLE + "_claim ON " + TABLE + " (batch, state, seq)");

  /**
   * The columns added after the table's first form, each with its type: a table made before one gets it when
   * opened, its rows reading null there.
   */
  static final java.util.Map<String, String> ADDED_COLUMNS = java.util.Map.of(
      "possible_tasks", "INTEGER",
      "key_tag", "TEXT");

  /** The statement that adds {@code column} of {@link #ADDED_COLUMNS} to a table made before it. */
  static String addColumn(String column) {
    return "ALTER TABLE " + TABLE + " ADD COLUMN " + column + " " + ADDED_COLUMNS.get(column);
  }

  /** The PostgreSQL advisory lock under which the table is made (a fixed number: "vidgen" in ASCII). */
  static final long CREATE_LOCK = 0x76696467656EL;

  /** The first key of the PostgreSQL advisory lock a batch's budgeted writes take ("vb"); the batch names the second. */
  static final int BUDGET_LOCK = 0x7662;

  private Schema() {}
}
