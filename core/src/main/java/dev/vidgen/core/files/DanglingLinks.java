package dev.vidgen.core.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A symbolic link on the way to a folder whose target does not exist (a home linked to a drive not mounted, say):
 * no folder can be made through it, and the JDK says only that something is already there.
 */
public final class DanglingLinks {
  /** How many links in a row are followed to their end; a longer chain (a loop) is told by the system instead. */
  private static final int MOST_HOPS = 40;

  private DanglingLinks() {}

  /**
   * A link and the missing path it leads to.
   *
   * @param link the link on the way, as the path names it
   * @param missing where it leads, its links followed: what does not exist
   */
  public record DanglingLink(Path link, Path missing) {
    /** "LINK is a link to MISSING, which does not exist". */
    public String words() {
      return link + " is a link to " + missing + ", which does not exist";
    }
  }

  /**
   * The first link on the way to {@code path} ({@code path} itself included) whose target does not exist; empty
   * when every part that exists is followed to something, or when the links form a loop.
   */
  public static Optional<DanglingLink> on(Path path) {
    Objects.requireNonNull(path, "path == null");
    Path absolute = path.toAbsolutePath().normalize();
    Path at = absolute.getRoot();
    for (Path part : absolute) {
      at = at == null ? part : at.resolve(part);
      try {
        if (!Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
          return Optional.empty(); // a plain part still to be made: nothing stands in the way here
        }
        if (Files.isSymbolicLink(at) && !Files.exists(at)) {
          Path link = at;
          return end(link).map(missing -> new DanglingLink(link, missing));
        }
      } catch (SecurityException unreadable) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** Where the chain of links from {@code link} ends (a path that is no link); empty for a loop or an unreadable link. */
  private static Optional<Path> end(Path link) {
    Path at = link;
    for (int hop = 0; hop < MOST_HOPS; hop++) {
      Path target;
      try {
        target = Files.readSymbolicLink(at);
      } catch (IOException | UnsupportedOperationException | SecurityException unreadable) {
        return Optional.empty();
      }
      Path parent = at.getParent();
      at = (parent == null ? target : parent.resolve(target)).normalize();
      if (!Files.isSymbolicLink(at)) {
        return Optional.of(at);
      }
    }
    return Optional.empty();
  }
}
