package dev.vidgen.core.domain;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A finished video at the provider: where to fetch it, its format and when the link expires
 * (providers keep results for a limited time).
 *
 * @param url where to fetch the video
 * @param format the file format, such as {@code mp4} (the default)
 * @param expiresAt null when the provider did not say
 */
public record VideoAsset(URI url, String format, Instant expiresAt) {
  /**
   * An asset as given; {@code url} must not be null, and a null or blank {@code format} becomes
   * {@code mp4}.
   */
  public VideoAsset {
    Objects.requireNonNull(url, "url == null");
    format = format == null || format.isBlank() ? "mp4" : format;
  }

  /**
   * The extensions a saved video's name may end in. {@link #format()} is the server's word (a name such as
   * {@code webm} or a media type such as {@code video/webm}), and a file name must never carry another kind of
   * file's extension, a key, or a run of letters no file system takes.
   */
  public static final java.util.Set<String> EXTENSIONS = java.util.Set.of("mp4", "webm", "mov", "m4v", "mkv", "avi");

  /** The extension a file holding this video is named with: {@link #extensionOf} this asset's format. */
  public String fileExtension() {
    return extensionOf(format);
  }

  /**
   * The extension for a video of {@code format}, one of {@link #EXTENSIONS}: the format's own name, or the one its
   * media type stands for ({@code video/quicktime} is {@code mov}); {@code mp4} for anything else.
   */
  public static String extensionOf(String format) {
    String said = format == null ? "" : format.strip().toLowerCase(java.util.Locale.ROOT);
    said = said.startsWith("video/") ? said.substring("video/".length()) : said;
    said = switch (said) {
      case "quicktime" -> "mov";
      case "x-matroska" -> "mkv";
      case "x-msvideo" -> "avi";
      case "x-m4v" -> "m4v";
      default -> said;
    };
    return EXTENSIONS.contains(said) ? said : "mp4";
  }

  /** When the link stops working, if the provider said. */
  public Optional<Instant> expiry() {
    return Optional.ofNullable(expiresAt);
  }

  /** Whether the link has expired at {@code now}; false when the expiry is unknown. */
  public boolean isExpiredAt(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  /**
   * The asset with its link's user info and query hidden ({@code https://host/x.mp4?…}): a signed link
   * fetches the video without any key for as long as it lasts, so a logged result must not carry it.
   * {@link #url()} gives it whole.
   */
  @Override
  public String toString() {
    // As SafeText.withoutUrlSecrets (the pure domain uses nothing but the JDK).
    String shown = url.toString().replaceAll("(?<=//)[^/?#]*@", "…@").replaceAll("[?#].*", "?…");
    return "VideoAsset[url=" + shown + ", format=" + format + ", expiresAt=" + expiresAt + "]";
  }
}
