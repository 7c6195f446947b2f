package dev.vidgen.core.pricing;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * Credits that may still be spent. Immutable: {@link #spend(PriceQuote)} returns what is left.
 * A quote with an unknown price never fits a limited budget.
 */
public final class Budget {
  // TODO(pricing helper): tests; maybe a reason/decision type.
  private final BigDecimal remainingCredits; // null = unlimited

  private Budget(BigDecimal remainingCredits) {
    this.remainingCredits = remainingCredits;
  }

  /** No limit. */
  public static Budget unlimited() {
    return new Budget(null);
  }

  /** At most {@code credits} credits. */
  public static Budget ofCredits(BigDecimal credits) {
    Objects.requireNonNull(credits, "credits == null");
    if (credits.signum() < 0) {
      throw new IllegalArgumentException("budget is negative: " + credits);
    }
    return new Budget(credits);
  }

  /** Credits left, or empty when unlimited. */
  public Optional<BigDecimal> remaining() {
    return Optional.ofNullable(remainingCredits);
  }

  public boolean isUnlimited() {
    return remainingCredits == null;
  }

  /** Whether {@code quote} fits in what is left. */
  public boolean allows(PriceQuote quote) {
    if (remainingCredits == null) {
      return true;
    }
    return quote.isKnown() && quote.credits().compareTo(remainingCredits) <= 0;
  }

  /**
   * What is left after paying {@code quote}.
   *
   * @throws IllegalStateException when the quote does not fit
   */
  public Budget spend(PriceQuote quote) {
    if (remainingCredits == null) {
      return this;
    }
    if (!allows(quote)) {
      throw new IllegalStateException(quote + " does not fit in " + remainingCredits + " credits");
    }
    return new Budget(remainingCredits.subtract(quote.credits()));
  }

  @Override
  public String toString() {
    return remainingCredits == null ? "Budget[unlimited]" : "Budget[" + remainingCredits.toPlainString() + " credits]";
  }
}
