package dev.vidgen.provider.toapis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.port.ProviderConfig;
import dev.vidgen.core.port.VideoProvider;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How long ToAPIs keeps a result is its own fact, which the command line and the playground name through the SPI. */
class ToApisResultLifetimeTest {

  @Test
  void theProviderStatesTheTwentyFourHoursToApisKeepsAResult() {
    try (VideoProvider provider = new ToApisProviderFactory().create(
        ProviderConfig.builder().apiKey("sk-test-0123456789").build())) {
      assertThat(provider.keepsResultsFor()).as("the fact sheet: result URLs last 24 h (expires_at)")
          .contains(Duration.ofHours(24));
    }
  }
}
