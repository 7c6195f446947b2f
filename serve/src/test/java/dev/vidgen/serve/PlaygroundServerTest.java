package dev.vidgen.serve;

import static dev.vidgen.serve.PlaygroundFixture.BYTES;
import static dev.vidgen.serve.PlaygroundFixture.JSON;
import static dev.vidgen.serve.PlaygroundFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.json.JsonTrees;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.Operation;
import dev.vidgen.core.policy.PollSchedule;
import dev.vidgen.core.port.ApiKey;
import dev.vidgen.core.port.ProviderConfig;
import dev.vidgen.core.port.RequestPreview;
import dev.vidgen.core.port.VideoProvider;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.provider.mock.MockCall;
import dev.vidgen.provider.mock.MockVideoProvider;
import dev.vidgen.serve.history.HistoryEntry;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The playground's HTTP side without a browser: endpoints, the Host and Origin guard, uploads and files. */
class PlaygroundServerTest {
  private static final String MODEL = "grok-video-1.5-preview";

  @TempDir Path folder;

  @RegisterExtension final PlaygroundFixture on = new PlaygroundFixture(() -> folder);
  private MockVideoProvider mock;

  @Test
  void anUploadKeepsTheLettersOfItsNameInAnyScriptAndNothingElseThatCouldNameAnotherFile() {
    assertThat(Uploads.safeName("商品.png", ImageKind.PNG)).isEqualTo("商品.png");
    assertThat(Uploads.safeName("می‌خواهم نهایی.png", ImageKind.PNG)).as("a space becomes _, the letters stay")
        .startsWith("می").endsWith("_نهایی.png");
    assertThat(Uploads.safeName("../../etc/passwd", ImageKind.PNG)).isEqualTo("passwd.png");
    assertThat(Uploads.safeName("🎬.png", ImageKind.PNG)).isEqualTo("_.png");
  }

