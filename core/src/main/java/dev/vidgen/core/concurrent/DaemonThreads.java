package dev.vidgen.core.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes named daemon threads ({@code prefix-1}, {@code prefix-2}, …) that never hold the JVM
 * open; the one thread factory every vidgen module uses.
 */
public final class DaemonThreads implements ThreadFactory {
  private final String prefix;
  private final AtomicInteger count = new AtomicInteger();

  private DaemonThreads(String prefix) {
    this.prefix = prefix;
  }

  /** A factory whose threads are called {@code prefix-N}. */
  public static DaemonThreads named(String prefix) {
    if (prefix == null || prefix.isBlank()) {
      throw new IllegalArgumentException("a thread name prefix is needed");
    }
    return new DaemonThreads(prefix);
  }

  @Override
  public Thread newThread(Runnable task) {
    Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  }
}
