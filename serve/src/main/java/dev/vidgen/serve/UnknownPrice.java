package dev.vidgen.serve;

import dev.vidgen.core.port.Balances;
import dev.vidgen.core.pricing.PriceQuote;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The {@code price.unknown} note of a job whose price is not documented, as {@code vidgen generate}
 * warns of it: such a job cannot be compared with what is left, so it is sent without that check. It
 * names the balance the page shows (the last {@code GET /api/balance}), never a count minutes old, and
 * says so when the balance could not be read.
 */
final class UnknownPrice {
  /** The code of the note, as the client's own warning has it. */
  static final String CODE = "price.unknown";

  private UnknownPrice() {}

  /**
   * The note for {@code quote}, when its price is unknown and what is left is limited: {@code shown}, the
   * balance the page was last told, else {@code counted}, the client's own count; when {@code unreadable}
   * (the balance could not be read), it says so rather than name a count the page never showed. Empty
   * when the price is known, when the balance is unlimited, and when no balance is known at all.
   */
  static Optional<String> note(PriceQuote quote, Balances shown, Optional<BigDecimal> counted, boolean unreadable) {
    if (quote == null || quote.isKnown()) {
      return Optional.empty();
    }
    if (unreadable) {
      return Optional.of("the price of " + quote.model() + " is unknown (" + quote.basis() + ") and the balance could"
          + " not be read, so a job of this model is sent without the balance check, and may cost more than is left");
    }
    Optional<BigDecimal> left = shown != null ? shown.effectiveRemaining() : counted;
    return left.map(credits -> "the price of " + quote.model() + " is unknown (" + quote.basis() + "), so it cannot"
        + " be compared with the " + PriceQuote.creditsInWords(credits) + " left; a job of this model is sent"
        + " without that check, and may cost more than that");
  }
}
