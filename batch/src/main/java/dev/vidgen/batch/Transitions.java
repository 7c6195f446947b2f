package dev.vidgen.batch;

import static dev.vidgen.batch.journal.JobStore.State.COMPLETED;
import static dev.vidgen.batch.journal.JobStore.State.DROPPED;
import static dev.vidgen.batch.journal.JobStore.State.FAILED;
import static dev.vidgen.batch.journal.JobStore.State.PENDING;
import static dev.vidgen.batch.journal.JobStore.State.SUBMITTED;
import static dev.vidgen.batch.journal.JobStore.State.SUBMITTING;
import static dev.vidgen.batch.journal.JobStore.State.UNKNOWN;

import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The moves a batch job may make: pending → submitting → submitted → completed or failed; a
 * create that was surely not received goes back to pending; one that may have been becomes
 * unknown, which only a deliberate resubmit turns back into pending. Final states stay final, but for
 * one: a job that failed before any task existed goes back to pending when retried on purpose.
 */
final class Transitions {
  private static final Map<State, Set<State>> NEXT = new EnumMap<>(State.class);

  static {
    NEXT.put(PENDING, EnumSet.of(PENDING, SUBMITTING, FAILED));
    NEXT.put(SUBMITTING, EnumSet.of(SUBMITTING, SUBMITTED, PENDING, FAILED, UNKNOWN));
    NEXT.put(SUBMITTED, EnumSet.of(SUBMITTED, COMPLETED, FAILED));
    NEXT.put(UNKNOWN, EnumSet.of(PENDING));
    NEXT.put(COMPLETED, EnumSet.noneOf(State.class));
    NEXT.put(FAILED, EnumSet.noneOf(State.class));
    // Dropped and brought back by the journal itself (JobStore.followFile), never by a job's run.
    NEXT.put(DROPPED, EnumSet.noneOf(State.class));
  }

  private Transitions() {}

  /** Whether a job in {@code from} may move to {@code to} (staying put counts for states that are not final). */
  static boolean allowed(State from, State to) {
    return NEXT.get(from).contains(to);
  }

  /**
   * Whether {@code entry} may move to {@code to}: as its state allows, or back to pending from failed
   * when it failed before any task existed ({@code --retry-failed}; nothing was created, so nothing is paid twice).
   */
  static boolean allowed(Entry entry, State to) {
    return allowed(entry.state(), to) || to == PENDING && entry.failedWithoutTask();
  }

  /**
   * Checks a move of {@code entry}, as {@link #allowed(Entry, State)} says.
   *
   * @throws IllegalStateException naming both states (and the task, when the job has one) when not allowed
   */
  static void require(Entry entry, State to) {
    if (!allowed(entry, to)) {
      throw new IllegalStateException("job " + entry.key() + " cannot move from " + entry.state().id()
          + (entry.taskId() == null ? "" : " (task " + entry.taskId() + ")") + " to " + to.id());
    }
  }

  /**
   * Checks a move.
   *
   * @throws IllegalStateException naming both states when the move is not allowed
   */
  static void require(String key, State from, State to) {
    if (!allowed(from, to)) {
      throw new IllegalStateException("job " + key + " cannot move from " + from.id() + " to " + to.id());
    }
  }
}
