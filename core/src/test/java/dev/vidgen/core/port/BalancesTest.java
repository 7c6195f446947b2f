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
  void anUnlimitedSideIsIgnoredAndBothUnlimitedIsUnlimited() {
    assertThat(new Balances(UNLIMITED, left(25)).effectiveRemaining()).contains(BigDecimal.valueOf(25));
    assertThat(new Balances(UNLIMITED, UNLIMITED).effectiveRemaining()).isEmpty();
    assertThat(new Balances(null, UNLIMITED).limitedBy()).isEqualTo("unlimited");
    assertThatThrownBy(() -> new Balances(null, null)).isInstanceOf(IllegalArgumentException.class);
  }
}
