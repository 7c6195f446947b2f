package dev.vidgen.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.json.JsonTrees;
import dev.vidgen.core.policy.PollSchedule;
import dev.vidgen.core.port.ApiKey;
import dev.vidgen.core.port.ProviderConfig;
import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.TaskHistory;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Lifecycle;
import dev.vidgen.testkit.toapis.TaskScript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The playground on a test server (not the provider's own address) after an upgrade, with the lines an older vidgen
 * serve wrote: no base URL and no key tag. Such a line counts as this server's: its task is followed, and its job is
 * the same job here.
 */
class OlderServeLinesTest {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final String MODEL = "grok-video-1.5-preview";
  private static final String IMAGE = "https://cdn.example.test/pg1.png";

  @TempDir Path folder;

  private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(20)).build();
  private final FakeToApisServer fake = FakeToApisServer.builder().lifecycle(Duration.ZERO, Duration.ofMinutes(5))
      .start();
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
    fake.close();
  }

  @Test
  void aPlaygroundTaskAnOlderServeLeftRunningIsFollowedAndSavedByTheNextServe() {
    client = client();
    fake.nextTask(TaskScript.completes().taking(Lifecycle.byPolls(0, 1)));
    VideoJob job = job("pg1 playground inflight");
    JobHandle handle = client.submit(job);
    String id = handle.taskId().value();
    // As the older vidgen serve left it when stopped: in progress, with neither its server nor its key's tag.
    history().record(HistoryEntry.submitted(handle, job, "serve").withStatus("in_progress", Instant.now()));
    assertThat(history().find(id).orElseThrow()).extracting(HistoryEntry::baseUrl, HistoryEntry::keyTag)
        .containsOnlyNulls();

    start();

    Path saved = folder.resolve("videos").resolve(id + ".mp4");
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(saved).exists());
    assertThat(fake.pollsOf(id)).as("the new playground asked its server").isPositive();
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(task(id))
        .containsEntry("status", "completed").containsEntry("file", saved.toAbsolutePath().normalize().toString()));
  }

  @Test
  void aJobAnOlderServeMadeIsTheSameJobOnThisServerAndIsNotPaidAgain() {
    Instant minuteAgo = Instant.now().minusSeconds(60);
    VideoJob job = job("pg2 finished");
    history().record(HistoryEntry.submitted(new JobHandle("toapis", dev.vidgen.core.domain.TaskId.of("video_old"),
            MODEL, dev.vidgen.core.pricing.PriceQuote.unknown(MODEL, "test"), minuteAgo, null, 1), job, "serve")
        .completed(folder.resolve("videos").resolve("video_old.mp4").toString(), minuteAgo.plusSeconds(30)));
    start();

    Answer again = answer("/api/generate", "{\"model\":\"" + MODEL + "\",\"prompt\":\"pg2 finished\",\"seconds\":10,"
        + "\"images\":[{\"url\":\"" + IMAGE + "\"}]}");

    assertThat(again.status()).as(again.body()).isEqualTo(409);
    assertThat(again.body()).contains("\"code\":\"same_job\"", "video_old",
        "that take was recorded without its server by an older vidgen, so it counts as a take on any server, this"
            + " one too", "\\\"again\\\": true");
    assertThat(fake.requests(Endpoint.CREATE)).as("nothing paid again").isEmpty();
  }

  private static VideoJob job(String prompt) {
    return VideoJob.builder(MODEL).prompt(prompt).image(IMAGE).seconds(10).build();
  }

  private VidgenClient client() {
    return VidgenClient.builder().provider("toapis", ProviderConfig.builder().apiKey(ApiKey.of(fake.apiKey()))
            .baseUrl(fake.baseUrl()).build())
        .pollSchedule(PollSchedule.builder().firstDelay(Duration.ofMillis(50)).minInterval(Duration.ofMillis(50))
            .maxInterval(Duration.ofMillis(100)).build())
        .build();
  }

  private void start() {
    if (client == null) {
      client = client();
    }
    playground = Playground.start(new PlaygroundSettings(client, "127.0.0.1", 0, folder, history(), MODEL,
        List.of("--provider", "toapis", "--base-url", fake.baseUrl())));
  }

  private TaskHistory history() {
    return TaskHistory.in(folder.resolve("home"));
  }

  private record Answer(int status, String body) {}

  private Answer answer(String path, String body) {
    Request request = new Request.Builder().url("http://127.0.0.1:" + playground.port() + path)
        .post(RequestBody.create(body, JSON)).build();
    try (Response response = http.newCall(request).execute()) {
      return new Answer(response.code(), response.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> task(String taskId) {
    Request request = new Request.Builder().url("http://127.0.0.1:" + playground.port() + "/api/history").build();
    try (Response response = http.newCall(request).execute()) {
      List<Map<String, Object>> tasks = (List<Map<String, Object>>) ((Map<String, Object>) JsonTrees.parse(
          response.body().string())).get("tasks");
      return tasks.stream().filter(task -> taskId.equals(task.get("task_id"))).findFirst().orElseThrow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
