package dev.vidgen.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitTest {
  @Test
  void refusesARateThatCannotBeKept() {
    assertThatThrownBy(() -> RateLimit.Window.of(0, Duration.ofSeconds(1))).hasMessageContaining("at least 1 request");
    assertThatThrownBy(() -> RateLimit.Window.of(5, Duration.ZERO)).hasMessageContaining("longer than zero");
    assertThatThrownBy(() -> new RateLimit(List.of())).hasMessageContaining("at least one window");
    assertThatThrownBy(() -> RateLimit.of(RateLimit.Window.of(5, Duration.ofSeconds(1)),
        RateLimit.Window.of(6, Duration.ofSeconds(1)))).hasMessageContaining("same length");
  }

  @Test
  void keepsItsWindowsShortestFirst() {
    RateLimit limit = RateLimit.of(RateLimit.Window.of(300, Duration.ofMinutes(1)),
        RateLimit.Window.of(5, Duration.ofSeconds(1)));

    assertThat(limit.windows()).extracting(RateLimit.Window::per)
        .containsExactly(Duration.ofSeconds(1), Duration.ofMinutes(1));
    assertThat(limit).isEqualTo(RateLimit.of(RateLimit.Window.of(5, Duration.ofSeconds(1)),
        RateLimit.Window.of(300, Duration.ofMinutes(1))));
    assertThat(limit.largestCount()).isEqualTo(300);
  }
}
