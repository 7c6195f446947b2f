package dev.vidgen.provider.mock;

import dev.vidgen.core.domain.TaskFailure;
import java.time.Duration;

/**
 * How one created task will go.
 *
 * @param duration how long it runs, or null for the provider's duration
 * @param failure why it fails at the end, or null when it completes
 * @param neverFinishes whether it stays in progress for ever
 * @param reportsNoProgress whether its status reads leave the progress number out until it ends, as ToAPIs may
 */
record TaskPlan(Duration duration, TaskFailure failure, boolean neverFinishes, boolean reportsNoProgress) {
  static final TaskPlan COMPLETES = new TaskPlan(null, null, false);
  /** The failure of a task whose prompt holds the text the mock was told to fail; its id says so. */
  static final TaskFailure ON_PURPOSE = new TaskFailure("generation_failed", "mock: failed on purpose");
  static final TaskPlan FAILS_ON_PURPOSE = new TaskPlan(null, ON_PURPOSE, false);

  TaskPlan(Duration duration, TaskFailure failure, boolean neverFinishes) {
    this(duration, failure, neverFinishes, false);
  }

  /** This plan, failing on purpose where it would otherwise complete. */
  TaskPlan failingOnPurpose() {
    return failure != null || neverFinishes ? this : new TaskPlan(duration, ON_PURPOSE, false, reportsNoProgress);
  }

  /** This plan, with status reads that leave the progress number out while the task runs. */
  TaskPlan reportingNoProgress() {
    return new TaskPlan(duration, failure, neverFinishes, true);
  }

  /** Whether the task fails on purpose, which its id records so that another instance fails it too. */
  boolean failsOnPurpose() {
    return ON_PURPOSE.equals(failure) && !neverFinishes;
  }
}
