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
 */
public record ValidationReport(String model, GenerationMode mode, List<Violation> violations) {

  public ValidationReport {
    violations = List.copyOf(violations);
  }

  /** Whether the job may be sent (no errors; warnings allowed). */
  public boolean isValid() {
    return violations.stream().noneMatch(Violation::isError);
  }

  public List<Violation> errors() {
    return violations.stream().filter(Violation::isError).toList();
  }

  public List<Violation> warnings() {
    return violations.stream().filter(v -> !v.isError()).toList();
  }

  /** The requested or inferred mode, when there is one. */
  public Optional<GenerationMode> resolvedMode() {
    return Optional.ofNullable(mode);
  }
}
