package dev.vidgen.cli;

import dev.vidgen.batch.PlannedJob;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.text.SafeText;
import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.JobIdentity;
import dev.vidgen.serve.history.TaskHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The batch lines whose job the task history holds as a take made within the day on this server, or recorded
 * without its server by an older vidgen ({@link RepeatCheck#countsHere}) (by
 * {@code generate}, the playground or another batch: this batch's own tasks are not counted while its journal follows
 * them, and are counted as another's once it does not), by {@code generate}'s measure of the same job. Read only; a
 * history that cannot be read is said and never stops the batch. The lines are warned about, not held back: the batch
 * sends and pays for them again.
 */
final class HistoryTakes {
  /** The warning's code, in {@code --json}'s {@code warnings}. */
  static final String CODE = "batch.same_job_in_history";

  /** A line to send and the newest take of its job in the history. */
  record Found(PlannedJob job, HistoryEntry take) {}

  private HistoryTakes() {}

  /**
   * The lines of {@code jobs} that {@code toSend} accepts whose job the history holds, each with its newest take
   * other than the tasks {@code self} follows (this batch's that its journal holds, never paid for twice); none for
   * the mock (it charges nothing), without a history, or when it cannot be read (said on stderr).
   */
  static List<Found> find(Session session, VidgenClient client, List<PlannedJob> jobs, Predicate<PlannedJob> toSend,
      JournalFollows self, Output output) {
    String provider = client.provider().id();
    if (provider.equals(ProviderChoice.MOCK)) {
      return List.of();
    }
    Optional<TaskHistory> history = HistoryRecord.history(session.context());
    if (history.isEmpty()) {
      return List.of();
    }
    Instant now = Instant.now();
    Instant since = now.minus(TaskHistory.SAME_JOB_WINDOW);
    try {
      Predicate<HistoryEntry> counted = entry -> entry.provider().equals(provider) && !entry.failedUnsaved()
          && !entry.isSettledNote() && !entry.submittedAt().isBefore(since) && RepeatCheck.countsHere(session, entry)
          && !self.follows(entry);
      // Only lines whose prompt a recent take has can be its job: a file of many lines is not previewed against the
      // history line by line for nothing (the prompt is sent as written).
      Set<String> prompts = history.get().entries().stream().filter(counted).map(HistoryEntry::job)
          .flatMap(Optional::stream).map(VideoJob::prompt).collect(Collectors.toSet());
      if (prompts.isEmpty()) {
        return List.of();
      }
      Function<VideoJob, Object> identity = JobIdentity.remembered(JobIdentity.asSent(client));
      List<Found> found = new ArrayList<>();
      for (PlannedJob job : jobs) {
        if (job.followOnly() || !prompts.contains(job.job().prompt()) || !toSend.test(job)) {
          continue;
        }
        history.get().sameJob(provider, job.job(), since, identity, counted, session.inputDigests())
            .ifPresent(take -> found.add(new Found(job, take)));
      }
      return found;
    } catch (RuntimeException unreadable) {
      output.note("the task history " + history.get().file() + " could not be read (" + SafeText.clip(
          SafeText.clean(String.valueOf(unreadable.getMessage())), 200) + "), so the batch cannot tell whether a line"
          + " is a job generate, the playground or another batch made today; the batch goes on");
      return List.of();
    }
  }

  /** One warning per line found, naming the earlier task and when it was made; kept for {@code --json}. */
  static void warn(Session session, List<Found> found) {
    Instant now = Instant.now();
    for (Found one : found) {
      session.warn(CODE, words(one, now));
    }
  }

  /**
   * The warning for {@code one} at {@code now}: the earlier take, how it stands (a note whose create may still be
   * answered is "on its way", not "unknown"), and that the line is sent and paid for again all the same.
   */
  static String words(Found one, Instant now) {
    HistoryEntry take = one.take();
    boolean note = take.status().equals(UnansweredCreate.STATUS) && take.jobHandle().isEmpty();
    return "line " + one.job().line() + " (" + SafeText.clip(SafeText.clean(one.job().key()), 40)
        + ") asks for the same job as " + (note ? "the create vidgen history lists as " : "task ")
        + SafeText.clip(take.taskId(), 100) + ", submitted " + HistoryCommand.ago(take.submittedAt(), now)
        + (take.source() == null ? "" : " by vidgen " + SafeText.clip(SafeText.clean(take.source()), 40))
        + (take.batch() == null ? "" : " " + SafeText.clip(SafeText.clean(take.batch().words()), 300))
        + " (" + (take.mayStillBeOnItsWay(now) ? "its create is on its way" : SafeText.clip(take.status(), 40))
        + (take.file() != null ? ", saved as " + take.file() : "") + "): the batch warns of such a line but does not"
        + " hold it back: it sends it and pays for it again; remove the line if that take is the video you want";
  }

  /** For {@code --json}: each line found, with the earlier task. */
  static List<Map<String, Object>> json(List<Found> found) {
    return found.stream().map(one -> {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("line", one.job().line());
      json.put("id", one.job().key());
      json.put("task_id", one.take().taskId());
      json.put("status", one.take().status());
      json.put("submitted_at", one.take().submittedAt().toString());
      json.put("source", one.take().source());
      if (one.take().batch() != null) {
        json.put("batch", one.take().batch().toJson()); // the other batch whose journal follows that task
      }
      return json;
    }).toList();
  }
}
