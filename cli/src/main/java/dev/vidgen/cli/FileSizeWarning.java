package dev.vidgen.cli;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.files.FileSizeLimit;
import dev.vidgen.core.text.ByteSizes;
import java.util.OptionalLong;

/**
 * The warning a command that pays for videos gives before anything is sent: this process's file-size limit
 * ({@code ulimit -f}) is below the largest video vidgen saves, so a larger video is paid for and not saved. Told
 * once per command, on stderr and in its JSON's {@code warnings}.
 */
final class FileSizeWarning {
  /** The warning's code in {@code --json}'s {@code warnings}. */
  static final String CODE = "output.file_size_limit";

  private FileSizeWarning() {}

  /** Tells the warning for this process's limit, when it is known and below the largest video. */
  static void tell(Session session) {
    tell(session, FileSizeLimit.ofThisProcess());
  }

  /** Tells the warning for {@code limit} (empty: unknown or unlimited, nothing is told). */
  static void tell(Session session, OptionalLong limit) {
    limit.stream().filter(max -> max < VidgenClient.DEFAULT_MAX_VIDEO_BYTES).forEach(max -> session.warn(CODE,
        "this shell's file-size limit (ulimit -f) lets vidgen write files of at most " + ByteSizes.words(max)
            + ", so a video larger than that is paid for but not saved; to save larger videos, run it from a shell"
            + " whose ulimit -f is unlimited"));
  }
}
