package dev.vidgen.cli;

import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.journal.jdbc.Journals;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The SQLite journal at {@code location} that does not exist yet, as a dry run sees it without making it: named as the
 * real run names the journal it makes there, holding no job, and never written.
 *
 * @param location the journal's file path or {@code jdbc:sqlite:} URL, as the batch was given it
 */
record MissingJournal(String location) implements JobStore {
  private static final String SQLITE_URL = "jdbc:sqlite:";

  @Override
  public String describe() {
    String where = location.strip();
    return "SQLite journal " + (Journals.isUrl(where) ? where.substring(SQLITE_URL.length()) : absolute());
  }

  @Override
  public Optional<Path> file() {
    return Journals.isUrl(location.strip()) ? Optional.empty() : Optional.of(absolute());
  }

  private Path absolute() {
    return Path.of(location.strip()).toAbsolutePath().normalize();
  }

  @Override
  public List<Entry> entries(String batch) {
    return List.of();
  }

  @Override
  public List<Entry> enroll(String batch, List<Entry> fresh) {
    throw readOnly();
  }

  @Override
  public List<Entry> claim(String batch, String worker, int limit, Instant now, Instant leaseUntil) {
    throw readOnly();
  }

  @Override
  public Optional<Entry> update(Entry entry) {
    throw readOnly();
  }

  @Override
  public int renew(String batch, String worker, Instant leaseUntil) {
    throw readOnly();
  }

  @Override
  public int releaseAll(String batch, String worker) {
    throw readOnly();
  }

  @Override
  public int resubmitUnknown(String batch, Instant now) {
    throw readOnly();
  }

  @Override
  public void close() {
    // Nothing was opened.
  }

  private static UnsupportedOperationException readOnly() {
    return new UnsupportedOperationException("a dry run writes no journal");
  }
}
