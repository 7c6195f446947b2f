package dev.vidgen.core.port;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * What is left on the account, in credits.
 *
 * @param remainingCredits null when the account is unlimited
 * @param usedCredits credits spent so far
 * @param unlimited whether the account has no limit
 */
public record Balance(BigDecimal remainingCredits, BigDecimal usedCredits, boolean unlimited) {
  /** Credits as given, written without trailing zeros ({@code 1000.0} is {@code 1000}), as every count of credits is. */
  public Balance {
    remainingCredits = plain(remainingCredits);
    usedCredits = plain(usedCredits);
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
