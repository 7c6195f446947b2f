package dev.vidgen.core.json;

import dev.vidgen.core.domain.PriceTable;
import dev.vidgen.core.pricing.PriceQuote;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prices as vidgen's JSON writes them, the command line's and the playground's alike: amounts as plain
 * numbers without trailing zeros ({@code 0.1}, {@code 20}, {@code 0.005}; never {@code 0.10} or {@code
 * 2E+1}), so that a tool keeping the literal sees the same text for the same price.
 */
public final class PriceJson {
  private PriceJson() {}

  /** {@code amount} without trailing zeros, never in exponent form; null stays null. */
  public static BigDecimal amount(BigDecimal amount) {
    if (amount == null) {
      return null;
    }
    BigDecimal stripped = amount.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  /**
   * A route's price table: its {@code kind} ({@code per_request}, {@code by_resolution}, {@code per_second}
   * or {@code unknown}) with the dollars and credits by seconds, by resolution, per second, or the reason.
   */
  public static Map<String, Object> table(PriceTable table) {
    Map<String, Object> json = new LinkedHashMap<>();
    if (table instanceof PriceTable.PerRequest perRequest) {
      json.put("kind", "per_request");
      Map<String, Object> usd = new LinkedHashMap<>();
      Map<String, Object> credits = new LinkedHashMap<>();
      perRequest.usdBySeconds().forEach((seconds, price) -> {
        usd.put(String.valueOf(seconds), amount(price));
        credits.put(String.valueOf(seconds), amount(price.multiply(PriceQuote.CREDITS_PER_USD)));
      });
      json.put("usd_by_seconds", usd);
      json.put("credits_by_seconds", credits);
    } else if (table instanceof PriceTable.ByResolution byResolution) {
      json.put("kind", "by_resolution");
      Map<String, Object> tables = new LinkedHashMap<>();
      byResolution.byResolution().forEach((resolution, inner) -> tables.put(resolution, table(inner)));
      json.put("by_resolution", tables);
    } else if (table instanceof PriceTable.PerSecond perSecond) {
      json.put("kind", "per_second");
      json.put("usd_per_second", amount(perSecond.usdPerSecond()));
      json.put("credits_per_second", amount(perSecond.usdPerSecond().multiply(PriceQuote.CREDITS_PER_USD)));
    } else if (table instanceof PriceTable.Unknown unknown) {
      json.put("kind", "unknown");
      json.put("reason", unknown.reason());
    }
    return json;
  }
}
