package dev.vidgen.journal.jdbc;

/** The journal could not be read or written; the message names the journal and what to do. */
public final class JournalException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean diskFull;

  /** A journal that failed as {@code message} says, for {@code cause}. */
  public JournalException(String message, Throwable cause) {
    this(message, cause, false);
  }

  /** As {@link #JournalException(String, Throwable)}; {@code diskFull} when the journal's disk has no room left. */
  public JournalException(String message, Throwable cause, boolean diskFull) {
    super(message, cause);
    this.diskFull = diskFull;
  }

  /** Whether the journal's disk (or the database's size limit) left no room to write: space must be freed first. */
  public boolean diskFull() {
    return diskFull;
  }
}
