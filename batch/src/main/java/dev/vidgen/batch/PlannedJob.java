package dev.vidgen.batch;

import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.validation.Violation;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A valid line of a batch, ready to run: its key in the journal, the job, the file its video goes
 * to and its price.
 *
 * @param key the line's {@code id}, else {@code job-} and a digest of the line
 * @param line the line number
 * @param fingerprint the digest of the line's fields
 * @param modelRefusal why its model refuses a create now (empty for a job that may be sent): such a job
 *     only follows the task the journal holds for it, and is never sent
 */
public record PlannedJob(String key, int line, VideoJob job, Path out, PriceQuote quote, String fingerprint,
    List<Violation> modelRefusal) {
  public PlannedJob {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(job, "job == null");
    Objects.requireNonNull(out, "out == null");
    Objects.requireNonNull(quote, "quote == null");
    Objects.requireNonNull(fingerprint, "fingerprint == null");
    modelRefusal = List.copyOf(modelRefusal);
  }

  /** A job that may be sent. */
  public PlannedJob(String key, int line, VideoJob job, Path out, PriceQuote quote, String fingerprint) {
    this(key, line, job, out, quote, fingerprint, List.of());
  }

  /** Whether this job may only follow the task it already has, because its model refuses a create now. */
  public boolean followOnly() {
    return !modelRefusal.isEmpty();
  }

  /**
   * This job priced at what the journal quoted it when it was sent ({@code credits}; null when that
   * price was unknown, which leaves today's): a job past its create cost what it cost then, whatever
   * the price is now.
   */
  PlannedJob quotedAt(java.math.BigDecimal credits) {
    if (credits == null || quote.isKnown() && quote.credits().compareTo(credits) == 0) {
      return this;
    }
    return new PlannedJob(key, line, job, out, new PriceQuote(job.model(), credits, PriceQuote.usdOf(credits),
        "its quote when it was sent"), fingerprint, modelRefusal);
  }

  /**
   * Whether this job's video file exists although the journal has no video for it, such as one
   * saved with {@code vidgen wait --out} after a create of unknown outcome: a job that is not sent
   * again by {@code --resubmit-unknown}, since that would pay twice and replace the file.
   */
  public boolean videoSavedElsewhere() {
    return java.nio.file.Files.exists(out());
  }

  /** The journal's reason code of a job of unknown outcome kept from being sent again because its video file exists. */
  public static final String VIDEO_EXISTS = "video_exists";

  /** Why a job of unknown outcome whose video file exists is not sent again. */
  static String keptForItsFile(Path out) {
    return "not sent again: its video file " + out + " exists (saved another way, such as with vidgen wait --out),"
        + " so its task was found; move or delete the file to send the job again";
  }
}
