package dev.vidgen.core.error;

import dev.vidgen.core.domain.FollowOnKind;
import dev.vidgen.core.pricing.PriceQuote;
import java.math.BigDecimal;

/** The job would cost more than the budget has left (or its price is unknown); nothing was sent. */
public final class BudgetExceededException extends VidgenException {
  private static final long serialVersionUID = 1L;

  private final PriceQuote quote;
  private final BigDecimal remainingCredits;
  private final boolean nothingSpent;

  /**
   * A refusal of the job priced by {@code quote}, with {@code remainingCredits} left in the budget after
   * earlier spending ("N credits of the budget are left").
   */
  public BudgetExceededException(PriceQuote quote, BigDecimal remainingCredits) {
    this(quote, remainingCredits, false);
  }

  /**
   * A refusal of the job priced by {@code quote}, with {@code remainingCredits} left in the budget;
   * {@code nothingSpent} when that is the whole budget, so that it reads "the budget is N credits".
   */
  public BudgetExceededException(PriceQuote quote, BigDecimal remainingCredits, boolean nothingSpent) {
    super(describe(quote, budgetInWords(remainingCredits, nothingSpent)));
    this.quote = quote;
    this.remainingCredits = remainingCredits;
    this.nothingSpent = nothingSpent;
  }

  /** The job's price, which may be unknown. */
  public PriceQuote quote() {
    return quote;
  }

  /** Credits left in the budget before this job. */
  public BigDecimal remainingCredits() {
    return remainingCredits;
  }

  /** What the budget holds, in words: "the budget is 500 credits" when nothing was spent, else "20 credits of the budget are left". */
  public String budgetInWords() {
    return budgetInWords(remainingCredits, nothingSpent);
  }

  @Override
  public String docsAnchor() {
    return "budget-exceeded";
  }

  private static String budgetInWords(BigDecimal remaining, boolean nothingSpent) {
    String credits = PriceQuote.creditsInWords(remaining);
    return nothingSpent ? "the budget is " + credits
        : credits + " of the budget " + (remaining.compareTo(BigDecimal.ONE) == 0 ? "is" : "are") + " left";
  }

  private static String describe(PriceQuote quote, String budget) {
    if (quote.unpricedFollowOn().isPresent()) {
      // A route's price is for its own creates: no routes file can price a follow-on, so only the setting is named.
      FollowOnKind kind = quote.unpricedFollowOn().get();
      return kind.withArticle() + " on " + quote.model() + " costs an unknown price but " + budget + "; an unknown"
          + " price never counts as zero, and no routes file can price " + kind.withArticle() + ": allow unknown"
          + " prices explicitly to send it (allowUnknownPrices(true) in Java, --allow-unknown-prices on the command"
          + " line); nothing was sent (see docs/errors.md#budget-exceeded)";
    }
    String cost = quote.isKnown() ? PriceQuote.creditsInWords(quote.credits()) : "an unknown price";
    String unknown = quote.isKnown() ? "" : "; an unknown price never counts as zero: state the price in a routes file"
        + " (a patch of " + quote.model() + " with a price) or allow unknown prices explicitly"
        + " (allowUnknownPrices(true) in Java, --allow-unknown-prices on the command line)";
    return quote.model() + " costs " + cost + " but " + budget + unknown + "; nothing was sent (see docs/errors.md#budget-exceeded)";
  }
}
