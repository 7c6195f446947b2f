package dev.vidgen.core.client;

import dev.vidgen.core.domain.TaskSnapshot;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * A {@code generate} whose task was already created stopped before its video was saved: the client
 * was closed, the calling thread interrupted, or the future of {@code generateAsync} cancelled (a blocking {@code
 * await} or {@code download} whose thread was interrupted ends so too). The task goes on at the provider and is paid for;
 * {@link #handle()} finds it again ({@code resume(handle().encode())}, then await and download). When the task had
 * completed and its download was what stopped ({@link #duringDownload()}), only the download is left to do.
 */
public final class WaitStoppedException extends CancellationException {
  private static final long serialVersionUID = 1L;
  private final JobHandle handle;
  private final boolean duringDownload;

  /** A stopped generate of the task {@code handle} names, stopped because {@code why} (such as "the client was closed"). */
  public WaitStoppedException(JobHandle handle, String why) {
    super("task " + Objects.requireNonNull(handle, "handle == null").taskId() + " (" + handle.model()
        + ") was created and is paid for, but waiting for it stopped: " + why + "; it goes on at the provider:"
        + " resume it with its handle " + handle.encode());
    this.handle = handle;
    this.duringDownload = false;
  }

  private WaitStoppedException(JobHandle handle, String message, boolean duringDownload) {
    super(message);
    this.handle = handle;
    this.duringDownload = duringDownload;
  }

  /**
   * A generate stopped because {@code why} while it downloaded the video of {@code completed}, the finished task
   * {@code handle} names: nothing goes on at the provider, and the video can be downloaded again while its link lasts.
   */
  static WaitStoppedException downloadStopped(JobHandle handle, TaskSnapshot completed, String why) {
    Objects.requireNonNull(handle, "handle == null");
    String until = completed == null || completed.result().isEmpty() ? ""
        : completed.result().get().expiry().map(expiry -> " (until " + expiry + ")").orElse("");
    return new WaitStoppedException(handle, "task " + handle.taskId() + " (" + handle.model() + ") completed and is"
        + " paid for, but its download stopped: " + why + "; the video was not saved. Download it again while its"
        + " link lasts" + until + ": download(handle, status(handle), target), with handle() or resume of its handle "
        + handle.encode(), true);
  }

  /** The task that was created. */
  public JobHandle handle() {
    return handle;
  }

  /**
   * Whether the task had completed and its download was what stopped: download it again ({@code download(handle(),
   * status(handle()), target)}) while its link lasts, rather than wait for it.
   */
  public boolean duringDownload() {
    return duringDownload;
  }
}
