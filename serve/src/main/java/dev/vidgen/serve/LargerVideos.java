package dev.vidgen.serve;

import dev.vidgen.core.error.DownloadFailedException;
import dev.vidgen.serve.history.CompletedNote;
import dev.vidgen.serve.history.HistoryEntry;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The {@code max_video_size} setting that saves a video refused as larger than the client saves: what {@code vidgen
 * serve} and {@code vidgen download} take as {@code --set max_video_size=SIZE}, as the command line advises it.
 */
final class LargerVideos {
  static final String SETTING = "max_video_size";
  private static final long MIB = 1024 * 1024;
  private static final long GIB = 1024 * MIB;
  /**
   * What the history keeps in a completed task's {@code error} when its video was refused for its size, so that the
   * advice after a restart still names the setting: "video larger than the playground saves; --set
   * max_video_size=2GB saves it".
   */
  private static final CompletedNote NOTE = new CompletedNote("video larger than the playground saves; ", " saves it");
  /** A setting {@link #setting} gives, and nothing else: what a history line holds is read back into a command. */
  private static final Pattern GIVEN = Pattern.compile("--set " + SETTING + "=[0-9]{1,12}(MB|GB)");

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

  /** {@code entry}, a completed task without a file, noting that its video needed {@code setting} to be saved. */
  static HistoryEntry mark(HistoryEntry entry, String setting) {
    return NOTE.on(entry, setting);
  }

  /** The setting the history noted for {@code entry}'s video (a completed task without a file), if it noted one. */
  static Optional<String> of(HistoryEntry entry) {
    return NOTE.in(entry).filter(setting -> GIVEN.matcher(setting).matches());
  }

  private static long ceil(long bytes, long unit) {
    return bytes / unit + (bytes % unit == 0 ? 0 : 1);
  }
}
