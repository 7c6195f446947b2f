package dev.vidgen.provider.toapis;

import com.sun.net.httpserver.HttpServer;
import dev.vidgen.core.domain.TaskId;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Run by {@link HugeAnswerTest} in its own small-heap JVM: a loopback server streams a 300 MB
 * status answer, and the provider's future must complete. Prints one {@code OUTCOME} line.
 *
 * <p>Arguments: {@code chunked|length} (how the answer is framed) and the {@code max_answer_size}
 * setting, or {@code default}.
 */
final class HugeAnswerChild {
  static final long ANSWER_BYTES = 300L * 1024 * 1024;
  static final long WAIT_SECONDS = 60;

  private HugeAnswerChild() {}

  public static void main(String[] args) throws Exception {
    boolean chunked = args[0].equals("chunked");
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, chunked ? 0 : ANSWER_BYTES);
      try (OutputStream out = exchange.getResponseBody()) {
        stream(out);
      } catch (IOException e) {
        // The client stopped reading, as it should.
      }
    });
    server.start();
    ToApisConfig.Builder config = ToApisConfig.builder()
        .baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
        .apiKey("sk-child" + "1".repeat(44))
        .readTimeout(Duration.ofSeconds(30))
        .callTimeout(Duration.ofSeconds(50));
    if (!args[1].equals("default")) {
      config = ToApisConfig.from(dev.vidgen.core.port.ProviderConfig.builder()
          .apiKey(dev.vidgen.core.port.ApiKey.of("sk-child" + "1".repeat(44)))
          .set("base_url", "http://127.0.0.1:" + server.getAddress().getPort())
          .set(ToApisConfig.MAX_ANSWER_SIZE, args[1]).build()).toBuilder()
          .readTimeout(Duration.ofSeconds(30)).callTimeout(Duration.ofSeconds(50));
    }
    ToApisVideoProvider provider = new ToApisVideoProvider(config.build());
    String outcome;
    try {
      outcome = "completed " + provider.status(TaskId.of("task_1")).get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      outcome = "failed " + cause.getClass().getSimpleName() + ": " + cause.getMessage();
    } catch (TimeoutException e) {
      outcome = "hung";
    }
    System.out.println("OUTCOME " + outcome.replace('\n', ' '));
    System.out.flush();
    provider.close();
    server.stop(0);
    System.exit(0);
  }

  private static void stream(OutputStream out) throws IOException {
    byte[] head = "{\"id\":\"task_1\",\"status\":\"queued\",\"padding\":\"".getBytes(StandardCharsets.US_ASCII);
    byte[] tail = "\"}".getBytes(StandardCharsets.US_ASCII);
    byte[] chunk = new byte[64 * 1024];
    Arrays.fill(chunk, (byte) 'x');
    out.write(head);
    long left = ANSWER_BYTES - head.length - tail.length;
    while (left > 0) {
      int n = (int) Math.min(chunk.length, left);
      out.write(chunk, 0, n);
      left -= n;
    }
    out.write(tail);
  }
}
