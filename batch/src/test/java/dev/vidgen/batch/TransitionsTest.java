package dev.vidgen.batch;

import static dev.vidgen.batch.journal.JobStore.State.COMPLETED;
import static dev.vidgen.batch.journal.JobStore.State.FAILED;
import static dev.vidgen.batch.journal.JobStore.State.PENDING;
import static dev.vidgen.batch.journal.JobStore.State.SUBMITTED;
import static dev.vidgen.batch.journal.JobStore.State.SUBMITTING;
import static dev.vidgen.batch.journal.JobStore.State.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TransitionsTest {
  @Test
  void followsTheWayOfAJob() {
    assertThat(Transitions.allowed(PENDING, SUBMITTING)).isTrue();
    assertThat(Transitions.allowed(SUBMITTING, SUBMITTED)).isTrue();
    assertThat(Transitions.allowed(SUBMITTED, COMPLETED)).isTrue();
    assertThat(Transitions.allowed(SUBMITTED, FAILED)).isTrue();
  }

  @Test
  void neverSkipsTheSubmittingRecordBeforeACreate() {
    assertThat(Transitions.allowed(PENDING, SUBMITTED)).isFalse();
    assertThat(Transitions.allowed(PENDING, COMPLETED)).isFalse();
  }

  @Test
  void letsAnInterruptedCreateEndAsUnknownOrGoBackOnlyWhenSurelyNotCreated() {
    assertThat(Transitions.allowed(SUBMITTING, UNKNOWN)).isTrue();
    assertThat(Transitions.allowed(SUBMITTING, PENDING)).isTrue();
    assertThat(Transitions.allowed(UNKNOWN, PENDING)).isTrue();
    assertThat(Transitions.allowed(UNKNOWN, SUBMITTING)).isFalse();
    assertThat(Transitions.allowed(SUBMITTED, PENDING)).as("a task id is never dropped").isFalse();
    assertThat(Transitions.allowed(SUBMITTED, UNKNOWN)).isFalse();
  }

  @Test
  void keepsFinalStatesFinal() {
    for (State next : State.values()) {
      assertThat(Transitions.allowed(COMPLETED, next)).as("completed → %s", next).isFalse();
      assertThat(Transitions.allowed(FAILED, next)).as("failed → %s", next).isFalse();
    }
    assertThatThrownBy(() -> Transitions.require("job-7", COMPLETED, SUBMITTING))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("job job-7 cannot move from completed to submitting");
  }

  @Test
  void aFailedJobGoesBackToPendingOnlyWhenItNeverHadATask() {
    Entry refused = failed(null);
    Entry charged = failed("task-9");

    assertThat(Transitions.allowed(refused, PENDING)).as("nothing was created: --retry-failed").isTrue();
    assertThat(Transitions.allowed(refused, SUBMITTING)).as("only back to pending").isFalse();
    assertThat(Transitions.allowed(charged, PENDING)).as("its task may have been charged").isFalse();
    assertThatThrownBy(() -> Transitions.require(charged, PENDING))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("job job-7 cannot move from failed (task task-9) to pending");
  }

  private static Entry failed(String taskId) {
    return Entry.pending("jobs.jsonl", "job-7", 1, "fp", "m", "job-7.mp4", null, Instant.EPOCH).toBuilder()
        .state(FAILED).attempts(1).taskId(taskId).reason("rejected", "refused").build();
  }
}
