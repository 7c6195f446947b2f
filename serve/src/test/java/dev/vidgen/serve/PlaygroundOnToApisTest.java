package dev.vidgen.serve;

import static dev.vidgen.serve.PlaygroundFixture.JSON;
import static dev.vidgen.serve.PlaygroundFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.port.ApiKey;
import dev.vidgen.core.port.ProviderConfig;
import dev.vidgen.serve.PlaygroundFixture.Answer;
import dev.vidgen.serve.history.TaskHistory;
import dev.vidgen.testkit.toapis.CreateRecord;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import dev.vidgen.testkit.toapis.TaskScript;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The playground on the fake ToAPIs server (loopback): what the provider receives, and what the page is told. */
class PlaygroundOnToApisTest {
  private static final String MODEL = "grok-video-1.5-preview";

  @TempDir Path folder;

  private final FakeToApisServer fake = FakeToApisServer.builder().lifecycle(Duration.ZERO, Duration.ofMinutes(5))
      .start();
  @RegisterExtension final PlaygroundFixture on = new PlaygroundFixture(() -> folder, fake);

  @Test
  void generatingTheSameImageAgainReusesItsUploadButNeverForOtherBytes() throws IOException {
    on.startOnFake(MODEL);
    byte[] product = Files.readAllBytes(PlaygroundServerTest.productPng());
    String upload = on.uploadId(product, "product.png");
    // The same bytes under another name: another upload id on the page, the same image at the provider.
    String renamed = on.uploadId(product, "bottle.png");
    byte[] other = product.clone();
    other[other.length - 1] ^= 1; // the last byte of the PNG's end chunk: still a PNG by its content
    String changed = on.uploadId(other, "product.png");

    generate(job(upload, "First take"));
    generate(job(upload, "Second take"));
    generate(job(renamed, "Third take"));
    assertThat(fake.requests(Endpoint.UPLOAD)).as("one upload for the same bytes").hasSize(1);
    generate(job(changed, "Other bytes"));

    assertThat(fake.requests(Endpoint.UPLOAD)).as("other bytes are uploaded on their own").hasSize(2);
    List<String> urls = fake.creates().stream().map(PlaygroundOnToApisTest::imageOf).toList();
    assertThat(urls).hasSize(4).doesNotContainNull();
    assertThat(urls.subList(0, 3)).as("the three creates of the same bytes").containsOnly(urls.get(0));
    assertThat(urls.get(3)).isNotEqualTo(urls.get(0));
  }

  @Test
  void aKeyTypedIntoTheFormIsRefusedAndMaskedInEveryAnswer() throws IOException {
    startKnowingTheKey();
    String key = fake.apiKey();
    String upload = on.uploadId(Files.readAllBytes(PlaygroundServerTest.productPng()), "product.png");
    String job = "{\"model\":\"" + MODEL + "\",\"prompt\":\"leak " + key + "\",\"seconds\":10,"
        + "\"images\":[{\"upload\":\"" + upload + "\"}],\"params\":{\"x\":\"" + key + "\"}}";

    String checked = on.post("/api/check", job);
    Answer generated = on.answer("/api/generate", job);
    String listed = on.call(on.request("/api/history").build());

    for (String answer : List.of(checked, generated.body(), listed)) {
      assertThat(answer).doesNotContain(key).doesNotContain(key.substring(3));
    }
    assertThat(checked).contains("text.holds_api_key", "prompt holds the API key", "params.x holds the API key");
    assertThat(generated.status()).as(generated.body()).isEqualTo(422);
    assertThat(generated.body()).as("refused before sending").contains("text.holds_api_key", "nothing was sent");
    assertThat(fake.creates()).isEmpty();
    assertThat((String) json(checked).get("command")).as("the command that repeats the job").contains("leak sk-…");
  }

  @Test
  void aPromptOrParameterHoldingHalfAnEmojiIsRefusedByCheckAndGenerateNotSentWithAQuestionMark() throws IOException {
    on.startOnFake(MODEL);
    String upload = on.uploadId(Files.readAllBytes(PlaygroundServerTest.productPng()), "product.png");
    // JSON escapes of half an emoji, as a page or script cutting the text by UTF-16 index sends them.
    String job = job(upload, "Gr\\u00fc\\u00dfe \\ud83c Ende API");
    String inParam = job.replace("}]}", "}],\"params\":{\"metadata\":{\"negative_prompt\":\"blur \\udc8e\"}}}")
        .replace(" \\ud83c", "");

    String checked = on.post("/api/check", job);
    Answer generated = on.answer("/api/generate", job);
    Answer generatedWithParam = on.answer("/api/generate", inParam);

    assertThat(checked).contains("text.broken_character", "prompt: a broken character at position 7");
    assertThat(generated.status()).as(generated.body()).isEqualTo(422);
    assertThat(generated.body()).contains("text.broken_character", "nothing was sent");
    assertThat(generatedWithParam.status()).as(generatedWithParam.body()).isEqualTo(422);
    assertThat(generatedWithParam.body()).contains("params.metadata.negative_prompt: a broken character at position 6");
    assertThat(fake.creates()).as("nothing sent with \"?\" in its place").isEmpty();
  }

  @Test
  void aTaskMadeHereKeepsTheTagOfItsKeyInTheHistoryAndNothingOfTheKey() throws IOException {
    startKnowingTheKey();
    String upload = on.uploadId(Files.readAllBytes(PlaygroundServerTest.productPng()), "product.png");

    generate(job(upload, "Tagged take"));

    assertThat(fake.creates()).hasSize(1);
    assertThat(on.history().entries()).singleElement().extracting(dev.vidgen.serve.history.HistoryEntry::keyTag)
        .isEqualTo(ApiKey.of(fake.apiKey()).tag());
    String written = Files.readString(folder.resolve("home").resolve("history.jsonl"));
    assertThat(written).doesNotContain(fake.apiKey()).doesNotContain(fake.apiKey().substring(3));
  }

  @Test
  void aTaskMadeHereKeepsTheBaseUrlItWasMadeOnAndThePlaygroundsVideosFolderInTheHistory() throws IOException {
    on.startOnFake(MODEL);
    String upload = on.uploadId(Files.readAllBytes(PlaygroundServerTest.productPng()), "product.png");

    generate(job(upload, "Where it was made"));

    assertThat(fake.creates()).hasSize(1);
    // What vidgen history's command to save the video names, pasted later in a shell without this playground.
    assertThat(on.history().entries()).singleElement().satisfies(entry -> {
      assertThat(entry.baseUrl()).isEqualTo(fake.baseUrl());
      assertThat(entry.out()).isEqualTo(on.playground().videosFolder() + java.io.File.separator);
    });
    assertThat(Files.readString(folder.resolve("home").resolve("history.jsonl")))
        .contains("\"base_url\":\"" + fake.baseUrl() + "\"");
  }

  @Test
  void dollarsAreWrittenAsTheCommandLineWritesThemInEveryAnswer() throws IOException {
    on.startOnFake(MODEL);
    String upload = on.uploadId(Files.readAllBytes(PlaygroundServerTest.productPng()), "product.png");
    String job = job(upload, "Priced take");

    String checked = on.post("/api/check", job);
    generate(job);
    Answer again = on.answer("/api/generate", job);
    String listed = on.call(on.request("/api/history").build());
    String models = on.call(on.request("/api/models").build());

    for (String answer : List.of(checked, again.body(), listed)) {
      assertThat(answer).as(answer).contains("\"usd\":0.1").doesNotContain("\"usd\":0.10");
    }
    assertThat(again.status()).as(again.body()).isEqualTo(409);
    assertThat(models).contains("\"usd_by_seconds\":{\"10\":0.1,\"15\":0.15}")
        .contains("\"credits_by_seconds\":{\"10\":20,\"15\":30}");
  }

