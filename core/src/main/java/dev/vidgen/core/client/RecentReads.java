package dev.vidgen.core.client;

import dev.vidgen.core.domain.TaskId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * When a client's one-off status reads ({@code status}, {@code statusAsync}) of its latest tasks
 * answered, so that a wait begun right after one does not read the task again at once
 * ({@code vidgen wait} read a task twice 0.1 s apart). Keeps the {@value #KEPT} tasks read last.
 * Thread-safe.
 */
final class RecentReads {
  static final int KEPT = 64;

  private final Map<TaskId, Instant> answeredAt = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<TaskId, Instant> eldest) {
      return size() > KEPT;
    }
  };

  /** Notes that a read of {@code task} answered at {@code at}. */
  synchronized void answered(TaskId task, Instant at) {
    answeredAt.put(task, at);
  }

  /** When the last read of {@code task} noted here answered; empty when none is kept. */
  synchronized Optional<Instant> lastAnswered(TaskId task) {
    return Optional.ofNullable(answeredAt.get(task));
  }
}
