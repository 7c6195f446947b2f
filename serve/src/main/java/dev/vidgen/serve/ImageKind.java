package dev.vidgen.serve;

import java.util.Optional;

/** The image formats video models take, recognised by their first bytes (the file name does not count). */
enum ImageKind {
  JPEG("jpg", "image/jpeg"),
  PNG("png", "image/png"),
  WEBP("webp", "image/webp");

  private final String extension;
  private final String mediaType;

  ImageKind(String extension, String mediaType) {
    this.extension = extension;
    this.mediaType = mediaType;
  }

  String extension() {
    return extension;
  }

  String mediaType() {
    return mediaType;
  }

  /** The kind the first bytes of {@code data} announce, if one of ours. */
  static Optional<ImageKind> of(byte[] data) {
    if (data.length >= 3 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8 && (data[2] & 0xFF) == 0xFF) {
      return Optional.of(JPEG);
    }
    if (data.length >= 8 && (data[0] & 0xFF) == 0x89 && data[1] == 'P' && data[2] == 'N' && data[3] == 'G'
        && data[4] == 0x0D && data[5] == 0x0A && data[6] == 0x1A && data[7] == 0x0A) {
      return Optional.of(PNG);
    }
    if (data.length >= 12 && data[0] == 'R' && data[1] == 'I' && data[2] == 'F' && data[3] == 'F'
        && data[8] == 'W' && data[9] == 'E' && data[10] == 'B' && data[11] == 'P') {
      return Optional.of(WEBP);
    }
    return Optional.empty();
  }

  /** The kind a stored file's extension names, if one of ours. */
  static Optional<ImageKind> ofExtension(String fileName) {
    String lower = fileName.toLowerCase(java.util.Locale.ROOT);
    for (ImageKind kind : values()) {
      if (lower.endsWith("." + kind.extension) || (kind == JPEG && lower.endsWith(".jpeg"))) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
