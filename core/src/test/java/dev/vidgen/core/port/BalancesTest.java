package dev.vidgen.core.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class BalancesTest {
  private static Balance left(long credits) {
    return new Balance(BigDecimal.valueOf(credits), BigDecimal.ZERO, false);
  }

  private static final Balance UNLIMITED = new Balance(null, BigDecimal.ZERO, true);

  @Test
  void aRateVidgenCannotUseIsSaidWithWhatIsWrongWithItAndWhatARateMayBe() {
    String allowed = "; a rate must be a finite number above zero, at most 1000000000000)";

    assertThat(Balance.unusableRateWords("1e400")).isEqualTo("the provider states 1e400 credits per US dollar, which is"
        + " no usable rate (it is too large to use" + allowed);
    assertThat(Balance.unusableRateWords("Infinity")).contains("(it is no finite number" + allowed)
        .doesNotContain("above zero;");
    assertThat(Balance.unusableRateWords("true")).contains("states true credits per US dollar")
        .contains("(it is no finite number" + allowed);
    assertThat(Balance.unusableRateWords("0")).contains("(it is not above zero" + allowed);
    assertThat(Balance.unusableRateWords("-5")).contains("(it is not above zero" + allowed);
  }

  @Test
  void theSmallerLimitedRemainderCounts() {
    assertThat(new Balances(left(40), left(1000)).effectiveRemaining()).contains(BigDecimal.valueOf(40));
    assertThat(new Balances(left(40), left(1000)).limitedBy()).isEqualTo("key");
    assertThat(new Balances(left(400), left(25)).limitedBy()).isEqualTo("account");
  }

  @Test
  void creditsReadAsANumberWithADecimalPointAreWrittenWithoutTrailingZeros() {
    Balance read = new Balance(new BigDecimal("1000.0"), new BigDecimal("20.50"), false);

    assertThat(read.remaining()).hasValueSatisfying(left -> assertThat(left.toPlainString()).isEqualTo("1000"));
    assertThat(read.usedCredits().toPlainString()).isEqualTo("20.5");
    assertThat(new Balance(new BigDecimal("0.00"), BigDecimal.ZERO, false).remainingCredits().toPlainString())
        .isEqualTo("0");
  }

  @Test
  void anUnlimitedSideIsIgnoredAndBothUnlimitedIsUnlimited() {
    assertThat(new Balances(UNLIMITED, left(25)).effectiveRemaining()).contains(BigDecimal.valueOf(25));
    assertThat(new Balances(UNLIMITED, UNLIMITED).effectiveRemaining()).isEmpty();
    assertThat(new Balances(null, UNLIMITED).limitedBy()).isEqualTo("unlimited");
    assertThatThrownBy(() -> new Balances(null, null)).isInstanceOf(IllegalArgumentException.class);
  }
}
