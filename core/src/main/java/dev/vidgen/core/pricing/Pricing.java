package dev.vidgen.core.pricing;

import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.PriceTable;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.VideoJob;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Quotes jobs from their route's price table with exact decimal arithmetic: a per-request price
 * for the job's duration, or a per-second price times the duration. A price that is not known is
 * quoted as unknown, never as zero. Pure and thread-safe.
 */
public final class Pricing {
  /**
   * What a quote's basis says, before where its price comes from, when a route file (or code) changed the price of
   * vidgen's built-in route ({@link #quote(RouteCatalog, ModelRoute, VideoJob)}); a caller listing quotes may look
   * for it to tell the change once.
   */
  public static final String FROM_ELSEWHERE = "; this price comes from ";

  private Pricing() {}

  /**
   * What {@code job} costs on {@code route} (the route's default duration when the job gives
   * none). Unknown when the route has no price, or no price for the job's duration.
   */
  public static PriceQuote quote(ModelRoute route, VideoJob job) {
    Objects.requireNonNull(route, "route == null");
    Objects.requireNonNull(job, "job == null");
    PriceTable table = route.price();
    String at = "";
    if (table instanceof PriceTable.ByResolution byResolution) {
      boolean given = job.resolution() != null && !job.resolution().isBlank();
      String resolution = given ? job.resolution().strip() : route.defaultResolution();
      String priced = String.join(", ", byResolution.byResolution().keySet());
      if (resolution == null) {
        return PriceQuote.unknown(route.id(),
            "the price depends on the resolution and none was given (the route has no default); priced: " + priced);
      }
      java.util.Optional<PriceTable> found = byResolution.at(resolution);
      if (found.isEmpty()) {
        return PriceQuote.unknown(route.id(), "no price for " + resolution + "; priced resolutions: " + priced);
      }
      table = found.get();
      at = ", " + route.offeredResolution(resolution).orElse(resolution) + (given ? "" : " (the route's default)");
    }
    return quote(route, job, table, at);
  }

  /**
   * {@link #quote(ModelRoute, VideoJob)} of {@code job} on {@code route}, a route of {@code catalog}. When the
   * route is not vidgen's built-in one of its id (a route file patched or replaced it, or code did) and its price
   * for this job differs from the built-in route's known one, the basis says where the price comes from and what
   * the built-in route, from the provider's documented prices, gives: a price typed wrong in a file is then seen
   * before a budget trusts it. A price of 0 a route file (or code) set says so too, since a budget and the balance
   * check count it as free.
   */
  public static PriceQuote quote(RouteCatalog catalog, ModelRoute route, VideoJob job) {
    Objects.requireNonNull(catalog, "catalog == null");
    PriceQuote quote = besideDocumented(catalog, route, job);
    String from = catalog.origin(route.id()).orElse(RouteCatalog.CODE);
    if (!quote.isKnown() || quote.credits().signum() != 0 || RouteCatalog.BUILT_IN.equals(from)) {
      return quote;
    }
    return new PriceQuote(quote.model(), quote.credits(), quote.usd(), quote.basis() + "; the price of 0 is set by "
        + (RouteCatalog.CODE.equals(from) ? "code" : from) + ", so this job counts as free against the budget and the"
        + " balance");
  }

  /** {@link #quote(ModelRoute, VideoJob)}, with the built-in route's documented price beside a price changed from it. */
  private static PriceQuote besideDocumented(RouteCatalog catalog, ModelRoute route, VideoJob job) {
    PriceQuote quote = quote(route, job);
    java.util.Optional<ModelRoute> shipped = RouteCatalog.builtIn().find(route.id())
        .filter(builtIn -> builtIn.id().equals(route.id()) && builtIn != route);
    if (shipped.isEmpty()) {
      return quote;
    }
    PriceQuote documented = quote(shipped.get(), job);
    if (!documented.isKnown() || quote.isKnown() && quote.credits().compareTo(documented.credits()) == 0) {
      return quote;
    }
    String from = catalog.origin(route.id()).orElse(RouteCatalog.CODE);
    String basis = quote.basis() + FROM_ELSEWHERE + from + ", and vidgen's built-in route of " + route.id()
        + " (" + documentedBy(shipped.get()) + ") gives " + documented.credits().toPlainString() + " credits ($"
        + documented.usd().toPlainString() + ")";
    return quote.isKnown() ? new PriceQuote(quote.model(), quote.credits(), quote.usd(), basis)
        : PriceQuote.unknown(quote.model(), basis);
  }

  /**
   * Whose documented price a built-in route carries: the provider it was written for, as its hints name it (such as
   * "acme's documented price"), since the job may go to another provider that documents none; "the provider's" when
   * its hints name no one provider.
   */
  private static String documentedBy(ModelRoute builtIn) {
    java.util.Set<String> providers = builtIn.hints().keySet();
    if (providers.size() != 1) {
      return "the provider's documented price";
    }
    String provider = providers.iterator().next();
    return provider + (provider.endsWith("s") ? "'" : "'s") + " documented price";
  }

  private static PriceQuote quote(ModelRoute route, VideoJob job, PriceTable table, String at) {
    boolean defaulted = job.seconds() == null;
    // A route without a documented price says so first: a length would not price it, a route file's price would.
    boolean automatic = !defaulted && route.durations().acceptsAutomatic(job.seconds());
    if (table instanceof PriceTable.Unknown unknown) {
      return PriceQuote.unknown(route.id(), unknown.reason() + (automatic ? "; and seconds " + job.seconds()
          + " asks for an automatic length, which the provider chooses" : ""));
    }
    if (automatic) {
      return PriceQuote.unknownAutomaticLength(route.id(), job.seconds());
    }
    int seconds = defaulted ? route.durations().defaultSeconds() : job.seconds();
    String duration = seconds + " s" + (defaulted ? " (the route's default)" : "");
    if (table instanceof PriceTable.PerRequest perRequest) {
      BigDecimal usd = perRequest.usdBySeconds().get(seconds);
      if (usd == null) {
        return PriceQuote.unknown(
            route.id(),
            "no price for " + seconds + " s; priced durations: "
                + perRequest.usdBySeconds().keySet().stream().map(s -> s + " s").collect(Collectors.joining(", ")));
      }
      return PriceQuote.ofUsd(route.id(), usd, "per request, " + duration + at);
    }
    PriceTable.PerSecond perSecond = (PriceTable.PerSecond) table;
    if (!route.durations().accepts(seconds)) {
      return PriceQuote.unknown(
          route.id(), "no price for " + seconds + " s; the route offers " + route.durations().describe() + " s");
    }
    BigDecimal usd = perSecond.usdPerSecond().multiply(BigDecimal.valueOf(seconds));
    return PriceQuote.ofUsd(
        route.id(), usd, "$" + perSecond.usdPerSecond().toPlainString() + " per second × " + duration + at);
  }

  /** The sum of {@code quotes}, such as a batch's; it says how many of them are unknown. */
  public static QuoteTotal total(List<PriceQuote> quotes) {
    Objects.requireNonNull(quotes, "quotes == null");
    BigDecimal credits = BigDecimal.ZERO;
    BigDecimal usd = BigDecimal.ZERO;
    int unknown = 0;
    for (PriceQuote quote : quotes) {
      Objects.requireNonNull(quote, "quotes holds null");
      if (quote.isKnown()) {
        credits = credits.add(quote.credits());
        usd = usd.add(quote.usd());
      } else {
        unknown++;
      }
    }
    return new QuoteTotal(PriceQuote.plain(credits), usd, quotes.size() - unknown, unknown);
  }
}
