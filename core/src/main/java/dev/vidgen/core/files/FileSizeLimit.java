package dev.vidgen.core.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The largest file this process may write (its file-size limit, {@code ulimit -f}), as Linux tells it in
 * {@code /proc/self/limits}; Java has no call that reads it, and other systems tell nothing there.
 */
public final class FileSizeLimit {
  /** Where Linux tells a process its limits. */
  static final Path LIMITS = Path.of("/proc/self/limits");
  private static final String ROW = "Max file size";

  private FileSizeLimit() {}

  /** The most bytes this process may write to one file, when that is known and not unlimited. */
  public static OptionalLong ofThisProcess() {
    return of(LIMITS);
  }

  /** The soft "Max file size" of a limits file as Linux writes it, in bytes; empty when unlimited or unreadable. */
  static OptionalLong of(Path limits) {
    try {
      List<String> lines = Files.readAllLines(limits);
      for (String line : lines) {
        if (line.startsWith(ROW)) {
          String soft = line.substring(ROW.length()).strip().split("\\s+")[0];
          return soft.matches("[0-9]{1,18}") ? OptionalLong.of(Long.parseLong(soft)) : OptionalLong.empty();
        }
      }
    } catch (IOException | RuntimeException unreadable) {
      // Not Linux, or not readable here: the limit is not known, and nothing is said of it.
    }
    return OptionalLong.empty();
  }
}
