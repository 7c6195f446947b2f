package dev.vidgen.testkit.assertj;

import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.TaskStatus;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a {@link TaskSnapshot}. */
public final class TaskSnapshotAssert extends AbstractAssert<TaskSnapshotAssert, TaskSnapshot> {
  TaskSnapshotAssert(TaskSnapshot actual) {
    super(actual, TaskSnapshotAssert.class);
  }

  public TaskSnapshotAssert hasTaskId(String taskId) {
    isNotNull();
    if (!actual.taskId().value().equals(taskId)) {
      failWithMessage("expected task %s but got %s", taskId, actual.taskId());
    }
    return this;
  }

  public TaskSnapshotAssert hasStatus(TaskStatus status) {
    isNotNull();
    if (actual.status() != status) {
      failWithMessage("expected task %s to be %s but it is %s%s", actual.taskId(), status.id(),
          actual.status().id(), actual.failure() == null ? "" : " (" + actual.failure() + ")");
    }
    return this;
  }

  public TaskSnapshotAssert isQueued() {
    return hasStatus(TaskStatus.QUEUED);
  }

  public TaskSnapshotAssert isInProgress() {
    return hasStatus(TaskStatus.IN_PROGRESS);
  }

  /** Completed, with a video. */
  public TaskSnapshotAssert isCompleted() {
    hasStatus(TaskStatus.COMPLETED);
    if (actual.video() == null) {
      failWithMessage("expected completed task %s to carry a video", actual.taskId());
    }
    return this;
  }

  /** Failed, with a reason. */
  public TaskSnapshotAssert isFailed() {
    hasStatus(TaskStatus.FAILED);
    if (actual.failure() == null) {
      failWithMessage("expected failed task %s to carry a reason", actual.taskId());
    }
    return this;
  }

  public TaskSnapshotAssert isTerminal() {
    isNotNull();
    if (!actual.status().isTerminal()) {
      failWithMessage("expected task %s to be finished but it is %s", actual.taskId(), actual.status().id());
    }
    return this;
  }

  public TaskSnapshotAssert isNotTerminal() {
    isNotNull();
    if (actual.status().isTerminal()) {
      failWithMessage("expected task %s to be pending but it is %s", actual.taskId(), actual.status().id());
    }
    return this;
  }

  public TaskSnapshotAssert hasProgress(int percent) {
    isNotNull();
    if (actual.progress() == null || actual.progress() != percent) {
      failWithMessage("expected progress %s%% but got %s", percent, actual.progress());
    }
    return this;
  }

  /** Completed, with a video of this format (such as {@code mp4}). */
  public TaskSnapshotAssert hasVideoFormat(String format) {
    isCompleted();
    if (!actual.video().format().equalsIgnoreCase(format)) {
      failWithMessage("expected a %s video but got %s", format, actual.video().format());
    }
    return this;
  }

  /** Failed with this code. */
  public TaskSnapshotAssert hasFailureCode(String code) {
    isFailed();
    if (!actual.failure().code().equals(code)) {
      failWithMessage("expected failure code %s but got %s", code, actual.failure());
    }
    return this;
  }

  /** Failed with this code and a message containing {@code messagePart}. */
  public TaskSnapshotAssert hasFailure(String code, String messagePart) {
    hasFailureCode(code);
    if (!actual.failure().message().contains(messagePart)) {
      failWithMessage("expected the failure message to contain <%s> but got <%s>", messagePart,
          actual.failure().message());
    }
    return this;
  }
}
