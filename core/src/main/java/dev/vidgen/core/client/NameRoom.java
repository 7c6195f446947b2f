package dev.vidgen.core.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Whether the names a save makes fit the file system: the video's file, the longer temporary part it is written to
 * first, the folders still to be made, and the part's whole path. Names are tried by making (and deleting) a file of
 * the same name inside a fresh folder of this check's own in the nearest existing folder, paths by asking for one, so
 * no limit is guessed and no path the save (or another job saving beside it) will use is ever written.
 */
final class NameRoom {
  private NameRoom() {}

  /** Why a video could not be saved at {@code target} because a name or the path is too long; empty when it fits. */
  static Optional<String> problem(Path target) {
    Path file = target.toAbsolutePath().normalize();
    Path folder = file.getParent();
    if (folder == null || file.getFileName() == null) {
      return Optional.empty();
    }
    Path existing = folder;
    while (existing != null && !Files.isDirectory(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return Optional.empty();
    }
    try (NameProbes probes = NameProbes.in(existing)) {
      return problem(file, folder, existing, probes);
    }
  }

  private static Optional<String> problem(Path file, Path folder, Path existing, NameProbes probes) {
    for (Path on = folder; !on.equals(existing); on = on.getParent()) {
      String name = on.getFileName().toString();
      OptionalInt longest = longestNameBelow(probes, name);
      if (longest.isPresent()) {
        return Optional.of("the folder name " + name + " on its way is " + bytes(name) + " bytes, more than the "
            + longest.getAsInt() + " bytes a name may have in " + existing + "; give a shorter folder name");
      }
    }
    String name = file.getFileName().toString();
    String part = PartNames.longest(name);
    OptionalInt longest = longestNameBelow(probes, part);
    if (longest.isPresent()) {
      int most = longest.getAsInt();
      return Optional.of("its name is " + bytes(name) + " bytes" + (bytes(name) > most
          ? ", more than the " + most + " bytes a name may have in " + existing + " (and the video is written"
              + " first to a temporary name " + PartNames.EXTRA_BYTES + " bytes longer, .NAME.<16 hex digits>.part)"
          : ", and the video is written first to a temporary name " + PartNames.EXTRA_BYTES + " bytes longer"
              + " (.NAME.<16 hex digits>.part), more than the " + most + " bytes a name may have in " + existing)
          + "; give a file name of at most " + Math.max(0, most - PartNames.EXTRA_BYTES) + " bytes");
    }
    return pathTooLong(existing, folder.resolve(part), file);
  }

  /**
   * The longest name (in bytes of plain letters) the probes' folder takes, when {@code name} cannot be made there
   * and a shorter one can; empty when {@code name} can be made, or when its length is not what stops it.
   */
  private static OptionalInt longestNameBelow(NameProbes probes, String name) {
    if (probes.makes(name) || probes.makes(bytes(name))) {
      return OptionalInt.empty();
    }
    int fits = 0;
    int fails = bytes(name);
    while (fails - fits > 1) {
      int middle = (fits + fails) >>> 1;
      if (probes.makes(middle)) {
        fits = middle;
      } else {
        fails = middle;
      }
    }
    return fits == 0 ? OptionalInt.empty() : OptionalInt.of(fits);
  }

  /**
   * Why the temporary part's path, or the file's own, is too long for the system (asked without making anything:
   * a path too long is refused before any folder on it is looked up); empty when both can be asked for.
   */
  private static Optional<String> pathTooLong(Path existing, Path part, Path file) {
    if (askable(part)) {
      return Optional.empty();
    }
    OptionalInt longest = longestPath(existing, bytes(part.toString()));
    if (longest.isEmpty()) {
      return Optional.empty();
    }
    int most = longest.getAsInt();
    int path = bytes(file.toString());
    return Optional.of("its path is " + path + " bytes" + (path > most ? ", more than the " + most + " bytes a path"
        + " may have here" : ", and the video is written first to a temporary file whose path is "
        + PartNames.EXTRA_BYTES + " bytes longer, more than the " + most + " bytes a path may have here")
        + "; give a path of at most " + Math.max(0, most - PartNames.EXTRA_BYTES) + " bytes");
  }

  /**
   * The longest path (in bytes) the system takes, found by asking for paths through a missing folder of
   * {@code existing}, when one of {@code length} bytes is refused and a shorter one is not; else empty.
   */
  private static OptionalInt longestPath(Path existing, int length) {
    String start = existing.resolve("vidgen-path-check-" + Long.toHexString(System.nanoTime())).toString();
    int startBytes = bytes(start);
    if (!askable(existing) || length <= startBytes + 2 || askable(pathOf(start, length - startBytes))) {
      return OptionalInt.empty();
    }
    int fits = startBytes;
    int fails = length;
    while (fails - fits > 1) {
      int middle = (fits + fails) >>> 1;
      if (askable(pathOf(start, middle - startBytes))) {
        fits = middle;
      } else {
        fails = middle;
      }
    }
    return OptionalInt.of(fits);
  }

  /** {@code start} followed by one-letter folders, {@code more} bytes of them. */
  private static Path pathOf(String start, int more) {
    StringBuilder tail = new StringBuilder();
    while (tail.length() < more) {
      tail.append(tail.length() + 2 <= more ? java.io.File.separator + "v" : "v");
    }
    return Path.of(start + tail);
  }

  /** Whether the system can look {@code path} up: it is there, or it is missing; not refused as too long. */
  private static boolean askable(Path path) {
    try {
      Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return true;
    } catch (NoSuchFileException | AccessDeniedException missingOrClosed) {
      return true;
    } catch (FileSystemException refused) {
      return false;
    } catch (IOException | SecurityException | UnsupportedOperationException other) {
      return true;
    }
  }

  private static int bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
