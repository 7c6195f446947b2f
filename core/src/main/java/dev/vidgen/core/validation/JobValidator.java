package dev.vidgen.core.validation;

import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.VideoJob;
import java.util.List;
import java.util.Objects;

/**
 * Checks a {@link VideoJob} against its route in a catalog and reports every problem at once.
 * Never throws for a bad job; reads local image files to check them. Thread-safe.
 */
public final class JobValidator {
  // TODO(validation helper): every rule of issue 2 item 4.
  private final RouteCatalog catalog;

  private JobValidator(RouteCatalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog == null");
  }

  /** A validator for the routes in {@code catalog}. */
  public static JobValidator of(RouteCatalog catalog) {
    return new JobValidator(catalog);
  }

  /** Every error and warning for {@code job}. */
  public ValidationReport validate(VideoJob job) {
    Objects.requireNonNull(job, "job == null");
    return new ValidationReport(job.model(), job.mode(), List.of());
  }
}
