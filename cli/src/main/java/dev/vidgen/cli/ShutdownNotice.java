package dev.vidgen.cli;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Says something once if the JVM shuts down (Ctrl-C, a SIGTERM) before this is closed: a shutdown
 * hook that closing removes. Closing after the JVM began shutting down leaves the hook to finish, and
 * of the notices armed then, only the first hook to run speaks.
 */
final class ShutdownNotice implements AutoCloseable {
  private final Hooks hooks;
  private final Thread hook;
  private boolean armed = true;

  private ShutdownNotice(String name, Runnable tell, Hooks hooks) {
    this.hooks = hooks;
    hook = new Thread(() -> {
      synchronized (this) {
        if (!armed) {
          return;
        }
        armed = false;
      }
      // Two notices may both be armed as the stop comes (the create's, held until the wait's is armed): one speaks.
      if (hooks.claim()) {
        tell.run();
      }
    }, name);
  }

  /** Arms {@code tell} as a shutdown hook named {@code name}; armed while the JVM already shuts down, it does nothing. */
  static ShutdownNotice arm(String name, Runnable tell) {
    return arm(name, tell, Hooks.JVM);
  }

  /** As {@link #arm(String, Runnable)}, on {@code hooks}. */
  static ShutdownNotice arm(String name, Runnable tell, Hooks hooks) {
    ShutdownNotice notice = new ShutdownNotice(name, tell, hooks);
    try {
      hooks.add(notice.hook);
    } catch (IllegalStateException shuttingDown) {
      // Ctrl-C came first: the notice armed before this one says what there is to say.
      notice.armed = false;
    }
    return notice;
  }

  /**
   * Whether the process is stopping (Ctrl-C, a SIGTERM) and a notice has taken over saying so: a
   * command's own failure from the stop (its submit cancelled) is then not reported as well.
   */
  static boolean stopping() {
    return Hooks.JVM.told();
  }

  /** Whether the JVM is shutting down (Ctrl-C, a SIGTERM, or the exit), whether or not a notice spoke yet. */
  static boolean jvmStopping() {
    Thread probe = new Thread(() -> { }, "vidgen-stopping-probe");
    try {
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException shuttingDown) {
      return true;
    }
  }

  @Override
  public void close() {
    try {
      hooks.remove(hook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is shutting down: its hook has started, or is about to, and may be the one that speaks (as the create's
      // notice is for a Ctrl-C that came just before the wait armed its own): it is left to finish.
      return;
    }
    synchronized (this) {
      armed = false;
    }
  }

  /** Where notices hook in: the JVM's shutdown hooks, or a test's stand-in; and whether one of their notices spoke. */
  static class Hooks {
    /** The JVM's shutdown hooks. */
    static final Hooks JVM = new Hooks();
    private final AtomicBoolean told = new AtomicBoolean();

    /**
     * Adds {@code hook}; throws {@link IllegalStateException} when shutting down already. Once added, the notice of a
     * stop during start-up stands down: this one speaks instead.
     */
    void add(Thread hook) {
      StartupNotice.handOver(() -> Runtime.getRuntime().addShutdownHook(hook));
    }

    /** Removes {@code hook}; throws {@link IllegalStateException} once shutting down (its hook then runs). */
    void remove(Thread hook) {
      Runtime.getRuntime().removeShutdownHook(hook);
    }

    /** True for the first notice that would speak, false for every later one. */
    final boolean claim() {
      return told.compareAndSet(false, true);
    }

    /** Whether a notice spoke. */
    final boolean told() {
      return told.get();
    }
  }
}