  @Test
  void theBalanceShownIsTheSmallerOfTheKeysAndTheAccountsSoAnUnlimitedKeyShowsTheAccountsLimit() {
    fake.balance(new BigDecimal("10"), false);
    fake.keyBalance(null);
    on.startOnFake(MODEL);

    Map<String, Object> accountLimits = json(on.call(on.request("/api/balance").build()));

    assertThat(accountLimits).containsEntry("unlimited", false).containsEntry("limited_by", "account");
    assertThat(new BigDecimal(String.valueOf(accountLimits.get("remaining_credits")))).isEqualByComparingTo("10");

    fake.balance(new BigDecimal("5000"), false);
    fake.keyBalance(new BigDecimal("700"));
    Map<String, Object> keyLimits = json(on.call(on.request("/api/balance").build()));

    assertThat(keyLimits).containsEntry("unlimited", false).containsEntry("limited_by", "key");
    assertThat(new BigDecimal(String.valueOf(keyLimits.get("remaining_credits")))).isEqualByComparingTo("700");

    fake.balance(new BigDecimal("0"), true);
    fake.keyBalance(null);
    assertThat(json(on.call(on.request("/api/balance").build()))).containsEntry("unlimited", true)
        .containsEntry("remaining_credits", null).containsEntry("limited_by", "unlimited");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theAdvancedOptionsLeaveOutTheClientReferenceVidgenSendsItselfWhichAJobMayNotSet() {
    on.startOnFake(MODEL);

    List<Map<String, Object>> models = (List<Map<String, Object>>) json(on.call(on.request("/api/models").build())).get("models");
    Map<String, Object> seedance = models.stream().filter(model -> "seedance-2".equals(model.get("id"))).findFirst()
        .orElseThrow();

    assertThat(dev.vidgen.core.domain.RouteCatalog.builtIn().require("seedance-2").knownParams()).contains("client_business_id");
    assertThat((List<String>) seedance.get("known_params")).contains("seed", "callback_url")
        .doesNotContain("client_business_id");
  }

  @Test
  void anUploadOlderThanItsReuseTimeIsMadeAgain() throws Exception {
    on.startOnFake(MODEL);
    Path image = Files.copy(PlaygroundServerTest.productPng(), folder.resolve("product.png"));
    MovableClock clock = new MovableClock();
    ImageUploads uploads = new ImageUploads(on.client(), clock);
    dev.vidgen.core.domain.VideoJob job = dev.vidgen.core.domain.VideoJob.builder(MODEL).prompt("x").image(image)
        .build();

    dev.vidgen.core.domain.VideoJob first = uploads.upload(job).get(10, TimeUnit.SECONDS);
    clock.move(ImageUploads.REUSE_FOR.minusSeconds(1));
    dev.vidgen.core.domain.VideoJob within = uploads.upload(job).get(10, TimeUnit.SECONDS);
    assertThat(fake.requests(Endpoint.UPLOAD)).as("within the reuse time").hasSize(1);
    clock.move(Duration.ofSeconds(1));
    dev.vidgen.core.domain.VideoJob after = uploads.upload(job).get(10, TimeUnit.SECONDS);

    assertThat(fake.requests(Endpoint.UPLOAD)).as("once the reuse time is over").hasSize(2);
    assertThat(first.hasLocalImages()).isFalse();
    assertThat(within.images()).isEqualTo(first.images());
    assertThat(after.images()).isNotEqualTo(first.images());
  }

  @Test
  @SuppressWarnings("unchecked")
  void aFailedTaskShowsItsChargeUnknownAndABlindResendWhatItMayHaveCostMore() throws IOException {
    on.startOnFake(MODEL);
    String upload = on.uploadId(Files.readAllBytes(PlaygroundServerTest.productPng()), "product.png");
    fake.nextTask(TaskScript.fails("generation_failed", "<b>content policy</b>")
        .taking(dev.vidgen.testkit.toapis.Lifecycle.byPolls(0, 1)));
    String failed = (String) ((Map<String, Object>) json(generate(job(upload, "Fails"))).get("task")).get("task_id");
    fake.inject(Endpoint.CREATE, Fault.serverError(), 1);
    Map<String, Object> resent = (Map<String, Object>) json(generate(job(upload, "Resent"))).get("task");

    assertThat(resent).containsEntry("possible_extra_tasks", 1L).containsEntry("credits", 20L)
        .containsEntry("possible_extra_credits", 20L).doesNotContainKey("charge");
    await().atMost(Duration.ofSeconds(20)).until(() -> "failed".equals(on.task(failed).get("status")));
    assertThat(on.task(failed)).containsEntry("charge", "unknown").containsEntry("credits", 20L)
        .containsEntry("error", "generation_failed: <b>content policy</b>").doesNotContainKey("possible_extra_tasks");
    assertThat(on.task((String) resent.get("task_id"))).as("the history says it too")
        .containsEntry("possible_extra_tasks", 1L).containsEntry("possible_extra_credits", 20L);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCompletedTaskWhoseVideoLinkIsNotHttpShowsCompletedWithTheProblemAndNoCommandThatRepeatsIt() throws IOException {
    on.startOnFake(MODEL);
    String upload = on.uploadId(Files.readAllBytes(PlaygroundServerTest.productPng()), "product.png");
    fake.inject(Endpoint.STATUS, Fault.answer(200, "application/json",
        "{\"status\":\"completed\",\"result\":{\"data\":[{\"url\":\"file:///etc/passwd\"}]}}"), 1_000);

    String id = (String) ((Map<String, Object>) json(generate(job(upload, "File link"))).get("task")).get("task_id");

    await().atMost(Duration.ofSeconds(20)).until(() -> on.task(id).get("problem") != null);
    Map<String, Object> card = on.task(id);
    assertThat(card).containsEntry("status", "completed").containsEntry("file", null);
    assertThat((String) card.get("problem")).contains("is completed", "not an absolute http(s) URL",
        "file:///etc/passwd");
    assertThat((String) card.get("next")).contains("provider's dashboard").doesNotContain("vidgen wait",
        "vidgen download", "try again");
    assertThat(fake.requests(Endpoint.FILE)).as("never fetched").isEmpty();
    assertThat(on.history().find(id).orElseThrow().error()).as("kept for the page after a restart")
        .contains("result link unusable", "file:///etc/passwd");
  }

  @Test
  void aCompletedTaskOfTheCommandLineWithoutItsVideoIsGivenTheDownloadCommand() {
    java.time.Instant at = java.time.Instant.parse("2026-11-30T10:00:00Z");
    on.history().record(new dev.vidgen.serve.history.HistoryEntry("task-cli-1", "toapis", MODEL, "completed",
        new java.math.BigDecimal("20"), new java.math.BigDecimal("0.10"), null, at, at.plusSeconds(90), null, null,
        Map.of("prompt", "a kite"), null, "generate"));
    on.history().record(new dev.vidgen.serve.history.HistoryEntry("task-cli-2", "toapis", MODEL, "completed",
        new java.math.BigDecimal("20"), new java.math.BigDecimal("0.10"), folder.resolve("saved.mp4").toString(), at,
        at.plusSeconds(90), null, null, Map.of("prompt", "a kite"), null, "generate"));
    on.startOnFake(MODEL);

    assertThat((String) on.task("task-cli-1").get("next")).isEqualTo("the task is done but its video was not saved here;"
        + " vidgen download task-cli-1 --out " + folder.resolve("videos").toAbsolutePath().normalize()
        + java.io.File.separator + " --provider toapis --base-url " + fake.baseUrl()
        + " saves it (links last 24 hours)");
    assertThat(on.task("task-cli-2").get("next")).as("its video was saved").isNull();
  }

  @Test
  void aCompletedTaskWhoseVideoWasLargerThanItsWholeFileSystemIsToldToSaveItElsewhereNotInTheSamePlace() {
    java.time.Instant at = java.time.Instant.parse("2026-11-30T10:00:00Z");
    // As vidgen generate keeps it after the file system refused a video larger than all of it.
    on.history().record(new dev.vidgen.serve.history.HistoryEntry("task-cli-3", "toapis", MODEL, "completed",
        new java.math.BigDecimal("20"), new java.math.BigDecimal("0.10"), null, at, at.plusSeconds(90), null, null,
        Map.of("prompt", "a kite"), "not saved: saving it to the same place fails the same way; save it in a folder on"
            + " another file system with room for 6.0 MB", "generate"));
    on.startOnFake(MODEL);

    assertThat((String) on.task("task-cli-3").get("next")).isEqualTo("the task is done, but saving its video to the same"
        + " place fails the same way; save it in a folder on another file system with room for 6.0 MB: vidgen download"
        + " task-cli-3 --out OTHER_FOLDER/ --provider toapis --base-url " + fake.baseUrl()
        + " (links last 24 hours)");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theSameJobAgainAfterACreateAnsweredWithServerErrorsSaysItGotNoUsableAnswerNotNoAnswer() throws IOException {
    on.startOnFake(MODEL);
    String upload = on.uploadId(Files.readAllBytes(PlaygroundServerTest.productPng()), "product.png");
    fake.inject(Endpoint.CREATE, Fault.serverError().afterProcessing(), 2);
    assertThat(unanswered(job(upload, "Two 500s then again")).get("message")).as("the generate's own words")
        .asString().contains("server error");

    Answer again = on.answer("/api/generate", job(upload, "Two 500s then again"));

    assertThat(again.status()).as(again.body()).isEqualTo(409);
    Map<String, Object> error = (Map<String, Object>) json(again.body()).get("error");
    assertThat((String) error.get("message")).as("answered, with server errors: true of that as of no answer at all")
        .contains("its create got no usable answer, so it may exist and be billed: unanswered-")
        .doesNotContain("got no answer");
    assertThat(fake.creates()).as("nothing more sent").hasSize(2);
  }

  @Test
  void twoServerErrorsThatEachMayHaveMadeATaskLeaveOneUnknownNoteForUpToTwoTasks() throws IOException {
    on.startOnFake(MODEL);
    String upload = on.uploadId(Files.readAllBytes(PlaygroundServerTest.productPng()), "product.png");
    fake.inject(Endpoint.CREATE, Fault.serverError().afterProcessing(), 2);

    try (Response answer = on.http.newCall(on.request("/api/generate")
        .post(RequestBody.create(job(upload, "Two 500s"), JSON)).build()).execute()) {
      assertThat(answer.code()).as("a provider failure, as the page shows it").isEqualTo(502);
    }

    assertThat(fake.taskIds()).as("a task for each take").hasSize(2);
    Map<String, Object> note = on.tasks().stream().filter(task -> "unknown".equals(task.get("status"))).findFirst()
        .orElseThrow();
    assertThat(note).containsEntry("credits", 20L).containsEntry("possible_tasks", 2L)
        .containsEntry("open_tasks", 2L).containsEntry("credits_at_most", 40L);
    assertThat(new java.math.BigDecimal(note.get("usd_at_most").toString())).isEqualByComparingTo("0.20");
    assertThat((String) note.get("next")).contains("each of its 2 takes may have made a task");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aTakeTheCommandLineMadeOnAnotherServerIsAnotherJobAsOnTheCommandLine() throws Exception {
    String image = "https://cdn.example.com/product.png";
    java.time.Instant minuteAgo = java.time.Instant.now().minusSeconds(60);
    // vidgen generate --base-url http://staging.example:8080 made this take a minute ago; the playground is on the fake.
    on.history().record(dev.vidgen.serve.history.HistoryEntry.submitted(new dev.vidgen.core.client.JobHandle("toapis",
            dev.vidgen.core.domain.TaskId.of("task_staging"), MODEL, dev.vidgen.core.pricing.PriceQuote.unknown(MODEL, "test"), minuteAgo, null, 1),
            sameJob(image, "Staging first"), "generate")
        .completed(folder.resolve("task_staging.mp4").toString(), minuteAgo.plusSeconds(30))
        .withBaseUrl("http://staging.example:8080"));
    on.history().record(dev.vidgen.serve.history.HistoryEntry.submitted(new dev.vidgen.core.client.JobHandle("toapis",
            dev.vidgen.core.domain.TaskId.of("task_here"), MODEL, dev.vidgen.core.pricing.PriceQuote.unknown(MODEL, "test"), minuteAgo, null, 1),
            sameJob(image, "Made here"), "generate")
        .completed(folder.resolve("task_here.mp4").toString(), minuteAgo.plusSeconds(30))
        .withBaseUrl(fake.baseUrl() + "/"));
    on.startOnFake(MODEL);

    assertThat(json(on.post("/api/check", urlJob(image, "Staging first"))).get("same_job"))
        .as("a take on another base URL asks nothing").isNull();
    assertThat((Map<String, Object>) json(on.post("/api/check", urlJob(image, "Made here"))).get("same_job"))
        .as("one on this base URL (a trailing slash aside) is still asked about").containsEntry("task_id", "task_here");
    Answer here = on.answer("/api/generate", urlJob(image, "Made here"));
    assertThat(here.status()).as(here.body()).isEqualTo(409);
    assertThat(here.body()).contains("\"code\":\"same_job\"");
    Answer production = on.answer("/api/generate", urlJob(image, "Staging first"));
    assertThat(production.status()).as(production.body()).isBetween(200, 299);
    assertThat(production.body()).doesNotContain("task_staging");
    assertThat(fake.requests(Endpoint.CREATE)).as("the production take is sent, once").hasSize(1);
  }

  @Test
  void aSameJobRefusalSaysThatATakeOfTheJobOnAnotherServerIsNotCountedOnlyWhenThereIsOne() throws Exception {
    String image = "https://cdn.example.com/product.png";
    java.time.Instant minuteAgo = java.time.Instant.now().minusSeconds(60);
    // The same job made here and, by vidgen generate --base-url, on a staging server; another job made here only.
    for (String[] take : List.of(new String[] {"task_staging", "Both", "http://staging.example:8080"},
        new String[] {"task_here", "Both", fake.baseUrl()}, new String[] {"task_only_here", "Here only", fake.baseUrl()})) {
      on.history().record(dev.vidgen.serve.history.HistoryEntry.submitted(new dev.vidgen.core.client.JobHandle("toapis",
              dev.vidgen.core.domain.TaskId.of(take[0]), MODEL, dev.vidgen.core.pricing.PriceQuote.unknown(MODEL, "test"),
              minuteAgo, null, 1), sameJob(image, take[1]), "generate")
          .completed(folder.resolve(take[0] + ".mp4").toString(), minuteAgo.plusSeconds(30)).withBaseUrl(take[2]));
    }
    on.startOnFake(MODEL);

    Answer both = on.answer("/api/generate", urlJob(image, "Both"));
    Answer hereOnly = on.answer("/api/generate", urlJob(image, "Here only"));

    assertThat(both.status()).as(both.body()).isEqualTo(409);
    assertThat(both.body()).contains("\"code\":\"same_job\"", "task_here",
        "; a take of this job on http://staging.example:8080 is not counted here;");
    assertThat(hereOnly.status()).as(hereOnly.body()).isEqualTo(409);
    assertThat(hereOnly.body()).contains("task_only_here").doesNotContain("not counted here");
    assertThat(fake.requests(Endpoint.CREATE)).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aNoteAStoppedRunOfThePlaygroundLeftIsNotWaitedForButAskedAboutLikeAnyEarlierTake() throws Exception {
    String image = "https://cdn.example.com/product.png";
    dev.vidgen.core.domain.VideoJob sameJob = dev.vidgen.core.domain.VideoJob.builder(MODEL).prompt("Restarted")
        .image(image).seconds(10).aspectRatio("16:9").build();
    // What the playground left a minute ago when it was stopped before its create's answer came.
    java.time.Instant minuteAgo = java.time.Instant.now().minusSeconds(60);
    on.history().record(dev.vidgen.serve.history.HistoryEntry.unanswered("vg-stopped", true, "toapis", sameJob, null,
        minuteAgo, minuteAgo, "its create went out from the playground and no answer is recorded yet", "serve")
        .withBaseUrl(fake.baseUrl())); // on this server, as the playground's notes are
    on.startOnFake(MODEL);
    String job = "{\"model\":\"" + MODEL + "\",\"prompt\":\"Restarted\",\"seconds\":10,\"aspect_ratio\":\"16:9\","
        + "\"images\":[{\"url\":\"" + image + "\"}]}";

    Map<String, Object> check = json(on.post("/api/check", job));
    assertThat((Map<String, Object>) check.get("same_job")).as("its card reads: no answer before the playground stopped")
        .containsEntry("status", "unknown").containsEntry("sending", false);
    try (Response response = on.http.newCall(on.request("/api/generate").post(RequestBody.create(job, JSON)).build())
        .execute()) {
      String body = response.body().string();
      assertThat(response.code()).as(body).isEqualTo(409);
      assertThat((Map<String, Object>) json(body).get("error")).as("asked, not told to wait for an answer that cannot come")
          .containsEntry("code", "same_job");
    }
    assertThat(fake.requests(Endpoint.CREATE)).as("nothing sent without the user's yes").isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aSubmitThatAKilledRunLeftBeforeItsCreateHoldsNothingBackAndOneWhoseCreateWentOutStillAsks() throws Exception {
    String image = "https://cdn.example.com/product.png";
    java.time.Instant minuteAgo = java.time.Instant.now().minusSeconds(60);
    // As two runs killed a minute ago left them: one during its uploads (its marker free and still "reserved"), one
    // as its create went out (its marker emptied); the history cannot tell them apart, the markers can.
    for (String prompt : List.of("Killed uploading", "Killed creating")) {
      String reference = "vg-" + prompt.replace(' ', '-');
      // Without a reference sent, so no look-up closes either note meanwhile: only the markers tell.
      on.history().record(dev.vidgen.serve.history.HistoryEntry.unanswered(reference, false, "toapis", sameJob(image, prompt),
          null, minuteAgo, minuteAgo, dev.vidgen.serve.history.HistoryEntry.SUBMIT_BEGAN + minuteAgo + " (UTC) and "
              + dev.vidgen.serve.history.HistoryEntry.SENDING_MARK, "generate").withBaseUrl(fake.baseUrl()));
      Path marker = Files.createDirectories(folder.resolve("home").resolve("running")).resolve(reference + ".lock");
      Files.writeString(marker, prompt.endsWith("uploading") ? "reserved\n" : "");
    }
    on.startOnFake(MODEL);

    Map<String, Object> uploading = json(on.post("/api/check", urlJob(image, "Killed uploading")));
    String sent = generate(urlJob(image, "Killed uploading"));

    assertThat(uploading.get("same_job")).as("nothing of it went out: no take to ask about").isNull();
    assertThat((Map<String, Object>) json(sent).get("task")).containsEntry("status", "queued");
    assertThat(fake.creates()).as("sent once, by this playground").hasSize(1);
    assertThat(on.history().note("unanswered-noref-vg-Killed-uploading")).as("closed as nothing sent")
        .hasValueSatisfying(note -> assertThat(note.status()).isNotEqualTo("unknown"));
    try (Response response = on.http.newCall(on.request("/api/generate").post(RequestBody.create(
        urlJob(image, "Killed creating"), JSON)).build()).execute()) {
      assertThat(response.code()).as("its create may have made a paid task").isEqualTo(409);
    }
    assertThat(fake.creates()).hasSize(1);
  }

  @Test
  void whileThePlaygroundUploadsItsMarkerIsHeldAndOnceItsCreateWentOutNoneIsLeft() throws Exception {
    on.startOnFake(MODEL);
    String upload = on.uploadId(Files.readAllBytes(PlaygroundServerTest.productPng()), "product.png");
    // The upload is answered only once its marker, the creates and its card were read below.
    CountDownLatch readWhileUploading = new CountDownLatch(1);
    fake.inject(Endpoint.UPLOAD, Fault.answerHeldUntil(readWhileUploading, Duration.ofSeconds(30)));
    Path markers = folder.resolve("home").resolve("running");

    java.util.concurrent.CompletableFuture<String> answer = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> generate(job(upload, "Marked")));
    Path marker = await().atMost(Duration.ofSeconds(10)).until(
        () -> Files.isDirectory(markers) ? Files.list(markers).findFirst().orElse(null) : null, found -> found != null);
    String held = Files.readString(marker); // the upload is not answered yet: still on its way
    List<CreateRecord> createsMeanwhile = fake.creates();
    Map<String, Object> card = on.tasks().stream().filter(task -> String.valueOf(task.get("task_id"))
        .startsWith("unanswered-")).findFirst().orElseThrow();
    readWhileUploading.countDown();
    answer.get(20, TimeUnit.SECONDS);

    assertThat(card).as("its card while it uploads: nothing sent, nothing billed yet").containsEntry("uploading", true)
        .doesNotContainKey("charge").containsEntry("next", "its checks or uploads are still running; its create has not"
            + " been sent, so nothing is billed yet");

    assertThat(held).as("a marker while the image uploads").isEqualTo("reserved\n");
    assertThat(createsMeanwhile).isEmpty();
    assertThat(fake.creates()).hasSize(1);
    assertThat(Files.list(markers).toList()).as("removed before the create went out").isEmpty();
    assertThat(on.history().entries()).as("the note, rewritten as the create left, then answered")
        .noneMatch(entry -> entry.status().equals("unknown"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void anUploadThatFailsIsToldAsNothingSentAndTheSameJobThenGoesOutOnce() throws Exception {
    on.startOnFake(MODEL);
    String upload = on.uploadId(Files.readAllBytes(PlaygroundServerTest.productPng()), "product.png");
    fake.inject(Endpoint.UPLOAD, Fault.dropBeforeProcessing(), 20); // every try of the upload, as a timeout would

    Map<String, Object> failed;
    try (Response response = on.http.newCall(on.request("/api/generate")
        .post(RequestBody.create(job(upload, "Upload fails"), JSON)).build()).execute()) {
      failed = json(response.body().string());
      assertThat(response.code()).isEqualTo(502);
    }
    Map<String, Object> error = (Map<String, Object>) failed.get("error");

    assertThat(error).as(String.valueOf(error)).containsEntry("sent", "no");
    assertThat((String) error.get("next")).as("nothing judged the file: nothing in it to change")
        .isEqualTo("nothing was created; the provider did not judge product.png (no answer came); generate again in a"
            + " while, or give the image as an http(s) URL instead");
    assertThat(fake.creates()).isEmpty();
    assertThat(on.history().entries()).as("no note left that could hold the job back as maybe billed")
        .noneMatch(entry -> entry.status().equals("unknown"));
    fake.clearFaults();
    String sent = generate(job(upload, "Upload fails"));
    assertThat((Map<String, Object>) json(sent).get("task")).containsEntry("status", "queued");
    assertThat(fake.creates()).hasSize(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aGenerateSentWithoutAFreshBalanceReadSaysSoInItsAnswer() throws Exception {
    on.startOnFake(MODEL);
    String upload = on.uploadId(Files.readAllBytes(PlaygroundServerTest.productPng()), "product.png");
    fake.inject(Endpoint.BALANCE, Fault.serverError(), 100);
    fake.inject(Endpoint.USER_BALANCE, Fault.serverError(), 100);

    for (String prompt : List.of("Unread balance", "Unread balance again")) {
      Map<String, Object> answer = json(generate(job(upload, prompt)));

      assertThat((Map<String, Object>) answer.get("task")).containsEntry("status", "queued");
      List<Map<String, Object>> warnings = (List<Map<String, Object>>) answer.get("warnings");
      assertThat(warnings).as(prompt).anySatisfy(warning -> {
        assertThat(warning).containsEntry("code", "balance.unreadable");
        assertThat((String) warning.get("message")).startsWith("the balance of toapis could not be read (");
      });
    }
    assertThat(fake.creates()).hasSize(2);
  }

  @Test
  @SuppressWarnings("unchecked")
  void anUnreadBalanceSaysWhetherThePlaygroundHadACountOfWhatIsLeftToSendOn() {
    on.startOnFake(MODEL);
    fake.inject(Endpoint.BALANCE, Fault.serverError(), 100);
    fake.inject(Endpoint.USER_BALANCE, Fault.serverError(), 100);
    assertThat(unreadBalanceWarning(addressJob(MODEL, "No balance read yet")))
        .contains("the job was sent without a balance check: the playground has no count of what is left")
        .doesNotContain("own count");

    fake.clearFaults();
    generate(addressJob(MODEL, "Balance read")); // read and counted down by its price
    fake.inject(Endpoint.BALANCE, Fault.serverError(), 100);
    fake.inject(Endpoint.USER_BALANCE, Fault.serverError(), 100);
    assertThat(unreadBalanceWarning(addressJob(MODEL, "Sent on the count")))
        .containsPattern("the job was sent on the playground's own count of what is left, [0-9.,]+ credits \\(the"
            + " last balance read, less the jobs sent since\\)")
        .doesNotContain("no count");
    assertThat(fake.creates()).hasSize(3);
  }

  /** The message of the {@code balance.unreadable} warning the Generate of {@code job} answered with. */
  @SuppressWarnings("unchecked")
  private String unreadBalanceWarning(String job) {
    Map<String, Object> answer = json(generate(job));
    assertThat((Map<String, Object>) answer.get("task")).containsEntry("status", "queued");
    return ((List<Map<String, Object>>) answer.get("warnings")).stream()
        .filter(warning -> "balance.unreadable".equals(warning.get("code"))).map(warning -> (String) warning.get("message"))
        .findFirst().orElseThrow(() -> new AssertionError("no balance.unreadable warning in " + answer));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aGenerateWhoseOwnBalanceReadFailedIsNotHeldForASecondReadBeforeItsCreate() {
    on.startOnFake(MODEL);
    // Not retried, nor a refused key: a hanging balance ends the same way, after its 20 s.
    fake.inject(Endpoint.BALANCE, Fault.status(400), 10);
    fake.inject(Endpoint.USER_BALANCE, Fault.status(400), 10);

    Map<String, Object> answer = json(generate(addressJob(MODEL, "Balance read once")));

    assertThat((Map<String, Object>) answer.get("task")).containsEntry("status", "queued");
    assertThat((List<Map<String, Object>>) answer.get("warnings"))
        .anySatisfy(warning -> assertThat(warning).containsEntry("code", "balance.unreadable"));
    assertThat(fake.requests(Endpoint.BALANCE)).as("the playground's read only: the check before the create did"
        + " not read again").hasSize(1);
    assertThat(fake.creates()).hasSize(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aBalanceUnlimitedAtTheLastGenerateButLimitedSinceIsReadAgainSoAJobItCannotPayIsRefusedBeforeSending() {
    fake.balance(new BigDecimal("0"), true);
    fake.keyBalance(null);
    on.startOnFake(MODEL);
    generate(addressJob(MODEL, "First take")); // the client read an unlimited balance: it counts nothing since
    fake.balance(new BigDecimal("15"), false); // limited in the console meanwhile

    Answer refused = on.answer("/api/generate", addressJob(MODEL, "Second take"));

    assertThat(refused.status()).as(refused.body()).isEqualTo(402);
    Map<String, Object> error = (Map<String, Object>) json(refused.body()).get("error");
    assertThat(error).containsEntry("sent", "no").containsEntry("code", "insufficient_credits");
    assertThat((String) error.get("message")).startsWith("checked before sending: ")
        .endsWith("costs 20 credits but the account has 15 credits left; nothing was sent");
    assertThat(fake.requests(Endpoint.CREATE)).as("only the first take was sent").hasSize(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aJobOfUnknownPriceOnABalanceThatCannotBeReadSaysSoAndNamesNoCount() {
    fake.balance(new BigDecimal("1000"), false);
    fake.keyBalance(null);
    on.startOnFake(MODEL);
    generate(addressJob(MODEL, "First take")); // the client counts 980 credits left from then on
    fake.inject(Endpoint.BALANCE, Fault.serverError(), 100);
    fake.inject(Endpoint.USER_BALANCE, Fault.serverError(), 100);
    try (Response shown = on.http.newCall(on.request("/api/balance").build()).execute()) {
      assertThat(shown.code()).as("the page shows the balance unavailable").isEqualTo(502);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    String unknownPrice = "{\"model\":\"grok-video-1.0\",\"prompt\":\"A kite\",\"seconds\":8,"
        + "\"aspect_ratio\":\"16:9\",\"resolution\":\"720p\",\"images\":[]}";

    Map<String, Object> check = json(on.post("/api/check", unknownPrice));
    Map<String, Object> generated = json(generate(unknownPrice));

    assertThat((List<Map<String, Object>>) check.get("violations")).as("before Generate").anySatisfy(note -> {
      assertThat(note).containsEntry("code", "price.unknown");
      assertThat((String) note.get("message")).contains("the balance could not be read");
    });
    List<Map<String, Object>> warnings = (List<Map<String, Object>>) generated.get("warnings");
    assertThat(warnings).as(generated.toString()).anySatisfy(warning -> {
      assertThat(warning).containsEntry("code", "price.unknown");
      assertThat((String) warning.get("message")).contains("is unknown", "the balance could not be read")
          .doesNotContain("credits left");
    });
    assertThat(warnings).anySatisfy(warning -> assertThat(warning).containsEntry("code", "balance.unreadable"));
    // As a count on its own: the task's folder and server (out, base_url) may hold those digits.
    assertThat(generated.toString()).doesNotContainPattern("\\b980\\b");
  }

  @Test
  void theBalanceGivesItsExactDollarsAtTheProvidersRateAndItsNote() {
    String balance = "{\"success\":true,\"remain_credits\":%s,\"used_credits\":0,\"credits_per_usd\":%s,"
        + "\"unlimited_quota\":false}";
    for (Endpoint endpoint : List.of(Endpoint.BALANCE, Endpoint.USER_BALANCE)) {
      fake.inject(endpoint, Fault.answer(200, "application/json", String.format(balance, "70.07", "200")), 1);
      fake.inject(endpoint, Fault.answer(200, "application/json", String.format(balance, "1000", "100")), 1);
    }
    on.startOnFake(MODEL);

    Map<String, Object> usual = json(on.call(on.request("/api/balance").build()));
    Map<String, Object> otherRate = json(on.call(on.request("/api/balance").build()));

    assertThat(new BigDecimal(String.valueOf(usual.get("usd")))).isEqualByComparingTo("0.35035");
    assertThat(usual).containsEntry("usd_words", "$0.35035").containsEntry("credits_per_usd", 200L)
        .containsEntry("rate_note", null);
    assertThat(otherRate).containsEntry("usd", 10L).containsEntry("usd_words", "$10.00")
        .containsEntry("credits_per_usd", 100L);
    assertThat((String) otherRate.get("rate_note")).startsWith("the provider reports 100 credits per US dollar, but"
        + " vidgen assumes 200");
  }

  @Test
  void aRateStatedThatIsNoPositiveNumberIsNotedAsReplacedByVidgensOwn() {
    String balance = "{\"success\":true,\"remain_credits\":1000,\"used_credits\":0,\"credits_per_usd\":0,"
        + "\"unlimited_quota\":false}";
    for (Endpoint endpoint : List.of(Endpoint.BALANCE, Endpoint.USER_BALANCE)) {
      fake.inject(endpoint, Fault.answer(200, "application/json", balance), 1);
    }
    on.startOnFake(MODEL);

    Map<String, Object> zero = json(on.call(on.request("/api/balance").build()));

    assertThat(zero).containsEntry("usd_words", "$5.00").containsEntry("credits_per_usd", 200L);
    assertThat((String) zero.get("rate_note")).isEqualTo("the provider states 0 credits per US dollar, which is no"
        + " usable rate (it is not above zero; a rate must be a finite number above zero, at most 1000000000000): the"
        + " balance's dollars use the 200 vidgen assumes, as when the provider states none");
  }

  /** A job of {@code model} with one image by its address: nothing to upload before its create. */
  private static String addressJob(String model, String prompt) {
    return "{\"model\":\"" + model + "\",\"prompt\":\"" + prompt + "\",\"seconds\":10,\"aspect_ratio\":\"16:9\","
        + "\"images\":[{\"url\":\"https://cdn.example.com/a.png\"}]}";
  }

  @Test
  @SuppressWarnings("unchecked")
  void aGenerateChecksAndNotesTheSameJobUnderTheLockAVidgenGenerateTakesSoTheTwoNeverBothPay() throws Exception {
    Path home = Files.createDirectories(folder.resolve("home"));
    on.startOnFake(MODEL);
    String upload = on.uploadId(Files.readAllBytes(PlaygroundServerTest.productPng()), "product.png");
    Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
    // Another process (a vidgen generate of the same job, say) in its check-and-note step.
    Process holder = new ProcessBuilder(javaBin.toString(), "-cp", System.getProperty("java.class.path"),
        dev.vidgen.serve.history.LockHolder.class.getName(), home.resolve("history.jsonl.lock").toString()).start();
    java.util.concurrent.CompletableFuture<String> generated;
    try {
      assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream(),
          StandardCharsets.UTF_8)).readLine()).isEqualTo("locked");
      generated = java.util.concurrent.CompletableFuture.supplyAsync(() -> generate(job(upload, "Under the lock")));

      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> fake.creates().isEmpty()
          && fake.requests(Endpoint.UPLOAD).isEmpty() && !generated.isDone());
    } finally {
      holder.getOutputStream().close();
      assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    Map<String, Object> task = (Map<String, Object>) json(generated.get(30, TimeUnit.SECONDS)).get("task");
    assertThat(task).as("sent once the lock is let go").containsEntry("status", "queued");
    assertThat(fake.creates()).hasSize(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aGenerateWhoseHistoryCannotBeWrittenIsNotSentSoNoTaskIdIsLostAndNoJobPaidTwice() throws Exception {
    Path home = Files.createDirectories(folder.resolve("home"));
    // A history that reads as empty but takes no line (a full disk behaves the same).
    Files.createSymbolicLink(home.resolve("history.jsonl"), home.resolve("gone").resolve("history.jsonl"));
    on.startOnFake(MODEL);
    String upload = on.uploadId(Files.readAllBytes(PlaygroundServerTest.productPng()), "product.png");

    for (int click = 0; click < 2; click++) {
      try (Response response = on.http.newCall(on.request("/api/generate").post(RequestBody.create(
          job(upload, "No history"), JSON)).build()).execute()) {
        Map<String, Object> error = (Map<String, Object>) json(response.body().string()).get("error");
        assertThat(response.code()).isEqualTo(503);
        assertThat(error).containsEntry("code", "history_unwritable").containsEntry("sent", "no");
        assertThat((String) error.get("message")).startsWith("the playground cannot write its task history (cannot"
            + " write the task history ").contains("nothing was created or billed");
        assertThat((String) error.get("next")).as("a broken link is no full disk").isEqualTo("fix "
            + home.resolve("history.jsonl") + " (the server's log says more), then generate again");
      }
    }
    assertThat(fake.requests(Endpoint.UPLOAD)).as("not even the image went out").isEmpty();
    assertThat(fake.creates()).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aResultLinkThatServesAnErrorPageIsNotPromisedToBeSavedByTheSameDownload() throws Exception {
    on.startOnFake(MODEL);
    String upload = on.uploadId(Files.readAllBytes(PlaygroundServerTest.productPng()), "product.png");
    fake.inject(Endpoint.FILE, Fault.answer(200, "text/html", "<html><title>Access denied</title></html>"), 50);
    fake.nextTask(TaskScript.completes().taking(dev.vidgen.testkit.toapis.Lifecycle.byPolls(0, 1)));

    String taskId = (String) ((Map<String, Object>) json(generate(job(upload, "Denied link"))).get("task"))
        .get("task_id");
    String next = await().atMost(Duration.ofSeconds(20)).until(() -> (String) on.task(taskId).get("next"),
        said -> said != null);

    assertThat(next).isEqualTo("the task is done, but its video link served no such video; the link may serve it"
        + " later: try again with vidgen download " + taskId + " --out " + folder.resolve("videos").toAbsolutePath()
        .normalize() + java.io.File.separator + " --provider toapis --base-url " + fake.baseUrl() + ", and if it"
        + " still fails, get the video from the provider's dashboard while the link lasts (24 hours)");
  }

  /** Starts a playground that saves videos of at most 16 bytes; the id of the task it made, whose video is larger. */
  @SuppressWarnings("unchecked")
  private String takeLargerThanSaved() throws IOException {
    on.client(on.toApisClient().maxVideoBytes(16).build());
    on.start(MODEL, List.of("--provider", "toapis", "--base-url", fake.baseUrl()));
    String upload = on.uploadId(Files.readAllBytes(PlaygroundServerTest.productPng()), "product.png");
    fake.nextTask(TaskScript.completes().taking(dev.vidgen.testkit.toapis.Lifecycle.byPolls(0, 1)));
    return (String) ((Map<String, Object>) json(generate(job(upload, "Large take"))).get("task")).get("task_id");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aVideoLargerThanThePlaygroundSavesIsGivenTheMaxVideoSizeSettingThatSavesIt() throws Exception {
    String taskId = takeLargerThanSaved();
    String next = await().atMost(Duration.ofSeconds(20)).until(() -> (String) on.task(taskId).get("next"),
        said -> said != null);

    assertThat(next).isEqualTo("the task is done but its video is larger than this playground saves, so nothing was"
        + " saved; vidgen download " + taskId + " --out " + folder.resolve("videos").toAbsolutePath().normalize()
        + java.io.File.separator + " --set max_video_size=1MB --provider toapis --base-url " + fake.baseUrl()
        + " saves it (links last 24 hours), and vidgen serve --set max_video_size=1MB saves videos that large from"
        + " the start");
    assertThat(folder.resolve("videos").toFile().list()).as("neither the video nor a part of it").isNullOrEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void theSettingThatSavesAVideoTooLargeIsStillAdvisedAfterARestart() throws Exception {
    String taskId = takeLargerThanSaved();
    await().atMost(Duration.ofSeconds(20)).until(() -> (String) on.task(taskId).get("next"), said -> said != null);

    on.playground().close();
    on.client().close();
    // The restart reads the task again; until that read answers, its card is what the history says of it.
    fake.inject(Endpoint.STATUS, Fault.slow(Duration.ofSeconds(5)), 100);
    on.client(on.toApisClient().maxVideoBytes(16).build());
    on.start(MODEL, List.of("--provider", "toapis", "--base-url", fake.baseUrl()));

    assertThat((String) on.task(taskId).get("next")).contains("its video is larger than this playground saves",
        " --set max_video_size=1MB --provider toapis", "vidgen serve --set max_video_size=1MB saves videos that large");
    assertThat(on.history().entries()).filteredOn(entry -> entry.taskId().equals(taskId)).singleElement()
        .extracting(dev.vidgen.serve.history.HistoryEntry::status).isEqualTo("completed");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCompletedTaskTheProviderNoLongerKnowsAfterARestartStaysCompletedAndTheSameJobStillAsks() throws Exception {
    on.startOnFake(MODEL);
    String upload = on.uploadId(Files.readAllBytes(PlaygroundServerTest.productPng()), "product.png");
    String job = job(upload, "Forgotten take");
    fake.inject(Endpoint.FILE, Fault.status(403), 50); // its link expired: completed, the video not saved
    fake.nextTask(TaskScript.completes().taking(dev.vidgen.testkit.toapis.Lifecycle.byPolls(0, 1)));
    String taskId = (String) ((Map<String, Object>) json(generate(job)).get("task")).get("task_id");
    await().atMost(Duration.ofSeconds(20)).until(() -> on.task(taskId).get("problem") != null);
    assertThat(on.task(taskId).get("status")).isEqualTo("completed");

    // Stopped, and started again on the same history, by which time the provider answers 404 for the task.
    on.playground().close();
    on.client().close();
    fake.clearFaults();
    fake.inject(Endpoint.STATUS, Fault.error(404, 404, "Task not found"), 100);
    on.client(on.toApisClient().retryPolicy(dev.vidgen.core.policy.RetryPolicy.builder().notFoundRetries(0).build())
        .build());
    on.start(MODEL, List.of("--provider", "toapis", "--base-url", fake.baseUrl()));
    Map<String, Object> read = await().atMost(Duration.ofSeconds(20)).until(() -> on.task(taskId),
        task -> "failed".equals(task.get("status")) || task.get("problem") != null);

    assertThat(read.get("status")).as("its own verdict, kept: %s", read).isEqualTo("completed");
    assertThat(read).doesNotContainKey("charge");
    assertThat((String) read.get("problem")).contains("the provider no longer knows this task");
    assertThat((String) read.get("next")).contains("completed and is charged as such", "pays again")
        .doesNotContain("generate it again");
    assertThat(on.history().entries()).filteredOn(entry -> entry.taskId().equals(taskId)).singleElement()
        .extracting(dev.vidgen.serve.history.HistoryEntry::status).isEqualTo("completed");
    Answer again = on.answer("/api/generate", job);
    assertThat(again.status()).as(again.body()).isEqualTo(409);
    assertThat(again.body()).contains("\"code\":\"same_job\"", taskId + ", completed");
    assertThat(fake.creates()).as("one create in all").hasSize(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aRunningTaskTheProviderAnswersNotFoundForIsKeptAsNotFoundAsTheCommandLineKeepsItNotAsFailed()
      throws Exception {
    on.client(on.toApisClient().retryPolicy(dev.vidgen.core.policy.RetryPolicy.builder().notFoundRetries(0).build())
        .build());
    on.start(MODEL, List.of("--provider", "toapis", "--base-url", fake.baseUrl()));
    String upload = on.uploadId(Files.readAllBytes(PlaygroundServerTest.productPng()), "product.png");
    String job = job(upload, "Lost take");
    String taskId = (String) ((Map<String, Object>) json(generate(job)).get("task")).get("task_id");
    await().atMost(Duration.ofSeconds(20)).until(() -> fake.pollsOf(taskId) > 0);

    fake.inject(Endpoint.STATUS, Fault.error(404, 404, "Task not found"), 100);
    Map<String, Object> read = await().atMost(Duration.ofSeconds(20)).until(() -> on.task(taskId),
        task -> "failed".equals(task.get("status")) || task.get("problem") != null);

    assertThat(read.get("status")).as("no verdict: %s", read).isEqualTo("not_found");
    assertThat((String) read.get("next")).contains("that is no verdict", "vidgen wait " + taskId,
        "the same job asks before it is sent again");
    assertThat(on.history().entries()).filteredOn(entry -> entry.taskId().equals(taskId)).singleElement()
        .extracting(dev.vidgen.serve.history.HistoryEntry::status).isEqualTo("not_found");
    Answer again = on.answer("/api/generate", job);
    assertThat(again.status()).as(again.body()).isEqualTo(409);
    assertThat(again.body()).contains("\"code\":\"same_job\"");
    assertThat(fake.creates()).as("one create in all").hasSize(1);
  }

  @Test
  void theNoteOfACreateSaysWhenItLeftNotWhenItsUploadsBegan() throws Exception {
    on.startOnFake(MODEL);
    String upload = on.uploadId(Files.readAllBytes(PlaygroundServerTest.productPng()), "product.png");
    fake.inject(Endpoint.UPLOAD, Fault.slow(Duration.ofSeconds(2)));
    // The create is answered only once its note was read below.
    CountDownLatch noteRead = new CountDownLatch(1);
    fake.inject(Endpoint.CREATE, Fault.answerHeldUntil(noteRead, Duration.ofSeconds(30)));
    java.time.Instant began = java.time.Instant.now();

    java.util.concurrent.CompletableFuture<String> answer = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> generate(job(upload, "Noted when it left")));
    dev.vidgen.serve.history.HistoryEntry leaving = await().atMost(Duration.ofSeconds(10)).until(
        () -> on.history().entries().stream().filter(entry -> entry.error() != null
            && entry.error().startsWith("its create went out")).findFirst().orElse(null), found -> found != null);
    noteRead.countDown();
    answer.get(20, TimeUnit.SECONDS);

    assertThat(leaving.submittedAt()).as("after the 2 s upload, not when the Generate began")
        .isAfterOrEqualTo(began.plusSeconds(2));
    assertThat(fake.creates()).hasSize(1);
  }

  private static dev.vidgen.core.domain.VideoJob sameJob(String image, String prompt) {
    return dev.vidgen.core.domain.VideoJob.builder(MODEL).prompt(prompt).image(image).seconds(10).aspectRatio("16:9")
        .build();
  }

  private static String urlJob(String image, String prompt) {
    return "{\"model\":\"" + MODEL + "\",\"prompt\":\"" + prompt + "\",\"seconds\":10,\"aspect_ratio\":\"16:9\","
        + "\"images\":[{\"url\":\"" + image + "\"}]}";
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCreateOnItsWayIsMarkedSendingUntilItsAnswerCameAndANoteFromAnEarlierRunIsNot() throws Exception {
    // A note an earlier playground left a minute ago, stopped before the answer came.
    dev.vidgen.core.domain.VideoJob earlier = dev.vidgen.core.domain.VideoJob.builder(MODEL).prompt("Earlier")
        .image("https://cdn.example.com/a.png").build();
    java.time.Instant minuteAgo = java.time.Instant.now().minusSeconds(60);
    on.history().record(dev.vidgen.serve.history.HistoryEntry.unanswered("vg-earlier", true, "toapis", earlier, null,
        minuteAgo, minuteAgo, "its create went out from the playground and no answer is recorded yet", "serve"));
    on.startOnFake(MODEL);
    String upload = on.uploadId(Files.readAllBytes(PlaygroundServerTest.productPng()), "product.png");
    // The create is answered only once the cards and the check were read below.
    CountDownLatch readWhileSending = new CountDownLatch(1);
    fake.inject(Endpoint.CREATE, Fault.answerHeldUntil(readWhileSending, Duration.ofSeconds(30)));

    // On the JVM's default async pool, which from Java 25 is one thread on a 2-core machine: the check below must
    // be answered all the same (the playground writes its answers on threads of its own).
    java.util.concurrent.CompletableFuture<String> answer = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> generate(job(upload, "Slow")));
    await().atMost(Duration.ofSeconds(10)).until(() -> !fake.requests(Endpoint.CREATE).isEmpty());
    List<Map<String, Object>> during = on.tasks();
    Map<String, Object> check = json(on.post("/api/check", job(upload, "Slow")));
    readWhileSending.countDown();
    answer.get(20, TimeUnit.SECONDS);

    assertThat(during).filteredOn(task -> "unknown".equals(task.get("status")))
        .extracting(task -> task.get("settings") instanceof Map<?, ?> settings ? settings.get("prompt") : null,
            task -> task.get("sending"))
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("Slow", true),
            org.assertj.core.groups.Tuple.tuple("Earlier", false));
    assertThat((Map<String, Object>) check.get("same_job")).containsEntry("status", "unknown")
        .containsEntry("sending", true);
    assertThat(on.tasks()).as("answered: the note is gone, the earlier one stays not sending")
        .filteredOn(task -> "unknown".equals(task.get("status"))).singleElement()
        .satisfies(task -> assertThat(task).containsEntry("sending", false));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aGenerateStillUnansweredWhenThePlaygroundStopsIsAnsweredThatATaskMayExistAndWhereItsNoteIs() throws Exception {
    on.startOnFake(MODEL);
    String upload = on.uploadId(Files.readAllBytes(PlaygroundServerTest.productPng()), "product.png");
    fake.inject(Endpoint.CREATE, Fault.stall());
    java.util.concurrent.CompletableFuture<Answer> pending = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> on.answer("/api/generate", job(upload, "Never answered")));
    await().atMost(Duration.ofSeconds(10)).until(() -> !fake.requests(Endpoint.CREATE).isEmpty());

    on.playground().close();
    Answer answer = pending.get(20, TimeUnit.SECONDS);

    assertThat(answer.status()).as(answer.body()).isEqualTo(502);
    Map<String, Object> error = (Map<String, Object>) json(answer.body()).get("error");
    String note = (String) tasksIn(on.history()).get(0);
    assertThat(note).as("the history keeps the unknown note").startsWith("unanswered-");
    assertThat(on.history().entries()).singleElement().satisfies(entry -> assertThat(entry.status())
        .isEqualTo("unknown"));
    assertThat(error).containsEntry("sent", "maybe").containsEntry("code", "stopped_before_answer");
    assertThat((String) error.get("message")).contains("the playground stopped before the provider answered",
        "a task may exist and be billed", "the history keeps the job as unknown (" + note + ")");
    assertThat((String) error.get("next")).as("this route sends no client reference: the history says where")
        .contains("vidgen history", "before you generate this job again").doesNotContain("try again");
    assertThat(String.join("\n", on.playground().stoppingNotes())).as("what vidgen serve prints as it stops agrees")
        .contains(note, "the playground stopped before the provider answered", "vidgen history");
    on.forgetPlayground();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aGenerateHeldBackByTheStopIsAnswered503SayingNothingWasSentAndWhenToGenerateAgain() throws Exception {
    on.startOnFake(MODEL);
    String upload = on.uploadId(Files.readAllBytes(PlaygroundServerTest.productPng()), "product.png");
    fake.inject(Endpoint.UPLOAD, Fault.slow(Duration.ofSeconds(1))); // the image goes to the provider on Generate
    java.util.concurrent.CompletableFuture<Answer> pending = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> on.answer("/api/generate", job(upload, "Held back")));
    await().atMost(Duration.ofSeconds(10)).until(() -> !fake.requests(Endpoint.UPLOAD).isEmpty());

    on.playground().close();
    Answer answer = pending.get(20, TimeUnit.SECONDS);

    assertThat(answer.status()).as(answer.body()).isEqualTo(503);
    Map<String, Object> error = (Map<String, Object>) json(answer.body()).get("error");
    assertThat(error).containsEntry("sent", "no").containsEntry("code", "playground_stopping");
    assertThat((String) error.get("message")).contains("the playground is stopping", "not sent");
    assertThat((String) error.get("next")).contains("nothing was sent", "once vidgen serve runs again")
        .doesNotContain("--verbose");
    assertThat(fake.requests(Endpoint.CREATE)).as("no create left").isEmpty();
    on.forgetPlayground();
  }

  @Test
  @SuppressWarnings("unchecked")
  void theSameJobWhileItsCreateIsOnItsWayIsRefused409AndSentAgainOnlyAfterItsAnswer() throws Exception {
    on.startOnFake(MODEL);
    String upload = on.uploadId(Files.readAllBytes(PlaygroundServerTest.productPng()), "product.png");
    // The first create is answered only once the twin and the other job were sent below.
    CountDownLatch othersSent = new CountDownLatch(1);
    fake.inject(Endpoint.CREATE, Fault.answerHeldUntil(othersSent, Duration.ofSeconds(30)));
    java.util.concurrent.CompletableFuture<Answer> first = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> on.answer("/api/generate", job(upload, "Twice")));
    await().atMost(Duration.ofSeconds(10)).until(() -> !fake.requests(Endpoint.CREATE).isEmpty());

    Answer twin = on.answer("/api/generate", job(upload, "Twice"));
    Answer other = on.answer("/api/generate", job(upload, "Another job"));
    othersSent.countDown();

    assertThat(twin.status()).as(twin.body()).isEqualTo(409);
    Map<String, Object> error = (Map<String, Object>) json(twin.body()).get("error");
    assertThat(error).containsEntry("sent", "no").containsEntry("code", "same_job_sending");
    assertThat((String) error.get("message")).contains("the same job is being sent now");
    assertThat((String) error.get("next")).contains("wait for the answer");
    assertThat(other.status()).as("a different job is never held back: " + other.body()).isEqualTo(201);
    assertThat(first.get(20, TimeUnit.SECONDS).status()).isEqualTo(201);
    assertThat(fake.requests(Endpoint.CREATE)).as("the twin sent nothing").hasSize(2);

    Answer asked = on.answer("/api/generate", job(upload, "Twice"));
    Answer again = on.answer("/api/generate", job(upload, "Twice").replace("{", "{\"again\":true,"));

    assertThat(asked.status()).as("after the answer, the same job asks first: " + asked.body()).isEqualTo(409);
    assertThat((Map<String, Object>) json(asked.body()).get("error")).containsEntry("code", "same_job");
    assertThat(again.status()).as("after the answer, and meant, another take: " + again.body()).isEqualTo(201);
    assertThat(fake.requests(Endpoint.CREATE)).hasSize(3);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theSameImageUploadedUnderAnotherNameIsTheSameJobAndIsNotPaidTwice() throws Exception {
    on.startOnFake(MODEL);
    byte[] image = Files.readAllBytes(PlaygroundServerTest.productPng());
    String first = on.uploadId(image, "product.png");
    String renamed = on.uploadId(image, "renamed.png");
    // The create is answered only once the twin was sent below.
    CountDownLatch twinSent = new CountDownLatch(1);
    fake.inject(Endpoint.CREATE, Fault.answerHeldUntil(twinSent, Duration.ofSeconds(30)));
    java.util.concurrent.CompletableFuture<Answer> sent = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> on.answer("/api/generate", job(first, "Same bytes")));
    await().atMost(Duration.ofSeconds(10)).until(() -> !fake.requests(Endpoint.CREATE).isEmpty());

    Answer twin = on.answer("/api/generate", job(renamed, "Same bytes"));
    twinSent.countDown();

    assertThat(renamed).as("one image, one upload, whatever its name").isEqualTo(first);
    assertThat(twin.status()).as(twin.body()).isEqualTo(409);
    assertThat(((Map<String, Object>) json(twin.body()).get("error"))).containsEntry("code", "same_job_sending");
    assertThat(sent.get(20, TimeUnit.SECONDS).status()).isEqualTo(201);
    Map<String, Object> check = json(on.answer("/api/check", job(renamed, "Same bytes")).body());
    assertThat(check.get("same_job")).as("the job the history holds is named, as for the first name").isNotNull();
    assertThat(fake.requests(Endpoint.CREATE)).as("one create for one job").hasSize(1);
  }

  @Test
  void aCreateLeftUnansweredWhoseTaskExistsIsFoundOnStartBecomesItsTaskAndItsVideoIsSaved() throws Exception {
    // A seedance-2 create a stopped playground left unanswered: its task was made, under the note's reference.
    on.startOnFake(MODEL);
    fake.nextTask(TaskScript.completes().taking(dev.vidgen.testkit.toapis.Lifecycle.byPolls(0, 1)));
    dev.vidgen.core.domain.VideoJob job = dev.vidgen.core.domain.VideoJob.builder("seedance-2")
        .prompt("A red kite over the sea").seconds(5).build();
    String taskId = on.client().submitAsync(job, "vg-made-1").get(10, TimeUnit.SECONDS).taskId().value();
    on.playground().close();
    java.time.Instant sent = java.time.Instant.now().minus(Duration.ofMinutes(10));
    on.history().record(dev.vidgen.serve.history.HistoryEntry.unanswered("vg-made-1", true, "toapis", job, null, sent,
        sent, "its create went out from the playground and no answer is recorded yet", "serve")
        .withBaseUrl(fake.baseUrl())); // on this server, as the playground's notes are
    int creates = fake.creates().size();

    on.start(MODEL, List.of("--provider", "toapis", "--base-url", fake.baseUrl()));

    await().atMost(Duration.ofSeconds(20)).until(() -> on.tasks().stream().anyMatch(task -> taskId.equals(
        task.get("task_id")) && "completed".equals(task.get("status")) && task.get("video") != null));
    assertThat(on.task(taskId)).as("the page shows the task with its video to download")
        .containsEntry("video", "/videos/" + taskId + ".mp4").containsEntry("model", "seedance-2");
    assertThat(on.playground().videosFolder().resolve(taskId + ".mp4")).exists();
    assertThat(on.history().note("unanswered-vg-made-1").orElseThrow()).satisfies(note -> {
      assertThat(note.status()).isEqualTo("found");
      assertThat(note.error()).contains("its create arrived as task " + taskId);
    });
    assertThat(fake.requests(Endpoint.STATUS)).as("looked up by its client reference")
        .anySatisfy(read -> assertThat(read.path()).endsWith("/vg-made-1"));
    assertThat(fake.creates()).as("nothing sent again").hasSize(creates);
  }

  @Test
  void aNoteWrittenWhileThePlaygroundRunsIsLookedUpWhenThePageReadsTheHistory() throws Exception {
    on.startOnFake(MODEL);
    fake.nextTask(TaskScript.completes().taking(dev.vidgen.testkit.toapis.Lifecycle.byPolls(0, 1)));
    dev.vidgen.core.domain.VideoJob job = dev.vidgen.core.domain.VideoJob.builder("seedance-2")
        .prompt("A kite from another process").seconds(5).build();
    String taskId = on.client().submitAsync(job, "vg-later-1").get(10, TimeUnit.SECONDS).taskId().value();
    java.time.Instant sent = java.time.Instant.now().minus(Duration.ofMinutes(10));
    // Left by a playground that stopped, on the same history, after this one started.
    on.history().record(dev.vidgen.serve.history.HistoryEntry.unanswered("vg-later-1", true, "toapis", job, null, sent,
        sent, "its create went out from the playground and no answer is recorded yet", "serve")
        .withBaseUrl(fake.baseUrl()));
    assertThat(fake.requests(Endpoint.STATUS)).as("not looked up before the page asks").isEmpty();

    on.tasks(); // the page opens, or is reloaded

    await().atMost(Duration.ofSeconds(20)).until(() -> on.tasks().stream().anyMatch(task -> taskId.equals(
        task.get("task_id")) && "completed".equals(task.get("status")) && task.get("video") != null));
    assertThat(on.task("unanswered-vg-later-1")).containsEntry("status", "found");
  }

  @Test
  void aNoteWaitingForItsTaskToBeListedSaysWhenItIsLookedUpAndOneThatCannotBeSaysThePlaygroundStopped() {
    dev.vidgen.core.domain.VideoJob seedance = dev.vidgen.core.domain.VideoJob.builder("seedance-2")
        .prompt("a fox in snow, close up").seconds(5).build();
    dev.vidgen.core.domain.VideoJob grok = dev.vidgen.core.domain.VideoJob.builder(MODEL).prompt("No reference")
        .image("https://cdn.example.com/a.png").build();
    java.time.Instant sent = java.time.Instant.now().minusSeconds(10);
    // As a playground stopped while these creates were on their way left them.
    String left = "its create went out from the playground at " + sent.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        + " (UTC) and no answer is recorded yet (if this stays, the playground stopped before one came); ";
    on.history().record(dev.vidgen.serve.history.HistoryEntry.unanswered("vg-fox-2", true, "toapis", seedance, null,
        sent, sent, left + "look the task up with vidgen status unanswered-vg-fox-2 before you generate this job again",
        "serve").withBaseUrl(fake.baseUrl()));
    on.history().record(dev.vidgen.serve.history.HistoryEntry.unanswered("vg-noref-2", false, "toapis", grok, null,
        sent, sent, left + "check the provider's dashboard before you generate this job again", "serve")
        .withBaseUrl(fake.baseUrl()));

    on.startOnFake(MODEL);

    await().atMost(Duration.ofSeconds(20)).until(() -> String.valueOf(on.task("unanswered-vg-fox-2").get("next"))
        .startsWith("the playground looks its task up by its client reference at "));
    assertThat((String) on.task("unanswered-vg-fox-2").get("next")).as("no terminal needed while it waits")
        .contains("once a task its create made would be listed", "none found closes this note as nothing made")
        .doesNotContain("vidgen status", "if this stays");
    assertThat((String) on.task("unanswered-noref-vg-noref-2").get("next")).as("nothing to look it up by: said as past")
        .contains("got no answer before the playground stopped; check the provider's dashboard")
        .doesNotContain("if this stays");
    assertThat((String) on.task("unanswered-noref-vg-noref-2").get("error")).as("the card says it once, as next does")
        .contains("got no answer before the playground stopped").doesNotContain("if this stays");
    assertThat(fake.requests(Endpoint.STATUS)).as("none yet: its create may still be on its way from a process that"
        + " runs, so it is looked up once its task would be listed").isEmpty();
  }

  @Test
  void aCreateLeftUnansweredWhoseTaskDoesNotExistIsClosedAsNothingMadeAndOneWithoutAReferenceStays() {
    dev.vidgen.core.domain.VideoJob seedance = dev.vidgen.core.domain.VideoJob.builder("seedance-2")
        .prompt("Never arrived").seconds(5).build();
    dev.vidgen.core.domain.VideoJob grok = dev.vidgen.core.domain.VideoJob.builder(MODEL).prompt("No reference")
        .image("https://cdn.example.com/a.png").build();
    java.time.Instant sent = java.time.Instant.now().minus(Duration.ofMinutes(10));
    on.history().record(dev.vidgen.serve.history.HistoryEntry.unanswered("vg-noref-1", false, "toapis", grok, null,
        sent, sent, "its create went out from the playground and no answer is recorded yet", "serve")
        .withBaseUrl(fake.baseUrl()));
    on.history().record(dev.vidgen.serve.history.HistoryEntry.unanswered("vg-none-1", true, "toapis", seedance, null,
        sent, sent, "its create went out from the playground and no answer is recorded yet", "serve")
        .withBaseUrl(fake.baseUrl()));

    on.startOnFake(MODEL);

    await().atMost(Duration.ofSeconds(20)).until(() -> "failed".equals(on.task("unanswered-vg-none-1").get("status")));
    assertThat((String) on.task("unanswered-vg-none-1").get("error")).contains("nothing was made",
        "no task answers to it", "the provider's dashboard says for certain");
    assertThat((String) on.task("unanswered-vg-none-1").get("next")).contains("generate the job again")
        .doesNotContain("vidgen status");
    assertThat(on.task("unanswered-noref-vg-noref-1")).as("nothing to look it up by")
        .containsEntry("status", "unknown");
    assertThat(fake.requests(Endpoint.STATUS)).as("only the note with a reference is looked up")
        .allSatisfy(read -> assertThat(read.path()).endsWith("/vg-none-1"));
    assertThat(fake.creates()).as("nothing sent").isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCreateTheProviderRefused402SaysNoTaskWasMadeAndGivesTheAdviceOnce() throws IOException {
    on.startOnFake(MODEL);
    fake.inject(Endpoint.CREATE, Fault.error(402, "insufficient_quota", "insufficient quota"));
    String upload = on.uploadId(Files.readAllBytes(PlaygroundServerTest.productPng()), "product.png");

    Answer refused = on.answer("/api/generate", job(upload, "Refused take"));

    assertThat(refused.status()).as(refused.body()).isEqualTo(402);
    Map<String, Object> error = (Map<String, Object>) json(refused.body()).get("error");
    assertThat(error).containsEntry("sent", "no");
    assertThat((String) error.get("next")).startsWith("the provider refused the create, so no task was made and"
        + " nothing was billed").doesNotContain("top up");
    assertThat(((String) error.get("message") + error.get("next")).split("top up", -1)).hasSizeLessThanOrEqualTo(2);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aKeyShortOfQuotaSinceTheLastReadIsRefusedBeforeSendingWithAdviceNamingTheKey() throws IOException {
    fake.balance(new BigDecimal("5000"), false);
    fake.keyBalance(new BigDecimal("1000"));
    on.startOnFake(MODEL);
    String upload = on.uploadId(Files.readAllBytes(PlaygroundServerTest.productPng()), "product.png");
    generate(job(upload, "First take")); // the client reads the balances now, and counts them down from then on
    fake.keyBalance(new BigDecimal("15")); // the key's quota lowered in the console meanwhile

    Answer refused = on.answer("/api/generate", job(upload, "Second take"));

    assertThat(refused.status()).as(refused.body()).isEqualTo(402);
    Map<String, Object> error = (Map<String, Object>) json(refused.body()).get("error");
    assertThat(error).containsEntry("sent", "no").containsEntry("code", "insufficient_credits");
    assertThat((String) error.get("message")).startsWith("checked before sending: ")
        .endsWith("costs 20 credits but the key has 15 credits left; nothing was sent")
        .doesNotContain("toapis:", "insufficient_credits", "top up");
    assertThat((String) error.get("next")).contains("the key's quota", "ToAPIs console", "another key")
        .doesNotContain("top up");
    assertThat(fake.creates()).as("only the first take was sent").hasSize(1);
    Map<String, Object> balance = json(on.call(on.request("/api/balance").build()));
    assertThat(balance).containsEntry("limited_by", "key");
    assertThat((String) balance.get("short_advice")).contains("the key's quota", "another key");
  }

  @Test
  void theFirstGenerateAfterAStartThatTheAccountCannotPayUploadsNothing() throws IOException {
    fake.balance(new BigDecimal("15"), false);
    fake.keyBalance(null);
    on.startOnFake(MODEL);
    String upload = on.uploadId(Files.readAllBytes(PlaygroundServerTest.productPng()), "product.png");

    Answer generated = on.answer("/api/generate", job(upload, "Too dear"));

    assertThat(generated.status()).as(generated.body()).isEqualTo(402);
    assertThat(generated.body()).contains("costs 20 credits but the account has 15 credits left; nothing was sent");
    assertThat(fake.requests(Endpoint.UPLOAD)).as("the image stays here").isEmpty();
    assertThat(fake.requests(Endpoint.CREATE)).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aKeyTheProviderRefusesIsShownByTheCheckBeforeGenerate() {
    on.client(VidgenClient.builder().provider("toapis", ProviderConfig.builder()
            .apiKey(ApiKey.of("sk-" + "w".repeat(48))).baseUrl(fake.baseUrl()).build())
        .build());
    on.start(MODEL, List.of("--provider", "toapis", "--base-url", fake.baseUrl()));

    Map<String, Object> check = json(on.post("/api/check", job(null, "Wrong key").replace(
        "\"images\":[{\"upload\":\"null\"}]", "\"images\":[{\"url\":\"https://cdn.example.com/a.png\"}]")));

    assertThat((List<Map<String, Object>>) check.get("violations")).anySatisfy(violation -> {
      assertThat(violation).containsEntry("code", "key.refused").containsEntry("severity", "warning");
      assertThat((String) violation.get("message")).contains("the provider refused the key", "a Generate would be"
          + " refused too").doesNotContain("wwwwwwww");
    });
    assertThat(fake.creates()).isEmpty();
  }

  /** The task ids the history holds, newest first. */
  private static List<Object> tasksIn(TaskHistory history) {
    return history.entries().stream().map(entry -> (Object) entry.taskId()).toList();
  }

  /** An answer of the playground, whatever its status. */
  @Test
  @SuppressWarnings("unchecked")
  void anImageTooSmallForHailuoIsMarkedByTheCheckAndItsGenerateSendsNothing() {
    on.startOnFake(MODEL);
    String upload = on.uploadId(dev.vidgen.testkit.fixtures.Images.png(200, 200).bytes(), "small.png");
    String hailuo = "{\"model\":\"MiniMax-Hailuo-2.3-Fast\",\"prompt\":\"Slow push-in\",\"images\":[{\"upload\":\""
        + upload + "\"}]}";

    Map<String, Object> check = json(on.post("/api/check", hailuo));
    Answer generated = on.answer("/api/generate", hailuo);

    assertThat((List<Map<String, Object>>) check.get("violations")).singleElement().satisfies(violation -> {
      assertThat(violation).containsEntry("code", "image.pixels").containsEntry("field", "images[0]");
      assertThat((String) violation.get("message")).contains("small.png is 200x200 px: its short side of 200 px is"
          + " under 301 px; MiniMax-Hailuo-2.3-Fast takes images with a short side of at least 301 px");
    });
    assertThat(generated.status()).as(generated.body()).isEqualTo(422);
    assertThat(generated.body()).contains("image.pixels", "nothing was sent");
    assertThat(fake.requests(Endpoint.UPLOAD)).as("no upload").isEmpty();
    assertThat(fake.requests(Endpoint.CREATE)).as("no create").isEmpty();
  }

  @Test
  void stoppingWhileAVideoIsSavedKeepsItsTaskCompletedWithoutAFileLeavesNoPartAndSaysHowToSaveIt()
      throws IOException {
    on.startOnFake(MODEL);
    String upload = on.uploadId(Files.readAllBytes(PlaygroundServerTest.productPng()), "product.png");
    fake.nextTask(TaskScript.completes().taking(dev.vidgen.testkit.toapis.Lifecycle.byPolls(0, 1)));
    fake.inject(Endpoint.FILE, Fault.trickle(Duration.ofMillis(200)));
    String taskId = (String) ((Map<?, ?>) json(generate(job(upload, "Slow video"))).get("task")).get("task_id");
    Path videos = on.playground().videosFolder();
    await().atMost(Duration.ofSeconds(10)).until(() -> !fake.requests(Endpoint.FILE).isEmpty() && filesIn(videos)
        .stream().anyMatch(name -> name.endsWith(".part")));

    on.playground().close();
    List<String> notes = on.playground().stoppingNotes();

    assertThat(filesIn(videos)).as("nothing half-written is left in the videos folder").isEmpty();
    assertThat(on.history().entries()).filteredOn(entry -> entry.taskId().equals(taskId)).singleElement()
        .satisfies(entry -> {
          assertThat(entry.status()).isEqualTo("completed");
          assertThat(entry.file()).as("no video saved, so the next serve or vidgen download saves it").isNull();
        });
    assertThat(String.join("\n", notes)).as("what the stop says").doesNotContain("still running")
        .contains("task " + taskId + " completed", "not saved", "nothing half-written was left",
            "vidgen download " + taskId + " --out " + videos.resolve(taskId + ".mp4"), "next vidgen serve");
  }

  @Test
  @SuppressWarnings("unchecked")
  void stoppingNamesACompletedTaskWhoseVideoWasNotSavedBeforeTheStopWithTheDownloadThatSavesIt() throws IOException {
    on.startOnFake(MODEL);
    String upload = on.uploadId(Files.readAllBytes(PlaygroundServerTest.productPng()), "product.png");
    fake.inject(Endpoint.FILE, Fault.answer(200, "text/html", "<html><title>Access denied</title></html>"), 50);
    fake.nextTask(TaskScript.completes().taking(dev.vidgen.testkit.toapis.Lifecycle.byPolls(0, 1)));
    String taskId = (String) ((Map<String, Object>) json(generate(job(upload, "Unsaved take"))).get("task"))
        .get("task_id");
    await().atMost(Duration.ofSeconds(20)).until(() -> on.task(taskId).get("next") != null);

    on.playground().close();

    assertThat(String.join("\n", on.playground().stoppingNotes())).as("what vidgen serve prints as it stops")
        .contains("task " + taskId + " completed, but its video was not saved (",
            "vidgen download " + taskId + " --out " + folder.resolve("videos").toAbsolutePath().normalize()
                + java.io.File.separator + " --provider toapis --base-url " + fake.baseUrl())
        .doesNotContain("still running");
  }

  private static List<String> filesIn(Path folder) throws IOException {
    try (java.util.stream.Stream<Path> files = Files.list(folder)) {
      return files.map(file -> file.getFileName().toString()).toList();
    }
  }

  @Test
  void aGatewaysPageForTheCreateIsSaidAsSuchNotAsNoAnswer() throws IOException {
    on.startOnFake(MODEL);
    String upload = on.uploadId(Files.readAllBytes(PlaygroundServerTest.productPng()), "product.png");
    fake.inject(Endpoint.CREATE, Fault.html(502));

    Map<String, Object> error = unanswered(job(upload, "Gateway"));

    assertThat((String) error.get("message"))
        .contains("the create request was sent but a gateway answered HTTP 502 instead of ToAPIs: non-JSON answer"
                + " (text/html; charset=utf-8): 502 Bad Gateway",
            "a task may exist and be billed", "the history keeps the job as unknown")
        .doesNotContain("no answer came back", "answered with a server error");
    assertThat(error).containsEntry("http_status", 502L).containsEntry("sent", "maybe");
    assertThat((String) error.get("next")).contains("check the provider's dashboard");
    assertThat(fake.requests(Endpoint.CREATE)).as("not sent again").hasSize(1);
  }

  @Test
  void aCreateWhoseConnectionDroppedIsSaidToHaveGotNoAnswer() throws IOException {
    on.startOnFake(MODEL);
    String upload = on.uploadId(Files.readAllBytes(PlaygroundServerTest.productPng()), "product.png");
    fake.inject(Endpoint.CREATE, Fault.dropAfterProcessing());

    Map<String, Object> error = unanswered(job(upload, "Dropped"));

    assertThat((String) error.get("message")).contains("the create request was sent but",
            "a task may exist and be billed", "vidgen did not send it again", "the history keeps the job as unknown")
        .doesNotContain("gateway", "server error");
    assertThat(error).containsEntry("http_status", null).containsEntry("sent", "maybe");
    assertThat((String) error.get("next")).contains("check the provider's dashboard");
    assertThat(fake.requests(Endpoint.CREATE)).as("not sent again").hasSize(1);
  }

  @Test
  void aCreateAnsweredWithServerErrorsToTheEndSaysSoAndThatEachTakeMayBeBilled() throws IOException {
    on.startOnFake(MODEL);
    String upload = on.uploadId(Files.readAllBytes(PlaygroundServerTest.productPng()), "product.png");
    fake.inject(Endpoint.CREATE, Fault.serverError(), 10);

    Map<String, Object> error = unanswered(job(upload, "Server errors"));

    assertThat(fake.requests(Endpoint.CREATE)).as("sent again once, blindly").hasSize(2);
    assertThat((String) error.get("message"))
        .contains("the create was answered with a server error 2 times, and sent again after each but the last",
            "HTTP 500 internal_error: Internal server error", "a task may exist and be billed (one for each take: up"
                + " to 2)", "the history keeps the job as unknown")
        .doesNotContain("no answer came back", "gateway");
    assertThat(error).containsEntry("http_status", 500L).containsEntry("sent", "maybe");
    assertThat((String) error.get("next")).contains("check the provider's dashboard");
  }

  @Test
  @SuppressWarnings("unchecked")
  void anUnansweredCreateIsListedAtItsQuoteWithTheChargeUnknown() throws IOException {
    on.startOnFake(MODEL);
    String upload = on.uploadId(Files.readAllBytes(PlaygroundServerTest.productPng()), "product.png");
    fake.inject(Endpoint.CREATE, Fault.dropAfterProcessing());
    unanswered(job(upload, "Dropped"));

    assertThat(on.tasks()).singleElement().satisfies(task -> assertThat(task)
        .containsEntry("status", "unknown").containsEntry("credits", 20L).containsEntry("charge", "unknown")
        .containsEntry("sending", false));
    assertThat((String) on.tasks().get(0).get("task_id")).startsWith("unanswered-");
  }

  @Test
  void theCopiedCurlUploadsTheImageAndCreatesTheTaskWithItsUrl() throws Exception {
    assumeThat(Files.isExecutable(Path.of("/usr/bin/curl")) && Files.isExecutable(Path.of("/bin/sh")))
        .as("curl and sh run the copied commands").isTrue();
    on.startOnFake(MODEL);
    String upload = on.uploadId(Files.readAllBytes(PlaygroundServerTest.productPng()), "product.png");
    String curl = (String) json(on.post("/api/check", job(upload, "Copied"))).get("curl");
    assertThat(curl).doesNotContain(fake.apiKey()).contains("\"Authorization: Bearer $TOAPIS_API_KEY\"");

    ProcessBuilder shell = new ProcessBuilder("/bin/sh", "-c", curl).redirectErrorStream(true);
    shell.environment().put("TOAPIS_API_KEY", fake.apiKey());
    Process run = shell.start();
    String said = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertThat(run.exitValue()).as(said).isZero();
    assertThat(fake.requests(Endpoint.UPLOAD)).singleElement()
        .satisfies(sent -> assertThat(sent.authorization()).contains("Bearer " + fake.apiKey()));
    assertThat(fake.creates()).singleElement().satisfies(create -> {
      assertThat(create.madeTask()).as(create.body()).isTrue();
      assertThat(imageOf(create)).startsWith(FakeToApisServer.DEFAULT_UPLOAD_URL_BASE);
    });
  }

  @Test
  void theCopiedCurlSendsNoCreateWhenTheUploadFails() throws Exception {
    assumeThat(Files.isExecutable(Path.of("/usr/bin/curl")) && Files.isExecutable(Path.of("/bin/sh")))
        .as("curl and sh run the copied commands").isTrue();
    on.startOnFake(MODEL);
    String upload = on.uploadId(Files.readAllBytes(PlaygroundServerTest.productPng()), "product.png");
    String curl = (String) json(on.post("/api/check", job(upload, "Copied"))).get("curl");
    fake.inject(Endpoint.UPLOAD, Fault.status(400));

    ProcessBuilder shell = new ProcessBuilder("/bin/sh", "-c", curl).redirectErrorStream(true);
    shell.environment().put("TOAPIS_API_KEY", fake.apiKey());
    Process run = shell.start();
    String said = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertThat(run.exitValue()).as(said).isNotZero();
    assertThat(fake.requests(Endpoint.UPLOAD)).hasSize(1);
    assertThat(fake.requests(Endpoint.CREATE)).as("no create without the image's URL").isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aModelTheCatalogLacksButTheKeyListsIsRefusedAsHavingNoRouteNotWithSpellingGuesses() {
    fake.videoModels(java.util.Set.of(MODEL, "acme-video-9"));
    on.startOnFake(MODEL);
    String job = "{\"model\":\"acme-video-9\",\"prompt\":\"A lighthouse at dusk\"}";

    Map<String, Object> check = json(on.post("/api/check", job));
    Answer generated = on.answer("/api/generate", job);

    assertThat(check.get("valid")).isEqualTo(false);
    assertThat((List<Map<String, Object>>) check.get("violations")).extracting(v -> (String) v.get("message"))
        .singleElement().asString()
        .contains("acme-video-9 is on this key's live model list, but the catalog has no route for it")
        .doesNotContain("not a known model");
    assertThat(generated.status()).as(generated.body()).isEqualTo(422);
    assertThat(generated.body()).contains("the catalog has no route for it").doesNotContain("not a known model");
    assertThat(fake.creates()).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCheckWhoseLiveListReadLostItsConnectionReadsItOnceMoreAndStillRefusesAModelTheKeyMayNotUse() {
    fake.videoModels(java.util.Set.of("veo3.1-fast", "grok-video-1.5"));
    on.startOnFake(MODEL);
    // As a kept-alive connection the server has closed since fails the next read: no answer at all.
    fake.inject(Endpoint.MODELS, Fault.dropBeforeProcessing());

    Map<String, Object> check = json(on.post("/api/check", urlJob("https://cdn.example.com/product.png", "A bottle")));

    assertThat(check.get("valid")).isEqualTo(false);
    assertThat((List<Map<String, Object>>) check.get("violations")).extracting(v -> v.get("code"))
        .containsExactly("model.not_available");
    assertThat(fake.requests(Endpoint.MODELS)).as("the read that got no answer and the one sent again").hasSize(2);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCheckWhoseLiveListCannotBeReadSaysTheModelWentUncheckedRatherThanShowingItAsFine() {
    on.startOnFake(MODEL);
    fake.inject(Endpoint.MODELS, Fault.status(500));

    Map<String, Object> check = json(on.post("/api/check", urlJob("https://cdn.example.com/product.png", "A bottle")));

    assertThat(check.get("valid")).as("an unreadable list holds no job back").isEqualTo(true);
    assertThat((List<Map<String, Object>>) check.get("violations")).singleElement().satisfies(warning -> {
      assertThat(warning).containsEntry("severity", "warning").containsEntry("code", "live_models.unreadable")
          .containsEntry("field", "model");
      assertThat((String) warning.get("message")).contains("live model list of toapis could not be read")
          .contains(MODEL + " is not checked against it");
    });
  }

  @Test
  @SuppressWarnings("unchecked")
  void aPriceChangedInAFollowedRouteFileIsQuotedListedAndPaidFromTheNextCheckOn() throws IOException {
    Path routes = priceFile("0.04");
    startFollowing(routes);
    String job = "{\"model\":\"seedance-2\",\"prompt\":\"a red fox\",\"seconds\":5}";
    assertThat((Map<String, Object>) json(on.post("/api/check", job)).get("quote")).containsEntry("credits", 40L);

    priceFile("0.08"); // the same size, perhaps within the same tick of the file's clock

    Map<String, Object> check = json(on.post("/api/check", job));
    assertThat(check).containsEntry("valid", true);
    assertThat((Map<String, Object>) check.get("quote")).containsEntry("credits", 80L);
    assertThat((Map<String, Object>) model(json(on.call(on.request("/api/models").build())), "seedance-2").get("price"))
        .as("the model list").containsEntry("usd_per_second", new BigDecimal("0.08"));
    String taskId = (String) ((Map<?, ?>) json(generate(job)).get("task")).get("task_id");
    assertThat(fake.creates()).hasSize(1);
    assertThat(on.history().entries()).filteredOn(entry -> entry.taskId().equals(taskId)).singleElement()
        .satisfies(entry -> assertThat(entry.credits()).as("recorded at the new price").isEqualByComparingTo("80"));
    assertThat(rebuilt).as("one client on the changed file").hasValue(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCombinationTheRouteForbidsIsQuotedWithNoPriceAsTheCommandLineShowsNone() throws IOException {
    Path routes = Files.writeString(folder.resolve("rule.json"), "{\"patch\": {\"seedance-2\": {\"price\":"
        + " {\"per_second_usd\": \"0.06\"}, \"rules\": [{\"kind\": \"at_resolution\", \"resolution\": \"1080p\","
        + " \"seconds\": [5, 8], \"reason\": \"1080p only at 5 or 8 s\"}]}}}");
    startFollowing(routes);
    String job = "{\"model\":\"seedance-2\",\"prompt\":\"a red fox\",\"seconds\":12,\"resolution\":\"";

    Map<String, Object> forbidden = json(on.post("/api/check", job + "1080p\"}"));
    Map<String, Object> offered = json(on.post("/api/check", job + "720p\"}"));

    assertThat(forbidden).containsEntry("valid", false);
    assertThat((List<Map<String, Object>>) forbidden.get("violations")).extracting(violation -> violation.get("code"))
        .contains("conflict.resolution_seconds");
    assertThat((Map<String, Object>) forbidden.get("quote")).as("no price for 12 s at 1080p, which no one can buy")
        .containsEntry("known", false).containsEntry("credits", null).containsEntry("usd", null)
        .containsEntry("basis", "no price is known: seedance-2 does not offer this job as given (see the problems"
            + " marked on the Duration field); fix them to see its price");
    assertThat((Map<String, Object>) offered.get("quote")).as("12 s at 720p is offered")
        .containsEntry("known", true).containsEntry("credits", 144L);
    assertThat(fake.creates()).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aGenerateWhosePriceChangedSinceThePageShowedItSendsNothingAndTellsTheNewPrice() throws IOException {
    Path routes = priceFile("0.04");
    startFollowing(routes);
    String job = "{\"model\":\"seedance-2\",\"prompt\":\"a red fox\",\"seconds\":5";
    assertThat((Map<String, Object>) json(on.post("/api/check", job + "}")).get("quote")).containsEntry("credits", 40L);

    priceFile("0.08"); // edited after the page's check, before its Generate

    Answer refused = on.answer("/api/generate", job + ",\"quoted_credits\":40}");
    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    Map<String, Object> error = (Map<String, Object>) json(refused.body()).get("error");
    assertThat(error).containsEntry("code", "price_changed").containsEntry("sent", "no");
    assertThat((String) error.get("message")).contains("the price the form names, 40 credits, is not this job's price"
        + " now, 80 credits ($0.40)", "nothing was sent", "a route file edited since the page showed the price changes a"
        + " job's price too").doesNotContain("was edited, say");
    assertThat((Map<String, Object>) json(refused.body()).get("quote")).containsEntry("credits", 80L);
    assertThat(fake.creates()).isEmpty();
    assertThat(on.history().entries()).isEmpty();

    assertThat(on.answer("/api/generate", job + ",\"quoted_credits\":80}").status()).as("the new price, as now shown")
        .isEqualTo(201);
    assertThat(fake.creates()).hasSize(1);
    assertThat(on.answer("/api/generate", job + ",\"quoted_credits\":\"lots\"}").status()).as("not a price")
        .isEqualTo(400);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aFollowedRouteFileThatBecameInvalidRefusesChecksAndGeneratesNamingItsProblemAndSendsNothing()
      throws IOException {
    Path routes = priceFile("0.04");
    startFollowing(routes);
    String job = "{\"model\":\"seedance-2\",\"prompt\":\"a red fox\",\"seconds\":5}";
    assertThat(json(on.post("/api/check", job))).containsEntry("valid", true);

    priceFile("-1");

    for (String path : List.of("/api/check", "/api/generate")) {
      Answer refused = on.answer(path, job);
      assertThat(refused.status()).as(refused.body()).isEqualTo(422);
      Map<String, Object> error = (Map<String, Object>) json(refused.body()).get("error");
      assertThat(error).containsEntry("code", "invalid_routes");
      assertThat((String) error.get("message")).as(path).contains("checks and sends nothing until it is fixed",
          routes + ": patch.seedance-2.price.per_second_usd: negative price -1; a price is 0 or more US dollars");
      assertThat((List<Map<String, Object>>) json(refused.body()).get("problems")).singleElement()
          .satisfies(problem -> assertThat(problem).containsEntry("path", "patch.seedance-2.price.per_second_usd"));
    }
    try (Response models = on.http.newCall(on.request("/api/models").build()).execute()) {
      assertThat(models.code()).as("the model list, too").isEqualTo(422);
      assertThat(models.body().string()).contains("invalid_routes", "negative price -1");
    }
    assertThat(fake.creates()).as("nothing sent on the catalog read before").isEmpty();
    assertThat(on.history().entries()).isEmpty();

    priceFile("0.06");

    assertThat((Map<String, Object>) json(on.post("/api/check", job)).get("quote")).as("fixed: followed again")
        .containsEntry("credits", 60L);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aFollowedRouteFileThatWasRemovedAdvisesCheckingThePathNotFixingTheFormat() throws IOException {
    Path routes = priceFile("0.04");
    startFollowing(routes);
    String job = "{\"model\":\"seedance-2\",\"prompt\":\"a red fox\",\"seconds\":5}";
    assertThat(json(on.post("/api/check", job))).containsEntry("valid", true);

    Files.move(routes, folder.resolve("good.json.bak"));

    Answer refused = on.answer("/api/generate", job);
    assertThat(refused.status()).as(refused.body()).isEqualTo(422);
    Map<String, Object> error = (Map<String, Object>) json(refused.body()).get("error");
    assertThat(error).containsEntry("code", "invalid_routes").containsEntry("sent", "no")
        .containsEntry("next", routes + " does not exist: put it back, or check the path vidgen serve was given"
            + " (--routes or VIDGEN_ROUTES) and start it again; the playground reads it again at the next check");
    assertThat((String) error.get("message")).contains(routes + ": no such file");
    assertThat(fake.creates()).isEmpty();
  }

  @Test
  void anUnchangedRouteFileIsNotReadAgain() throws IOException {
    Path routes = priceFile("0.04");
    startFollowing(routes);
    String job = "{\"model\":\"seedance-2\",\"prompt\":\"a red fox\",\"seconds\":5}";

    for (int i = 0; i < 3; i++) {
      on.post("/api/check", job);
      on.call(on.request("/api/models").build());
    }
    assertThat(rebuilt).as("no client made again for a file whose bytes did not change").hasValue(0);
    // Older than the moments in which an edit may keep its time: from now on its time and size alone are compared.
    Files.setLastModifiedTime(routes, java.nio.file.attribute.FileTime.from(
        java.time.Instant.now().minus(Duration.ofMinutes(5))));
    on.post("/api/check", job);
    on.post("/api/check", job);
    on.post("/api/check", job);

    assertThat(rebuilt).as("a new time is a change, read once").hasValue(1);
  }

  /** The route file patching seedance-2's price to {@code usd} a second, written over the last one. */
  private Path priceFile(String usd) throws IOException {
    return Files.writeString(folder.resolve("good.json"),
        "{\"patch\": {\"seedance-2\": {\"price\": {\"per_second_usd\": \"" + usd + "\"}}}}");
  }

  private final java.util.concurrent.atomic.AtomicInteger rebuilt = new java.util.concurrent.atomic.AtomicInteger();

  /**
   * {@link PlaygroundFixture#startOnFake} on {@code routes}, which the playground follows: each client it asks for is
   * counted.
   */
  private void startFollowing(Path routes) {
    on.client(on.toApisClient().routes(routes).environmentRoutes(false).build());
    FollowedRouteFiles followed = new FollowedRouteFiles(List.of(routes), (catalog, previous) -> {
      rebuilt.incrementAndGet();
      return on.toApisClient().catalog(catalog).environmentRoutes(false).budget(previous.remainingBudget()).build();
    });
    on.start(new PlaygroundSettings(on.client(), "127.0.0.1", 0, folder, on.history(), MODEL,
        List.of("--provider", "toapis", "--base-url", fake.baseUrl(), "--routes", routes.toString()),
        PlaygroundSettings.DEFAULT_KEY_VARIABLE, null, followed));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> model(Map<String, Object> models, String id) {
    return ((List<Map<String, Object>>) models.get("models")).stream().filter(route -> id.equals(route.get("id")))
        .findFirst().orElseThrow();
  }

  /**
   * {@link PlaygroundFixture#startOnFake}, with the playground told the provider's key (to mask it, to tag its tasks).
   */
  private void startKnowingTheKey() {
    on.startOnFake(MODEL);
    on.playground().close();
    on.start(new PlaygroundSettings(on.client(), "127.0.0.1", 0, folder, on.history(), MODEL,
        List.of("--provider", "toapis"), PlaygroundSettings.DEFAULT_KEY_VARIABLE, ApiKey.of(fake.apiKey())));
  }

  /** The one image URL a grok-video-1.5-preview create sent. */
  private static String imageOf(CreateRecord create) {
    Object images = create.json().get("images");
    return images instanceof List<?> list && list.size() == 1 ? String.valueOf(list.get(0)) : null;
  }

  private static String job(String upload, String prompt) {
    return "{\"model\":\"" + MODEL + "\",\"prompt\":\"" + prompt + "\",\"seconds\":10,\"aspect_ratio\":\"16:9\","
        + "\"images\":[{\"upload\":\"" + upload + "\"}]}";
  }

  private String generate(String job) {
    return on.post("/api/generate", job);
  }

  /** The error of a generate answered 502: a create that may have made a task. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> unanswered(String job) throws IOException {
    try (Response response = on.http.newCall(on.request("/api/generate").post(RequestBody.create(job, JSON)).build())
        .execute()) {
      String body = response.body().string();
      assertThat(response.code()).as(body).isEqualTo(502);
      return (Map<String, Object>) json(body).get("error");
    }
  }

  /** A clock that stands still until moved. */
  private static final class MovableClock extends java.time.Clock {
    private volatile java.time.Instant now = java.time.Instant.parse("2026-11-30T10:00:00Z");

    void move(Duration by) {
      now = now.plus(by);
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public java.time.Instant instant() {
      return now;
    }
  }
}
