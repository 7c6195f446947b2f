package dev.vidgen.serve;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostGuardTest {
  @Test
  void aServerBoundToAnotherLoopbackAddressTakesTheAddressItPrinted() {
    HostGuard guard = HostGuard.forBinding("127.0.0.2", 8123);

    assertThatCode(() -> guard.check("127.0.0.2:8123", null, null)).doesNotThrowAnyException();
    assertThatCode(() -> guard.check("localhost:8123", null, null)).doesNotThrowAnyException();
    assertThatThrownBy(() -> guard.check("127.0.0.3:8123", null, null)).isInstanceOf(Refusal.class)
        .hasMessageContaining("the Host 127.0.0.3:8123 is not this playground's");
    assertThatThrownBy(() -> guard.check("attacker.example:8123", null, null)).isInstanceOf(Refusal.class);
  }
}
