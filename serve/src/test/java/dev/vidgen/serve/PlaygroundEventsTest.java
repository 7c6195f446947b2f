package dev.vidgen.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.json.JsonTrees;
import dev.vidgen.core.policy.PollSchedule;
import dev.vidgen.provider.mock.MockCall;
import dev.vidgen.provider.mock.MockVideoProvider;
import dev.vidgen.serve.history.TaskHistory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The playground's live-update stream ({@code GET /api/events}): kept alive, let go when its page is gone, bounded. */
class PlaygroundEventsTest {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final String MODEL = "veo3.1-fast";
  private static final Duration BOUND = Duration.ofSeconds(10);

  @TempDir Path folder;

  private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(20)).build();
  private final List<Socket> sockets = new ArrayList<>();
  private final List<Response> streams = new ArrayList<>();
  private VidgenClient client;
  private MockVideoProvider mock;
  private Playground playground;

  @AfterEach
  void stop() throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
    if (playground != null) {
      playground.close();
    }
    streams.forEach(Response::close);
    if (client != null) {
      client.close();
    }
  }

  @Test
  void streamsWhosePagesWentAwayAreLetGoWhileNoTaskChanges() throws IOException {
    start(new EventClients.Limits(Duration.ofMillis(100), 100));
    int before = playground.connectionsOpen();
    List<Socket> tabs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      tabs.add(openStream());
    }
    await().atMost(BOUND).until(() -> playground.eventClientsOpen() == 20);
    assertThat(playground.connectionsOpen()).isEqualTo(before + 20);

    for (Socket tab : tabs) {
      tab.close(); // a tab closed or reloaded: nothing of the stream is read
    }

    await().atMost(BOUND).untilAsserted(() -> {
      assertThat(playground.eventClientsOpen()).as("streams still kept").isZero();
      assertThat(playground.connectionsOpen()).as("connections the server still holds").isEqualTo(before);
    });
    assertThat(mock.calls(MockCall.Method.CREATE)).as("no task, so no event was written to them").isEmpty();
  }

  @Test
  void aLiveStreamHearsTheKeepAliveAndStillGetsEachTaskEventAndEndsWhenThePlaygroundStops() {
    start(new EventClients.Limits(Duration.ofMillis(200), 100));
    List<String> lines = new CopyOnWriteArrayList<>();
    AtomicBoolean ended = new AtomicBoolean();
    StreamLines.readInto(stream(), line -> line, lines, ended);

    await().atMost(BOUND).until(() -> lines.contains(": " + EventClients.KEEP_ALIVE));
    Map<String, Object> made = json(post("/api/generate", "{\"model\":\"" + MODEL + "\",\"prompt\":\"a kite\"}"));
    String taskId = (String) ((Map<?, ?>) made.get("task")).get("task_id");

    await().atMost(BOUND).until(() -> lines.stream().anyMatch(line -> line.startsWith("data: ")
        && line.contains("\"task_id\":\"" + taskId + "\"") && line.contains("\"status\":\"completed\"")));
    assertThat(lines).contains("event: task");
    Playground stopping = playground;
    playground = null;
    stopping.close();
    await().atMost(BOUND).untilTrue(ended);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aStreamOverTheCeilingIsRefusedSayingWhatToDoAndOneIsLetInOnceAGoneOneIsLetGo() throws IOException {
    start(new EventClients.Limits(Duration.ofMillis(100), 2));
    Socket first = openStream();
    openStream();
    await().atMost(BOUND).until(() -> playground.eventClientsOpen() == 2);

    Map<String, Object> error;
    try (Response third = http.newCall(eventsRequest()).execute()) {
      assertThat(third.code()).isEqualTo(503);
      error = (Map<String, Object>) json(third.body().string()).get("error");
    }
    assertThat(error).containsEntry("code", "too_many_event_streams");
    assertThat((String) error.get("message")).isEqualTo("the playground already has 2 live-update connections open"
        + " (GET /api/events), the most it keeps at once, so this page gets no live progress");
    assertThat((String) error.get("next")).isEqualTo("close the playground tabs you no longer use; a closed tab's"
        + " connection is let go within about 1 s, and a page left open tries again by itself every few seconds");

    first.close();
    await().atMost(BOUND).until(() -> playground.eventClientsOpen() == 1);
    Response again = stream();
    assertThat(again.code()).isEqualTo(200);
    assertThat(again.header("Content-Type")).startsWith("text/event-stream");
  }

  private void start(EventClients.Limits limits) {
    mock = MockVideoProvider.builder().duration(Duration.ofMillis(300)).build();
    client = VidgenClient.builder()
        .provider(mock)
        .pollSchedule(PollSchedule.builder().firstDelay(Duration.ofMillis(50)).minInterval(Duration.ofMillis(50))
            .maxInterval(Duration.ofMillis(100)).build())
        .build();
    playground = Playground.start(new PlaygroundSettings(client, "127.0.0.1", 0, folder,
        TaskHistory.in(folder.resolve("home")), MODEL, List.of("--provider", "mock")), limits);
  }

  /** A stream asked for on a bare socket, as a browser tab holds it; nothing of the answer is read. */
  private Socket openStream() throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), playground.port());
    sockets.add(socket);
    OutputStream out = socket.getOutputStream();
    out.write(("GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:" + playground.port()
        + "\r\nAccept: text/event-stream\r\n" + PlaygroundToken.HEADER + ": " + playground.token().reveal()
        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return socket;
  }

  /** A stream whose answer is read. */
  private Response stream() {
    try {
      Response response = http.newBuilder().callTimeout(Duration.ZERO).readTimeout(BOUND).build()
          .newCall(eventsRequest()).execute();
      streams.add(response);
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Request eventsRequest() {
    return new Request.Builder().url("http://127.0.0.1:" + playground.port() + "/api/events")
        .header("Accept", "text/event-stream").header(PlaygroundToken.HEADER, playground.token().reveal()).build();
  }

  private String post(String path, String body) {
    Request request = new Request.Builder().url("http://127.0.0.1:" + playground.port() + path)
        .header(PlaygroundToken.HEADER, playground.token().reveal()).post(RequestBody.create(body, JSON)).build();
    try (Response response = http.newCall(request).execute()) {
      String answer = response.body().string();
      assertThat(response.code()).as(answer).isBetween(200, 299);
      return answer;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String text) {
    return (Map<String, Object>) JsonTrees.parse(text);
  }
}
