package dev.vidgen.journal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoAsset;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.ProviderErrorDetails;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.RateLimit;
import dev.vidgen.core.port.RequestPreview;
import dev.vidgen.core.port.SubmitRequest;
import dev.vidgen.core.port.VideoProvider;
import dev.vidgen.core.port.RateLimits;
import dev.vidgen.core.ratelimit.RateLimitedProvider;
import dev.vidgen.testkit.time.VirtualTime;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The client-side rate limits, on virtual time: nothing here waits for a real clock. */
class RateLimitedProviderTest {
  private final VirtualTime time = VirtualTime.create();
  private final RecordingProvider delegate = new RecordingProvider(time);
  /** ToAPIs' default group: the fact sheet's windows, each holding at once. */
  private static final RateLimit SUBMITS = RateLimit.perSecondTenSecondsMinute(5, 50, 300);
  private static final RateLimit QUERIES = RateLimit.perSecondTenSecondsMinute(50, 500, 3000);
  private final RateLimitedProvider limited =
      RateLimitedProvider.wrap(delegate, SUBMITS, QUERIES, time.scheduler(), time.clock());

  @Test
  void passesOnEveryMethodOfTheProviderSoThatNoneFallsBackToItsDefault() {
    List<String> notPassedOn = new ArrayList<>();
    for (java.lang.reflect.Method method : VideoProvider.class.getMethods()) {
      if (java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
        continue;
      }
      try {
        RateLimitedProvider.class.getDeclaredMethod(method.getName(), method.getParameterTypes());
      } catch (NoSuchMethodException e) {
        notPassedOn.add(method.getName());
      }
    }

    assertThat(notPassedOn).as("a method left to VideoProvider's default would hide what the provider does")
        .isEmpty();
  }

  @Test
  void threeHundredCreatesOfferedAtOnceKeepEveryWindowOfTheTierAndTakeAboutAMinute() {
    List<CompletableFuture<TaskSnapshot>> creates = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      creates.add(limited.create(request(i)));
    }

    assertThat(delegate.creates).as("five go at once, not a burst of fifty").hasSize(5);
    assertThat(creates.get(5)).as("the caller got a future back at once, not a blocked thread").isNotDone();
    time.runUntilIdle();

