package dev.vidgen.core.port;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * What is left on the account, in credits.
 *
 * @param remainingCredits null when the account is unlimited
 * @param usedCredits credits spent so far
 */
public record Balance(BigDecimal remainingCredits, BigDecimal usedCredits, boolean unlimited) {
  public Optional<BigDecimal> remaining() {
    return Optional.ofNullable(remainingCredits);
  }
}
