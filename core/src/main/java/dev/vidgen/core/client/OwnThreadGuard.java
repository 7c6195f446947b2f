package dev.vidgen.core.client;

import dev.vidgen.core.port.VidgenThreads;
import dev.vidgen.core.text.SafeText;

/**
 * Refuses a blocking call made on a thread of vidgen's own stack, before anything is sent. The
 * client's futures complete on those threads, so a stage that waits there holds one of the few the
 * wait itself needs; enough such stages hold them all, and every job of the client then waits out
 * its deadline.
 */
final class OwnThreadGuard {
  private OwnThreadGuard() {}

  /**
   * Throws when the calling thread is vidgen's own, or is in a listener's callback; {@code call} is the blocking method, {@code
   * asyncForm} its non-blocking form (null when it has none), {@code handle} the task it is about (or null).
   */
  static void refuseBlocking(String call, String asyncForm, JobHandle handle) {
    String now = Thread.currentThread().getName();
    VidgenThreads.current().ifPresent(madeAs -> {
      // Named as it is now (OkHttp renames its threads during a call), with the name it was made with when that differs.
      String thread = madeAs.equals(now) ? now : now + " (made as " + madeAs + ")";
      throw new IllegalStateException(message(call, asyncForm, handle, "on vidgen's own thread " + clean(thread)
          + " would hold that thread while the call needs it"));
    });
    if (Events.telling()) {
      // A listener told on the caller's own thread (a provider that answers at once, as the mock does): refused as
      // it is on the threads other providers tell it on, so that a test on such a provider meets the same refusal.
      throw new IllegalStateException(message(call, asyncForm, handle, "in a listener's callback (thread "
          + clean(now) + ") would, with a provider answering on vidgen's own threads, hold such a thread while the"
          + " call needs it"));
    }
  }

  private static String clean(String threadName) {
    return SafeText.clip(SafeText.clean(threadName), 80);
  }

  private static String message(String call, String asyncForm, JobHandle handle, String whereAndWhy) {
    String instead = asyncForm == null
        ? "make it on a thread of yours (an executor of yours, thenApplyAsync(fn, executor))"
        : "use " + asyncForm + " (with thenCompose in a future's stage), or make it on a thread of yours (an"
            + " executor of yours, thenApplyAsync(fn, executor))";
    String task = handle == null ? "" : "; task " + SafeText.clip(SafeText.clean(handle.taskId().value()), 80)
        + " (" + handle.providerId() + ") is not affected and goes on at the provider: its JobHandle (the one"
        + " passed to " + call + ") follows it";
    return "a blocking VidgenClient call (" + call + ") " + whereAndWhy
        + " (a stage of a future the client returned, or a listener, runs there),"
        + " so the call was refused before it sent anything: " + instead + task;
  }
}
