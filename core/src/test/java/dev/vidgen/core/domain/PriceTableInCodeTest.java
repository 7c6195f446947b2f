package dev.vidgen.core.domain;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A price written wrong in code is told as a route file's is: which price, what was given, what is allowed. */
class PriceTableInCodeTest {
  @Test
  void aPriceThatIsNoDecimalOrMissingOrNegativeSaysWhichAndWhatIsAllowed() {
    assertThatThrownBy(() -> PriceTable.perSecond("cheap")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the price per second is \"cheap\", not a decimal in US dollars such as \"0.05\"");
    assertThatThrownBy(() -> PriceTable.perRequest(Map.of(5, "x"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the price of 5 s is \"x\", not a decimal in US dollars such as \"0.05\"");
    assertThatThrownBy(() -> PriceTable.perSecond(null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the price per second is missing; give a decimal in US dollars such as \"0.05\"");
    assertThatThrownBy(() -> PriceTable.perSecond("-0.05")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("price is negative: -0.05; a price is 0 or more US dollars, written without a sign");
  }
}
