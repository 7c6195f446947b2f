package dev.vidgen.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.error.ProviderSelectionException;
import dev.vidgen.core.port.ProviderConfig;
import dev.vidgen.core.port.VideoProviders;
import org.junit.jupiter.api.Test;

/** The real providers share this class path, as they will in many apps' tests. */
class ProviderSelectionTest {
  @Test
  void findsBothRealProviders() {
    assertThat(VideoProviders.availableIds()).contains("mock", "toapis");
  }

  @Test
  void refusesToGuessBetweenThemAndSaysHowToChoose() {
    String property = System.getProperty(VideoProviders.SYSTEM_PROPERTY);
    System.clearProperty(VideoProviders.SYSTEM_PROPERTY);
    try {
      assumeTrue(System.getenv(VideoProviders.ENVIRONMENT_VARIABLE) == null, "VIDGEN_PROVIDER is set here");
      assertThatThrownBy(() -> VidgenClient.builder().discoverProvider(ProviderConfig.empty()).build())
          .isInstanceOf(ProviderSelectionException.class)
          .hasMessageContaining("mock")
          .hasMessageContaining("toapis")
          .hasMessageContaining("vidgen.provider");
    } finally {
      if (property != null) {
        System.setProperty(VideoProviders.SYSTEM_PROPERTY, property);
      }
    }
  }

  @Test
  void theSystemPropertyChoosesTheMock() {
    String property = System.getProperty(VideoProviders.SYSTEM_PROPERTY);
    System.setProperty(VideoProviders.SYSTEM_PROPERTY, "mock");
    try (VidgenClient client = VidgenClient.builder().discoverProvider(ProviderConfig.empty()).build()) {
      assertThat(client.provider().id()).isEqualTo("mock");
    } finally {
      if (property == null) {
        System.clearProperty(VideoProviders.SYSTEM_PROPERTY);
      } else {
        System.setProperty(VideoProviders.SYSTEM_PROPERTY, property);
      }
    }
  }
}
