package dev.vidgen.core.files;

/**
 * Tells a JPEG, PNG or WebP image by its first bytes (the name does not count), as validation, the
 * providers' uploads and the playground's advice read local images.
 */
public final class ImageFormats {
  private ImageFormats() {}

  /** "JPEG", "PNG" or "WebP" when the first bytes say so; null otherwise. */
  public static String format(byte[] head) {
    if (head.length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
      return "JPEG";
    }
    if (head.length >= 8 && (head[0] & 0xFF) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G'
        && head[4] == 0x0D && head[5] == 0x0A && head[6] == 0x1A && head[7] == 0x0A) {
      return "PNG";
    }
    if (head.length >= 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F'
        && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
      return "WebP";
    }
    return null;
  }

  /** The media type of a {@link #format} (image/jpeg, image/png, image/webp). */
  public static String mimeType(String format) {
    return switch (format) {
      case "PNG" -> "image/png";
      case "WebP" -> "image/webp";
      default -> "image/jpeg";
    };
  }
}
