package dev.vidgen.provider.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.client.AwaitOptions;
import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.client.VidgenListener;
import dev.vidgen.core.domain.FollowOn;
import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.BudgetExceededException;
import dev.vidgen.core.error.InsufficientQuotaException;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.Operation;
import dev.vidgen.core.port.SubmitRequest;
import dev.vidgen.core.pricing.Budget;
import dev.vidgen.core.validation.Violation;
import dev.vidgen.testkit.fixtures.Images;
import dev.vidgen.testkit.fixtures.VideoJobs;
import dev.vidgen.testkit.fixtures.Videos;
import dev.vidgen.testkit.time.VirtualTime;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11 on the client, against the mock: live models, money before paying, video inputs, extend and remix. */
class LiveChecksClientTest {
  private static final String PREVIEW = "grok-video-1.5-preview";

  @TempDir Path dir;
  /** After Sora 2's retirement day (2026-09-24): the client's clock says whether a route is retired yet. */
  private final VirtualTime time = VirtualTime.startingAt(java.time.Instant.parse("2026-12-01T00:00:00Z"));
  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private VidgenClient client;

  @AfterEach
  void close() {
    if (client != null) {
      client.close();
    }
  }

  private VidgenClient client(MockVideoProvider mock, Consumer<VidgenClient.Builder> settings) {
    VidgenClient.Builder builder = VidgenClient.builder()
        .provider(mock)
        .clock(time.clock())
        .scheduler(time.scheduler())
        .ioExecutor(Runnable::run)
        .random(new SplittableRandom(7))
        .listener(new VidgenListener() {
          @Override
          public void onWarning(String code, String message) {
            warnings.add(code + ": " + message);
          }
        });
    settings.accept(builder);
    client = builder.build();
    return client;
  }

  @Test
  void aJobHoldingTheKeyTheMockWasGivenIsRefusedAsOnToApisAndNothingIsSent() {
    String key = "sk-" + "k".repeat(48);
    MockVideoProvider mock = mock().apiKey(dev.vidgen.core.port.ApiKey.of(key)).build();
    VidgenClient client = client(mock, builder -> { });
    VideoJob job = VideoJob.builder(PREVIEW).prompt("use " + key + " please").seconds(10)
        .image("https://images.example.com/vidgen/frame-1.jpg").build();

    assertThat(client.validate(job).errors()).extracting(Violation::code).containsExactly("text.holds_api_key");
    assertThat(client.validate(job).toString()).doesNotContain(key);
    assertThatThrownBy(() -> client.submit(job)).isInstanceOf(InvalidJobException.class);
    assertThat(mock.calls()).isEmpty();
  }

  private MockVideoProvider.Builder mock() {
    return MockVideoProvider.builder().clock(time.clock()).duration(Duration.ofMinutes(1));
  }

  private static VideoJob preview(int seconds) {
    return VideoJobs.validFor(PREVIEW).toBuilder().seconds(seconds).build();
  }

  @Test
  void aModelTheKeyMayNotUseIsRefusedNamingTheClosestListedOnesAndNothingIsCreated() {
    MockVideoProvider mock = mock().liveModels(Set.of("grok-video-1.5", "veo3.1-fast", "seedance-2")).build();
    client(mock, builder -> {});

    assertThatThrownBy(() -> client.submit(preview(10)))
        .isInstanceOf(InvalidJobException.class)
        .hasMessageContaining(PREVIEW + " is not in the provider's live model list")
        .hasMessageContaining("closest listed: grok-video-1.5")
        .satisfies(e -> assertThat(((InvalidJobException) e).violations()).extracting(Violation::code)
            .containsExactly("model.not_available"));
    assertThat(mock.calls(MockCall.Method.CREATE)).isEmpty();
    assertThat(client.remainingBudget()).isEqualTo(Budget.unlimited());
  }

