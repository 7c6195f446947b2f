package dev.vidgen.journal.jdbc;

import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns journal rows into entries and back; times are epoch milliseconds, prices text. */
final class Rows {
  private Rows() {}

  /** Every row of {@code rs}; columns are found by name, so their order in the query does not matter. */
  static List<Entry> read(ResultSet rs) throws SQLException {
    List<Entry> entries = new ArrayList<>();
    while (rs.next()) {
      String credits = rs.getString("credits");
      entries.add(new Entry(rs.getString("batch"), rs.getString("job_key"), rs.getInt("seq"),
          rs.getString("fingerprint"), rs.getString("model"), rs.getString("out_path"), State.of(rs.getString("state")),
          rs.getInt("attempts"), rs.getString("client_reference"), rs.getString("task_id"), rs.getString("handle"),
          credits == null ? null : new BigDecimal(credits), rs.getString("video_url"), instant(rs, "expires_at"),
          rs.getString("file_path"), rs.getString("reason_code"), rs.getString("reason"), rs.getString("worker"),
          instant(rs, "lease_until"), rs.getLong("version"), instant(rs, "updated_at"),
          rs.getInt("possible_tasks"), // NULL (a row written before it was kept) reads 0: one take
          rs.getString("key_tag")));
    }
    return entries;
  }

  static Long millis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  static void setLong(PreparedStatement st, int index, Long value) throws SQLException {
    if (value == null) {
      st.setNull(index, Types.BIGINT);
    } else {
      st.setLong(index, value);
    }
  }

  static void setText(PreparedStatement st, int index, String value) throws SQLException {
    if (value == null) {
      st.setNull(index, Types.VARCHAR);
    } else {
      st.setString(index, value);
    }
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(value);
  }
}
