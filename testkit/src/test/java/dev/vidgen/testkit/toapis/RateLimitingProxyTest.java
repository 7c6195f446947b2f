package dev.vidgen.testkit.toapis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.time.VirtualTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The proxy keeps every window of ToAPIs' table at once; its clock is virtual, its sockets loopback. */
class RateLimitingProxyTest {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final String BODY = "{\"model\":\"grok-video-1.5-preview\",\"prompt\":\"p\","
      + "\"images\":[\"https://images.example/cat.png\"],\"seconds\":\"10\"}";

  private final VirtualTime time = VirtualTime.create();
  private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(5)).build();
  private final FakeToApisServer toapis = FakeToApisServer.start();
  private final RateLimitingProxy proxy = RateLimitingProxy.start(toapis,
      RateLimitingProxy.Limit.of(5, 8, 10), RateLimitingProxy.Limit.unlimited(), time.clock());

  @AfterEach
  void stop() {
    proxy.close();
    toapis.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  @Test
  void refusesTheSixthCreateInOneSecondAndLetsItThroughASecondLater() {
    for (int i = 0; i < 5; i++) {
      assertThat(create()).isEqualTo(200);
    }
    assertThat(create()).isEqualTo(429);
    time.advance(Duration.ofMillis(999));
    assertThat(create()).as("still within the second of the first five").isEqualTo(429);
    time.advance(Duration.ofMillis(1));

    assertThat(create()).isEqualTo(200);
    assertThat(proxy.submits()).isEqualTo(new RateLimitingProxy.Counts(6, 2));
  }

  @Test
  void theLongerWindowsHoldWhereTheSecondWouldAllowMore() {
    for (int i = 0; i < 5; i++) {
      create();
    }
    time.advance(Duration.ofSeconds(1));
    for (int i = 0; i < 3; i++) {
      assertThat(create()).isEqualTo(200);
    }
    assertThat(create()).as("8 in 10 s").isEqualTo(429);
    time.advance(Duration.ofSeconds(9));
    assertThat(create()).isEqualTo(200);
    assertThat(create()).isEqualTo(200);
    assertThat(create()).as("10 in a minute").isEqualTo(429);
    time.advance(Duration.ofSeconds(50));
    assertThat(create()).isEqualTo(200);
  }

  private int create() {
    Request request = new Request.Builder().url(proxy.baseUrl() + "/v1/videos/generations")
        .header("Authorization", "Bearer " + toapis.apiKey()).post(RequestBody.create(BODY, JSON)).build();
    try (Response response = http.newCall(request).execute()) {
      return response.code();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
