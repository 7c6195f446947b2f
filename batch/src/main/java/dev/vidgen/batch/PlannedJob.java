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
}
