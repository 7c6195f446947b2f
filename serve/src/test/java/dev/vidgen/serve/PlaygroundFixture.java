package dev.vidgen.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.json.JsonTrees;
import dev.vidgen.core.policy.PollSchedule;
import dev.vidgen.core.port.ApiKey;
import dev.vidgen.core.port.ProviderConfig;
import dev.vidgen.serve.history.TaskHistory;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test's playground on its own folder, with the client it sends through, the HTTP client that calls it and the fake
 * ToAPIs server if any; all of them are closed after each test ({@code @RegisterExtension}).
 */
final class PlaygroundFixture implements AfterEachCallback, AutoCloseable {
  static final MediaType JSON = MediaType.get("application/json");
  static final MediaType BYTES = MediaType.get("application/octet-stream");

  /** An answer of the playground, whatever its status. */
  record Answer(int status, String body) {}

  final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(20)).build();
  private final Supplier<Path> folder;
  private final FakeToApisServer fake;
  private VidgenClient client;
  private Playground playground;

  /** A fixture whose playground keeps its history and videos in {@code folder} (a test's {@code @TempDir}). */
  PlaygroundFixture(Supplier<Path> folder) {
    this(folder, null);
  }

  /** A fixture as above whose playground sends to {@code fake}, closed with the rest. */
  PlaygroundFixture(Supplier<Path> folder, FakeToApisServer fake) {
    this.folder = folder;
    this.fake = fake;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  @Override
  public void close() {
    if (playground != null) {
      playground.close();
    }
    if (client != null) {
      client.close();
    }
    if (fake != null) {
      fake.close();
    }
  }

  /** The client the playground sends through; null before one is given. */
  VidgenClient client() {
    return client;
  }

  /** Takes {@code client} as the one to send through (closed after the test) and returns it. */
  VidgenClient client(VidgenClient client) {
    this.client = client;
    return client;
  }

  /** The playground started last. */
  Playground playground() {
    return playground;
  }

  /** Starts a playground on {@code settings}, closed after the test. */
  Playground start(PlaygroundSettings settings) {
    playground = Playground.start(settings);
    return playground;
  }

  /** Starts a playground on loopback with the client given, this fixture's folder and history. */
  Playground start(String model, List<String> commandOptions) {
    return start(new PlaygroundSettings(client, "127.0.0.1", 0, folder.get(), history(), model, commandOptions));
  }

  /** Starts a playground on the fake server, with a client that polls it often unless one was given. */
  Playground startOnFake(String model) {
    if (client == null) {
      client = toApisClient().build();
    }
    return start(model, List.of("--provider", "toapis", "--base-url", fake.baseUrl()));
  }

  /** Forgets the playground the test closed itself, so that it is not closed again after the test. */
  void forgetPlayground() {
    playground = null;
  }

  /** A client of the fake server, with its key, that polls it often. */
  VidgenClient.Builder toApisClient() {
    return VidgenClient.builder().provider("toapis", ProviderConfig.builder().apiKey(ApiKey.of(fake.apiKey()))
            .baseUrl(fake.baseUrl()).build())
        .pollSchedule(PollSchedule.builder().firstDelay(Duration.ofMillis(50)).minInterval(Duration.ofMillis(50))
            .maxInterval(Duration.ofMillis(100)).build());
  }

  /** The task history the playground keeps in the folder's {@code home}. */
  TaskHistory history() {
    return TaskHistory.in(folder.get().resolve("home"));
  }

  /** A request to {@code path} of the playground, with its token (as a script sends it). */
  Request.Builder request(String path) {
    return withoutToken(path).header(PlaygroundToken.HEADER, playground.token().reveal());
  }

  /** A request to {@code path} of the playground without its token, as another user of the machine sends it. */
  Request.Builder withoutToken(String path) {
    return new Request.Builder().url("http://127.0.0.1:" + playground.port() + path);
  }

  /** The body of a GET of {@code path}, which must succeed. */
  String get(String path) {
    return call(request(path).build());
  }

  /** The body of a POST of JSON {@code body} to {@code path}, which must succeed. */
  String post(String path, String body) {
    return call(request(path).post(RequestBody.create(body, JSON)).build());
  }

  /** The body of {@code request}'s answer, whose status must be 2xx. */
  String call(Request request) {
    Answer answer = answer(request);
    assertThat(answer.status()).as(request.url() + ": " + answer.body()).isBetween(200, 299);
    return answer.body();
  }

  /** The answer to a POST of JSON {@code body} to {@code path}, whatever its status. */
  Answer answer(String path, String body) {
    return answer(request(path).post(RequestBody.create(body, JSON)).build());
  }

  /** The answer to {@code request}, whatever its status. */
  Answer answer(Request request) {
    try (Response response = http.newCall(request).execute()) {
      return new Answer(response.code(), response.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The upload id of {@code image} sent as a file named {@code name}, which must be taken (201). */
  String uploadId(byte[] image, String name) {
    Answer answer = answer(request("/api/uploads").header("X-File-Name", name)
        .post(RequestBody.create(image, BYTES)).build());
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    return (String) json(answer.body()).get("upload");
  }

  /** The tasks {@code /api/history} lists. */
  @SuppressWarnings("unchecked")
  List<Map<String, Object>> tasks() {
    return (List<Map<String, Object>>) json(get("/api/history")).get("tasks");
  }

  /** The task {@code /api/history} lists of {@code taskId}. */
  Map<String, Object> task(String taskId) {
    return tasks().stream().filter(task -> taskId.equals(task.get("task_id"))).findFirst().orElseThrow();
  }

  /** {@code text} read as a JSON object. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> json(String text) {
    return (Map<String, Object>) JsonTrees.parse(text);
  }
}
