package dev.vidgen.core.files;

import java.nio.charset.StandardCharsets;

/**
 * Tells an MP4, MOV or WebM video by its first bytes (the name does not count), and names other
 * first bytes for a message (an image, an HTML page, plain text), as validation, the providers' uploads,
 * the playground's advice and the client's downloads read them.
 */
public final class VideoFormats {
  /** The upload limit for videos: 50 MB. */
  public static final long MAX_BYTES = 50L * 1024 * 1024;

  /** How many of a file's first bytes {@link #format} and {@link #describe} need at most. */
  public static final int HEAD_BYTES = 64;

  private VideoFormats() {}

  /** "MP4", "MOV" or "WebM" when the first bytes say so; null otherwise. */
  public static String format(byte[] head) {
    if (head.length >= 12 && box(head, 4, "ftyp")) {
      return box(head, 8, "qt  ") ? "MOV" : "MP4";
    }
    if (head.length >= 8 && (box(head, 4, "moov") || box(head, 4, "mdat") || box(head, 4, "wide")
        || box(head, 4, "free") || box(head, 4, "skip"))) {
      return "MOV";
    }
    if (isEbml(head) && !isMatroska(head)) {
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
    String image = ImageFormats.format(head);
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
    return head.length >= 4 && (head[0] & 0xFF) == 0x1A && (head[1] & 0xFF) == 0x45
        && (head[2] & 0xFF) == 0xDF && (head[3] & 0xFF) == 0xA3;
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

  private static boolean isMatroska(byte[] head) {
    return isEbml(head) && new String(head, StandardCharsets.ISO_8859_1).contains("matroska");
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
