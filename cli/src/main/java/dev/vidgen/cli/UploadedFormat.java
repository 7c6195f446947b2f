package dev.vidgen.cli;

import dev.vidgen.core.error.FailedUpload;
import dev.vidgen.core.validation.LocalImages;
import dev.vidgen.core.validation.LocalVideos;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Optional;

/** What a refused upload is by its first bytes: a type the provider takes, or nothing known. */
final class UploadedFormat {
  /** Enough of the file for either check (a video's is the longer). */
  private static final int HEAD_BYTES = 64;

  private UploadedFormat() {}

  /**
   * "PNG", "JPEG", "WebP" for an image, "MP4", "MOV", "WebM" for a video, when its content says so;
   * empty when it is none of those or cannot be read now.
   */
  static Optional<String> of(FailedUpload upload) {
    byte[] head;
    try (InputStream in = Files.newInputStream(upload.file())) {
      head = in.readNBytes(HEAD_BYTES);
    } catch (IOException | SecurityException e) {
      return Optional.empty(); // the provider's reason stands alone
    }
    return Optional.ofNullable(upload.what().equals("video") ? LocalVideos.format(head) : LocalImages.format(head));
  }
}
