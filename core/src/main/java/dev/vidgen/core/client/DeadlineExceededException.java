package dev.vidgen.core.client;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.error.VidgenException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The deadline passed before the task finished. The task may still complete: wait again with
 * the handle (its {@link JobHandle#encode()} form, or the task id) later.
 */
public final class DeadlineExceededException extends VidgenException {
  private static final long serialVersionUID = 1L;

  private final JobHandle handle;
  private final transient TaskSnapshot lastSnapshot;

  /**
   * A wait for {@code handle} that ended after {@code waited}; {@code lastSnapshot} is the last status
   * seen, or null when none was read.
   */
  public DeadlineExceededException(JobHandle handle, TaskSnapshot lastSnapshot, Duration waited) {
    super("task " + handle.taskId() + " (" + handle.model() + ") not finished after "
        + waited.toSeconds() + " s" + (lastSnapshot == null ? "" : "; last status " + lastSnapshot.rawStatus()
        + lastSnapshot.percent().stream().mapToObj(p -> " " + p + "%").findFirst().orElse(""))
        + "; resume with its task id (see docs/errors.md#deadline-exceeded)");
    this.handle = Objects.requireNonNull(handle, "handle == null");
    this.lastSnapshot = lastSnapshot;
  }

  /** The handle to wait on again; the task may still complete. */
  public JobHandle handle() {
    return handle;
  }

  /** The last status seen, or null when none was read. */
  public TaskSnapshot lastSnapshot() {
    return lastSnapshot;
  }

  /** The task this failure is about: the one of {@link #handle()}. */
  @Override
  public Optional<TaskId> relatedTaskId() {
    return Optional.of(handle.taskId());
  }

  @Override
  public String docsAnchor() {
    return "deadline-exceeded";
  }
}
