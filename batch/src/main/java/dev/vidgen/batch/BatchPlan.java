package dev.vidgen.batch;

import dev.vidgen.core.pricing.PriceQuote;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A jobs file checked and priced, before anything is sent: the jobs that may run, the lines that
 * may not (with every problem), and the total price.
 *
 * @param batch the batch name, under which the journal keeps its jobs
 * @param lines every line read, in order
 * @param jobs the valid lines, ready to run
 * @param invalid the lines that cannot run, with their problems
 * @param outDir the folder the videos go to (relative {@code out} paths are taken from it), where
 *     {@link ResultsManifest} binds them to their journal
 */
public record BatchPlan(String batch, List<BatchLine> lines, List<PlannedJob> jobs, List<BatchLine> invalid,
    java.nio.file.Path outDir) {

  public BatchPlan {
    Objects.requireNonNull(batch, "batch == null");
    Objects.requireNonNull(outDir, "outDir == null");
    lines = List.copyOf(lines);
    jobs = List.copyOf(jobs);
    invalid = List.copyOf(invalid);
  }

  /** The summed credits of the jobs whose price is known. */
  public BigDecimal knownCredits() {
    return jobs.stream()
        .map(PlannedJob::quote)
        .filter(PriceQuote::isKnown)
        .map(PriceQuote::credits)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** The same total in US dollars. */
  public BigDecimal knownUsd() {
    return jobs.stream()
        .map(PlannedJob::quote)
        .filter(PriceQuote::isKnown)
        .map(PriceQuote::usd)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** How many jobs have no documented price. */
  public int unknownPrices() {
    return (int) jobs.stream().filter(job -> !job.quote().isKnown()).count();
  }

  /**
   * Whether the whole batch may cost more than {@code maxCredits}: its known total is over it, or
   * some price is unknown (an unknown price never fits a limit) and unknown prices are not allowed.
   *
   * @param allowUnknownPrices whether jobs of unknown price may run (counted as nothing against the limit)
   */
  public boolean exceeds(BigDecimal maxCredits, boolean allowUnknownPrices) {
    Objects.requireNonNull(maxCredits, "maxCredits == null");
    return (unknownPrices() > 0 && !allowUnknownPrices) || knownCredits().compareTo(maxCredits) > 0;
  }
}
