package dev.vidgen.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.json.JsonTrees;
import dev.vidgen.core.policy.PollSchedule;
import dev.vidgen.core.port.ApiKey;
import dev.vidgen.core.port.ProviderConfig;
import dev.vidgen.serve.history.LinesUnderAnAnsweredNote;
import dev.vidgen.serve.history.TaskHistory;
import dev.vidgen.testkit.fixtures.Videos;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The playground's history after an older vidgen serve followed one of its jobs under the name of the job's create
 * note: the task is one card, completed with the video the older serve saved, and the note is no card.
 */
class TaskFollowedUnderItsNoteInPlaygroundTest {
  @TempDir Path folder;

  private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(20)).build();
  private final FakeToApisServer fake = FakeToApisServer.builder().start();
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
  @SuppressWarnings("unchecked")
  void theTaskIsOneCardCompletedWithItsVideoAndTheNoteNone() throws IOException {
    TaskHistory history = TaskHistory.in(folder.resolve("home"));
    Path videos = folder.resolve("videos");
    Path saved = LinesUnderAnAnsweredNote.write(history, fake.baseUrl(), videos,
        Instant.now().minusSeconds(600));
    Videos.mp4(Files.createDirectories(videos), saved.getFileName().toString());
    client = VidgenClient.builder().provider("toapis", ProviderConfig.builder().apiKey(ApiKey.of(fake.apiKey()))
            .baseUrl(fake.baseUrl()).build())
        .pollSchedule(PollSchedule.builder().firstDelay(Duration.ofMillis(50)).minInterval(Duration.ofMillis(50))
            .maxInterval(Duration.ofMillis(100)).build())
        .build();
    playground = Playground.start(new PlaygroundSettings(client, "127.0.0.1", 0, folder, history,
        LinesUnderAnAnsweredNote.MODEL, List.of("--provider", "toapis", "--base-url", fake.baseUrl())));

    Request request = new Request.Builder().url("http://127.0.0.1:" + playground.port() + "/api/history").build();
    List<Map<String, Object>> tasks;
    try (Response response = http.newCall(request).execute()) {
      tasks = (List<Map<String, Object>>) ((Map<String, Object>) JsonTrees.parse(response.body().string()))
          .get("tasks");
    }

    assertThat(tasks).extracting(task -> task.get("task_id")).as("one card, the task's")
        .containsExactly(LinesUnderAnAnsweredNote.TASK);
    assertThat(tasks.get(0)).containsEntry("status", "completed").containsEntry("file", saved.toString());
  }
}
