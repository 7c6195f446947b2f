package dev.vidgen.provider.mock;

import dev.vidgen.core.domain.TaskFailure;
import java.time.Duration;

/**
 * How one created task will go.
 *
 * @param duration how long it runs, or null for the provider's duration
 * @param failure why it fails at the end, or null when it completes
 * @param neverFinishes whether it stays in progress for ever
 */
record TaskPlan(Duration duration, TaskFailure failure, boolean neverFinishes) {
  static final TaskPlan COMPLETES = new TaskPlan(null, null, false);
}
