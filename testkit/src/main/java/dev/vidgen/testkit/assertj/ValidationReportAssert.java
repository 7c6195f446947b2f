package dev.vidgen.testkit.assertj;

import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.validation.ValidationReport;
import dev.vidgen.core.validation.Violation;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link ValidationReport}, such as {@code
 * assertThat(report).hasError("seconds", "seconds.not_offered")}.
 */
public final class ValidationReportAssert
    extends AbstractAssert<ValidationReportAssert, ValidationReport> {
  ValidationReportAssert(ValidationReport actual) {
    super(actual, ValidationReportAssert.class);
  }

  /** No errors (warnings allowed). */
  public ValidationReportAssert isValid() {
    isNotNull();
    if (!actual.isValid()) {
      failWithMessage("expected job on %s to be valid but it has errors:%n%s", actual.model(),
          describe(actual.errors()));
    }
    return this;
  }

  /** At least one error. */
  public ValidationReportAssert isInvalid() {
    isNotNull();
    if (actual.isValid()) {
      failWithMessage("expected job on %s to be invalid but it has no errors", actual.model());
    }
    return this;
  }

  /** An error on {@code field} with {@code code}. */
  public ValidationReportAssert hasError(String field, String code) {
    return has(actual == null ? List.of() : actual.errors(), "an error", field, code);
  }

  /** A warning on {@code field} with {@code code}. */
  public ValidationReportAssert hasWarning(String field, String code) {
    return has(actual == null ? List.of() : actual.warnings(), "a warning", field, code);
  }

  /** Some error whose message contains {@code text}. */
  public ValidationReportAssert hasErrorMessageContaining(String text) {
    isNotNull();
    if (actual.errors().stream().noneMatch(v -> v.message().contains(text))) {
      failWithMessage("expected an error message containing <%s> but the errors are:%n%s", text,
          describe(actual.errors()));
    }
    return this;
  }

  public ValidationReportAssert hasNoWarnings() {
    isNotNull();
    if (!actual.warnings().isEmpty()) {
      failWithMessage("expected no warnings but got:%n%s", describe(actual.warnings()));
    }
    return this;
  }

  public ValidationReportAssert hasErrorCount(int count) {
    isNotNull();
    if (actual.errors().size() != count) {
      failWithMessage("expected %s error%s but got %s:%n%s", count, count == 1 ? "" : "s", actual.errors().size(),
          describe(actual.errors()));
    }
    return this;
  }

  /** The job resolves to {@code mode}. */
  public ValidationReportAssert resolvesTo(GenerationMode mode) {
    isNotNull();
    if (actual.mode() != mode) {
      failWithMessage("expected the job to resolve to %s but it resolves to %s", mode, actual.mode());
    }
    return this;
  }

  private ValidationReportAssert has(List<Violation> found, String what, String field, String code) {
    isNotNull();
    boolean present = found.stream().anyMatch(v -> v.field().equals(field) && v.code().equals(code));
    if (!present) {
      failWithMessage("expected %s on %s with code %s but got:%n%s", what, field, code,
          found.isEmpty() ? "  (none)" : describe(found));
    }
    return this;
  }

  private static String describe(List<Violation> violations) {
    return violations.stream()
        .map(v -> "  " + v.field() + " [" + v.code() + "] " + v.message())
        .collect(Collectors.joining(System.lineSeparator()));
  }
}
