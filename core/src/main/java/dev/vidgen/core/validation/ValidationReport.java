package dev.vidgen.core.validation;

import dev.vidgen.core.domain.GenerationMode;
import java.util.List;
import java.util.Optional;

/**
 * Everything validation found about one job: errors (which block it), warnings (which do not),
 * and the mode the job resolves to.
 *
 * @param model the catalog's name for the model the job gave (the route's id, or the alias given,
 *     in the catalog's spelling), or the job's model as given when no route has it
 * @param mode the requested or inferred mode; null when none could be inferred
 * @param violations every error and warning found
 */
public record ValidationReport(String model, GenerationMode mode, List<Violation> violations) {

  /** A report as given, with {@code violations} copied; the list must not be null nor hold null. */
  public ValidationReport {
    violations = List.copyOf(violations);
  }

  /** Whether the job may be sent (no errors; warnings allowed). */
  public boolean isValid() {
    return violations.stream().noneMatch(Violation::isError);
  }

  /** The violations that block the job; empty when it may be sent. */
  public List<Violation> errors() {
    return violations.stream().filter(Violation::isError).toList();
  }

  /** The violations that do not block the job; empty when there are none. */
  public List<Violation> warnings() {
    return violations.stream().filter(v -> !v.isError()).toList();
  }

  /** The requested or inferred mode, when there is one. */
  public Optional<GenerationMode> resolvedMode() {
    return Optional.ofNullable(mode);
  }
}
