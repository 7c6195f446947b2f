package dev.vidgen.cli;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.domain.TaskStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * While a command waits for a task, Ctrl-C (or a SIGTERM) ends the progress line and says what
 * became of the task: it still runs on the server, and here is the command that goes on. With
 * {@code --json} that is the command's one JSON object, with {@code "status": "interrupted"}.
 */
final class InterruptNotice {
  private InterruptNotice() {}

  /**
   * Arms the notice for the wait on {@code handle}, which tells what the wait last saw of the task
   * ({@code lastSeen}: empty before the first status read answered); closing it disarms it.
   */
  static ShutdownNotice arm(JobHandle handle, String resume, AutoCloseable progress,
      Supplier<Optional<TaskStatus>> lastSeen, Output output) {
    return ShutdownNotice.arm("vidgen-interrupted", () -> {
      try {
        progress.close();
      } catch (Exception e) {
        // The line is ended below anyway.
      }
      Optional<TaskStatus> seen = lastSeen.get();
      if (seen.isEmpty()) {
        output.object(interrupted(handle, resume));
        output.note("interrupted before the status of task " + handle.taskId() + " was read; it was not cancelled,"
            + " and nothing changed at the provider. Go on with: " + resume);
      } else if (seen.get() == TaskStatus.COMPLETED) {
        output.object(interrupted(handle, resume));
        output.note("interrupted; task " + handle.taskId() + " has completed, and its video was not saved. Save it"
            + " with: " + resume);
      } else {
        tell(handle, resume, output);
      }
    });
  }

  /**
   * Arms the notice for a status read of the task of {@code handle}: interrupted, it says that the read
   * changed nothing at the provider, what else was not done ({@code left}, such as that no file was
   * written; empty for nothing) and {@code again}, the command to run again.
   */
  static ShutdownNotice armRead(JobHandle handle, String left, String again, Output output) {
    return ShutdownNotice.arm("vidgen-interrupted-read", () -> {
      output.object(interrupted(handle, again));
      output.note("interrupted while reading the status of task " + handle.taskId() + "; nothing changed at the"
          + " provider" + left + ". Run it again with: " + again);
    });
  }

  /** Ctrl-C while the video of a completed task is saved: the task's video is still to fetch. */
  static void tellSaving(JobHandle handle, String saveAgain, boolean toStdout, Output output) {
    output.object(interrupted(handle, saveAgain));
    output.note("interrupted while saving the video of task " + handle.taskId() + ", which completed; "
        + (toStdout ? "part of it may already be on standard output" : "nothing half-written was left under its name")
        + ". Save it with: " + saveAgain);
  }

  /** Says that the task of {@code handle} goes on running, and how to go on (with {@code --json}, as the one object). */
  static void tell(JobHandle handle, String resume, Output output) {
    output.object(interrupted(handle, resume));
    output.note("interrupted; task " + handle.taskId() + " goes on running on the provider (it was not cancelled)."
        + " Go on with: " + resume);
  }

  /** The one JSON object of an interrupted command about the task of {@code handle}, with the way on. */
  private static Map<String, Object> interrupted(JobHandle handle, String next) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("task_id", handle.taskId().value());
    json.put("status", "interrupted");
    json.put("model", handle.model());
    json.put("next", next);
    json.put("next_command", next); // always a command here: the same, in the field every --json document has for it
    return json;
  }
}
