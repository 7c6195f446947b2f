package dev.vidgen.batch;

import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.pricing.PriceQuote;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A valid line of a batch, ready to run: its key in the journal, the job, the file its video goes
 * to and its price.
 *
 * @param key the line's {@code id}, else {@code job-} and a digest of the line
 * @param line the line number
 * @param fingerprint the digest of the line's fields
 */
public record PlannedJob(String key, int line, VideoJob job, Path out, PriceQuote quote, String fingerprint) {
  public PlannedJob {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(job, "job == null");
    Objects.requireNonNull(out, "out == null");
    Objects.requireNonNull(quote, "quote == null");
    Objects.requireNonNull(fingerprint, "fingerprint == null");
  }

  /**
   * Whether this job's video file exists although the journal has no video for it, such as one
   * saved with {@code vidgen wait --out} after a create of unknown outcome: a job that is not sent
   * again by {@code --resubmit-unknown}, since that would pay twice and replace the file.
   */
  public boolean videoSavedElsewhere() {
    return java.nio.file.Files.exists(out());
  }

  /** Why a job of unknown outcome whose video file exists is not sent again. */
  static String keptForItsFile(Path out) {
    return "not sent again: its video file " + out + " exists (saved another way, such as with vidgen wait --out),"
        + " so its task was found; move or delete the file to send the job again";
  }
}
