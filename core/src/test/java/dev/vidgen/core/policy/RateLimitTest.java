package dev.vidgen.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RateLimitTest {
  @Test
  void knowsTheThreeToApisGroups() {
    assertThat(RateLimit.Tier.DEFAULT.submit()).isEqualTo(new RateLimit(5, 50));
    assertThat(RateLimit.Tier.DEFAULT.query()).isEqualTo(new RateLimit(50, 500));
    assertThat(RateLimit.Tier.VIP.submit()).isEqualTo(new RateLimit(16.7, 167));
    assertThat(RateLimit.Tier.VIP.query()).isEqualTo(new RateLimit(166.7, 1667));
    assertThat(RateLimit.Tier.SVIP.submit()).isEqualTo(new RateLimit(33.3, 334));
    assertThat(RateLimit.Tier.SVIP.query()).isEqualTo(new RateLimit(500, 5000));
    assertThat(RateLimit.Tier.parse("VIP")).contains(RateLimit.Tier.VIP);
    assertThat(RateLimit.Tier.parse("gold")).isEmpty();
  }

  @Test
  void refusesARateThatCannotBeKept() {
    assertThatThrownBy(() -> new RateLimit(0, 10)).hasMessageContaining("perSecond");
    assertThatThrownBy(() -> new RateLimit(5, 0.5)).hasMessageContaining("burst");
  }
}
