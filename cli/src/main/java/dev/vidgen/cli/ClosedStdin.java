package dev.vidgen.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether this process was started with standard input closed ({@code <&-}): the JVM's own first open
 * file then takes descriptor 0, so reading stdin would read the JDK's module image or a jar of this
 * program. Told by where {@code /proc/self/fd/0} leads; false where that cannot be read.
 */
final class ClosedStdin {
  private ClosedStdin() {}

  /** Whether descriptor 0 is one of the files the JVM itself opened, not what the caller gave. */
  static boolean now() {
    Path fd0 = Path.of("/proc/self/fd/0");
    try {
      if (!Files.isSymbolicLink(fd0)) {
        return false;
      }
      Path target = Files.readSymbolicLink(fd0);
      return isOwnFile(target, Path.of(System.getProperty("java.home")), classPath());
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Whether {@code target} lies in the JDK at {@code javaHome} or is one of the jars of {@code classPath}
   * (a folder on it is no sign: a prompt file may well lie in the current one).
   */
  static boolean isOwnFile(Path target, Path javaHome, List<Path> classPath) {
    Path file = target.toAbsolutePath().normalize();
    if (file.startsWith(javaHome.toAbsolutePath().normalize())) {
      return true;
    }
    return classPath.stream().map(entry -> entry.toAbsolutePath().normalize()).anyMatch(file::equals);
  }

  private static List<Path> classPath() {
    List<Path> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        entries.add(Path.of(entry));
      }
    }
    return entries;
  }
}
