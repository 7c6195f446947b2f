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

  static List<Entry> read(ResultSet rs) throws SQLException {
    List<Entry> entries = new ArrayList<>();
    while (rs.next()) {
      String credits = rs.getString(12);
      entries.add(new Entry(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
          rs.getString(6), State.of(rs.getString(7)), rs.getInt(8), rs.getString(9), rs.getString(10),
          rs.getString(11), credits == null ? null : new BigDecimal(credits), rs.getString(13), instant(rs, 14),
          rs.getString(15), rs.getString(16), rs.getString(17), rs.getString(18), instant(rs, 19), rs.getLong(20),
          instant(rs, 21)));
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

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(value);
  }
}
