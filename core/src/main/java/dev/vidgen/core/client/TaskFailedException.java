package dev.vidgen.core.client;

import dev.vidgen.core.domain.TaskFailure;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.error.VidgenException;
import java.util.Objects;
import java.util.Optional;

/**
 * The provider finished the task without a video (generation failed, content policy). Carries
 * the handle and the final snapshot with the provider's code and message.
 */
public final class TaskFailedException extends VidgenException {
  private static final long serialVersionUID = 1L;

  private final JobHandle handle;
  private final transient TaskSnapshot snapshot;

  /** A failure of the task behind {@code handle}, as its final status {@code snapshot} tells it. */
  public TaskFailedException(JobHandle handle, TaskSnapshot snapshot) {
    super("task " + handle.taskId() + (JobHandle.UNKNOWN_MODEL.equals(handle.model()) ? "" : " (" + handle.model() + ")")
        + " failed: "
        + snapshot.failureReason().map(TaskFailure::toString).orElse("no reason given")
        + " (see docs/errors.md#task-failed)");
    this.handle = Objects.requireNonNull(handle, "handle == null");
    this.snapshot = snapshot;
  }

  /** The failed job's handle. */
  public JobHandle handle() {
    return handle;
  }

  /**
   * The task's final status, with the provider's code and message in {@link TaskSnapshot#failureReason()};
   * null after deserialization (it is not serialized).
   */
  public TaskSnapshot snapshot() {
    return snapshot;
  }

  /** The task this failure is about: the one of {@link #handle()}. */
  @Override
  public Optional<TaskId> relatedTaskId() {
    return Optional.of(handle.taskId());
  }

  @Override
  public String docsAnchor() {
    return "task-failed";
  }
}
