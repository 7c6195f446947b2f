package dev.vidgen.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.policy.FailureTable.CreateStep;
import dev.vidgen.core.policy.FailureTable.Retry;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FailureTableTest {
  private final RetryPolicy policy = RetryPolicy.defaults();

  @Test
  void everyCaseHasExactlyOneRowInTheOrderOfTheCases() {
    assertThat(FailureTable.rows()).extracting(FailureTable.Row::failure).containsExactly(FailureCase.values());
    for (FailureCase failure : FailureCase.values()) {
      assertThat(FailureTable.row(failure).failure()).isEqualTo(failure);
    }
  }

  @ParameterizedTest
  @EnumSource(FailureKind.class)
  void everyKindOfProviderFailureIsItsOwnCase(FailureKind kind) {
    assertThat(FailureCase.of(kind).name()).isEqualTo(kind.name());
    assertThat(FailureTable.row(kind)).isSameAs(FailureTable.row(FailureCase.of(kind)));
  }

  @Test
  void exitCodesAreTheDocumentedOnesAndEachCodeHasAMeaning() {
    assertThat(FailureTable.rows()).extracting(FailureTable.Row::exitCode).allMatch(code -> code >= 1 && code <= 8);
    assertThat(FailureTable.row(FailureCase.INVALID_JOB).exitCode()).isEqualTo(2);
    assertThat(FailureTable.row(FailureCase.REJECTED).exitCode()).as("a request the provider refused as invalid")
        .isEqualTo(2);
    assertThat(FailureTable.row(FailureCase.SETTINGS).exitCode()).as("an unknown provider, a bad setting or URL")
        .isEqualTo(2);
    assertThat(FailureTable.row(FailureCase.AUTHENTICATION).exitCode()).isEqualTo(3);
    assertThat(FailureTable.row(FailureCase.RATE_LIMITED).exitCode()).isEqualTo(4);
    assertThat(FailureTable.row(FailureCase.SERVER_ERROR).exitCode()).isEqualTo(5);
    assertThat(FailureTable.row(FailureCase.TASK_FAILED).exitCode()).isEqualTo(6);
    assertThat(FailureTable.row(FailureCase.DEADLINE).exitCode()).isEqualTo(7);
    assertThat(FailureTable.row(FailureCase.OVER_BUDGET).exitCode()).isEqualTo(8);
  }

  @Test
  void onceATaskExistsOnlyTheTasksOwnVerdictFailsABatchJob() {
    for (FailureTable.Row row : FailureTable.rows()) {
      boolean verdict = row.failure() == FailureCase.TASK_FAILED || row.failure() == FailureCase.CONTENT_POLICY
          || row.failure() == FailureCase.RESULT_EXPIRED || row.failure() == FailureCase.RESULT_UNUSABLE
          || row.failure() == FailureCase.INVALID_JOB;
      assertThat(row.jobOnceTask() == FailureTable.JobStep.FAIL_JOB).as(row.toString()).isEqualTo(verdict);
    }
    assertThat(FailureTable.row(FailureCase.NOT_FOUND).jobOnceTask()).isEqualTo(FailureTable.JobStep.TRY_AGAIN);
  }

  @Test
  void onlyAccountWideFailuresStopARun() {
    assertThat(Arrays.stream(FailureCase.values()).filter(c -> FailureTable.row(c).stopsRun()))
        .containsExactlyInAnyOrder(FailureCase.AUTHENTICATION, FailureCase.INSUFFICIENT_QUOTA, FailureCase.SETTINGS,
            FailureCase.OVER_BUDGET);
  }

  /** The client's retry policy reads the table: for every kind on every operation, the first decision agrees with it. */
  @ParameterizedTest
  @EnumSource(FailureKind.class)
  void theRetryPolicyDecidesAsTheTableSays(FailureKind kind) {
    FailureTable.Row row = FailureTable.row(kind);
    for (Operation operation : Operation.values()) {
      RetryDecision decision = policy.decide(operation, kind, 1, null, FixedRandom.lowest());
      String as = kind + " on " + operation + ": " + decision;
      if (operation == Operation.CREATE && row.create() == CreateStep.LOOK_UP) {
        assertThat(decision).as(as).isInstanceOf(RetryDecision.Ambiguous.class);
      } else if (row.retry() == Retry.RATE_LIMIT_BACKOFF || row.retry() == Retry.SHORT_BACKOFF) {
        assertThat(decision).as(as).isInstanceOf(RetryDecision.Retry.class);
        assertThat(kind.isTransient()).isTrue();
      } else {
        assertThat(decision).as(as).isInstanceOf(RetryDecision.GiveUp.class);
        assertThat(kind.isTransient()).isFalse();
      }
    }
  }

  @Test
  void aNotFoundForATaskBeingWaitedOnIsRetriedWithGrowingWaitsThenBelieved() {
    assertThat(FailureTable.row(FailureKind.NOT_FOUND).retry()).isEqualTo(Retry.NOT_FOUND_GRACE);
    Duration total = Duration.ZERO;
    Duration previous = Duration.ZERO;
    for (int attempt = 1; attempt <= 5; attempt++) {
      RetryDecision decision = policy.decideTaskNotFound(attempt, FixedRandom.lowest());
      assertThat(decision).as("attempt " + attempt).isInstanceOf(RetryDecision.Retry.class);
      Duration delay = ((RetryDecision.Retry) decision).delay();
      assertThat(delay).isGreaterThanOrEqualTo(previous);
      previous = delay;
      total = total.plus(delay);
    }
    assertThat(total).as("about a minute of grace").isBetween(Duration.ofSeconds(45), Duration.ofSeconds(90));
    assertThat(policy.decideTaskNotFound(6, FixedRandom.lowest())).isInstanceOf(RetryDecision.GiveUp.class)
        .extracting(RetryDecision::reason).asString().contains("believed after 5 retries");
    assertThat(RetryPolicy.never().decideTaskNotFound(1, FixedRandom.lowest())).isInstanceOf(RetryDecision.GiveUp.class);
    assertThatThrownBy(() -> policy.decideTaskNotFound(0, FixedRandom.lowest())).isInstanceOf(IllegalArgumentException.class);
  }
}
