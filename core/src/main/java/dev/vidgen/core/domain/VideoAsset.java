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
 * @param format the file format, one of {@link #FORMATS} in lower case ({@code mp4}, the default, for any other)
 * @param expiresAt null when the provider did not say
 */
public record VideoAsset(URI url, String format, Instant expiresAt) {
  /**
   * The video formats a result may be said to have. A format is the server's word and names saved files
   * ({@code TASK.mp4}), so any other word (an executable's or a page's extension, a key, a long run of letters)
   * is taken as {@code mp4}.
   */
  public static final java.util.Set<String> FORMATS = java.util.Set.of("mp4", "webm", "mov", "m4v", "mkv");

  /**
   * An asset as given; {@code url} must not be null, and a {@code format} that is null, blank or none of
   * {@link #FORMATS} (in any case) becomes {@code mp4}.
   */
  public VideoAsset {
    Objects.requireNonNull(url, "url == null");
    String said = format == null ? "" : format.strip().toLowerCase(java.util.Locale.ROOT);
    format = FORMATS.contains(said) ? said : "mp4";
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
