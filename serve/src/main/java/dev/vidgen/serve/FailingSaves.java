package dev.vidgen.serve;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.text.ByteSizes;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * What the playground knows of saving into its videos folder that the next Generate would pay for in vain: the last
 * save there that failed in a way a video as large meets again (a file-size limit, a video larger than the whole file
 * system) until a later save there succeeds, and a file-size limit below the largest video it saves. Each check and
 * Generate says it as a warning.
 */
final class FailingSaves {
  /** The code of the warning. */
  static final String CODE = "videos.save_fails";
  /** How core begins the place a file-size limit allows. */
  private static final String LIMIT = "where the file-size limit allows it";
  private static final String OTHER_FOLDER = "in a folder on another file system";

  private record Failed(String taskId, String whereToSave) {}

  private final Path videos;
  private final Supplier<OptionalLong> limit;
  private final AtomicReference<Failed> last = new AtomicReference<>();

  /** For the videos folder {@code videos}, the process's file-size limit read by {@code limit}. */
  FailingSaves(Path videos, Supplier<OptionalLong> limit) {
    this.videos = Objects.requireNonNull(videos, "videos == null");
    this.limit = Objects.requireNonNull(limit, "limit == null");
  }

  /** Task {@code taskId}'s video was refused there in a way that repeats; {@code whereToSave} says where it fits. */
  void failed(String taskId, String whereToSave) {
    last.set(new Failed(taskId, whereToSave));
  }

  /** A video was saved there: what failed before does not stand in the way of the next one. */
  void saved() {
    last.set(null);
  }

  /** The warning a check and a Generate give now, if any. */
  Optional<String> warning() {
    OptionalLong max = limit.get().stream().filter(bytes -> bytes < VidgenClient.DEFAULT_MAX_VIDEO_BYTES)
        .findFirst();
    String limitWords = max.isPresent() ? "this playground may write files of at most "
        + ByteSizes.words(max.getAsLong()) + " (its file-size limit, ulimit -f)" : null;
    Failed failed = last.get();
    if (failed == null) {
      return Optional.ofNullable(limitWords).map(words -> words + ", so a video larger than that is paid for but"
          + " not saved in " + videos + "; to save larger videos, start vidgen serve again from a shell whose"
          + " ulimit -f is unlimited");
    }
    boolean overLimit = failed.whereToSave().startsWith(LIMIT);
    return Optional.of("the video of task " + failed.taskId() + " could not be saved in " + videos + ", and saving"
        + " one as large there fails the same way" + (overLimit && limitWords != null ? ": " + limitWords : "")
        + "; a video as large made now is paid for but not saved here: to save such videos, start vidgen serve again "
        + failed.whereToSave().replace(OTHER_FOLDER, "with --out a folder on another file system"));
  }
}
