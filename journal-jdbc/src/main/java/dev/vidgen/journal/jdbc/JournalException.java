package dev.vidgen.journal.jdbc;

/** The journal could not be read or written; the message names the journal and what to do. */
public final class JournalException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public JournalException(String message, Throwable cause) {
    super(message, cause);
  }
}
