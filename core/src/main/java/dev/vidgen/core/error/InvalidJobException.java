package dev.vidgen.core.error;

import dev.vidgen.core.validation.ValidationReport;
import dev.vidgen.core.validation.Violation;
import java.util.List;
import java.util.stream.Collectors;

/** The job breaks its route's rules; nothing was sent. The report lists every problem. */
public final class InvalidJobException extends VidgenException {
  private static final long serialVersionUID = 1L;

  private final transient ValidationReport report;

  /** An error for the errors in {@code report}, which the message lists. */
  public InvalidJobException(ValidationReport report) {
    super(describe(report));
    this.report = report;
  }

  /**
   * An error for the errors in {@code report} of the job called {@code job} ("extend of video_1": a follow-on whose
   * model is not known), which the message names instead of the report's model.
   */
  public InvalidJobException(ValidationReport report, String job) {
    super(describe("invalid " + job, report));
    this.report = report;
  }

  /** The whole report, warnings included. */
  public ValidationReport report() {
    return report;
  }

  /** The errors that block the job. */
  public List<Violation> violations() {
    return report.errors();
  }

  @Override
  public String docsAnchor() {
    return "invalid-job";
  }

  private static String describe(ValidationReport report) {
    String model = report.model() == null || report.model().isBlank() ? "no model" : report.model();
    return describe("invalid job for " + model, report);
  }

  private static String describe(String what, ValidationReport report) {
    List<Violation> errors = report.errors();
    return what + " (" + errors.size() + " problem"
        + (errors.size() == 1 ? "" : "s") + "): "
        + errors.stream().map(Violation::message).collect(Collectors.joining("; "))
        + " (see docs/errors.md#invalid-job)";
  }
}
