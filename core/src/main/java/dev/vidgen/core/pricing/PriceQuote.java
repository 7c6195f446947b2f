package dev.vidgen.core.pricing;

import dev.vidgen.core.domain.FollowOnKind;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * What one job will cost, in credits and US dollars (1 USD = 200 credits), or unknown when the
 * route has no documented price. An unknown quote is never zero. Serializable, as the {@code
 * JobHandle} and the exceptions that carry it are; a quote read back is checked as a new one is.
 *
 * @param model the model (route id) priced
 * @param credits null when unknown
 * @param usd null when unknown
 * @param basis how the price was found, such as "per request, 10 s" or why it is unknown
 */
public record PriceQuote(String model, BigDecimal credits, BigDecimal usd, String basis) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Credits per US dollar. */
  public static final BigDecimal CREDITS_PER_USD = BigDecimal.valueOf(200);

  /**
   * A quote as given; {@code model} and {@code basis} must not be null.
   *
   * @throws IllegalArgumentException if one of {@code credits} and {@code usd} is null and the other is not,
   *     either is below zero, or {@code credits} is not {@code usd} × 200
   */
  public PriceQuote {
    Objects.requireNonNull(model, "model == null");
    Objects.requireNonNull(basis, "basis == null");
    if ((credits == null) != (usd == null)) {
      throw new IllegalArgumentException("credits and usd are both known or both unknown");
    }
    if (credits != null && (credits.signum() < 0 || usd.signum() < 0)) {
      throw new IllegalArgumentException("a price is 0 or more; got " + credits.toPlainString() + " credits ($"
          + usd.toPlainString() + ")");
    }
    if (credits != null && credits.compareTo(usd.multiply(CREDITS_PER_USD)) != 0) {
      throw new IllegalArgumentException(credits.toPlainString() + " credits are not $" + usd.toPlainString()
          + " at 200 credits a dollar; give the price once, with PriceQuote.ofUsd");
    }
  }

  /** A known price in US dollars; credits follow at 200 per dollar. */
  public static PriceQuote ofUsd(String model, BigDecimal usd, String basis) {
    Objects.requireNonNull(usd, "usd == null");
    return new PriceQuote(model, plain(usd.multiply(CREDITS_PER_USD)), usd, basis);
  }

  /** {@code credits} in US dollars, exactly (1 credit = $0.005). */
  public static BigDecimal usdOf(BigDecimal credits) {
    Objects.requireNonNull(credits, "credits == null");
    return plain(credits.divide(CREDITS_PER_USD));
  }

  /**
   * {@code credits} in US dollars at {@code creditsPerUsd}, a provider's own rate: exact where the division ends
   * (at 200 it always does), else cut (never rounded up) after 10 decimals, so that no balance reads as more than
   * it is.
   */
  public static BigDecimal usdAt(BigDecimal credits, BigDecimal creditsPerUsd) {
    Objects.requireNonNull(credits, "credits == null");
    Objects.requireNonNull(creditsPerUsd, "creditsPerUsd == null");
    BigDecimal dollars;
    try {
      dollars = credits.divide(creditsPerUsd);
    } catch (ArithmeticException endless) {
      dollars = credits.divide(creditsPerUsd, 10, java.math.RoundingMode.DOWN);
    }
    return plain(dollars);
  }

  /** Without trailing zeros, yet never in exponent form: 20.00 becomes 20, 200 stays 200. */
  static BigDecimal plain(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  /** An unknown price, with the reason. */
  public static PriceQuote unknown(String model, String reason) {
    return new PriceQuote(model, null, null, reason);
  }

  /** The unknown price of {@code kind} on {@code model}, whose route documents none for it. */
  public static PriceQuote unknownFollowOn(String model, FollowOnKind kind) {
    Objects.requireNonNull(kind, "kind == null");
    return unknown(model, unpricedFollowOnBasis(kind) + model);
  }

  /** The kind of follow-on this quote says has no documented price ({@link #unknownFollowOn}); empty for any other. */
  public Optional<FollowOnKind> unpricedFollowOn() {
    if (isKnown()) {
      return Optional.empty();
    }
    return Arrays.stream(FollowOnKind.values()).filter(kind -> basis.startsWith(unpricedFollowOnBasis(kind)))
        .findFirst();
  }

  private static String unpricedFollowOnBasis(FollowOnKind kind) {
    return "no price is documented for " + kind.withArticle() + " on ";
  }

  /**
   * The unknown price of a job on {@code model} whose {@code seconds} (0 or -1) asks for an automatic length:
   * the provider picks the length, so no table can price it.
   */
  public static PriceQuote unknownAutomaticLength(String model, int seconds) {
    return unknown(model, "seconds " + seconds + AUTOMATIC_LENGTH_BASIS);
  }

  /** Whether this quote is unknown because the job asks for an automatic length ({@link #unknownAutomaticLength}). */
  public boolean asksAutomaticLength() {
    return !isKnown() && basis.startsWith("seconds ") && basis.endsWith(AUTOMATIC_LENGTH_BASIS);
  }

  private static final String AUTOMATIC_LENGTH_BASIS =
      " asks for an automatic length, which the provider chooses, so no price can be worked out";

  /** Whether the price is known; when it is not, {@code credits} and {@code usd} are null. */
  public boolean isKnown() {
    return credits != null;
  }

  /** Credits, when known. */
  public Optional<BigDecimal> creditsIfKnown() {
    return Optional.ofNullable(credits);
  }

  /** Dollars, when known. */
  public Optional<BigDecimal> usdIfKnown() {
    return Optional.ofNullable(usd);
  }

  /** Dollars as vidgen writes them in words: at least two decimals, no trailing zeros beyond, "$0.30", "-$0.025". */
  public static String usdInWords(BigDecimal usd) {
    BigDecimal shown = usd.abs().stripTrailingZeros();
    if (shown.scale() < 2) {
      shown = shown.setScale(2, java.math.RoundingMode.UNNECESSARY);
    }
    return (usd.signum() < 0 ? "-$" : "$") + shown.toPlainString();
  }

  /** An amount of credits in words: {@code 1 credit}, {@code 20 credits}, {@code 0.5 credits}. */
  public static String creditsInWords(BigDecimal amount) {
    return amount.toPlainString() + (amount.compareTo(BigDecimal.ONE) == 0 ? " credit" : " credits");
  }

  /**
   * Equal when the model, the basis and the amounts are: {@code $0.10} and {@code $0.1} are one price,
   * whatever scale each amount was written with.
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof PriceQuote quote && model.equals(quote.model) && basis.equals(quote.basis)
        && sameAmount(credits, quote.credits) && sameAmount(usd, quote.usd);
  }

  @Override
  public int hashCode() {
    return Objects.hash(model, basis, credits == null ? null : plain(credits), usd == null ? null : plain(usd));
  }

  private static boolean sameAmount(BigDecimal one, BigDecimal other) {
    return one == null ? other == null : other != null && one.compareTo(other) == 0;
  }

  @Override
  public String toString() {
    return isKnown()
        ? creditsInWords(credits) + " ($" + usd.toPlainString() + ") — " + basis
        : "price unknown — " + basis;
  }
}
