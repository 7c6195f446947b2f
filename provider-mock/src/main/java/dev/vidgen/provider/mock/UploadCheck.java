package dev.vidgen.provider.mock;

import dev.vidgen.core.files.VideoFormats;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** What the upload endpoint checks: an existing file, at most 10 MB, JPEG, PNG, WebP or GIF. */
final class UploadCheck {
  static final long MAX_BYTES = 10L * 1024 * 1024;

  private UploadCheck() {}

  /**
   * The file extension for the image's real format.
   *
   * @throws IllegalArgumentException with the service's message when the upload is refused
   */
  static String extensionOf(Path image) {
    byte[] head;
    long size;
    try {
      size = Files.size(image);
      try (InputStream in = Files.newInputStream(image)) {
        head = in.readNBytes(12);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read file " + image.getFileName() + ": " + e);
    }
    if (size > MAX_BYTES) {
      throw new IllegalArgumentException("Image too large. Maximum size is 10MB");
    }
    String extension = sniff(head);
    if (extension == null) {
      throw new IllegalArgumentException(
          "Unsupported image type. Supported types: JPEG, PNG, WebP, GIF");
    }
    return extension;
  }

  /** Issue 11: the extension for a video's real format (MP4, MOV or WebM, at most 50 MB). */
  static String videoExtensionOf(Path video) {
    byte[] head;
    long size;
    try {
      size = Files.size(video);
      try (InputStream in = Files.newInputStream(video)) {
        head = in.readNBytes(64);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read file " + video.getFileName() + ": " + e);
    }
    if (size > VideoFormats.MAX_BYTES) {
      throw new IllegalArgumentException("Video too large. Maximum size is 50MB");
    }
    String format = VideoFormats.format(head);
    if (format == null) {
      throw new IllegalArgumentException("Unsupported video type. Supported types: MP4, MOV, WebM");
    }
    return format.toLowerCase(java.util.Locale.ROOT);
  }

  private static String sniff(byte[] head) {
    if (startsWith(head, 0xFF, 0xD8, 0xFF)) {
      return "jpg";
    }
    if (startsWith(head, 0x89, 'P', 'N', 'G')) {
      return "png";
    }
    if (startsWith(head, 'G', 'I', 'F', '8')) {
      return "gif";
    }
    if (startsWith(head, 'R', 'I', 'F', 'F')
        && head.length >= 12
        && Arrays.equals(Arrays.copyOfRange(head, 8, 12), new byte[] {'W', 'E', 'B', 'P'})) {
      return "webp";
    }
    return null;
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
