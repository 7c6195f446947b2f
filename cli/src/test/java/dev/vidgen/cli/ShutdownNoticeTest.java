package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Which notice speaks when the process stops, driven on stand-in hooks: the JVM's own cannot be shut down in a test.
 * A stop starts the hooks added by then; each is run here on the test's thread, after what the command did meanwhile.
 */
class ShutdownNoticeTest {
  private final StandInHooks hooks = new StandInHooks();
  private final List<String> said = new CopyOnWriteArrayList<>();

  @Test
  void aStopJustBeforeTheWaitArmsItsNoticeIsSaidByTheCreatesNoticeThatTheWaitReleases() {
    ShutdownNotice create = ShutdownNotice.arm("vidgen-interrupted-create", () -> said.add("create"), hooks);
    List<Thread> started = hooks.stop(); // Ctrl-C: the create was answered, the wait not armed yet
    ShutdownNotice waiting = ShutdownNotice.arm("vidgen-interrupted", () -> said.add("wait"), hooks);
    create.close(); // the command goes on: the wait's notice takes over from the create's
    waiting.close();

    started.forEach(Thread::run);

    assertThat(said).containsExactly("create");
  }

  @Test
  void aStopWhileBothNoticesAreArmedIsSaidOnce() {
    ShutdownNotice create = ShutdownNotice.arm("vidgen-interrupted-create", () -> said.add("create"), hooks);
    ShutdownNotice waiting = ShutdownNotice.arm("vidgen-interrupted", () -> said.add("wait"), hooks);
    List<Thread> started = hooks.stop();
    create.close();

    started.forEach(Thread::run);
    waiting.close();

    assertThat(said).hasSize(1);
    assertThat(hooks.claim()).as("a notice has spoken").isFalse();
  }

  @Test
  void aNoticeClosedBeforeTheStopSaysNothing() {
    ShutdownNotice create = ShutdownNotice.arm("vidgen-interrupted-create", () -> said.add("create"), hooks);
    ShutdownNotice waiting = ShutdownNotice.arm("vidgen-interrupted", () -> said.add("wait"), hooks);
    create.close();
    List<Thread> started = hooks.stop();

    started.forEach(Thread::run);
    waiting.close();

    assertThat(said).containsExactly("wait");
  }

  /** Hooks as the JVM keeps them: added and removed until the stop, which starts those added and refuses changes. */
  private static final class StandInHooks extends ShutdownNotice.Hooks {
    private final List<Thread> added = new ArrayList<>();
    private boolean stopping;

    @Override
    synchronized void add(Thread hook) {
      if (stopping) {
        throw new IllegalStateException("Shutdown in progress");
      }
      added.add(hook);
    }

    @Override
    synchronized void remove(Thread hook) {
      if (stopping) {
        throw new IllegalStateException("Shutdown in progress");
      }
      added.remove(hook);
    }

    /** The stop: from now on hooks are neither added nor removed; returns those it starts. */
    synchronized List<Thread> stop() {
      stopping = true;
      return List.copyOf(added);
    }
  }
}
