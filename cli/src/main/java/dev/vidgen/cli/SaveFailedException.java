package dev.vidgen.cli;

import dev.vidgen.core.domain.TaskSnapshot;
import java.util.Objects;

/**
 * A task completed but its video was not saved. Keeps what a later {@code vidgen download} needs:
 * the completed snapshot (status and link) and the command that finishes the job.
 */
final class SaveFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient TaskSnapshot snapshot;
  private final String command;

  SaveFailedException(RuntimeException cause, TaskSnapshot snapshot, String command) {
    super(cause.getMessage(), Objects.requireNonNull(cause, "cause == null"));
    this.snapshot = Objects.requireNonNull(snapshot, "snapshot == null");
    this.command = Objects.requireNonNull(command, "command == null");
  }

  /** The completed task, with its video link. */
  TaskSnapshot snapshot() {
    return snapshot;
  }

  /** The {@code vidgen download} command that saves the video, shell-quoted. */
  String command() {
    return command;
  }
}
