package dev.vidgen.cli;

import dev.vidgen.core.client.JobHandle;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * While a command waits for a task, Ctrl-C (or a SIGTERM) ends the progress line and says what
 * became of the task: it still runs on the server, and here is the command that goes on. With
 * {@code --json} that is the command's one JSON object, with {@code "status": "interrupted"}.
 */
final class InterruptNotice implements AutoCloseable {
  private final Thread hook;
  private boolean armed = true;

  private InterruptNotice(JobHandle handle, String resume, AutoCloseable progress, Output output) {
    hook = new Thread(() -> tell(handle, resume, progress, output), "vidgen-interrupted");
  }

  /** Arms the notice for the wait on {@code handle}; closing it disarms it. */
  static InterruptNotice arm(JobHandle handle, String resume, AutoCloseable progress, Output output) {
    InterruptNotice notice = new InterruptNotice(handle, resume, progress, output);
    Runtime.getRuntime().addShutdownHook(notice.hook);
    return notice;
  }

  private void tell(JobHandle handle, String resume, AutoCloseable progress, Output output) {
    synchronized (this) {
      if (!armed) {
        return;
      }
      armed = false;
    }
    try {
      progress.close();
    } catch (Exception e) {
      // The line is ended below anyway.
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("task_id", handle.taskId().value());
    json.put("status", "interrupted");
    json.put("model", handle.model());
    json.put("next", resume);
    output.object(json);
    output.note("interrupted; task " + handle.taskId() + " goes on running on the provider (it was not cancelled)."
        + " Go on with: " + resume);
  }

  @Override
  public void close() {
    synchronized (this) {
      armed = false;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down: the hook has run or is running.
    }
  }
}
