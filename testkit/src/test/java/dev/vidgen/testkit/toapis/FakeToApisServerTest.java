package dev.vidgen.testkit.toapis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vidgen.testkit.fixtures.Images;
import dev.vidgen.testkit.time.VirtualTime;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FakeToApisServerTest {
  private static final String IMAGE = "https://images.example/cat.png";
  private static final MediaType JSON = MediaType.get("application/json");

  private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(5)).build();
  private final FakeToApisServer toapis = FakeToApisServer.start();

  @AfterEach
  void stop() {
    toapis.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  @Test
  void refusesMissingAndWrongKeysInTheGatewayShape() {
    Reply missing = call("POST", "/v1/videos/generations", preview("10"), null);
    Reply wrong = call("POST", "/v1/videos/generations", preview("10"), "sk-wrong");

    assertThat(missing.status).isEqualTo(401);
    assertThat(missing.body).contains("\"code\":401").contains("authentication_error").contains("Missing");
    assertThat(wrong.status).isEqualTo(401);
    assertThat(wrong.body).contains("Invalid token").doesNotContain("sk-wrong");
    assertThat(toapis.creates()).extracting(CreateRecord::outcome)
        .containsExactly(CreateRecord.Outcome.REJECTED, CreateRecord.Outcome.REJECTED);
  }

  @Test
  void enforcesTheGrokPreviewWireShape() {
    assertThat(create(preview("10")).status).isEqualTo(200);
    assertThat(create("{\"model\":\"grok-video-1.5-preview\",\"prompt\":\"p\",\"images\":[\"" + IMAGE + "\"],\"seconds\":10}").body)
        .contains("seconds must be a string");
    assertThat(create("{\"model\":\"grok-video-1.5-preview\",\"prompt\":\"p\",\"image\":\"" + IMAGE + "\"}").body)
        .contains("does not take image");
    assertThat(create("{\"model\":\"grok-video-1.5-preview\",\"prompt\":\"p\",\"images\":[\"" + IMAGE + "\"],\"duration\":10}").status)
        .isEqualTo(400);
    assertThat(create("{\"model\":\"grok-video-1.5-preview\",\"prompt\":\"p\",\"images\":[\"" + IMAGE + "\",\"" + IMAGE + "\"]}").body)
        .contains("exactly 1");
    assertThat(create(preview("12")).body).contains("\\\"10\\\" or \\\"15\\\"");
  }

  @Test
  void enforcesTheGrok15AndStandardWireShapes() {
    assertThat(create("{\"model\":\"grok-video-1.5\",\"prompt\":\"p\",\"image\":\"" + IMAGE + "\",\"duration\":6}").status)
        .isEqualTo(200);
    assertThat(create("{\"model\":\"grok-video-1.5\",\"prompt\":\"p\",\"images\":[\"" + IMAGE + "\"]}").body)
        .contains("does not take images");
    assertThat(create("{\"model\":\"grok-video-1.5\",\"prompt\":\"p\",\"image\":\"" + IMAGE + "\",\"duration\":\"6\"}").body)
        .contains("duration must be a JSON integer");
    assertThat(create("{\"model\":\"sora-2-vvip\",\"prompt\":\"p\",\"duration\":\"8\"}").status).isEqualTo(400);
    assertThat(create("{\"model\":\"sora-2-vvip\",\"prompt\":\"p\",\"callback_url\":\"https://me.example/hook\"}").body)
        .contains("webhook_not_configured");
    assertThat(create("{\"model\":\"sora-2-vvip\",\"prompt\":").body).contains("not JSON", "column");
    assertThat(create("{\"model\":\"grok-video-1.5\",\"prompt\":\"p\",\"image\":\"" + IMAGE + "\",\"resolution\":null}").body)
        .contains("resolution must be 480p or 720p");
  }

  @Test
  void recordsTheCreateBodyWithItsTypesAndNullsAsSent() {
    create("{\"model\":\"sora-2-vvip\",\"prompt\":\"p\",\"duration\":8,\"seconds\":\"10\",\"note\":null}");

    Map<String, Object> body = toapis.lastCreate().orElseThrow().json();
    assertThat(body).containsEntry("duration", 8L).containsEntry("seconds", "10").containsKey("note");
    assertThat(body.get("note")).isNull();
  }

  @Test
  void aTaskGoesQueuedThenInProgressThenCompletedWithAnMp4OnAnotherPort() {
    String id = taskId(create(preview("10")));

    assertThat(status(id).body).contains("\"status\":\"queued\"");
    assertThat(status(id).body).contains("\"status\":\"in_progress\"").contains("\"progress\":50");
    Reply done = status(id);
    assertThat(done.body).contains("\"status\":\"completed\"").contains("\"progress\":100").contains("\"expires_at\":");
    String url = between(done.body, "\"url\":\"", "\"");
    assertThat(url).doesNotStartWith(toapis.baseUrl());

    Reply file = get(url, null);
    assertThat(file.status).isEqualTo(200);
    assertThat(file.body.substring(4, 8)).isEqualTo("ftyp");
    assertThat(toapis.pollsOf(id)).isEqualTo(3);
  }

  @Test
  void aTaskFollowsVirtualTimeAndItsFileExpiresAfterADay() {
    VirtualTime time = VirtualTime.create();
    try (FakeToApisServer timed = FakeToApisServer.builder()
        .clock(time.clock()).lifecycle(Duration.ofSeconds(5), Duration.ofSeconds(20)).start()) {
      String id = taskId(call(timed, "POST", "/v1/videos/generations", preview("15"), timed.apiKey()));

      assertThat(call(timed, "GET", "/v1/videos/generations/" + id, null, timed.apiKey()).body).contains("queued");
      time.advance(Duration.ofSeconds(15));
      assertThat(call(timed, "GET", "/v1/videos/generations/" + id, null, timed.apiKey()).body).contains("\"progress\":50");
      time.advance(Duration.ofSeconds(10));
      Reply done = call(timed, "GET", "/v1/videos/generations/" + id, null, timed.apiKey());
      String url = between(done.body, "\"url\":\"", "\"");
      assertThat(done.body).contains("\"completed_at\":" + time.now().getEpochSecond());
      assertThat(get(url, null).status).isEqualTo(200);

      time.advance(Duration.ofHours(24));
      assertThat(get(url, null).status).isEqualTo(404);
    }
  }

  @Test
  void eachTaskTakesTheLifecycleItIsGiven() {
    VirtualTime time = VirtualTime.create();
    java.util.Iterator<Lifecycle> plans = java.util.List.of(
        Lifecycle.byTime(Duration.ZERO, Duration.ofSeconds(10)),
        Lifecycle.byTime(Duration.ZERO, Duration.ofSeconds(30))).iterator();
    try (FakeToApisServer timed = FakeToApisServer.builder().clock(time.clock()).lifecycles(plans::next).start()) {
      String quick = taskId(call(timed, "POST", "/v1/videos/generations", preview("10"), timed.apiKey()));
      String slow = taskId(call(timed, "POST", "/v1/videos/generations", preview("10"), timed.apiKey()));

      time.advance(Duration.ofSeconds(20));

      assertThat(call(timed, "GET", "/v1/videos/generations/" + quick, null, timed.apiKey()).body)
          .contains("\"status\":\"completed\"");
      assertThat(call(timed, "GET", "/v1/videos/generations/" + slow, null, timed.apiKey()).body)
          .contains("\"status\":\"in_progress\"");
    }
  }

  @Test
  void scriptedTasksFailOrNeverFinishOrReportAnUnknownStatus() {
    toapis.nextTask(TaskScript.fails(50012, "upstream failed"));
    toapis.nextTask(TaskScript.neverFinishes().pendingAs("submitted"));
    String failing = taskId(create(preview("10")));
    String endless = taskId(create(preview("10")));

    status(failing);
    status(failing);
    assertThat(status(failing).body).contains("\"status\":\"failed\"").contains("\"code\":50012");
    assertThat(status(endless).body).contains("\"status\":\"submitted\"");
    for (int i = 0; i < 20; i++) {
      assertThat(status(endless).body).contains("\"status\":\"in_progress\"");
    }
  }

  @Test
  void findsATaskByItsClientBusinessId() {
    String id = taskId(create("{\"model\":\"seedance-2\",\"prompt\":\"p\",\"client_business_id\":\"order-17\"}"));

    assertThat(status("order-17").body).contains("\"id\":\"" + id + "\"").contains("\"client_business_id\":\"order-17\"");
    assertThat(status("order-18").status).isEqualTo(404);
    assertThat(toapis.lastCreate().orElseThrow().clientReference()).contains("order-17");
  }

  @Test
  void acceptsAnImageInTheFileFieldAndRefusesOtherUploads(@TempDir Path folder) throws IOException {
    byte[] png = java.nio.file.Files.readAllBytes(Images.png().writeTo(folder));

    Reply ok = upload("file", "cat.png", png);
    Reply wrongField = upload("image", "cat.png", png);
    Reply notAnImage = upload("file", "cat.png", "hello".getBytes(StandardCharsets.UTF_8));

    assertThat(ok.status).isEqualTo(200);
    assertThat(ok.body).contains("\"success\":true").contains("\"url\":\"" + FakeToApisServer.DEFAULT_UPLOAD_URL_BASE);
    assertThat(wrongField.body).contains("\"success\":false").contains("'file' is required");
    assertThat(notAnImage.body).contains("Unsupported image type");
  }

  @Test
  void chargesTheGrokPriceAndRefusesWhatTheBalanceCannotCover() {
    toapis.balance(BigDecimal.valueOf(45), false);

    create(preview("15"));
    Reply balance = call("GET", "/v1/balance", null, toapis.apiKey());
    Reply refused = create(preview("10"));

    assertThat(balance.body).contains("\"remain_credits\":15").contains("\"used_credits\":30");
    assertThat(refused.status).isEqualTo(402);
    assertThat(refused.body).contains("insufficient_quota");
  }

  @Test
  void injectedFaultsHitTheNextRequestsOnly() {
    toapis.inject(Endpoint.CREATE, Fault.rateLimited(Duration.ofSeconds(3)), 2);
    toapis.inject(Endpoint.STATUS, Fault.html(502));

    Reply first = create(preview("10"));
    Reply second = create(preview("10"));
    Reply third = create(preview("10"));
    Reply page = status(taskId(third));

    assertThat(first.status).isEqualTo(429);
    assertThat(first.headers).containsEntry("Retry-After", "3").containsEntry("X-RateLimit-Category", "async_submit");
    assertThat(second.status).isEqualTo(429);
    assertThat(third.status).isEqualTo(200);
    assertThat(page.status).isEqualTo(502);
    assertThat(page.body).contains("<title>502");
    assertThat(toapis.taskIds()).hasSize(1);
  }

  @Test
  void aHeldAnswerComesOnlyOnceReleasedThoughItsCreateWasLoggedAndMadeItsTaskAtOnce() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    toapis.inject(Endpoint.CREATE, Fault.answerHeldUntil(release, Duration.ofSeconds(30)));

    CompletableFuture<Reply> held = CompletableFuture.supplyAsync(() -> create(preview("10")));
    await().atMost(Duration.ofSeconds(10)).until(() -> !toapis.requests(Endpoint.CREATE).isEmpty());
    boolean answeredBeforeRelease = held.isDone();
    int tasksBeforeRelease = toapis.taskIds().size();
    release.countDown();
    Reply answered = held.get(10, TimeUnit.SECONDS);

    assertThat(answeredBeforeRelease).as("no answer while held").isFalse();
    assertThat(tasksBeforeRelease).as("the task was made when the create arrived").isEqualTo(1);
    assertThat(answered.status).isEqualTo(200);
    assertThat(answered.body).contains(toapis.taskIds().get(0));
    assertThat(toapis.creates()).extracting(CreateRecord::outcome).containsExactly(CreateRecord.Outcome.CREATED);
  }

  @Test
  void droppedCreatesMakeATaskOnlyWhenDroppedAfterProcessing() {
    toapis.inject(Endpoint.CREATE, Fault.dropBeforeProcessing());
    toapis.inject(Endpoint.CREATE, Fault.dropAfterProcessing());

    assertThat(call("POST", "/v1/videos/generations", preview("10"), toapis.apiKey()).status).isZero();
    assertThat(call("POST", "/v1/videos/generations", preview("10"), toapis.apiKey()).status).isZero();

    assertThat(toapis.creates()).extracting(CreateRecord::outcome)
        .containsExactly(CreateRecord.Outcome.FAULTED, CreateRecord.Outcome.CREATED_UNANSWERED);
    assertThat(toapis.taskIds()).hasSize(1);
  }

  @Test
  void adminRoutesShowTheCreateLogAndTakeFaults() {
    create("{\"model\":\"seedance-2\",\"prompt\":\"p\",\"client_business_id\":\"order-1\"}");
    Reply injected = call("POST", "/_fake/faults", "{\"endpoint\":\"create\",\"fault\":\"status\",\"status\":503}", null);
    Reply unavailable = create(preview("10"));

    Reply creates = call("GET", "/_fake/creates", null, null);

    assertThat(injected.status).isEqualTo(200);
    assertThat(unavailable.status).isEqualTo(503);
    assertThat(creates.body).contains("\"client_business_id\":\"order-1\"").contains("\"outcome\":\"created\"")
        .contains("\"outcome\":\"faulted\"").contains("\"body\":{\"model\":\"seedance-2\"");
    assertThat(call("POST", "/_fake/reset", null, null).status).isEqualTo(200);
    assertThat(call("GET", "/_fake/creates", null, null).body).isEqualTo("[]");
    assertThat(toapis.requests()).isEmpty();
  }

  @Test
  void runsAsItsOwnProcessAndAnswersTheAdminRoutes() throws Exception {
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), FakeToApisServer.class.getName(), "--port", "0",
        "--key", "sk-process-key", "--queued", "1s", "--running", "2s")
        .redirectErrorStream(true)
        .start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String banner = CompletableFuture.supplyAsync(() -> readLine(out)).get(30, TimeUnit.SECONDS);
      assertThat(banner).startsWith("FakeToApisServer listening on http://127.0.0.1:");
      String base = banner.substring("FakeToApisServer listening on ".length(), banner.indexOf(" (admin"));

      Reply created = get(base + "/v1/videos/generations", "sk-process-key", preview("10"));
      Reply creates = get(base + "/_fake/creates", null, null);

      assertThat(created.status).isEqualTo(200);
      assertThat(creates.body).contains("\"model\":\"grok-video-1.5-preview\"").contains("\"outcome\":\"created\"");
    } finally {
      process.destroy();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  private Reply create(String body) {
    return call("POST", "/v1/videos/generations", body, toapis.apiKey());
  }

  private Reply status(String id) {
    return call("GET", "/v1/videos/generations/" + id, null, toapis.apiKey());
  }

  private Reply upload(String field, String name, byte[] bytes) {
    MultipartBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
        .addFormDataPart(field, name, RequestBody.create(bytes, MediaType.get("image/png")))
        .addFormDataPart("purpose", "generation")
        .build();
    Request request = new Request.Builder().url(toapis.baseUrl() + "/v1/uploads/images")
        .header("Authorization", "Bearer " + toapis.apiKey()).post(body).build();
    return execute(request);
  }

  private Reply call(String method, String path, String body, String key) {
    return call(toapis, method, path, body, key);
  }

  private Reply call(FakeToApisServer server, String method, String path, String body, String key) {
    Request.Builder request = new Request.Builder().url(server.baseUrl() + path)
        .method(method, body == null ? (method.equals("POST") ? RequestBody.create("", JSON) : null)
            : RequestBody.create(body, JSON));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return execute(request.build());
  }

  private Reply get(String url, String key) {
    return get(url, key, null);
  }

  private Reply get(String url, String key, String postBody) {
    Request.Builder request = new Request.Builder().url(url);
    if (postBody != null) {
      request.post(RequestBody.create(postBody, JSON));
    }
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return execute(request.build());
  }

  private Reply execute(Request request) {
    try (Response response = http.newCall(request).execute()) {
      Map<String, String> headers = new java.util.LinkedHashMap<>();
      response.headers().forEach(pair -> headers.put(pair.getFirst(), pair.getSecond()));
      return new Reply(response.code(), new String(response.body().bytes(), StandardCharsets.ISO_8859_1), headers);
    } catch (IOException dropped) {
      return new Reply(0, "", Map.of());
    }
  }

  private static String taskId(Reply reply) {
    assertThat(reply.status).as(reply.body).isEqualTo(200);
    return between(reply.body, "\"id\":\"", "\"");
  }

  private static String between(String text, String start, String end) {
    int from = text.indexOf(start) + start.length();
    return text.substring(from, text.indexOf(end, from));
  }

  private static String preview(String seconds) {
    return "{\"model\":\"grok-video-1.5-preview\",\"prompt\":\"p\",\"images\":[\"" + IMAGE + "\"],\"seconds\":\"" + seconds + "\"}";
  }

  private static String readLine(BufferedReader reader) {
    try {
      return reader.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Reply(int status, String body, Map<String, String> headers) {}
}
