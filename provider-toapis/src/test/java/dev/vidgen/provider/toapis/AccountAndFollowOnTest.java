package dev.vidgen.provider.toapis;

import static dev.vidgen.provider.toapis.ToApisTesting.await;
import static dev.vidgen.provider.toapis.ToApisTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.FollowOn;
import dev.vidgen.core.domain.FollowOnKind;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.error.AuthenticationException;
import dev.vidgen.core.error.InsufficientQuotaException;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.RequestRejectedException;
import dev.vidgen.core.error.TaskNotFoundException;
import dev.vidgen.core.port.Balances;
import dev.vidgen.core.port.FollowOnRequest;
import dev.vidgen.testkit.fixtures.Images;
import dev.vidgen.testkit.fixtures.VideoJobs;
import dev.vidgen.testkit.fixtures.Videos;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import dev.vidgen.testkit.toapis.Lifecycle;
import dev.vidgen.testkit.toapis.ReceivedRequest;
import dev.vidgen.testkit.toapis.TaskScript;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import dev.vidgen.core.policy.PollSchedule;
import java.util.Map;
import java.util.Set;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11 on the wire: model list, balances of key and account, video uploads, extend and remix. */
class AccountAndFollowOnTest {
  @TempDir Path dir;
  @RegisterExtension
  final ToApisOverHttp http = ToApisOverHttp.builder()
      .server(fake -> fake.videoModels(Set.of("grok-video-1.5-preview", "grok-video-1.0", "seedance-2")))
      .start();
  private final FakeToApisServer toapis = http.server();
  private final ToApisVideoProvider provider = http.provider();

