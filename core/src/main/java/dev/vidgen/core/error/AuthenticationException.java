package dev.vidgen.core.error;

import dev.vidgen.core.policy.FailureKind;

/** HTTP 401 or 403: the API key is missing, wrong or lacks permission. Fix the key; never retried. */
public final class AuthenticationException extends NonRetriableProviderException {
  private static final long serialVersionUID = 1L;

  /** An error for {@code details}, as the provider's answer gave them; {@code cause} may be null. */
  public AuthenticationException(ProviderErrorDetails details, Throwable cause) {
    super(details, cause);
  }

  /**
   * Whether the provider refused the key itself: HTTP 401, or an account read answered HTTP 200 in words that
   * blame the key. Then no other call can work either. A 403 is not: a key may lack only some calls.
   */
  public boolean refusesKey() {
    return httpStatus() == 401 || httpStatus() == 200;
  }

  @Override
  public FailureKind kind() {
    return FailureKind.AUTHENTICATION;
  }

  @Override
  public String docsAnchor() {
    return "authentication";
  }

  /**
   * A 401 or 403, or an account read answered 200 in words that blame the key: the key is what to check. Refused
   * once a task was made (a status read, a download), it also says that the task exists and how to resume it.
   */
  @Override
  String advice() {
    if (httpStatus() != 401 && httpStatus() != 403 && httpStatus() != 200) {
      return null;
    }
    String made = details().taskId() == null ? "" : "; task " + details().taskId() + " was made and may be paid for,"
        + " so do not generate it again: once the key is fixed, resume it with its task id";
    return "the provider refused the API key (missing, wrong, revoked, or without permission for this call): check"
        + " which key is used" + made + " (see " + docsLink() + ")";
  }
}
