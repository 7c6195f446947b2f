package dev.vidgen.core.error;

import dev.vidgen.core.pricing.PriceQuote;
import java.math.BigDecimal;

/** The job would cost more than the budget has left (or its price is unknown); nothing was sent. */
public final class BudgetExceededException extends VidgenException {
  private static final long serialVersionUID = 1L;

  private final PriceQuote quote;
  private final BigDecimal remainingCredits;

  /** A refusal of the job priced by {@code quote}, with {@code remainingCredits} left in the budget. */
  public BudgetExceededException(PriceQuote quote, BigDecimal remainingCredits) {
    super(describe(quote, remainingCredits));
    this.quote = quote;
    this.remainingCredits = remainingCredits;
  }

  /** The job's price, which may be unknown. */
  public PriceQuote quote() {
    return quote;
  }

  /** Credits left in the budget before this job. */
  public BigDecimal remainingCredits() {
    return remainingCredits;
  }

  @Override
  public String docsAnchor() {
    return "budget-exceeded";
  }

  private static String describe(PriceQuote quote, BigDecimal remaining) {
    String cost = quote.isKnown() ? dev.vidgen.core.pricing.PriceQuote.creditsInWords(quote.credits()) : "an unknown price";
    String unknown = quote.isKnown() ? "" : "; an unknown price never counts as zero: state the price in a routes file"
        + " (a patch of " + quote.model() + " with a price) or allow unknown prices explicitly"
        + " (allowUnknownPrices(true) in Java, --allow-unknown-prices on the command line)";
    return quote.model() + " costs " + cost + " but the budget has " + dev.vidgen.core.pricing.PriceQuote.creditsInWords(remaining)
        + " left" + unknown + "; nothing was sent (see docs/errors.md#budget-exceeded)";
  }
}
