package dev.vidgen.cli;

import dev.vidgen.core.text.Plural;
import dev.vidgen.core.text.SafeText;
import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.RunMarker;
import dev.vidgen.serve.history.TaskHistory;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What {@code vidgen history} says of a create that got no answer and whose takes may each have
 * made a task (takes answered with a server error and sent again blindly): the worst case, in tasks
 * and credits, and {@code --close}, with which the user says that the tasks claimed are all it made
 * (or, with {@code --no-task}, that it made none).
 */
final class UnansweredClose {
  private UnansweredClose() {}

  /** Whether {@code entry} is an unknown note that may stand for more than one task, or has a task claimed. */
  static boolean isSeveral(HistoryEntry entry) {
    return entry.status().equals(HistoryEntry.UNKNOWN)
        && (entry.possibleTasks() > 1 || !entry.claimed().isEmpty());
  }

  /**
   * "up to 2 tasks, up to 40 credits ($0.20)", or "up to 1 more task (1 claimed), up to 20 credits
   * ($0.10)" once some are claimed (those have their own rows and prices); "price unknown" without one.
   */
  static String worstCasePrice(HistoryEntry entry) {
    int open = entry.openTasks();
    int claimed = entry.claimed().size();
    String tasks = "up to " + open + (claimed > 0 ? " more" : "") + (open == 1 ? " task" : " tasks")
        + (claimed > 0 ? " (" + claimed + " claimed)" : "");
    return tasks + ", " + (entry.credits() == null ? "price unknown"
        : "up to " + Views.credits(atMost(entry.credits(), open)) + " (" + Views.usd(atMost(entry.usd(), open)) + ")");
  }

  private static BigDecimal atMost(BigDecimal each, int tasks) {
    return each.multiply(BigDecimal.valueOf(tasks));
  }

  /** The option of {@code history --close … --no-task} that closes a note another API key's create wrote. */
  static final String OTHER_KEY_CHECKED = "--other-key-checked";

  /**
   * Whose word {@code --no-task} takes: {@code tagOf} gives the tag of the key the environment holds for a provider
   * (null for none), and {@code otherKeyChecked} is the user's {@link #OTHER_KEY_CHECKED}, their word that the account
   * of the key that sent the create shows no task.
   */
  record Closer(Function<String, String> tagOf, boolean otherKeyChecked) {}

  /** What closing a note with {@code --no-task} means, as the user is told. */
  static final String NO_TASK_MEANING = "vidgen takes your word that its create made no task, so the same job is no"
      + " longer asked about; if it did make one, that task's charge is not tracked (vidgen balance shows what is"
      + " left, and a task found later can still be saved with vidgen wait TASK_ID --made-by %s)";

  /**
   * {@code vidgen history --close NAME}: the unknown note {@code name}, with at least one task claimed
   * with {@code --made-by}, is closed as {@code found} on the user's word that its other takes made none;
   * with {@code noTask}, one with none claimed is closed as {@code closed}, on the user's word that it made none
   * (a note another API key's create wrote, only with {@link #OTHER_KEY_CHECKED}: see {@link Closer}).
   */
  static int close(TaskHistory history, String name, boolean noTask, Closer closer, Output output) {
    // Read, checked and closed under the history's lock: a claim in another process cannot slip in between.
    return history.changing(() -> closeNow(history, name, noTask, closer, output));
  }

  private static int closeNow(TaskHistory history, String given, boolean noTask, Closer closer, Output output) {
    HistoryEntry note = named(history, given);
    String name = note.taskId();
    String claim = "save a task found on the provider's dashboard with vidgen wait TASK_ID --made-by " + name;
    if (!note.status().equals(HistoryEntry.UNKNOWN) || !name.startsWith(HistoryEntry.UNANSWERED_PREFIX)) {
      throw CliException.usage(name + " is " + note.status() + ", not an open create that got no answer; nothing to"
          + " close", "vidgen history lists what is open as unknown");
    }
    if (noTask) {
      return closeWithoutTask(history, note, closer, output);
    }
    if (note.claimed().isEmpty()) {
      // Closing a note with no task claimed would drop the only trace of what may be a paid task: only on request.
      throw CliException.usage(name + " has no task claimed with --made-by yet, so it stays open: it is the only"
          + " record of what its create may have made", claim + " first; or, if the provider's dashboard shows"
          + " that its create made no task, close it with vidgen history --close " + name + " --no-task");
    }
    String last = note.claimed().get(note.claimed().size() - 1);
    // Claimed on the server the note's create went to: a task of the same id on another server is another task.
    dev.vidgen.core.client.JobHandle lastTask = history.find(note.provider(), note.baseUrl(), last)
        .flatMap(HistoryEntry::jobHandle)
        .orElseThrow(() -> CliException.usage(name + " claims task " + last + ", which is not in the task history " + history.file(),
            claim + " again for it, then close"));
    HistoryEntry closed = note.closedByUser(lastTask, Instant.now());
    history.record(closed);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("task_id", closed.taskId());
    json.put("status", closed.status());
    json.put("claimed_tasks", closed.claimed());
    json.put("possible_tasks", closed.possibleTasks());
    output.object(json);
    int claimed = closed.claimed().size();
    output.line(name + " is closed: its create made " + String.join(", ", closed.claimed()) + " (as told with"
        + " --made-by), and " + Plural.count(closed.possibleTasks() - claimed, "other take") + " made none, as you"
        + " say; " + Plural.word(claimed, "the task has its own entry", "each task has its own entry")
        + " in the history");
    return ExitCodes.DONE;
  }

