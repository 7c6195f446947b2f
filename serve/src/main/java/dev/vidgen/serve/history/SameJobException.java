package dev.vidgen.serve.history;

import java.util.Objects;

/**
 * {@link TaskHistory#submitOnce} refused a job because the history holds the same job from the last day, not failed:
 * a task, or a create still on its way (or never answered) that may have made one. Nothing was sent.
 */
public final class SameJobException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient HistoryEntry earlier;
  private final String earlierName;

  SameJobException(String message, HistoryEntry earlier) {
    super(Objects.requireNonNull(message, "message == null"));
    this.earlier = Objects.requireNonNull(earlier, "earlier == null");
    this.earlierName = earlier.taskId();
  }

  /** The history's entry of the earlier take (its {@code jobHandle()} resumes a task); null once serialized. */
  public HistoryEntry earlier() {
    return earlier;
  }

  /** The earlier take's task id, or the name of its create's note ({@code unanswered-…}) while no task is known. */
  public String earlierName() {
    return earlierName;
  }
}
