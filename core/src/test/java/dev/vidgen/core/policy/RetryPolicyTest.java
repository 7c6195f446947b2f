package dev.vidgen.core.policy;

import static dev.vidgen.core.policy.FailureKind.AUTHENTICATION;
import static dev.vidgen.core.policy.FailureKind.CONNECT_FAILED;
import static dev.vidgen.core.policy.FailureKind.CONTENT_POLICY;
import static dev.vidgen.core.policy.FailureKind.INSUFFICIENT_QUOTA;
import static dev.vidgen.core.policy.FailureKind.NOT_FOUND;
import static dev.vidgen.core.policy.FailureKind.NO_RESPONSE;
import static dev.vidgen.core.policy.FailureKind.RATE_LIMITED;
import static dev.vidgen.core.policy.FailureKind.REJECTED;
import static dev.vidgen.core.policy.FailureKind.SERVER_ERROR;
import static dev.vidgen.core.policy.FailureKind.UNAVAILABLE;
import static dev.vidgen.core.policy.Operation.CREATE;
import static dev.vidgen.core.policy.Operation.DOWNLOAD;
import static dev.vidgen.core.policy.Operation.READ;
import static dev.vidgen.core.policy.Operation.UPLOAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.policy.RetryDecision.Ambiguous;
import dev.vidgen.core.policy.RetryDecision.GiveUp;
import dev.vidgen.core.policy.RetryDecision.Retry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class RetryPolicyTest {
  private final RetryPolicy policy = RetryPolicy.defaults();

  /** The first decision for every failure on every operation, written out rather than derived. */
  private static final Map<FailureKind, String> FIRST_DECISION_BY_KIND = new EnumMap<>(Map.of(
      RATE_LIMITED, "retry retry retry retry",
      UNAVAILABLE, "retry retry retry retry",
      SERVER_ERROR, "retry retry retry retry",
      CONNECT_FAILED, "retry retry retry retry",
      NO_RESPONSE, "ambiguous retry retry retry",
      AUTHENTICATION, "giveup giveup giveup giveup",
      INSUFFICIENT_QUOTA, "giveup giveup giveup giveup",
      CONTENT_POLICY, "giveup giveup giveup giveup",
      REJECTED, "giveup giveup giveup giveup",
      NOT_FOUND, "giveup giveup giveup giveup"));

  static Stream<Arguments> everyKindOnEveryOperation() {
    List<Arguments> cases = new ArrayList<>();
    Operation[] order = {CREATE, READ, UPLOAD, DOWNLOAD};
    FIRST_DECISION_BY_KIND.forEach((kind, row) -> {
      String[] expected = row.split(" ");
      for (int i = 0; i < order.length; i++) {
        cases.add(Arguments.of(kind, order[i], expected[i]));
      }
    });
    assertThat(cases).hasSize(FailureKind.values().length * Operation.values().length);
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} on {1}: {2}")
  @MethodSource("everyKindOnEveryOperation")
  void decidesTheFirstFailureOfEveryKindOnEveryOperationByTheProvidersGuidance(
      FailureKind kind, Operation operation, String expected) {
    RetryDecision decision = policy.decide(operation, kind, 1, null, FixedRandom.lowest());

    Class<?> type = switch (expected) {
      case "retry" -> Retry.class;
      case "ambiguous" -> Ambiguous.class;
      default -> GiveUp.class;
    };
    assertThat(decision).isInstanceOf(type);
  }

  @ParameterizedTest
  @EnumSource(value = FailureKind.class, names = {"REJECTED", "AUTHENTICATION", "INSUFFICIENT_QUOTA", "NOT_FOUND", "CONTENT_POLICY"})
  void neverRetriesRefusalsEvenWithARetryAfterHint(FailureKind kind) {
    for (Operation operation : Operation.values()) {
      assertThat(policy.decide(operation, kind, 1, Duration.ofSeconds(1), FixedRandom.lowest()))
          .isInstanceOfSatisfying(GiveUp.class, giveUp -> assertThat(giveUp.reason()).contains("never retried"));
    }
  }

  @Test
  void namesTheHttpStatusOfARefusalInTheReason() {
    assertThat(policy.decide(CREATE, REJECTED, 1, null, FixedRandom.lowest()).reason()).contains("HTTP 400");
    assertThat(policy.decide(READ, AUTHENTICATION, 1, null, FixedRandom.lowest()).reason()).contains("HTTP 401");
    assertThat(policy.decide(CREATE, INSUFFICIENT_QUOTA, 1, null, FixedRandom.lowest()).reason()).contains("HTTP 402");
    assertThat(policy.decide(READ, NOT_FOUND, 1, null, FixedRandom.lowest()).reason()).contains("HTTP 404");
    assertThat(policy.decide(CREATE, CONTENT_POLICY, 1, null, FixedRandom.lowest()).reason()).contains("HTTP 422");
  }

  @ParameterizedTest
  @EnumSource(Operation.class)
  void backsOffFromOneSecondDoublingToThirtyOnRateLimitsThenGivesUpAfterSixRetries(Operation operation) {
    List<Duration> delays = new ArrayList<>();
    for (int attempt = 1; attempt <= 6; attempt++) {
      delays.add(delay(policy.decide(operation, RATE_LIMITED, attempt, null, FixedRandom.lowest())));
    }

    assertThat(delays).containsExactly(seconds(1), seconds(2), seconds(4), seconds(8), seconds(16), seconds(30));
    assertThat(policy.decide(operation, RATE_LIMITED, 7, null, FixedRandom.lowest()))
        .isInstanceOfSatisfying(GiveUp.class, giveUp -> assertThat(giveUp.reason())
            .contains("HTTP 429").contains("gave up after 6 retries"));
  }

  @Test
  void jitterLengthensABackoffByItsShareOfTheNominalWait() {
    assertThat(delay(policy.decide(READ, RATE_LIMITED, 1, null, FixedRandom.middle()))).isEqualTo(Duration.ofMillis(1100));
    assertThat(delay(policy.decide(READ, RATE_LIMITED, 3, null, FixedRandom.middle()))).isEqualTo(Duration.ofMillis(4400));
    assertThat(delay(policy.decide(READ, SERVER_ERROR, 1, null, FixedRandom.middle()))).isEqualTo(Duration.ofMillis(550));
  }

  @Test
  void jitterNeverShortensABackoffAndAddsAtMostTwentyPercent() {
    long seed = 20240611L;
    SplittableRandom random = new SplittableRandom(seed);
    long[] nominalMillis = {1000, 2000, 4000, 8000, 16000, 30000};
    List<Long> firstWaits = new ArrayList<>();
    for (int run = 0; run < 2000; run++) {
      for (int attempt = 1; attempt <= 6; attempt++) {
        long millis = delay(policy.decide(CREATE, RATE_LIMITED, attempt, null, random)).toMillis();
        long nominal = nominalMillis[attempt - 1];
        assertThat(millis).as("seed %d, run %d, retry %d", seed, run, attempt).isBetween(nominal, nominal * 12 / 10);
        if (attempt == 1) {
          firstWaits.add(millis);
        }
      }
    }
    assertThat(firstWaits.stream().distinct().count()).as("seed %d: distinct first waits", seed).isGreaterThan(100);
  }

  @ParameterizedTest
  @EnumSource(value = FailureKind.class, names = {"SERVER_ERROR", "UNAVAILABLE", "CONNECT_FAILED"})
  void retriesServerErrorsAndConnectFailuresThreeTimesQuicklyOnEveryOperation(FailureKind kind) {
    for (Operation operation : Operation.values()) {
      assertThat(delay(policy.decide(operation, kind, 1, null, FixedRandom.lowest()))).isEqualTo(Duration.ofMillis(500));
      assertThat(delay(policy.decide(operation, kind, 2, null, FixedRandom.lowest()))).isEqualTo(seconds(1));
      assertThat(delay(policy.decide(operation, kind, 3, null, FixedRandom.lowest()))).isEqualTo(seconds(2));
      assertThat(policy.decide(operation, kind, 4, null, FixedRandom.lowest()))
          .as("%s on %s after 3 retries", kind, operation)
          .isInstanceOfSatisfying(GiveUp.class, giveUp -> assertThat(giveUp.reason()).contains("gave up after 3 retries"));
    }
  }

  @ParameterizedTest
  @EnumSource(value = Operation.class, names = {"READ", "UPLOAD", "DOWNLOAD"})
  void retriesAnUnansweredIdempotentCallLikeAServerError(Operation operation) {
    assertThat(delay(policy.decide(operation, NO_RESPONSE, 1, null, FixedRandom.lowest()))).isEqualTo(Duration.ofMillis(500));
    assertThat(delay(policy.decide(operation, NO_RESPONSE, 3, null, FixedRandom.lowest()))).isEqualTo(seconds(2));
    assertThat(policy.decide(operation, NO_RESPONSE, 4, null, FixedRandom.lowest())).isInstanceOf(GiveUp.class);
  }

  @Test
  void saysThatAnAnswerCameWhenACallOfNoUsableAnswerGotOneItCouldNotRead() {
    RetryDecision answered = policy.decideAnswered(READ, NO_RESPONSE, 200, 4, null, FixedRandom.lowest());
    RetryDecision unanswered = policy.decideAnswered(READ, NO_RESPONSE, 0, 4, null, FixedRandom.lowest());

    assertThat(answered).isInstanceOf(GiveUp.class);
    assertThat(answered.reason()).isEqualTo("read: HTTP 200 came, but its answer could not be read; gave up after"
        + " 3 retries");
    assertThat(unanswered.reason()).isEqualTo("read: the request was sent but never answered; gave up after 3 retries");
    assertThat(delay(policy.decideAnswered(READ, NO_RESPONSE, 200, 1, null, FixedRandom.lowest())))
        .as("retried as before").isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void reportsAnUnansweredCreateAsAmbiguousInsteadOfSendingItAgain() {
    for (int attempt = 1; attempt <= 5; attempt++) {
      assertThat(policy.decide(CREATE, NO_RESPONSE, attempt, Duration.ofSeconds(1), FixedRandom.lowest()))
          .isInstanceOfSatisfying(Ambiguous.class, ambiguous -> assertThat(ambiguous.reason())
              .contains("never answered").contains("billed"));
    }
  }

  @Test
  void retriesACreateOnRateLimitsUnavailabilityServerErrorsAndConnectFailures() {
    assertThat(policy.decide(CREATE, RATE_LIMITED, 1, null, FixedRandom.lowest())).isInstanceOf(Retry.class);
    assertThat(policy.decide(CREATE, UNAVAILABLE, 2, null, FixedRandom.lowest())).isInstanceOf(Retry.class);
    assertThat(policy.decide(CREATE, SERVER_ERROR, 3, null, FixedRandom.lowest())).isInstanceOf(Retry.class);
    assertThat(policy.decide(CREATE, CONNECT_FAILED, 3, null, FixedRandom.lowest())).isInstanceOf(Retry.class);
  }

  @ParameterizedTest
  @EnumSource(value = FailureKind.class, names = {"RATE_LIMITED", "UNAVAILABLE", "SERVER_ERROR"})
  void waitsExactlyTheRetryAfterHintWhenJitterIsLowest(FailureKind kind) {
    RetryDecision decision = policy.decide(CREATE, kind, 1, seconds(7), FixedRandom.lowest());

    assertThat(decision).isInstanceOfSatisfying(Retry.class, retry -> {
      assertThat(retry.delay()).isEqualTo(seconds(7));
      assertThat(retry.reason()).contains("Retry-After 7 s");
    });
  }

  @Test
  void neverRetriesBeforeTheHintNorTheBackoffAndAddsLittleJitter() {
    long seed = 77L;
    SplittableRandom random = new SplittableRandom(seed);
    long[] nominal = {1, 2, 4, 8, 16, 30};
    for (int run = 0; run < 5000; run++) {
      Duration hint = Duration.ofMillis(random.nextLong(0, 120_001));
      int attempt = 1 + run % 6;
      Duration backoff = seconds(nominal[attempt - 1]);
      Duration delay = delay(policy.decide(READ, RATE_LIMITED, attempt, hint, random));
      Duration longest = hint.plusSeconds(1).compareTo(backoff.multipliedBy(12).dividedBy(10)) > 0
          ? hint.plusSeconds(1) : backoff.multipliedBy(12).dividedBy(10).plusMillis(1);
      assertThat(delay).as("seed %d, run %d, hint %s", seed, run, hint)
          .isGreaterThanOrEqualTo(hint).isGreaterThanOrEqualTo(backoff).isLessThan(longest);
    }
  }

  @Test
  void aShortHintLeavesTheBackoffInPlace() {
    RetryDecision decision = policy.decide(READ, RATE_LIMITED, 6, seconds(2), FixedRandom.lowest());

    assertThat(delay(decision)).isEqualTo(seconds(30));
    assertThat(decision).isInstanceOfSatisfying(Retry.class, retry -> assertThat(retry.reason())
        .contains("backoff, longer than Retry-After 2 s"));
  }

  @Test
  void givesUpOnAHintBeyondTheCapAndReportsTheHint() {
    RetryDecision decision = policy.decide(READ, RATE_LIMITED, 1, seconds(300), FixedRandom.lowest());

    assertThat(decision).isInstanceOfSatisfying(GiveUp.class, giveUp -> assertThat(giveUp.reason())
        .contains("300 s").contains("Retry-After").contains("120 s"));
  }

  @Test
  void saysAHintReadOffAnHttpDateInWholeSecondsNeverRoundedDownToTheCap() {
    RetryDecision fromADate = policy.decide(READ, RATE_LIMITED, 1, Duration.ofMillis(198_670), FixedRandom.lowest());
    RetryDecision justOver = policy.decide(READ, RATE_LIMITED, 1, Duration.ofMillis(120_400), FixedRandom.lowest());

    assertThat(fromADate).isInstanceOfSatisfying(GiveUp.class, giveUp -> assertThat(giveUp.reason())
        .contains("asked to wait 199 s (Retry-After)").doesNotContain("198.67"));
    assertThat(justOver).isInstanceOfSatisfying(GiveUp.class, giveUp -> assertThat(giveUp.reason())
        .contains("asked to wait 121 s (Retry-After), longer than the 120 s"));
  }

  @Test
  void honoursAHintExactlyAtTheCap() {
    assertThat(delay(policy.decide(READ, UNAVAILABLE, 1, seconds(120), FixedRandom.lowest()))).isEqualTo(seconds(120));
  }

  @Test
  void aHintOfNoWaitOrInThePastStillWaitsTheBackoff() {
    assertThat(delay(policy.decide(READ, RATE_LIMITED, 1, seconds(-5), FixedRandom.lowest()))).isEqualTo(seconds(1));
    assertThat(delay(policy.decide(READ, RATE_LIMITED, 3, Duration.ZERO, FixedRandom.lowest()))).isEqualTo(seconds(4));
  }

  @Test
  void stillGivesUpWhenRetriesAreExhaustedDespiteAHint() {
    assertThat(policy.decide(READ, RATE_LIMITED, 7, seconds(1), FixedRandom.lowest())).isInstanceOf(GiveUp.class);
  }

  @Test
  void appliesTunedRetryCountsBackoffsAndHintCap() {
    RetryPolicy tuned = RetryPolicy.builder()
        .rateLimitRetries(2)
        .rateLimitBackoff(Duration.ofMillis(200), Duration.ofMillis(300))
        .transientRetries(1)
        .transientBackoff(Duration.ofMillis(100), Duration.ofMillis(100))
        .maxRetryAfter(seconds(10))
        .retryAfterJitter(Duration.ZERO)
        .jitter(0)
        .build();
    FixedRandom random = new FixedRandom(0.9);

    assertThat(delay(tuned.decide(READ, RATE_LIMITED, 1, null, random))).isEqualTo(Duration.ofMillis(200));
    assertThat(delay(tuned.decide(READ, RATE_LIMITED, 2, null, random))).isEqualTo(Duration.ofMillis(300));
    assertThat(tuned.decide(READ, RATE_LIMITED, 3, null, random)).isInstanceOf(GiveUp.class);
    assertThat(delay(tuned.decide(READ, SERVER_ERROR, 1, null, random))).isEqualTo(Duration.ofMillis(100));
    assertThat(tuned.decide(READ, SERVER_ERROR, 2, null, random))
        .isInstanceOfSatisfying(GiveUp.class, giveUp -> assertThat(giveUp.reason()).contains("after 1 retry"));
    assertThat(delay(tuned.decide(READ, RATE_LIMITED, 1, seconds(10), random))).isEqualTo(seconds(10));
    assertThat(tuned.decide(READ, RATE_LIMITED, 1, seconds(11), random)).isInstanceOf(GiveUp.class);
    assertThat(tuned.toBuilder().build().decide(READ, RATE_LIMITED, 3, null, random)).isInstanceOf(GiveUp.class);
  }

  @Test
  void neverPolicyRetriesNothingButStillFlagsAnUnansweredCreate() {
    RetryPolicy never = RetryPolicy.never();

    for (FailureKind kind : FailureKind.values()) {
      for (Operation operation : Operation.values()) {
        RetryDecision decision = never.decide(operation, kind, 1, null, FixedRandom.lowest());
        assertThat(decision).as("%s on %s", kind, operation)
            .isInstanceOf(kind == NO_RESPONSE && operation == CREATE ? Ambiguous.class : GiveUp.class);
      }
    }
  }

  @Test
  void aCreateThatCannotBeLookedUpIsSentAgainOnceByDefaultAndNeverMoreThanTheTransientRetries() {
    assertThat(RetryPolicy.defaults().blindCreateResends()).isEqualTo(1);
    assertThat(RetryPolicy.never().blindCreateResends()).isZero();
    assertThat(RetryPolicy.builder().blindCreateResends(3).transientRetries(2).build().blindCreateResends())
        .isEqualTo(2);
    assertThat(RetryPolicy.builder().blindCreateResends(2).build().toBuilder().build().blindCreateResends())
        .isEqualTo(2);
    assertThat(RetryPolicy.defaults().toString()).contains("a create without a client reference resent after 500: 1");
  }

  @Test
  void capsTheBackoffWithoutOverflowingOnManyAttempts() {
    RetryPolicy patient = RetryPolicy.builder().rateLimitRetries(100).build();

    assertThat(delay(patient.decide(READ, RATE_LIMITED, 100, null, FixedRandom.lowest()))).isEqualTo(seconds(30));
  }

  @Test
  void rejectsNonsenseArgumentsAndSettingsWithAClearMessage() {
    assertThatThrownBy(() -> policy.decide(READ, RATE_LIMITED, 0, null, FixedRandom.lowest()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> policy.decide(null, RATE_LIMITED, 1, null, FixedRandom.lowest()))
        .isInstanceOf(NullPointerException.class).hasMessage("operation == null");
    assertThatThrownBy(() -> RetryPolicy.builder().rateLimitRetries(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 to 100");
    assertThatThrownBy(() -> RetryPolicy.builder().rateLimitBackoff(seconds(5), seconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cap");
    assertThatThrownBy(() -> RetryPolicy.builder().maxRetryAfter(seconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRetryAfter is negative");
    assertThatThrownBy(() -> RetryPolicy.builder().jitter(1.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 to 1");
  }

  private static Duration delay(RetryDecision decision) {
    assertThat(decision).isInstanceOf(Retry.class);
    return ((Retry) decision).delay();
  }

  @Test
  void theNotFoundGraceAtMostAddsUpEachWaitAtItsLongest() {
    // 2 + 4 + 8 + 16 + 30 s, each lengthened by up to 20 %.
    assertThat(RetryPolicy.defaults().notFoundGraceAtMost()).isEqualTo(seconds(72));
    assertThat(RetryPolicy.never().notFoundGraceAtMost()).isEqualTo(Duration.ZERO);
  }

  private static Duration seconds(long seconds) {
    return Duration.ofSeconds(seconds);
  }
}
