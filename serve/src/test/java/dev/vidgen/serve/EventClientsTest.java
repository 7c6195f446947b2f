package dev.vidgen.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Live-update streams that stay connected but stop reading: they hold up no other stream and are let go. */
class EventClientsTest {
  private static final Duration BOUND = Duration.ofSeconds(10);
  /** An event big enough that a few of them fill the socket buffers of a stream that is not read. */
  private static final String BIG = "x".repeat(64 * 1024);
  private static final String WRITER_THREADS = "vidgen-serve-events-";

  // Longer than any quiet stretch of a stream in these tests (up to the 10 s before stuck streams are let go).
  private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(60)).build();
  private final List<Socket> sockets = new ArrayList<>();
  private final List<Response> streams = new ArrayList<>();
  private EventClients clients;
  private Javalin app;

  @AfterEach
  void stop() throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
    if (clients != null) {
      clients.close();
    }
    if (app != null) {
      app.stop();
    }
    streams.forEach(Response::close);
  }

  @Test
  void streamsThatStopReadingDelayNoOtherStreamAndAreLetGoOnceAWriteToThemWaitedTooLong() throws IOException {
    // The stuck streams are let go 10 s after a write to them blocks; the reading page gets its 6.4 MB within 5 s
    // and the marker within 3 s more, so both are checked while the stuck streams are still held, even on a slow,
    // busy machine.
    start(new EventClients.Limits(Duration.ofSeconds(30), 100, Duration.ofSeconds(10), 64L * 1024 * 1024));
    for (int i = 0; i < 5; i++) {
      openStuckStream();
    }
    List<String> lines = new CopyOnWriteArrayList<>();
    read(stream(), lines, new AtomicBoolean());
    await().atMost(BOUND).until(() -> clients.open() == 6);

    for (int i = 0; i < 100; i++) {
      clients.sendToAll("big", i + " " + BIG); // far more than the stuck streams' buffers hold
    }
    await().atMost(Duration.ofSeconds(5)).alias("every event reached the page that reads")
        .until(() -> lines.contains("data: 99"));
    assertThat(lines.stream().filter(line -> line.startsWith("data: ")))
        .as("in order, each whole").containsExactlyElementsOf(numbered(100));
    assertThat(clients.open()).as("the streams that do not read are still held, their writes blocked").isEqualTo(6);

    clients.sendToAll("marker", "now");
    await().atMost(Duration.ofSeconds(3)).alias("a later event is not held up either")
        .until(() -> lines.contains("data: now"));

    await().atMost(BOUND.plusSeconds(10)).untilAsserted(() -> {
      assertThat(clients.open()).as("streams still kept").isEqualTo(1);
      assertThat(connectionsOpen()).as("connections the server still holds").isEqualTo(1);
      assertThat(writerThreads()).as("threads left writing").isLessThanOrEqualTo(1);
    });
    clients.sendToAll("after", "still");
    await().atMost(Duration.ofSeconds(1)).until(() -> lines.contains("data: still"));
  }

  @Test
  void aStreamWhoseUnsentEventsBackUpPastTheBoundIsLetGoWithoutWaitingForItsWrite() throws IOException {
    start(new EventClients.Limits(Duration.ofSeconds(30), 100, Duration.ofSeconds(60), 512 * 1024));
    openStuckStream();
    await().atMost(BOUND).until(() -> clients.open() == 1);

    for (int i = 0; i < 100; i++) {
      clients.sendToAll("big", i + " " + BIG);
    }

    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      assertThat(clients.open()).as("streams still kept").isZero();
      assertThat(connectionsOpen()).as("connections the server still holds").isZero();
    });
  }

  @Test
  void closingDoesNotWaitForAWriteThatIsBlocked() throws IOException {
    start(new EventClients.Limits(Duration.ofSeconds(30), 100, Duration.ofSeconds(60), 64L * 1024 * 1024));
    openStuckStream();
    List<String> lines = new CopyOnWriteArrayList<>();
    AtomicBoolean ended = new AtomicBoolean();
    read(stream(), lines, ended);
    await().atMost(BOUND).until(() -> clients.open() == 2);
    for (int i = 0; i < 100; i++) {
      clients.sendToAll("big", i + " " + BIG);
    }
    await().atMost(BOUND).until(() -> lines.contains("data: 99"));

    long began = System.nanoTime();
    clients.close();
    // The write is blocked for up to 60 s: closing well within that did not wait for it, however busy the machine.
    assertThat(Duration.ofNanos(System.nanoTime() - began)).as("how long closing took")
        .isLessThan(Duration.ofSeconds(15));
    assertThat(clients.open()).isZero();
    await().atMost(BOUND).untilTrue(ended);
    await().atMost(BOUND).until(() -> connectionsOpen() == 0);
  }

  private void start(EventClients.Limits limits) {
    clients = new EventClients(limits);
    app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.startupWatcherEnabled = false;
    }).sse("/events", clients::admit).start("127.0.0.1", 0);
  }

  /** A stream asked for on a socket with a tiny receive buffer, never read: a frozen tab, a stopped process. */
  private void openStuckStream() throws IOException {
    Socket socket = new Socket();
    sockets.add(socket);
    socket.setReceiveBufferSize(4096);
    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), app.port()));
    OutputStream out = socket.getOutputStream();
    out.write(("GET /events HTTP/1.1\r\nHost: 127.0.0.1:" + app.port()
        + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private Response stream() {
    Request request = new Request.Builder().url("http://127.0.0.1:" + app.port() + "/events")
        .header("Accept", "text/event-stream").build();
    try {
      Response response = http.newCall(request).execute();
      streams.add(response);
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads {@code stream}'s lines (each cut at its first space) into {@code lines}, and marks {@code ended} at its end. */
  private static void read(Response stream, List<String> lines, AtomicBoolean ended) {
    StreamLines.readInto(stream, line -> {
      int space = line.indexOf(' ', "data: ".length());
      return space < 0 ? line : line.substring(0, space);
    }, lines, ended);
  }

  private static List<String> numbered(int count) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      lines.add("data: " + i);
    }
    return lines;
  }

  private int connectionsOpen() {
    return Arrays.stream(app.jettyServer().server().getConnectors())
        .mapToInt(connector -> connector.getConnectedEndPoints().size()).sum();
  }

  private static long writerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith(WRITER_THREADS) && thread.isAlive()).count();
  }
}
