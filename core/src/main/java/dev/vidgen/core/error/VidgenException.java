package dev.vidgen.core.error;

/**
 * The root of every exception vidgen throws; unchecked. Each subclass has an anchor in
 * {@code docs/errors.md} that says when it happens and what to do.
 */
public abstract class VidgenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error with {@code message} and {@code cause}, which may be null. */
  protected VidgenException(String message, Throwable cause) {
    super(message, cause);
  }

  /** An error with {@code message} and no cause. */
  protected VidgenException(String message) {
    super(message);
  }

  /** The anchor of this error in {@code docs/errors.md}, such as {@code rate-limited}. */
  public abstract String docsAnchor();

  /** Where this error is explained: {@code docs/errors.md#anchor}. */
  public String docsLink() {
    return "docs/errors.md#" + docsAnchor();
  }
}
