package dev.vidgen.testkit;

import static dev.vidgen.testkit.ProviderCalls.await;
import static dev.vidgen.testkit.ProviderCalls.failureOf;
import static dev.vidgen.testkit.ProviderCalls.httpStatusOf;
import static dev.vidgen.testkit.assertj.VidgenAssertions.assertThat;

import dev.vidgen.core.domain.FollowOnKind;
import dev.vidgen.core.domain.DurationRule;
import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.AmbiguousSubmitException;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.RateLimitedException;
import dev.vidgen.core.error.RequestRejectedException;
import dev.vidgen.core.error.TaskNotFoundException;
import dev.vidgen.core.files.Mp4Boxes;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.Operation;
import dev.vidgen.core.port.Balance;
import dev.vidgen.core.port.Balances;
import dev.vidgen.core.port.FollowOnRequest;
import dev.vidgen.core.port.SubmitRequest;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.pricing.Pricing;
import dev.vidgen.core.text.KeptResults;
import dev.vidgen.core.text.KeyMask;
import dev.vidgen.core.port.VideoProvider;
import dev.vidgen.testkit.fixtures.Images;
import dev.vidgen.testkit.fixtures.TestImage;
import dev.vidgen.testkit.fixtures.VideoJobs;
import dev.vidgen.testkit.fixtures.Videos;
import dev.vidgen.core.validation.ViolationCodes;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIf;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every {@link VideoProvider} must do, as JUnit 5 tests. Extend it, return the provider
 * under test from {@link #provider()} and its fault script from {@link #script()} (both the same
 * instance for the whole of one test), and override the capability flags the provider has.
 */
public abstract class VideoProviderContract {
  @TempDir private Path tempDir;

  /** The provider under test; the same instance for every call within one test. */
  protected abstract VideoProvider provider();

  /** Arranges what {@link #provider()} does next. */
  protected abstract ProviderScript script();

  /** For subclasses, one per provider under test. */
  protected VideoProviderContract() {}

  /** Whether the provider finds tasks by client reference ({@code findByClientReference}). */
  protected boolean supportsClientReference() {
    return false;
  }

  /** Whether the provider reports a balance. */
  protected boolean supportsBalance() {
    return false;
  }

  /** Whether the provider lists the models the key may use ({@code liveModels}). */
  protected boolean supportsLiveModels() {
    return false;
  }

  /** Whether the provider uploads local videos ({@code uploadVideo}). */
  protected boolean supportsVideoUpload() {
    return false;
  }

  /** Whether the provider extends and remixes earlier tasks ({@code createFollowOn}). */
  protected boolean supportsFollowOns() {
    return false;
  }

  /** The model follow-on jobs are sent to; {@code grok-video-1.0} (which takes extend and remix) unless overridden. */
  protected String followOnModel() {
    return "grok-video-1.0";
  }

  /**
   * The catalog the jobs' routes come from, as a client would hold it: the built-in one unless
   * overridden (a provider serves whatever route a request carries).
   */
  protected RouteCatalog catalog() {
    return RouteCatalog.builtIn();
  }

  /** The route jobs are sent to: the catalog's first route unless overridden. */
  protected ModelRoute route() {
    return catalog().routes().get(0);
  }

  /** A job the provider accepts; a fixture for {@link #route()} unless overridden. */
  protected VideoJob job() {
    return VideoJobs.validFor(route());
  }

  /** How many jobs {@link #manyJobsAtOnceAllCompleteWithDistinctIds} runs. */
  protected int manyJobs() {
    return 100;
  }

  /** Time between polls, passed to {@link ProviderScript#timePasses}. */
  protected Duration pollInterval() {
    return Duration.ofSeconds(10);
  }

  /** Polls after which a task that has not finished counts as never finishing. */
  protected int maxPolls() {
    return 120;
  }

  /**
   * The API key the provider under test was made with, which no preview may show in clear:
   * {@link #API_KEY} unless overridden. Make the provider with that key, or override this to
   * return the key it was given.
   */
  protected String apiKey() {
    return API_KEY;
  }

  /**
   * The key {@link #apiKey()} names unless overridden; not shaped like any real one. Its {@code /}, {@code +}
   * and {@code =} read otherwise percent-encoded or JSON-escaped, so that a preview showing it so is caught.
   */
  public static final String API_KEY = "contract-key/7d41+c09e2b86f53a==";

