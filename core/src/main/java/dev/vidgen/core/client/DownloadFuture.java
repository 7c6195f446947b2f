package dev.vidgen.core.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * The future of one download, which removes the part file being written before it ends from outside (a cancel,
 * an interrupted {@code download}, a close, an {@code orTimeout}): the copy on its download thread may be blocked
 * in a read until the next bytes come, and the caller told "stopped" must find no part file by then.
 */
final class DownloadFuture extends CompletableFuture<Path> {
  /** Whether the download was stopped from outside: no part file is made, kept or renamed from then on. */
  private boolean stopped;
  /** The part file the copy writes now; null between tries. */
  private Path part;

  /**
   * Makes the part file with {@code open} for the copy, unless the download was stopped: then none is made and
   * the copy ends with a {@link CancellationException}. Holds off a stop while the file is being made.
   */
  synchronized <P> P openPart(java.util.function.Supplier<P> open, java.util.function.Function<P, Path> path) {
    if (stopped) {
      throw new CancellationException("the download was stopped before its part file was made");
    }
    P opened = open.get();
    part = path.apply(opened);
    return opened;
  }

  /** Whether the download was stopped from outside. */
  synchronized boolean stopped() {
    return stopped || isDone();
  }

  /** Stops the download: its part file is deleted now, whatever its copy is waiting for. */
  synchronized void stopWriting() {
    stopped = true;
    if (part != null) {
      try {
        Files.deleteIfExists(part);
      } catch (IOException e) {
        part.toFile().deleteOnExit();
      }
      part = null;
    }
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    if (!isDone()) {
      stopWriting();
    }
    return super.cancel(mayInterruptIfRunning);
  }

  @Override
  public boolean completeExceptionally(Throwable failure) {
    if (!isDone()) {
      stopWriting();
    }
    return super.completeExceptionally(failure);
  }

  /** A step that renames the finished part file into place. */
  interface Rename {
    void run() throws IOException;
  }

  /**
   * Renames the finished part into place with {@code rename}, unless the download was stopped: then it ends with
   * a {@link CancellationException} (the part is deleted by the copy). A stop waits for a rename under way, so
   * that a stopped download never leaves its video under the target's name after the caller was told.
   */
  synchronized void renameInPlace(String whatStopped, Rename rename) throws IOException {
    if (stopped()) {
      throw new CancellationException(whatStopped);
    }
    rename.run();
    part = null;
  }
}
