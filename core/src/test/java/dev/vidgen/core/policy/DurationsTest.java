package dev.vidgen.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.port.ProviderConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void readsTheWordsPeopleWriteAndIso8601Alike() {
    assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse(" 500MS ")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("PT30S")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("pt1m")).isEqualTo(Duration.ofMinutes(1));
    assertThat(Durations.parse("0s")).isZero();
  }

  @Test
  void refusesAnythingElseNamingBothForms() {
    for (String bad : new String[] {"90", "", "1.5h", "-5s", "PT-5S", "P", "ten"}) {
      assertThatThrownBy(() -> Durations.parse(bad)).as("'%s'", bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("1h30m").hasMessageContaining("PT30S");
    }
  }

  @Test
  void providerSettingsAndTheCommandLineShareTheGrammar() {
    ProviderConfig config = ProviderConfig.builder().set("timeout.read", "1h30m").set("timeout.call", "PT2S").build();
    assertThat(config.duration("timeout.read")).contains(Duration.ofMinutes(90));
    assertThat(config.duration("timeout.call")).contains(Duration.ofSeconds(2));
  }
}
