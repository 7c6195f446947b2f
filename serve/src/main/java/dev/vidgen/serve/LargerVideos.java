package dev.vidgen.serve;

import dev.vidgen.core.error.DownloadFailedException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The {@code max_video_size} setting that saves a video refused as larger than the client saves: what {@code vidgen
 * serve} and {@code vidgen download} take as {@code --set max_video_size=SIZE}, as the command line advises it.
 */
final class LargerVideos {
  static final String SETTING = "max_video_size";
  private static final long MIB = 1024 * 1024;
  private static final long GIB = 1024 * MIB;

  private LargerVideos() {}

  /**
   * {@code --set max_video_size=SIZE} large enough for the video {@code refused} was: the size its server announced,
   * else twice the limit, in whole GB (or MB below 1 GB); empty when it was not refused for its size.
   */
  static Optional<String> setting(Throwable refused) {
    if (!(refused instanceof DownloadFailedException failed) || failed.sizeLimit().isEmpty()) {
      return Optional.empty();
    }
    long limit = failed.sizeLimit().getAsLong();
    OptionalLong announced = failed.announcedSize();
    long needed = announced.orElse(limit > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : 2 * limit);
    String size = needed >= GIB ? ceil(needed, GIB) + "GB" : ceil(needed, MIB) + "MB";
    return Optional.of("--set " + SETTING + "=" + size);
  }

  private static long ceil(long bytes, long unit) {
    return bytes / unit + (bytes % unit == 0 ? 0 : 1);
  }
}
