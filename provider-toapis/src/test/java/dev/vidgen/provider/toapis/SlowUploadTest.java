package dev.vidgen.provider.toapis;

import static dev.vidgen.provider.toapis.ToApisTesting.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.policy.FailureKind;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads over a link slower than the file is large: one that keeps moving is not cut off however long
 * it takes, one that stops moving ends by the write timeout, said as such. Timeouts of a second stand in
 * for the 60 s defaults.
 */
class SlowUploadTest {
  private static final String KEY = "sk-" + "u".repeat(48);
  private static final String UPLOADED = "{\"success\":true,\"message\":\"\",\"data\":{\"id\":\"upload_slow1\","
      + "\"url\":\"https://files.toapis.com/uploads/1/slow.png\",\"mime_type\":\"image/png\",\"size\":1}}";
  /** Larger than the link takes in the read timeout, far smaller than the system's own send buffer. */
  private static final int IMAGE_BYTES = 1_500_000;

  private final MockWebServer server = new MockWebServer();
  private ToApisVideoProvider provider;
  @TempDir Path folder;

  @BeforeEach
  void start() throws IOException {
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    provider = new ToApisVideoProvider(ToApisConfig.builder()
        .baseUrl("http://127.0.0.1:" + server.getPort()).apiKey(KEY)
        .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(3)).writeTimeout(Duration.ofSeconds(1))
        .callTimeout(Duration.ofSeconds(10)).build());
  }

  @AfterEach
  void stop() {
    provider.close();
    server.close();
  }

  @Test
  void anUploadThatKeepsMovingSucceedsThoughItTakesFarLongerThanTheReadTimeout() throws Exception {
    // About 320 KiB/s: the 1.5 MB image takes some 4.5 s to go out, more than the 3 s read timeout, and its
    // answer comes at once after; the last 512 KiB or less (twice the send buffer) go out within that timeout.
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
        .body(UPLOADED).throttleBody(32 * 1024, 100, TimeUnit.MILLISECONDS).build());
    Path image = image("slow.png");

    long began = System.nanoTime();
    URI uploaded = await(provider.upload(image));

    assertThat(uploaded).hasToString("https://files.toapis.com/uploads/1/slow.png");
    assertThat(Duration.ofNanos(System.nanoTime() - began)).as("it took longer than the read timeout to go out")
        .isGreaterThan(Duration.ofSeconds(3));
    RecordedRequest request = server.takeRequest();
    assertThat(request.getBodySize()).as("the whole image arrived").isGreaterThan(IMAGE_BYTES);
    assertThat(server.getRequestCount()).as("sent once, never cut off and sent again").isEqualTo(1);
  }

  @Test
  void anUploadThatStopsMovingEndsByTheWriteTimeoutSayingSo() throws Exception {
    Path image = image("stalled.png");
    try (StallingServer stalling = new StallingServer(100_000);
        ToApisVideoProvider toStalling = new ToApisVideoProvider(ToApisConfig.builder()
            .baseUrl("http://127.0.0.1:" + stalling.port()).apiKey(KEY).connectTimeout(Duration.ofSeconds(2))
            .readTimeout(Duration.ofSeconds(1)).writeTimeout(Duration.ofSeconds(1)).build())) {
      long began = System.nanoTime();
      ProviderException stalled = (ProviderException) ToApisTesting.failure(toStalling.upload(image));

      assertThat(stalled.kind()).isEqualTo(FailureKind.NO_RESPONSE);
      assertThat(stalled.getMessage()).contains("the upload stopped moving: less than 256 KiB of it went out within 1 s")
          .doesNotContain("after the request was sent");
      assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(10));
      assertThat(stalling.taken()).as("the server took only the start").isLessThan(IMAGE_BYTES);
    }
  }

  @Test
  void apiCallsKeepTheirOwnConnectionsAndTimeouts() {
    HttpClients clients = provider.httpClients();

    assertThat(clients.uploads.socketFactory()).isInstanceOf(SmallSendBuffers.class);
    assertThat(clients.api.socketFactory()).isNotInstanceOf(SmallSendBuffers.class);
    assertThat(clients.files.socketFactory()).isNotInstanceOf(SmallSendBuffers.class);
    assertThat(clients.uploads.connectionPool()).isNotSameAs(clients.api.connectionPool());
    assertThat(clients.api.callTimeoutMillis()).isEqualTo(10_000);
    assertThat(clients.uploads.readTimeoutMillis()).isEqualTo(3_000);
    assertThat(clients.uploads.writeTimeoutMillis()).isEqualTo(1_000);
  }

  /**
   * Takes one connection with a small receive buffer, reads the first {@code bytes} of it, then reads no
   * more and never answers until closed.
   */
  private static final class StallingServer implements AutoCloseable {
    private final ServerSocket socket;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicLong taken = new AtomicLong();

    StallingServer(int bytes) throws IOException {
      socket = new ServerSocket();
      socket.setReceiveBufferSize(4096);
      socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      Thread thread = new Thread(() -> serve(bytes), "stalling-server");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    long taken() {
      return taken.get();
    }

    private void serve(int bytes) {
      try (Socket connection = socket.accept()) {
        InputStream in = connection.getInputStream();
        byte[] chunk = new byte[4096];
        for (int read; taken.get() < bytes && (read = in.read(chunk)) > 0; ) {
          taken.addAndGet(read);
        }
        closing.await();
      } catch (IOException | InterruptedException stopped) {
        // The test is over.
      }
    }

    @Override
    public void close() throws IOException {
      closing.countDown();
      socket.close();
    }
  }

  /** A PNG's signature and then random bytes, {@link #IMAGE_BYTES} in all: nothing compresses it on the way. */
  private Path image(String name) throws IOException {
    byte[] bytes = new byte[IMAGE_BYTES];
    new Random(7).nextBytes(bytes);
    byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    System.arraycopy(signature, 0, bytes, 0, signature.length);
    return Files.write(folder.resolve(name), bytes);
  }
}
