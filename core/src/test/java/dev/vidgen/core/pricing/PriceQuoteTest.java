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
}
