package dev.vidgen.provider.toapis;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.AuthenticationException;
import dev.vidgen.testkit.fixtures.Images;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.Fault;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A key the provider refuses stops a job at its first check: nothing is uploaded or created with it. */
class RefusedKeyTest {
  @TempDir Path dir;

  @Test
  void aRefusedKeyStopsTheJobBeforeItsUploadAndItsCreate() {
    Images.png(640, 360).writeTo(dir.resolve("product.png"));
    try (FakeToApisServer toapis = FakeToApisServer.start();
        VidgenClient client = VidgenClient.builder().provider(new ToApisVideoProvider(ToApisTesting.config(toapis)
            .apiKey("sk-" + "w".repeat(48)).build())).build()) {
      VideoJob job = VideoJob.builder("grok-video-1.5-preview").prompt("p").image(dir.resolve("product.png")).build();

      assertThatThrownBy(() -> client.submit(job)).isInstanceOf(AuthenticationException.class);

      assertThat(toapis.requests(Endpoint.UPLOAD)).as("no upload with a refused key").isEmpty();
      assertThat(toapis.requests(Endpoint.CREATE)).as("no create with a refused key").isEmpty();
    }
  }

  @Test
  void aKeyRefusedInTheAccountEndpointsOwnShapeStopsTheJobToo() {
    Images.png(640, 360).writeTo(dir.resolve("product.png"));
    try (FakeToApisServer toapis = FakeToApisServer.start();
        VidgenClient client = VidgenClient.builder().provider(ToApisTesting.provider(toapis)).build()) {
      // ToAPIs answers an account read's failure with HTTP 200 and success: false, in words that blame the key.
      String refused = "{\"success\":false,\"message\":\"Invalid token\"}";
      toapis.inject(Endpoint.BALANCE, Fault.answer(200, "application/json", refused), 10);
      toapis.inject(Endpoint.USER_BALANCE, Fault.answer(200, "application/json", refused), 10);
      VideoJob job = VideoJob.builder("grok-video-1.5-preview").prompt("p").image(dir.resolve("product.png")).build();

      assertThatThrownBy(() -> client.submit(job)).isInstanceOf(AuthenticationException.class)
          .hasMessageContaining("Invalid token").hasMessageContaining("check which key is used");

      assertThat(toapis.requests(Endpoint.UPLOAD)).as("no upload with a refused key").isEmpty();
      assertThat(toapis.requests(Endpoint.CREATE)).as("no create with a refused key").isEmpty();
    }
  }
}