  @Test
  void liveModelsAsksForVideoModelsOfThisKey() {
    Set<String> live = await(provider.liveModels());

    assertThat(live).containsExactlyInAnyOrder("grok-video-1.5-preview", "grok-video-1.0", "seedance-2");
    ReceivedRequest request = toapis.requests(Endpoint.MODELS).get(0);
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.path()).isEqualTo("/v1/models");
  }

  @Test
  void withoutATypeTheEndpointListsTextModelsOnly() throws Exception {
    try (Response answer = new OkHttpClient().newCall(new Request.Builder().url(toapis.baseUrl().replaceAll("/$", "") + "/v1/models")
        .header("Authorization", "Bearer " + toapis.apiKey()).build()).execute()) {
      String body = answer.body().string();
      assertThat(body).contains("gpt-4o-mini").doesNotContain("seedance-2");
    }
  }

  @Test
  void entriesOfTheModelListThatAreNoObjectOrHaveNoTextIdAreSkippedNotTheWholeList() {
    toapis.inject(Endpoint.MODELS, Fault.answer(200, "application/json", "{\"success\":true,\"object\":\"list\","
        + "\"data\":[\"seedance-2-fast\",{\"id\":\"seedance-2\"},null,42,{\"id\":7},{\"id\":\" \"},{\"object\":\"model\"},"
        + "{\"id\":\" kling-v3 \",\"owned_by\":{\"odd\":true}}]}"));

    assertThat(await(provider.liveModels())).containsExactly("seedance-2", "kling-v3");

    toapis.inject(Endpoint.MODELS, Fault.answer(200, "application/json", "{\"success\":true,\"object\":\"list\","
        + "\"data\":[\"seedance-2\",null,{\"id\":7}]}"));
    assertThat(failure(provider.liveModels())).as("entries, none readable: unreadable, not an empty list")
        .hasMessageContaining("no entry of the model list names an id");
  }

  @Test
  void aModelListRefusedWithSuccessFalseOrWithoutDataIsAnError() {
    toapis.inject(Endpoint.MODELS, Fault.answer(200, "application/json", "{\"success\":false,\"message\":\"token disabled\"}"));
    assertThat(failure(provider.liveModels())).isInstanceOf(ProviderException.class).hasMessageContaining("token disabled");

    toapis.inject(Endpoint.MODELS, Fault.answer(200, "application/json", "{\"success\":true,\"object\":\"list\"}"));
    assertThat(failure(provider.liveModels())).isInstanceOf(ProviderException.class).hasMessageContaining("no data");

    toapis.inject(Endpoint.MODELS, Fault.status(401));
    assertThat(failure(provider.liveModels())).isInstanceOf(AuthenticationException.class);
  }

  @Test
  void toleratesModelEntriesWithoutIdsAndExtraFields() {
    toapis.inject(Endpoint.MODELS, Fault.answer(200, "application/json",
        "{\"success\":true,\"data\":[{\"id\":\" kling-v3 \",\"created\":\"soon\",\"x\":[1]},{\"object\":\"model\"},"
            + "{\"id\":\"\"}]}"));

    assertThat(await(provider.liveModels())).containsExactly("kling-v3");
  }

  @Test
  void balancesReadTheKeyAndTheAccountAndTheSmallerCounts() {
    toapis.keyBalance(BigDecimal.valueOf(40));

    Balances balances = await(provider.balances());

    assertThat(balances.key().remainingCredits()).isEqualByComparingTo("40");
    assertThat(balances.account().remainingCredits()).isEqualByComparingTo("10000");
    assertThat(balances.effectiveRemaining()).hasValueSatisfying(left -> assertThat(left).isEqualByComparingTo("40"));
    assertThat(balances.limitedBy()).isEqualTo("key");
    assertThat(toapis.requests(Endpoint.USER_BALANCE)).singleElement()
        .satisfies(request -> assertThat(request.path()).isEqualTo("/v1/user/balance"));
  }

  @Test
  void anAccountBalanceTheKeyMayNotReadLeavesTheKeysButAnOutageFails() {
    toapis.keyBalance(BigDecimal.valueOf(40));
    toapis.inject(Endpoint.USER_BALANCE, Fault.status(404));

    Balances keyOnly = await(provider.balances());

    assertThat(keyOnly.account()).isNull();
    assertThat(keyOnly.effectiveRemaining()).hasValueSatisfying(left -> assertThat(left).isEqualByComparingTo("40"));
    assertThat(keyOnly.limitedBy()).isEqualTo("key");

    toapis.clearFaults();
    toapis.inject(Endpoint.USER_BALANCE, Fault.serverError());
    Throwable outage = failure(provider.balances());
    assertThat(outage).isInstanceOf(ProviderException.class);
    assertThat(((ProviderException) outage).httpStatus()).isEqualTo(500);
  }

  @Test
  void anUnlimitedQuotaIsRespected() {
    toapis.inject(Endpoint.BALANCE, Fault.answer(200, "application/json",
        "{\"success\":true,\"remain_credits\":0,\"unlimited_quota\":true}"));

    Balances balances = await(provider.balances());

    assertThat(balances.key().unlimited()).isTrue();
    assertThat(balances.effectiveRemaining()).hasValueSatisfying(left -> assertThat(left).isEqualByComparingTo("10000"));
    assertThat(balances.limitedBy()).isEqualTo("account");
  }

  @Test
  void balancesFallAsTasksAreCreated() {
    toapis.keyBalance(BigDecimal.valueOf(100));

    await(provider.create(ToApisTesting.request(VideoJobs.validFor("grok-video-1.5-preview").toBuilder().seconds(15).build(), null)));

    Balances balances = await(provider.balances());
    assertThat(balances.key().remainingCredits()).isEqualByComparingTo("70");
    assertThat(balances.account().remainingCredits()).isEqualByComparingTo("9970");
  }

  @Test
  void uploadsAVideoAsMultipartFileWithPurpose() {
    URI url = await(provider.uploadVideo(Videos.mp4(dir, "clip.mp4")));

    assertThat(url.toString()).startsWith(FakeToApisServer.DEFAULT_UPLOAD_URL_BASE).endsWith(".mp4");
    ReceivedRequest request = toapis.requests(Endpoint.VIDEO_UPLOAD).get(0);
    assertThat(request.path()).isEqualTo("/v1/uploads/videos");
    assertThat(request.header("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("multipart/form-data"));
    assertThat(request.body()).contains("name=\"file\"; filename=\"clip.mp4\"").contains("Content-Type: video/mp4")
        .contains("name=\"purpose\"").contains("generation");
  }

  @Test
  void anImageIsUploadedWithTheTypeOfItsContentNotOfItsName() {
    Path misnamed = Images.jpeg().writeTo(dir.resolve("photo.png"));

    await(provider.upload(misnamed));

    ReceivedRequest request = toapis.requests(Endpoint.UPLOAD).get(0);
    assertThat(request.body()).contains("filename=\"photo.jpg\"").contains("Content-Type: image/jpeg")
        .doesNotContain("Content-Type: image/png").doesNotContain("photo.png");
  }

  @Test
  void anUploadIsNamedWithTheExtensionOfItsContentKeepingTheStem() {
    await(provider.upload(Images.jpeg().writeTo(dir.resolve("IMG_0042.HEIC"))));
    await(provider.upload(Images.png().writeTo(dir.resolve("shot"))));
    await(provider.upload(Images.jpeg().writeTo(dir.resolve("kept.JPEG"))));
    await(provider.uploadVideo(Videos.mp4(dir, "clip #2.mov")));

    assertThat(toapis.requests(Endpoint.UPLOAD)).extracting(ReceivedRequest::body).satisfiesExactly(
        heic -> assertThat(heic).contains("filename=\"IMG_0042.jpg\"").doesNotContain("HEIC"),
        bare -> assertThat(bare).contains("filename=\"shot.png\""),
        kept -> assertThat(kept).contains("filename=\"kept.JPEG\""));
    assertThat(toapis.requests(Endpoint.VIDEO_UPLOAD).get(0).body()).contains("filename=\"clip #2.mp4\"")
        .contains("Content-Type: video/mp4").doesNotContain(".mov");
  }

  @Test
  void aNonVideoIsRefusedBeforeSendingAndARefusedUploadIsARejectedRequest() {
    Path image = Images.png().writeTo(dir.resolve("clip.mp4"));
    assertThat(failure(provider.uploadVideo(image))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an MP4, MOV or WebM");
    assertThat(toapis.requests(Endpoint.VIDEO_UPLOAD)).isEmpty();

    toapis.inject(Endpoint.VIDEO_UPLOAD, Fault.answer(400, "application/json",
        "{\"success\":false,\"message\":\"Video too large. Maximum size is 50MB\"}"));
    assertThat(failure(provider.uploadVideo(Videos.webm(dir, "b.webm")))).isInstanceOf(RequestRejectedException.class)
        .hasMessageContaining("Maximum size is 50MB");
  }

  @Test
  void extendAndRemixPostToTheTasksPathWithModelPromptAndSize() {
    TaskSnapshot source = await(provider.create(ToApisTesting.request(VideoJobs.validFor("grok-video-1.0"), null)));

    TaskSnapshot extended = await(provider.createFollowOn(new FollowOnRequest(FollowOnKind.EXTEND, source.taskId(),
        "grok-video-1.0", "the kite rises", "16:9", Map.of())));
    TaskSnapshot remixed = await(provider.createFollowOn(new FollowOnRequest(FollowOnKind.REMIX, source.taskId(),
        "grok-video-1.0", "in winter", null, new java.util.TreeMap<>(Map.of("seed", 3, "metadata.style", "ink",
            "prompt", "not this one")))));

    assertThat(extended.taskId().value()).startsWith("video_extend_");
    assertThat(remixed.taskId().value()).startsWith("video_remix_");
    assertThat(ToApisTesting.pollToEnd(provider, extended.taskId()).status().isTerminal()).isTrue();
    ReceivedRequest extend = toapis.requests(Endpoint.EXTEND).get(0);
    assertThat(extend.path()).isEqualTo("/v1/videos/" + source.taskId().value() + "/extend");
    assertThat(extend.body()).isEqualTo("{\"model\":\"grok-video-1.0\",\"prompt\":\"the kite rises\",\"size\":\"16:9\"}");
    assertThat(toapis.requests(Endpoint.REMIX).get(0).body())
        .as("a dotted name nested; the request's own fields kept")
        .isEqualTo("{\"model\":\"grok-video-1.0\",\"prompt\":\"in winter\",\"metadata\":{\"style\":\"ink\"},\"seed\":3}");
  }

  @Test
  void followOnErrorsAreMappedLikeTheOtherEndpoints() {
    assertThat(failure(provider.createFollowOn(new FollowOnRequest(FollowOnKind.EXTEND, TaskId.of("video_none"),
        "grok-video-1.0", "p", null, Map.of())))).isInstanceOf(TaskNotFoundException.class);
    TaskSnapshot source = await(provider.create(ToApisTesting.request(VideoJobs.validFor("grok-video-1.0"), null)));
    assertThat(failure(provider.createFollowOn(new FollowOnRequest(FollowOnKind.EXTEND, source.taskId(),
        "seedance-2", "p", null, Map.of())))).isInstanceOf(RequestRejectedException.class)
        .hasMessageContaining("does not support extend");
    toapis.inject(Endpoint.REMIX, Fault.error(402, "insufficient_quota", "Insufficient quota"));
    assertThat(failure(provider.createFollowOn(new FollowOnRequest(FollowOnKind.REMIX, source.taskId(),
        "grok-video-1.0", "p", null, Map.of())))).isInstanceOf(InsufficientQuotaException.class);
  }

  @Test
  void aFollowOnThatFailsNamesItsTaskAsTheSourceAndNotAsATaskOfItsOwn() {
    TaskSnapshot source = await(provider.create(ToApisTesting.request(VideoJobs.validFor("grok-video-1.0"), null)));
    toapis.inject(Endpoint.EXTEND, Fault.error(400, "invalid_request", "prompt too long"));

    Throwable failed = failure(provider.createFollowOn(new FollowOnRequest(FollowOnKind.EXTEND, source.taskId(),
        "grok-video-1.0", "p", null, Map.of())));

    assertThat(failed).isInstanceOf(ProviderException.class)
        .hasMessageContaining("prompt too long (source task " + source.taskId().value() + ")")
        .hasMessageNotContaining("(task " + source.taskId().value());
    assertThat(((ProviderException) failed).taskId()).isEmpty();
  }

  @Test
  void theClientRefusesAnUnlistedModelAndAShortKeyBeforeCreatingAnything() {
    try (VidgenClient client = VidgenClient.builder().provider(provider).build()) {
      // A 10 s job at no set resolution: one the preview, which offers 10 or 15 s, can take, so it is named.
      assertThatThrownBy(() -> client.submit(VideoJobs.validFor("grok-video-1.5").toBuilder().seconds(10)
              .resolution(null).build()))
          .isInstanceOf(InvalidJobException.class).hasMessageContaining("closest listed: grok-video-1.5-preview")
          .as("a refusal from the kept list says how old it is and when it is read again")
          .hasMessageContaining(", read just now; a model added to the key since shows once the list is read again, at"
              + " most every 30 s), so it would be refused");
      toapis.keyBalance(BigDecimal.valueOf(25));
      assertThatThrownBy(() -> client.submit(VideoJobs.validFor("grok-video-1.5-preview").toBuilder().seconds(15).build()))
          .isInstanceOf(InsufficientQuotaException.class).hasMessageContaining("the key has 25 credits left");
      assertThat(toapis.requests(Endpoint.CREATE)).isEmpty();
      assertThat(toapis.requests(Endpoint.MODELS)).hasSize(1);
    }
  }

  @Test
  void anOverdrawnAccountRefusesEvenAJobOfUnknownPriceBeforeCreatingAnything() {
    toapis.balance(BigDecimal.valueOf(-500), false);
    try (VidgenClient client = VidgenClient.builder().provider(provider).build()) {
      assertThatThrownBy(() -> client.submit(VideoJobs.validFor("grok-video-1.0")))
          .isInstanceOf(InsufficientQuotaException.class)
          .hasMessageContaining("the price of grok-video-1.0 is unknown but the account has -500 credits left")
          .hasMessageContaining("nothing was sent");
      assertThat(toapis.requests(Endpoint.CREATE)).isEmpty();
    }
  }

  @Test
  void theClientUploadsALocalVideoOnceAndSendsItsUrl() {
    toapis.videoModels(Set.of("wan2.6"));
    Path clip = Videos.mp4(dir, "dance.mp4");
    var job = dev.vidgen.core.domain.VideoJob.builder("wan2.6")
        .mode(dev.vidgen.core.domain.GenerationMode.REFERENCE_TO_VIDEO).prompt("the dancer at night").video(clip).build();
    try (VidgenClient client = VidgenClient.builder().provider(provider).build()) {
      client.submit(job);
      client.submit(job);
    }

    assertThat(toapis.requests(Endpoint.VIDEO_UPLOAD)).hasSize(1);
    assertThat(toapis.creates()).hasSize(2).allSatisfy(create ->
        assertThat(create.body()).contains(FakeToApisServer.DEFAULT_UPLOAD_URL_BASE).doesNotContain("file:"));
  }
  @Test
  void aClipRewrittenWithItsSizeAndTimeKeptIsUploadedAgainNotSentAsTheOldOnesUrl() throws Exception {
    toapis.videoModels(Set.of("wan2.6"));
    Path clip = Videos.mp4(dir, "clip.mp4");
    java.nio.file.attribute.FileTime time = java.nio.file.Files.getLastModifiedTime(clip);
    var job = dev.vidgen.core.domain.VideoJob.builder("wan2.6")
        .mode(dev.vidgen.core.domain.GenerationMode.REFERENCE_TO_VIDEO).prompt("the dancer at night").video(clip).build();
    try (VidgenClient client = VidgenClient.builder().provider(provider).build()) {
      client.submit(job);
      byte[] bytes = java.nio.file.Files.readAllBytes(clip);
      bytes[bytes.length - 1] ^= 0x5a; // another clip of the same size, its time set back as cp -p or rsync -t do
      java.nio.file.Files.write(clip, bytes);
      java.nio.file.Files.setLastModifiedTime(clip, time);
      client.submit(job);
    }

    assertThat(toapis.requests(Endpoint.VIDEO_UPLOAD)).as("the new bytes are uploaded").hasSize(2);
    assertThat(toapis.creates().get(0).body()).isNotEqualTo(toapis.creates().get(1).body());
  }


  @Test
  void theClientExtendsATaskAndRunsItToAFile() {
    Duration tick = Duration.ofMillis(5);
    try (VidgenClient client = VidgenClient.builder().provider(provider)
        .pollSchedule(PollSchedule.builder().firstDelay(tick).minInterval(tick).maxInterval(tick).budget(tick, 8).build())
        .build()) {
      toapis.nextTask(TaskScript.completes().taking(Lifecycle.byPolls(0, 0))); // a finished source
      var first = client.submit(VideoJobs.validFor("grok-video-1.0"));
      var extended = client.extend(first.encode(), FollowOn.prompt("the kite rises"));
      var result = client.await(extended, dev.vidgen.core.client.AwaitOptions.defaults()
          .withDeadline(java.time.Duration.ofSeconds(60)));
      Path file = client.download(extended, result, dir.resolve("extended.mp4"));

      assertThat(file).exists().isNotEmptyFile();
      assertThat(toapis.requests(Endpoint.EXTEND)).hasSize(1);
    }
  }

  @Test
  void theClientSendsNoFollowOnOfASourceThatFailedIsStillRunningOrDoesNotExist() {
    try (VidgenClient client = VidgenClient.builder().provider(provider).build()) {
      toapis.nextTask(TaskScript.fails("generation_failed", "refused by the content policy")
          .taking(Lifecycle.byPolls(0, 0)));
      String failed = client.submit(VideoJobs.validFor("grok-video-1.0")).taskId().value();
      toapis.nextTask(TaskScript.neverFinishes());
      String running = client.submit(VideoJobs.validFor("grok-video-1.0")).taskId().value();
      FollowOn followOn = FollowOn.prompt("the kite rises").withModel("grok-video-1.0");

      assertThatThrownBy(() -> client.extend(failed, followOn)).isInstanceOf(InvalidJobException.class)
          .hasMessageContaining("task " + failed + " failed (the provider says so: generation_failed, refused by the"
              + " content policy): an extend starts from a finished video; nothing was sent");
      assertThatThrownBy(() -> client.remix(running, followOn)).isInstanceOf(InvalidJobException.class)
          .hasMessageContaining("task " + running + " is not finished yet");
      assertThatThrownBy(() -> client.extend("video_nosuch1", followOn)).isInstanceOf(TaskNotFoundException.class);
      assertThat(toapis.requests(Endpoint.EXTEND)).as("no paid extend").isEmpty();
      assertThat(toapis.requests(Endpoint.REMIX)).as("no paid remix").isEmpty();
    }
  }

  @Test
  void aRemixOnARetiredRouteTheKeysLiveListStillOffersIsSentWithAWarningAndOneItLacksIsRefused() {
    toapis.videoModels(Set.of("grok-video-1.0", "sora-2-vvip"));
    String source;
    try (VidgenClient first = VidgenClient.builder().provider(provider).build()) {
      toapis.nextTask(TaskScript.completes().taking(Lifecycle.byPolls(0, 0))); // a finished source
      // A Sora task: a remix goes to the model of the task it starts from.
      source = first.submit(VideoJobs.validFor("sora-2-vvip")).taskId().value();
    }
    java.util.List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (VidgenClient client = VidgenClient.builder().provider(provider).listener(new dev.vidgen.core.client.VidgenListener() {
      @Override
      public void onWarning(String code, String message) {
        warnings.add(code + ": " + message);
      }
    }).build()) {
      var remixed = client.remix(source, FollowOn.prompt("in winter").withModel("sora-2-vvip"));

      assertThat(remixed.model()).isEqualTo("sora-2-vvip");
      assertThat(toapis.requests(Endpoint.REMIX)).hasSize(1);
      assertThat(warnings).anySatisfy(warning -> assertThat(warning).startsWith("model.retired")
          .contains("this key's live model list still offers it, so it is sent"));
      assertThatThrownBy(() -> client.remix(source, FollowOn.prompt("in winter").withModel("sora-2-pro")))
          .isInstanceOf(InvalidJobException.class).hasMessageContaining("sora-2-pro was retired on 2026-09-24");
      assertThat(toapis.requests(Endpoint.REMIX)).as("the route the list lacks is not sent").hasSize(1);
    }
  }

  @Test
  void anExtendAnsweredWithAServerErrorIsSentAgainWithAWarningThatTheFirstMayHaveMadeATask() {
    java.util.List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (VidgenClient client = VidgenClient.builder().provider(provider).listener(new dev.vidgen.core.client.VidgenListener() {
      @Override
      public void onWarning(String code, String message) {
        warnings.add(code + ": " + message);
      }
    }).build()) {
      toapis.nextTask(TaskScript.completes().taking(Lifecycle.byPolls(0, 0))); // a finished source
      var first = client.submit(VideoJobs.validFor("grok-video-1.0"));
      toapis.inject(Endpoint.EXTEND, Fault.serverError());

      var extended = client.extend(first.encode(), FollowOn.prompt("the kite rises"));

      assertThat(extended.taskId()).isNotNull();
      assertThat(toapis.requests(Endpoint.EXTEND)).hasSize(2);
      assertThat(extended.possibleExtraTasks()).as("the first extend may have made a task").isEqualTo(1);
      assertThat(first.possibleExtraTasks()).isZero();
      assertThat(warnings).filteredOn(w -> w.startsWith("create.resent")).singleElement().asString()
          .startsWith("create.resent: the extend of task "
          + first.taskId()).contains("cannot be looked up", "dashboard");
    }
  }

  @Test
  void anExtendCancelledAfterAServerErrorIsNotSentAgain() {
    try (VidgenClient client = VidgenClient.builder().provider(provider).build()) {
      toapis.nextTask(TaskScript.completes().taking(Lifecycle.byPolls(0, 0))); // a finished source
      var first = client.submit(VideoJobs.validFor("grok-video-1.0"));
      toapis.inject(Endpoint.EXTEND, Fault.serverError());

      var extended = client.extendAsync(first.encode(), FollowOn.prompt("the kite rises"));
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
          .until(() -> toapis.requests(Endpoint.EXTEND).size() == 1);
      extended.cancel(false);

      org.awaitility.Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
          .until(() -> toapis.requests(Endpoint.EXTEND).size() == 1);
    }
  }
}
