package dev.vidgen.core.port;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * What is left on the account, in credits.
 *
 * @param remainingCredits null when the account is unlimited
 * @param usedCredits credits spent so far
 * @param unlimited whether the account has no limit
 * @param creditsPerUsd the credits a US dollar buys, as the provider reported it with this balance; null when
 *     it reported none, or none usable
 * @param unusableCreditsPerUsd a rate the provider stated that vidgen cannot use ({@code 0}, {@code -5}, {@code NaN},
 *     {@code 1e400}, {@code true}), as it wrote it (escaped, for messages; see {@link #unusableRateWords}); null when
 *     it stated a usable one or none
 */
public record Balance(BigDecimal remainingCredits, BigDecimal usedCredits, boolean unlimited, BigDecimal creditsPerUsd,
    String unusableCreditsPerUsd) {
  /**
   * The most credits a US dollar may buy in a rate the provider states for vidgen to use it: 10^12, as many as a
   * balance can plausibly be. A larger rate (or {@code 1e400}) is a broken server's figure, replaced by vidgen's own.
   */
  public static final BigDecimal MOST_CREDITS_PER_USD = BigDecimal.TEN.pow(12);

  /** The longest text read as a number when saying what is wrong with a rate (as providers read numbers). */
  private static final int LONGEST_NUMBER_TEXT = 100;

  /**
   * Credits as given, written without trailing zeros ({@code 1000.0} is {@code 1000}), as every count of credits is.
   *
   * @throws IllegalArgumentException if {@code creditsPerUsd} is given and not above zero
   */
  public Balance {
    remainingCredits = plain(remainingCredits);
    usedCredits = plain(usedCredits);
    if (creditsPerUsd != null && creditsPerUsd.signum() <= 0) {
      throw new IllegalArgumentException("credits per US dollar must be above zero, not " + creditsPerUsd.toPlainString());
    }
    creditsPerUsd = plain(creditsPerUsd);
    unusableCreditsPerUsd = creditsPerUsd != null ? null : unusableCreditsPerUsd;
  }

  /** A balance whose provider stated a usable rate of credits to dollars, or none. */
  public Balance(BigDecimal remainingCredits, BigDecimal usedCredits, boolean unlimited, BigDecimal creditsPerUsd) {
    this(remainingCredits, usedCredits, unlimited, creditsPerUsd, null);
  }

  /** A balance whose provider reported no rate of credits to dollars. */
  public Balance(BigDecimal remainingCredits, BigDecimal usedCredits, boolean unlimited) {
    this(remainingCredits, usedCredits, unlimited, null, null);
  }

  private static BigDecimal plain(BigDecimal credits) {
    if (credits == null) {
      return null;
    }
    BigDecimal stripped = credits.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  /**
   * The words for a rate of credits to dollars the provider states that vidgen cannot use, {@code stated} as it wrote
   * it: what is wrong with it and what a usable rate is. Each place that says it goes on with what vidgen does instead.
   */
  public static String unusableRateWords(String stated) {
    return "the provider states " + stated + " credits per US dollar, which is no usable rate (" + whatIsWrong(stated)
        + "; a rate must be a finite number above zero, at most " + MOST_CREDITS_PER_USD.toPlainString() + ")";
  }

  private static String whatIsWrong(String stated) {
    BigDecimal number;
    try {
      number = stated.length() > LONGEST_NUMBER_TEXT ? null : new BigDecimal(stated.strip());
    } catch (NumberFormatException notANumber) {
      number = null;
    }
    if (number == null) {
      return "it is no finite number"; // text, true, {}, [200], NaN, Infinity
    }
    if (number.signum() <= 0) {
      return "it is not above zero";
    }
    return number.compareTo(MOST_CREDITS_PER_USD) > 0 ? "it is too large to use"
        : "it has more digits than vidgen reads";
  }

  /** The credits left; empty when the account is unlimited. */
  public Optional<BigDecimal> remaining() {
    return Optional.ofNullable(remainingCredits);
  }
}
