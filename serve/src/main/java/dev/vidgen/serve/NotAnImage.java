package dev.vidgen.serve;

import dev.vidgen.core.files.VideoFormats;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The page's refusal of an upload that is no JPEG, PNG or WebP image, saying what the file is by its first
 * bytes (a GIF, a HEIC photo, an MP4 video, ...) and what to do with it on this page.
 */
final class NotAnImage {
  private NotAnImage() {}

  private static final String TAKEN = "JPEG, PNG or WebP";

  /** The 415 refusal for {@code data}, which {@link ImageKind#of} does not take. */
  static Refusal refusal(byte[] data) {
    String convert = "convert it to " + TAKEN + " and upload it again";
    if (data.length >= 4 && data[0] == 'G' && data[1] == 'I' && data[2] == 'F' && data[3] == '8') {
      return refused("the file is a GIF image: the video models that name their input formats take " + TAKEN
          + " only, so the page does not send a GIF", "convert it (a still of it) to " + TAKEN + " and upload it again");
    }
    if (isHeif(data)) {
      return refused("the file is a HEIC/HEIF image (as phones save photos), which the video models do not take",
          convert);
    }
    if (data.length >= 2 && data[0] == 'B' && data[1] == 'M') {
      return refused("the file is a BMP image, which the video models do not take", convert);
    }
    String video = VideoFormats.format(data);
    if (video != null || VideoFormats.describe(data).endsWith(" video")) {
      return refused("the file is " + VideoFormats.describe(data) + ", not an image: this field takes images only",
          "give a video by its http(s) address in the Input videos field, which the form shows for a model that"
              + " takes videos");
    }
    return refused("the file is not a " + TAKEN + " image by its content (whatever its name says)", convert);
  }

  private static Refusal refused(String message, String next) {
    return new Refusal(415, "images", message, next);
  }

  /** An ISO box file whose brand is a HEIF one (heic, mif1, avif, ...), which opens as an MP4 does. */
  private static boolean isHeif(byte[] data) {
    if (data.length < 12 || data[4] != 'f' || data[5] != 't' || data[6] != 'y' || data[7] != 'p') {
      return false;
    }
    String brand = new String(data, 8, 4, StandardCharsets.ISO_8859_1);
    return Set.of("heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1", "avif").contains(brand);
  }
}
