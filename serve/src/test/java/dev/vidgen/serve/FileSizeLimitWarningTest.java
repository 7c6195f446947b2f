package dev.vidgen.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vidgen.core.json.JsonTrees;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import dev.vidgen.testkit.toapis.Lifecycle;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A playground under a file-size limit ({@code ulimit -f}) smaller than a video: once a save failed that way, each
 * check and Generate warns that a video as large is paid for but not saved there, until a save there succeeds.
 */
@EnabledOnOs(OS.LINUX)
class FileSizeLimitWarningTest {
  private static final String KEY = "sk-test" + "7".repeat(44);
  private static final String TOKEN = "file-size-limit-test-token-0123456789";
  private static final MediaType JSON = MediaType.get("application/json");
  private static final String BOX = "\0\0\0\u0018ftypisom\0\0\0\0isommp41";

  @TempDir Path dir;

  private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(20)).build();
  private final StringBuffer said = new StringBuffer();
  private Process process;
  private int port;

  @AfterEach
  void stop() throws InterruptedException {
    if (process != null) {
      process.destroy();
      process.waitFor(20, TimeUnit.SECONDS);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void afterAVideoOverTheLimitChecksAndGeneratesWarnUntilAVideoIsSavedThere() throws Exception {
    try (FakeToApisServer fake = FakeToApisServer.builder().apiKeys(KEY).lifecycle(Lifecycle.byPolls(1, 1)).start()) {
      // 256 KB over a limit of 32 KB; the fake's own sample video (2 KB) is under it.
      fake.inject(Endpoint.FILE, Fault.answer(200, "video/mp4", BOX + "\0".repeat(256 * 1024)), 1);
      start(fake, 32);
      String limit = "this playground may write files of at most 32.0 KB (its file-size limit, ulimit -f)";
      assertThat(warning(check(job("Large take")))).as("known before anything is paid").isEqualTo(limit
          + ", so a video larger than that is paid for but not saved in " + videos() + "; to save larger videos,"
          + " start vidgen serve again from a shell whose ulimit -f is unlimited");

      String large = taskId(post("/api/generate", job("Large take")));
      await().atMost(Duration.ofSeconds(30)).until(() -> String.valueOf(task(large).get("next"))
          .contains("fails the same way"));

      String expected = "the video of task " + large + " could not be saved in " + videos() + ", and saving one as"
          + " large there fails the same way: " + limit + "; a video as large made now is paid for but not saved"
          + " here: to save such videos, start vidgen serve again where the file-size limit allows it: from a shell"
          + " whose ulimit -f is unlimited or above 256.0 KB, or with --out a folder on another file system";
      assertThat(warning(check(job("Small take")))).as(said.toString()).isEqualTo(expected);
      Map<String, Object> generated = post("/api/generate", job("Small take"));
      assertThat((List<Map<String, Object>>) generated.get("warnings")).as("its answer says it too")
          .anySatisfy(w -> assertThat(w).containsEntry("code", "videos.save_fails").containsEntry("message", expected));

      String small = taskId(generated);
      await().atMost(Duration.ofSeconds(30)).until(() -> task(small).get("file") != null);
      assertThat(warning(check(job("Third take")))).as("a video saved there since: the limit alone is said")
          .startsWith(limit + ", so a video larger");
    }
  }

  /** Starts the playground in a process of its own under a file-size limit of {@code kilobytes} (bash: 1 KB blocks). */
  private void start(FakeToApisServer fake, int kilobytes) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = List.of("/bin/bash", "-c", "ulimit -f " + kilobytes + " && exec \"$@\"", "bash",
        java.toString(), "-cp", System.getProperty("java.class.path"), "-XX:-UsePerfData",
        "-XX:TieredStopAtLevel=1", PlaygroundProcess.class.getName(), fake.baseUrl(), dir.resolve("pg").toString());
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().put("TOAPIS_API_KEY", KEY);
    builder.environment().put("VIDGEN_PLAYGROUND_TOKEN", TOKEN);
    process = builder.start();
    BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = lines.readLine()) != null && !line.startsWith("port=")) {
      said.append(line).append('\n');
    }
    assertThat(line).as(said.toString()).isNotNull();
    port = Integer.parseInt(line.substring("port=".length()));
    Thread drain = new Thread(() -> lines.lines().forEach(more -> said.append(more).append('\n')));
    drain.setDaemon(true);
    drain.start();
  }

  private Path videos() {
    return dir.resolve("pg").resolve("videos").toAbsolutePath().normalize();
  }

  private static String job(String prompt) {
    return "{\"model\":\"grok-video-1.5-preview\",\"prompt\":\"" + prompt + "\",\"seconds\":10,"
        + "\"aspect_ratio\":\"16:9\",\"images\":[{\"url\":\"https://img.example/p.png\"}]}";
  }

  private Map<String, Object> check(String job) throws IOException {
    return post("/api/check", job);
  }

  /** The message of the one {@code videos.save_fails} warning of a check. */
  @SuppressWarnings("unchecked")
  private static String warning(Map<String, Object> checked) {
    return ((List<Map<String, Object>>) checked.get("violations")).stream()
        .filter(v -> "videos.save_fails".equals(v.get("code")) && "warning".equals(v.get("severity")))
        .map(v -> (String) v.get("message")).findFirst().orElse("(none in " + checked.get("violations") + ")");
  }

  @SuppressWarnings("unchecked")
  private static String taskId(Map<String, Object> generated) {
    return (String) ((Map<String, Object>) generated.get("task")).get("task_id");
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> task(String id) throws IOException {
    List<Map<String, Object>> tasks = (List<Map<String, Object>>) get("/api/history").get("tasks");
    return tasks.stream().filter(task -> id.equals(task.get("task_id"))).findFirst().orElse(Map.of());
  }

  private Map<String, Object> get(String path) throws IOException {
    return answer(new Request.Builder().url("http://127.0.0.1:" + port + path).header(PlaygroundToken.HEADER, TOKEN)
        .build());
  }

  private Map<String, Object> post(String path, String body) throws IOException {
    return answer(new Request.Builder().url("http://127.0.0.1:" + port + path)
        .header(PlaygroundToken.HEADER, TOKEN).post(RequestBody.create(body, JSON)).build());
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> answer(Request request) throws IOException {
    try (Response response = http.newCall(request).execute()) {
      String body = response.body().string();
      assertThat(response.code()).as(request.url() + ": " + body + "\n" + said).isBetween(200, 299);
      return (Map<String, Object>) JsonTrees.parse(body);
    }
  }
}
