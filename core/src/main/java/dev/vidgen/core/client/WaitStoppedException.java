package dev.vidgen.core.client;

import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * A {@code generate} whose task was already created stopped before its video was saved: the client
 * was closed, the calling thread interrupted, or the future of {@code generateAsync} cancelled. The task goes on at the provider and is paid for;
 * {@link #handle()} finds it again ({@code resume(handle().encode())}, then await and download).
 */
public final class WaitStoppedException extends CancellationException {
  private static final long serialVersionUID = 1L;
  private final JobHandle handle;

  /** A stopped generate of the task {@code handle} names, stopped because {@code why} (such as "the client was closed"). */
  public WaitStoppedException(JobHandle handle, String why) {
    super("task " + Objects.requireNonNull(handle, "handle == null").taskId() + " (" + handle.model()
        + ") was created and is paid for, but waiting for it stopped: " + why + "; it goes on at the provider:"
        + " resume it with its handle " + handle.encode());
    this.handle = handle;
  }

  /** The task that was created. */
  public JobHandle handle() {
    return handle;
  }
}
