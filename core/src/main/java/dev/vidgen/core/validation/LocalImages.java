package dev.vidgen.core.validation;

import dev.vidgen.core.files.ImageFormats;
import dev.vidgen.core.files.VideoFormats;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks a local image before it is uploaded: it exists, is a readable regular file of at most
 * 10 MB, its first bytes say JPEG, PNG or WebP (the name does not count), and it is whole: its header
 * states its size, and it ends as a file of its format does. Reads the file's attributes, its first
 * bytes, its header and its last few KiB.
 */
final class LocalImages {
  /** The upload limit: 10 MB. */
  static final long MAX_BYTES = 10L * 1024 * 1024;

  private static final String ALLOWED_FORMATS = "JPEG, PNG or WebP";
  private static final int HEAD_BYTES = 12;

  private static final LocalFiles FILES = new LocalFiles(ALLOWED_FORMATS, ViolationCodes.IMAGE_MISSING,
      ViolationCodes.IMAGE_NOT_A_FILE, ViolationCodes.IMAGE_UNREADABLE);

  private LocalImages() {}

  /** Adds every problem with the image at {@code path} (shown as {@code field}) to {@code found}. */
  static void check(String field, Path path, List<Violation> found) {
    String shown = Texts.shown(path);
    java.util.Optional<LocalFiles.Head> read = FILES.read(field, path, HEAD_BYTES, found);
    if (read.isEmpty()) {
      return;
    }
    byte[] head = read.get().bytes();
    long size = read.get().size();
    if (size > MAX_BYTES) {
      found.add(Violation.error(field, ViolationCodes.IMAGE_TOO_LARGE, size + " bytes", "at most " + MAX_BYTES + " bytes (10 MB)",
          field + ": " + shown + " is " + sizeAgainst(size, MAX_BYTES) + ", over the 10 MB upload limit ("
              + String.format(java.util.Locale.ROOT, "%,d", MAX_BYTES) + " bytes); shrink or recompress it"));
    }
    String format = ImageFormats.format(head);
    if (format != null) {
      checkWhole(field, shown, path, format, size, found);
    }
    if (format == null) {
      String seen = describeUnknown(head);
      boolean video = !isHeif(head) && VideoFormats.format(head) != null;
      found.add(Violation.error(field, ViolationCodes.IMAGE_FORMAT, seen, ALLOWED_FORMATS,
          field + ": " + shown + " is " + seen + ", not a " + ALLOWED_FORMATS
              + " image by its content (whatever its name says); " + (video ? "give it as a video (--video on the"
                  + " command line, \"videos\" in a jobs file, video(...) in Java), to a model that takes videos"
                  : seen.equals("empty") ? "give a file that holds the image" : "convert it to " + ALLOWED_FORMATS)));
    }
  }

  /**
   * Adds an error when the image opens as {@code format} but its header (its size in pixels) cannot be read,
   * or when a PNG lacks its end chunk or a WebP is shorter than its RIFF header says: a file cut short or
   * damaged, which a model cannot use and which would still cost a create. A JPEG without its end marker
   * near the end is only warned about: some cameras append data after it.
   */
  private static void checkWhole(String field, String shown, Path path, String format, long size,
      List<Violation> found) {
    String problem;
    try {
      problem = ImageHeaders.read(path).isEmpty() ? "its header (the image's size) cannot be read"
          : ImageEnds.problem(path, format, size);
    } catch (java.io.IOException | SecurityException e) {
      return; // read a moment ago: the upload itself says what is wrong now
    }
    if (problem == null) {
      return;
    }
    String opens = field + ": " + shown + " opens as a " + format + " image but ";
    if (problem.equals(ImageEnds.NO_JPEG_END)) {
      found.add(Violation.warning(field, ViolationCodes.IMAGE_MAY_BE_CUT, problem, "a whole JPEG file",
          opens + problem + ": it may be cut short (a download or copy that stopped early); check that it opens whole"));
      return;
    }
    found.add(Violation.error(field, ViolationCodes.IMAGE_DAMAGED, problem, "a whole " + format + " file",
        opens + problem + ": it was cut short or damaged (a download or copy that stopped early); give the whole"
            + " image, or save it again as " + format));
  }

  /**
   * A file's size for a message about the {@code limit}: in MB, and in bytes too when the MB alone
   * would read as within it (10,485,770 bytes is "10.0 MB").
   */
  static String sizeAgainst(long size, long limit) {
    String bytes = String.format(java.util.Locale.ROOT, "%,d bytes", size);
    return size - limit < 1024 * 1024 / 10 ? bytes : megabytes(size) + " (" + bytes + ")";
  }

  private static String describeUnknown(byte[] head) {
    if (head.length == 0) {
      return "empty";
    }
    if (head.length >= 4 && head[0] == 'G' && head[1] == 'I' && head[2] == 'F' && head[3] == '8') {
      return "a GIF (an upload may take GIF, but the video models that name their input formats take JPEG, PNG or"
          + " WebP only, so vidgen sends those)";
    }
    if (head.length >= 2 && head[0] == 'B' && head[1] == 'M') {
      return "a BMP";
    }
    if (isHeif(head)) {
      return "a HEIC/HEIF image (as phones save photos)";
    }
    String video = VideoFormats.format(head);
    return video != null ? (video.equals("MP4") ? "an " : "a ") + video + " video" : "of an unknown kind";
  }

  /** An ISO box file whose brand is a HEIF one (heic, heix, mif1, …), which opens as an MP4 does. */
  private static boolean isHeif(byte[] head) {
    if (head.length < 12 || head[4] != 'f' || head[5] != 't' || head[6] != 'y' || head[7] != 'p') {
      return false;
    }
    String brand = new String(head, 8, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
    return java.util.Set.of("heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1", "avif").contains(brand);
  }


  /** {@code bytes} in MB with one decimal, rounded: {@code 11.0 MB}. */
  static String megabytes(long bytes) {
    long tenths = (bytes * 10 + 1024 * 1024 / 2) / (1024 * 1024);
    return tenths / 10 + "." + tenths % 10 + " MB";
  }
}
