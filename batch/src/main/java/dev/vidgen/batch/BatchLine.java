package dev.vidgen.batch;

import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.validation.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of a jobs file as read: its number, the job it asks for (null when the line could not
 * be read as one), its optional {@code id} and {@code out}, a digest of its content, and every
 * problem found.
 *
 * @param number the line number, from 1
 * @param id the line's {@code id}, or null
 * @param job the job, or null when the line is not a readable job
 * @param out the line's {@code out} as written, or null
 * @param fingerprint a digest of the line's fields (the same job written the same way on any
 *     machine has the same digest)
 * @param violations errors (which block the line) and warnings
 */
public record BatchLine(
    int number, String id, VideoJob job, String out, String fingerprint, List<Violation> violations) {

  public BatchLine {
    violations = List.copyOf(violations);
  }

  /** Whether the line may be sent: it is a job and has no errors. */
  public boolean isValid() {
    return job != null && violations.stream().noneMatch(Violation::isError);
  }

  /** The errors that block the line. */
  public List<Violation> errors() {
    return violations.stream().filter(Violation::isError).toList();
  }

  /** This line with {@code more} problems added. */
  public BatchLine withViolations(List<Violation> more) {
    List<Violation> all = new ArrayList<>(violations);
    all.addAll(more);
    return new BatchLine(number, id, job, out, fingerprint, all);
  }
}