    assertThat(creates).allMatch(CompletableFuture::isDone);
    List<Instant> sent = delegate.createTimes;
    assertThat(sent).hasSize(300);
    assertThat(mostInAnySpan(sent, Duration.ofSeconds(1))).as("in any second").isLessThanOrEqualTo(5);
    assertThat(mostInAnySpan(sent, Duration.ofSeconds(10))).as("in any 10 s").isLessThanOrEqualTo(50);
    assertThat(mostInAnySpan(sent, Duration.ofMinutes(1))).as("in any minute").isLessThanOrEqualTo(300);
    assertThat(Duration.between(VirtualTime.DEFAULT_START, sent.get(299)))
        .isBetween(Duration.ofSeconds(59), Duration.ofSeconds(63));
  }

  @Test
  void afterOne429WithRetryAfterOneSecondTheTiersRateIsBackAtOnce() {
    delegate.failNextCreate = ProviderException.of(FailureKind.RATE_LIMITED,
        ProviderErrorDetails.of("recording", 429, "rate_limit_exceeded", "another process took the second")
            .withRetryAfter(Duration.ofSeconds(1)),
        null);
    for (int i = 0; i < 100; i++) {
      limited.create(request(i));
    }
    assertThat(delegate.creates).as("the one refused paused the rest").hasSize(1);

    time.advance(Duration.ofMillis(999));
    assertThat(delegate.creates).as("nothing during the Retry-After").hasSize(1);
    time.advance(Duration.ofSeconds(12));

    Instant start = VirtualTime.DEFAULT_START;
    long inTenSeconds = delegate.createTimes.stream()
        .filter(at -> !at.isBefore(start.plusSeconds(2)) && at.isBefore(start.plusSeconds(12))).count();
    assertThat(inTenSeconds).as("the tier's 50 in 10 s (less the safety margin), not a halved rate")
        .isGreaterThanOrEqualTo(45);
    assertThat(mostInAnySpan(delegate.createTimes, Duration.ofSeconds(1))).isLessThanOrEqualTo(5);
    assertThat(limited.throttledCount()).isEqualTo(1);
  }

  @Test
  void refusalsOneAfterAnotherDoNotStackIntoASlowerRate() {
    ProviderException refusal = ProviderException.of(FailureKind.RATE_LIMITED,
        ProviderErrorDetails.of("recording", 429, "rate_limit_exceeded", "slow down").withRetryAfter(Duration.ofSeconds(1)),
        null);
    for (int i = 0; i < 5; i++) {
      delegate.failNextCreate = refusal;
      limited.create(request(i));
      time.advance(Duration.ofSeconds(1));
    }
    Instant offered = time.now();
    for (int i = 5; i < 55; i++) {
      limited.create(request(i));
    }
    time.runUntilIdle();

    assertThat(limited.throttledCount()).isEqualTo(5);
    assertThat(delegate.createTimes).hasSize(55);
    assertThat(Duration.between(offered, delegate.createTimes.get(54)))
        .as("50 creates at the tier's 50 in 10 s, not at a rate cut once per 429").isLessThan(Duration.ofSeconds(11));
  }

  @Test
  void aCreateStoppedWhileItWaitsItsTurnIsNeverSentAndTakesNoRoom() {
    for (int i = 0; i < 5; i++) {
      limited.create(request(i));
    }
    CompletableFuture<String> stop = new CompletableFuture<>();
    CompletableFuture<TaskSnapshot> waiting = limited.create(request(50), stop);
    CompletableFuture<TaskSnapshot> goesOn = limited.create(request(51), new CompletableFuture<>());

    stop.complete("Ctrl-C");
    assertThat(waiting).as("ended at the stop, not when its turn came").isCompletedExceptionally();
    time.runUntilIdle();

    Throwable cause = waiting.handle((never, failure) ->
        failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure).join();
    assertThat(cause).isInstanceOf(java.util.concurrent.CancellationException.class).hasMessageContaining("not sent");
    assertThat(goesOn).isDone();
    assertThat(delegate.creates).as("the first 5 and the one not stopped").hasSize(6);
    assertThat(delegate.createTimes.get(5)).as("the one not stopped went in the stopped one's place")
        .isBefore(VirtualTime.DEFAULT_START.plusSeconds(2));
  }

  @Test
  void aCreateQueuedBehindTheLimitSaysItWaitsItsTurnAndLeavesOnlyOnceItsCallerHeardIt() {
    for (int i = 0; i < 5; i++) {
      limited.create(request(i));
    }
    RecordedTurns turns = new RecordedTurns();

    CompletableFuture<TaskSnapshot> queued = limited.create(request(5), new CompletableFuture<>(), turns);

    assertThat(turns.told).as("its slot frees when the second of the first five is over, plus the margin")
        .containsExactly("waiting its turn PT1.05S");
    time.advance(Duration.ofMillis(1_100));
    assertThat(turns.told).containsExactly("waiting its turn PT1.05S", "leaving");
    assertThat(delegate.creates).as("its turn came, but it waits until the caller heard it leaves").hasSize(5);
    assertThat(queued).isNotDone();

    turns.heard.complete(null);

    assertThat(delegate.creates).hasSize(6);
    assertThat(queued).isCompleted();
  }

  @Test
  void theWaitACreateIsToldCountsTheCreatesAheadOfItInLine() {
    for (int i = 0; i < 10; i++) {
      limited.create(request(i));
    }
    RecordedTurns turns = new RecordedTurns();

    limited.create(request(10), new CompletableFuture<>(), turns);

    assertThat(turns.told).as("five went at once, five more go after a second, it goes in the second after that")
        .containsExactly("waiting its turn PT2.1S");
  }

  @Test
  void aCreateWhoseTurnIsFreeAtOnceTellsNothing() {
    RecordedTurns turns = new RecordedTurns();

    CompletableFuture<TaskSnapshot> created = limited.create(request(0), new CompletableFuture<>(), turns);

    assertThat(created).isCompleted();
    assertThat(turns.told).as("no wait to record, so nothing for a journal to write").isEmpty();
  }

  @Test
  void aCreateWhoseCallerCouldNotHearItLeaveIsNeverSentAndEndsWithTheCallersFailure() {
    for (int i = 0; i < 5; i++) {
      limited.create(request(i));
    }
    RecordedTurns turns = new RecordedTurns();
    CompletableFuture<TaskSnapshot> queued = limited.create(request(5), new CompletableFuture<>(), turns);
    IllegalStateException journalDown = new IllegalStateException("journal is down");

    time.advance(Duration.ofMillis(1_100));
    turns.heard.completeExceptionally(journalDown);
    time.runUntilIdle();

    assertThat(delegate.creates).as("nothing of it was sent").hasSize(5);
    assertThat(queued.handle((never, failure) ->
        failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure).join())
        .isSameAs(journalDown);
  }

  @Test
  void aCreateStoppedWhileItWaitsItsTurnIsNeverSentAndItsCallerIsNotAskedToHearItLeave() {
    for (int i = 0; i < 5; i++) {
      limited.create(request(i));
    }
    RecordedTurns turns = new RecordedTurns();
    CompletableFuture<String> stop = new CompletableFuture<>();
    CompletableFuture<TaskSnapshot> queued = limited.create(request(5), stop, turns);

    stop.complete("Ctrl-C");
    time.runUntilIdle();

    assertThat(turns.told).containsExactly("waiting its turn PT1.05S");
    assertThat(delegate.creates).hasSize(5);
    assertThat(queued.handle((never, failure) ->
        failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure).join())
        .isInstanceOf(java.util.concurrent.CancellationException.class).hasMessageContaining("not sent");
  }

  @Test
  void aCreateStoppedWhileItsCallerRecordsThatItLeavesIsNeverSent() {
    for (int i = 0; i < 5; i++) {
      limited.create(request(i));
    }
    RecordedTurns turns = new RecordedTurns();
    CompletableFuture<String> stop = new CompletableFuture<>();
    CompletableFuture<TaskSnapshot> queued = limited.create(request(5), stop, turns);
    time.advance(Duration.ofMillis(1_100));

    stop.complete("Ctrl-C");
    turns.heard.complete(null);

    assertThat(delegate.creates).hasSize(5);
    assertThat(queued).isCompletedExceptionally();
  }

  @Test
  void aFollowOnQueuedBehindTheLimitSaysItWaitsItsTurnAsACreateDoes() {
    for (int i = 0; i < 5; i++) {
      limited.create(request(i));
    }
    RecordedTurns turns = new RecordedTurns();

    CompletableFuture<TaskSnapshot> extend = limited.createFollowOn(null, new CompletableFuture<>(), turns);
    time.advance(Duration.ofMillis(1_100));
    assertThat(extend).isNotDone();
    turns.heard.complete(null);

    assertThat(turns.told).containsExactly("waiting its turn PT1.05S", "leaving");
    assertThat(extend).isCompleted();
  }

  /** Records what a create told of its wait, and holds it back until {@link #heard} completes. */
  private static final class RecordedTurns implements dev.vidgen.core.port.CreateTurns {
    final List<String> told = Collections.synchronizedList(new ArrayList<>());
    final CompletableFuture<Void> heard = new CompletableFuture<>();

    @Override
    public void waitingTurn(Duration delay) {
      told.add("waiting its turn " + delay);
    }

    @Override
    public CompletableFuture<Void> leaving() {
      told.add("leaving");
      return heard;
    }
  }

  @Test
  void pausesEveryCreateOfTheProcessForRetryAfterAfterA429() {
    delegate.failNextCreate = ProviderException.of(FailureKind.RATE_LIMITED,
        ProviderErrorDetails.of("recording", 429, "rate_limit_exceeded", "slow down").withRetryAfter(Duration.ofSeconds(7)),
        null);
    CompletableFuture<TaskSnapshot> refused = limited.create(request(0));
    assertThat(refused).isCompletedExceptionally();

    for (int i = 1; i <= 3; i++) {
      limited.create(request(i));
    }
    time.advance(Duration.ofMillis(6_900));
    assertThat(delegate.creates).as("nothing sent during the pause").hasSize(1);
    time.runUntilIdle();

    assertThat(delegate.creates).hasSize(4);
    assertThat(delegate.createTimes.subList(1, 4)).as("all three at the end of the pause, at the full rate")
        .containsOnly(VirtualTime.DEFAULT_START.plusSeconds(7));
    assertThat(limited.throttledCount()).isEqualTo(1);
  }

  @Test
  void keepsStatusReadsGoingWhileCreatesArePaused() {
    delegate.failNextCreate = ProviderException.of(FailureKind.RATE_LIMITED,
        ProviderErrorDetails.of("recording", 429, "rate_limit_exceeded", "slow down").withRetryAfter(Duration.ofSeconds(30)),
        null);
    limited.create(request(0));

    CompletableFuture<TaskSnapshot> status = limited.status(TaskId.of("t-1"));

    assertThat(status).isDone();
    assertThat(limited.submitPauseLeft()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void pausesTheBucketTheProvidersSignalsNameAndNoOther() {
    RateLimits limits = RateLimits.of(SUBMITS, QUERIES).withSignals(failure ->
        "queries".equals(failure.providerCode().orElse(""))
            ? Optional.of(new RateLimits.Throttle(RateLimits.Bucket.QUERY, Optional.of(Duration.ofSeconds(9))))
            : Optional.empty());
    RateLimitedProvider signalled = RateLimitedProvider.wrap(delegate, limits, time.scheduler(), time.clock());
    delegate.failNextCreate = ProviderException.of(FailureKind.UNAVAILABLE,
        ProviderErrorDetails.of("recording", 503, "queries", "status reads are paused"), null);

    assertThat(signalled.create(request(0))).isCompletedExceptionally();
    CompletableFuture<TaskSnapshot> status = signalled.status(TaskId.of("t-1"));

    assertThat(signalled.submitPauseLeft()).as("creates go on").isZero();
    assertThat(status).as("reads wait out the pause the signal named").isNotDone();
    time.advance(Duration.ofMillis(8_900));
    assertThat(status).isNotDone();
    time.advance(Duration.ofSeconds(1));
    assertThat(status).isDone();
    assertThat(signalled.throttledCount()).isEqualTo(1);
    assertThat(signalled.rateLimits()).contains(limits);
  }

  @Test
  void doesAllTheProviderCanNotJustWhatTheInterfaceRequires() {
    assertThat(limited.uploadVideo(Path.of("/clips/a.mp4"))).isCompletedWithValue(URI.create("https://v.example/up.mp4"));
    assertThat(limited.liveModels()).isCompletedWithValue(java.util.Set.of("grok-video-1.5-preview"));
    assertThat(limited.balances().join().key()).as("the key's balance, not only the account's").isNotNull();
    assertThat(delegate.videoUploads).isEqualTo(1);
    for (java.lang.reflect.Method method : VideoProvider.class.getMethods()) {
      if (!java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
        assertThat(declaredBy(method)).as("RateLimitedProvider passes on %s", method.getName())
            .isEqualTo(RateLimitedProvider.class);
      }
    }
  }

  @Test
  void aFollowOnWaitsItsTurnAsACreateDoes() {
    for (int i = 0; i < 5; i++) {
      limited.create(request(i));
    }
    CompletableFuture<TaskSnapshot> extend = limited.createFollowOn(null);

    assertThat(extend).as("this second's five are spent").isNotDone();
    time.advance(Duration.ofMillis(1_100));
    assertThat(extend).isCompleted();
  }

  private static Class<?> declaredBy(java.lang.reflect.Method method) {
    try {
      return RateLimitedProvider.class.getMethod(method.getName(), method.getParameterTypes()).getDeclaringClass();
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aProviderThatReportsNoLimitsIsLeftUnwrapped() {
    assertThat(RateLimitedProvider.wrapReported(delegate, time.scheduler(), time.clock())).isSameAs(delegate);
  }

  @Test
  void sendsSixHundredStatusReadsWithinTheQueryWindows() {
    for (int i = 0; i < 600; i++) {
      limited.status(TaskId.of("t-" + i));
    }
    assertThat(delegate.statusReads).hasSize(50);
    time.advance(Duration.ofMillis(1_100));
    assertThat(delegate.statusReads).hasSize(100);
    time.runUntilIdle();
    assertThat(delegate.statusReads).hasSize(600);
  }

  /** The most of {@code times} (in order) within any closed span of {@code length}: as strict as a server can count. */
  private static int mostInAnySpan(List<Instant> times, Duration length) {
    int most = 0;
    int end = 0;
    for (int start = 0; start < times.size(); start++) {
      Instant last = times.get(start).plus(length);
      while (end < times.size() && !times.get(end).isAfter(last)) {
        end++;
      }
      most = Math.max(most, end - start);
    }
    return most;
  }

  private static SubmitRequest request(int i) {
    VideoJob job = VideoJob.builder("grok-video-1.5-preview").prompt("job " + i)
        .image(dev.vidgen.core.domain.ImageInput.url("https://img.example/" + i + ".png")).build();
    return new SubmitRequest(job, RouteCatalog.builtIn().require("grok-video-1.5-preview"), null);
  }

  /** Answers at once and notes when each call arrived. */
  private static final class RecordingProvider implements VideoProvider {
    private final VirtualTime time;
    final List<String> creates = Collections.synchronizedList(new ArrayList<>());
    final List<Instant> createTimes = Collections.synchronizedList(new ArrayList<>());
    final List<String> statusReads = Collections.synchronizedList(new ArrayList<>());
    ProviderException failNextCreate;

    RecordingProvider(VirtualTime time) {
      this.time = time;
    }

    @Override
    public String id() {
      return "recording";
    }


    @Override
    public CompletableFuture<URI> upload(Path image) {
      return CompletableFuture.completedFuture(URI.create("https://img.example/up.png"));
    }

    @Override
    public CompletableFuture<TaskSnapshot> create(SubmitRequest request) {
      creates.add(request.job().prompt());
      createTimes.add(time.now());
      if (failNextCreate != null) {
        ProviderException failure = failNextCreate;
        failNextCreate = null;
        return CompletableFuture.failedFuture(failure);
      }
      return CompletableFuture.completedFuture(TaskSnapshot.queued(TaskId.of("t-" + creates.size())));
    }

    @Override
    public CompletableFuture<TaskSnapshot> status(TaskId taskId) {
      statusReads.add(taskId.value());
      return CompletableFuture.completedFuture(TaskSnapshot.inProgress(taskId, 50));
    }

    @Override
    public CompletableFuture<InputStream> open(VideoAsset asset) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException());
    }

    @Override
    public RequestPreview preview(SubmitRequest request) {
      return new RequestPreview("POST", "https://example/", null, "{}");
    }

    int videoUploads;

    @Override
    public CompletableFuture<URI> uploadVideo(Path video) {
      videoUploads++;
      return CompletableFuture.completedFuture(URI.create("https://v.example/up.mp4"));
    }

    @Override
    public CompletableFuture<java.util.Set<String>> liveModels() {
      return CompletableFuture.completedFuture(java.util.Set.of("grok-video-1.5-preview"));
    }

    @Override
    public CompletableFuture<dev.vidgen.core.port.Balances> balances() {
      dev.vidgen.core.port.Balance some = new dev.vidgen.core.port.Balance(java.math.BigDecimal.TEN, java.math.BigDecimal.ONE, false);
      return CompletableFuture.completedFuture(new dev.vidgen.core.port.Balances(some, some));
    }

    @Override
    public CompletableFuture<TaskSnapshot> createFollowOn(dev.vidgen.core.port.FollowOnRequest request) {
      return CompletableFuture.completedFuture(TaskSnapshot.queued(TaskId.of("f-1")));
    }
  }
}