  /**
   * The entry {@code given} names: its name in the history, or the bare client reference ({@code vg-…})
   * that the create's notice showed, which stands for {@code unanswered-vg-…} or {@code unanswered-noref-vg-…}.
   */
  private static HistoryEntry named(TaskHistory history, String given) {
    Optional<HistoryEntry> exact = history.find(given);
    if (exact.isPresent() || given.startsWith(HistoryEntry.UNANSWERED_PREFIX)) {
      return exact.orElseThrow(() -> notInHistory(history, given));
    }
    return history.find(HistoryEntry.unansweredName(given, true))
        .or(() -> history.find(HistoryEntry.unansweredName(given, false)))
        .orElseThrow(() -> notInHistory(history, given));
  }

  private static CliException notInHistory(TaskHistory history, String given) {
    Optional<CliException> answered = AnsweredNote.nameOf(history, given)
        .flatMap(name -> AnsweredNote.refusal(history, name, "needs no closing"));
    if (answered.isPresent()) {
      return answered.get();
    }
    return CliException.usage(given + " is not in the task history " + history.file(),
        "give the name vidgen history shows for a create that got no answer (status unknown)");
  }

  /**
   * " --base-url URL" when {@code note}'s create went to a server the history recorded: a close printed for later
   * names it, so that a shell whose TOAPIS_BASE_URL names another server is not refused; else "".
   */
  private static String onItsServer(HistoryEntry note) {
    return note.baseUrl() == null || note.baseUrl().isBlank() ? ""
        : " --base-url " + SafeText.clean(note.baseUrl());
  }

  private static int closeWithoutTask(TaskHistory history, HistoryEntry note, Closer closer, Output output) {
    String name = note.taskId();
    if (!note.claimed().isEmpty()) {
      throw CliException.usage("--no-task: " + name + " made " + String.join(", ", note.claimed()) + " (as told with"
          + " --made-by), so its create did make a task", "close it without --no-task once the tasks claimed are all"
          + " it made: vidgen history --close " + name);
    }
    String tag = closer.tagOf().apply(note.provider());
    if (note.madeWithAnotherKey(tag) && !closer.otherKeyChecked()) {
      // This key's account cannot see that create's task: its dashboard showing none says nothing (trial GL, F1).
      throw CliException.usage(name + "'s create was sent " + AnotherKeys.madeWith(note, tag) + ": a provider shows a"
          + " task only to keys of the account that made it, so this key's dashboard and look-ups say nothing of"
          + " whether that create made a task; nothing was closed", "look it up with the key it was sent with (set it"
          + " in " + ProviderChoice.keyVariableOf(note.provider()) + ": vidgen status " + name + onItsServer(note)
          + "); if that key's account shows no such task, close it with vidgen history --close " + name
          + " --no-task " + OTHER_KEY_CHECKED + onItsServer(note));
    }
    Instant now = Instant.now();
    if (RunMarker.isRunning(history, note)) {
      // Its run is still in its uploads: closing the note now would let the same job go out twice.
      throw CliException.usage(name + " is the note of a run still going (vidgen " + note.source() + "), whose uploads"
          + " or checks are not done, so its create has not been sent yet; nothing was closed", "wait for that run to"
          + " end; should it end before its create is sent, the note closes itself as nothing sent");
    }
    if (note.mayStillBeOnItsWay(now)) {
      // Its sender may still be waiting for the answer that names a paid task: "no task" cannot be known yet.
      Instant after = note.submittedAt().plus(HistoryEntry.CREATE_MAY_STILL_ANSWER);
      throw CliException.usage(name + "'s create went out " + howLongAgo(Duration.between(note.submittedAt(), now))
          + " and may still be on its way (a create is answered or given up within about "
          + HistoryEntry.CREATE_MAY_STILL_ANSWER.toMinutes() + " minutes), so whether it made a task is not known yet;"
          + " nothing was closed", "wait until " + after.truncatedTo(ChronoUnit.SECONDS)
          + " (UTC), check the provider's dashboard, then, if it still shows no task, close it with vidgen history"
          + " --close " + name + " --no-task" + onItsServer(note));
    }
    HistoryEntry closed = note.closedWithoutTask(now);
    history.record(closed);
    String meaning = String.format(NO_TASK_MEANING, name);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("task_id", closed.taskId());
    json.put("status", closed.status());
    json.put("claimed_tasks", closed.claimed());
    json.put("possible_tasks", closed.possibleTasks());
    json.put("note", meaning);
    output.object(json);
    output.line(name + " is closed with no task found: " + meaning + ".");
    return ExitCodes.DONE;
  }

  /** "just now", "40 s ago", "2 min 5 s ago": never negative, for a note whose clock ran ahead of this one. */
  static String howLongAgo(Duration elapsed) {
    long seconds = Math.max(0, elapsed.toSeconds());
    if (seconds < 10) {
      return "just now";
    }
    return seconds < 60 ? seconds + " s ago" : seconds / 60 + " min " + seconds % 60 + " s ago";
  }
}
