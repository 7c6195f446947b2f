package dev.vidgen.serve;

import dev.vidgen.core.validation.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What of the page's form the copied {@code vidgen generate} command cannot carry as the job does: a
 * parameter that is not JSON is kept as typed (the command line refuses it the same way), and a value
 * the form refused for another reason is named beside the command as left out, so that the command,
 * pasted, does not quietly run another job.
 *
 * @param asTyped the parameters that are not JSON, by name, as typed
 * @param leftOut the fields left out of the command, each with what was given
 */
record CommandGaps(Map<String, String> asTyped, List<String> leftOut) {
  private static final String PARAMS = "params.";

  /** The gaps the form's own violations ({@code param.*}, {@code seconds.not_whole}) among {@code violations} leave. */
  static CommandGaps of(List<Violation> violations) {
    Map<String, String> asTyped = new LinkedHashMap<>();
    List<String> leftOut = new ArrayList<>();
    for (Violation violation : violations) {
      String field = violation.field() == null ? "" : violation.field();
      switch (violation.code()) {
        case "param.not_json" -> asTyped.put(field.substring(PARAMS.length()), violation.given());
        case "param.null", "param.shortened_inline" -> leftOut.add(field + " (" + violation.given() + ")");
        case "seconds.not_whole" -> leftOut.add("seconds (" + violation.given() + ")");
        default -> { }
      }
    }
    return new CommandGaps(Map.copyOf(asTyped), List.copyOf(leftOut));
  }

  /** The words said beside the command when something was left out of it; empty when nothing was. */
  Optional<String> note() {
    return leftOut.isEmpty() ? Optional.empty() : Optional.of("Left out of this command: " + String.join(", ", leftOut)
        + ", which the form refuses; pasted as it is, the command would run another job: fix the form first.");
  }
}
