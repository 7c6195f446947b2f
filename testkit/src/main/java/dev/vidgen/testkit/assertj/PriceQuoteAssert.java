package dev.vidgen.testkit.assertj;

import dev.vidgen.core.pricing.PriceQuote;
import java.math.BigDecimal;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a {@link PriceQuote}; amounts compare by value, so {@code 20} equals {@code 20.00}. */
public final class PriceQuoteAssert extends AbstractAssert<PriceQuoteAssert, PriceQuote> {
  PriceQuoteAssert(PriceQuote actual) {
    super(actual, PriceQuoteAssert.class);
  }

  public PriceQuoteAssert isKnown() {
    isNotNull();
    if (!actual.isKnown()) {
      failWithMessage("expected a known price for %s but it is unknown: %s", actual.model(), actual.basis());
    }
    return this;
  }

  public PriceQuoteAssert isUnknown() {
    isNotNull();
    if (actual.isKnown()) {
      failWithMessage("expected an unknown price for %s but got %s", actual.model(), actual);
    }
    return this;
  }

  /** The quote is known and worth exactly {@code credits}, such as {@code "20"}. */
  public PriceQuoteAssert hasCredits(String credits) {
    isKnown();
    if (actual.credits().compareTo(new BigDecimal(credits)) != 0) {
      failWithMessage("expected %s credits but got %s", credits, actual.credits().toPlainString());
    }
    return this;
  }

  /** The quote is known and worth exactly {@code usd} US dollars, such as {@code "0.10"}. */
  public PriceQuoteAssert hasUsd(String usd) {
    isKnown();
    if (actual.usd().compareTo(new BigDecimal(usd)) != 0) {
      failWithMessage("expected $%s but got $%s", usd, actual.usd().toPlainString());
    }
    return this;
  }

  public PriceQuoteAssert hasModel(String model) {
    isNotNull();
    if (!actual.model().equals(model)) {
      failWithMessage("expected a quote for %s but it is for %s", model, actual.model());
    }
    return this;
  }

  public PriceQuoteAssert hasBasisContaining(String text) {
    isNotNull();
    if (!actual.basis().contains(text)) {
      failWithMessage("expected the basis to contain <%s> but it is <%s>", text, actual.basis());
    }
    return this;
  }
}
