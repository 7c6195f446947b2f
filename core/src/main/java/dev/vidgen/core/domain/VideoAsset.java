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
