package dev.vidgen.journal.jdbc;

/** What differs between the databases a journal can live in. */
enum Dialect {
  /** One file on this machine, one process at a time. */
  SQLITE(""),
  /** A shared server: claims lock rows and skip the rows other workers locked. */
  POSTGRESQL(" FOR UPDATE SKIP LOCKED");

  private final String lockClause;

  Dialect(String lockClause) {
    this.lockClause = lockClause;
  }

  /** Appended to the claim's SELECT so that concurrent claimers never pick the same row. */
  String lockClause() {
    return lockClause;
  }
}
