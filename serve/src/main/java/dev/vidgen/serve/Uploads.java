package dev.vidgen.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reference images the page uploads: checked by content (JPEG, PNG or WebP) and size, then kept
 * under {@code uploads/<id>/<name>} in the playground folder, the id drawn from the bytes. The file
 * name of the first upload of an image is kept (made safe) so that the request preview says {@code
 * upload://product.png}, as {@code vidgen generate --dry-run} does for the same file; the same image
 * uploaded again under another name is that upload.
 */
final class Uploads {
  /** The ToAPIs upload limit, and so the playground's: 10 MB. */
  static final long MAX_BYTES = 10L * 1024 * 1024;

  private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");

  private final Path folder;

  Uploads(Path folder) {
    this.folder = folder.toAbsolutePath().normalize();
  }

  /** A stored upload: its id, file and kind. */
  record Upload(String id, Path file, ImageKind kind, long bytes) {
    String name() {
      return file.getFileName().toString();
    }
  }

  /**
   * Checks and stores {@code data} sent as {@code claimedName}.
   *
   * @throws Refusal (413 or 415) when it is too large or not a JPEG, PNG or WebP image
   */
  Upload store(byte[] data, String claimedName) {
    if (data.length > MAX_BYTES) {
      throw tooLarge(data.length);
    }
    if (data.length == 0) {
      throw new Refusal(415, "images", "the file is empty", "choose a JPEG, PNG or WebP image");
    }
    ImageKind kind = ImageKind.of(data).orElseThrow(() -> NotAnImage.refusal(data));
    String name = safeName(claimedName, kind);
    String id = idOf(data);
    Path dir = folder.resolve(id);
    Path file = nameable(dir, name, kind);
    // The same image, under this name or another, is the upload kept before: one job whatever the file was called,
    // so that the same-job checks (which compare inputs by upload) see one job where the provider gets one request.
    Optional<Upload> kept = find(id).filter(earlier -> earlier.bytes() == data.length);
    if (kept.isPresent()) {
      used(kept.get()); // uploaded again: kept for another KEEP_FOR from now
      return kept.get();
    }
    try {
      dev.vidgen.core.files.OwnerOnly.folders(dir); // a temporary file is the owner's alone (0600), and so its folder
      Path temp = Files.createTempFile(dir, ".upload", ".part");
      Files.write(temp, data);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the upload in " + dir + ": " + dev.vidgen.core.text.IoReasons.of(e), e);
    }
    return new Upload(id, file, kind, data.length);
  }

  /**
   * Marks {@code upload} as used now (its file's time of change), so that {@link #removeUnused} keeps it for
   * {@link StaleUploads#KEEP_FOR} more; a file that cannot be touched is left as it is.
   */
  void used(Upload upload) {
    try {
      Files.setLastModifiedTime(upload.file(), FileTime.from(Instant.now()));
    } catch (IOException | RuntimeException untouchable) {
      // Its age then counts from when it was stored: at worst it is uploaded again after a restart.
    }
  }

  /**
   * Removes the uploads whose every file was last changed before {@code before}, except those of {@code keep}
   * (ids): only the playground's own, a folder named by 16 hex digits holding an image whose SHA-256 begins with
   * that name (and perhaps the temporary file of a store cut short). Anything else in the folder (a file put there by
   * hand, a folder holding one) is left alone. Returns the ids removed.
   */
  List<String> removeUnused(Instant before, Set<String> keep) {
    List<String> removed = new ArrayList<>();
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return removed;
    }
    List<Path> dirs;
    try (var listed = Files.list(folder)) {
      dirs = listed.toList();
    } catch (IOException unreadable) {
      return removed;
    }
    for (Path dir : dirs) {
      String id = dir.getFileName().toString();
      if (ID.matcher(id).matches() && !keep.contains(id) && isOwnUnusedSince(dir, id, before) && delete(dir)) {
        removed.add(id);
      }
    }
    return removed;
  }

  /** Whether {@code dir} is an upload folder as {@link #store} makes it, every file in it older than {@code before}. */
  private static boolean isOwnUnusedSince(Path dir, String id, Instant before) {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (var listed = Files.list(dir)) {
      List<Path> files = listed.toList();
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
            || !Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(before)) {
          return false;
        }
        if (TEMPORARY.matcher(name).matches()) {
          continue;
        }
        if (name.startsWith(".") || ImageKind.ofExtension(name).isEmpty()
            || !dev.vidgen.serve.history.InputDigests.sha256(file).startsWith(id)) {
          return false; // not what the playground stores: someone's own file
        }
      }
      return !files.isEmpty();
    } catch (IOException | RuntimeException unreadable) {
      return false;
    }
  }

  /** Deletes {@code dir} and its files; false when any of it stays. */
  private static boolean delete(Path dir) {
    try (var listed = Files.list(dir)) {
      for (Path file : listed.toList()) {
        Files.delete(file);
      }
      Files.delete(dir);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The temporary file {@link #store} writes before its move into place. */
  private static final Pattern TEMPORARY = Pattern.compile("\\.upload[0-9]*\\.part");

  /** The id of the upload whose file is {@code path} (as the history names it), when the path is in this folder. */
  Optional<String> idOfPath(String path) {
    try {
      Path normal = Path.of(path).toAbsolutePath().normalize();
      if (!normal.startsWith(folder) || normal.getNameCount() != folder.getNameCount() + 2) {
        return Optional.empty();
      }
      return Optional.of(normal.getName(folder.getNameCount()).toString()).filter(id -> ID.matcher(id).matches());
    } catch (RuntimeException notAPath) { // an address, or a name this system cannot hold
      return Optional.empty();
    }
  }

  /**
   * {@code name} in {@code dir}, or, where this locale cannot name it (Java 17 under a C locale writes file names in
   * US-ASCII), the same name with each letter beyond ASCII as {@code _}: kept under a name this locale can write.
   */
  static Path nameable(Path dir, String name, ImageKind kind) {
    try {
      return dir.resolve(name);
    } catch (java.nio.file.InvalidPathException unnameable) {
      String ascii = name.replaceAll("[^\\x20-\\x7E]", "_");
      return dir.resolve(ascii.matches("_*\\.[A-Za-z0-9]+") ? "image." + kind.extension() : ascii);
    }
  }

  /**
   * {@code text} with each upload's path where it is kept ({@code …/uploads/<id>/x.jpg}) given as the
   * file's name the page uploaded it under ({@code x.jpg}), as the user knows it.
   */
  String withNames(String text) {
    if (text == null) {
      return null;
    }
    String named = text;
    // The absolute form first: a failed upload names its file that way, a check's message as the job gave it.
    for (Path kept : List.of(folder.toAbsolutePath().normalize(), folder)) {
      named = named.replaceAll(Pattern.quote(kept + java.io.File.separator) + "[0-9a-f]{16}"
          + Pattern.quote(java.io.File.separator), "");
    }
    return NAMED_TWICE.matcher(named).replaceAll("$1");
  }

  /** "image x.png (x.png)": a file's name and, once its path is given as its name, the same again. */
  private static final Pattern NAMED_TWICE = Pattern.compile("(?<![^\\s(])([^\\s()]+) \\(\\1\\)");

  /** The refusal for a body of {@code bytes} bytes. */
  static Refusal tooLarge(long bytes) {
    return new Refusal(413, "images", "the image is " + megabytes(bytes) + ", over the 10 MB upload limit",
        "shrink or recompress it to at most 10 MB");
  }

  /** The refusal for a body read no further than past the limit, whose size is not known. */
  static Refusal tooLarge() {
    return new Refusal(413, "images", "the image is over the 10 MB upload limit", "shrink or recompress it to at most 10 MB");
  }

  /** The upload {@code id}, when it exists; ids that are not ours find nothing. */
  Optional<Upload> find(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      return Optional.empty();
    }
    Path dir = folder.resolve(id);
    try (var files = Files.list(dir)) {
      return files.filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
          .filter(file -> !file.getFileName().toString().startsWith("."))
          .filter(this::staysInside)
          .findFirst()
          .flatMap(file -> ImageKind.ofExtension(file.getFileName().toString())
              .map(kind -> new Upload(id, file, kind, sizeOf(file))));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * The upload holding the bytes whose SHA-256 is {@code sha256} (hex, as the history keeps a local
   * image's digest), when there is one: found by the id drawn from that digest, and taken only when
   * the whole of its file's digest is that one.
   */
  Optional<Upload> withDigest(String sha256) {
    if (sha256 == null || !FULL_DIGEST.matcher(sha256).matches()) {
      return Optional.empty();
    }
    String digest = sha256.toLowerCase(java.util.Locale.ROOT);
    return find(digest.substring(0, 16)).filter(upload -> digest.equals(fullDigest(upload)));
  }

  private static final Pattern FULL_DIGEST = Pattern.compile("[0-9a-fA-F]{64}");

  /** The whole digest of each upload's file read so far, by its file, size and time of change (read once each). */
  private final java.util.Map<String, String> digests = new java.util.concurrent.ConcurrentHashMap<>();

  private String fullDigest(Upload upload) {
    try {
      String key = upload.file() + "|" + upload.bytes() + "|" + Files.getLastModifiedTime(upload.file()).toMillis();
      String known = digests.get(key);
      if (known == null) {
        known = dev.vidgen.serve.history.InputDigests.sha256(upload.file());
        digests.put(key, known);
      }
      return known;
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
  }

  /** Whether {@code file}, with every link on its way followed, is still in the uploads folder (no link leads out). */
  private boolean staysInside(Path file) {
    try {
      return file.toRealPath().startsWith(folder.toRealPath());
    } catch (IOException e) {
      return false;
    }
  }

  /** The upload whose file is {@code path}, when it is one of ours. */
  Optional<Upload> ofPath(Path path) {
    Path normal = path.toAbsolutePath().normalize();
    if (!normal.startsWith(folder) || normal.getNameCount() != folder.getNameCount() + 2) {
      return Optional.empty();
    }
    return find(normal.getName(folder.getNameCount()).toString());
  }

  /**
   * The id of {@code data}: drawn from its bytes alone, so that the same image uploaded again (after a
   * reload, or under another name) is the same upload and the same job is known as the same.
   */
  private static String idOf(byte[] data) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(data);
      return HexFormat.of().formatHex(sha.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  /** The claimed name reduced to letters and digits of any script, dot, dash and underscore, with the kind's extension. */
  static String safeName(String claimedName, ImageKind kind) {
    String base = claimedName == null ? "" : claimedName.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1);
    base = base.replaceAll("[^\\p{L}\\p{M}\\p{N}._-]", "_").replaceAll("^[.]+", "");
    if (base.length() > 80) {
      base = base.substring(base.length() - 80);
    }
    if (base.isEmpty() || ImageKind.ofExtension(base).filter(kind::equals).isEmpty()) {
      String stem = base.isEmpty() ? "image" : base.replaceAll("\\.[A-Za-z0-9]*$", "");
      base = (stem.isEmpty() ? "image" : stem) + "." + kind.extension();
    }
    return base;
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  private static String megabytes(long bytes) {
    long tenths = (bytes * 10 + MAX_BYTES / 20) / (1024 * 1024);
    if (tenths <= 100) {
      // Just over the limit rounds to "10.0 MB": the exact count says why it is refused.
      return String.format(java.util.Locale.ROOT, "%,d bytes (the limit is %,d)", bytes, MAX_BYTES);
    }
    return tenths / 10 + "." + tenths % 10 + " MB";
  }
}
