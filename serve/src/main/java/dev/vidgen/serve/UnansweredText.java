package dev.vidgen.serve;

import dev.vidgen.core.error.AmbiguousSubmitException;
import dev.vidgen.core.error.ProviderErrorDetails;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.policy.FailureKind;

/**
 * What the page says of a create that ended ambiguous: what its last take got (no answer, a server
 * error, a gateway's page), read from the failure the exception carries rather than from its
 * wording, that a task may exist and be billed, and that the history keeps the job as unknown. The
 * advice on where to look the task up is the page's {@code next}, so it is not said here.
 */
final class UnansweredText {
  private UnansweredText() {}

  /**
   * The message for {@code unanswered}, whose create was sent again blindly {@code resent} times
   * after a server error before its last take (each such take may be a billed task of its own).
   */
  static String of(AmbiguousSubmitException unanswered, int resent) {
    String tail = ", so a task may exist and be billed" + (resent > 0 ? " (one for each take: up to " + (resent + 1)
        + ")" : "") + "; vidgen did not send it again, and the history keeps the job as unknown";
    if (!(unanswered.getCause() instanceof ProviderException last)) {
      // Nothing but the library's own account, which is already precise; a fault of the provider's code names it.
      boolean fault = ProviderErrorDetails.PROVIDER_FAULT.equals(unanswered.details().code());
      return (fault ? unanswered.details().providerId() + " " : "") + unanswered.details().message()
          + "; the history keeps the job as unknown";
    }
    if (last.kind() == FailureKind.SERVER_ERROR) {
      return "the create was answered with a server error" + (resent > 0 ? " " + (resent + 1)
          + " times, and sent again after each but the last" : "") + " (" + last.getMessage() + ")" + tail;
    }
    String earlier = resent > 0 ? "the create was answered with a server error and sent again " + times(resent)
        + "; then " : "";
    String said = last.details().message().isBlank() ? last.getMessage() : last.details().message();
    return earlier + said + tail;
  }

  private static String times(int count) {
    return count == 1 ? "once" : count + " times";
  }
}
