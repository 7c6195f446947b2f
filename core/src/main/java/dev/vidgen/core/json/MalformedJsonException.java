package dev.vidgen.core.json;

/** JSON text that is not one well-formed JSON value; the message says where it breaks. */
public final class MalformedJsonException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** An error whose {@code message} says where the JSON text breaks. */
  public MalformedJsonException(String message) {
    super(message);
  }
}
