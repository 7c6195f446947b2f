package dev.vidgen.serve;

import dev.vidgen.core.error.FailedUpload;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.files.ImageFormats;
import dev.vidgen.core.files.VideoFormats;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Optional;

/**
 * What to do after the provider refused the upload of a local image or video: shared by the
 * command line and the playground, so that both give the same advice for the same refusal.
 */
public final class UploadAdvice {
  /** Enough of the file for either check (a video's is the longer). */
  private static final int HEAD_BYTES = 64;

  private UploadAdvice() {}

  /** The size of the file whose upload was refused, or -1 when it cannot be read now. */
  private static long sizeOf(FailedUpload upload) {
    try {
      return java.nio.file.Files.size(upload.file());
    } catch (java.io.IOException | RuntimeException unreadable) {
      return -1;
    }
  }

  /**
   * After a refused upload of a local file (no task was made): what to change in that file, by the
   * provider's reason and the file's content; {@code name} is the file as the person is shown it,
   * {@code again} how they send the job again ("run again", "generate again").
   */
  public static String next(ProviderException refused, FailedUpload upload, String name, String again) {
    String said = refused.details().message().toLowerCase(java.util.Locale.ROOT);
    boolean video = upload.what().equals("video");
    if (refused.httpStatus() == 413 || said.contains("too large") || said.contains("too big")
        || said.contains("maximum size")) {
      String limits = refused.providerId().equals("toapis")
          ? "ToAPIs takes images of at most 10 MB and videos of at most 50 MB"
          : "the provider refused its size";
      long size = sizeOf(upload);
      long limit = (video ? 50L : 10L) * 1024 * 1024;
      if (refused.providerId().equals("toapis") && size >= 0 && size <= limit / 2) {
        // Far under the limit: not the file's size but something on the way (a proxy's body limit, a wrong address).
        return name + " is only " + (size < 1024 * 1024 ? (size + 1023) / 1024 + " KB" : size / (1024 * 1024) + " MB")
            + ", well under ToAPIs' " + limit / (1024 * 1024) + " MB, yet the upload was refused as too large: a proxy"
            + " on the way may limit uploads; check the base URL, or give the " + upload.what() + " as an http(s) URL,"
            + " and " + again;
      }
      return "give a smaller file: " + limits + "; " + (video ? "trim or recompress " : "shrink or recompress ") + name
          + " and " + again;
    }
    Optional<String> format = formatOf(upload);
    if ((said.contains("type") || said.contains("format")) && format.isPresent()) {
      // Already a type the provider takes: telling the user to give that type instead would send them in a circle.
      String limit = refused.providerId().equals("toapis") ? "that it is at most " + (video ? "50" : "10") + " MB and "
          : "";
      return name + " is " + (format.get().startsWith("M") ? "an " : "a ") + format.get() + " " + upload.what()
          + " by its content, a type the provider takes, yet it refused the file: check " + limit + "that its "
          + (video ? "length, width and height suit the model" : "width and height suit the model")
          + " (vidgen models shows its rules), re-encode it (" + (video ? "such as to H.264 MP4" : "save it again as"
              + " PNG or JPEG") + "), or give it as an http(s) URL instead, and " + again;
    }
    if (said.contains("type") || said.contains("format")) {
      return video ? "give an MP4, MOV or WebM video (by its content, whatever its name says) instead of " + name
          + " and " + again
          : "give a JPEG, PNG or WebP image (by its content, whatever its name says) instead of " + name
              + " and " + again;
    }
    if (refused.httpStatus() == 404) {
      // No upload endpoint at that address (a wrong base URL): the file was never judged, and a URL would meet the same.
      return "the provider's address answered that it has no upload there (HTTP 404), so nothing judged " + name
          + ": check the base URL (vidgen balance checks it without a job), and " + again;
    }
    if (refused.httpStatus() == 0 || refused.httpStatus() >= 500) {
      // No answer, or the provider failing: nothing judged the file, so there is nothing in it to change.
      return "the provider did not judge " + name + " (" + (refused.httpStatus() == 0 ? "no answer came"
          : "it failed with HTTP " + refused.httpStatus()) + "); " + again + " in a while, or give the "
          + upload.what() + " as an http(s) URL instead";
    }
    return "check " + name + " against the provider's reason, or give the " + upload.what()
        + " as an http(s) URL instead, and " + again;
  }

  /**
   * "PNG", "JPEG", "WebP" for an image, "MP4", "MOV", "WebM" for a video, when its content says so;
   * empty when it is none of those or cannot be read now.
   */
  static Optional<String> formatOf(FailedUpload upload) {
    byte[] head;
    try (InputStream in = Files.newInputStream(upload.file())) {
      head = in.readNBytes(HEAD_BYTES);
    } catch (IOException | SecurityException e) {
      return Optional.empty(); // the provider's reason stands alone
    }
    return Optional.ofNullable(upload.what().equals("video") ? VideoFormats.format(head) : ImageFormats.format(head));
  }
}
