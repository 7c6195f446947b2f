package dev.vidgen.core.client;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files one client's {@code generate} calls in flight will write. Two jobs saving to one file
 * would both succeed and leave only the later video, the earlier one paid for and lost, so a second
 * job aiming at a reserved file is refused before anything is sent.
 */
final class TargetReservations {
  private final Set<Path> reserved = ConcurrentHashMap.newKeySet();

  /**
   * Reserves {@code target} until the returned action runs (it may run more than once).
   *
   * @throws IllegalArgumentException when a job in flight on this client reserved the same file
   */
  Runnable reserve(Path target) {
    Path file = key(target);
    if (!reserved.add(file)) {
      throw new IllegalArgumentException("the video cannot be saved to " + file + ": another generate on this"
          + " client is saving its video to that file, and the later video would replace the earlier one; give"
          + " this job another target, or wait until the first job ends (nothing was sent)");
    }
    java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
    return () -> {
      if (released.compareAndSet(false, true)) {
        reserved.remove(file);
      }
    };
  }

  /**
   * The file {@code target} names, absolute and normalized, its folder resolved through links where it
   * exists: {@code clips/../kite.mp4} and a link to the folder name the file {@code kite.mp4} names.
   */
  static Path key(Path target) {
    Path file = target.toAbsolutePath().normalize();
    Path folder = file.getParent();
    if (folder == null || file.getFileName() == null) {
      return file;
    }
    try {
      return folder.toRealPath().resolve(file.getFileName());
    } catch (IOException | SecurityException notThereYet) {
      return file; // a folder still to be made: its path as given is the only name it has
    }
  }
}
