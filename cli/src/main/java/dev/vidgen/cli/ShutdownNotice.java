package dev.vidgen.cli;

/**
 * Says something once if the JVM shuts down (Ctrl-C, a SIGTERM) before this is closed: a shutdown
 * hook that closing removes. Closing after the hook has started leaves it to finish.
 */
final class ShutdownNotice implements AutoCloseable {
  /** Whether some notice's hook has run: the process is stopping and that notice says what there is to say. */
  private static volatile boolean told;
  private final Thread hook;
  private boolean armed = true;

  private ShutdownNotice(String name, Runnable tell) {
    hook = new Thread(() -> {
      synchronized (this) {
        if (!armed) {
          return;
        }
        armed = false;
      }
      told = true;
      tell.run();
    }, name);
  }

  /** Arms {@code tell} as a shutdown hook named {@code name}; armed while the JVM already shuts down, it does nothing. */
  static ShutdownNotice arm(String name, Runnable tell) {
    ShutdownNotice notice = new ShutdownNotice(name, tell);
    try {
      Runtime.getRuntime().addShutdownHook(notice.hook);
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
    return told;
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
