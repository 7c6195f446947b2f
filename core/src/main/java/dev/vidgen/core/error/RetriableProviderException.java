package dev.vidgen.core.error;

/** A provider failure that may pass by itself; seen by callers only once retries ran out. */
public abstract class RetriableProviderException extends ProviderException {
  private static final long serialVersionUID = 1L;

  /** How many tries the call had before vidgen stopped retrying it; 0 when not said. */
  private final int tries;

  /** An error for {@code details}, as the provider's answer gave them; {@code cause} may be null. */
  protected RetriableProviderException(ProviderErrorDetails details, Throwable cause) {
    this(details, cause, 0);
  }

  /**
   * As above, said as the end of a call that vidgen stopped retrying after {@code tries} tries (0: not said).
   *
   * @throws IllegalArgumentException when {@code tries} is negative
   */
  protected RetriableProviderException(ProviderErrorDetails details, Throwable cause, int tries) {
    super(details, cause);
    if (tries < 0) {
      throw new IllegalArgumentException("tries must not be negative: " + tries);
    }
    this.tries = tries;
  }

  /** How many tries the call had before vidgen stopped retrying it; 0 when this error does not say. */
  public int tries() {
    return tries;
  }

  /** The provider's words, then, once vidgen gave up, how many tries it made ({@link #gaveUpWords}). */
  @Override
  public String getMessage() {
    return super.getMessage() + gaveUpWords();
  }

  /** What the message adds once vidgen gave up after several tries: how many it made; empty when not said. */
  String gaveUpWords() {
    return tries < 2 ? "" : "; still failing after " + tries + " tries, so vidgen stopped retrying";
  }

  /** {@code tries}, checked as a count of tries a call had. */
  static int checkedTries(int tries) {
    if (tries < 1) {
      throw new IllegalArgumentException("tries must be at least 1: " + tries);
    }
    return tries;
  }
}
