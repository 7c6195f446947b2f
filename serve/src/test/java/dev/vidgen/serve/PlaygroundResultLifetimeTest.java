package dev.vidgen.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoAsset;
import dev.vidgen.core.json.JsonTrees;
import dev.vidgen.core.policy.PollSchedule;
import dev.vidgen.core.port.RequestPreview;
import dev.vidgen.core.port.SubmitRequest;
import dev.vidgen.core.port.VideoProvider;
import dev.vidgen.provider.mock.MockVideoProvider;
import dev.vidgen.serve.history.TaskHistory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The playground's advice on how long a result lasts comes from its provider ({@code keepsResultsFor()}): a provider
 * that states no lifetime is never given the 24 hours ToAPIs and the mock keep results.
 */
class PlaygroundResultLifetimeTest {
  private static final MediaType JSON = MediaType.get("application/json");

  @TempDir Path folder;

  private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(20)).build();
  private VidgenClient client;
  private Playground playground;

  @AfterEach
  void stop() {
    if (playground != null) {
      playground.close();
    }
    if (client != null) {
      client.close();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aVideoNotSavedOnAProviderThatStatesNoLifetimeIsAdvisedWithoutAFigure() {
    client = VidgenClient.builder()
        .provider(new StatesNoLifetime(MockVideoProvider.builder().duration(Duration.ofMillis(300)).build()))
        .pollSchedule(PollSchedule.builder().firstDelay(Duration.ofMillis(50)).minInterval(Duration.ofMillis(50))
            .maxInterval(Duration.ofMillis(100)).build())
        .maxVideoBytes(16)
        .build();
    playground = Playground.start(new PlaygroundSettings(client, "127.0.0.1", 0, folder,
        TaskHistory.in(folder.resolve("home")), "veo3.1-fast", List.of("--provider", "mock")));

    Map<String, Object> made = json(post("/api/generate", "{\"model\":\"veo3.1-fast\",\"prompt\":\"a kite\"}"));
    String taskId = (String) ((Map<String, Object>) made.get("task")).get("task_id");
    String next = await().atMost(Duration.ofSeconds(20)).until(() -> (String) task(taskId).get("next"),
        said -> said != null);

    assertThat(next).contains("its video is larger than this playground saves", "--set max_video_size=",
        "saves it (while the provider keeps the link)").doesNotContain("24 hours");
  }

  /** The mock's work behind a provider of another maker that states no result lifetime (the interface's default). */
  private static final class StatesNoLifetime implements VideoProvider {
    private final MockVideoProvider work;

    StatesNoLifetime(MockVideoProvider work) {
      this.work = work;
    }

    @Override
    public String id() {
      return work.id();
    }

    @Override
    public CompletableFuture<URI> upload(Path image) {
      return work.upload(image);
    }

    @Override
    public CompletableFuture<TaskSnapshot> create(SubmitRequest request) {
      return work.create(request);
    }

    @Override
    public CompletableFuture<TaskSnapshot> status(TaskId taskId) {
      return work.status(taskId);
    }

    @Override
    public CompletableFuture<InputStream> open(VideoAsset asset) {
      return work.open(asset);
    }

    @Override
    public RequestPreview preview(SubmitRequest request) {
      return work.preview(request);
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> task(String taskId) {
    return ((List<Map<String, Object>>) json(call(request("/api/history").build())).get("tasks")).stream()
        .filter(task -> taskId.equals(task.get("task_id"))).findFirst().orElseThrow();
  }

  private Request.Builder request(String path) {
    return new Request.Builder().url("http://127.0.0.1:" + playground.port() + path);
  }

  private String post(String path, String body) {
    return call(request(path).post(RequestBody.create(body, JSON)).build());
  }

  private String call(Request request) {
    try (Response response = http.newCall(request).execute()) {
      String body = response.body().string();
      assertThat(response.code()).as(request.url() + ": " + body).isBetween(200, 299);
      return body;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String text) {
    return (Map<String, Object>) JsonTrees.parse(text);
  }
}
