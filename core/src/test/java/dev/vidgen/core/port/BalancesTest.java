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
