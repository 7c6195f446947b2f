package dev.vidgen.core.domain;

import java.util.Locale;
import java.util.Optional;

/** What kind of generation a job asks for; each route offers a subset of these. */
public enum GenerationMode {
  /** A prompt alone becomes a video. */
  TEXT_TO_VIDEO("text-to-video", "t2v"),
  /** One or more images (first frame, or first and last frame) are animated. */
  IMAGE_TO_VIDEO("image-to-video", "i2v"),
  /** Images (or videos) serve as references for subjects or style, not as frames. */
  REFERENCE_TO_VIDEO("reference-to-video", "r2v"),
  /** An existing video is edited or extended. */
  VIDEO_EDIT("video-edit", "edit");

  private final String id;
  private final String shortId;

  GenerationMode(String id, String shortId) {
    this.id = id;
    this.shortId = shortId;
  }

  /** The stable lower-case name used in files, flags and JSON, such as {@code image-to-video}. */
  public String id() {
    return id;
  }

  /** Reads a mode from its id, its short form ({@code i2v}) or its enum name; empty if unknown. */
  public static Optional<GenerationMode> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String wanted = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (GenerationMode mode : values()) {
      if (mode.id.equals(wanted) || mode.shortId.equals(wanted)) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return id;
  }
}
