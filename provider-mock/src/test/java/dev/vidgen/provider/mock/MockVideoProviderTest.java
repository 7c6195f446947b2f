package dev.vidgen.provider.mock;

import static dev.vidgen.testkit.assertj.VidgenAssertions.assertThat;
import static dev.vidgen.testkit.assertj.VidgenAssertions.assertThatThrownBy;

import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoAsset;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.AuthenticationException;
import dev.vidgen.core.error.InsufficientQuotaException;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.ProviderUnavailableException;
import dev.vidgen.core.error.RateLimitedException;
import dev.vidgen.core.error.RequestRejectedException;
import dev.vidgen.core.error.ServerErrorException;
import dev.vidgen.core.error.TaskNotFoundException;
import dev.vidgen.core.policy.Operation;
import dev.vidgen.core.port.ApiKey;
import dev.vidgen.core.port.Balance;
import dev.vidgen.core.port.RequestPreview;
import dev.vidgen.core.port.SubmitRequest;
import dev.vidgen.testkit.fixtures.Images;
import dev.vidgen.testkit.fixtures.VideoJobs;
import dev.vidgen.testkit.time.VirtualTime;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MockVideoProviderTest {
  private static final String GROK = "grok-video-1.5-preview";

  private final VirtualTime time = VirtualTime.create();
  private final MockVideoProvider mock =
      MockVideoProvider.builder().clock(time.clock()).duration(Duration.ofSeconds(100)).build();

  @TempDir Path dir;

  @Test
  void taskIsQueuedThenInProgressWithProgressFollowingTimeThenCompleted() {
    TaskId id = create(VideoJobs.validFor(GROK)).taskId();

    assertThat(statusAfter(Duration.ZERO, id)).isQueued().hasProgress(0);
    assertThat(statusAfter(Duration.ofSeconds(19), id)).isQueued();
    assertThat(statusAfter(Duration.ofSeconds(1), id)).isInProgress().hasProgress(20);
    assertThat(statusAfter(Duration.ofSeconds(30), id)).isInProgress().hasProgress(50);
    assertThat(statusAfter(Duration.ofMillis(49_900), id)).isInProgress().hasProgress(99);
    TaskSnapshot done = statusAfter(Duration.ofMillis(100), id);

    assertThat(done).isCompleted().hasVideoFormat("mp4").hasProgress(100);
    assertThat(done.video().url()).hasToString("mock://videos/" + id + ".mp4");
    assertThat(done.video().expiresAt()).isEqualTo(time.now().plus(Duration.ofHours(24)));
  }

  @Test
  void aStatusReadSaysWhichModelMadeTheTaskAndWhen() {
    java.time.Instant madeAt = time.now();
    TaskId id = create(VideoJobs.validFor(GROK)).taskId();

    TaskSnapshot later = statusAfter(Duration.ofSeconds(30), id);

    org.assertj.core.api.Assertions.assertThat(later.reportedModel()).contains(GROK);
    org.assertj.core.api.Assertions.assertThat(later.reportedCreatedAt()).contains(madeAt);
  }

  @Test
  void completedVideosAreTheBundledMp4sShapedLikeTheJob() throws IOException {
    TaskId wide = create(VideoJobs.validFor(GROK)).taskId();
    TaskId tall = create(VideoJobs.validFor(GROK).toBuilder().aspectRatio("9:16").build()).taskId();
    time.advance(Duration.ofSeconds(100));

    byte[] landscape = read(wide);
    byte[] portrait = read(tall);

    assertThat(new String(landscape, 4, 8)).isEqualTo("ftypisom");
    assertThat(new String(portrait, 4, 8)).isEqualTo("ftypisom");
    assertThat(landscape).isNotEqualTo(portrait);
    assertThat(landscape.length).isBetween(1_000, 20_000);
  }

  @Test
  void refusesAJobTheRealServiceWouldRefuseAndMakesNoTask() {
    VideoJob sixSeconds = VideoJobs.validFor(GROK).toBuilder().seconds(6).build();

    Throwable failure = failure(mock.create(request(sixSeconds, null)));

    assertThat(failure).isInstanceOf(RequestRejectedException.class).hasMessageContaining("seconds");
    ProviderException rejected = (ProviderException) failure;
    assertThat(rejected.httpStatus()).isEqualTo(400);
    assertThat(rejected.providerCode()).contains("invalid_request");
    assertThat(rejected.requestId()).contains("req_mock_000001");
    assertThat(mock.calls()).singleElement().satisfies(call -> {
      assertThat(call.method()).isEqualTo(MockCall.Method.CREATE);
      assertThat(call.outcome()).isEqualTo("rejected");
      assertThat(call.result()).isNull();
    });
  }

  @Test
  void refusesAParameterThatWouldReplaceTheCheckedAndPricedDurationAsToApisDoes() {
    VideoJob job = VideoJobs.validFor(GROK).toBuilder().seconds(10).param("seconds", "15").build();

    assertThat(mock.checkParams(job, RouteCatalog.builtIn().require(GROK))).singleElement().satisfies(violation -> {
      assertThat(violation.field()).isEqualTo("params.seconds");
      assertThat(violation.message()).contains("would replace seconds", "set the job's seconds instead")
          .doesNotContain("--");
    });
    assertThat(mock.checkParams(VideoJobs.validFor(GROK).toBuilder().param("seed", 7).build(),
        RouteCatalog.builtIn().require(GROK))).as("a parameter the settings do not fill").isEmpty();
  }

  @Test
  void refusesAnotherModelsNameForTheLengthAsToApisDoes() {
    VideoJob job = VideoJobs.validFor(GROK).toBuilder().param("duration", 15).param("resolution", "720P").build();

    assertThat(mock.checkParams(job, RouteCatalog.builtIn().require(GROK)))
        .extracting(dev.vidgen.core.validation.Violation::field)
        .containsExactly("params.duration", "params.resolution");
  }

  @Test
  void servesARouteOfNoBuiltInCatalogAndValidatesAgainstIt() {
    ModelRoute acme = ModelRoute.builder("acme-video-2")
        .mode(dev.vidgen.core.domain.GenerationMode.TEXT_TO_VIDEO)
        .durations(dev.vidgen.core.domain.DurationRule.oneOf(5, 10))
        .price(dev.vidgen.core.domain.PriceTable.perSecond("0.05"))
        .build();
    VideoJob fine = VideoJob.builder("acme-video-2").prompt("a fox").seconds(10).build();
    VideoJob tooLong = VideoJob.builder("acme-video-2").prompt("a fox").seconds(12).build();

    assertThat(mock.create(new SubmitRequest(fine, acme, null))).isCompleted();
    assertThat(failure(mock.create(new SubmitRequest(tooLong, acme, null))))
        .isInstanceOf(RequestRejectedException.class)
        .hasMessageContaining("12 is not offered by acme-video-2");
  }

  @Test
  void theSameSeedAndClockGiveTheSameTaskIds() {
    List<TaskId> first = idsOf(MockVideoProvider.builder().clock(time.clock()).seed(7).build());
    List<TaskId> again = idsOf(MockVideoProvider.builder().clock(time.clock()).seed(7).build());
    List<TaskId> other = idsOf(MockVideoProvider.builder().clock(time.clock()).seed(8).build());

    assertThat(first).isEqualTo(again).doesNotContainAnyElementsOf(other).doesNotHaveDuplicates();
  }

  @Test
  void recordsEveryCallWithItsArgumentTimeResultAndOutcome() {
    SubmitRequest request = request(VideoJobs.validFor(GROK), null);
    TaskId id = create(request.job()).taskId();
    time.advance(Duration.ofSeconds(5));
    mock.status(id);
    mock.status(TaskId.of("video_nope"));

    assertThat(mock.calls()).extracting(MockCall::method)
        .containsExactly(MockCall.Method.CREATE, MockCall.Method.STATUS, MockCall.Method.STATUS);
    assertThat(mock.calls(MockCall.Method.STATUS)).extracting(MockCall::outcome).containsExactly("ok", "not_found");
    MockCall created = mock.calls().get(0);
    assertThat(created.argument()).isEqualTo(request);
    assertThat(created.result()).isInstanceOf(TaskSnapshot.class);
    assertThat(created.at()).isEqualTo(VirtualTime.DEFAULT_START);
    assertThat(mock.calls().get(1).at()).isEqualTo(VirtualTime.DEFAULT_START.plusSeconds(5));
  }

  @Test
  void uploadsRealImagesAndRefusesOtherFilesAsTheServiceDoes() {
    Path png = Images.png().writeTo(dir);
    URI url = mock.upload(png).join();

    assertThat(url.toString()).startsWith("https://files.mock.invalid/uploads/").endsWith(".png");
    assertThat(mock.calls(MockCall.Method.UPLOAD)).singleElement()
        .satisfies(call -> assertThat(call.result()).isEqualTo(url));
    assertThat(failure(mock.upload(Images.notAnImage().writeTo(dir))))
        .isInstanceOf(RequestRejectedException.class)
        .hasMessageContaining("Unsupported image type");
    assertThat(failure(mock.upload(dir.resolve("missing.jpg"))))
        .isInstanceOf(RequestRejectedException.class)
        .hasMessageContaining("missing.jpg");
  }

  @Test
  void videoCannotBeOpenedBeforeTheTaskCompletes() {
    TaskId id = create(VideoJobs.validFor(GROK)).taskId();
    time.advance(Duration.ofSeconds(50));

    assertThat(failure(mock.open(videoOf(id))))
        .isInstanceOf(TaskNotFoundException.class)
        .hasMessageContaining("No video yet: the task is in_progress");
  }

  @Test
  void videoCannotBeOpenedOnceItExpired() {
    TaskId id = create(VideoJobs.validFor(GROK)).taskId();
    time.advance(Duration.ofSeconds(100));
    VideoAsset video = mock.status(id).join().video();
    time.advance(Duration.ofHours(24));

    assertThat(failure(mock.open(video)))
        .isInstanceOf(TaskNotFoundException.class)
        .hasMessageContaining("expired");
  }

  @Test
  void anotherInstanceAnswersForATaskThatCompletesNormally() throws IOException {
    TaskId id = create(VideoJobs.validFor(GROK)).taskId();
    MockVideoProvider elsewhere = MockVideoProvider.builder().clock(time.clock()).build();
    time.advance(Duration.ofSeconds(50));

    assertThat(elsewhere.status(id).join()).isInProgress().hasProgress(50);
    time.advance(Duration.ofSeconds(50));
    TaskSnapshot done = elsewhere.status(id).join();
    assertThat(done).isCompleted();
    try (InputStream video = elsewhere.open(done.video()).join()) {
      assertThat(video.readAllBytes()).isNotEmpty();
    }
  }

  @Test
  void unknownTaskIsNotFoundNamingTheTask() {
    Throwable failure = failure(mock.status(TaskId.of("video_abc123def456")));

    assertThat(failure).isInstanceOf(TaskNotFoundException.class);
    assertThat(((ProviderException) failure).taskId()).contains(TaskId.of("video_abc123def456"));
    assertThat(((ProviderException) failure).providerCode()).contains("task_not_found");
  }

  @Test
  void rateLimitCarriesRetryAfterAndTheLimiterHeaders() {
    mock.script().rateLimitCreates(2, Duration.ofSeconds(9));
    VideoJob job = VideoJobs.validFor(GROK);

    RateLimitedException first = (RateLimitedException) failure(mock.create(request(job, null)));
    assertThat(failure(mock.create(request(job, null)))).isInstanceOf(RateLimitedException.class);

    assertThat(first.retryAfter()).contains(Duration.ofSeconds(9));
    assertThat(first.providerCode()).contains("rate_limit_exceeded");
    assertThat(first.details().rateLimit())
        .containsEntry("x-ratelimit-category", "async_submit")
        .containsEntry("x-ratelimit-remaining", "0");
    assertThat(mock.create(request(job, null)).join()).isQueued();
    assertThat(mock.script().pending()).isZero();
  }

  @Test
  void serverErrorsAreUsedUpInOrderAnd503MeansUnavailable() {
    TaskId id = create(VideoJobs.validFor(GROK)).taskId();
    mock.script().serverErrors(Operation.READ, 1, 500).serverErrors(Operation.READ, 1, 503);

    assertThat(failure(mock.status(id))).isInstanceOf(ServerErrorException.class);
    assertThat(failure(mock.status(id))).isInstanceOf(ProviderUnavailableException.class)
        .hasMessageContaining("HTTP 503");
    assertThat(mock.status(id).join()).isQueued();
    assertThatThrownBy(() -> mock.script().serverErrors(Operation.READ, 1, 404))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("500 to 599");
  }

  @Test
  void aRejectedKeyFailsEveryCallUntilAcceptedAgain() {
    mock.script().rejectApiKey();

    assertThat(failure(mock.create(request(VideoJobs.validFor(GROK), null))))
        .isInstanceOf(AuthenticationException.class).hasMessageContaining("HTTP 401");
    assertThat(failure(mock.balance())).isInstanceOf(AuthenticationException.class);
    mock.script().acceptApiKey();
    assertThat(mock.balance().join().unlimited()).isTrue();
  }

  @Test
  void aLimitedBalanceIsChargedPerCreateAndRunsOutWithHttp402() {
    MockVideoProvider limited = MockVideoProvider.builder().clock(time.clock())
        .credits(new BigDecimal("50")).build();
    VideoJob job = VideoJobs.validFor(GROK);

    limited.create(request(job, null)).join();
    limited.create(request(job, null)).join();
    Throwable third = failure(limited.create(request(job, null)));

    assertThat(third).isInstanceOf(InsufficientQuotaException.class)
        .hasMessageContaining("costs 20 credits, 10 remain");
    Balance balance = limited.balance().join();
    assertThat(balance.unlimited()).isFalse();
    assertThat(balance.remaining()).hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("10"));
    assertThat(balance.usedCredits()).isEqualByComparingTo("40");
  }

  @Test
  void scriptedTaskOutcomesApplyToTheNextTasksInOrder() {
    mock.script().nextTaskTakes(Duration.ofSeconds(10)).failNextTask("generation_failed", "no luck")
        .nextTaskNeverFinishes();
    VideoJob job = VideoJobs.validFor(GROK);
    TaskId quick = create(job).taskId();
    TaskId failing = create(job).taskId();
    TaskId stuck = create(job).taskId();
    TaskId normal = create(job).taskId();

    time.advance(Duration.ofSeconds(10));
    assertThat(mock.status(quick).join()).isCompleted();
    assertThat(mock.status(normal).join()).isQueued();
    time.advance(Duration.ofHours(5));
    assertThat(mock.status(failing).join()).hasFailure("generation_failed", "no luck");
    assertThat(mock.status(stuck).join()).isInProgress().hasProgress(99);
    assertThat(mock.status(normal).join()).isCompleted();
  }

  @Test
  void previewSpellsTheBodyAsTheRouteSaysAndMasksTheKey() {
    MockVideoProvider keyed = MockVideoProvider.builder().clock(time.clock())
        .apiKey(ApiKey.of("sk-secretsecretsecret")).build();

    RequestPreview preview = keyed.preview(request(VideoJobs.validFor(GROK), "ref-1"));

    assertThat(preview.method()).isEqualTo("POST");
    assertThat(preview.url()).isEqualTo("mock://api/v1/videos/generations");
    assertThat(preview.body()).isEqualTo("{\"model\":\"grok-video-1.5-preview\",\"prompt\":\""
        + VideoJobs.PROMPT + "\",\"images\":[\"https://images.example.com/vidgen/frame-1.jpg\"],"
        + "\"seconds\":\"10\",\"aspect_ratio\":\"16:9\"}");
    assertThat(preview.headers()).containsEntry("Authorization", "Bearer sk-…");
    assertThat(preview.toString()).doesNotContain("secret");
    assertThat(keyed.calls()).extracting(MockCall::method).containsExactly(MockCall.Method.PREVIEW);
  }

  @Test
  void tenThousandTasksCompleteOnVirtualTime() {
    VideoJob job = VideoJobs.validFor(GROK);
    List<TaskId> ids = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      ids.add(create(job).taskId());
    }
    time.advance(Duration.ofSeconds(100));

    assertThat(ids).doesNotHaveDuplicates()
        .allSatisfy(id -> assertThat(mock.status(id).join()).isCompleted());
  }

  private TaskSnapshot create(VideoJob job) {
    return mock.create(request(job, null)).join();
  }

  private TaskSnapshot statusAfter(Duration wait, TaskId id) {
    time.advance(wait);
    return mock.status(id).join();
  }

  private byte[] read(TaskId id) throws IOException {
    try (InputStream in = mock.open(mock.status(id).join().video()).join()) {
      return in.readAllBytes();
    }
  }

  private static VideoAsset videoOf(TaskId id) {
    return new VideoAsset(URI.create("mock://videos/" + id + ".mp4"), "mp4", null);
  }

  private List<TaskId> idsOf(MockVideoProvider provider) {
    List<TaskId> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(provider.create(request(VideoJobs.validFor(GROK), null)).join().taskId());
    }
    return ids;
  }

  private static SubmitRequest request(VideoJob job, String reference) {
    return new SubmitRequest(job, RouteCatalog.builtIn().require(job.model()), reference);
  }

  private static Throwable failure(CompletableFuture<?> future) {
    assertThat(future).isCompletedExceptionally();
    try {
      future.join();
      throw new AssertionError("unreachable");
    } catch (CompletionException e) {
      return e.getCause();
    }
  }
}
