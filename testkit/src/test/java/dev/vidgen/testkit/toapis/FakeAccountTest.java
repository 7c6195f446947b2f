package dev.vidgen.testkit.toapis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.fixtures.Videos;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11 on the fake itself: models per key, balances of key and account, video uploads, extend and remix. */
class FakeAccountTest {
  private static final String OTHER_KEY = "sk-other" + "1".repeat(43);
  private static final MediaType JSON = MediaType.get("application/json");

  @TempDir Path dir;
  private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(5)).build();
  private final FakeToApisServer toapis = FakeToApisServer.builder()
      .apiKeys(FakeToApisServer.DEFAULT_KEY, OTHER_KEY)
      .videoModels(OTHER_KEY, Set.of("seedance-2"))
      .keyCredits(BigDecimal.valueOf(50))
      .start();

  @AfterEach
  void stop() {
    toapis.close();
  }

  @Test
  void modelsArePerKeyAndWithoutATypeOnlyTextModelsAreListed() throws IOException {
    assertThat(get("/v1/models?type=video", FakeToApisServer.DEFAULT_KEY)).contains("\"grok-video-1.5-preview\"")
        .contains("\"seedance-2\"").doesNotContain("gpt-4o-mini");
    assertThat(get("/v1/models?type=video", OTHER_KEY)).contains("\"seedance-2\"").doesNotContain("grok-video");
    assertThat(get("/v1/models", OTHER_KEY)).contains("gpt-4o-mini").doesNotContain("seedance-2");
    assertThat(get("/v1/models?type=all", OTHER_KEY)).contains("gpt-4o-mini").contains("seedance-2");
  }

  @Test
  void keyAndAccountBalancesFallAsTasksAreCreatedAndEitherRefuses() throws IOException {
    call(post("/v1/videos/generations", "{\"model\":\"grok-video-1.5-preview\",\"prompt\":\"p\",\"images\":[\"https://i.example/a.png\"],\"seconds\":\"15\"}")).close();

    assertThat(get("/v1/balance", FakeToApisServer.DEFAULT_KEY)).contains("\"remain_credits\":20");
    assertThat(get("/v1/user/balance", FakeToApisServer.DEFAULT_KEY)).contains("\"remain_credits\":9970");
    try (Response refused = call(post("/v1/videos/generations",
        "{\"model\":\"grok-video-1.5-preview\",\"prompt\":\"p\",\"images\":[\"https://i.example/a.png\"],\"seconds\":\"15\"}"))) {
      assertThat(refused.code()).isEqualTo(402);
    }
  }

  @Test
  void videoUploadsTakeMp4MovAndWebmOnly() throws IOException {
    try (Response ok = call(upload(Videos.mov(dir, "a.mov")))) {
      assertThat(ok.code()).isEqualTo(200);
      assertThat(ok.body().string()).contains("\"mime_type\":\"video/quicktime\"").contains(".mov");
    }
    try (Response refused = call(upload(Videos.mkv(dir, "b.mkv")))) {
      assertThat(refused.code()).isEqualTo(400);
      assertThat(refused.body().string()).contains("Unsupported video type");
    }
  }

  @Test
  void extendAndRemixMakeNewTasksFromAnExistingOne() throws IOException {
    String created;
    try (Response answer = call(post("/v1/videos/generations", "{\"model\":\"grok-video-1.0\",\"prompt\":\"p\"}"))) {
      created = answer.body().string().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }
    try (Response extend = call(post("/v1/videos/" + created + "/extend", "{\"model\":\"grok-video-1.0\",\"prompt\":\"more\"}"))) {
      assertThat(extend.code()).isEqualTo(200);
      assertThat(extend.body().string()).contains("video_extend_").contains("\"extended_from_video_id\":\"" + created + "\"");
    }
    try (Response noPrompt = call(post("/v1/videos/" + created + "/remix", "{\"model\":\"grok-video-1.0\"}"))) {
      assertThat(noPrompt.code()).isEqualTo(400);
    }
    try (Response missing = call(post("/v1/videos/video_none/remix", "{\"model\":\"grok-video-1.0\",\"prompt\":\"p\"}"))) {
      assertThat(missing.code()).isEqualTo(404);
    }
    assertThat(toapis.requests(Endpoint.EXTEND)).hasSize(1);
    assertThat(toapis.requests(Endpoint.REMIX)).hasSize(2);
  }

  private String get(String path, String key) throws IOException {
    try (Response answer = http.newCall(new Request.Builder().url(url(path)).header("Authorization", "Bearer " + key)
        .build()).execute()) {
      return answer.body().string();
    }
  }

  private Request post(String path, String json) {
    return new Request.Builder().url(url(path)).header("Authorization", "Bearer " + FakeToApisServer.DEFAULT_KEY)
        .post(RequestBody.create(json, JSON)).build();
  }

  private Request upload(Path file) {
    RequestBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
        .addFormDataPart("file", file.getFileName().toString(), RequestBody.create(file.toFile(), MediaType.get("video/mp4")))
        .addFormDataPart("purpose", "generation").build();
    return new Request.Builder().url(url("/v1/uploads/videos"))
        .header("Authorization", "Bearer " + FakeToApisServer.DEFAULT_KEY).post(body).build();
  }

  private Response call(Request request) throws IOException {
    return http.newCall(request).execute();
  }

  private String url(String path) {
    return toapis.baseUrl().replaceAll("/$", "") + path;
  }
}
