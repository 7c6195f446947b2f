package dev.vidgen.core.port;

import dev.vidgen.core.concurrent.DaemonThreads;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;

/**
 * Marks the threads of vidgen's own stack (a provider's HTTP threads, the client's scheduler and
 * download threads), on which the client's futures complete. A provider makes every thread it
 * completes futures on through {@link #named} or {@link #marking}, so that a blocking {@code
 * VidgenClient} call made on one fails at once instead of holding a thread the call itself needs.
 */
public final class VidgenThreads {
  /** The name a marked thread was made with, set for its whole life: it runs the factory's task inside {@link #marking}. */
  private static final ThreadLocal<String> MADE_AS = new ThreadLocal<>();

  private VidgenThreads() {}

  /** Daemon threads named {@code prefix-1}, {@code prefix-2}, …, marked as vidgen's own. */
  public static ThreadFactory named(String prefix) {
    return marking(DaemonThreads.named(prefix));
  }

  /** The threads of {@code threads} (their names and settings kept), marked as vidgen's own. */
  public static ThreadFactory marking(ThreadFactory threads) {
    Objects.requireNonNull(threads, "threads == null");
    return task -> threads.newThread(() -> {
      MADE_AS.set(Thread.currentThread().getName());
      task.run();
    });
  }

  /**
   * The name the calling thread was made with when {@link #named} or {@link #marking} made it (an
   * HTTP client may rename it while a call runs, as OkHttp does); empty for any other thread.
   */
  public static Optional<String> current() {
    return Optional.ofNullable(MADE_AS.get());
  }
}
