package dev.vidgen.core.client;

import static dev.vidgen.core.client.ClientFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.catalog.RouteFiles;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.PriceTable;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.InsufficientQuotaException;
import dev.vidgen.core.port.Balance;
import dev.vidgen.core.pricing.Budget;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.pricing.Pricing;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A route priced 0 (a placeholder, or 0.0 typed for 0.10) is never trusted silently: the client built on it warns,
 * naming where it comes from; its quotes say the 0 is the route file's (or code's); it counts as 0 under a budget;
 * and with nothing left on the balance it is refused, as a job of unknown price is, nothing sent.
 */
class ZeroPriceTest {
  private static final String ZERO_ROUTE = """
      {"routes": [{"id": "nova-video-2", "modes": {"text-to-video": {}},
        "seconds": {"one_of": [5, 10], "default": 5}, "price": {"per_second_usd": "0"}}]}
      """;
  private static final String HALF_ZERO_ROUTE = """
      {"routes": [{"id": "nova-video-2", "modes": {"text-to-video": {}},
        "seconds": {"one_of": [5, 10], "default": 5}, "price": {"per_request_usd": {"5": "0", "10": "0.70"}}}]}
      """;

  private static VideoJob job(int seconds) {
    return VideoJob.builder("nova-video-2").prompt("a fox in the snow").seconds(seconds).build();
  }

  private static ClientFixture client(RouteCatalog catalog, Budget budget, Balance balance) {
    ScriptedProvider provider = new ScriptedProvider();
    provider.balanceAnswers(balance);
    provider.createAnswers(TaskSnapshot.queued(TaskId.of("t-1")), TaskSnapshot.queued(TaskId.of("t-2")));
    return new ClientFixture(provider, builder -> builder.catalog(catalog).budget(budget)
        .checkModelAvailability(false));
  }

  private static Balance credits(long left) {
    return new Balance(BigDecimal.valueOf(left), BigDecimal.ONE, false);
  }

  @Test
  void aRouteFilePricedZeroIsWarnedOfWhenTheClientIsBuiltNamingTheFileAndWhatItMeans() {
    RouteCatalog catalog = RouteFiles.layer(RouteCatalog.builtIn(), "r-zero.json", ZERO_ROUTE);

    try (ClientFixture fixture = client(catalog, Budget.unlimited(), credits(1000))) {
      assertThat(fixture.listener.warnings()).singleElement().asString().startsWith("price.zero: ")
          .contains("nova-video-2 (r-zero.json) is priced 0 per second",
              "every job on it counts as free against the budget (--max-credits) and the balance",
              "the provider documents no free video model");
    }
    try (ClientFixture builtIn = client(RouteCatalog.builtIn(), Budget.unlimited(), credits(1000))) {
      assertThat(builtIn.listener.warnings()).as("no built-in route is priced 0").isEmpty();
    }
  }

  @Test
  void aJavaRoutePricedZeroUnderABudgetIsSentAtZeroButItsQuoteSaysTheZeroIsCodes() {
    ModelRoute read = RouteFiles.layer(RouteCatalog.builtIn(), "r.json", ZERO_ROUTE).require("nova-video-2");
    RouteCatalog catalog = RouteCatalog.builtIn().with(read.toBuilder().price(PriceTable.perSecond("0")).build());

    try (ClientFixture fixture = client(catalog, Budget.ofCredits(1), credits(1000))) {
      PriceQuote quote = fixture.client.quote(job(10));
      CompletableFuture<JobHandle> sent = fixture.client.submitAsync(job(10));
      fixture.advance(Duration.ofSeconds(1));

      assertThat(fixture.listener.warnings()).singleElement().asString()
          .contains("nova-video-2 (given in code) is priced 0 per second");
      assertThat(quote.credits()).isZero();
      assertThat(quote.basis()).contains("the price of 0 is set by code, so this job counts as free against the"
          + " budget and the balance");
      assertThat(sent.join().quote().basis()).contains("the price of 0 is set by code");
      assertThat(fixture.provider.creates()).as("a 0 counts as 0 under a budget: sent").hasSize(1);
    }
  }

  @Test
  void withNothingLeftAJobPricedZeroIsRefusedAsAnUnknownPriceIsAndNothingIsSent() {
    RouteCatalog catalog = RouteFiles.layer(RouteCatalog.builtIn(), "r-zero.json", ZERO_ROUTE);

    try (ClientFixture fixture = client(catalog, Budget.unlimited(), credits(0))) {
      CompletableFuture<JobHandle> refused = fixture.client.submitAsync(job(5));
      fixture.advance(Duration.ofSeconds(5));

      assertThat(failureOf(refused)).isInstanceOf(InsufficientQuotaException.class)
          .hasMessageContaining("nova-video-2 is priced 0 (")
          .hasMessageContaining("the price of 0 is set by r-zero.json")
          .hasMessageContaining("has 0 credits left; nothing was sent")
          .hasMessageContaining("a price of 0 may be one typed wrong, and then nothing can pay the real one");
      assertThat(fixture.provider.creates()).as("nothing paid for").isEmpty();
    }
  }

  @Test
  void aRouteWithAZeroForOneLengthKeepsItsRealPricesForTheOthers() {
    RouteCatalog catalog = RouteFiles.layer(RouteCatalog.builtIn(), "r-half.json", HALF_ZERO_ROUTE);

    try (ClientFixture fixture = client(catalog, Budget.ofCredits(200), credits(0))) {
      assertThat(fixture.listener.warnings()).singleElement().asString()
          .contains("nova-video-2 (r-half.json) is priced 0 for 5 s:");
      PriceQuote tenSeconds = Pricing.quote(catalog, catalog.require("nova-video-2"), job(10));
      assertThat(tenSeconds.credits()).isEqualByComparingTo("140");
      assertThat(tenSeconds.basis()).isEqualTo("per request, 10 s");

      CompletableFuture<JobHandle> refused = fixture.client.submitAsync(job(10));
      fixture.advance(Duration.ofSeconds(5));
      assertThat(failureOf(refused)).as("a real price is refused as before").isInstanceOf(
          InsufficientQuotaException.class).hasMessageContaining("nova-video-2 costs 140 credits but the");
      assertThat(fixture.provider.creates()).isEmpty();
    }
  }
}
