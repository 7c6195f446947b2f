package dev.vidgen.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.FollowOnKind;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PriceQuoteTest {
  @Test
  void anUndocumentedFollowOnPriceNamesItsKindAndNoOtherQuoteDoes() {
    PriceQuote extend = PriceQuote.unknownFollowOn("veo3.1-fast", FollowOnKind.EXTEND);
    PriceQuote remix = PriceQuote.unknownFollowOn("sora-2", FollowOnKind.REMIX);

    assertThat(extend.isKnown()).isFalse();
    assertThat(extend.basis()).isEqualTo("no price is documented for an extend on veo3.1-fast");
    assertThat(extend.unpricedFollowOn()).contains(FollowOnKind.EXTEND);
    assertThat(remix.unpricedFollowOn()).contains(FollowOnKind.REMIX);
    assertThat(PriceQuote.unknown("veo3.1-fast", "no price for 4k; priced resolutions: 720p, 1080p")
        .unpricedFollowOn()).isEmpty();
    assertThat(new PriceQuote("veo3.1-fast", BigDecimal.TEN, PriceQuote.usdOf(BigDecimal.TEN),
        "no price is documented for an extend on veo3.1-fast").unpricedFollowOn())
        .as("a known price is never an undocumented one").isEmpty();
  }
  @Test
  void refusesANegativePriceAndCreditsThatAreNotTheDollarsTimes200() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PriceQuote.ofUsd("m", new BigDecimal("-0.50"), "typo"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("a price is 0 or more; got -100 credits ($-0.50)");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new PriceQuote("m", BigDecimal.ONE, new BigDecimal("100"), "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 credits are not $100");
    assertThat(new PriceQuote("m", new BigDecimal("20"), new BigDecimal("0.10"), "per request").credits())
        .isEqualByComparingTo("20");
    assertThat(PriceQuote.ofUsd("m", BigDecimal.ZERO, "free").isKnown()).isTrue();
  }

  @Test
  void aPriceWrittenWithAnotherScaleIsTheSamePrice() {
    PriceQuote tenCents = PriceQuote.ofUsd("grok-video-1.5-preview", new BigDecimal("0.10"), "per request");
    PriceQuote point1 = PriceQuote.ofUsd("grok-video-1.5-preview", new BigDecimal("0.1"), "per request");

    assertThat(tenCents).isEqualTo(point1).hasSameHashCodeAs(point1);
    assertThat(tenCents.toString()).as("shown as given").contains("$0.10");
    assertThat(tenCents)
        .isNotEqualTo(PriceQuote.ofUsd("grok-video-1.5-preview", new BigDecimal("0.15"), "per request"))
        .isNotEqualTo(PriceQuote.ofUsd("grok-video-1.5-preview", new BigDecimal("0.10"), "per second"))
        .isNotEqualTo(PriceQuote.unknown("grok-video-1.5-preview", "per request"));
  }
}
