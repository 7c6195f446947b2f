package dev.vidgen.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What to fix in a batch's results folder that took no more writes, the advice that fits the system's reason first:
 * its permissions for a refusal ({@code EPERM}, {@code EACCES}), room for a full disk or quota.
 */
final class ResultsFolderAdvice {
  private ResultsFolderAdvice() {}

  /** "make room in F (or fix its permissions)" for {@code failure}, or the other way round when it was a refusal. */
  static String fix(IOException failure, Path folder) {
    return refused(failure) ? "fix the permissions of " + folder + " (or make room in it)"
        : "make room in " + folder + " (or fix its permissions)";
  }

  private static boolean refused(IOException failure) {
    if (failure instanceof AccessDeniedException) {
      return true;
    }
    String reason = failure instanceof FileSystemException system && system.getReason() != null ? system.getReason()
        : failure == null ? null : failure.getMessage();
    String words = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
    return words.contains("operation not permitted") || words.contains("permission denied")
        || words.contains("read-only file system");
  }
}
