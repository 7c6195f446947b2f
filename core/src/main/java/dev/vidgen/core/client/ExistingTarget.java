package dev.vidgen.core.client;

/**
 * What a download does about a file already at its target when the video is renamed into place:
 * replace it, or keep it and fail, so that two runs saving to one path never lose a paid video.
 */
public enum ExistingTarget {
  /** A file at the target is replaced, in one rename. */
  REPLACE,
  /**
   * A file at the target is kept: the download fails with a {@link
   * dev.vidgen.core.error.DownloadFailedException} saying so, and the video is not saved.
   */
  KEEP
}