  /** How long {@code create} may keep the calling thread before the kit calls it blocking. */
  private static final Duration CALL_RETURNS_WITHIN = Duration.ofSeconds(5);

  @Test
  void hasAStableLowerCaseId() {
    assertThat(provider().id()).matches("[a-z0-9][a-z0-9._-]*").isEqualTo(provider().id());
  }

  /**
   * {@code keepsResultsFor()} is empty (the provider states no lifetime) or positive, and the advice says the figure
   * it states ("results are kept 24 hours"), else words true of any provider, never another provider's hours.
   */
  @Test
  void statesHowLongItKeepsResultsAsAPositiveLifetimeOrNone() {
    Optional<Duration> stated = provider().keepsResultsFor();
    KeptResults advice = KeptResults.of(stated);

    assertThat(stated).as("keepsResultsFor(): empty when the provider states no lifetime, never null").isNotNull();
    if (stated.isPresent()) {
      assertThat(stated.get()).as("a stated lifetime").isPositive();
      assertThat(advice.figure()).as("the figure the advice says").isPresent();
      assertThat(advice.resultsAreKept()).isEqualTo("results are kept " + advice.figure().get());
      assertThat(advice.whileTheLinkLasts()).isEqualTo("while the link lasts (" + advice.figure().get() + ")");
    } else {
      assertThat(advice.figure()).isEmpty();
      assertThat(advice.resultsAreKept()).isEqualTo("the provider keeps results only for a while");
      assertThat(advice.whileTheLinkLasts()).isEqualTo("while the link lasts");
    }
  }

  @Test
  void refusesAParameterThatWouldReplaceTheModelTheJobNames() {
    VideoJob job = job().toBuilder().param("model", "contract-other-model").build();

    assertThat(provider().checkParams(job, route()))
        .as("a parameter may not send another model than the one checked and priced")
        .anySatisfy(violation -> {
          assertThat(violation.isError()).isTrue();
          assertThat(violation.field()).isEqualTo("params.model");
          assertThat(violation.code()).isEqualTo(ViolationCodes.PARAM_REPLACES_SETTING);
        });
    assertThat(provider().checkParams(job(), route())).as("a job without parameters").isEmpty();
    assertThat(provider().checkParams(job().toBuilder().param("contract_extra_setting", 7).build(), route()))
        .as("a parameter that no setting fills is the caller's to give").isEmpty();
  }

  @Test
  void createsATaskOnARouteOfNoBuiltInCatalog() {
    ModelRoute unlisted = ModelRoute.builder("contract-unlisted-video-1")
        .mode(GenerationMode.TEXT_TO_VIDEO)
        .durations(DurationRule.oneOf(5, 10))
        .aspectRatios("16:9", "9:16")
        .build();
    VideoJob job = VideoJob.builder(unlisted.id()).prompt("A paper boat drifts down a rainy street").build();

    TaskSnapshot created = await(provider().create(new SubmitRequest(job, unlisted, null)));

    assertThat(created).isNotTerminal();
    assertThat(created.taskId().value()).isNotBlank();
  }

