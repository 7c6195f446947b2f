package dev.vidgen.batch;

import static dev.vidgen.batch.journal.JobStore.State.COMPLETED;
import static dev.vidgen.batch.journal.JobStore.State.DROPPED;
import static dev.vidgen.batch.journal.JobStore.State.FAILED;
import static dev.vidgen.batch.journal.JobStore.State.PENDING;
import static dev.vidgen.batch.journal.JobStore.State.SUBMITTED;
import static dev.vidgen.batch.journal.JobStore.State.SUBMITTING;
import static dev.vidgen.batch.journal.JobStore.State.UNKNOWN;

import dev.vidgen.batch.journal.JobStore.State;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The moves a batch job may make: pending → submitting → submitted → completed or failed; a
 * create that was surely not received goes back to pending; one that may have been becomes
 * unknown, which only a deliberate resubmit turns back into pending. Final states stay final.
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
