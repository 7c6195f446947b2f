package dev.vidgen.core.validation;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks a local input video before it is uploaded: it exists, is a readable regular file of at
 * most 50 MB, and its first bytes say MP4, MOV or WebM (the name does not count); an MP4 or MOV must be
 * whole, its boxes adding up to its length with an index and frames ({@link IsoBoxes}). Reads the file's
 * attributes, its first 64 bytes and the headers of its top-level boxes.
 */
public final class LocalVideos {
  /** The upload limit for videos: 50 MB. */
  public static final long MAX_BYTES = 50L * 1024 * 1024;

  private static final String ALLOWED_FORMATS = "MP4, MOV or WebM";
  /** How many of a file's first bytes {@link #format} and {@link #describe} need at most. */
  public static final int HEAD_BYTES = 64;

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
    java.util.Optional<LocalFiles.Head> read = FILES.read(field, path, HEAD_BYTES, found);
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
    String format = format(head);
    if (format != null && !format.equals("WebM")) {
      damage(path).ifPresent(problem -> found.add(Violation.error(field, ViolationCodes.VIDEO_DAMAGED, problem,
          "a whole " + format + " file", field + ": " + shown + " opens as " + (format.equals("MP4") ? "an " : "a ")
              + format + " video but is not a whole one: " + problem + "; it was cut short or damaged (an upload or"
              + " a copy that stopped early): give the whole file")));
    }
    if (format == null) {
      String image = LocalImages.format(head);
      String seen = describe(head);
      found.add(Violation.error(field, ViolationCodes.VIDEO_FORMAT, seen, ALLOWED_FORMATS,
          field + ": " + shown + " is " + seen + ", not an " + ALLOWED_FORMATS
              + " video by its content (whatever its name says); "
              + (image != null ? "give an image as an image (--image, or images in a jobs file), or a video here"
                  : "convert it to MP4")));
    }
  }

  /** What keeps an MP4 or MOV file from being whole ({@link IsoBoxes}); empty when whole or when it cannot be read now. */
  private static java.util.Optional<String> damage(Path path) {
    try {
      return IsoBoxes.problem(path);
    } catch (java.io.IOException | SecurityException e) {
      return java.util.Optional.empty(); // read a moment ago: the upload itself says what is wrong now
    }
  }

  /** "MP4", "MOV" or "WebM" when the first bytes say so; null otherwise. */
  public static String format(byte[] head) {
    if (head.length >= 12 && box(head, 4, "ftyp")) {
      return box(head, 8, "qt  ") ? "MOV" : "MP4";
    }
    if (head.length >= 8 && (box(head, 4, "moov") || box(head, 4, "mdat") || box(head, 4, "wide")
        || box(head, 4, "free") || box(head, 4, "skip"))) {
      return "MOV";
    }
    if (ebml(head) && !isMatroska(head)) {
      return "WebM";
    }
    return null;
  }

  /**
   * What the first bytes show, in words for a message: "an MP4 video", "a MOV video", "a WebM
   * video", "a Matroska (MKV) video", "a PNG image", "an HTML page", "JSON text", "plain text" (see
   * {@link #isText}), "empty", or "of an unknown kind".
   */
  public static String describe(byte[] head) {
    if (head.length == 0) {
      return "empty";
    }
    String video = format(head);
    if (video != null) {
      return (video.equals("MP4") ? "an " : "a ") + video + " video";
    }
    if (isMatroska(head)) {
      return "a Matroska (MKV) video";
    }
    String image = LocalImages.format(head);
    if (image != null) {
      return "a " + image + " image";
    }
    String text = TextHeads.kind(head);
    return text != null ? text : "of an unknown kind";
  }

  /**
   * Whether the first bytes open an EBML file, as WebM and every other Matroska video does
   * ({@code 1A 45 DF A3}).
   */
  public static boolean isEbml(byte[] head) {
    return ebml(head);
  }

  /**
   * Whether the first bytes are plainly no video: they read as text (markup such as an HTML error
   * page, JSON, or plain words), with no control character but tab and line ends.
   */
  public static boolean isText(byte[] head) {
    return TextHeads.kind(head) != null;
  }

  /** The MIME type for a format {@link #format} named. */
  public static String mimeType(String format) {
    return switch (format) {
      case "MOV" -> "video/quicktime";
      case "WebM" -> "video/webm";
      default -> "video/mp4";
    };
  }

  private static boolean ebml(byte[] head) {
    return head.length >= 4 && (head[0] & 0xFF) == 0x1A && (head[1] & 0xFF) == 0x45
        && (head[2] & 0xFF) == 0xDF && (head[3] & 0xFF) == 0xA3;
  }

  private static boolean isMatroska(byte[] head) {
    return ebml(head) && new String(head, StandardCharsets.ISO_8859_1).contains("matroska");
  }

  private static boolean box(byte[] head, int at, String name) {
    for (int i = 0; i < 4; i++) {
      if (head[at + i] != name.charAt(i)) {
        return false;
      }
    }
    return true;
  }

}
