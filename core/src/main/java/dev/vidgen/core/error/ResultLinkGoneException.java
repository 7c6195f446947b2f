package dev.vidgen.core.error;

import dev.vidgen.core.policy.FailureKind;

/**
 * A finished video's link answered that the file is gone or not reachable (code {@link
 * ProviderErrorDetails#RESULT_LINK_GONE}) or redirected where vidgen does not follow ({@link
 * ProviderErrorDetails#REDIRECT_NOT_FOLLOWED}): the cause of a {@link ResultUnavailableException}. The
 * task still exists, and the key was not refused; never retried as it stands.
 */
public final class ResultLinkGoneException extends NonRetriableProviderException {
  private static final long serialVersionUID = 1L;

  /** An error for {@code details}, as the file host's answer gave them; {@code cause} may be null. */
  public ResultLinkGoneException(ProviderErrorDetails details, Throwable cause) {
    super(details, cause);
  }

  /** Whether {@code details} are those of a result link that failed so, by their code. */
  static boolean isResultLink(ProviderErrorDetails details) {
    return ProviderErrorDetails.RESULT_LINK_GONE.equals(details.code())
        || ProviderErrorDetails.REDIRECT_NOT_FOLLOWED.equals(details.code());
  }

  /** {@link FailureKind#NOT_FOUND}: as a 404 is, it is not retried, whatever status the file host sent. */
  @Override
  public FailureKind kind() {
    return FailureKind.NOT_FOUND;
  }

  @Override
  public String docsAnchor() {
    return "result-unavailable";
  }
}
