package dev.vidgen.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Says what a read waits for when a pipe or another special file named on the command line (a FIFO, {@code <(…)})
 * has not been read to its end after a while: a pipe with no writer blocks without a word otherwise. A regular file
 * arms nothing; a pipe read in time prints nothing.
 */
final class SlowReadNotice implements AutoCloseable {
  /** How long a read may take before the notice is printed. */
  static final Duration AFTER = Duration.ofSeconds(2);

  private final CompletableFuture<Void> pending;

  private SlowReadNotice(CompletableFuture<Void> pending) {
    this.pending = pending;
  }

  /**
   * Arms the notice for reading {@code files}, named to people as {@code what} (such as "--prompt-file p.fifo"):
   * {@code note} gets it once {@code after} has passed, unless the read ended first (this is closed).
   */
  static SlowReadNotice arm(List<Path> files, String what, Consumer<String> note, Duration after) {
    if (files.stream().allMatch(file -> Files.isRegularFile(file) || !Files.exists(file))) {
      return new SlowReadNotice(null);
    }
    CompletableFuture<Void> pending = new CompletableFuture<>();
    CompletableFuture.runAsync(() -> {
      if (pending.complete(null)) {
        note.accept("still waiting to read " + what + ", which is a pipe or another special file, not a regular"
            + " file: nothing has written it to its end yet (a pipe with no writer waits for one); write to it from"
            + " another shell, or press Ctrl-C to stop");
      }
    }, CompletableFuture.delayedExecutor(after.toMillis(), TimeUnit.MILLISECONDS));
    return new SlowReadNotice(pending);
  }

  /** Ends the wait: the notice, not printed yet, is not printed any more. */
  @Override
  public void close() {
    if (pending != null) {
      pending.cancel(false);
    }
  }
}
