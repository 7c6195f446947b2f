package dev.vidgen.serve;

import dev.vidgen.core.validation.Violation;
import dev.vidgen.core.validation.ViolationCodes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What of the page's form the copied {@code vidgen generate} command cannot carry as the job does: a
 * parameter that is not JSON is kept as typed (the command line refuses it the same way), and a value
 * the form refused for another reason is named beside the command as left out, so that the command,
 * pasted, does not quietly run another job. A text holding a broken character (half of an emoji) cannot be written in
 * a command at all: a shell would pass it on as {@code ?}, another text, which the command line would send and pay for.
 *
 * @param asTyped the parameters that are not JSON, by name, as typed
 * @param leftOut the fields left out of the command, each with what was given
 * @param broken the fields holding a broken character, each with where it stands
 */
record CommandGaps(Map<String, String> asTyped, List<String> leftOut, List<String> broken) {
  private static final String PARAMS = "params.";

  /**
   * The gaps the form's own violations ({@code param.*}, {@code seconds.not_whole}) and broken characters ({@code
   * text.broken_character}) among {@code violations} leave.
   */
  static CommandGaps of(List<Violation> violations) {
    Map<String, String> asTyped = new LinkedHashMap<>();
    List<String> leftOut = new ArrayList<>();
    List<String> broken = new ArrayList<>();
    for (Violation violation : violations) {
      String field = violation.field() == null ? "" : violation.field();
      switch (violation.code()) {
        case "param.not_json" -> asTyped.put(field.substring(PARAMS.length()), violation.given());
        case "param.null", "param.shortened_inline" -> leftOut.add(field + " (" + violation.given() + ")");
        case "seconds.not_whole" -> leftOut.add("seconds (" + violation.given() + ")");
        case ViolationCodes.TEXT_BROKEN_CHARACTER -> broken.add(field + " (" + violation.given() + ")");
        default -> { }
      }
    }
    return new CommandGaps(Map.copyOf(asTyped), List.copyOf(leftOut), List.copyOf(broken));
  }

  /** Why no command is given, when a text holds a broken character; empty when every text can be written. */
  Optional<String> unwritable() {
    return broken.isEmpty() ? Optional.empty() : Optional.of("No command: " + String.join(", ", broken)
        + (broken.size() == 1 ? " holds" : " hold") + " a broken character, half of one such as an emoji, which a"
        + " command cannot carry: a shell would pass it on as \"?\", and the command would send and pay for that other"
        + " text. Fix " + (broken.size() == 1 ? "that text" : "those texts") + " first.");
  }

  /** The words said beside the command when something was left out of it; empty when nothing was. */
  Optional<String> note() {
    return leftOut.isEmpty() ? Optional.empty() : Optional.of("Left out of this command: " + String.join(", ", leftOut)
        + ", which the form refuses; pasted as it is, the command would run another job: fix the form first.");
  }
}
