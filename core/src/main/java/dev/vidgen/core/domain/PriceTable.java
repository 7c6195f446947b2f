package dev.vidgen.core.domain;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a route costs, in US dollars as the provider lists it. Three shapes: a price per request
 * that depends on the duration, a price per generated second, or unknown. Quotes in credits come
 * from {@code dev.vidgen.core.pricing}.
 */
public sealed interface PriceTable permits PriceTable.PerRequest, PriceTable.PerSecond, PriceTable.Unknown {

  /** A fixed price per request for each offered duration. */
  record PerRequest(SortedMap<Integer, BigDecimal> usdBySeconds) implements PriceTable {
    public PerRequest {
      if (usdBySeconds.isEmpty()) {
        throw new IllegalArgumentException("usdBySeconds is empty");
      }
      usdBySeconds.values().forEach(p -> requireNonNegative(p));
      usdBySeconds = Collections.unmodifiableSortedMap(new TreeMap<>(usdBySeconds));
    }
  }

  /** A price for each generated second. */
  record PerSecond(BigDecimal usdPerSecond) implements PriceTable {
    public PerSecond {
      requireNonNegative(usdPerSecond);
    }
  }

  /** No price is documented; quotes say "unknown", never zero. */
  record Unknown(String reason) implements PriceTable {
    public Unknown {
      Objects.requireNonNull(reason, "reason == null");
    }
  }

  /** Per-request prices, such as {@code perRequest(Map.of(10, "0.10", 15, "0.15"))}. */
  static PriceTable perRequest(Map<Integer, String> usdBySeconds) {
    TreeMap<Integer, BigDecimal> prices = new TreeMap<>();
    usdBySeconds.forEach((seconds, usd) -> prices.put(seconds, new BigDecimal(usd)));
    return new PerRequest(prices);
  }

  /** A per-second price, such as {@code perSecond("0.01")}. */
  static PriceTable perSecond(String usd) {
    return new PerSecond(new BigDecimal(usd));
  }

  /** No known price, with the reason shown to users. */
  static PriceTable unknown(String reason) {
    return new Unknown(reason);
  }

  private static BigDecimal requireNonNegative(BigDecimal usd) {
    Objects.requireNonNull(usd, "price == null");
    if (usd.signum() < 0) {
      throw new IllegalArgumentException("price is negative: " + usd);
    }
    return usd;
  }
}
