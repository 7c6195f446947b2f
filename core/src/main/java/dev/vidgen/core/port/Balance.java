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
  /** The credits left; empty when the account is unlimited. */
  public Optional<BigDecimal> remaining() {
    return Optional.ofNullable(remainingCredits);
  }
}
