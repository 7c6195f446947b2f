package dev.vidgen.serve;

import dev.vidgen.core.text.SafeText;
import io.javalin.http.Handler;
import java.util.function.UnaryOperator;

/**
 * A handler whose {@link Error} of a provider's own code (a class missing from its jar, a failed
 * assertion, a recursion too deep) is answered as any unexpected failure, in JSON, rather than with
 * the web server's bare 500. Running out of memory, or an internal error of the JVM, goes on as it is.
 */
final class ErrorsAnswered {
  private ErrorsAnswered() {}

  /**
   * {@code handler}, its provider's Errors turned into {@link UnexpectedError}s for the exception mapper,
   * their messages passed through {@code withoutKey}.
   */
  static Handler by(Handler handler, UnaryOperator<String> withoutKey) {
    return ctx -> {
      try {
        handler.handle(ctx);
      } catch (Error e) {
        if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
          throw e;
        }
        throw new UnexpectedError(e, withoutKey);
      }
    };
  }

  /** An {@link Error} let out by code the playground called, carried as an exception; its message says what it was. */
  static final class UnexpectedError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnexpectedError(Error error, UnaryOperator<String> withoutKey) {
      super("an unexpected " + error.getClass().getSimpleName() + describe(error, withoutKey), error);
    }

    private static String describe(Error error, UnaryOperator<String> withoutKey) {
      String message = error.getMessage();
      return message == null || message.isBlank() ? ""
          : " (" + SafeText.clip(SafeText.mask(withoutKey.apply(message)), 200) + ")";
    }
  }
}
