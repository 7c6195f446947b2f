package dev.vidgen.core.pricing;

import static dev.vidgen.core.domain.GenerationMode.IMAGE_TO_VIDEO;
import static dev.vidgen.core.domain.GenerationMode.TEXT_TO_VIDEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.domain.DurationRule;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.PriceTable;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.VideoJob;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PricingTest {
  private static final ModelRoute PER_REQUEST = ModelRoute.builder("per-request-model")
      .mode(IMAGE_TO_VIDEO, 1, 1)
      .durations(DurationRule.oneOf(10, 15))
      .price(PriceTable.perRequest(Map.of(10, "0.10", 15, "0.15")))
      .build();
  private static final ModelRoute PER_SECOND = ModelRoute.builder("per-second-model")
      .mode(IMAGE_TO_VIDEO, 1, 1)
      .durations(DurationRule.between(1, 15, 8))
      .price(PriceTable.perSecond("0.01"))
      .build();
  private static final ModelRoute UNPRICED = ModelRoute.builder("unpriced-model")
      .mode(TEXT_TO_VIDEO)
      .durations(DurationRule.oneOf(5, 10))
      .price(PriceTable.unknown("see https://toapis.com/pricing"))
      .build();

  @Test
  void quotesGrokVideo15PreviewAtTwentyCreditsForTenSecondsAndThirtyForFifteen() {
    ModelRoute grok = RouteCatalog.builtIn().require("grok-video-1.5-preview");

    PriceQuote ten = Pricing.quote(grok, job("grok-video-1.5-preview", 10));
    PriceQuote fifteen = Pricing.quote(grok, job("grok-video-1.5-preview", 15));

    assertThat(ten.credits()).isEqualByComparingTo("20");
    assertThat(ten.usd()).isEqualByComparingTo("0.10");
    assertThat(fifteen.credits()).isEqualByComparingTo("30");
    assertThat(fifteen.usd()).isEqualByComparingTo("0.15");
    assertThat(ten.model()).isEqualTo("grok-video-1.5-preview");
  }

  @Test
  void aPriceThatARouteFileChangedSaysWhereItComesFromAndWhatTheBuiltInRouteGives() {
    RouteCatalog patched = dev.vidgen.core.catalog.RouteFiles.layer(RouteCatalog.builtIn(), "cheap.json",
        "{\"patch\": {\"grok-video-1.5-preview\": {\"price\": {\"per_request_usd\": {\"10\": \"0.01\","
            + " \"15\": \"0.15\"}}}}}");
    ModelRoute grok = patched.require("grok-video-1.5-preview");

    PriceQuote ten = Pricing.quote(patched, grok, job("grok-video-1.5-preview", 10));
    PriceQuote fifteen = Pricing.quote(patched, grok, job("grok-video-1.5-preview", 15));
    PriceQuote shipped = Pricing.quote(RouteCatalog.builtIn(), RouteCatalog.builtIn().require("grok-video-1.5-preview"),
        job("grok-video-1.5-preview", 10));

    assertThat(ten.credits()).as("the file's price is the one used").isEqualByComparingTo("2");
    assertThat(ten.basis()).isEqualTo("per request, 10 s; this price comes from built-in, patched by cheap.json, and"
        + " vidgen's built-in route of grok-video-1.5-preview (toapis' documented price) gives 20 credits ($0.10)");
    assertThat(fifteen.basis()).as("the same price as the built-in route's: nothing to say").isEqualTo("per request, 15 s");
    assertThat(shipped.basis()).isEqualTo("per request, 10 s");
  }

  @Test
  void aRouteFilesPriceForARouteWithoutADocumentedPriceIsQuotedPlainly() {
    RouteCatalog priced = dev.vidgen.core.catalog.RouteFiles.layer(RouteCatalog.builtIn(), "ours.json",
        "{\"patch\": {\"gemini_omni\": {\"price\": {\"per_second_usd\": \"0.02\"}}}}");

    PriceQuote quote = Pricing.quote(priced, priced.require("gemini_omni"), job("gemini_omni", 6));

    assertThat(quote.credits()).isEqualByComparingTo("24");
    assertThat(quote.basis()).isEqualTo("$0.02 per second × 6 s");
  }

  @Test
  void quotesTheRoutesDefaultDurationWhenTheJobGivesNone() {
    PriceQuote quote = Pricing.quote(PER_REQUEST, job("per-request-model", null));

    assertThat(quote.credits()).isEqualByComparingTo("20");
    assertThat(quote.basis()).isEqualTo("per request, 10 s (the route's default)");
  }

  @Test
  void quotesAPerRequestPriceWithItsDuration() {
    assertThat(Pricing.quote(PER_REQUEST, job("per-request-model", 15)).toString())
        .isEqualTo("30 credits ($0.15) — per request, 15 s");
  }

  @Test
  void quotesAnAutomaticLengthAsUnknownEvenWherePerSecondOrPerRequestPricesAreKnown() {
    ModelRoute perSecond = ModelRoute.builder("auto-per-second").mode(TEXT_TO_VIDEO)
        .durations(DurationRule.between(4, 15, 5).withAutomatic(0, -1)).price(PriceTable.perSecond("0.01")).build();
    ModelRoute perRequest = ModelRoute.builder("auto-per-request").mode(TEXT_TO_VIDEO)
        .durations(DurationRule.oneOf(5, 10).withAutomatic(-1))
        .price(PriceTable.perRequest(Map.of(5, "0.05", 10, "0.10"))).build();

    for (PriceQuote quote : List.of(Pricing.quote(perSecond, job("auto-per-second", -1)),
        Pricing.quote(perSecond, job("auto-per-second", 0)), Pricing.quote(perRequest, job("auto-per-request", -1)))) {
      assertThat(quote.isKnown()).as(quote.toString()).isFalse();
      assertThat(quote.usdIfKnown()).isEmpty();
      assertThat(quote.basis()).contains("asks for an automatic length").contains("no price can be worked out");
      assertThat(quote.asksAutomaticLength()).as(quote.toString()).isTrue();
    }
    assertThat(Pricing.quote(PER_REQUEST, job("per-request-model", 6)).asksAutomaticLength())
        .as("an unpriced length is not an automatic one").isFalse();
    assertThat(Pricing.quote(perRequest, job("auto-per-request", 10)).asksAutomaticLength()).isFalse();
  }

  @Test
  void quotesADurationWithoutAPerRequestPriceAsUnknownNeverZero() {
    PriceQuote quote = Pricing.quote(PER_REQUEST, job("per-request-model", 6));

    assertThat(quote.isKnown()).isFalse();
    assertThat(quote.credits()).isNull();
    assertThat(quote.creditsIfKnown()).isEmpty();
    assertThat(quote.usdIfKnown()).isEmpty();
    assertThat(quote.basis()).isEqualTo("no price for 6 s; priced durations: 10 s, 15 s");
    assertThat(quote.toString()).startsWith("price unknown");
  }

  @Test
  void multipliesAPerSecondPriceByTheDuration() {
    PriceQuote eight = Pricing.quote(PER_SECOND, job("per-second-model", null));
    PriceQuote fifteen = Pricing.quote(PER_SECOND, job("per-second-model", 15));

    assertThat(eight.usd()).isEqualByComparingTo("0.08");
    assertThat(eight.credits()).isEqualByComparingTo("16");
    assertThat(eight.basis()).isEqualTo("$0.01 per second × 8 s (the route's default)");
    assertThat(fifteen.credits()).isEqualByComparingTo("30");
  }

  @Test
  void quotesAPerSecondPriceForADurationTheRouteDoesNotOfferAsUnknown() {
    PriceQuote quote = Pricing.quote(PER_SECOND, job("per-second-model", 20));

    assertThat(quote.isKnown()).isFalse();
    assertThat(quote.basis()).contains("20 s").contains("1 to 15");
  }

  @Test
  void quotesARouteWithoutAPriceAsUnknownWithTheReason() {
    PriceQuote quote = Pricing.quote(UNPRICED, job("unpriced-model", 5));

    assertThat(quote.isKnown()).isFalse();
    assertThat(quote.basis()).isEqualTo("see https://toapis.com/pricing");
    assertThat(quote.model()).isEqualTo("unpriced-model");
  }

  @Test
  void keepsEveryDigitOfAFractionalPerSecondPrice() {
    ModelRoute fine = PER_SECOND.toBuilder().price(PriceTable.perSecond("0.0035")).build();

    PriceQuote quote = Pricing.quote(fine, job("per-second-model", 7));

    assertThat(quote.usd()).isEqualTo(new BigDecimal("0.0245"));
    assertThat(quote.credits()).isEqualTo(new BigDecimal("4.9"));
  }

  @Test
  void writesWholeCreditsWithoutAnExponent() {
    ModelRoute dollar = PER_REQUEST.toBuilder().price(PriceTable.perRequest(Map.of(10, "1.00", 15, "1.50"))).build();

    PriceQuote quote = Pricing.quote(dollar, job("per-request-model", 10));

    assertThat(quote.credits().toString()).isEqualTo("200");
    assertThat(quote.toString()).startsWith("200 credits ($1.00)");
  }

  @Test
  void pricesEveryKnownQuoteOfRandomTablesAtExactlyTwoHundredCreditsPerDollar() {
    long seed = 31_337L;
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 2000; i++) {
      int seconds = random.nextInt(1, 31);
      BigDecimal usd = BigDecimal.valueOf(random.nextLong(0, 100_000), random.nextInt(0, 6));
      ModelRoute route = random.nextBoolean()
          ? PER_SECOND.toBuilder().durations(DurationRule.between(1, 30, 5)).price(PriceTable.perSecond(usd.toPlainString())).build()
          : PER_REQUEST.toBuilder().durations(DurationRule.oneOf(seconds)).price(PriceTable.perRequest(Map.of(seconds, usd.toPlainString()))).build();

      PriceQuote quote = Pricing.quote(route, job(route.id(), seconds));

      assertThat(quote.isKnown()).as("seed %d, case %d: %s", seed, i, quote).isTrue();
      assertThat(quote.credits()).as("seed %d, case %d: %s", seed, i, quote)
          .isEqualByComparingTo(quote.usd().multiply(BigDecimal.valueOf(200)))
          .isGreaterThanOrEqualTo(BigDecimal.ZERO);
      assertThat(quote.credits().scale()).as("seed %d, case %d: %s", seed, i, quote).isNotNegative();
    }
  }

  @Test
  void quotesEveryDurationOfEveryBuiltInRouteWithoutAZeroOrNegativePrice() {
    List<String> zeroOrNegative = new ArrayList<>();
    for (ModelRoute route : RouteCatalog.builtIn().routes()) {
      for (int seconds : route.durations().values()) {
        PriceQuote quote = Pricing.quote(route, job(route.id(), seconds));
        if (quote.isKnown() && quote.credits().signum() <= 0) {
          zeroOrNegative.add(quote.toString());
        }
      }
    }
    assertThat(zeroOrNegative).isEmpty();
  }

  @Test
  void totalsABatchAndCountsTheUnknownQuotes() {
    List<PriceQuote> quotes = List.of(
        Pricing.quote(PER_REQUEST, job("per-request-model", 10)),
        Pricing.quote(PER_REQUEST, job("per-request-model", 15)),
        Pricing.quote(UNPRICED, job("unpriced-model", 5)),
        Pricing.quote(PER_SECOND, job("per-second-model", 3)));

    QuoteTotal total = Pricing.total(quotes);

    assertThat(total.credits()).isEqualByComparingTo("56");
    assertThat(total.usd()).isEqualByComparingTo("0.28");
    assertThat(total.known()).isEqualTo(3);
    assertThat(total.unknown()).isEqualTo(1);
    assertThat(total.count()).isEqualTo(4);
    assertThat(total.isComplete()).isFalse();
    assertThat(total.toString()).isEqualTo("at least 56 credits ($0.28) for 4 jobs; 1 price unknown");
  }

  @Test
  void totalsACompleteBatchExactly() {
    List<PriceQuote> quotes = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      quotes.add(Pricing.quote(PER_REQUEST, job("per-request-model", 10)));
    }

    QuoteTotal total = Pricing.total(quotes);

    assertThat(total.isComplete()).isTrue();
    assertThat(total.credits()).isEqualTo(new BigDecimal("20000"));
    assertThat(total.usd()).isEqualByComparingTo("100");
    assertThat(total.toString()).isEqualTo("20000 credits ($100.00) for 1000 jobs");
  }

  @Test
  void totalsNothingAsACompleteZero() {
    QuoteTotal total = Pricing.total(List.of());

    assertThat(total.isComplete()).isTrue();
    assertThat(total.credits()).isEqualByComparingTo("0");
    assertThat(total.count()).isZero();
  }

  @Test
  void refusesNullsWithTheirNames() {
    assertThatThrownBy(() -> Pricing.quote(null, job("x", 1))).hasMessage("route == null");
    assertThatThrownBy(() -> Pricing.quote(PER_REQUEST, null)).hasMessage("job == null");
    assertThatThrownBy(() -> Pricing.total(null)).hasMessage("quotes == null");
  }

  static VideoJob job(String model, Integer seconds) {
    return VideoJob.builder(model).prompt("a slow push-in").seconds(seconds).build();
  }
}
