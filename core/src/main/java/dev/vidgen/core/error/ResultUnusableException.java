package dev.vidgen.core.error;

import dev.vidgen.core.domain.TaskId;
import java.util.Objects;
import java.util.Optional;

/**
 * The task completed at the provider, but the video it names cannot be used: its link is not an
 * absolute http(s) URL (such as {@code file:} or {@code ftp:}), or it (or a redirect of it) is on a
 * machine the provider does not fetch from, such as a loopback, private or link-local address, so
 * vidgen never fetches it. Waiting
 * or downloading again reads the same answer; see the task in the provider's dashboard, or generate
 * the video again.
 */
public final class ResultUnusableException extends VidgenException {
  private static final long serialVersionUID = 1L;

  private final TaskId taskId;
  private final String reason;

  /** Task {@code taskId} completed with a result that cannot be used, for {@code reason} (made safe to print). */
  public ResultUnusableException(TaskId taskId, String reason) {
    super("task " + taskId + " is completed, but its result link cannot be used: " + reason
        + " (see docs/errors.md#result-unusable)");
    this.taskId = Objects.requireNonNull(taskId, "taskId == null");
    this.reason = Objects.requireNonNull(reason, "reason == null");
  }

  /** The completed task whose result link cannot be used. */
  public TaskId taskId() {
    return taskId;
  }

  /** Why the result cannot be used, such as the link that is not http(s). */
  public String reason() {
    return reason;
  }

  /** The task this failure is about: {@link #taskId()}. */
  @Override
  public Optional<TaskId> relatedTaskId() {
    return Optional.of(taskId);
  }

  @Override
  public String docsAnchor() {
    return "result-unusable";
  }
}
