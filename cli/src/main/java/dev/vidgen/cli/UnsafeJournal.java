package dev.vidgen.cli;

import dev.vidgen.core.files.PrivatePaths;
import dev.vidgen.core.files.SqliteFiles;
import dev.vidgen.journal.jdbc.Journals;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * An SQLite journal another local user could have planted (a symbolic link of theirs at its name or at its side
 * files', a file of theirs in a folder others may write, or a new journal in such a folder), refused before anything
 * is sent, as a data folder that is not this user's alone is: SQLite would follow the link and make the file it leads
 * to, with the batch's task ids and result links in it, where that user chose and with the umask's mode.
 */
final class UnsafeJournal {
  private static final String SQLITE_URL = "jdbc:sqlite:";

  private UnsafeJournal() {}

  /** Throws a usage refusal (exit 2) naming the path, what is wrong and the fix when the journal is unsafe. */
  static void refuse(String location) {
    Optional<Path> file = sqliteFile(location.strip());
    Optional<PrivatePaths.Problem> found = file.flatMap(SqliteFiles::problem);
    if (found.isEmpty()) {
      return;
    }
    PrivatePaths.Problem problem = found.get();
    String ownFolder = "put the journal in a folder of your own: --journal ~/" + file.get().getFileName();
    throw CliException.usage("the journal " + file.get() + " is not safe to use: " + problem.what() + ", so another"
        + " user could read its task ids and result links, or have vidgen make a file where they chose; nothing was"
        + " sent", problem.fix().isEmpty() ? ownFolder : problem.fix() + ", or " + ownFolder);
  }

  /** The file an SQLite journal is kept in: a plain path, or a {@code jdbc:sqlite:} URL's plain path. */
  private static Optional<Path> sqliteFile(String location) {
    String path = location;
    if (location.toLowerCase(Locale.ROOT).startsWith(SQLITE_URL)) {
      path = location.substring(SQLITE_URL.length()).replaceFirst("\\?.*$", "");
      if (path.isEmpty() || path.startsWith(":") || path.startsWith("file:")) {
        return Optional.empty();
      }
    } else if (Journals.isUrl(location)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(path).toAbsolutePath().normalize());
    } catch (InvalidPathException unreadable) {
      return Optional.empty(); // refused as a journal that cannot be used, in the journal's own words
    }
  }
}
