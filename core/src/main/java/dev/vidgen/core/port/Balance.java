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
 * @param unusableCreditsPerUsd a rate the provider stated that is no number above zero ({@code 0}, {@code -5},
 *     {@code NaN}), as it wrote it (escaped, for messages); null when it stated a usable one or none
 */
public record Balance(BigDecimal remainingCredits, BigDecimal usedCredits, boolean unlimited, BigDecimal creditsPerUsd,
    String unusableCreditsPerUsd) {
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

  /** The credits left; empty when the account is unlimited. */
  public Optional<BigDecimal> remaining() {
    return Optional.ofNullable(remainingCredits);
  }
}