  @Test
  void learnsHowLongTasksTookFromTheHistoryWhenItStarts() {
    Instant submitted = Instant.parse("2026-11-29T10:00:00Z");
    for (int i = 0; i < 15; i++) {
      JobHandle handle = new JobHandle("mock", TaskId.of("t_" + i), MODEL, PriceQuote.unknown(MODEL, "test"),
          submitted, null);
      HistoryEntry entry = HistoryEntry.submitted(handle, VideoJob.builder(MODEL).prompt("x").build(), "generate");
      on.history().record(entry.completed("/videos/t_" + i + ".mp4", submitted.plusSeconds(90 + i)));
    }

    start();

    assertThat(on.client().routeDurations().count(MODEL)).isEqualTo(15);
    assertThat(on.client().routeDurations().learned(MODEL).quantile(0.5)).isEqualTo(Duration.ofSeconds(97));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aTaskTheCommandLineLeftRunningIsListedWithHowToFollowItForThePlaygroundDoesNot() {
    JobHandle handle = new JobHandle("mock", TaskId.of("task_cli_1"), MODEL, PriceQuote.unknown(MODEL, "test"),
        Instant.parse("2026-11-29T10:00:00Z"), null);
    on.history().record(HistoryEntry.submitted(handle, VideoJob.builder(MODEL).prompt("x").build(), "generate"));
    JobHandle done = new JobHandle("mock", TaskId.of("task_cli_2"), MODEL, PriceQuote.unknown(MODEL, "test"),
        Instant.parse("2026-11-29T10:00:00Z"), null);
    on.history().record(HistoryEntry.submitted(done, VideoJob.builder(MODEL).prompt("y").build(), "generate")
        .completed("/elsewhere/task_cli_2.mp4", Instant.parse("2026-11-29T10:02:00Z")));

    start();

    Map<String, Map<String, Object>> listed = new java.util.HashMap<>();
    for (Object task : (List<?>) json(on.get("/api/history")).get("tasks")) {
      listed.put((String) ((Map<?, ?>) task).get("task_id"), (Map<String, Object>) task);
    }
    assertThat(listed.get("task_cli_1")).containsEntry("status", "queued");
    assertThat((String) listed.get("task_cli_1").get("next")).startsWith("made by vidgen generate and not followed"
        + " here, so this is the status it last recorded: vidgen wait task_cli_1 --out /").endsWith(" follows it and saves its video");
    assertThat(listed.get("task_cli_2")).as("a finished one needs nothing").containsEntry("next", null);
  }

  @Test
  @SuppressWarnings("unchecked")
  void listsTheModelsWithTheRulesTheFormFollows() {
    start();
    Map<String, Object> models = json(on.get("/api/models"));
    assertThat(models).containsEntry("provider", "mock").containsEntry("default_model", MODEL);
    Map<String, Object> grok = model(models, MODEL);
    assertThat(grok.get("seconds")).isEqualTo(List.of(10L, 15L));
    assertThat(grok.get("max_prompt_chars")).isEqualTo(1200L);
    assertThat(grok.get("max_prompt_chars_assumed")).as("the catalog marks it assumed").isEqualTo(true);
    assertThat(grok.get("images")).isEqualTo(Map.of("image-to-video", Map.of("min", 1L, "max", 1L)));
    assertThat(grok.get("retired")).isEqualTo(false);
    Map<String, Object> seedance = model(models, "seedance-2-5");
    assertThat((Map<String, Object>) seedance.get("videos")).containsEntry("video-edit", Map.of("min", 1L, "max", 10L))
        .containsEntry("text-to-video", Map.of("min", 0L, "max", 0L));
    assertThat((Map<String, Object>) seedance.get("aspect_ratios_by_mode"))
        .containsEntry("video-edit", Map.of("choices", List.of("adaptive"), "default", "adaptive"));
    assertThat(seedance.get("modes_without_aspect_ratio")).as("its frames take adaptive").isEqualTo(List.of());
    for (String textToVideoRatioOnly : List.of("viduq3-pro", "viduq3-turbo", "kling-3.0-turbo", "wan2.6")) {
      assertThat(model(models, textToVideoRatioOnly).get("modes_without_aspect_ratio")).as(textToVideoRatioOnly)
          .isEqualTo(List.of("image-to-video"));
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void takesInputVideosByAddressAndRefusesAnythingElseNamingTheField() throws IOException {
    start();
    Map<String, Object> check = json(on.post("/api/check", "{\"model\":\"seedance-2-5\",\"mode\":\"video-edit\","
        + "\"prompt\":\"snow\",\"videos\":[{\"url\":\"https://cdn.example.com/clip.mp4\"}]}"));
    String refusedBody;
    int refusedStatus;
    try (Response response = on.http.newCall(on.request("/api/check").post(RequestBody.create(
        "{\"model\":\"seedance-2-5\",\"prompt\":\"snow\",\"videos\":[\"/home/me/clip.mp4\"]}", JSON)).build())
        .execute()) {
      refusedStatus = response.code();
      refusedBody = response.body().string();
    }
    Map<String, Object> refused = json(refusedBody);

    assertThat(check).containsEntry("valid", true);
    assertThat((String) ((Map<?, ?>) check.get("preview")).get("body"))
        .contains("\"video_urls\":[\"https://cdn.example.com/clip.mp4\"]", "\"aspect_ratio\":\"adaptive\"");
    assertThat((String) check.get("command")).contains("--video https://cdn.example.com/clip.mp4");
    assertThat(refusedStatus).isEqualTo(400);
    assertThat((Map<String, Object>) refused.get("error")).containsEntry("field", "videos[0]");
  }

  @Test
  @SuppressWarnings("unchecked")
  void refusesAnInlineFileTheHistoryKeptShortenedInsteadOfSendingTheStandIn() throws IOException {
    start();
    Map<String, Object> check = json(on.post("/api/check", "{\"model\":\"seedance-2\",\"prompt\":\"a dance\","
        + "\"params\":{\"audio_with_roles\":[{\"url\":\"data:audio/mpeg;base64,elided-90000-chars-sha256-"
        + "0123456789abcdef\",\"role\":\"reference_audio\"}]}}"));

    assertThat(check).containsEntry("valid", false);
    assertThat((List<Map<String, Object>>) check.get("violations")).anySatisfy(violation -> assertThat(violation)
        .containsEntry("field", "params.audio_with_roles").containsEntry("code", "param.shortened_inline"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void refusesAParameterThatStartsAsJsonButIsNotInsteadOfSendingItAsText() throws IOException {
    start();
    // The page sends a parameter field it cannot read as JSON as text.
    Map<String, Object> check = json(on.post("/api/check", "{\"model\":\"seedance-2\",\"prompt\":\"news of today\","
        + "\"params\":{\"tools\":\"[{type:web_search}]\"}}"));

    assertThat(check).containsEntry("valid", false);
    assertThat((List<Map<String, Object>>) check.get("violations")).anySatisfy(violation -> assertThat(violation)
        .containsEntry("field", "params.tools").containsEntry("code", "param.not_json")
        .hasEntrySatisfying("message", message -> assertThat((String) message).contains("is not JSON")
            .contains("such as [{\"type\":\"web_search\"}]")));
  }

  @Test
  void theCopiedCommandKeepsAParameterThatIsNotJsonAndSaysWhatItLeftOut() throws IOException {
    start();
    Map<String, Object> notJson = json(on.post("/api/check", "{\"model\":\"seedance-2\",\"prompt\":\"news of today\","
        + "\"params\":{\"tools\":\"[{type:web_search}]\",\"seed\":7}}"));
    Map<String, Object> leftOut = json(on.post("/api/check", "{\"model\":\"seedance-2\",\"prompt\":\"news of today\","
        + "\"seconds\":10.5,\"params\":{\"seed\":null}}"));

    assertThat((String) notJson.get("command")).as("kept as typed: the command line refuses it the same way")
        .contains("--param 'tools=[{type:web_search}]'").contains("--param seed=7");
    assertThat(notJson.get("command_note")).as("nothing left out").isNull();
    assertThat((String) leftOut.get("command")).doesNotContain("--seconds").doesNotContain("--param");
    assertThat((String) leftOut.get("command_note")).isEqualTo("Left out of this command: seconds (10.5),"
        + " params.seed (null), which the form refuses; pasted as it is, the command would run another job: fix the form"
        + " first.");
  }

  @Test
  void aTextThatStartsWithABracketIsSentWhenGivenInDoubleQuotesAsParamTakesIt() throws IOException {
    start();
    // As --param 'note="[draft] hi"': the quotes say it is a text, and are taken off.
    Map<String, Object> check = json(on.post("/api/check", "{\"model\":\"seedance-2\",\"prompt\":\"news of today\","
        + "\"params\":{\"note\":\"\\\"[draft] hi\\\"\",\"label\":\"\\\"quoted\\\"\"}}"));

    assertThat(check).as(check.toString()).containsEntry("valid", true);
    assertThat((String) ((Map<?, ?>) check.get("preview")).get("body"))
        .contains("\"note\":\"[draft] hi\"").contains("\"label\":\"\\\"quoted\\\"\"");
  }

  @Test
  @SuppressWarnings("unchecked")
  void neverReadsALocalFileNamedAsAVideoAddress() throws IOException {
    start();
    // The start of an MP4 (an ftyp box), so that only the address, not the content, can refuse it.
    byte[] ftyp = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm', 'm', 'p', '4', '1'};
    Path local = Files.write(folder.resolve("private.mp4"), ftyp);
    for (String address : List.of(local.toUri().toString(), "file:///etc/passwd", "/etc/passwd")) {
      for (String path : List.of("/api/check", "/api/generate")) {
        String body = "{\"model\":\"seedance-2\",\"mode\":\"reference-to-video\",\"prompt\":\"x\","
            + "\"videos\":[{\"url\":\"" + address + "\"}]}";
        try (Response response = on.http.newCall(on.request(path).post(RequestBody.create(body, JSON)).build())
            .execute()) {
          Map<String, Object> error = (Map<String, Object>) json(response.body().string()).get("error");
          assertThat(response.code()).as(path + " with " + address).isEqualTo(400);
          assertThat(error).containsEntry("field", "videos[0]");
          assertThat((String) error.get("message")).contains("by http(s) address only");
        }
      }
    }
    assertThat(mock.calls(MockCall.Method.UPLOAD_VIDEO)).as("nothing read or uploaded").isEmpty();
    assertThat(mock.calls(MockCall.Method.CREATE)).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void anImageGivenAsABareStringIsRefusedNamingTheShapeWantedAndWhatCame() throws IOException {
    start();
    String body = "{\"model\":\"" + MODEL + "\",\"prompt\":\"x\",\"images\":[\"https://img.example/p.png\"]}";
    try (Response response = on.http.newCall(on.request("/api/generate").post(RequestBody.create(body, JSON)).build())
        .execute()) {
      Map<String, Object> error = (Map<String, Object>) json(response.body().string()).get("error");
      assertThat(response.code()).isEqualTo(400);
      assertThat(error).containsEntry("field", "images[0]");
      assertThat((String) error.get("message")).isEqualTo("images[0]: an image is {\"url\": \"https://…\"} or"
          + " {\"upload\": ID}, not a string (\"https://img.example/p.png\")");
    }
    assertThat(mock.calls(MockCall.Method.CREATE)).as("nothing sent").isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void anImageNamedByAPathIsSentBackToTheUploadNeverRead() throws IOException {
    start();
    Path local = productPng();
    for (String address : List.of(local.toString(), local.toUri().toString())) {
      String body = "{\"model\":\"" + MODEL + "\",\"prompt\":\"x\",\"images\":[{\"url\":\"" + address + "\"}]}";
      try (Response response = on.http.newCall(on.request("/api/check").post(RequestBody.create(body, JSON)).build()).execute()) {
        Map<String, Object> error = (Map<String, Object>) json(response.body().string()).get("error");
        assertThat(response.code()).as(address).isEqualTo(400);
        assertThat(error).containsEntry("field", "images[0]")
            .containsEntry("next", "upload the file with the page's image field, or give an https:// address");
        assertThat((String) error.get("message")).contains("takes images by http(s) address or by upload, not")
            .doesNotContain("vidgen uploads it");
      }
    }
    assertThat(mock.calls(MockCall.Method.UPLOAD)).as("nothing read or uploaded").isEmpty();
  }

  @Test
  void aKeyAProvidersPreviewShowsInClearNeverReachesThePageAndTheCurlNamesThatProvidersVariable() throws IOException {
    String key = "acme-secret-0123456789abcdef";
    // A provider of another maker whose preview forgets to mask its key, in the address, a header and the body.
    VideoProvider leaky = previewing(shown -> {
      Map<String, String> headers = new java.util.LinkedHashMap<>(shown.headers());
      headers.put("Authorization", "Bearer " + key);
      return new RequestPreview("POST", "https://api.acme.example/v1/videos?key=" + key, headers,
          shown.body().replace("{", "{\"token\":\"" + key + "\","));
    });
    on.client(VidgenClient.builder().provider(leaky).build());
    on.start(new PlaygroundSettings(on.client(), "127.0.0.1", 0, folder, on.history(), MODEL,
        List.of("--provider", "mock"), "ACME_API_KEY", ApiKey.of(key)));

    String checked = on.post("/api/check", "{\"model\":\"veo3.1-fast\",\"prompt\":\"a kite\"}");

    assertThat(json(checked)).containsEntry("valid", true);
    assertThat(checked).doesNotContain(key).contains("api.acme.example")
        .contains("Authorization: Bearer $ACME_API_KEY").doesNotContain("TOAPIS_API_KEY");
  }

  @Test
  void theCurlOfAProviderWhoseKeyGoesInAHeaderOfItsOwnCarriesThatProvidersVariableThere() throws IOException {
    ApiKey key = ApiKey.of("hq-0123456789abcdef0123456789abcdef01234567");
    // An in-house gateway's provider, as writing-a-provider.md allows: its key in a header of its own, masked.
    VideoProvider house = previewing(shown -> new RequestPreview("POST", "http://127.0.0.1:9/api/submit",
        Map.of("Content-Type", "application/json", "X-House-Key", key.masked()), shown.body()));
    on.client(VidgenClient.builder().provider(house).build());
    on.start(new PlaygroundSettings(on.client(), "127.0.0.1", 0, folder, on.history(), MODEL,
        List.of("--provider", "house"), "HOUSE_API_KEY", key));

    Map<String, Object> checked = json(on.post("/api/check", "{\"model\":\"veo3.1-fast\",\"prompt\":\"a kite\"}"));

    assertThat(checked).containsEntry("valid", true);
    assertThat(((Map<?, ?>) ((Map<?, ?>) checked.get("preview")).get("headers")).get("X-House-Key")).isEqualTo("hq-…");
    assertThat((String) checked.get("curl")).as("the copy runs with the key the shell fills in")
        .contains("-H \"X-House-Key: $HOUSE_API_KEY\"").doesNotContain("hq-…", "TOAPIS_API_KEY", "Authorization")
        .doesNotContain(key.reveal());
  }

  @Test
  void aKeyAProvidersPreviewShowsEncodedNeverReachesThePageEither() throws IOException {
    String key = "acme/secret+0123456789abcdef==";
    String encoded = java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8);
    String basic = java.util.Base64.getEncoder()
        .encodeToString(("acme-user:" + key).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    // Percent-encoded in the address, in Basic auth, and JSON-escaped in the body: none of them the key's text.
    VideoProvider leaky = previewing(shown -> {
      Map<String, String> headers = new java.util.LinkedHashMap<>(shown.headers());
      headers.put("Authorization", "Basic " + basic);
      return new RequestPreview("POST", "https://api.acme.example/v1/videos?key=" + encoded, headers,
          shown.body().replace("{", "{\"token\":\"" + key.replace("/", "\\/") + "\","));
    });
    on.client(VidgenClient.builder().provider(leaky).build());
    on.start(new PlaygroundSettings(on.client(), "127.0.0.1", 0, folder, on.history(), MODEL,
        List.of("--provider", "mock"), "ACME_API_KEY", ApiKey.of(key)));

    String checked = on.post("/api/check", "{\"model\":\"veo3.1-fast\",\"prompt\":\"a kite\"}");

    assertThat(json(checked)).containsEntry("valid", true);
    assertThat(checked).contains("api.acme.example/v1/videos?key=…").contains("Basic …")
        .doesNotContain(key, encoded, basic, "acme\\/secret", "acme\\\\/secret", "0123456789abcdef");
    // Credentials other than the key alone cannot be written from its variable: the header stays as shown, and says so.
    assertThat((String) json(checked).get("curl")).contains("-H 'Authorization: Basic …'",
        "# The Authorization header stands as the preview showed it, masked:").doesNotContain("Bearer");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aKeyInAHeadersNameOrAsBase64OutsideBasicNeverReachesThePageAndABasicKeyKeepsItsSchemeInTheCurl()
      throws IOException {
    String key = "acme/secret+0123456789abcdef==";
    byte[] bytes = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String base64 = java.util.Base64.getEncoder().encodeToString(bytes);
    String urlSafe = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    VideoProvider leaky = previewing(shown -> {
      Map<String, String> headers = new java.util.LinkedHashMap<>(shown.headers());
      headers.put("authorization", "basic " + base64); // the key alone, as Basic credentials
      headers.put("X-Key-" + key, "name-holds-key");
      headers.put("X-Bearer-B64", "Bearer " + urlSafe);
      return new RequestPreview("POST", "https://api.acme.example/v1/videos", headers,
          shown.body().replace("{", "{\"b64\":\"" + base64.replace("/", "\\/") + "\","));
    });
    on.client(VidgenClient.builder().provider(leaky).build());
    on.start(new PlaygroundSettings(on.client(), "127.0.0.1", 0, folder, on.history(), MODEL,
        List.of("--provider", "acme"), "ACME_API_KEY", ApiKey.of(key)));

    String checked = on.post("/api/check", "{\"model\":\"veo3.1-fast\",\"prompt\":\"a kite\"}");

    Map<String, Object> preview = (Map<String, Object>) json(checked).get("preview");
    assertThat((Map<String, Object>) preview.get("headers")).containsEntry("X-Key-…", "name-holds-key")
        .containsEntry("X-Bearer-B64", "Bearer …").containsEntry("authorization", "basic …");
    assertThat((String) preview.get("body")).contains("\"b64\":\"…\"");
    assertThat(checked).doesNotContain(key, base64, urlSafe, base64.replace("/", "\\/"), "acme\\/secret",
        "0123456789abcdef");
    assertThat((String) json(checked).get("curl")).as("the key alone is the Basic credentials: the shell encodes it")
        .contains("-H \"authorization: basic $(printf '%s' \"$ACME_API_KEY\" | base64 | tr -d '\\n')\"",
            "-H 'X-Key-…: name-holds-key'")
        .doesNotContain("Bearer $ACME_API_KEY", "stands as the preview showed it");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aPreviewFailingWithAnErrorOfTheProvidersCodeRefusesTheGenerateAsTheCheckDoesBeforeAnyCreate()
      throws IOException {
    MockVideoProvider inner = MockVideoProvider.builder().build();
    VideoProvider broken = previewing(inner, shown -> {
      throw new NoClassDefFoundError("acme/MissingPreviewer");
    });
    on.client(VidgenClient.builder().provider(broken).build());
    on.start(new PlaygroundSettings(on.client(), "127.0.0.1", 0, folder, on.history(), MODEL,
        List.of("--provider", "mock"), "ACME_API_KEY", ApiKey.of("acme-key-0123456789")));

    try (Response response = on.http.newCall(on.request("/api/generate")
        .post(RequestBody.create("{\"model\":\"veo3.1-fast\",\"prompt\":\"a kite\"}", JSON)).build()).execute()) {
      String body = response.body().string();
      Map<String, Object> error = (Map<String, Object>) json(body).get("error");

      assertThat(response.code()).as(body).isGreaterThanOrEqualTo(400);
      assertThat((String) error.get("message")).as(body).contains("provider mock (", "failed vidgen's check of the request it would send",
          "NoClassDefFoundError");
      assertThat(error).containsEntry("code", "provider_selection").containsEntry("sent", "no");
    }
    assertThat(inner.calls(MockCall.Method.CREATE)).as("nothing paid").isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCheckWhosePreviewAProviderBuiltForAnotherVidgenCannotMakeNamesItAndDoesNotAdviseTryingAgain()
      throws IOException {
    VideoProvider built = previewing(shown -> {
      throw new AbstractMethodError("Receiver class com.example.v0.V0Provider does not define or inherit an"
          + " implementation of the resolved method 'abstract dev.vidgen.core.port.RequestPreview preview(...)'");
    });
    on.client(VidgenClient.builder().provider(built).build());
    on.start(new PlaygroundSettings(on.client(), "127.0.0.1", 0, folder, on.history(), MODEL,
        List.of("--provider", "mock"), "ACME_API_KEY", ApiKey.of("acme-key-0123456789")));

    try (Response response = on.http.newCall(on.request("/api/check")
        .post(RequestBody.create("{\"model\":\"veo3.1-fast\",\"prompt\":\"a kite\"}", JSON)).build()).execute()) {
      String body = response.body().string();
      Map<String, Object> error = (Map<String, Object>) json(body).get("error");
      assertThat(response.code()).as("the server's own provider jar is at fault, not the form").isEqualTo(500);
      assertThat(error).as(body).containsEntry("code", "provider_selection");
      assertThat((String) error.get("message")).as(body).contains("provider mock (", "failed vidgen's check of the request it would send",
          "AbstractMethodError", "most likely built for another vidgen version");
      assertThat((String) error.get("next")).contains("trying again meets the same fault", "fix that provider's jar")
          .doesNotContain("try again in a moment");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void anErrorOfTheProvidersCodeInAnyCallIsAnsweredInJsonSayingWhatItWasWithoutTheKey() throws IOException {
    java.util.concurrent.atomic.AtomicBoolean broken = new java.util.concurrent.atomic.AtomicBoolean();
    VideoProvider provider = intercepting("paramsItFills", (inner, args) -> {
      if (broken.get()) {
        throw new NoClassDefFoundError("acme/Params, loaded with acme-key-0123456789");
      }
      return inner.paramsItFills((dev.vidgen.core.domain.ModelRoute) args[0]);
    });
    on.client(VidgenClient.builder().provider(provider).build());
    on.start(new PlaygroundSettings(on.client(), "127.0.0.1", 0, folder, on.history(), MODEL,
        List.of("--provider", "mock"), "ACME_API_KEY", ApiKey.of("acme-key-0123456789")));
    broken.set(true);

    try (Response response = on.http.newCall(on.request("/api/models").build()).execute()) {
      String body = response.body().string();
      assertThat(response.code()).as(body).isEqualTo(500);
      assertThat(response.header("Content-Type")).startsWith("application/json");
      Map<String, Object> error = (Map<String, Object>) json(body).get("error");
      assertThat((String) error.get("message")).contains("unexpected NoClassDefFoundError", "acme/Params");
      assertThat((String) error.get("next")).contains("nothing was sent");
      assertThat(body).doesNotContain("acme-key-0123456789");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aBalanceFailedByAnErrorOfTheProvidersCodeIsSaidWithoutTheKey() throws IOException {
    VideoProvider provider = intercepting("balances", (inner, args) -> java.util.concurrent.CompletableFuture
        .failedFuture(new AssertionError("balance of acme-key-0123456789 went wrong")));
    on.client(VidgenClient.builder().provider(provider).build());
    on.start(new PlaygroundSettings(on.client(), "127.0.0.1", 0, folder, on.history(), MODEL,
        List.of("--provider", "mock"), "ACME_API_KEY", ApiKey.of("acme-key-0123456789")));

    try (Response response = on.http.newCall(on.request("/api/balance").build()).execute()) {
      String body = response.body().string();
      assertThat(response.code()).as(body).isEqualTo(502);
      Map<String, Object> error = (Map<String, Object>) json(body).get("error");
      assertThat((String) error.get("message")).contains("unexpected AssertionError", "went wrong");
      assertThat(body).doesNotContain("acme-key-0123456789");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aProviderThatReportsNoBalanceIsSaidSoAndNotToldToTryAgain() throws IOException {
    VideoProvider provider = intercepting("balances", (inner, args) -> java.util.concurrent.CompletableFuture
        .failedFuture(new UnsupportedOperationException("mock does not report a balance")));
    on.client(VidgenClient.builder().provider(provider).build());
    on.start(MODEL, List.of("--provider", "mock"));

    try (Response response = on.http.newCall(on.request("/api/balance").build()).execute()) {
      String body = response.body().string();
      assertThat(response.code()).as(body).isEqualTo(501);
      Map<String, Object> error = (Map<String, Object>) json(body).get("error");
      assertThat(error).containsEntry("message", "mock does not report a balance")
          .containsEntry("code", "balance_not_reported");
      assertThat((String) error.get("next")).startsWith("nothing to try again").doesNotContain("in a moment");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCreateFailedByTheProvidersOwnErrorIsSaidOnThePageWithTheProviderAndTheKindOfError() throws IOException {
    VideoProvider provider = intercepting("create", (inner, args) -> {
      throw new NoClassDefFoundError("com/acme/Json");
    });
    on.client(VidgenClient.builder().provider(provider).build());
    on.start(MODEL, List.of("--provider", "mock"));

    try (Response response = on.http.newCall(on.request("/api/generate")
        .post(RequestBody.create("{\"model\":\"veo3.1-fast\",\"prompt\":\"a kite\"}", JSON)).build()).execute()) {
      String body = response.body().string();
      Map<String, Object> error = (Map<String, Object>) json(body).get("error");
      assertThat(error).as(body).containsEntry("sent", "maybe");
      assertThat((String) error.get("message")).startsWith("mock failed the create of a veo3.1-fast task with an"
          + " unexpected NoClassDefFoundError: com/acme/Json");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aFailedUploadIsNamedByTheFilesNameNotWhereThePlaygroundKeepsIt() throws IOException {
    start();
    mock.script().rejectUploads(1, "the image is unreadable");
    String upload = on.uploadId(Files.readAllBytes(productPng()), "product.png");

    try (Response response = on.http.newCall(on.request("/api/generate").post(RequestBody.create(job(upload, 10), JSON))
        .build()).execute()) {
      String body = response.body().string();
      Map<String, Object> error = (Map<String, Object>) json(body).get("error");
      assertThat(error).as(body).containsEntry("sent", "no");
      assertThat((String) error.get("message")).contains("the upload of image product.png ")
          .doesNotContain("product.png (", folder.toString(), "uploads");
    }
  }

  /** A mock provider whose {@code method} answers as {@code answer} says, given the mock and the arguments. */
  private static VideoProvider intercepting(String method,
      java.util.function.BiFunction<MockVideoProvider, Object[], Object> answer) {
    MockVideoProvider inner = MockVideoProvider.builder().build();
    return (VideoProvider) java.lang.reflect.Proxy.newProxyInstance(PlaygroundServerTest.class.getClassLoader(),
        new Class<?>[] {VideoProvider.class}, (proxy, called, args) -> {
          if (called.getName().equals(method)) {
            return answer.apply(inner, args);
          }
          try {
            return called.invoke(inner, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /** A mock provider whose preview is {@code shown} of the mock's: one of another maker, careless with its key. */
  private static VideoProvider previewing(java.util.function.UnaryOperator<RequestPreview> shown) {
    return previewing(MockVideoProvider.builder().build(), shown);
  }

  /** {@code inner}, whose preview is {@code shown} of its own. */
  private static VideoProvider previewing(MockVideoProvider inner, java.util.function.UnaryOperator<RequestPreview> shown) {
    return (VideoProvider) java.lang.reflect.Proxy.newProxyInstance(PlaygroundServerTest.class.getClassLoader(),
        new Class<?>[] {VideoProvider.class}, (proxy, method, args) -> {
          Object answer;
          try {
            answer = method.invoke(inner, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
          return method.getName().equals("preview") ? shown.apply((RequestPreview) answer) : answer;
        });
  }

  @Test
  void thePreviewShowsTheNameTheKeysListHoldsForAModelWithOtherNames() throws IOException {
    mock = MockVideoProvider.builder().liveModels(Set.of("gemini_omni_flash")).build();
    on.client(VidgenClient.builder().provider(mock).build());
    on.start(MODEL, List.of("--provider", "mock"));

    Map<String, Object> checked = json(on.post("/api/check",
        "{\"model\":\"gemini-omni-flash\",\"prompt\":\"a kite\"}"));

    assertThat(checked).containsEntry("valid", true);
    assertThat((String) ((Map<?, ?>) checked.get("preview")).get("body")).contains("\"model\":\"gemini_omni_flash\"")
        .doesNotContain("gemini-omni-flash");
  }

  @Test
  void aKeyTheLiveListRefusesLeavesThePreviewUnderTheNameGivenForTheCreateToTell() throws IOException {
    mock = MockVideoProvider.builder().liveModels(Set.of("gemini_omni_flash")).build();
    mock.script().rejectApiKey();
    on.client(VidgenClient.builder().provider(mock).build());
    on.start(MODEL, List.of("--provider", "mock"));

    Map<String, Object> checked = json(on.post("/api/check",
        "{\"model\":\"gemini-omni-flash\",\"prompt\":\"a kite\"}"));

    assertThat(checked).containsEntry("valid", true);
    assertThat((String) ((Map<?, ?>) checked.get("preview")).get("body")).contains("\"model\":\"gemini-omni-flash\"");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theCheckRefusesAModelTheKeyMayNotUseBeforeGenerate() throws IOException {
    mock = MockVideoProvider.builder().liveModels(Set.of("seedance-2")).build();
    on.client(VidgenClient.builder().provider(mock).build());
    on.start(MODEL, List.of("--provider", "mock"));
    String upload = on.uploadId(Files.readAllBytes(productPng()), "product.png");

    Map<String, Object> refused = json(on.post("/api/check", job(upload, 10)));
    Map<String, Object> listed = json(on.post("/api/check", "{\"model\":\"seedance-2\",\"prompt\":\"waves\"}"));

    assertThat(refused).containsEntry("valid", false).containsEntry("preview", null);
    assertThat((List<Map<String, Object>>) refused.get("violations")).singleElement()
        .satisfies(violation -> assertThat(violation).containsEntry("field", "model")
            .containsEntry("code", "model.not_available")
            .hasEntrySatisfying("message", message -> assertThat((String) message)
                .as("words for a browser user, not the Java switch")
                .contains("(start the playground with vidgen serve --no-model-check to turn this check off)")
                .doesNotContain("in Java", "checkModelAvailability")));
    assertThat(listed).containsEntry("valid", true);
    assertThat(mock.calls(MockCall.Method.LIVE_MODELS)).as("the list is read once and kept").hasSize(1);
  }

  @Test
  void takesSecondsAsAWholeNumberInAnySpellingAndSaysWhatIsAllowed() throws IOException {
    start();
    String upload = on.uploadId(Files.readAllBytes(productPng()), "product.png");
    for (String seconds : List.of("15", "15.0", "\"15\"")) {
      String body = job(upload, 10).replace("\"seconds\":10", "\"seconds\":" + seconds);
      assertThat(json(on.post("/api/check", body))).as(seconds).containsEntry("valid", true);
    }
    for (String seconds : List.of("-5", "12.5", "\"ten\"")) {
      // Beside another mistake: every problem is listed at once, the duration's among them.
      String body = job(upload, 10).replace("\"seconds\":10", "\"seconds\":" + seconds)
          .replace("\"aspect_ratio\":\"16:9\"", "\"aspect_ratio\":\"4:3\"");
      Map<String, Object> checked = json(on.post("/api/check", body));
      assertThat(checked).as(seconds).containsEntry("valid", false);
      assertThat(checked.get("violations").toString()).as(seconds)
          .contains("seconds must be a positive whole number of seconds, such as 10", "aspect_ratio");
      try (Response response = on.http.newCall(on.request("/api/generate").post(RequestBody.create(body, JSON)).build())
          .execute()) {
        assertThat(response.code()).as(seconds).isEqualTo(422);
        assertThat(json(response.body().string()).get("error").toString()).as("every error says whether it was sent")
            .contains("sent=no");
      }
    }
    assertThat(on.history().entries()).as("nothing was sent").isEmpty();
  }

  @Test
  void takesSecondsInAsciiDigitsOnlyAsTheCommandLineDoesWithSurroundingSpacesIgnored() throws IOException {
    start();
    String upload = on.uploadId(Files.readAllBytes(productPng()), "product.png");
    for (String seconds : List.of("\" 15\"", "\"15 \"", "\"10.0\"")) {
      String body = job(upload, 10).replace("\"seconds\":10", "\"seconds\":" + seconds);
      assertThat(json(on.post("/api/check", body))).as(seconds).containsEntry("valid", true);
    }
    // Full-width and Arabic-Indic 15, and an exponent for 10: durations the model offers, in no digits the CLI reads.
    for (String seconds : List.of("\"\uFF11\uFF15\"", "\"\u0661\u0665\"", "\"1e1\"")) {
      String body = job(upload, 10).replace("\"seconds\":10", "\"seconds\":" + seconds);
      Map<String, Object> checked = json(on.post("/api/check", body));
      assertThat(checked).as(seconds).containsEntry("valid", false);
      assertThat(checked.get("violations").toString()).as(seconds)
          .contains("seconds must be a positive whole number of seconds, such as 10", "give digits only, such as 10");
      try (Response response = on.http.newCall(on.request("/api/generate").post(RequestBody.create(body, JSON)).build())
          .execute()) {
        assertThat(response.code()).as(seconds).isEqualTo(422);
      }
    }
    assertThat(mock.calls(MockCall.Method.CREATE)).as("nothing was sent").isEmpty();
    assertThat(on.history().entries()).as("nothing was sent").isEmpty();
  }

  @Test
  void anAutomaticLengthIsTakenWhereTheModelOffersOneAndRefusedElsewhereSayingSo() throws IOException {
    start();
    String upload = on.uploadId(Files.readAllBytes(productPng()), "product.png");

    Map<String, Object> automatic = json(on.post("/api/check",
        "{\"model\":\"seedance-2\",\"prompt\":\"waves\",\"seconds\":-1}"));
    Map<String, Object> none = json(on.post("/api/check", job(upload, 10).replace("\"seconds\":10", "\"seconds\":0")));

    assertThat(automatic).as(automatic.toString()).containsEntry("valid", true);
    assertThat(automatic.toString()).doesNotContain("per second");
    assertThat(none).containsEntry("valid", false);
    assertThat(none.get("violations").toString()).contains("seconds: 0 is not offered by " + MODEL)
        .contains("takes no automatic length");
    assertThat(on.history().entries()).as("nothing was sent").isEmpty();
  }

  @Test
  void refusesAFieldItDoesNotKnowInsteadOfSendingTheDefault() throws IOException {
    start();
    String upload = on.uploadId(Files.readAllBytes(productPng()), "product.png");
    String body = job(upload, 10).replace("\"seconds\":10", "\"duration\":15,\"aspectRatio\":\"9:16\"");
    for (String path : List.of("/api/check", "/api/generate")) {
      try (Response response = on.http.newCall(on.request(path).post(RequestBody.create(body, JSON)).build())
          .execute()) {
        assertThat(response.code()).as(path).isEqualTo(400);
        String answer = response.body().string();
        assertThat(answer).as(path).contains("the form has no fields 'aspectRatio', 'duration'",
            "its fields are model, mode, prompt, seconds, aspect_ratio");
        if (path.equals("/api/generate")) {
          assertThat(json(answer).get("error").toString()).as("every error of a Generate says whether it was sent")
              .contains("sent=no");
        }
      }
    }
    assertThat(on.history().entries()).as("nothing was sent").isEmpty();
  }

  @Test
  void paramsThatAreNoObjectAndATextFieldGivenAsANumberAreRefusedNotDroppedOrSentAsText() throws IOException {
    start();
    String upload = on.uploadId(Files.readAllBytes(productPng()), "product.png");
    Map<String, String> cases = new java.util.LinkedHashMap<>();
    cases.put("\"params\":\"oops\"", "params");
    cases.put("\"params\":[\"seed=7\"]", "params");
    cases.put("\"params\":5", "params");
    cases.put("\"params\":{\"seed\":null}", "params.seed");
    for (Map.Entry<String, String> bad : cases.entrySet()) {
      String body = job(upload, 10).replace("\"seconds\":10", "\"seconds\":10," + bad.getKey());
      for (String path : List.of("/api/check", "/api/generate")) {
        try (Response response = on.http.newCall(on.request(path).post(RequestBody.create(body, JSON)).build())
            .execute()) {
          String answer = response.body().string();
          assertThat(answer).as(path + " " + bad.getKey()).contains(bad.getValue());
          if (bad.getValue().equals("params")) {
            assertThat(response.code()).as(path + " " + bad.getKey()).isEqualTo(400);
            assertThat(answer).contains("params must be an object");
          } else {
            assertThat(answer).contains("params.seed is null; leave it out instead");
          }
        }
      }
    }
    String numericPrompt = job(upload, 10).replaceFirst("\"prompt\":\"[^\"]*\"", "\"prompt\":5");
    try (Response response = on.http.newCall(on.request("/api/generate").post(RequestBody.create(numericPrompt, JSON)).build())
        .execute()) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string()).contains("prompt must be a string");
    }
    assertThat(on.history().entries()).as("nothing was sent").isEmpty();
  }

  @Test
  void tooFewCreditsAnswer402LikeAnyBudgetRefusal() throws IOException {
    mock = MockVideoProvider.builder().credits(new BigDecimal("5")).build();
    on.client(VidgenClient.builder().provider(mock).build());
    on.start(MODEL, List.of("--provider", "mock"));
    String upload = on.uploadId(Files.readAllBytes(productPng()), "product.png");

    try (Response response = on.http.newCall(on.request("/api/generate").post(RequestBody.create(job(upload, 10), JSON))
        .build()).execute()) {
      assertThat(response.code()).isEqualTo(402);
      assertThat(response.body().string()).contains("insufficient_credits");
    }
    assertThat(mock.calls(MockCall.Method.CREATE)).isEmpty();
  }

  @Test
  void saysHowToAskForTheEventStream() throws IOException {
    start();
    try (Response plain = on.http.newCall(on.request("/api/events").build()).execute()) {
      assertThat(plain.code()).isEqualTo(406);
      assertThat(plain.body().string()).contains("Accept: text/event-stream")
          .as("the curl to paste names this playground's own address").contains("curl -N -H 'Accept: text/event-stream'"
              + " -H 'X-Vidgen-Token: TOKEN' http://127.0.0.1:" + on.playground().port() + "/api/events")
          .doesNotContain("URL/api").as("the token's place named, never the token").doesNotContain(
              on.playground().token().reveal());
    }
  }

  @Test
  void aJobWithoutImagesOnAnImageOnlyModelOfOneModeIsToldWhatToAddNotAModeThePageDoesNotShow() {
    start();
    for (String[] model : new String[][] {{MODEL, "add 1 image: " + MODEL + " makes video from exactly 1 image"},
        {"viduq3", "add 1 to 7 images: viduq3 makes video from 1 to 7 images"}}) {
      Map<String, Object> check = json(on.post("/api/check", "{\"model\":\"" + model[0] + "\",\"prompt\":\"x\"}"));

      List<String> messages = ((List<?>) check.get("violations")).stream()
          .map(v -> String.valueOf(((Map<?, ?>) v).get("message"))).toList();
      assertThat(messages).as(model[0]).contains(model[1]).noneMatch(message -> message.startsWith("mode:"));
    }
  }

  @Test
  void checksAJobWithEveryViolationAndNoPreviewWhileItIsInvalid() {
    start();
    Map<String, Object> check = json(on.post("/api/check", "{\"model\":\"" + MODEL + "\",\"prompt\":\"x\",\"seconds\":12}"));
    assertThat(check).containsEntry("valid", false).containsEntry("preview", null);
    List<Object> fields = ((List<?>) check.get("violations")).stream().map(v -> (Object) ((Map<?, ?>) v).get("field")).toList();
    assertThat(fields).contains("seconds", "mode");
  }

  @Test
  void pricesAndPreviewsAValidJobExactlyAsTheClientDoes() throws IOException {
    start();
    String upload = on.uploadId(Files.readAllBytes(productPng()), "product.png");
    Map<String, Object> check = json(on.post("/api/check", job(upload, 15)));
    assertThat(check).containsEntry("valid", true);
    assertThat((Map<String, Object>) check.get("quote")).containsEntry("credits", 30L);
    String body = (String) ((Map<?, ?>) check.get("preview")).get("body");
    VideoJob same = VideoJob.builder(MODEL).prompt("Slow push-in").image(productPng()).seconds(15).aspectRatio("16:9").build();
    assertThat(body).isEqualTo(on.client().preview(same).body()).contains("upload://product.png");
    assertThat((String) check.get("command"))
        .startsWith("vidgen generate --model " + MODEL + " --prompt 'Slow push-in' --image ")
        .endsWith("--seconds 15 --aspect-ratio 16:9 --provider mock");
  }

  @Test
  void refusesAnotherHostAsADnsRebindingPageWouldSendIt() throws IOException {
    start();
    try (Response response = on.http.newCall(on.request("/api/models")
        .header("Host", "attacker.example:" + on.playground().port()).build()).execute()) {
      assertThat(response.code()).isEqualTo(403);
      assertThat(response.body().string()).contains("attacker.example").doesNotContain(MODEL);
    }
    try (Response events = on.http.newCall(on.request("/api/events")
        .header("Host", "127.0.0.1.nip.example:" + on.playground().port()).header("Accept", "text/event-stream")
        .build()).execute()) {
      assertThat(events.code()).isEqualTo(403);
    }
    try (Response response = on.http.newCall(on.request("/api/models")
        .header("Host", "localhost:" + on.playground().port()).build()).execute()) {
      assertThat(response.code()).isEqualTo(200);
    }
  }

  @Test
  void refusesPostsFromAnotherSite() throws IOException {
    start();
    for (String[] header : List.of(new String[] {"Origin", "http://attacker.example"},
        new String[] {"Origin", "null"}, new String[] {"Sec-Fetch-Site", "cross-site"})) {
      Request cross = on.request("/api/generate").header(header[0], header[1])
          .post(RequestBody.create(job(null, 10), JSON)).build();
      try (Response response = on.http.newCall(cross).execute()) {
        assertThat(response.code()).as(header[0] + ": " + header[1]).isEqualTo(403);
      }
    }
    Request own = on.request("/api/check").header("Origin", "http://127.0.0.1:" + on.playground().port())
        .header("Sec-Fetch-Site", "same-origin").post(RequestBody.create(job(null, 10), JSON)).build();
    try (Response response = on.http.newCall(own).execute()) {
      assertThat(response.code()).isEqualTo(200);
    }
    assertThat(json(on.get("/api/history")).get("tasks")).isEqualTo(List.of());
    Request link = on.request("/").header("Sec-Fetch-Site", "cross-site").header("Sec-Fetch-Mode", "navigate")
        .header("Sec-Fetch-Dest", "document").build();
    try (Response response = on.http.newCall(link).execute()) {
      assertThat(response.code()).as("a link on another site opens the page").isEqualTo(200);
      assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
    }
    Request framed = on.request("/").header("Sec-Fetch-Site", "cross-site").header("Sec-Fetch-Mode", "navigate")
        .header("Sec-Fetch-Dest", "iframe").build();
    Request data = on.request("/api/history").header("Sec-Fetch-Site", "cross-site")
        .header("Sec-Fetch-Mode", "navigate").header("Sec-Fetch-Dest", "document").build();
    for (Request refused : List.of(framed, data)) {
      try (Response response = on.http.newCall(refused).execute()) {
        assertThat(response.code()).as("a frame, or anything but the page itself").isEqualTo(403);
      }
    }
  }

  @Test
  void acceptsImagesByContentAndRefusesOthersAndOversizedOnes() throws IOException {
    start();
    try (Response text = on.http.newCall(on.request("/api/uploads").header("X-File-Name", "photo.png")
        .post(RequestBody.create("not an image".getBytes(StandardCharsets.UTF_8), BYTES)).build()).execute()) {
      assertThat(text.code()).isEqualTo(415);
      assertThat(text.body().string()).contains("not a JPEG, PNG or WebP image by its content");
    }
    RequestBody form = new okhttp3.MultipartBody.Builder().setType(okhttp3.MultipartBody.FORM)
        .addFormDataPart("file", "my cat.png", RequestBody.create(Files.readAllBytes(productPng()), BYTES)).build();
    try (Response multipart = on.http.newCall(on.request("/api/uploads").post(form).build()).execute()) {
      assertThat(multipart.code()).isEqualTo(415);
      assertThat(multipart.body().string()).as("the request's shape is named, not the image blamed")
          .contains("the upload came as a multipart form", "X-File-Name").doesNotContain("not a JPEG")
          .as("a curl that works pasted as it is: the form's own file, this playground's address")
          .contains("curl --data-binary @'my cat.png' -H 'X-File-Name: my cat.png' -H 'X-Vidgen-Token: TOKEN'"
              + " http://127.0.0.1:" + on.playground().port() + "/api/uploads");
    }
    byte[] huge = new byte[(int) Uploads.MAX_BYTES + 1];
    System.arraycopy(Files.readAllBytes(productPng()), 0, huge, 0, 16);
    try (Response large = on.http.newCall(on.request("/api/uploads").post(RequestBody.create(huge, BYTES)).build()).execute()) {
      assertThat(large.code()).isEqualTo(413);
      assertThat(large.body().string()).as("a byte over is not shown as exactly 10 MB")
          .contains("the image is 10,485,761 bytes (the limit is 10,485,760), over the 10 MB upload limit");
    }
    RequestBody streamed = new RequestBody() { // no length given, so the size is not known until it is read
      @Override
      public MediaType contentType() {
        return BYTES;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        sink.write(huge).write(huge);
      }
    };
    try (Response large = on.http.newCall(on.request("/api/uploads").post(streamed).build()).execute()) {
      assertThat(large.code()).isEqualTo(413);
      assertThat(large.body().string()).contains("\"the image is over the 10 MB upload limit\"");
    }
    String id = on.uploadId(Files.readAllBytes(productPng()), "..%2F..%2Fevil name.png");
    assertThat(Files.list(folder.resolve("uploads/" + id)).map(p -> p.getFileName().toString())).containsExactly("evil_name.png");
    try (Response image = on.http.newCall(on.request("/uploads/" + id).build()).execute()) {
      assertThat(image.code()).isEqualTo(200);
      assertThat(image.header("Content-Type")).isEqualTo("image/png");
    }
  }

  @Test
  void servesNothingOutsideItsOwnVideoFolder() throws IOException {
    start();
    Files.writeString(folder.resolve("secret.txt"), "the secret");
    Files.writeString(folder.resolve("videos/ok.mp4"), "fake video");
    for (String path : List.of("/videos/..%2Fsecret.txt", "/videos/%2e%2e%2fsecret.txt", "/videos/../secret.txt",
        "/videos/.%2E/secret.txt", "/uploads/..%2F..%2Fsecret.txt", "/secret.txt", "/videos/%2Fetc%2Fpasswd")) {
      try (Response response = on.http.newCall(on.request(path).build()).execute()) {
        assertThat(response.code()).as(path).isNotEqualTo(200);
        assertThat(response.body().string()).as(path).doesNotContain("the secret").doesNotContain("root:");
      }
    }
    try (Response response = on.http.newCall(on.request("/videos/ok.mp4").build()).execute()) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.body().string()).isEqualTo("fake video");
    }
  }

  @Test
  void aVideoIsServedInTheRangeAVideoElementAsksForAndARangePastItsEndIsRefusedAtOnce() throws IOException {
    start();
    Files.writeString(folder.resolve("videos/ranged.mp4"), "0123456789");
    try (Response part = on.http.newCall(on.request("/videos/ranged.mp4").header("Range", "bytes=2-5").build())
        .execute()) {
      assertThat(part.code()).isEqualTo(206);
      assertThat(part.header("Content-Range")).isEqualTo("bytes 2-5/10");
      assertThat(part.body().string()).isEqualTo("2345");
    }
    try (Response tail = on.http.newCall(on.request("/videos/ranged.mp4").header("Range", "bytes=-3").build())
        .execute()) {
      assertThat(tail.code()).isEqualTo(206);
      assertThat(tail.body().string()).as("a suffix range is the last bytes").isEqualTo("789");
    }
    // Past the end: answered with 416 and the size, not a request that never ends and keeps a thread busy.
    for (String past : List.of("bytes=10-", "bytes=999999999-", "bytes=50-60")) {
      try (Response refused = on.http.newCall(on.request("/videos/ranged.mp4").header("Range", past).build())
          .execute()) {
        assertThat(refused.code()).as(past).isEqualTo(416);
        assertThat(refused.header("Content-Range")).as(past).isEqualTo("bytes */10");
        assertThat(refused.body().string()).as(past).contains("past the end of the video, which has 10 bytes");
      }
    }
    try (Response whole = on.http.newCall(on.request("/videos/ranged.mp4").header("Range", "bytes=abc").build())
        .execute()) {
      assertThat(whole.code()).as("a range it cannot read is ignored").isEqualTo(200);
      assertThat(whole.header("Accept-Ranges")).isEqualTo("bytes");
      assertThat(whole.body().string()).isEqualTo("0123456789");
    }
  }

  @Test
  void aHeadOfAVideoOrAnUploadAnswersAsItsGetWouldWithoutTheBytes() throws IOException {
    start();
    Files.writeString(folder.resolve("videos/ranged.mp4"), "0123456789");
    try (Response head = on.http.newCall(on.request("/videos/ranged.mp4").head().build()).execute()) {
      assertThat(head.code()).isEqualTo(200);
      assertThat(head.header("Content-Type")).startsWith("video/mp4");
      assertThat(head.header("Content-Length")).isEqualTo("10");
      assertThat(head.header("Accept-Ranges")).isEqualTo("bytes");
      assertThat(head.body().bytes()).isEmpty();
    }
    try (Response head = on.http.newCall(on.request("/videos/ranged.mp4").head().header("Range", "bytes=2-5").build())
        .execute()) {
      assertThat(head.code()).isEqualTo(206);
      assertThat(head.header("Content-Range")).isEqualTo("bytes 2-5/10");
      assertThat(head.header("Content-Length")).isEqualTo("4");
    }
    try (Response head = on.http.newCall(on.request("/videos/ranged.mp4").head().header("Range", "bytes=50-").build())
        .execute()) {
      assertThat(head.code()).isEqualTo(416);
      assertThat(head.header("Content-Range")).isEqualTo("bytes */10");
    }
    try (Response head = on.http.newCall(on.request("/videos/nope.mp4").head().build()).execute()) {
      assertThat(head.code()).as("as a GET of it: no such video").isEqualTo(404);
      assertThat(head.header("Content-Type")).startsWith("application/json");
    }
    Files.delete(folder.resolve("videos/ranged.mp4"));
    try (Response head = on.http.newCall(on.request("/videos/ranged.mp4").head().build()).execute()) {
      assertThat(head.code()).as("its file gone").isEqualTo(404);
    }

    byte[] png = Files.readAllBytes(productPng());
    String upload = on.uploadId(png, "product.png");
    try (Response head = on.http.newCall(on.request("/uploads/" + upload).head().build()).execute()) {
      assertThat(head.code()).isEqualTo(200);
      assertThat(head.header("Content-Type")).startsWith("image/png");
      assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(png.length));
      assertThat(head.body().bytes()).isEmpty();
    }
    try (Response head = on.http.newCall(on.request("/uploads/aaaaaaaaaaaaaaaa").head().build()).execute()) {
      assertThat(head.code()).isEqualTo(404);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aSavedVideoWhoseFileIsGoneIsListedWithoutItsLinkAndWithHowToSaveItAgain() throws IOException {
    Instant submitted = Instant.parse("2026-11-29T10:00:00Z");
    for (String id : List.of("task_gone", "task_kept")) {
      JobHandle handle = new JobHandle("mock", TaskId.of(id), MODEL, PriceQuote.unknown(MODEL, "test"), submitted, null);
      on.history().record(HistoryEntry.submitted(handle, VideoJob.builder(MODEL).prompt(id).build(), "serve")
          .completed(folder.resolve("videos/" + id + ".mp4").toString(), submitted.plusSeconds(90)));
    }
    start();
    Files.writeString(folder.resolve("videos/task_kept.mp4"), "fake video");

    Map<String, Map<String, Object>> listed = new java.util.HashMap<>();
    for (Object task : (List<?>) json(on.get("/api/history")).get("tasks")) {
      listed.put((String) ((Map<?, ?>) task).get("task_id"), (Map<String, Object>) task);
    }
    assertThat(listed.get("task_gone")).as("no link to a player that cannot play").containsEntry("video", null)
        .containsEntry("status", "completed");
    assertThat((String) listed.get("task_gone").get("problem")).isEqualTo("its video was saved as task_gone.mp4, but"
        + " that file is no longer in the videos folder, or is empty (moved, deleted or emptied)");
    assertThat((String) listed.get("task_gone").get("next")).startsWith("the task is done but its video file is gone;"
        + " vidgen download task_gone --out " + folder.resolve("videos")).contains(" saves it again (links last");
    assertThat(listed.get("task_kept")).containsEntry("video", "/videos/task_kept.mp4").containsEntry("next", null);
    assertThat(listed.get("task_kept").get("problem")).isNull();

    try (Response gone = on.http.newCall(on.request("/videos/task_gone.mp4").build()).execute()) {
      assertThat(gone.code()).isEqualTo(404);
      Map<String, Object> error = (Map<String, Object>) json(gone.body().string()).get("error");
      assertThat(error).containsEntry("message", "no such video");
      assertThat((String) error.get("next")).startsWith("it was the video of task task_gone, which is done, and its"
          + " file is no longer in the videos folder; vidgen download task_gone --out ");
    }
    try (Response never = on.http.newCall(on.request("/videos/never.mp4").build()).execute()) {
      Map<String, Object> error = (Map<String, Object>) json(never.body().string()).get("error");
      assertThat(error).as("a name the history never held").containsEntry("message", "no such video")
          .containsEntry("next", null);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void anEmptiedVideoIsListedAsGoneAndARangeOfItSaysItIsEmpty() throws IOException {
    Instant submitted = Instant.parse("2026-11-29T10:00:00Z");
    JobHandle handle = new JobHandle("mock", TaskId.of("task_empty"), MODEL, PriceQuote.unknown(MODEL, "test"),
        submitted, null);
    on.history().record(HistoryEntry.submitted(handle, VideoJob.builder(MODEL).prompt("empty").build(), "serve")
        .completed(folder.resolve("videos/task_empty.mp4").toString(), submitted.plusSeconds(90)));
    start();
    Files.write(folder.resolve("videos/task_empty.mp4"), new byte[0]);

    Map<String, Object> listed = (Map<String, Object>) ((List<?>) json(on.get("/api/history")).get("tasks")).get(0);
    assertThat(listed).containsEntry("video", null);
    assertThat((String) listed.get("next")).startsWith("the task is done but its video file is gone; vidgen download"
        + " task_empty");
    try (Response range = on.http.newCall(on.request("/videos/task_empty.mp4").header("Range", "bytes=0-10").build())
        .execute()) {
      assertThat(range.code()).isEqualTo(416);
      assertThat(range.body().string()).contains("the video file is empty").doesNotContain("0 to -1");
    }
  }

  @Test
  void aHeadOfAPathWithoutOneIsRefusedWithWhatItTakesNotAnsweredAsAnEmptyFile() throws IOException {
    start();
    for (String[] asked : new String[][] {{"/api/history", "GET"}, {"/api/models", "GET"}, {"/", "GET"},
        {"/app.js", "GET"}, {"/api/check", "POST"}}) {
      try (Response head = on.http.newCall(on.request(asked[0]).head().build()).execute()) {
        assertThat(head.code()).as(asked[0]).isEqualTo(405);
        assertThat(head.header("Allow")).as(asked[0]).isEqualTo(asked[1]);
      }
    }
    try (Response wrong = on.http.newCall(on.request("/api/history").delete().build()).execute()) {
      assertThat(wrong.header("Allow")).as("HEAD is not offered where it is refused").isEqualTo("GET");
    }
  }

  @Test
  void anEventStreamAskedWithAnotherAcceptIsRefusedWithTheCurlThatWorksNotAnsweredEmpty() throws IOException {
    start();
    for (String accept : List.of("text/event-stream; charset=utf-8", "application/json, text/event-stream",
        "TEXT/EVENT-STREAM")) {
      try (Response asked = on.http.newCall(on.request("/api/events").header("Accept", accept).build()).execute()) {
        assertThat(asked.code()).as(accept).isEqualTo(406);
        assertThat(asked.body().string()).as(accept).contains("ask for it with exactly Accept: text/event-stream",
            "curl -N -H 'Accept: text/event-stream' -H 'X-Vidgen-Token: TOKEN' http://127.0.0.1:"
                + on.playground().port() + "/api/events");
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aBodyOverWhatThePlaygroundReadsIsRefusedInJsonAndACheckDoesNotEchoACommandNoShellTakes() throws IOException {
    start();
    byte[] huge = new byte[12 * 1024 * 1024];
    java.util.Arrays.fill(huge, (byte) 'a');
    try (Response tooLarge = on.http.newCall(on.request("/api/generate").post(RequestBody.create(huge, JSON)).build())
        .execute()) {
      assertThat(tooLarge.code()).isEqualTo(413);
      assertThat(tooLarge.header("Content-Type")).startsWith("application/json");
      Map<String, Object> error = (Map<String, Object>) json(tooLarge.body().string()).get("error");
      assertThat((String) error.get("message")).startsWith("the request's body is over the 11 MB the playground reads");
      assertThat(error).containsEntry("sent", "no");
    }
    String prompt = "b".repeat(150_000);
    Map<String, Object> checked = json(on.post("/api/check", "{\"model\":\"" + MODEL + "\",\"prompt\":\"" + prompt
        + "\"}"));
    assertThat(checked.get("command")).as("not echoed: longer than a shell takes").isNull();
    assertThat((String) checked.get("command_note")).startsWith("the command would be ").contains("characters long");
  }

  @Test
  @SuppressWarnings("unchecked")
  void anUnknownPathOrAWrongMethodIsAnsweredInJsonAndAWrongMethodSaysWhichItTakes() throws IOException {
    start();
    record Case(String method, String path, String allow, String message) {}
    for (Case wrong : List.of(new Case("GET", "/api/check", "POST", "/api/check does not take GET; it takes POST"),
        new Case("PUT", "/api/generate", "POST", "/api/generate does not take PUT; it takes POST"),
        new Case("DELETE", "/api/history", "GET", "/api/history does not take DELETE; it takes GET"),
        new Case("POST", "/api/models", "GET", "/api/models does not take POST; it takes GET"))) {
      RequestBody body = wrong.method().equals("GET") ? null : RequestBody.create("{}", JSON);
      try (Response response = on.http.newCall(on.request(wrong.path()).method(wrong.method(), body).build())
          .execute()) {
        String said = response.body().string();
        assertThat(response.code()).as(said).isEqualTo(405);
        assertThat(response.header("Allow")).isEqualTo(wrong.allow());
        assertThat(response.header("Content-Type")).startsWith("application/json");
        Map<String, Object> error = (Map<String, Object>) json(said).get("error");
        assertThat(error).containsEntry("message", wrong.message()).containsEntry("field", null);
        assertThat((String) error.get("next")).startsWith("send " + wrong.allow().split(",")[0] + " " + wrong.path());
      }
    }
    try (Response response = on.http.newCall(on.request("/api/nope").build()).execute()) {
      String said = response.body().string();
      assertThat(response.code()).isEqualTo(404);
      assertThat(response.header("Content-Type")).startsWith("application/json");
      Map<String, Object> error = (Map<String, Object>) json(said).get("error");
      assertThat(error).containsEntry("message", "the playground has no GET /api/nope").containsEntry("field", null);
      assertThat((String) error.get("next")).contains("POST /api/generate", "GET /api/history", "docs/playground.md");
    }
    // Refused by the web server itself, before any route: in JSON too, not as an HTML page.
    for (String path : List.of("/videos/%2e%2e/%2e%2e/history.jsonl", "/videos/x.mp4%00.png")) {
      String answer = rawGet(path);
      assertThat(answer).as(path).startsWith("HTTP/1.1 400");
      assertThat(answer.toLowerCase(java.util.Locale.ROOT)).as(path).contains("content-type: application/json");
      String said = answer.substring(answer.indexOf("\r\n\r\n") + 4);
      assertThat((Map<String, Object>) json(said).get("error")).as(path).containsKeys("message", "field", "next");
      assertThat(said).doesNotContain("<h1>");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aBodyThatIsNotOneJsonObjectIsToldWhatWasWrongAndHowToSendTheForm() throws IOException {
    start();
    Map<String, String> bodies = new java.util.LinkedHashMap<>();
    bodies.put("{\"model\":", "the form is not valid JSON: the JSON text ends too early (near column 9");
    bodies.put("[1]", "the form is JSON but a list, not an object");
    bodies.put("", "the request has no body; the form is one JSON object");
    bodies.put("{\"model\":\"a\"} xx", "the form is not valid JSON: more than one JSON value");
    bodies.put("{\"model\":\"a\",\"model\":\"b\"}", "the form is not valid JSON: the key model appears twice");
    bodies.put("model=a&prompt=b", "the form is not valid JSON: ");
    for (Map.Entry<String, String> body : bodies.entrySet()) {
      for (String path : List.of("/api/check", "/api/generate")) {
        try (Response response = on.http.newCall(on.request(path).post(RequestBody.create(body.getKey(), JSON)).build())
            .execute()) {
          String said = response.body().string();
          assertThat(response.code()).as(path + " " + body.getKey() + ": " + said).isEqualTo(400);
          Map<String, Object> error = (Map<String, Object>) json(said).get("error");
          assertThat((String) error.get("message")).as(body.getKey()).startsWith(body.getValue())
              .doesNotContain("not a JSON object: not a JSON object");
          assertThat((String) error.get("next")).as("for a page and a script alike").startsWith("send one JSON object,"
              + " such as {\"model\": ").endsWith("as docs/playground.md shows");
        }
      }
    }
    assertThat(mock.calls(MockCall.Method.CREATE)).as("nothing sent").isEmpty();
  }

  /** The raw answer to a GET of {@code path} sent as written, not made canonical as an HTTP client would. */
  private String rawGet(String path) throws IOException {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", on.playground().port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + on.playground().port()
          + "\r\n" + PlaygroundToken.HEADER + ": " + on.playground().token().reveal()
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void followsNoLinkOutOfTheUploadsFolder() throws IOException {
    start();
    Path outside = Files.createDirectories(folder.resolve("outside"));
    Files.write(outside.resolve("secret.png"), Files.readAllBytes(productPng()));
    Files.createSymbolicLink(folder.resolve("uploads/bbbbbbbbbbbbbbbb"), outside);
    Path linkedFile = Files.createDirectories(folder.resolve("uploads/cccccccccccccccc")).resolve("x.png");
    Files.createSymbolicLink(linkedFile, outside.resolve("secret.png"));

    for (String id : List.of("bbbbbbbbbbbbbbbb", "cccccccccccccccc")) {
      try (Response response = on.http.newCall(on.request("/uploads/" + id).build()).execute()) {
        assertThat(response.code()).as("/uploads/" + id).isEqualTo(404);
      }
      String job = "{\"model\":\"" + MODEL + "\",\"prompt\":\"x\",\"images\":[{\"upload\":\"" + id + "\"}]}";
      try (Response response = on.http.newCall(on.request("/api/check").post(RequestBody.create(job, JSON)).build())
          .execute()) {
        assertThat(response.code()).as("a job naming it").isEqualTo(400);
        assertThat(response.body().string()).contains("no upload " + id + " is kept here").contains("upload the image again");
      }
    }
  }

  @Test
  void generatesOnTheMockSavesTheVideoAndKeepsItInTheHistory() throws IOException {
    start();
    String upload = on.uploadId(Files.readAllBytes(productPng()), "product.png");
    Map<String, Object> created = json(on.post("/api/generate", job(upload, 10)));
    Map<?, ?> task = (Map<?, ?>) created.get("task");
    String taskId = (String) task.get("task_id");
    assertThat(task.get("credits")).isEqualTo(20L);
    await().atMost(Duration.ofSeconds(20)).until(() -> on.history().find(taskId).filter(HistoryEntry::isFinished).isPresent());
    HistoryEntry entry = on.history().find(taskId).orElseThrow();
    assertThat(entry.status()).isEqualTo("completed");
    assertThat(entry.source()).isEqualTo("serve");
    assertThat(entry.took()).as("followed from its start, so how long it ran is known").isPositive()
        .isLessThanOrEqualTo(Duration.between(entry.submittedAt(), entry.updatedAt()));
    Map<?, ?> listed = (Map<?, ?>) ((List<?>) json(on.get("/api/history")).get("tasks")).get(0);
    assertThat(listed.get("video")).isEqualTo("/videos/" + taskId + ".mp4");
    try (Response video = on.http.newCall(on.request((String) listed.get("video")).build()).execute()) {
      byte[] bytes = video.body().bytes();
      assertThat(new String(bytes, 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theCheckNamesTheTaskOfTheSameJobSoThatGeneratingAgainIsNoSurprise() throws IOException {
    start();
    String upload = on.uploadId(Files.readAllBytes(productPng()), "product.png");
    assertThat(json(on.post("/api/check", job(upload, 10)))).containsEntry("same_job", null);
    String taskId = (String) ((Map<?, ?>) json(on.post("/api/generate", job(upload, 10))).get("task")).get("task_id");

    Map<String, Object> same = (Map<String, Object>) json(on.post("/api/check", job(upload, 10))).get("same_job");
    Map<String, Object> longer = json(on.post("/api/check", job(upload, 15)));

    assertThat(same).containsEntry("task_id", taskId).containsKeys("status", "submitted_at");
    String again = on.uploadId(Files.readAllBytes(productPng()), "product.png");
    assertThat((Map<String, Object>) json(on.post("/api/check", job(again, 10))).get("same_job"))
        .as("the same image uploaded again, after a reload say, is the same job").containsEntry("task_id", taskId);
    assertThat(longer).as("another duration is another job").containsEntry("same_job", null);
    String asSent = job(upload, 10).replace("\"seconds\":10,", "").replace("{", "{\"mode\":\"image-to-video\",");
    assertThat((Map<String, Object>) json(on.post("/api/check", asSent)).get("same_job"))
        .as("the default named or left out, the mode named or inferred: the same request, so the same job")
        .containsEntry("task_id", taskId);
    mock.script().failNextTask("generation_failed", "refused");
    String failed = (String) ((Map<?, ?>) json(on.post("/api/generate", job(upload, 15))).get("task")).get("task_id");
    await().atMost(Duration.ofSeconds(20)).until(() -> on.history().find(failed).filter(HistoryEntry::isFinished).isPresent());
    assertThat(json(on.post("/api/check", job(upload, 15)))).as("a failed take is not the job done")
        .containsEntry("same_job", null);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aJobVidgenGenerateMadeWithALocalImageIsTheSameJobHereWhenTheUploadHoldsTheSameBytes() throws IOException {
    // vidgen generate's take, of a copy of the image under another name in the user's own folder.
    Path copy = Files.createDirectories(folder.resolve("shots")).resolve("front.png");
    Files.copy(productPng(), copy);
    VideoJob fromTheCommandLine = VideoJob.builder(MODEL).prompt("Slow push-in").image(copy).seconds(10)
        .aspectRatio("16:9").build();
    JobHandle handle = new JobHandle("mock", TaskId.of("task_cli_same"), MODEL, PriceQuote.unknown(MODEL, "test"),
        Instant.now(), null);
    on.history().record(dev.vidgen.serve.history.InputDigests.reading().recorded(
        HistoryEntry.submitted(handle, fromTheCommandLine, "generate")
            .completed(folder.resolve("task_cli_same.mp4").toString(), Instant.now()), fromTheCommandLine));
    start();
    String upload = on.uploadId(Files.readAllBytes(productPng()), "product.png");

    Map<String, Object> check = json(on.post("/api/check", job(upload, 10)));
    try (Response refused = on.http.newCall(on.request("/api/generate").post(RequestBody.create(job(upload, 10), JSON))
        .build()).execute()) {
      assertThat(refused.code()).as("the same job, whichever door made it").isEqualTo(409);
      assertThat((Map<String, Object>) json(refused.body().string()).get("same_job"))
          .containsEntry("task_id", "task_cli_same");
    }

    assertThat((Map<String, Object>) check.get("same_job")).isNotNull().containsEntry("task_id", "task_cli_same");
    assertThat(mock.calls(MockCall.Method.CREATE)).as("nothing sent").isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aLocalImageOfAJobOfVidgenGenerateIsGivenBackAsTheUploadHoldingTheSameBytesAndByItsNameAlonePastThat()
      throws IOException {
    Path copy = Files.createDirectories(folder.resolve("shots")).resolve("front.png");
    Files.copy(productPng(), copy);
    Path other = folder.resolve("shots").resolve("side.png");
    Files.write(other, java.util.Arrays.copyOf(Files.readAllBytes(productPng()), Files.readAllBytes(productPng()).length + 1));
    VideoJob fromTheCommandLine = VideoJob.builder("seedance-2-5").prompt("Two shots").image(copy).image(other)
        .image("https://cdn.example.com/back.png").build();
    JobHandle handle = new JobHandle("mock", TaskId.of("task_cli_images"), "seedance-2-5",
        PriceQuote.unknown("seedance-2-5", "test"), Instant.now(), null);
    on.history().record(dev.vidgen.serve.history.InputDigests.reading().recorded(
        HistoryEntry.submitted(handle, fromTheCommandLine, "generate")
            .completed(folder.resolve("task_cli_images.mp4").toString(), Instant.now()), fromTheCommandLine));
    start();
    String upload = on.uploadId(Files.readAllBytes(productPng()), "product.png");

    Map<?, ?> listed = historyTasks().stream().filter(task -> "task_cli_images".equals(task.get("task_id")))
        .findFirst().orElseThrow();

    assertThat((List<Object>) listed.get("image_urls")).containsExactly(
        Map.of("upload", upload, "name", "product.png", "url", "/uploads/" + upload, "replaces", "front.png"),
        Map.of("name", "side.png"),
        Map.of("url", "https://cdn.example.com/back.png"));
    assertThat(JsonTrees.write(listed.get("image_urls"))).as("no path of the user's disk").doesNotContain(folder.toString());
  }

  @Test
  @SuppressWarnings("unchecked")
  void aLocalImageWhoseNameThisSystemCannotMakeIsGivenBackByItsNameAndBytesInsteadOfFailingTheList()
      throws IOException {
    Path copy = Files.createDirectories(folder.resolve("shots")).resolve("front.png");
    Files.copy(productPng(), copy);
    VideoJob fromTheCommandLine = VideoJob.builder(MODEL).prompt("Slow push-in").image(copy).build();
    JobHandle handle = new JobHandle("mock", TaskId.of("task_cli_unnameable"), MODEL, PriceQuote.unknown(MODEL, "test"),
        Instant.now(), null);
    on.history().record(dev.vidgen.serve.history.InputDigests.reading().recorded(
        HistoryEntry.submitted(handle, fromTheCommandLine, "generate"), fromTheCommandLine));
    // Under LC_ALL=C, Java 17 cannot make a path of "ürün.png" read back; a NUL makes the same refusal anywhere.
    Path lines = on.history().file();
    Files.writeString(lines, Files.readString(lines).replace("front.png", "front\\u0000.png"));
    start();
    String upload = on.uploadId(Files.readAllBytes(productPng()), "product.png");

    Map<?, ?> listed = historyTasks().stream().filter(task -> "task_cli_unnameable".equals(task.get("task_id")))
        .findFirst().orElseThrow();

    assertThat((List<Object>) listed.get("image_urls")).containsExactly(Map.of("upload", upload, "name",
        "product.png", "url", "/uploads/" + upload, "replaces", "front\u0000.png"));
  }

  @Test
  void aJobMadeHereIsKeptWithWhatItsImageHoldsSoThatVidgenGenerateKnowsItFromAFileAnywhere() throws IOException {
    start();
    String upload = on.uploadId(Files.readAllBytes(productPng()), "product.png");
    json(on.post("/api/generate", job(upload, 10)));
    Path copy = Files.createDirectories(folder.resolve("shots")).resolve("front.png");
    Files.copy(productPng(), copy);
    VideoJob fromTheCommandLine = VideoJob.builder(MODEL).prompt("Slow push-in").image(copy).seconds(10)
        .aspectRatio("16:9").build();

    Optional<HistoryEntry> same = on.history().sameJob("mock", fromTheCommandLine, Instant.now().minusSeconds(60),
        dev.vidgen.serve.history.JobIdentity.asSent(on.client()), entry -> true,
        dev.vidgen.serve.history.InputDigests.reading());

    assertThat(same).as("the playground's take, found by the image's bytes").isPresent()
        .hasValueSatisfying(entry -> assertThat(entry.source()).isEqualTo("serve"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theSameJobAgainIsRefused409NamingItsTakeAndPriceUntilTheRequestSaysItMeansIt() throws IOException {
    start();
    String upload = on.uploadId(Files.readAllBytes(productPng()), "product.png");
    String taskId = (String) ((Map<?, ?>) json(on.post("/api/generate", job(upload, 10))).get("task")).get("task_id");

    try (Response refused = on.http.newCall(on.request("/api/generate").post(RequestBody.create(job(upload, 10), JSON))
        .build()).execute()) {
      String body = refused.body().string();
      assertThat(refused.code()).as(body).isEqualTo(409);
      Map<String, Object> answer = json(body);
      assertThat((Map<String, Object>) answer.get("error")).containsEntry("code", "same_job")
          .containsEntry("sent", "no")
          .hasEntrySatisfying("message", message -> assertThat((String) message)
              .contains("this exact job was generated just now", "task " + taskId,
                  "another take (the mock provider charges nothing; a real one would charge 20 credits ($0.10) again)",
                  "nothing was created or billed"))
          .hasEntrySatisfying("next", next -> assertThat((String) next).contains("\"again\": true"));
      assertThat((Map<String, Object>) answer.get("same_job")).containsEntry("task_id", taskId)
          .containsKeys("status", "submitted_at");
      assertThat((Map<String, Object>) answer.get("quote")).containsEntry("known", true).containsEntry("credits", 20L);
    }
    assertThat(mock.calls(MockCall.Method.CREATE)).as("the second Generate sent nothing").hasSize(1);
    assertThat(on.history().entries()).as("and left no note").hasSize(1);

    assertThat(json(on.post("/api/generate", job(upload, 15)))).as("another job is not held back").containsKey("task");
    Map<String, Object> again = json(on.post("/api/generate", job(upload, 10).replace("{", "{\"again\":true,")));
    assertThat((String) ((Map<?, ?>) again.get("task")).get("task_id")).as("another take, paid for as asked")
        .isNotEqualTo(taskId);
    assertThat(mock.calls(MockCall.Method.CREATE)).hasSize(3);
    try (Response refused = on.http.newCall(on.request("/api/generate")
        .post(RequestBody.create(job(upload, 10).replace("{", "{\"again\":\"yes\","), JSON)).build()).execute()) {
      assertThat(refused.code()).isEqualTo(400);
      assertThat(refused.body().string()).contains("again must be true or false; was");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void anImageOfTheWrongSizeIsNamedAsItWasUploadedNotByWhereThePlaygroundKeepsIt() throws IOException {
    start();
    String upload = on.uploadId(dev.vidgen.testkit.fixtures.Images.png(300, 750).bytes(), "x.png");
    String form = "{\"model\":\"MiniMax-Hailuo-2.3\",\"prompt\":\"Slow push-in\",\"images\":[{\"upload\":\""
        + upload + "\"}]}";

    List<Map<String, Object>> violations = (List<Map<String, Object>>) json(on.post("/api/check", form))
        .get("violations");

    assertThat(violations).filteredOn(violation -> "image.pixels".equals(violation.get("code"))).singleElement()
        .satisfies(violation -> assertThat((String) violation.get("message")).startsWith("images[0]: x.png is 300x750"
            + " px: its short side of 300 px is under 301 px").doesNotContain("uploads", upload, "/"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void twoConfirmationsOfTheSameTakeMakeOneTakeAndTheSecondIsAskedAboutTheNewerOne() throws IOException {
    start();
    String upload = on.uploadId(Files.readAllBytes(productPng()), "product.png");
    String first = (String) ((Map<?, ?>) json(on.post("/api/generate", job(upload, 10))).get("task")).get("task_id");
    // Two tabs were both asked about the first take, and both confirm it.
    String confirmed = job(upload, 10).replace("{", "{\"again\":true,\"again_after\":\"" + first + "\",");

    String second = (String) ((Map<?, ?>) json(on.post("/api/generate", confirmed)).get("task")).get("task_id");
    try (Response stale = on.http.newCall(on.request("/api/generate").post(RequestBody.create(confirmed, JSON)).build())
        .execute()) {
      String body = stale.body().string();
      assertThat(stale.code()).as(body).isEqualTo(409);
      Map<String, Object> answer = json(body);
      assertThat((Map<String, Object>) answer.get("error")).containsEntry("code", "same_job").containsEntry("sent", "no")
          .hasEntrySatisfying("message", message -> assertThat((String) message)
              .contains("the take confirmed (" + first + ") is not this job's newest", "task " + second));
      assertThat((Map<String, Object>) answer.get("same_job")).as("the newer take is named, to be asked about")
          .containsEntry("task_id", second);
    }
    assertThat(mock.calls(MockCall.Method.CREATE)).as("one create for the two confirmations").hasSize(2);

    String confirmedNewer = job(upload, 10).replace("{", "{\"again\":true,\"again_after\":\"" + second + "\",");
    assertThat(json(on.post("/api/generate", confirmedNewer))).as("confirmed for the newest take").containsKey("task");
    assertThat(json(on.post("/api/generate", job(upload, 10).replace("{", "{\"again\":true,"))))
        .as("again without a take named pays for another whatever the history holds").containsKey("task");
    assertThat(mock.calls(MockCall.Method.CREATE)).hasSize(4);
    try (Response alone = on.http.newCall(on.request("/api/generate").post(RequestBody.create(job(upload, 10)
        .replace("{", "{\"again_after\":\"" + second + "\","), JSON)).build()).execute()) {
      assertThat(alone.code()).isEqualTo(400);
      assertThat(alone.body().string()).contains("again_after goes with \\\"again\\\": true; again was left out");
    }
    assertThat(mock.calls(MockCall.Method.CREATE)).hasSize(4);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aConfirmationNamingAnotherJobsNewerTakeIsAskedAboutThisJobsNewestAndSendsNothing() throws IOException {
    start();
    String upload = on.uploadId(Files.readAllBytes(productPng()), "product.png");
    String take = (String) ((Map<?, ?>) json(on.post("/api/generate", job(upload, 10))).get("task")).get("task_id");
    // A take of another job (15 s), made after this job's take: it confirms nothing about this job.
    String otherJobs = (String) ((Map<?, ?>) json(on.post("/api/generate", job(upload, 15))).get("task"))
        .get("task_id");
    String confirmed = job(upload, 10).replace("{", "{\"again\":true,\"again_after\":\"" + otherJobs + "\",");

    try (Response refused = on.http.newCall(on.request("/api/generate").post(RequestBody.create(confirmed, JSON))
        .build())
        .execute()) {
      String body = refused.body().string();
      assertThat(refused.code()).as(body).isEqualTo(409);
      Map<String, Object> answer = json(body);
      assertThat((Map<String, Object>) answer.get("error")).containsEntry("code", "same_job").containsEntry("sent", "no")
          .hasEntrySatisfying("message", message -> assertThat((String) message)
              .contains("the take confirmed (" + otherJobs + ") is not this job's newest", "task " + take));
      assertThat((Map<String, Object>) answer.get("same_job")).as("this job's newest take, to be asked about")
          .containsEntry("task_id", take);
    }
    assertThat(mock.calls(MockCall.Method.CREATE)).as("nothing sent for the confirmation").hasSize(2);

    String confirmedOwn = job(upload, 10).replace("{", "{\"again\":true,\"again_after\":\"" + take + "\",");
    assertThat(json(on.post("/api/generate", confirmedOwn))).as("confirmed for this job's newest take").containsKey("task");
    assertThat(mock.calls(MockCall.Method.CREATE)).hasSize(3);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aGeneratesAnswerCarriesTheImagesToUseAgainAsTheHistoryDoes() throws IOException {
    start();
    String upload = on.uploadId(Files.readAllBytes(productPng()), "product.png");
    Map<String, Object> task = (Map<String, Object>) json(on.post("/api/generate", job(upload, 10))).get("task");

    List<Map<String, Object>> images = (List<Map<String, Object>>) task.get("image_urls");
    assertThat(images).as("the page's Use these settings reads them from any view of the task").singleElement()
        .satisfies(image -> assertThat(image).containsEntry("upload", upload)
            .containsEntry("url", "/uploads/" + upload));
    Map<String, Object> listed = ((List<Map<String, Object>>) json(on.get("/api/history")).get("tasks")).get(0);
    assertThat(listed.get("image_urls")).isEqualTo(images);
  }

  @Test
  void picksUpATaskStillRunningWhenItStartsAgain() throws IOException {
    start(Duration.ofSeconds(2));
    String upload = on.uploadId(Files.readAllBytes(productPng()), "product.png");
    String taskId = (String) ((Map<?, ?>) json(on.post("/api/generate", job(upload, 10))).get("task")).get("task_id");
    on.playground().close();
    on.client().close();
    assertThat(on.history().find(taskId).orElseThrow().isFinished()).isFalse();
    start(Duration.ofSeconds(2));
    await().atMost(Duration.ofSeconds(20)).until(() -> on.history().find(taskId).filter(HistoryEntry::isFinished).isPresent());
    assertThat(on.history().find(taskId).orElseThrow().status()).isEqualTo("completed");
    assertThat(on.history().find(taskId).orElseThrow().took()).as("it may have ended while nobody watched").isNull();
    Map<?, ?> listed = (Map<?, ?>) ((List<?>) json(on.get("/api/history")).get("tasks")).get(0);
    assertThat(listed.containsKey("elapsed_ms") && listed.get("elapsed_ms") == null)
        .as("the page tells no time it took: " + listed).isTrue();
  }

  @Test
  void showsAFailedTaskInTheProvidersWordsWithWhatToDo() throws IOException {
    start();
    mock.script().failNextTask("generation_failed", "The reference image could not be animated");
    String upload = on.uploadId(Files.readAllBytes(productPng()), "product.png");
    String taskId = (String) ((Map<?, ?>) json(on.post("/api/generate", job(upload, 10))).get("task")).get("task_id");
    await().atMost(Duration.ofSeconds(20)).until(() -> on.history().find(taskId).filter(HistoryEntry::isFinished).isPresent());
    Map<?, ?> listed = (Map<?, ?>) ((List<?>) json(on.get("/api/history")).get("tasks")).get(0);
    assertThat(listed.get("status")).isEqualTo("failed");
    assertThat((String) listed.get("error")).contains("generation_failed", "The reference image could not be animated");
    assertThat((String) listed.get("next")).contains("change the prompt or the image");

    mock.script().failNextTask("generation_failed", "The prompt could not be animated");
    String textOnly = (String) ((Map<?, ?>) json(on.post("/api/generate",
        "{\"model\":\"seedance-2\",\"prompt\":\"a red kite rises\"}")).get("task")).get("task_id");
    await().atMost(Duration.ofSeconds(20)).until(() -> on.history().find(textOnly).filter(HistoryEntry::isFinished).isPresent());
    Map<?, ?> noImage = (Map<?, ?>) ((List<?>) json(on.get("/api/history")).get("tasks")).get(0);
    assertThat(noImage.get("task_id")).isEqualTo(textOnly);
    assertThat(noImage.get("next")).as("a job without an image is not told to change one")
        .isEqualTo("change the prompt and generate again");
  }

  @Test
  void aCompletedTaskWhoseVideoWasNotSavedStaysCompletedWithTheCommandThatSavesIt() throws IOException {
    start();
    mock.script().fail(Operation.DOWNLOAD, 1_000, FailureKind.NOT_FOUND);
    String upload = on.uploadId(Files.readAllBytes(productPng()), "product.png");
    String taskId = (String) ((Map<?, ?>) json(on.post("/api/generate", job(upload, 10))).get("task")).get("task_id");

    await().atMost(Duration.ofSeconds(20)).until(() -> on.history().find(taskId).filter(HistoryEntry::isFinished).isPresent());
    HistoryEntry recorded = on.history().find(taskId).orElseThrow();
    Map<?, ?> listed = (Map<?, ?>) ((List<?>) json(on.get("/api/history")).get("tasks")).get(0);

    assertThat(recorded.status()).as("the task completed; only saving its video failed").isEqualTo("completed");
    assertThat(recorded.file()).isNull();
    assertThat(listed.get("problem")).isNotNull();
    assertThat((String) listed.get("next")).as("the command reaches the same provider and server")
        .contains("vidgen download " + taskId + " --out " + folder.resolve("videos").toAbsolutePath().normalize()
            + java.io.File.separator + " --provider mock").doesNotContain("generate again");

    on.playground().close();
    on.client().close();
    start();
    await().atMost(Duration.ofSeconds(20)).until(() -> on.history().find(taskId).map(HistoryEntry::file).isPresent());
    assertThat(Path.of(on.history().find(taskId).orElseThrow().file())).as("saved when the playground starts again")
        .isRegularFile();
  }

  @Test
  void aTaskWhoseStatusCannotBeReadStaysOpenInTheHistoryInsteadOfFailed() throws IOException {
    start();
    String upload = on.uploadId(Files.readAllBytes(productPng()), "product.png");
    // The balance is read once, before the first create (a key refused there stops the job before
    // anything is sent); here the key is refused only later, on the status reads.
    on.client().submit(dev.vidgen.core.domain.VideoJob.builder(MODEL).prompt("warm").image("https://img.example/a.png").build());
    mock.script().fail(Operation.READ, 1_000, FailureKind.AUTHENTICATION);
    String taskId = (String) ((Map<?, ?>) json(on.post("/api/generate", job(upload, 10))).get("task")).get("task_id");

    await().atMost(Duration.ofSeconds(20)).until(() -> ((List<?>) json(on.get("/api/history")).get("tasks")).stream()
        .map(Map.class::cast).anyMatch(task -> taskId.equals(task.get("task_id")) && task.get("problem") != null));
    Map<?, ?> listed = (Map<?, ?>) ((List<?>) json(on.get("/api/history")).get("tasks")).get(0);

    assertThat(on.history().find(taskId).orElseThrow().isFinished())
        .as("not the task's verdict, so a restart or vidgen wait picks it up").isFalse();
    assertThat(listed.get("status")).isNotEqualTo("failed");
    assertThat((String) listed.get("next")).contains("TOAPIS_API_KEY");
  }

  @Test
  void answersARejectedCreateWithTheProvidersWordsAndKeepsNoTask() throws IOException {
    start();
    mock.script().fail(Operation.CREATE, 1, FailureKind.REJECTED, "duration is not supported for this account");
    String upload = on.uploadId(Files.readAllBytes(productPng()), "product.png");
    Request generate = on.request("/api/generate").post(RequestBody.create(job(upload, 10), JSON)).build();
    try (Response response = on.http.newCall(generate).execute()) {
      assertThat(response.code()).isEqualTo(422);
      Map<?, ?> error = (Map<?, ?>) json(response.body().string()).get("error");
      assertThat((String) error.get("message")).contains("duration is not supported for this account");
      assertThat((String) error.get("next")).contains("request preview");
    }
    assertThat(on.history().entries()).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCreateWithoutAnAnswerIsKeptAsUnknownSoThatTheSameJobWarnsBeforePayingAgain() throws IOException {
    start();
    mock.script().unansweredCreate(true);
    String upload = on.uploadId(Files.readAllBytes(productPng()), "product.png");
    Request generate = on.request("/api/generate").post(RequestBody.create(job(upload, 10), JSON)).build();
    try (Response response = on.http.newCall(generate).execute()) {
      assertThat(response.code()).isEqualTo(502);
      Map<?, ?> error = (Map<?, ?>) json(response.body().string()).get("error");
      assertThat((String) error.get("message")).contains("may exist and be billed");
      assertThat(error.get("next")).as("what to do, not nothing")
          .isEqualTo("check the provider's dashboard for the task before you generate this job again");
    }

    Map<String, Object> same = (Map<String, Object>) json(on.post("/api/check", job(upload, 10))).get("same_job");

    HistoryEntry unknown = on.history().entries().get(0);
    assertThat(unknown.status()).isEqualTo("unknown");
    assertThat(unknown.taskId()).as("its create carried no reference, and the name says so")
        .startsWith("unanswered-noref-vg-");
    assertThat(unknown.referenceSent()).isFalse();
    assertThat(unknown.credits()).isEqualByComparingTo("20");
    assertThat(same).as("the page warns before the same job pays again").containsEntry("task_id", unknown.taskId())
        .containsEntry("status", "unknown");
    Map<?, ?> listed = (Map<?, ?>) ((List<?>) json(on.get("/api/history")).get("tasks")).get(0);
    assertThat(listed.get("next")).isEqualTo("check the provider's dashboard for the task before you generate this"
        + " job again");
  }

  @Test
  void theJobIsInTheHistoryBeforeItsCreateGoesOutAndTheAnswerClosesThatNote() throws IOException {
    start();
    String upload = on.uploadId(Files.readAllBytes(productPng()), "product.png");
    mock.script().fail(dev.vidgen.core.policy.Operation.CREATE, 1, dev.vidgen.core.policy.FailureKind.REJECTED);
    try (Response refused = on.http.newCall(on.request("/api/generate").post(RequestBody.create(job(upload, 10), JSON)).build())
        .execute()) {
      assertThat(refused.code()).as("refused by the provider").isEqualTo(422);
    }
    assertThat(on.history().entries()).as("a refused create leaves nothing to warn about").isEmpty();

    on.post("/api/generate", job(upload, 10));

    List<String> lines = Files.readAllLines(folder.resolve("home/history.jsonl"));
    // Each submit writes its note as it begins (before its uploads), again as its create leaves, then its answer.
    assertThat(lines.get(3)).as("written before the uploads: a playground stopped then leaves a trace")
        .contains("\"status\":\"unknown\"", "its submit began at", "no answer is recorded yet");
    assertThat(lines.get(4)).as("written again just before the create went out")
        .contains("\"status\":\"unknown\"", "its create went out from the playground at", "no answer is recorded yet");
    assertThat(on.history().entries()).as("the note closed, the task's own entry in sight").singleElement()
        .satisfies(task -> assertThat(task.taskId()).startsWith("video_mock_"));
  }

  @Test
  void theSameJobAnotherRunIsStillUploadingIsRefusedWithoutSayingThatItsCreateWentOut() throws IOException {
    start();
    String form = "{\"model\":\"" + MODEL + "\",\"prompt\":\"Still uploading\",\"seconds\":10,"
        + "\"aspect_ratio\":\"16:9\",\"images\":[{\"url\":\"https://img.example/a.png\"}]}";
    VideoJob same = VideoJob.builder(MODEL).prompt("Still uploading").seconds(10).aspectRatio("16:9")
        .image("https://img.example/a.png").build();
    // Four minutes in (its upload retried), past the 3 minutes a create's answer is waited for.
    Instant began = Instant.now().minus(java.time.Duration.ofMinutes(4));
    // As a vidgen generate still in its uploads leaves it: its reservation, and its marker held (here, by this JVM).
    on.history().record(HistoryEntry.unanswered("vg-uploading", false, "mock", same, PriceQuote.unknown(MODEL, "test"),
        began, began, HistoryEntry.SUBMIT_BEGAN + began + " (UTC) and " + HistoryEntry.SENDING_MARK, "generate"));
    dev.vidgen.serve.history.RunMarker marker = dev.vidgen.serve.history.RunMarker.hold(on.history(), "vg-uploading")
        .orElseThrow();
    try (Response refused = on.http.newCall(on.request("/api/generate").post(RequestBody.create(form, JSON)).build())
        .execute()) {
      String body = refused.body().string();
      assertThat(refused.code()).as(body).isEqualTo(409);
      assertThat(body).contains("same_job_sending", "was started 4 min ago by vidgen generate",
          "uploads or create are still on their way", "generating again here sends the job").doesNotContain("went out");
    }
    String again = form.replace("{", "{\"again\":true,\"again_after\":\"unanswered-noref-vg-uploading\",");
    try (Response confirmed = on.http.newCall(on.request("/api/generate").post(RequestBody.create(again, JSON)).build())
        .execute()) {
      assertThat(confirmed.code()).as("no confirmation sends it while that run may still send its own").isEqualTo(409);
      assertThat(confirmed.body().string()).contains("same_job_sending");
    } finally {
      marker.remove();
    }
    assertThat(mock.calls(MockCall.Method.CREATE)).as("nothing sent").isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void theSameJobWhoseCreateAnotherProcessSentMomentsAgoIsRefused409UntilItCouldNoLongerBeOnItsWay()
      throws IOException {
    start();
    String form = "{\"model\":\"" + MODEL + "\",\"prompt\":\"Slow push-in\",\"seconds\":10,"
        + "\"aspect_ratio\":\"16:9\",\"images\":[{\"url\":\"https://img.example/a.png\"}]}";
    VideoJob same = VideoJob.builder(MODEL).prompt("Slow push-in").seconds(10).aspectRatio("16:9")
        .image("https://img.example/a.png").build();
    Instant now = Instant.now();
    on.history().record(HistoryEntry.unanswered("vg-elsewhere", false, "mock", same, PriceQuote.unknown(MODEL, "test"),
        now.minusSeconds(5), now.minusSeconds(5), "its create went out at then (UTC) and " + HistoryEntry.SENDING_MARK
            + " (if this stays, the process stopped before one came)", "generate", 1));

    Map<String, Object> checked = json(on.post("/api/check", form));
    assertThat((Map<String, Object>) checked.get("same_job")).containsEntry("sending", true);
    try (Response refused = on.http.newCall(on.request("/api/generate").post(RequestBody.create(form, JSON)).build())
        .execute()) {
      String body = refused.body().string();
      assertThat(refused.code()).as(body).isEqualTo(409);
      assertThat(body).as("seconds ago is \"just now\", never \"0 s ago\"")
          .contains("same_job_sending", "went out just now from vidgen generate", "\"sent\":\"no\"");
    }
    assertThat(mock.calls(MockCall.Method.CREATE)).as("nothing sent").isEmpty();

    // A newer take of the same job, answered since (an --again), does not end the earlier create's way.
    on.history().record(HistoryEntry.submitted(new JobHandle("mock", TaskId.of("t_newer_take"), MODEL,
        PriceQuote.unknown(MODEL, "test"), Instant.now(), null), same, "generate"));
    try (Response refused = on.http.newCall(on.request("/api/generate").post(RequestBody.create(form, JSON)).build())
        .execute()) {
      assertThat(refused.code()).as("the earlier create may still be on its way").isEqualTo(409);
    }
    assertThat((Map<String, Object>) json(on.post("/api/check", form)).get("same_job"))
        .containsEntry("task_id", "unanswered-noref-vg-elsewhere").containsEntry("sending", true);
    assertThat(mock.calls(MockCall.Method.CREATE)).as("nothing sent").isEmpty();

    // Once it could no longer be on its way, the note asks, as any take of the same job does: it may be billed.
    Instant earlier = now.minus(HistoryEntry.CREATE_MAY_STILL_ANSWER).minusSeconds(10);
    on.history().record(HistoryEntry.unanswered("vg-elsewhere", false, "mock", same, PriceQuote.unknown(MODEL, "test"),
        earlier, earlier, "its create went out at then (UTC) and " + HistoryEntry.SENDING_MARK
            + " (if this stays, the process stopped before one came)", "generate", 1));
    try (Response refused = on.http.newCall(on.request("/api/generate").post(RequestBody.create(form, JSON)).build())
        .execute()) {
      assertThat(refused.code()).isEqualTo(409);
      assertThat(refused.body().string()).contains("\"code\":\"same_job\"", "task t_newer_take");
    }
    assertThat(json(on.post("/api/generate", form.replace("{", "{\"again\":true,")))).containsKey("task");
  }

  /** The page reads a create on its way from this: the note's words and when it was sent. */
  @Test
  void aCreateOnItsWayIsListedAsNotAnsweredYetAndItsNoteGoesWhenTheTaskIsThere() throws IOException {
    start();
    String upload = on.uploadId(Files.readAllBytes(productPng()), "product.png");
    mock.script().rateLimitCreates(1, Duration.ofSeconds(2)); // the create waits, then goes again
    java.util.concurrent.CompletableFuture<String> answer = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> on.post("/api/generate", job(upload, 10)));

    Map<?, ?> note = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
        .until(() -> historyTasks().stream().filter(task -> String.valueOf(task.get("task_id")).startsWith("unanswered-"))
            .findFirst().orElse(null), java.util.Objects::nonNull);
    assertThat(note.get("status")).isEqualTo("unknown");
    assertThat((String) note.get("error")).contains("no answer is recorded yet");
    assertThat(Instant.parse((String) note.get("submitted_at"))).isAfter(Instant.now().minusSeconds(60));

    String taskId = (String) ((Map<?, ?>) json(answer.join()).get("task")).get("task_id");
    assertThat(historyTasks()).extracting(task -> (String) task.get("task_id")).containsExactly(taskId);
  }

  private List<Map<?, ?>> historyTasks() {
    return ((List<?>) json(on.get("/api/history")).get("tasks")).stream().<Map<?, ?>>map(task -> (Map<?, ?>) task).toList();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aFieldTheModelIgnoresIsWarnedOfInTheGeneratesAnswerAsVidgenGenerateDoes() throws IOException {
    start();
    String upload = on.uploadId(Files.readAllBytes(productPng()), "product.png");
    String form = "{\"model\":\"kling-3.0-turbo\",\"prompt\":\"Slow push-in\",\"seconds\":5,"
        + "\"aspect_ratio\":\"9:16\",\"images\":[{\"upload\":\"" + upload + "\"}]}";

    Map<String, Object> answer = json(on.post("/api/generate", form));

    assertThat((List<Map<String, Object>>) answer.get("warnings")).singleElement().satisfies(warning -> {
      assertThat(warning).containsEntry("code", "aspect_ratio.ignored").containsEntry("severity", "warning");
      assertThat((String) warning.get("message")).contains("9:16 is ignored for image-to-video", "not sent");
    });
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCreateSentAgainAfterAServerErrorIsToldToThePageAndItsFirstTakeKeptAsUnknown() throws IOException {
    start();
    mock.script().serverErrors(dev.vidgen.core.policy.Operation.CREATE, 1, 500);
    String upload = on.uploadId(Files.readAllBytes(productPng()), "product.png");

    Map<String, Object> answer = json(on.post("/api/generate", job(upload, 10)));

    String taskId = (String) ((Map<String, Object>) answer.get("task")).get("task_id");
    assertThat((List<Map<String, Object>>) answer.get("warnings")).singleElement().satisfies(warning -> {
      assertThat(warning).containsEntry("code", "create.resent");
      assertThat((String) warning.get("message")).contains("the first take may have made a billed task",
          "the take sent again made task " + taskId, "check the provider's dashboard");
    });
    assertThat(on.history().entries()).extracting(HistoryEntry::taskId).as("the task, and its first take")
        .hasSize(2).contains(taskId);
    assertThat(on.history().entries()).filteredOn(entry -> !entry.taskId().equals(taskId)).singleElement()
        .satisfies(first -> assertThat(first.status()).isEqualTo("unknown"))
        .satisfies(first -> assertThat(first.error()).contains("the take sent again made task " + taskId));
    // Its first take is priced on the task's own card (possible_extra_credits), so the note points there: said once.
    assertThat(historyTasks()).filteredOn(task -> !taskId.equals(task.get("task_id"))).singleElement()
        .satisfies(first -> assertThat(first.get("counted_on")).isEqualTo(taskId));
    assertThat(historyTasks()).filteredOn(task -> taskId.equals(task.get("task_id"))).singleElement()
        .satisfies(task -> assertThat(task.get("possible_extra_tasks")).isEqualTo(1L))
        .satisfies(task -> assertThat(task.get("counted_on")).isNull());
  }

  @Test
  @SuppressWarnings("unchecked")
  void aJobOfUnknownPriceIsWarnedOfInTheCheckAndTheGenerateOnTheBalanceThePageShows() {
    start(Duration.ofMillis(1500), BigDecimal.valueOf(1000));
    String form = "{\"model\":\"grok-video-1.0\",\"prompt\":\"A kite over the sea\",\"seconds\":8,"
        + "\"aspect_ratio\":\"16:9\",\"resolution\":\"720p\",\"images\":[]}";
    // A first job: the client reads the balance as its create leaves and counts 980 credits left from then on.
    json(on.post("/api/generate", "{\"model\":\"" + MODEL + "\",\"prompt\":\"A first job\",\"seconds\":10,"
        + "\"aspect_ratio\":\"16:9\",\"images\":[{\"url\":\"https://cdn.example.com/a.png\"}]}"));
    mock.topUp(BigDecimal.valueOf(500)); // topped up since: the client's count is old news
    assertThat(json(on.get("/api/balance"))).as("what the page shows").containsEntry("remaining_credits", 1480L);

    Map<String, Object> check = json(on.post("/api/check", form));
    Map<String, Object> generated = json(on.post("/api/generate", form));

    assertThat((List<Map<String, Object>>) check.get("violations")).as("said before Generate, at the price")
        .singleElement().satisfies(note -> {
          assertThat(note).containsEntry("severity", "warning").containsEntry("code", "price.unknown")
              .containsEntry("field", "price");
          assertThat((String) note.get("message")).contains("the price of grok-video-1.0 is unknown",
              "cannot be compared with the 1480 credits left", "sent without that check");
        });
    assertThat((List<Map<String, Object>>) generated.get("warnings")).as("as vidgen generate warns")
        .singleElement().satisfies(warning -> {
          assertThat(warning).containsEntry("code", "price.unknown");
          assertThat((String) warning.get("message")).contains("the 1480 credits left").doesNotContain("980");
        });
  }

  @Test
  @SuppressWarnings("unchecked")
  void aJobOfUnknownPriceOnAnUnlimitedBalanceDrawsNoPriceNote() {
    start();
    json(on.get("/api/balance"));

    Map<String, Object> check = json(on.post("/api/check", "{\"model\":\"grok-video-1.0\",\"prompt\":\"A kite\","
        + "\"seconds\":8,\"aspect_ratio\":\"16:9\",\"resolution\":\"720p\",\"images\":[]}"));

    assertThat((List<Map<String, Object>>) check.get("violations")).as("nothing to compare with: as vidgen generate")
        .isEmpty();
  }

  @Test
  void aNameSentAsRawUtf8BytesKeepsItsLettersAsAPercentEncodedOneDoes() throws IOException {
    start();
    byte[] image = Files.readAllBytes(productPng());
    // As curl -H 'X-File-Name: café 😀.png' sends it: the name's UTF-8 bytes, unencoded.
    Request raw = on.request("/api/uploads").headers(new okhttp3.Headers.Builder()
        .add(PlaygroundToken.HEADER, on.playground().token().reveal()) // headers(…) replaces the request's own
        .addUnsafeNonAscii("X-File-Name", "café 😀.png").build()).post(RequestBody.create(image, BYTES)).build();
    String rawName;
    try (Response response = on.http.newCall(raw).execute()) {
      String body = response.body().string();
      assertThat(response.code()).as(body).isEqualTo(201);
      rawName = (String) json(body).get("name");
    }

    assertThat(rawName).isEqualTo("café__.png");
    assertThat(Playground.fileName("caf%C3%A9%20%F0%9F%98%80.png")).as("percent-encoded, as the page sends it")
        .isEqualTo("café 😀.png");
    assertThat(Playground.fileName("caf\u00e9.png")).as("Latin-1 bytes that are not UTF-8 stay as they came")
        .isEqualTo("café.png");
  }

  @Test
  void aCreateAnsweredWithServerErrorsToTheEndSaysSoAndIsKeptAsUnknown() throws IOException {
    start();
    mock.script().serverErrors(dev.vidgen.core.policy.Operation.CREATE, 50, 500);
    String upload = on.uploadId(Files.readAllBytes(productPng()), "product.png");
    Request generate = on.request("/api/generate").post(RequestBody.create(job(upload, 10), JSON)).build();
    try (Response response = on.http.newCall(generate).execute()) {
      assertThat(response.code()).isEqualTo(502);
      Map<?, ?> error = (Map<?, ?>) json(response.body().string()).get("error");
      assertThat((String) error.get("message")).as("not 'no answer came back': it was sent again after each 500")
          .contains("answered with a server error").doesNotContain("no answer came back");
      assertThat(error.get("sent")).as("the page words it 'maybe sent'").isEqualTo("maybe");
    }
    assertThat(on.history().entries().get(0).status()).isEqualTo("unknown");
  }

  @Test
  void anUnansweredCreateThatCarriedAReferenceIsToBeLookedUpOnThisServer() throws IOException {
    start();
    mock.script().unansweredCreate(true);
    mock.script().fail(Operation.READ, 1_000, FailureKind.UNAVAILABLE); // the look-up fails too
    String form = "{\"model\":\"seedance-2\",\"prompt\":\"a red kite rises\"}";
    Request generate = on.request("/api/generate").post(RequestBody.create(form, JSON)).build();
    String next;
    try (Response response = on.http.newCall(generate).execute()) {
      assertThat(response.code()).isEqualTo(502);
      next = (String) ((Map<?, ?>) json(response.body().string()).get("error")).get("next");
    }

    HistoryEntry unknown = on.history().entries().get(0);
    assertThat(unknown.referenceSent()).isTrue();
    assertThat(next).as("the command reaches this playground's provider")
        .isEqualTo("look the task up with vidgen status " + unknown.taskId() + " --provider mock (or on the"
            + " provider's dashboard) before you generate this job again");
    assertThat(unknown.error()).isEqualTo(next);
  }

  @Test
  void neverShowsTheKey() throws IOException {
    String key = "sk-playgroundsecret" + "9".repeat(30);
    on.client(VidgenClient.builder().provider("toapis", ProviderConfig.builder().apiKey(ApiKey.of(key))
        .baseUrl("http://127.0.0.1:9").build()).build());
    on.start(MODEL, List.of("--provider", "toapis"));
    String upload = on.uploadId(Files.readAllBytes(productPng()), "product.png");
    String check = on.post("/api/check", job(upload, 10));
    assertThat(check).contains("\"valid\":true", "Bearer $TOAPIS_API_KEY").doesNotContain(key).doesNotContain("playgroundsecret");
    assertThat(on.get("/api/models") + on.get("/") + on.get("/app.js")).doesNotContain("playgroundsecret");
  }

  private void start() {
    start(Duration.ofMillis(1500));
  }

  private void start(Duration taskLength) {
    start(taskLength, null);
  }

  /** A playground on the mock, whose account has {@code credits} (null: unlimited). */
  private void start(Duration taskLength, BigDecimal credits) {
    MockVideoProvider.Builder builder = MockVideoProvider.builder().duration(taskLength);
    mock = (credits == null ? builder : builder.credits(credits)).build();
    on.client(VidgenClient.builder()
        .provider(mock)
        .pollSchedule(PollSchedule.builder().firstDelay(Duration.ofMillis(100)).minInterval(Duration.ofMillis(100))
            .maxInterval(Duration.ofMillis(200)).build())
        .build());
    on.start(MODEL, List.of("--provider", "mock"));
  }

  private static String job(String upload, int seconds) {
    String images = upload == null ? "[]" : "[{\"upload\":\"" + upload + "\"}]";
    return "{\"model\":\"" + MODEL + "\",\"prompt\":\"Slow push-in\",\"seconds\":" + seconds
        + ",\"aspect_ratio\":\"16:9\",\"images\":" + images + "}";
  }

  @Test
  @SuppressWarnings("unchecked")
  void aVideoNotSavedOnAProviderThatStatesNoLifetimeIsAdvisedWithoutTheFigureToApisAndTheMockKeepResults() {
    // The advice on how long a result lasts comes from the provider's keepsResultsFor(): one that states none is never
    // given the 24 hours ToAPIs and the mock keep results.
    on.client(VidgenClient.builder()
        .provider(new StatesNoLifetime(MockVideoProvider.builder().duration(Duration.ofMillis(300)).build()))
        .pollSchedule(PollSchedule.builder().firstDelay(Duration.ofMillis(50)).minInterval(Duration.ofMillis(50))
            .maxInterval(Duration.ofMillis(100)).build())
        .maxVideoBytes(16)
        .build());
    on.start("veo3.1-fast", List.of("--provider", "mock"));

    Map<String, Object> made = json(on.post("/api/generate", "{\"model\":\"veo3.1-fast\",\"prompt\":\"a kite\"}"));
    String taskId = (String) ((Map<String, Object>) made.get("task")).get("task_id");
    String next = await().atMost(Duration.ofSeconds(20)).until(() -> (String) historyTask(taskId).get("next"),
        said -> said != null);

    assertThat(next).contains("its video is larger than this playground saves", "--set max_video_size=",
        "saves it (while the provider keeps the link)").doesNotContain("24 hours");
    assertThat((String) historyTask(taskId).get("problem")).as("the playground's setting, not a Java one")
        .contains("the most this client saves (vidgen serve --set max_video_size sets it)")
        .doesNotContain("VidgenClient.Builder");
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
    public java.util.concurrent.CompletableFuture<java.net.URI> upload(Path image) {
      return work.upload(image);
    }

    @Override
    public java.util.concurrent.CompletableFuture<dev.vidgen.core.domain.TaskSnapshot> create(
        dev.vidgen.core.port.SubmitRequest request) {
      return work.create(request);
    }

    @Override
    public java.util.concurrent.CompletableFuture<dev.vidgen.core.domain.TaskSnapshot> status(TaskId taskId) {
      return work.status(taskId);
    }

    @Override
    public java.util.concurrent.CompletableFuture<java.io.InputStream> open(dev.vidgen.core.domain.VideoAsset asset) {
      return work.open(asset);
    }

    @Override
    public RequestPreview preview(dev.vidgen.core.port.SubmitRequest request) {
      return work.preview(request);
    }
  }

  /** The playground's history entry of {@code taskId}, as {@code /api/history} lists it. */
  private Map<?, ?> historyTask(String taskId) {
    return historyTasks().stream().filter(task -> taskId.equals(task.get("task_id"))).findFirst().orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> model(Map<String, Object> models, String id) {
    return ((List<Map<String, Object>>) models.get("models")).stream()
        .filter(model -> model.get("id").equals(id)).findFirst().orElseThrow();
  }

  static Path productPng() {
    Path folder = Path.of("").toAbsolutePath();
    while (folder != null && !Files.exists(folder.resolve("docs/examples/product.png"))) {
      folder = folder.getParent();
    }
    if (folder == null) {
      throw new AssertionError("docs/examples/product.png is not in this checkout");
    }
    return folder.resolve("docs/examples/product.png");
  }
}
