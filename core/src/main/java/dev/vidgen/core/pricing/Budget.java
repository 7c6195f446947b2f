package dev.vidgen.core.pricing;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * Credits that may still be spent. Immutable and thread-safe: {@link #spend(PriceQuote)} returns
 * what is left. A quote with an unknown price never fits a limited budget, and neither does a
 * total with an unknown part.
 */
public final class Budget {
  private final BigDecimal remainingCredits; // null = unlimited

  private Budget(BigDecimal remainingCredits) {
    this.remainingCredits = remainingCredits;
  }

  /** No limit. */
  public static Budget unlimited() {
    return new Budget(null);
  }

  /**
   * At most {@code credits} credits.
   *
   * @throws IllegalArgumentException when {@code credits} is negative
   */
  public static Budget ofCredits(BigDecimal credits) {
    Objects.requireNonNull(credits, "credits == null");
    if (credits.signum() < 0) {
      throw new IllegalArgumentException("budget is negative: " + credits.toPlainString() + " credits");
    }
    return new Budget(PriceQuote.plain(credits));
  }

  /** At most {@code credits} credits. */
  public static Budget ofCredits(long credits) {
    return ofCredits(BigDecimal.valueOf(credits));
  }

  /**
   * At most {@code usd} US dollars' worth of credits (200 credits per dollar).
   *
   * @throws IllegalArgumentException when {@code usd} is negative
   */
  public static Budget ofUsd(BigDecimal usd) {
    Objects.requireNonNull(usd, "usd == null");
    return ofCredits(usd.multiply(PriceQuote.CREDITS_PER_USD));
  }

  /** Credits left, or empty when unlimited. */
  public Optional<BigDecimal> remaining() {
    return Optional.ofNullable(remainingCredits);
  }

  /** Whether this budget has no limit, so every quote fits, even an unknown one. */
  public boolean isUnlimited() {
    return remainingCredits == null;
  }

  /** Whether {@code quote} fits in what is left. */
  public boolean allows(PriceQuote quote) {
    return refusal(quote).isEmpty();
  }

  /** Whether every job of {@code total} fits in what is left together. */
  public boolean allows(QuoteTotal total) {
    Objects.requireNonNull(total, "total == null");
    if (remainingCredits == null) {
      return true;
    }
    return total.isComplete() && total.credits().compareTo(remainingCredits) <= 0;
  }

  /**
   * Why {@code quote} does not fit, such as "30 credits needed, 20 left", or empty when it fits.
   */
  public Optional<String> refusal(PriceQuote quote) {
    Objects.requireNonNull(quote, "quote == null");
    if (remainingCredits == null) {
      return Optional.empty();
    }
    String left = remainingCredits.toPlainString() + " left";
    if (!quote.isKnown()) {
      return Optional.of("the price of " + quote.model() + " is unknown (" + quote.basis()
          + ") and the budget is limited (" + left + ")");
    }
    if (quote.credits().compareTo(remainingCredits) > 0) {
      return Optional.of(quote.model() + " needs " + PriceQuote.creditsInWords(quote.credits()) + ", " + left);
    }
    return Optional.empty();
  }

  /**
   * What is left after paying {@code quote}; an unlimited budget stays unlimited.
   *
   * @throws IllegalStateException when the quote does not fit, saying why
   */
  public Budget spend(PriceQuote quote) {
    Optional<String> refusal = refusal(quote);
    if (refusal.isPresent()) {
      throw new IllegalStateException("budget exceeded: " + refusal.get());
    }
    return remainingCredits == null ? this : new Budget(PriceQuote.plain(remainingCredits.subtract(quote.credits())));
  }

  /**
   * What is left after {@code quote} is given back, such as for a job whose task was never
   * created; an unlimited budget stays unlimited and an unknown quote changes nothing.
   */
  public Budget refund(PriceQuote quote) {
    Objects.requireNonNull(quote, "quote == null");
    if (remainingCredits == null || !quote.isKnown()) {
      return this;
    }
    return new Budget(PriceQuote.plain(remainingCredits.add(quote.credits())));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Budget budget && Objects.equals(remainingCredits, budget.remainingCredits);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(remainingCredits);
  }

  @Override
  public String toString() {
    return remainingCredits == null ? "Budget[unlimited]" : "Budget[" + remainingCredits.toPlainString() + " credits]";
  }
}
