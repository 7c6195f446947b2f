package dev.vidgen.core.pricing;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The sum of many quotes, such as a batch's: the known part in credits and US dollars, and how
 * many quotes were unknown. A total with an unknown part is not complete and is never passed off
 * as the full price.
 *
 * @param credits the sum of the known quotes, in credits
 * @param usd the sum of the known quotes, in US dollars
 * @param known how many quotes were known
 * @param unknown how many quotes were unknown
 */
public record QuoteTotal(BigDecimal credits, BigDecimal usd, int known, int unknown) {
  /**
   * A total as given; {@code credits} and {@code usd} must not be null.
   *
   * @throws IllegalArgumentException if {@code known} or {@code unknown} is negative
   */
  public QuoteTotal {
    Objects.requireNonNull(credits, "credits == null");
    Objects.requireNonNull(usd, "usd == null");
    if (known < 0 || unknown < 0) {
      throw new IllegalArgumentException("counts are negative: " + known + " known, " + unknown + " unknown");
    }
  }

  /** Whether every quote was known, so that the sum is the whole price. */
  public boolean isComplete() {
    return unknown == 0;
  }

  /** How many quotes were summed. */
  public int count() {
    return known + unknown;
  }

  @Override
  public String toString() {
    String sum = credits.stripTrailingZeros().toPlainString() + " credits ($" + usd.toPlainString() + ")";
    String jobs = count() == 1 ? "1 job" : count() + " jobs";
    return isComplete() ? sum + " for " + jobs : "at least " + sum + " for " + jobs + "; " + unknown + " price"
        + (unknown == 1 ? "" : "s") + " unknown";
  }
}
