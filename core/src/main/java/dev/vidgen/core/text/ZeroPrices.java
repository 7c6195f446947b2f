package dev.vidgen.core.text;

import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.PriceTable;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.pricing.PriceQuote;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The routes of a catalog priced 0 somewhere in their table, in the words of the warning told where routes are
 * loaded: a 0 typed as a placeholder (or {@code 0.0} for {@code 0.10}) is a price typed wrong, and a budget and the
 * balance check count every job it prices as free.
 */
public final class ZeroPrices {
  /** The code of the warning ({@code VidgenListener.onWarning}, the CLI's JSON {@code warnings}). */
  public static final String CODE = "price.zero";

  private ZeroPrices() {}

  /** One warning for each route of {@code catalog} priced 0 for some job, naming where the route comes from. */
  public static List<String> warnings(RouteCatalog catalog) {
    List<String> warnings = new ArrayList<>();
    for (ModelRoute route : catalog.routes()) {
      List<String> zeros = zeros(route.price(), "");
      if (!zeros.isEmpty()) {
        String origin = catalog.origin(route.id()).orElse(RouteCatalog.CODE);
        warnings.add("the route " + route.id() + " (" + (RouteCatalog.CODE.equals(origin) ? "given in code" : origin)
            + ") is priced " + String.join(", ", zeros) + ": every job on it counts as free against the budget"
            + " (--max-credits) and the balance, and the provider documents no free video model; if 0 is not its"
            + " price, give the real one, or an unknown price where it is not known (docs/pricing.md#a-price-of-0)");
      }
    }
    return warnings;
  }

  /** Whether {@code quote} is a known price of 0. */
  public static boolean isZero(PriceQuote quote) {
    return quote.isKnown() && quote.credits().signum() == 0;
  }

  /** Where {@code table} says 0: "0 per second", "0 for 5 s", each followed by {@code at} (", at 720p"). */
  private static List<String> zeros(PriceTable table, String at) {
    List<String> zeros = new ArrayList<>();
    if (table instanceof PriceTable.PerSecond perSecond && isZero(perSecond.usdPerSecond())) {
      zeros.add("0 per second" + at);
    } else if (table instanceof PriceTable.PerRequest perRequest) {
      List<String> lengths = perRequest.usdBySeconds().entrySet().stream().filter(entry -> isZero(entry.getValue()))
          .map(entry -> entry.getKey() + " s").toList();
      if (!lengths.isEmpty()) {
        zeros.add("0 for " + String.join(" and ", lengths) + at);
      }
    } else if (table instanceof PriceTable.ByResolution byResolution) {
      for (Map.Entry<String, PriceTable> entry : byResolution.byResolution().entrySet()) {
        zeros.addAll(zeros(entry.getValue(), " at " + entry.getKey()));
      }
    }
    return zeros;
  }

  private static boolean isZero(BigDecimal usd) {
    return usd.signum() == 0;
  }
}
