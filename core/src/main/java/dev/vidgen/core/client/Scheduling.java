package dev.vidgen.core.client;

import java.time.Duration;
import java.time.Instant;

/** Time for the client's loops: what time it is, and running a task later without a thread per wait. */
interface Scheduling {

  /** The current instant. */
  Instant now();

  /** Runs {@code task} after {@code delay}; the returned handle cancels it. */
  Cancellable after(Duration delay, Runnable task);

  /** A scheduled task that may still be stopped. */
  @FunctionalInterface
  interface Cancellable {
    Cancellable NONE = () -> {};

    void cancel();
  }
}
