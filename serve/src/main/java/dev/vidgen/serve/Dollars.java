package dev.vidgen.serve;

import dev.vidgen.core.port.Balance;
import dev.vidgen.core.pricing.PriceQuote;
import java.math.BigDecimal;
import java.util.Optional;

/** Dollars as the playground writes them, the same as {@code vidgen} does: "$0.30", "$0.35035", "-$0.025". */
final class Dollars {
  private Dollars() {}

  /** {@code usd} with at least two decimals and no trailing zeros beyond them. */
  static String words(BigDecimal usd) {
    return PriceQuote.usdInWords(usd);
  }

  /**
   * {@code credits} in dollars at {@code rate} credits a dollar, exactly; a division that does not end is cut
   * (never rounded up) after 10 decimals, so that no balance reads as more than it is, as {@code vidgen balance}.
   */
  static BigDecimal ofCredits(BigDecimal credits, BigDecimal rate) {
    return PriceQuote.usdAt(credits, rate);
  }

  /** The {@code balance.rate} note when the provider's {@code rate} is not the 200 credits a dollar vidgen assumes. */
  static Optional<String> rateNote(BigDecimal rate) {
    if (rate.compareTo(PriceQuote.CREDITS_PER_USD) == 0) {
      return Optional.empty();
    }
    return Optional.of("the provider reports " + rate.toPlainString() + " credits per US dollar, but vidgen assumes "
        + PriceQuote.CREDITS_PER_USD + " when it turns a price in dollars into credits: quotes and the balance check"
        + " may be off by that factor; the balance's dollars use the provider's rate");
  }

  /** The {@code balance.rate} note when the provider states a rate vidgen cannot use, such as 0 or 1e400. */
  static String unusableRateNote(String stated) {
    return Balance.unusableRateWords(stated) + ": the balance's dollars use the " + PriceQuote.CREDITS_PER_USD
        + " vidgen assumes, as when the provider states none";
  }
}
