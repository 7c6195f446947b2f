package dev.vidgen.cli;

import dev.vidgen.batch.BatchPlan;
import dev.vidgen.batch.BatchPreview;
import dev.vidgen.batch.PlannedJob;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import dev.vidgen.core.text.Plural;
import dev.vidgen.core.validation.ViolationCodes;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@code vidgen batch} tells of failed jobs and the way to try them again: a failed job without
 * a task (nothing was created) is sent again by {@code --retry-failed}; one with a task may have been
 * charged, so only a new id for its line tries it again.
 */
final class FailedAdvice {
  static final String OPTION = "--retry-failed";
  /** The provider's code of a create refused for a model the key may not use. */
  private static final String MODEL_NOT_FOUND = "model_not_found";

  private FailedAdvice() {}

  /** The dry run's words after a failed job's state, or empty for another job. */
  static String cell(BatchPreview.JobPreview seen) {
    Entry entry = seen.entry();
    if (entry == null || entry.state() != State.FAILED) {
      return "";
    }
    if (entry.taskId() != null) {
      return ": its task may have been charged, so it is not sent again; a new id for its line tries again";
    }
    if (seen.action() == BatchPreview.Action.SEND && BatchTakes.earlierTakes(entry) > 0) {
      return ": sent again, perhaps paying twice, as an earlier take may have made a paid task (look first: --adopt "
          + entry.key() + "=TASK_ID takes it in)";
    }
    if (seen.action() != BatchPreview.Action.KEEP || seen.job().followOnly()) {
      return "";
    }
    return BatchTakes.earlierTakes(entry) > 0 ? ": an earlier take may have made a paid task; look first (--adopt "
        + entry.key() + "=TASK_ID takes it in), as " + OPTION + " sends it again, perhaps paying twice"
        : ": " + OPTION + " sends it again";
  }

  /** The dry run's line on the failed jobs a run now would keep (or send again though earlier takes may have made a task), or null. */
  static String kept(BatchPreview preview) {
    List<BatchPreview.JobPreview> kept = preview.jobs().stream().filter(job -> job.action() == BatchPreview.Action.KEEP
        && job.entry() != null && job.entry().state() == State.FAILED).toList();
    long noTask = kept.stream().filter(job -> job.entry().taskId() == null && !job.job().followOnly()
        && BatchTakes.earlierTakes(job.entry()) == 0).count();
    long earlier = kept.stream().filter(job -> job.entry().taskId() == null && !job.job().followOnly()
        && BatchTakes.earlierTakes(job.entry()) > 0).count();
    long withTask = kept.stream().filter(job -> job.entry().taskId() != null).count();
    long resent = preview.jobs().stream().filter(job -> job.action() == BatchPreview.Action.SEND
        && job.entry() != null && job.entry().state() == State.FAILED && BatchTakes.earlierTakes(job.entry()) > 0)
        .count();
    List<String> parts = new java.util.ArrayList<>();
    if (resent > 0) {
      parts.add(Plural.count(resent, "failed job", "failed jobs") + " " + OPTION + " would send again "
          + Plural.word(resent, "has", "have") + " earlier takes that may have made a paid task: check the provider's"
          + " dashboard first (--adopt JOB_ID=TASK_ID takes a task found in, sending nothing), as sending "
          + Plural.word(resent, "it", "them") + " again may pay twice");
    }
    if (noTask > 0) {
      parts.add(Plural.count(noTask, "failed job has", "failed jobs have") + " no task (nothing was created): " + OPTION
          + " sends " + Plural.word(noTask, "it", "them") + " again");
    }
    if (earlier > 0) {
      parts.add(earlierWords(earlier));
    }
    if (withTask > 0) {
      parts.add(Plural.count(withTask, "failed job has a task", "failed jobs have a task") + " that may have been"
          + " charged, not sent again by " + OPTION + ": a new id for " + Plural.word(withTask, "its line", "each line")
          + " tries again");
    }
    return parts.isEmpty() ? null : String.join("; ", parts);
  }

  /**
   * Whether {@code entry} failed without a task (nor earlier takes) because the key may not use its model: sent
   * again on that model it is refused again, so only another model in its line helps.
   */
  private static boolean refusedForModel(Entry entry) {
    return entry.state() == State.FAILED && entry.taskId() == null && BatchTakes.earlierTakes(entry) == 0
        && (ViolationCodes.MODEL_NOT_AVAILABLE.equals(entry.reasonCode())
            || MODEL_NOT_FOUND.equals(entry.reasonCode()));
  }

  /** For failed jobs without a task whose earlier takes (before they were sent again) may have made paid tasks. */
  private static String earlierWords(long jobs) {
    return Plural.count(jobs, "failed job has", "failed jobs have") + " no task of " + Plural.word(jobs, "its", "their")
        + " last create, but earlier takes that may have made a paid task: check the provider's dashboard first (--adopt JOB_ID=TASK_ID takes a task"
        + " found in, sending nothing); " + OPTION + " sends " + Plural.word(jobs, "it", "them") + " again, perhaps"
        + " paying twice";
  }

  /** What to do about the failed jobs a finished run lists, naming {@code --retry-failed} for those without a task. */
  static String next(List<Entry> entries, BatchPlan plan) {
    Set<String> sendable = plan.jobs().stream().filter(job -> !job.followOnly()).map(PlannedJob::key)
        .collect(Collectors.toSet());
    List<Entry> failed = entries.stream().filter(e -> e.state() == State.FAILED).toList();
    long modelRefused = failed.stream().filter(FailedAdvice::refusedForModel).count();
    long noTask = failed.stream().filter(e -> e.taskId() == null && sendable.contains(e.key())
        && BatchTakes.earlierTakes(e) == 0 && !refusedForModel(e)).count();
    long earlier = failed.stream().filter(e -> e.taskId() == null && sendable.contains(e.key())
        && BatchTakes.earlierTakes(e) > 0).count();
    long withTask = failed.stream().filter(e -> e.taskId() != null).count();
    if (noTask == 0 && earlier == 0 && withTask == 0 && modelRefused == 0) {
      return "fix or drop the failed lines and run again with a new id for each changed line";
    }
    List<String> parts = new java.util.ArrayList<>();
    if (modelRefused > 0) {
      String those = modelRefused == failed.size() ? Plural.word(modelRefused, "it", "them")
          : modelRefused + " of them";
      parts.add("nothing was created for " + those + " (no task), refused as " + Plural.word(modelRefused,
          "its model is one", "their models are ones") + " this key may not use: not sent again on "
          + Plural.word(modelRefused, "that model", "those models") + ", not even with " + OPTION + "; give "
          + Plural.word(modelRefused, "its line a model", "their lines a model") + " the key may use (vidgen models"
          + " --live marks them) and run again with " + OPTION);
    }
    if (noTask > 0) {
      String nothing = noTask == failed.size() ? Plural.word(noTask, "it", "them") : noTask + " of them";
      parts.add("nothing was created for " + nothing + " (no task): fix what " + Plural.word(noTask,
          "its reason says", "their reasons say") + " and run again with " + OPTION);
    }
    if (earlier > 0) {
      parts.add(earlierWords(earlier));
    }
    if (withTask > 0) {
      parts.add("a failed job with a task (its task may have been charged) is not sent again by " + OPTION
          + ": give its line a new id to try again");
    }
    return String.join("; ", parts);
  }
}
