package dev.vidgen.core.error;

import dev.vidgen.core.policy.FailureKind;

/** HTTP 404: the provider knows no such task (wrong id, wrong account, or expired). */
public final class TaskNotFoundException extends NonRetriableProviderException {
  private static final long serialVersionUID = 1L;

  /** An error for {@code details}, as the provider's answer gave them; {@code cause} may be null. */
  public TaskNotFoundException(ProviderErrorDetails details, Throwable cause) {
    super(details, cause);
  }

  @Override
  public FailureKind kind() {
    return FailureKind.NOT_FOUND;
  }

  @Override
  public String docsAnchor() {
    return "task-not-found";
  }
}
