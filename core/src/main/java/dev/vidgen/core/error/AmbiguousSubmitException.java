package dev.vidgen.core.error;

import dev.vidgen.core.policy.FailureKind;
import java.util.Optional;

/**
 * A create request was sent but no answer came, so the task may exist and may be billed. vidgen
 * does not send it again blindly; check the provider's dashboard (or look the task up by
 * {@link #clientReference()}) before submitting again.
 */
public final class AmbiguousSubmitException extends ProviderException {
  private static final long serialVersionUID = 1L;

  private final String clientReference;

  /**
   * A create left unanswered, for {@code details}; {@code clientReference} is the one sent, or null
   * when the create carried none, and {@code cause} may be null.
   */
  public AmbiguousSubmitException(ProviderErrorDetails details, String clientReference, Throwable cause) {
    super(details, cause);
    this.clientReference = clientReference;
  }

  /** The client reference sent with the create, if any. */
  public Optional<String> clientReference() {
    return Optional.ofNullable(clientReference);
  }

  @Override
  public FailureKind kind() {
    return FailureKind.NO_RESPONSE;
  }

  @Override
  public String docsAnchor() {
    return "ambiguous-submit";
  }
}
