package dev.vidgen.provider.toapis;

import java.util.Locale;
import java.util.Set;

/**
 * The file name an upload is sent under: the name on disk with an extension that matches the format vidgen read
 * from the bytes, so that {@code IMG_0042.HEIC} holding a JPEG goes up as {@code IMG_0042.jpg}, as the playground
 * stores it, and a server that checks the extension takes it.
 */
final class UploadFileNames {
  /** Extensions of pictures and videos: one of these on a file is replaced; any other part after a dot is kept. */
  private static final Set<String> MEDIA_EXTENSIONS = Set.of("jpg", "jpeg", "jpe", "jfif", "png", "apng", "webp",
      "gif", "heic", "heif", "avif", "bmp", "tif", "tiff", "mp4", "m4v", "mov", "qt", "webm", "mkv", "avi");
  private static final int MAX_STEM = 120;

  private UploadFileNames() {}

  /**
   * {@code onDisk} sent as {@code format} ("JPEG", "PNG", "WebP", "MP4", "MOV", "WebM"); null {@code format}
   * (not told by the bytes) keeps the name as it is.
   */
  static String of(String onDisk, String format, String fallbackStem) {
    String name = onDisk.replaceAll("[\\p{Cntrl}/\\\\]", "_");
    String extension = format == null ? null : extension(format);
    if (extension == null) {
      return name.isBlank() ? fallbackStem : name;
    }
    int dot = name.lastIndexOf('.');
    String current = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    if (current.equals(extension) || (extension.equals("jpg") && (current.equals("jpeg") || current.equals("jpe")))) {
      return name;
    }
    String stem = MEDIA_EXTENSIONS.contains(current) ? name.substring(0, dot) : name;
    stem = stem.replaceAll("^[.\\s]+", "").strip();
    if (stem.length() > MAX_STEM) {
      stem = stem.substring(0, MAX_STEM);
    }
    return (stem.isEmpty() ? fallbackStem : stem) + "." + extension;
  }

  private static String extension(String format) {
    return switch (format) {
      case "PNG" -> "png";
      case "WebP" -> "webp";
      case "MP4" -> "mp4";
      case "MOV" -> "mov";
      case "WebM" -> "webm";
      case "JPEG" -> "jpg";
      default -> null;
    };
  }
}
