package dev.vidgen.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RateLimitTest {
  @Test
  void refusesARateThatCannotBeKept() {
    assertThatThrownBy(() -> new RateLimit(0, 10)).hasMessageContaining("perSecond");
    assertThatThrownBy(() -> new RateLimit(5, 0.5)).hasMessageContaining("burst");
  }
}
