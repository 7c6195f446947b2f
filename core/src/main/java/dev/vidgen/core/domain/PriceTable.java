package dev.vidgen.core.domain;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a route costs, in US dollars as the provider lists it. Four shapes: a price per request
 * that depends on the duration, a price per generated second, one of those per resolution, or
 * unknown. Quotes in credits come from {@code dev.vidgen.core.pricing}.
 */
public sealed interface PriceTable
    permits PriceTable.PerRequest, PriceTable.PerSecond, PriceTable.ByResolution, PriceTable.Unknown {

  /** A fixed price per request for each offered duration. */
  record PerRequest(SortedMap<Integer, BigDecimal> usdBySeconds) implements PriceTable {
    /**
     * Prices as given, in US dollars by duration in seconds, copied in order of duration.
     *
     * @throws IllegalArgumentException if {@code usdBySeconds} is empty or a price is negative
     */
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
    /**
     * A price of {@code usdPerSecond} US dollars for each generated second.
     *
     * @throws IllegalArgumentException if the price is negative
     */
    public PerSecond {
      requireNonNegative(usdPerSecond);
    }
  }

  /**
   * A price table for each resolution (matched without regard to case); a resolution missing
   * here has no known price. The tables inside are not themselves by resolution.
   */
  record ByResolution(Map<String, PriceTable> byResolution) implements PriceTable {
    /**
     * Tables as given, copied in order; no resolution or table may be null.
     *
     * @throws IllegalArgumentException if {@code byResolution} is null or empty, holds a price by
     *     resolution, or lists one resolution twice (in any case) or a blank one
     */
    public ByResolution {
      if (byResolution == null || byResolution.isEmpty()) {
        throw new IllegalArgumentException("byResolution is empty");
      }
      Map<String, PriceTable> copy = new java.util.LinkedHashMap<>();
      Map<String, String> seen = new java.util.HashMap<>();
      byResolution.forEach((resolution, table) -> {
        Objects.requireNonNull(resolution, "resolution == null");
        if (resolution.isBlank()) {
          throw new IllegalArgumentException("a price for a blank resolution");
        }
        String earlier = seen.putIfAbsent(resolution.strip().toLowerCase(java.util.Locale.ROOT), resolution);
        if (earlier != null) {
          throw new IllegalArgumentException("two prices for the resolution " + earlier + " (as " + earlier + " and "
              + resolution + "); resolutions compare in any case");
        }
        if (Objects.requireNonNull(table, "price table == null") instanceof ByResolution) {
          throw new IllegalArgumentException("a price by resolution cannot hold another price by resolution");
        }
        copy.put(resolution, table);
      });
      byResolution = Collections.unmodifiableMap(copy);
    }

    /** The table for {@code resolution} (matched without regard to case), if one is listed. */
    public java.util.Optional<PriceTable> at(String resolution) {
      if (resolution == null) {
        return java.util.Optional.empty();
      }
      return byResolution.entrySet().stream()
          .filter(entry -> entry.getKey().equalsIgnoreCase(resolution.strip()))
          .map(Map.Entry::getValue)
          .findFirst();
    }
  }

  /** No price is documented; quotes say "unknown", never zero. */
  record Unknown(String reason) implements PriceTable {
    /** An unknown price, for {@code reason}, which must not be null. */
    public Unknown {
      Objects.requireNonNull(reason, "reason == null");
    }
  }

  /** Per-request prices, such as {@code perRequest(Map.of(10, "0.10", 15, "0.15"))}. */
  static PriceTable perRequest(Map<Integer, String> usdBySeconds) {
    Objects.requireNonNull(usdBySeconds, "usdBySeconds == null");
    TreeMap<Integer, BigDecimal> prices = new TreeMap<>();
    usdBySeconds.forEach((seconds, usd) -> prices.put(seconds, dollars(usd, "the price of " + seconds + " s")));
    return new PerRequest(prices);
  }

  /** A per-second price, such as {@code perSecond("0.01")}. */
  static PriceTable perSecond(String usd) {
    return new PerSecond(dollars(usd, "the price per second"));
  }

  /** {@code usd} read as dollars, or an error saying which price is not a decimal, in a route file's words. */
  private static BigDecimal dollars(String usd, String what) {
    if (usd == null) {
      throw new IllegalArgumentException(what + " is missing; give a decimal in US dollars such as \"0.05\"");
    }
    try {
      return new BigDecimal(usd.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " is \"" + usd + "\", not a decimal in US dollars such as \"0.05\"", e);
    }
  }

  /** Prices per resolution, such as {@code byResolution(Map.of("720p", perSecond("0.05")))}. */
  static PriceTable byResolution(Map<String, PriceTable> tables) {
    return new ByResolution(tables);
  }

  /** No known price, with the reason shown to users. */
  static PriceTable unknown(String reason) {
    return new Unknown(reason);
  }

  private static BigDecimal requireNonNegative(BigDecimal usd) {
    Objects.requireNonNull(usd, "price == null");
    if (usd.signum() < 0) {
      throw new IllegalArgumentException("price is negative: " + usd
          + "; a price is 0 or more US dollars, written without a sign");
    }
    return usd;
  }
}