  @Test
  void aModelListedOnlyUnderItsAliasIsSentUnderThatNameWithAWarning() {
    MockVideoProvider mock = mock().liveModels(Set.of("gemini_omni_flash", "seedance-2")).build();
    client(mock, builder -> {});

    JobHandle handle = client.submit(VideoJob.builder("gemini-omni-flash").prompt("a cat on a windowsill").build());

    assertThat(sentModel(mock)).isEqualTo("gemini_omni_flash");
    assertThat(handle.model()).isEqualTo("gemini-omni-flash");
    assertThat(warnings).containsExactly("live_models.alias: gemini-omni-flash is listed for this key as"
        + " gemini_omni_flash, another name of the same model; gemini_omni_flash is sent");
    assertThat(client.checkModelAvailableAsync("gemini-omni-flash")).succeedsWithin(Duration.ZERO);
    client.submit(VideoJob.builder("gemini-omni-flash").prompt("a dog on a windowsill").build());
    assertThat(warnings).as("said once per client").hasSize(1);
  }

  @Test
  void aModelListedInAnotherCaseIsNotRefusedAndGoesOutAsTheKeysListSpellsIt() {
    MockVideoProvider mock = mock().liveModels(Set.of("veo3.1-fast-official", "seedance-2")).build();
    client(mock, builder -> {});

    client.submit(VideoJob.builder("Veo3.1-fast-official").prompt("a cat on a windowsill").build());
    client.submit(VideoJob.builder("veo3.1-FAST-official").prompt("a dog on a windowsill").build());

    assertThat(mock.calls(MockCall.Method.CREATE)).extracting(call -> ((SubmitRequest) call.argument()).job().model())
        .as("the provider matches the key's list as it spells it").containsExactly("veo3.1-fast-official",
            "veo3.1-fast-official");
    assertThat(warnings).containsExactly("live_models.alias: Veo3.1-fast-official is listed for this key as"
        + " veo3.1-fast-official, the same name in another case; veo3.1-fast-official is sent");
    assertThat(client.checkModelAvailableAsync("Veo3.1-fast-official")).succeedsWithin(Duration.ZERO);
  }

  @Test
  void aJobNamingAnAliasSendsThatNameAndOneInOtherCaseSendsTheRoutesSpelling() {
    MockVideoProvider mock = mock().liveModels(Set.of("gemini_omni_flash", PREVIEW)).build();
    client(mock, builder -> {});

    client.submit(VideoJob.builder("GEMINI_omni_flash").prompt("a cat on a windowsill").build());
    client.submit(VideoJobs.validFor(PREVIEW).toBuilder().model("GROK-video-1.5-preview").build());

    assertThat(mock.calls(MockCall.Method.CREATE)).extracting(call -> ((SubmitRequest) call.argument()).job().model())
        .containsExactly("gemini_omni_flash", PREVIEW);
    assertThat(mock.calls(MockCall.Method.CREATE)).extracting(MockCall::outcome).containsOnly("ok");
    assertThat(warnings).isEmpty();
  }

  @Test
  void aModelListedUnderNoneOfItsNamesIsRefused() {
    MockVideoProvider mock = mock().liveModels(Set.of("seedance-2")).build();
    client(mock, builder -> {});

    assertThatThrownBy(() -> client.submit(VideoJob.builder("gemini_omni_flash").prompt("a cat").build()))
        .isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("gemini_omni_flash is not in the provider's live model list");
    assertThat(mock.calls(MockCall.Method.CREATE)).isEmpty();
  }

  private static String sentModel(MockVideoProvider mock) {
    List<MockCall> creates = mock.calls(MockCall.Method.CREATE);
    assertThat(creates).hasSize(1);
    return ((SubmitRequest) creates.get(0).argument()).job().model();
  }

  @Test
  void theLiveListIsReadOncePerClientAndAgainWhenItIsStale() {
    MockVideoProvider mock = mock().liveModels(Set.of(PREVIEW)).build();
    client(mock, builder -> builder.liveModelsTtl(Duration.ofMinutes(5)));

    client.submit(preview(10));
    client.submit(preview(10));
    assertThat(mock.calls(MockCall.Method.LIVE_MODELS)).hasSize(1);

    time.advance(Duration.ofMinutes(6));
    client.submit(preview(10));
    assertThat(mock.calls(MockCall.Method.LIVE_MODELS)).hasSize(2);
    assertThat(mock.calls(MockCall.Method.CREATE)).hasSize(3);
  }