  @Test
  void createdTaskCompletesAndItsVideoOpensAsMp4() throws IOException {
    TaskSnapshot created = await(provider().create(request(null)));
    assertThat(created).isNotTerminal();

    List<Integer> progress = new ArrayList<>();
    TaskSnapshot finished = pollUntilFinished(created.taskId(), progress);

    assertThat(finished).hasTaskId(created.taskId().value()).isCompleted().hasVideoFormat("mp4");
    assertThat(progress).as("progress while waiting").isSorted();
    try (InputStream video = await(provider().open(finished.video()))) {
      byte[] bytes = video.readAllBytes();
      assertThat(bytes).as("an MP4 starts with an ftyp box").hasSizeGreaterThan(8);
      assertThat(new String(bytes, 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
      assertWholeMp4(bytes);
    }
  }

  /** Fails unless {@code bytes} pass the check the client's downloads pass ({@link Mp4Boxes}). */
  private static void assertWholeMp4(byte[] bytes) throws IOException {
    Path file = Files.createTempFile("vidgen-contract-", ".mp4");
    try {
      Files.write(file, bytes);
      assertThat(Mp4Boxes.problem(file))
          .as("the video is a whole MP4 as VidgenClient's download checks it (its boxes fill the file, with a"
              + " moov and an mdat box); the client refuses any other")
          .isEmpty();
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Test
  void failedTaskCarriesItsCodeAndMessage() {
    script().nextTaskFails("generation_failed", "the prompt was refused by the content policy");
    TaskSnapshot created = await(provider().create(request(null)));

    TaskSnapshot finished = pollUntilFinished(created.taskId(), new ArrayList<>());

    assertThat(finished).hasFailure("generation_failed", "refused by the content policy");
    assertThat(finished.result()).isEmpty();
  }

  @Test
  void taskThatNeverFinishesStaysPending() {
    script().nextTaskNeverFinishes();
    TaskSnapshot created = await(provider().create(request(null)));

    for (int poll = 0; poll < maxPolls(); poll++) {
      script().timePasses(pollInterval());
      assertThat(await(provider().status(created.taskId()))).isNotTerminal();
    }
  }

  @Test
  void rateLimitedCreateCarriesRetryAfterAndPassesOnceUsedUp() {
    script().nextCreateRateLimited(Duration.ofSeconds(7));

    Throwable failure = failureOf(provider().create(request(null)));

    assertThat(failure).isInstanceOf(RateLimitedException.class);
    RateLimitedException limited = (RateLimitedException) failure;
    assertThat(limited.httpStatus()).isEqualTo(429);
    assertThat(limited.retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(limited.providerId()).isEqualTo(provider().id());
    assertThat(await(provider().create(request(null)))).isNotTerminal();
  }

  @ParameterizedTest
  @EnumSource(
      value = FailureKind.class,
      names = {"SERVER_ERROR", "UNAVAILABLE", "AUTHENTICATION", "INSUFFICIENT_QUOTA",
          "CONTENT_POLICY", "REJECTED"})
  void createFailsAsTheWireSays(FailureKind kind) {
    script().nextCallFails(Operation.CREATE, kind);

    assertFailure(provider().create(request(null)), kind);
  }

  @ParameterizedTest
  @EnumSource(
      value = FailureKind.class,
      names = {"RATE_LIMITED", "SERVER_ERROR", "UNAVAILABLE", "AUTHENTICATION"})
  void statusFailsAsTheWireSaysAndThenRecovers(FailureKind kind) {
    TaskSnapshot created = await(provider().create(request(null)));
    script().nextCallFails(Operation.READ, kind);

    assertFailure(provider().status(created.taskId()), kind);
    assertThat(await(provider().status(created.taskId()))).hasTaskId(created.taskId().value());
  }

  @ParameterizedTest
  @EnumSource(value = FailureKind.class, names = {"SERVER_ERROR", "UNAVAILABLE"})
  void openFailsAsTheWireSaysAndThenRecovers(FailureKind kind) throws IOException {
    TaskSnapshot finished =
        pollUntilFinished(await(provider().create(request(null))).taskId(), new ArrayList<>());
    script().nextCallFails(Operation.DOWNLOAD, kind);

    assertFailure(provider().open(finished.video()), kind);
    try (InputStream video = await(provider().open(finished.video()))) {
      assertThat(video.readAllBytes()).isNotEmpty();
    }
  }

  @Test
  void createThatGetsNoAnswerFailsAsNoResponseNeverAsConnectFailed() {
    script().nextCallFails(Operation.CREATE, FailureKind.NO_RESPONSE);

    Throwable failure = failureOf(provider().create(request(null)));

    // CONNECT_FAILED means the create never went out, so the client sends it again: said of a create that
    // went out and got no answer, that would pay for a second task.
    assertThat(failure).isInstanceOf(ProviderException.class);
    assertThat(((ProviderException) failure).kind())
        .as("the kind of a create that was sent but got no answer (CONNECT_FAILED would be sent again)")
        .isEqualTo(FailureKind.NO_RESPONSE);
    assertThat(((ProviderException) failure).providerId()).isEqualTo(provider().id());
  }

  @Test
  void createGivesItsFutureWithoutWaitingForTheAnswer() throws Exception {
    Optional<Runnable> release = script().holdNextCreate();
    Assumptions.assumeTrue(release.isPresent(), "the script cannot hold a create's answer (ProviderScript.holdNextCreate)");
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try {
      Future<CompletableFuture<TaskSnapshot>> call = caller.submit(() -> provider().create(request(null)));
      CompletableFuture<TaskSnapshot> created;
      try {
        created = call.get(CALL_RETURNS_WITHIN.toSeconds(), TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        throw new AssertionError("create did not return within " + CALL_RETURNS_WITHIN.toSeconds() + " s while its"
            + " answer was held: it blocks the calling thread, which it must never do (return the future at once and"
            + " complete it when the answer comes)");
      } finally {
        release.get().run();
      }
      assertThat(await(created)).isNotTerminal();
    } finally {
      caller.shutdownNow();
    }
  }

  @Test
  void unknownTaskIsNotFound() {
    Throwable failure = failureOf(provider().status(TaskId.of("video_contract_no_such_task_0000")));

    assertThat(failure).isInstanceOf(TaskNotFoundException.class);
    assertThat(((ProviderException) failure).httpStatus()).isEqualTo(404);
  }

  @ParameterizedTest
  @MethodSource("dev.vidgen.testkit.VideoProviderContract#images")
  void uploadsARealImageAndGivesAnHttpsUrl(TestImage image) {
    URI url = await(provider().upload(image.writeTo(tempDir)));

    assertThat(url.getScheme()).isEqualTo("https");
    assertThat(url.getHost()).isNotBlank();
  }

  @Test
  void rejectedUploadIsARejectedRequest() {
    script().nextUploadRejected("Unsupported image type");

    Throwable failure = failureOf(provider().upload(Images.png().writeTo(tempDir)));

    assertThat(failure).isInstanceOf(RequestRejectedException.class).hasMessageContaining("Unsupported image type");
    assertThat(((ProviderException) failure).httpStatus()).isEqualTo(400);
    assertThat(await(provider().upload(Images.png().writeTo(tempDir))).getScheme()).isEqualTo("https");
  }

  @Test
  void manyJobsAtOnceAllCompleteWithDistinctIds() {
    List<CompletableFuture<TaskSnapshot>> creates = new ArrayList<>();
    for (int i = 0; i < manyJobs(); i++) {
      creates.add(provider().create(request(null)));
    }
    List<TaskId> pending = new ArrayList<>(creates.stream().map(f -> await(f).taskId()).toList());
    Set<TaskId> distinct = new HashSet<>(pending);
    assertThat(distinct).as("task ids").hasSize(manyJobs());

    int completed = 0;
    for (int poll = 0; poll < maxPolls() && !pending.isEmpty(); poll++) {
      script().timePasses(pollInterval());
      List<TaskId> asked = List.copyOf(pending);
      List<CompletableFuture<TaskSnapshot>> reads = asked.stream().map(provider()::status).toList();
      pending.clear();
      for (int i = 0; i < reads.size(); i++) {
        TaskSnapshot snapshot = await(reads.get(i));
        assertThat(snapshot).as("the status read of task %s, one of %s read at once (a read must answer for the"
            + " task it asked about, never another's)", asked.get(i), asked.size()).hasTaskId(asked.get(i).value());
        if (snapshot.status().isTerminal()) {
          assertThat(snapshot).isCompleted();
          completed++;
        } else {
          pending.add(snapshot.taskId());
        }
      }
    }
    assertThat(completed).isEqualTo(manyJobs());
  }

  @Test
  @EnabledIf("supportsClientReference")
  void unansweredCreateIsAmbiguousAndTheTaskIsFoundByItsReference() {
    TaskId other = await(provider().create(request("contract-ref-other"))).taskId();
    script().nextCreateUnanswered(true);

    Throwable failure = failureOf(provider().create(request("contract-ref-made")));

    assertThat(failure).isInstanceOf(AmbiguousSubmitException.class);
    assertThat(((AmbiguousSubmitException) failure).clientReference()).contains("contract-ref-made");
    Optional<TaskSnapshot> found = await(provider().findByClientReference("contract-ref-made"));
    assertThat(found).hasValueSatisfying(snapshot -> assertThat(snapshot).isNotTerminal());
    assertThat(found.get().taskId()).as("the task found by reference contract-ref-made, not the one made before"
        + " under contract-ref-other").isNotEqualTo(other);
  }

  @Test
  @EnabledIf("supportsClientReference")
  void unansweredCreateThatMadeNoTaskIsNotFoundByItsReference() {
    await(provider().create(request("contract-ref-other")));
    script().nextCreateUnanswered(false);

    assertThat(failureOf(provider().create(request("contract-ref-lost"))))
        .isInstanceOf(AmbiguousSubmitException.class);
    assertThat(await(provider().findByClientReference("contract-ref-lost")))
        .as("a look-up by a reference no task carries, while another task (contract-ref-other) exists: a client"
            + " that found that one would take another job's task for this one")
        .isEmpty();
  }

  @Test
  @DisabledIf("supportsClientReference")
  void lookupByReferenceIsRefusedWhenUnsupported() {
    assertThat(failureOf(provider().findByClientReference("contract-ref")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  @EnabledIf("supportsBalance")
  void reportsABalance() {
    var balance = await(provider().balance());

    assertThat(balance.unlimited() || balance.remaining().isPresent()).isTrue();
  }

  @Test
  @DisabledIf("supportsBalance")
  void balanceIsRefusedWhenUnsupported() {
    assertThat(failureOf(provider().balance())).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  @EnabledIf("supportsBalance")
  void balancesOfKeyAndAccountAgreeWithTheEffectiveRemainder() {
    Balances balances = await(provider().balances());

    balances.effectiveRemaining().ifPresent(left -> {
      for (Balance each : new Balance[] {balances.key(), balances.account()}) {
        if (each != null && !each.unlimited()) {
          assertThat(left).isLessThanOrEqualTo(each.remainingCredits());
        }
      }
    });
  }

  @Test
  @EnabledIf("supportsBalance")
  void balancesFallAsPricedTasksAreCreated() {
    Optional<SubmitRequest> priced = catalog().routes().stream()
        .filter(each -> Pricing.quote(each, VideoJobs.validFor(each)).isKnown())
        .map(each -> new SubmitRequest(VideoJobs.validFor(each), each, null))
        .findFirst();
    Assumptions.assumeTrue(priced.isPresent(), "no route with a known price");
    Balances before = await(provider().balances());
    Assumptions.assumeTrue(before.effectiveRemaining().isPresent(), "the balance is unlimited");
    PriceQuote quote = Pricing.quote(priced.get().route(), priced.get().job());

    await(provider().create(priced.get()));

    Balances after = await(provider().balances());
    assertThat(after.effectiveRemaining()).contains(before.effectiveRemaining().get().subtract(quote.credits()));
  }

  @Test
  @EnabledIf("supportsLiveModels")
  void listsTheVideoModelsTheKeyMayUse() {
    Set<String> live = await(provider().liveModels());

    assertThat(live).contains(route().id());
  }

  @Test
  @DisabledIf("supportsLiveModels")
  void liveModelsAreRefusedWhenUnsupported() {
    assertThat(failureOf(provider().liveModels())).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  @EnabledIf("supportsVideoUpload")
  void uploadsARealVideoAndGivesAnHttpsUrl() {
    URI url = await(provider().uploadVideo(Videos.mp4(tempDir, "clip.mp4")));

    assertThat(url.getScheme()).isEqualTo("https");
    assertThat(url.getHost()).isNotBlank();
  }

  @Test
  @EnabledIf("supportsVideoUpload")
  void anImageIsNotUploadedAsAVideo() {
    Path notAVideo = Images.png().writeTo(tempDir.resolve("clip.mp4"));

    assertThat(failureOf(provider().uploadVideo(notAVideo))).isNotNull();
  }

  @Test
  @DisabledIf("supportsVideoUpload")
  void videoUploadIsRefusedWhenUnsupported() {
    assertThat(failureOf(provider().uploadVideo(tempDir.resolve("clip.mp4"))))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  @EnabledIf("supportsFollowOns")
  void followOnsOfAFinishedTaskRunToTheirOwnVideos() {
    TaskSnapshot source = pollUntilFinished(await(provider().create(request(null))).taskId(), new ArrayList<>());

    for (FollowOnKind kind : FollowOnKind.values()) {
      TaskSnapshot created = await(provider().createFollowOn(new FollowOnRequest(
          kind, source.taskId(), followOnModel(), "the camera pulls back", null, Map.of())));

      assertThat(created.taskId()).as(kind.id()).isNotEqualTo(source.taskId());
      assertThat(pollUntilFinished(created.taskId(), new ArrayList<>())).isCompleted().hasVideoFormat("mp4");
    }
  }

  @Test
  @EnabledIf("supportsFollowOns")
  void followOnOfAnUnknownTaskIsNotFound() {
    Throwable failure = failureOf(provider().createFollowOn(new FollowOnRequest(FollowOnKind.EXTEND,
        TaskId.of("video_contract_no_such_task_0000"), followOnModel(), "more", null, Map.of())));

    assertThat(failure).isInstanceOf(TaskNotFoundException.class);
  }

  @Test
  @DisabledIf("supportsFollowOns")
  void followOnsAreRefusedWhenUnsupported() {
    assertThat(failureOf(provider().createFollowOn(new FollowOnRequest(FollowOnKind.EXTEND,
        TaskId.of("video_any"), followOnModel(), "more", null, Map.of()))))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void previewShowsAPostNamingTheModel() {
    var preview = provider().preview(request(null));

    assertThat(preview.method()).isEqualTo("POST");
    assertThat(preview.body()).contains(route().id());
  }

  /**
   * The key stands nowhere in the preview (URL, header names and values, body), in clear or encoded:
   * percent-encoded once or twice, JSON-escaped, as Base64, or in a {@code Basic} value whose Base64 decodes to
   * text holding it. The check is the mask that the command line's dry run and the playground apply ({@link
   * KeyMask}): what it would change is shown.
   */
  @Test
  void previewShowsTheKeyNowhereInClear() {
    var preview = provider().preview(request(null));
    KeyMask key = KeyMask.of(apiKey(), "…");

    assertThat(key.shows(preview.url())).as("the preview's URL shows the key, in clear or encoded: %s",
        preview.url()).isFalse();
    preview.headers().forEach((name, value) -> assertThat(key.shows(name + ": " + value))
        .as("the preview's header %s shows the key, in clear or encoded (show it masked): %s", name, value).isFalse());
    assertThat(key.shows(preview.body())).as("the preview's body shows the key, in clear or encoded: %s",
        preview.body()).isFalse();
  }

  /** A request for {@link #job()} on its route, with {@code clientReference} (may be null). */
  protected final SubmitRequest request(String clientReference) {
    VideoJob job = job();
    ModelRoute route = route().id().equals(job.model()) ? route() : catalog().require(job.model());
    return new SubmitRequest(job, route, clientReference);
  }

  /** Polls {@code taskId} until it finishes, noting progress; fails after {@link #maxPolls()}. */
  protected final TaskSnapshot pollUntilFinished(TaskId taskId, List<Integer> progress) {
    for (int poll = 0; poll < maxPolls(); poll++) {
      script().timePasses(pollInterval());
      TaskSnapshot snapshot = await(provider().status(taskId));
      assertThat(snapshot).as("the status read of task %s", taskId).hasTaskId(taskId.value());
      snapshot.percent().ifPresent(progress::add);
      if (snapshot.status().isTerminal()) {
        script().timePasses(pollInterval());
        TaskSnapshot again = await(provider().status(taskId));
        assertThat(again.status()).as("task %s read again after it finished %s (a finished task stays finished)",
            taskId, snapshot.status()).isEqualTo(snapshot.status());
        return snapshot;
      }
    }
    throw new AssertionError("task " + taskId + " did not finish within " + maxPolls() + " polls");
  }

  private void assertFailure(CompletableFuture<?> call, FailureKind kind) {
    Throwable failure = failureOf(call);
    assertThat(failure).isInstanceOf(ProviderException.class);
    ProviderException error = (ProviderException) failure;
    assertThat(error.kind()).isEqualTo(kind);
    assertThat(error.httpStatus()).isEqualTo(httpStatusOf(kind));
    assertThat(error.providerId()).isEqualTo(provider().id());
    assertThat(error.getMessage()).isNotBlank();
  }

  static Stream<TestImage> images() {
    return Stream.of(Images.jpeg(), Images.png(), Images.webp());
  }
}
