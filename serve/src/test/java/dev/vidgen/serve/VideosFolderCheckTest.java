package dev.vidgen.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.json.JsonTrees;
import dev.vidgen.core.policy.PollSchedule;
import dev.vidgen.provider.mock.MockCall;
import dev.vidgen.provider.mock.MockVideoProvider;
import dev.vidgen.serve.history.TaskHistory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Generate whose video could never be saved in the playground's videos folder is refused before it is paid. */
class VideosFolderCheckTest {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final String MODEL = "grok-video-1.5-preview";
  private static final String JOB = "{\"model\":\"" + MODEL + "\",\"prompt\":\"Slow push-in\",\"seconds\":10,"
      + "\"aspect_ratio\":\"16:9\",\"images\":[{\"url\":\"https://img.example/p.png\"}]}";

  @TempDir Path folder;

  private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(20)).build();
  private VidgenClient client;
  private MockVideoProvider mock;
  private Playground playground;

  @BeforeEach
  void start() {
    mock = MockVideoProvider.builder().duration(Duration.ofMillis(300)).build();
    client = VidgenClient.builder()
        .provider(mock)
        .pollSchedule(PollSchedule.builder().firstDelay(Duration.ofMillis(100)).minInterval(Duration.ofMillis(100))
            .maxInterval(Duration.ofMillis(200)).build())
        .build();
    playground = Playground.start(new PlaygroundSettings(client, "127.0.0.1", 0, folder,
        TaskHistory.in(folder.resolve("home")), MODEL, List.of("--provider", "mock")));
  }

  @AfterEach
  void stop() {
    playground.close();
    client.close();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aGenerateWhileTheVideosDiskHasNoFreeByteIsRefusedWith503AndNothingIsSent() throws IOException {
    playground.freeSpace(videos -> 0);

    assertThat(playground.videosFolderProblem()).get().asString().startsWith("has no free space: 0 bytes free");
    try (Response response = http.newCall(generate()).execute()) {
      String body = response.body().string();
      Map<String, Object> error = (Map<String, Object>) ((Map<String, Object>) JsonTrees.parse(body)).get("error");
      assertThat(response.code()).as(body).isEqualTo(503);
      assertThat(error).containsEntry("code", "videos_unwritable").containsEntry("sent", "no");
      assertThat((String) error.get("message")).isEqualTo("the playground cannot save videos in "
          + playground.videosFolder() + ": the folder has no free space: 0 bytes free on its file system, and no"
          + " video fits in less than 1 MiB, so this Generate was not sent; nothing was created or billed");
      assertThat((String) error.get("next")).startsWith("free space on that disk, then generate again");
    }
    assertThat(mock.calls(MockCall.Method.CREATE)).as("nothing paid").isEmpty();
  }

  @Test
  void aGenerateWithRoomForItsVideoIsSent() throws IOException {
    playground.freeSpace(videos -> 64L * 1024 * 1024);

    assertThat(playground.videosFolderProblem()).isEmpty();
    try (Response response = http.newCall(generate()).execute()) {
      assertThat(response.code()).as(response.body().string()).isEqualTo(201);
    }
    assertThat(mock.calls(MockCall.Method.CREATE)).hasSize(1);
  }

  private Request generate() {
    return new Request.Builder().url("http://127.0.0.1:" + playground.port() + "/api/generate")
        .header(PlaygroundToken.HEADER, playground.token().reveal()).post(RequestBody.create(JOB, JSON)).build();
  }
}
