package dev.vidgen.provider.toapis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.port.ProviderConfig;
import org.junit.jupiter.api.Test;

/** Which models a caller's client reference reaches ToAPIs with, so that a look-up by it can find the task. */
class TakesClientReferenceTest {
  @Test
  void seedanceCarriesTheReferenceGrokDoesNotAndAnUnknownModelIsNotSaidTo() {
    ProviderConfig config = ProviderConfig.builder().baseUrl("http://127.0.0.1:9").apiKey("sk-reference-test").build();
    try (VidgenClient client = VidgenClient.builder().provider("toapis", config).environmentRoutes(false).build()) {
      assertThat(client.takesClientReference("seedance-2")).isTrue();
      assertThat(client.takesClientReference("grok-video-1.5-preview")).isFalse();
      assertThat(client.takesClientReference("no-such-video-model")).isFalse();
    }
  }
}
