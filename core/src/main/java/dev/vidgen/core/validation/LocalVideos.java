package dev.vidgen.core.validation;

import dev.vidgen.core.files.ImageFormats;
import dev.vidgen.core.files.Mp4Boxes;
import dev.vidgen.core.files.VideoFormats;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks a local input video before it is uploaded: it exists, is a readable regular file of at
 * most 50 MB, and its first bytes say MP4, MOV or WebM (the name does not count); an MP4 or MOV must be
 * whole, its boxes adding up to its length with an index and frames ({@link Mp4Boxes}). Reads the file's
 * attributes, its first 64 bytes and the headers of its top-level boxes.
 */
final class LocalVideos {
  /** The upload limit for videos: 50 MB. */
  static final long MAX_BYTES = VideoFormats.MAX_BYTES;

  private static final String ALLOWED_FORMATS = "MP4, MOV or WebM";

  private static final LocalFiles FILES = new LocalFiles(ALLOWED_FORMATS, ViolationCodes.VIDEO_MISSING,
      ViolationCodes.VIDEO_NOT_A_FILE, ViolationCodes.VIDEO_UNREADABLE);

  private LocalVideos() {}

  /** Adds every problem with the local video {@code file} (shown as {@code field}) to {@code found}. */
  static void check(String field, URI file, List<Violation> found) {
    Path path;
    try {
      path = Path.of(file);
    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      found.add(Violation.error(field, ViolationCodes.VIDEO_MISSING, Texts.shown(file), "a local " + ALLOWED_FORMATS + " file",
          field + ": " + Texts.shown(file) + " is not a usable file path; give the path of " + FILES.aFile()));
      return;
    }
    String shown = Texts.shown(path);
    java.util.Optional<LocalFiles.Head> read = FILES.read(field, path, VideoFormats.HEAD_BYTES, found);
    if (read.isEmpty()) {
      return;
    }
    byte[] head = read.get().bytes();
    long size = read.get().size();
    if (size > MAX_BYTES) {
      found.add(Violation.error(field, ViolationCodes.VIDEO_TOO_LARGE, size + " bytes", "at most " + MAX_BYTES + " bytes (50 MB)",
          field + ": " + shown + " is " + LocalImages.sizeAgainst(size, MAX_BYTES) + ", over the 50 MB video upload"
              + " limit (" + String.format(java.util.Locale.ROOT, "%,d", MAX_BYTES) + " bytes); trim or recompress it"));
    }
    String format = VideoFormats.format(head);
    if (format != null && !format.equals("WebM")) {
      damage(path).ifPresent(problem -> found.add(Violation.error(field, ViolationCodes.VIDEO_DAMAGED, problem,
          "a whole " + format + " file", field + ": " + shown + " opens as " + (format.equals("MP4") ? "an " : "a ")
              + format + " video but is not a whole one: " + problem + "; it was cut short or damaged (an upload or"
              + " a copy that stopped early): give the whole file")));
    }
    if (format == null) {
      String image = ImageFormats.format(head);
      String seen = VideoFormats.describe(head);
      found.add(Violation.error(field, ViolationCodes.VIDEO_FORMAT, seen, ALLOWED_FORMATS,
          field + ": " + shown + " is " + seen + ", not an " + ALLOWED_FORMATS
              + " video by its content (whatever its name says); "
              + (image != null ? "give an image as an image (image(...) in Java, --image on the command line,"
                  + " \"images\" in a jobs file), or a video here"
                  : "convert it to MP4")));
    }
  }

  /** What keeps an MP4 or MOV file from being whole ({@link Mp4Boxes}); empty when whole or when it cannot be read now. */
  private static java.util.Optional<String> damage(Path path) {
    try {
      return Mp4Boxes.problem(path);
    } catch (java.io.IOException | SecurityException e) {
      return java.util.Optional.empty(); // read a moment ago: the upload itself says what is wrong now
    }
  }
}