  @Test
  void anUnreadableListLetsTheJobGoOnWithAWarning() {
    MockVideoProvider mock = mock().liveModels(Set.of(PREVIEW)).build();
    mock.script().fail(Operation.READ, 1, FailureKind.SERVER_ERROR);
    client(mock, builder -> {});

    JobHandle handle = client.submit(preview(10));

    assertThat(handle.model()).isEqualTo(PREVIEW);
    assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("live_models.unreadable")
        .contains("could not be read").contains(PREVIEW + " is not checked against it"));
  }

  @Test
  void aListReadWhoseConnectionDroppedIsSentOnceMoreAtOnceSoTheJobIsStillChecked() {
    // A kept-alive connection the server has closed meanwhile fails the next read without an answer.
    MockVideoProvider mock = mock().liveModels(Set.of("grok-video-1.5", "veo3.1-fast")).build();
    mock.script().fail(Operation.READ, 1, FailureKind.NO_RESPONSE);
    client(mock, builder -> {});

    assertThatThrownBy(() -> client.submit(preview(10)))
        .isInstanceOf(InvalidJobException.class)
        .hasMessageContaining(PREVIEW + " is not in the provider's live model list");
    assertThat(mock.calls(MockCall.Method.LIVE_MODELS)).as("the dropped read and the one sent again").hasSize(2);
    assertThat(mock.calls(MockCall.Method.CREATE)).isEmpty();
    assertThat(warnings).noneSatisfy(w -> assertThat(w).startsWith("live_models.unreadable"));
  }

  @Test
  void aListReadDroppedTwiceIsNotSentAThirdTimeAndTheJobGoesOnWithAWarning() {
    MockVideoProvider mock = mock().liveModels(Set.of(PREVIEW)).build();
    mock.script().fail(Operation.READ, 2, FailureKind.NO_RESPONSE);
    client(mock, builder -> {});

    client.submit(preview(10));

    assertThat(mock.calls(MockCall.Method.LIVE_MODELS)).hasSize(2);
    assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("live_models.unreadable")
        .contains(PREVIEW + " is not checked against it"));
  }

  @Test
  void anUnreadableListIsNotAskedForAgainAtEverySubmitButSoonAfter() {
    MockVideoProvider mock = mock().liveModels(Set.of(PREVIEW)).build();
    mock.script().fail(Operation.READ, 1, FailureKind.SERVER_ERROR);
    client(mock, builder -> {});

    client.submit(preview(10));
    client.submit(preview(10));
    assertThat(mock.calls(MockCall.Method.LIVE_MODELS)).as("one failed read for both").hasSize(1);

    time.advance(Duration.ofSeconds(31));
    client.submit(preview(10));
    assertThat(mock.calls(MockCall.Method.LIVE_MODELS)).as("read again half a minute later").hasSize(2);
    assertThat(mock.calls(MockCall.Method.CREATE)).hasSize(3);
  }

  @Test
  void aMockGivenNoListServesAnyRouteUnchecked() {
    MockVideoProvider mock = mock().build();
    client(mock, builder -> {});

    JobHandle handle = client.submit(preview(10));

    assertThat(handle.model()).isEqualTo(PREVIEW);
    assertThat(mock.calls(MockCall.Method.LIVE_MODELS)).isEmpty();
    assertThat(warnings).noneSatisfy(w -> assertThat(w).startsWith("live_models"));
  }

  @Test
  void theModelCheckCanBeTurnedOff() {
    MockVideoProvider mock = mock().liveModels(Set.of("seedance-2")).build();
    client(mock, builder -> builder.checkModelAvailability(false));

    client.submit(preview(10));

    assertThat(mock.calls(MockCall.Method.LIVE_MODELS)).isEmpty();
    assertThat(mock.calls(MockCall.Method.CREATE)).hasSize(1);
  }

  @Test
  void aJobCostingMoreThanTheAccountHasLeftIsRefusedBeforeSending() {
    MockVideoProvider mock = mock().credits(BigDecimal.valueOf(25)).build();
    client(mock, builder -> {});

    assertThatThrownBy(() -> client.submit(preview(15)))
        .isInstanceOf(InsufficientQuotaException.class)
        .hasMessageContaining("insufficient_credits (checked before sending): ")
        .hasMessageContaining("costs 30 credits but the account has 25 credits left")
        .hasMessageContaining("nothing was sent")
        .satisfies(e -> assertThat(((InsufficientQuotaException) e).details().code()).isEqualTo("insufficient_credits"));
    assertThat(mock.calls(MockCall.Method.CREATE)).isEmpty();
  }

  @Test
  void whatIsLeftIsReadOnceAndCountedDownByTheQuotesSent() {
    MockVideoProvider mock = mock().credits(BigDecimal.valueOf(50)).build();
    client(mock, builder -> {});

    client.submit(preview(10));
    client.submit(preview(10));
    assertThat(client.remainingCredits()).contains(BigDecimal.valueOf(10));

    assertThatThrownBy(() -> client.submit(preview(10))).isInstanceOf(InsufficientQuotaException.class)
        .hasMessageContaining("has 10 credits left");
    assertThat(mock.calls(MockCall.Method.BALANCE)).hasSize(1);
    assertThat(mock.calls(MockCall.Method.CREATE)).hasSize(2);
  }

  @Test
  void aTopUpCountsBeforeAJobIsRefusedAndALongLivedClientReadsTheBalanceAgain() {
    MockVideoProvider mock = mock().credits(BigDecimal.valueOf(25)).build();
    client(mock, builder -> {});
    assertThatThrownBy(() -> client.submit(preview(15))).isInstanceOf(InsufficientQuotaException.class)
        .hasMessageContaining("has 25 credits left");
    assertThat(mock.calls(MockCall.Method.BALANCE)).as("a read a moment old is not made again").hasSize(1);

    mock.topUp(BigDecimal.valueOf(100));
    time.advance(Duration.ofSeconds(3));
    client.submit(preview(15));

    assertThat(mock.calls(MockCall.Method.BALANCE)).as("read again before refusing").hasSize(2);
    assertThat(client.remainingCredits()).contains(BigDecimal.valueOf(95));

    mock.topUp(BigDecimal.valueOf(5));
    time.advance(Duration.ofMinutes(5).plusSeconds(1));
    client.submit(preview(10));
    assertThat(mock.calls(MockCall.Method.BALANCE)).as("a read older than five minutes is made again").hasSize(3);
    assertThat(client.remainingCredits()).contains(BigDecimal.valueOf(80));
  }

  @Test
  void aFreshReadThatFailsBeforeARefusalLeavesTheRefusalStanding() {
    MockVideoProvider mock = mock().credits(BigDecimal.valueOf(25)).build();
    client(mock, builder -> {});
    assertThatThrownBy(() -> client.submit(preview(15))).isInstanceOf(InsufficientQuotaException.class);

    time.advance(Duration.ofSeconds(3));
    mock.script().fail(dev.vidgen.core.policy.Operation.READ, 1, dev.vidgen.core.policy.FailureKind.UNAVAILABLE);

    assertThatThrownBy(() -> client.submit(preview(15))).isInstanceOf(InsufficientQuotaException.class)
        .hasMessageContaining("has 25 credits left");
    assertThat(mock.calls(MockCall.Method.BALANCE)).as("read again, and that read failed").hasSize(2);
    assertThat(mock.calls(MockCall.Method.CREATE)).isEmpty();
    assertThat(warnings).noneMatch(warning -> warning.startsWith("balance.unreadable"));

    // The next job's own first read fails too: the count of the last good read still stands.
    time.advance(Duration.ofSeconds(3));
    mock.script().fail(dev.vidgen.core.policy.Operation.READ, 2, dev.vidgen.core.policy.FailureKind.UNAVAILABLE);
    assertThatThrownBy(() -> client.submit(preview(15))).isInstanceOf(InsufficientQuotaException.class);
    assertThat(mock.calls(MockCall.Method.CREATE)).isEmpty();
  }

  @Test
  void theKeysQuotaCountsWhenItIsSmallerThanTheAccount() {
    MockVideoProvider mock = mock().credits(BigDecimal.valueOf(1000)).keyCredits(BigDecimal.valueOf(15)).build();
    client(mock, builder -> {});

    assertThat(client.balances().effectiveRemaining()).contains(BigDecimal.valueOf(15));
    assertThatThrownBy(() -> client.submit(preview(10))).isInstanceOf(InsufficientQuotaException.class)
        .hasMessageContaining("the key has 15 credits left").hasMessageContaining("raise the key's quota");
  }

  @Test
  void anUnlimitedAccountIsNeverShort() {
    MockVideoProvider mock = mock().build();
    client(mock, builder -> {});

    client.submit(preview(15));

    assertThat(client.remainingCredits()).isEmpty();
  }

  @Test
  void anUnknownPriceUnderABudgetIsRefusedSayingHowToStateOrAllowIt() {
    MockVideoProvider mock = mock().build();
    client(mock, builder -> builder.budget(Budget.ofCredits(100)));

    assertThatThrownBy(() -> client.submit(VideoJobs.validFor("grok-video-1.0")))
        .isInstanceOf(BudgetExceededException.class)
        .hasMessageContaining("unknown price never counts as zero")
        .hasMessageContaining("routes file")
        .hasMessageContaining("allowUnknownPrices(true)");
    assertThat(mock.calls(MockCall.Method.CREATE)).isEmpty();
  }

  @Test
  void anUnknownPriceRunsUnderABudgetWhenAllowedAndTakesNothing() {
    MockVideoProvider mock = mock().build();
    client(mock, builder -> builder.budget(Budget.ofCredits(100)).allowUnknownPrices(true));

    client.submit(VideoJobs.validFor("grok-video-1.0"));

    assertThat(client.remainingBudget()).isEqualTo(Budget.ofCredits(100));
  }

  @Test
  void aLocalVideoIsCheckedUploadedOnceAndItsUrlSent() {
    MockVideoProvider mock = mock().build();
    client(mock, builder -> {});
    Path clip = Videos.mp4(dir, "clip.mp4");
    VideoJob job = VideoJob.builder("wan2.6").mode(GenerationMode.REFERENCE_TO_VIDEO).prompt("the same dancer, at night")
        .video(clip).build();

    client.submit(job);
    client.submit(job);

    assertThat(mock.calls(MockCall.Method.UPLOAD_VIDEO)).hasSize(1);
    List<URI> sent = mock.calls(MockCall.Method.CREATE).stream()
        .map(call -> ((SubmitRequest) call.argument()).job().videos().get(0)).toList();
    assertThat(sent).hasSize(2).allSatisfy(url -> assertThat(url.getScheme()).isEqualTo("https"));
    assertThat(sent.get(0)).isEqualTo(sent.get(1));
  }

  @Test
  void aVideoThatIsNotOneOrTooLargeIsAViolationAndNothingIsSent() {
    MockVideoProvider mock = mock().build();
    client(mock, builder -> {});
    Path image = Images.png().writeTo(dir.resolve("clip.mp4"));
    Path huge = Videos.largeMp4(dir, "huge.mp4", 51L * 1024 * 1024);
    Path mkv = Videos.mkv(dir, "film.mkv");
    VideoJob job = VideoJob.builder("wan2.6").mode(GenerationMode.REFERENCE_TO_VIDEO).prompt("p")
        .video(image).video(huge).video(mkv.toString()).build();

    assertThatThrownBy(() -> client.submit(job)).isInstanceOf(InvalidJobException.class)
        .satisfies(e -> assertThat(((InvalidJobException) e).violations())
            .extracting(Violation::field, Violation::code)
            .containsExactly(
                org.assertj.core.groups.Tuple.tuple("videos[0]", "video.format"),
                org.assertj.core.groups.Tuple.tuple("videos[1]", "video.too_large"),
                org.assertj.core.groups.Tuple.tuple("videos[2]", "video.format")))
        .hasMessageContaining("not an MP4, MOV or WebM video by its content")
        .hasMessageContaining("over the 50 MB video upload limit")
        .hasMessageContaining("a Matroska (MKV) video");
    assertThat(mock.calls()).extracting(MockCall::method)
        .doesNotContain(MockCall.Method.UPLOAD_VIDEO, MockCall.Method.CREATE);
  }

  @Test
  void movAndWebmAreAcceptedAndAVideoUrlIsSentAsItIs() {
    MockVideoProvider mock = mock().build();
    client(mock, builder -> {});
    VideoJob job = VideoJob.builder("wan2.6").mode(GenerationMode.REFERENCE_TO_VIDEO).prompt("p")
        .video(Videos.mov(dir, "a.mov")).video(Videos.webm(dir, "b.webm")).video("https://example.com/c.mp4").build();

    client.submit(job);

    assertThat(mock.calls(MockCall.Method.UPLOAD_VIDEO)).hasSize(2);
    SubmitRequest sent = (SubmitRequest) mock.calls(MockCall.Method.CREATE).get(0).argument();
    assertThat(sent.job().videos()).hasSize(3).last().isEqualTo(URI.create("https://example.com/c.mp4"));
    assertThat(sent.job().videos().get(0).toString()).endsWith(".mov");
  }

  @Test
  void aPreviewShowsALocalVideoAsToBeUploadedAndSendsNothing() {
    MockVideoProvider mock = mock().build();
    client(mock, builder -> {});
    VideoJob job = VideoJob.builder("wan2.6").mode(GenerationMode.REFERENCE_TO_VIDEO).prompt("p")
        .video(Videos.mp4(dir, "my clip.mp4")).build();

    client.preview(job);

    SubmitRequest previewed = (SubmitRequest) mock.calls(MockCall.Method.PREVIEW).get(0).argument();
    assertThat(previewed.job().videos()).containsExactly(URI.create("upload://my%20clip.mp4"));
    assertThat(mock.calls()).extracting(MockCall::method).containsOnly(MockCall.Method.PREVIEW);
  }

  @Test
  void anUnknownPriceOnALimitedAccountIsSentWithOneWarningPerModel() {
    MockVideoProvider mock = mock().credits(BigDecimal.valueOf(100)).build();
    client(mock, builder -> {});

    client.submit(VideoJobs.validFor("grok-video-1.0"));
    client.submit(VideoJobs.validFor("grok-video-1.0"));

    assertThat(mock.calls(MockCall.Method.CREATE)).hasSize(2);
    assertThat(warnings).filteredOn(w -> w.startsWith("price.unknown")).singleElement()
        .satisfies(w -> assertThat(w).contains("grok-video-1.0").contains("100 credits left"));
    assertThat(client.remainingCredits()).contains(BigDecimal.valueOf(100));
  }

  @Test
  void anExtendStartsFromAnEarlierTaskAndRunsToItsOwnVideo() {
    MockVideoProvider mock = mock().build();
    client(mock, builder -> {});
    JobHandle first = client.submit(VideoJobs.validFor("grok-video-1.0"));
    var firstDone = client.awaitAsync(first, AwaitOptions.defaults()); // an extend starts from a finished video
    time.runUntilIdle();
    assertThat(firstDone.join().status().isTerminal()).isTrue();

    JobHandle extended = client.extend(first.encode(), FollowOn.prompt("the kite flies higher").withSize("16:9"));
    var done = client.awaitAsync(extended, AwaitOptions.defaults());
    time.runUntilIdle();

    assertThat(extended.taskId()).isNotEqualTo(first.taskId());
    assertThat(extended.model()).isEqualTo("grok-video-1.0");
    assertThat(extended.quote().isKnown()).isFalse();
    assertThat(done.join().status().isTerminal()).isTrue();
    var sent = (dev.vidgen.core.port.FollowOnRequest) mock.calls(MockCall.Method.FOLLOW_ON).get(0).argument();
    assertThat(sent.source()).isEqualTo(first.taskId());
    assertThat(sent.size()).isEqualTo("16:9");
  }

  @Test
  void aRemixFromABareTaskIdNeedsTheModel() {
    MockVideoProvider mock = mock().build();
    client(mock, builder -> {});
    TaskSnapshot created = mock.create(new SubmitRequest(VideoJobs.validFor("grok-video-1.0"),
        dev.vidgen.core.domain.RouteCatalog.builtIn().require("grok-video-1.0"), null)).join();
    time.advance(Duration.ofMinutes(2)); // finished: the remix's free read of its source finds it completed

    assertThatThrownBy(() -> client.remix(created.taskId().value(), FollowOn.prompt("in winter")))
        .isInstanceOf(InvalidJobException.class).hasMessageContaining("its model is unknown");
    JobHandle remixed = client.remix(created.taskId().value(), FollowOn.prompt("in winter").withModel("grok-video-1.0"));

    assertThat(remixed.model()).isEqualTo("grok-video-1.0");
  }

  @Test
  void anExtendNamedByARouteFilesAliasIsTakenAsUnderItsRoutesOwnName() throws Exception {
    Path routes = Files.writeString(dir.resolve("alias.json"),
        "{\"patch\": {\"grok-video-1.0\": {\"aliases\": [\"grok-video-1.0-20261201\"]}}}");
    MockVideoProvider mock = mock().build();
    client(mock, builder -> builder.routes(routes));
    JobHandle first = client.submit(VideoJobs.validFor("grok-video-1.0"));
    var firstDone = client.awaitAsync(first, AwaitOptions.defaults());
    time.runUntilIdle();
    assertThat(firstDone.join().status().isTerminal()).isTrue();

    JobHandle extended = client.extend(first.encode(),
        FollowOn.prompt("the kite flies higher").withModel("grok-video-1.0-20261201"));

    assertThat(extended.model()).isEqualTo("grok-video-1.0");
    assertThat(mock.calls(MockCall.Method.FOLLOW_ON)).singleElement().satisfies(call -> assertThat(call.outcome())
        .as("the mock took the alias the client checked").isEqualTo("ok"));
  }

  @Test
  void aRemixOnARetiredRouteIsRefusedUnlessRetiredRoutesAreAllowed() {
    MockVideoProvider mock = mock().build();
    client(mock, builder -> {});
    String task = "video_sora_1";

    assertThatThrownBy(() -> client.remix(task, FollowOn.prompt("in winter").withModel("sora-2-vvip")))
        .isInstanceOf(InvalidJobException.class).hasMessageContaining("was retired on 2026-09-24");
    assertThat(mock.calls(MockCall.Method.FOLLOW_ON)).as("nothing was sent").isEmpty();

    client.close();
    MockVideoProvider serving = mock().build();
    client(serving, builder -> builder.allowRetired(true));
    TaskSnapshot sora = serving.create(new SubmitRequest(VideoJobs.validFor("sora-2-vvip"),
        dev.vidgen.core.domain.RouteCatalog.builtIn().require("sora-2-vvip"), null)).join();
    time.advance(Duration.ofMinutes(2)); // finished: the remix's free read of its source finds it completed
    JobHandle remixed = client.remix(sora.taskId().value(), FollowOn.prompt("in winter").withModel("sora-2-vvip"));
    assertThat(remixed.model()).isEqualTo("sora-2-vvip");
  }

  @Test
  void aFollowOnBreakingItsRulesListsEveryProblemAndSendsNothing() {
    MockVideoProvider mock = mock().build();
    client(mock, builder -> {});
    JobHandle first = client.submit(preview(10));

    assertThatThrownBy(() -> client.extend(first.encode(), FollowOn.prompt(" ")))
        .isInstanceOf(InvalidJobException.class)
        .satisfies(e -> assertThat(((InvalidJobException) e).violations()).extracting(Violation::code)
            .containsExactly("follow_on.not_offered", "prompt.missing"))
        .hasMessageContaining(PREVIEW + " takes no extend; the routes that do are grok-video-1.0");
    assertThatThrownBy(() -> client.extend(first.encode(), FollowOn.prompt("more").withModel("seedance-2-5")))
        .as("a route that extends another way says how, in its note's words")
        .hasMessageContaining("seedance-2-5 takes no extend; the routes that do are grok-video-1.0 (seedance-2-5's"
            + " note: Extend is video-edit (a video given) with params video_operation=extend;");
    assertThatThrownBy(() -> client.extend(first.encode(),
        FollowOn.prompt("more").withModel("grok-video-1.0").withSize("4:3")))
        .isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("size: 4:3 is not offered for an extend on grok-video-1.0; choose 16:9, 9:16, 3:2, 2:3, 1:1");
    assertThatThrownBy(() -> client.remix(first.encode(), FollowOn.prompt("at night")))
        .as("retired routes are not suggested").hasMessageContaining("the routes that do are grok-video-1.0")
        .hasMessageNotContaining("sora");
    assertThat(mock.calls(MockCall.Method.FOLLOW_ON)).isEmpty();
  }

  @Test
  void aFollowOnOfAModelTheKeyMayNotUseIsRefused() {
    MockVideoProvider mock = mock().liveModels(Set.of(PREVIEW)).build();
    client(mock, builder -> {});
    JobHandle first = client.submit(preview(10));

    assertThatThrownBy(() -> client.extend(first.encode(), FollowOn.prompt("more").withModel("grok-video-1.0")))
        .isInstanceOf(InvalidJobException.class).hasMessageContaining("live model list");
    assertThat(mock.calls(MockCall.Method.FOLLOW_ON)).isEmpty();
  }
}
