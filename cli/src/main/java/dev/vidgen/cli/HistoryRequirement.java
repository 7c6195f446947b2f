package dev.vidgen.cli;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether a paying command may go on without the task history's same-job check: by default it may
 * (and says so on stderr); with {@code VIDGEN_REQUIRE_HISTORY=1} it stops before anything is sent,
 * for scripts and CI steps that must never pay twice for a retried job.
 */
final class HistoryRequirement {
  /** The environment variable that makes a usable history a condition of paying. */
  static final String VARIABLE = "VIDGEN_REQUIRE_HISTORY";

  private HistoryRequirement() {}

  /**
   * Whether the environment requires the history.
   *
   * @throws CliException when the variable holds something other than a yes or a no
   */
  static boolean required(CliContext context) {
    String value = context.env().get(VARIABLE);
    if (value == null || value.isBlank()) {
      return false;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "1", "true", "yes", "on" -> true;
      case "0", "false", "no", "off" -> false;
      default -> throw CliException.usage(VARIABLE + " is \"" + dev.vidgen.core.text.SafeText.clip(dev.vidgen.core.text.SafeText.clean(value), 40) + "\""
          + "; give 1 (or true, yes, on) to require the task history, or 0 (false, no, off) not to", null);
    };
  }

  /** The warning code of a run that has no task history (no data folder). */
  static final String NONE = "history.none";
  /** The warning code of a task history (or lines of it) that cannot be read. */
  static final String UNREADABLE = "history.unreadable";
  /** The warning code of a task history whose lock cannot be had. */
  static final String UNLOCKED = "history.unlocked";
  /** The warning code of a job or task that the task history could not record. */
  static final String NOT_RECORDED = "history.not_recorded";
  /** The warning code of a data folder given as a relative path (a history of its own in each folder). */
  static final String RELATIVE_HOME = "history.relative_home";

  /**
   * Says {@code problem} (why the same-job check cannot be made) and, unless empty, what it costs, as a warning
   * with {@code code} (in {@code --json}'s {@code warnings} too); when the history is required, stops instead,
   * before anything is sent.
   *
   * @throws CliException when the environment requires the history
   */
  static void lacking(Session session, String code, String problem, String cost) {
    lacking(session, code, problem, cost, "give the runs a data folder they can read and write (set "
        + dev.vidgen.serve.history.TaskHistory.HOME_VARIABLE + "), or unset " + VARIABLE
        + " to pay without the same-job check");
  }

  /** {@link #lacking(Session, String, String, String)} with its own advice for the refusal. */
  static void lacking(Session session, String code, String problem, String cost, String advice) {
    if (required(session.context())) {
      // A data folder that cannot hold the history is what to mend, not each read or write it made fail.
      Optional<DataFolderTrouble> trouble = aboutItsUse(code) ? session.historyTrouble() : Optional.empty();
      throw new CliException(ExitCodes.OTHER, "history_required", trouble.map(found -> "no task history: "
          + found.problem()).orElse(problem) + ", and " + VARIABLE + " is set, so nothing was sent",
          trouble.map(found -> found.fix() + "; or unset " + VARIABLE + " to pay without the same-job check")
              .orElse(advice));
    }
    session.warn(code, cost.isEmpty() ? problem : problem + ", " + cost);
  }

  /** Whether {@code code} warns of a task history that could not be read, locked or written. */
  static boolean aboutItsUse(String code) {
    return code.equals(UNREADABLE) || code.equals(UNLOCKED) || code.equals(NOT_RECORDED);
  }
}
