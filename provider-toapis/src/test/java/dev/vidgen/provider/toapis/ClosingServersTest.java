package dev.vidgen.provider.toapis;

import static dev.vidgen.provider.toapis.ToApisTesting.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.TaskStatus;
import dev.vidgen.core.domain.VideoJob;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Servers that close connections without a word: one that answers in HTTP/1.0 and closes each
 * connection after its answer, as Python's {@code http.server} does by default, and ones that drop a
 * kept-alive connection (at once, or once idle): no create may go into a connection they closed.
 */
class ClosingServersTest {
  private static final String KEY = "sk-" + "h".repeat(48);
  private static final String TASK = "{\"id\":\"video_h10\",\"object\":\"generation.task\",\"model\":\"seedance-2\","
      + "\"status\":\"in_progress\",\"progress\":40,\"created_at\":1764800000}";

  private final OneAnswerServer server = new OneAnswerServer("HTTP/1.0");
  private final ToApisVideoProvider provider = new ToApisVideoProvider(ToApisConfig.builder()
      .baseUrl("http://127.0.0.1:" + server.port()).apiKey(KEY).connectTimeout(Duration.ofSeconds(2))
      .readTimeout(Duration.ofSeconds(5)).callTimeout(Duration.ofSeconds(10)).build());

  @AfterEach
  void stop() throws IOException {
    provider.close();
    server.close();
  }

  @Test
  void aCreateRightAfterAReadGoesOutOnALiveConnectionAndIsAnswered() {
    await(provider.balance());

    TaskSnapshot created = await(provider.create(ToApisTesting.request(
        VideoJob.builder("seedance-2").prompt("a lighthouse in a storm").build(), "ref-h10")));

    assertThat(created.taskId()).isEqualTo(TaskId.of("video_h10"));
    assertThat(server.requests()).startsWith("GET /v1/balance").endsWith("POST /v1/videos/generations")
        .filteredOn(line -> line.startsWith("POST")).hasSize(1);
  }

  @Test
  void statusReadsOneAfterAnotherAreEachAnsweredAtTheFirstTry() {
    for (int read = 0; read < 3; read++) {
      assertThat(await(provider.status(TaskId.of("video_h10"))).status()).isEqualTo(TaskStatus.IN_PROGRESS);
    }

    assertThat(server.requests()).hasSize(3).allMatch(line -> line.equals("GET /v1/videos/generations/video_h10"));
  }

  @Test
  void aReadOnAKeptAliveConnectionTheServerClosedIsSentAgainAtOnceOnAFreshOne() throws IOException {
    // An HTTP/1.1 server that closes each connection after one answer without saying so, as one that
    // drops idle kept-alive connections does: a read (it changes nothing) goes again on a fresh connection.
    try (OneAnswerServer closing = new OneAnswerServer("HTTP/1.1");
        ToApisVideoProvider reader = new ToApisVideoProvider(ToApisConfig.builder()
            .baseUrl("http://127.0.0.1:" + closing.port()).apiKey(KEY).callTimeout(Duration.ofSeconds(10)).build())) {
      for (int read = 0; read < 3; read++) {
        assertThat(await(reader.status(TaskId.of("video_h10"))).percent()).hasValue(40);
      }

      assertThat(closing.requests()).hasSize(3);
    }
  }

  @Test
  void aCreateAfterTheServerClosedAnIdleConnectionGoesOutOnAFreshOne() throws IOException {
    // A server that keeps connections alive but closes one idle for 4 s without a word, as many do (after 5 s).
    try (IdleClosingServer idle = new IdleClosingServer(4_000);
        ToApisVideoProvider creator = new ToApisVideoProvider(ToApisConfig.builder()
            .baseUrl("http://127.0.0.1:" + idle.port()).apiKey(KEY).callTimeout(Duration.ofSeconds(10)).build())) {
      await(creator.create(ToApisTesting.request(VideoJob.builder("seedance-2").prompt("one").build(), "ref-1")));
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> idle.ended() == 1);

      TaskSnapshot second = await(creator.create(
          ToApisTesting.request(VideoJob.builder("seedance-2").prompt("two").build(), "ref-2")));

      assertThat(second.taskId()).isEqualTo(TaskId.of("video_h10"));
      assertThat(idle.creates()).isEqualTo(2);
    }
  }

  /** The next request's first line, its headers and body read past; null when the connection ended. */
  private static String nextRequest(BufferedReader in) throws IOException {
    String first = in.readLine();
    if (first == null) {
      return null;
    }
    int length = 0;
    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).strip());
      }
    }
    for (int i = 0; i < length; i++) {
      in.read();
    }
    return first;
  }

  /** Answers each connection's one request in {@code version}, then closes it; records "METHOD path" of each. */
  private static final class OneAnswerServer implements AutoCloseable {
    private final ServerSocket socket;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Thread thread;

    private final String version;

    OneAnswerServer(String version) {
      this.version = version;
      try {
        socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      thread = new Thread(this::serve, "http10-server");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    List<String> requests() {
      return List.copyOf(requests);
    }

    private void serve() {
      while (!socket.isClosed()) {
        try (Socket connection = socket.accept()) {
          answer(connection);
        } catch (IOException closed) {
          // The server stops, or a client went away: the next connection is served as before.
        }
      }
    }

    private void answer(Socket connection) throws IOException {
      BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
      String[] head = nextRequest(in).split(" ");
      String path = head[1].split("\\?")[0];
      requests.add(head[0] + " " + path);
      String body = path.endsWith("/balance") ? "{\"success\":true,\"data\":{\"remain_credits\":500}}" : TASK;
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      OutputStream out = connection.getOutputStream();
      out.write((version + " 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.write(bytes);
      out.flush();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  /** Keeps each connection for more requests (HTTP/1.1), closing it once idle for {@code idleMillis}. */
  private static final class IdleClosingServer implements AutoCloseable {
    private final ServerSocket socket;
    private final int idleMillis;
    private final java.util.concurrent.atomic.AtomicInteger ended = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger creates = new java.util.concurrent.atomic.AtomicInteger();

    IdleClosingServer(int idleMillis) throws IOException {
      this.idleMillis = idleMillis;
      socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
      Thread acceptor = new Thread(this::accept, "idle-closing-server");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    /** Connections ended so far, by either side. */
    int ended() {
      return ended.get();
    }

    int creates() {
      return creates.get();
    }

    private void accept() {
      while (!socket.isClosed()) {
        try {
          Socket connection = socket.accept();
          Thread serving = new Thread(() -> serve(connection), "idle-closing-connection");
          serving.setDaemon(true);
          serving.start();
        } catch (IOException closed) {
          return;
        }
      }
    }

    private void serve(Socket connection) {
      try (connection) {
        connection.setSoTimeout(idleMillis);
        BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(),
            StandardCharsets.ISO_8859_1));
        for (String first = nextRequest(in); first != null; first = nextRequest(in)) {
          if (first.startsWith("POST")) {
            creates.incrementAndGet();
          }
          byte[] bytes = TASK.getBytes(StandardCharsets.UTF_8);
          OutputStream out = connection.getOutputStream();
          out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
              + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
          out.write(bytes);
          out.flush();
        }
      } catch (IOException idleOrGone) {
        // Idle too long (the read timed out) or closed by the client: either way the connection ends here.
      } finally {
        ended.incrementAndGet();
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
