/** Durable batch journals over JDBC: SQLite, PostgreSQL or an application's {@code DataSource}. */
module dev.vidgen.journal.jdbc {
  requires transitive dev.vidgen.batch;
  requires transitive java.sql;

  exports dev.vidgen.journal.jdbc;
}
