package dev.vidgen.serve;

import dev.vidgen.core.catalog.RouteFileException;
import dev.vidgen.core.catalog.RouteFiles;
import dev.vidgen.core.client.VidgenClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The client a playground checks, prices and sends with: the settings' own until a followed route file
 * changes, then one on the catalog read from the files again. A file that became unusable (invalid, gone)
 * refuses every check, model list and Generate with the loader's message until it is fixed: nothing is sent
 * on the catalog read before.
 */
final class RouteFollower {
  /**
   * How recent a file's modification time must be for its bytes to be compared too: an edit within the same
   * tick of the file system's clock keeps the time and, for a price changed digit for digit, the size.
   */
  static final Duration RECENT = Duration.ofSeconds(2);

  private final FollowedRouteFiles followed;
  private final Clock clock;
  private final Consumer<VidgenClient> whenBuilt;
  /** The clients built on changed files, closed with the playground (jobs sent with them may still be on their way). */
  private final List<VidgenClient> built = new ArrayList<>();
  private VidgenClient current;
  private List<Stamp> stamps;
  /** Why the files as they are now cannot be used; null when they can. */
  private Refusal unusable;

  /**
   * What a file was when last looked at: absent, unreadable, or its time and size, with its bytes' digest while
   * that time is recent (and once more after, to settle it).
   */
  private record Stamp(Status status, Instant modified, long size, byte[] digest, boolean recent) {
    enum Status { PRESENT, ABSENT, UNREADABLE }

    boolean sameAs(Stamp other) {
      return status == Status.PRESENT ? other.status == Status.PRESENT && size == other.size
          && modified.equals(other.modified) && (digest == null || Arrays.equals(digest, other.digest))
          : status == Status.ABSENT && other.status == Status.ABSENT; // an unreadable file is read again each time
    }

    /** As kept once found unchanged: a time no longer recent is enough from now on. */
    Stamp settled() {
      return recent ? this : new Stamp(status, modified, size, null, false);
    }
  }

  /**
   * @param first the client the playground started with, whose catalog the files as they are now made
   * @param followed the files to follow; null: none, {@code first} is used throughout
   * @param whenBuilt told of each client built on changed files (the jobs listen to it)
   */
  RouteFollower(VidgenClient first, FollowedRouteFiles followed, Clock clock, Consumer<VidgenClient> whenBuilt) {
    this.current = first;
    this.followed = followed;
    this.clock = clock;
    this.whenBuilt = whenBuilt;
    this.stamps = followed == null ? List.of() : stamps(null);
  }

  /**
   * The client on the route files as they are now, the files read again first when one of them changed
   * (one look at each file otherwise).
   *
   * @throws Refusal (422, {@code invalid_routes}) when a file became unusable: nothing may be checked or sent
   */
  synchronized VidgenClient client() {
    if (followed == null || followed.files().isEmpty()) {
      return current;
    }
    List<Stamp> now = stamps(stamps);
    if (same(stamps, now)) {
      stamps = now.stream().map(Stamp::settled).toList();
    } else {
      stamps = now; // taken before the read: a change during it is noticed at the next look
      try {
        VidgenClient next = followed.clients().build(RouteFiles.load(RouteFiles.builtIn(), followed.files()), current);
        built.add(next);
        whenBuilt.accept(next);
        current = next;
        unusable = null;
      } catch (RouteFileException broken) {
        unusable = refusal(broken, followed.files());
      } catch (RuntimeException unbuilt) {
        // The catalog read, but no client could be made on it: nothing is sent on the one before either.
        unusable = new Refusal(422, null, "the route files changed, and no client could be made on them, so the"
            + " playground checks and sends nothing until they are fixed: " + unbuilt.getMessage(),
            "fix the route file, or start vidgen serve again", "invalid_routes", Map.of());
      }
    }
    if (unusable != null) {
      throw unusable;
    }
    return current;
  }

  /** Closes the clients built on changed files (never the first, which is its owner's). */
  synchronized void close() {
    built.forEach(VidgenClient::close);
    built.clear();
  }

  private static boolean same(List<Stamp> before, List<Stamp> now) {
    for (int i = 0; i < now.size(); i++) {
      if (!before.get(i).sameAs(now.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Each file's stamp now; its bytes are read only while its time is recent, or was when last looked at ({@code before}). */
  private List<Stamp> stamps(List<Stamp> before) {
    List<Stamp> list = new ArrayList<>();
    Instant recentSince = clock.instant().minus(RECENT);
    for (int i = 0; i < followed.files().size(); i++) {
      boolean wasRecent = before != null && before.get(i).digest() != null;
      list.add(stamp(followed.files().get(i), recentSince, wasRecent));
    }
    return list;
  }

  private static Stamp stamp(Path file, Instant recentSince, boolean wasRecent) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      Instant modified = attributes.lastModifiedTime().toInstant();
      boolean recent = !modified.isBefore(recentSince);
      byte[] digest = (recent || wasRecent) && attributes.isRegularFile() && attributes.size() <= RouteFiles.MAX_BYTES
          ? digest(file) : null;
      return new Stamp(Stamp.Status.PRESENT, modified, attributes.size(), digest, recent);
    } catch (NoSuchFileException gone) {
      return new Stamp(Stamp.Status.ABSENT, null, -1, null, false);
    } catch (IOException unreadable) {
      // Told by the loader when it reads the file.
      return new Stamp(Stamp.Status.UNREADABLE, null, -1, null, false);
    }
  }

  private static byte[] digest(Path file) throws IOException {
    try {
      return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  private static Refusal refusal(RouteFileException unusable, List<Path> files) {
    return new Refusal(422, null, "a route file changed and cannot be used, so the playground checks and sends"
        + " nothing until it is fixed: " + unusable.getMessage(), next(unusable, files)
        + "; the playground reads it again at the next check", "invalid_routes",
        Map.of("problems", unusable.problemEntries()));
  }

  /**
   * What to do: a followed path that names no file or a folder, or a file this user may not read, is no mistake
   * in the file's content, so its advice is about the path or the permissions; mistakes in a file are fixed there.
   */
  private static String next(RouteFileException unusable, List<Path> files) {
    Set<String> advice = new LinkedHashSet<>();
    boolean inContent = false;
    for (RouteFileException problem : unusable.all()) {
      Path file = problem.jsonPath().isEmpty()
          ? files.stream().filter(path -> path.toString().equals(problem.file())).findFirst().orElse(null) : null;
      if (file != null && Files.notExists(file)) {
        advice.add(problem.file() + " does not exist: put it back, or check the path vidgen serve was given"
            + " (--routes or " + RouteFiles.ENVIRONMENT_VARIABLE + ") and start it again");
      } else if (file != null && Files.isDirectory(file)) {
        advice.add(problem.file() + " is a folder, not a route file: check the path vidgen serve was given"
            + " (--routes or " + RouteFiles.ENVIRONMENT_VARIABLE + ") and start it again");
      } else if (file != null && !Files.isReadable(file)) {
        advice.add("let the user vidgen serve runs as read " + problem.file() + " (check its permissions)");
      } else {
        inContent = true;
      }
    }
    if (inContent) {
      advice.add("fix the route file (docs/routes.md shows the format, docs/routes.schema.json its schema)");
    }
    return String.join("; ", advice);
  }
}
