package dev.vidgen.cli;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenListener;
import dev.vidgen.core.domain.TaskSnapshot;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A note about a task that depends on what the provider answers for it, given once, after the command's own first
 * read of the task: so that the note sends no read of its own, and a failed read is not made twice.
 */
final class LaterHint {
  /** No note to give. */
  static final LaterHint NONE = new LaterHint(answer -> { });

  private final Consumer<Optional<TaskSnapshot>> say;
  private final AtomicBoolean given = new AtomicBoolean();

  LaterHint(Consumer<Optional<TaskSnapshot>> say) {
    this.say = say;
  }

  /** Gives the note with the task's {@code answer}, or empty when the read failed; only the first call says it. */
  void give(Optional<TaskSnapshot> answer) {
    if (given.compareAndSet(false, true)) {
      say.accept(answer);
    }
  }

  /** A listener that gives the note with the first answer a status read of {@code handle}'s task brings. */
  VidgenListener onFirstRead(JobHandle handle) {
    return new VidgenListener() {
      @Override
      public void onPolled(JobHandle polled, TaskSnapshot snapshot) {
        if (polled.taskId().equals(handle.taskId())) {
          give(Optional.of(snapshot));
        }
      }
    };
  }
}
