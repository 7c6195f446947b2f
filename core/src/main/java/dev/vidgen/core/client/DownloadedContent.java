package dev.vidgen.core.client;

import dev.vidgen.core.files.Mp4Boxes;
import dev.vidgen.core.files.VideoFormats;
import dev.vidgen.core.text.SafeText;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks a download's first bytes against the format its result names, with the recognition the
 * video uploads use ({@link VideoFormats}): MP4 and MOV (one box format) by their first box, WebM by
 * its EBML header. A video of one of these formats passes for any of them (a provider that names the
 * wrong one still served the video paid for). Of a format vidgen does not know, only what is plainly
 * no video is refused: markup such as an HTML error page, JSON, or other text.
 */
final class DownloadedContent {
  private DownloadedContent() {}

  /** Why {@code head}, the first bytes of {@code size} sent, is not the video {@code format} names; empty when it may be. */
  static Optional<String> refusal(String format, byte[] head, long size) {
    String named = named(format);
    String seen = VideoFormats.describe(head);
    String sent = "the provider sent " + size + (size == 1 ? " byte" : " bytes");
    // A video of another of these formats than the one named is still the video paid for: saved, not refused.
    if (named.equals("MP4") || named.equals("MOV")) {
      return isBoxed(head) || VideoFormats.isEbml(head) ? Optional.empty() : Optional.of(sent + " that are not "
          + article(named) + " video: they are " + seen + " (an MP4 or MOV file opens with a box such as ftyp at"
          + " offset 4)");
    }
    if (named.equals("WebM")) {
      return VideoFormats.isEbml(head) || isBoxed(head) ? Optional.empty() : Optional.of(sent + " that are not a WebM"
          + " video: they are " + seen + " (a WebM file opens with the EBML header 1A 45 DF A3)");
    }
    return VideoFormats.isText(head) ? Optional.of(sent + " that are not a video: they are " + seen + " (the result"
        + " names the format " + shown(format) + ", which vidgen checks no further)") : Optional.empty();
  }

  /**
   * What {@code head} is when it is a video of another kind than {@code format} names (a WebM video for a
   * result named MP4, say), as "a WebM video"; empty when it is the one named or the format is not one vidgen knows.
   */
  static Optional<String> otherKind(String format, byte[] head) {
    String named = named(format);
    if ((named.equals("MP4") || named.equals("MOV")) && VideoFormats.isEbml(head)) {
      return Optional.of("a WebM video");
    }
    if (named.equals("WebM") && isBoxed(head)) {
      return Optional.of(article(VideoFormats.format(head)) + " video");
    }
    return Optional.empty();
  }

  /**
   * {@link #refusal} for the first bytes of a download still coming, said of those bytes: an error
   * page or an endless stream of something else is refused before the rest is read.
   */
  static Optional<String> refusalOfHead(String format, byte[] head) {
    return refusal(format, head, head.length).map(why -> why.replaceFirst("^the provider sent " + head.length
        + " bytes that", "the first " + head.length + " bytes the provider sent") + "; the rest was not read");
  }

  /** Whether {@code head} opens an MP4 or MOV file, whose top-level boxes can then be walked ({@link Mp4Boxes}). */
  static boolean isBoxed(byte[] head) {
    String kind = VideoFormats.format(head);
    return "MP4".equals(kind) || "MOV".equals(kind);
  }

  /** "MP4", "MOV" or "WebM" for a format vidgen knows ({@code mp4}, {@code video/quicktime}, ...); else "". */
  private static String named(String format) {
    String name = format.strip().toLowerCase(Locale.ROOT);
    int parameters = name.indexOf(';');
    name = parameters >= 0 ? name.substring(0, parameters).strip() : name;
    name = name.startsWith("video/") ? name.substring("video/".length()) : name;
    return switch (name) {
      case "mp4", "m4v", "x-m4v" -> "MP4";
      case "mov", "qt", "quicktime" -> "MOV";
      case "webm" -> "WebM";
      default -> "";
    };
  }

  private static String article(String named) {
    return named.equals("MP4") ? "an MP4" : "a " + named;
  }

  /** The server's format word, quoted and cut short, safe to print. */
  private static String shown(String format) {
    String cut = format.length() > 40 ? format.substring(0, 40) + "…" : format;
    return SafeText.clean("\"" + cut + "\"");
  }
}
