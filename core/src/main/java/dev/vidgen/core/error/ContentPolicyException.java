package dev.vidgen.core.error;

import dev.vidgen.core.policy.FailureKind;

/** HTTP 422: the provider's content policy refused the job. Change the prompt or images. */
public final class ContentPolicyException extends NonRetriableProviderException {
  private static final long serialVersionUID = 1L;

  /** An error for {@code details}, as the provider's answer gave them; {@code cause} may be null. */
  public ContentPolicyException(ProviderErrorDetails details, Throwable cause) {
    super(details, cause);
  }

  @Override
  public FailureKind kind() {
    return FailureKind.CONTENT_POLICY;
  }

  @Override
  public String docsAnchor() {
    return "content-policy";
  }
}
