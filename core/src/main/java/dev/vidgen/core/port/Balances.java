package dev.vidgen.core.port;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * What the key (token) and the account each have left; a job can be refused by either.
 *
 * @param key the key's own quota, or null when the provider has no per-key quota
 * @param account the account's balance, or null when the provider reports only the key's (or
 *     may not read the account's)
 */
public record Balances(Balance key, Balance account) {
  /**
   * Balances as given; either may be null, but not both.
   *
   * @throws IllegalArgumentException if {@code key} and {@code account} are both null
   */
  public Balances {
    if (key == null && account == null) {
      throw new IllegalArgumentException("a balance of the key or the account is needed");
    }
  }

  /** The credits that may really be spent: the smaller limited remainder; empty when both are unlimited. */
  public Optional<BigDecimal> effectiveRemaining() {
    BigDecimal smallest = null;
    for (Balance each : new Balance[] {key, account}) {
      if (each == null || each.unlimited() || each.remainingCredits() == null) {
        continue;
      }
      smallest = smallest == null || each.remainingCredits().compareTo(smallest) < 0 ? each.remainingCredits() : smallest;
    }
    return Optional.ofNullable(smallest);
  }

  /** Which balance limits: {@code key}, {@code account}, or {@code unlimited}. */
  public String limitedBy() {
    Optional<BigDecimal> left = effectiveRemaining();
    if (left.isEmpty()) {
      return "unlimited";
    }
    return account != null && !account.unlimited() && left.get().equals(account.remainingCredits()) ? "account" : "key";
  }

  /**
   * The credits a US dollar buys as the provider reported it with these balances (the key's, else the
   * account's); empty when it reported none.
   */
  public Optional<BigDecimal> reportedCreditsPerUsd() {
    if (key != null && key.creditsPerUsd() != null) {
      return Optional.of(key.creditsPerUsd());
    }
    return Optional.ofNullable(account == null ? null : account.creditsPerUsd());
  }

  /**
   * A rate of credits to dollars the provider stated with these balances that vidgen cannot use, as it wrote it;
   * empty when it stated a usable one (see {@link #reportedCreditsPerUsd()}) or none. vidgen then counts its own 200,
   * as when none is stated, and says so ({@link Balance#unusableRateWords}) rather than replacing it silently.
   */
  public Optional<String> unusableCreditsPerUsd() {
    if (reportedCreditsPerUsd().isPresent()) {
      return Optional.empty();
    }
    if (key != null && key.unusableCreditsPerUsd() != null) {
      return Optional.of(key.unusableCreditsPerUsd());
    }
    return Optional.ofNullable(account == null ? null : account.unusableCreditsPerUsd());
  }
}
