package dev.vidgen.core.error;

import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.pricing.PriceQuote;
import java.util.Optional;

/** HTTP 402: the account has too few credits. Top up; never retried. */
public final class InsufficientQuotaException extends NonRetriableProviderException {
  private static final long serialVersionUID = 1L;
  private final PriceQuote refused;

  /** An error for {@code details}, as the provider's answer gave them; {@code cause} may be null. */
  public InsufficientQuotaException(ProviderErrorDetails details, Throwable cause) {
    this(details, cause, null);
  }

  /**
   * An error for {@code details} about a job refused before it was sent because it costs {@code refused}
   * (null when unknown, as for the provider's own 402).
   */
  public InsufficientQuotaException(ProviderErrorDetails details, Throwable cause, PriceQuote refused) {
    super(details, cause);
    this.refused = refused;
  }

  /** The price of the job refused, when the client refused it before sending. */
  public Optional<PriceQuote> refusedQuote() {
    return Optional.ofNullable(refused);
  }

  @Override
  public FailureKind kind() {
    return FailureKind.INSUFFICIENT_QUOTA;
  }

  @Override
  public String docsAnchor() {
    return "insufficient-quota";
  }

  /** The provider's own refusal says what to do; a refusal before sending, which says it already, gets the link. */
  @Override
  String advice() {
    return httpStatus() > 0 ? "the account or the key has too few credits for this: top up the account or raise the"
        + " key's quota (see " + docsLink() + ")" : "(see " + docsLink() + ")";
  }
}
