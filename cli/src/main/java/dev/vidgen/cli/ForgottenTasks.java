package dev.vidgen.cli;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.error.TaskNotFoundException;
import dev.vidgen.core.text.Plural;
import dev.vidgen.serve.history.HistoryEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A task the task history recorded that the provider no longer knows (HTTP 404: it keeps results only for a while,
 * 24 hours on ToAPIs). When its video is saved in a file that still holds it, a {@code wait} or {@code download} has
 * nothing to do and {@code status} says where it is; a video never saved is said to be lost, rather than the task id
 * to be wrong.
 */
final class ForgottenTasks {
  /** How a row of the history gone at the provider is explained under the table. */
  static final String NOT_FOUND_LINE = "A not_found row is a task the provider no longer knows: it keeps results only"
      + " for a while (24 hours on toapis), or the task was asked for at another base URL than it was made on; a video"
      + " not saved by then is lost: generate the job again (vidgen history --json shows its settings).";

  private ForgottenTasks() {}

  /**
   * The file the task history says holds the target's video, when it is still there and still that video ({@link
   * SavedBefore}, on this command's server).
   */
  static Optional<Path> savedVideo(Session session, TaskCommand.Target target) {
    try {
      return target.history().flatMap(HistoryRecord::savedFile).map(Path::of)
          .filter(file -> SavedBefore.of(session, target.handle().taskId().value(), file).isPresent());
    } catch (RuntimeException unreadable) { // a path this system cannot name
      return Optional.empty();
    }
  }

  /**
   * Whether {@code out} (null: none given) names {@code saved}, the file the history says holds the task's video;
   * standard output never does.
   */
  static boolean names(Session session, OutTarget out, JobHandle handle, Path saved) {
    if (out == null || out.text() == null) {
      return true;
    }
    if (out.isStdout()) {
      return false;
    }
    String name = saved.getFileName().toString();
    String format = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "mp4";
    try {
      return out.file(session.context(), handle.taskId(), format).toAbsolutePath().normalize()
          .equals(saved.toAbsolutePath().normalize());
    } catch (RuntimeException unnamed) {
      return false;
    }
  }

  /**
   * Ends a {@code wait} or {@code download} of a task the provider no longer knows whose video is saved at {@code
   * saved}: said, reported as saved, exit 0 (run again, such a command has nothing to do).
   */
  static int alreadySaved(Session session, TaskCommand.Target target, Path saved, Output output) {
    JobHandle handle = target.handle();
    output.note(noLongerKept(target) + "; its video is already saved at " + saved + " (so the task history says, and"
        + " the file still holds it), so nothing was downloaded");
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("task_id", handle.taskId().value());
    json.put("provider", handle.providerId());
    json.put("status", "completed");
    json.put("file", saved.toString());
    json.put("provider_keeps_task", false);
    output.object(json);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("task", handle.taskId().value());
    fields.put("status", "completed (the provider no longer keeps the task)");
    fields.put("file", saved.toString());
    output.fields(fields);
    return ExitCodes.DONE;
  }

  /**
   * Runs {@code work} (a wait, a download into {@code out}); when the provider answers that it does not know the task
   * and the history says its video is saved in the file {@code out} names, ends as {@link #alreadySaved} does. With
   * {@code readFirst} (a wait, which reads a task not found again for a while) such a task is read once first, so that
   * a forgotten task whose video is saved is not waited for. Else the "not found" passes through, {@link #advise}d.
   */
  static int orSaved(Session session, TaskCommand.Target target, OutTarget out, boolean force, boolean readFirst,
      Output output, java.util.function.IntSupplier work) {
    Optional<Path> saved = force ? Optional.empty()
        : savedVideo(session, target).filter(file -> names(session, out, target.handle(), file));
    try {
      if (readFirst && saved.isPresent()) {
        try {
          TaskCommand.readStatus(target);
        } catch (dev.vidgen.core.client.TaskFailedException failed) {
          // Said by the wait itself, which keeps a saved video's task completed in the history.
        }
      }
      return work.getAsInt();
    } catch (TaskNotFoundException notFound) {
      if (saved.isPresent()) {
        return alreadySaved(session, target, saved.get(), output);
      }
      advise(session, target);
      throw notFound;
    }
  }

  /**
   * Before a {@code wait} (which reads a task not found again for a while, in case it was made moments ago): a task
   * the history says is older than the provider keeps results is read once, and a "not found" is believed at once
   * too. Any other failure of that read is left to the wait, which reads again and says what it finds.
   *
   * @throws TaskNotFoundException when the provider no longer knows such a task
   */
  static void believeNotFoundOfOldTask(TaskCommand.Target target) {
    if (!olderThanKept(target)) {
      return;
    }
    try {
      target.client().status(target.handle());
    } catch (TaskNotFoundException notFound) {
      throw notFound;
    } catch (dev.vidgen.core.error.ProviderException | dev.vidgen.core.client.ProviderFaultException other) {
      // Left to the wait, which reads again and says what it finds.
    }
  }

  /**
   * Sets what a "not found" of the target's task advises, unless something already did (another server, another
   * key): where its video is saved; or, for a task older than the provider keeps results, that it is gone and its
   * video, never saved, lost.
   */
  static void advise(Session session, TaskCommand.Target target) {
    if (session.notFoundNext().isPresent() || target.history().isEmpty()) {
      return;
    }
    Optional<Path> saved = savedVideo(session, target);
    if (saved.isPresent()) {
      session.notFoundNext(noLongerKept(target) + "; its video is saved at " + saved.get() + " (so the task history"
          + " says): nothing is left to do");
      return;
    }
    if (olderThanKept(target)) {
      session.notFoundNext(noLongerKept(target) + "; its video was never saved and is lost: generate it again (vidgen"
          + " history --json shows its settings)");
    }
  }

  /** Whether the history says the task was made longer ago than the provider keeps results. */
  private static boolean olderThanKept(TaskCommand.Target target) {
    if (target.history().isEmpty()) {
      return false;
    }
    Optional<Duration> kept = keptFor(target);
    Duration age = Duration.between(target.handle().submittedAt(), Instant.now());
    return kept.isPresent() && age.compareTo(kept.get()) > 0;
  }

  /** "the provider no longer keeps task X (made 9 days ago; results are kept 24 hours)". */
  static String noLongerKept(TaskCommand.Target target) {
    JobHandle handle = target.handle();
    String kept = dev.vidgen.core.text.KeptResults.of(keptFor(target)).resultsAreKept();
    return "the provider no longer keeps task " + handle.taskId() + " (made " + ago(handle.submittedAt(), Instant.now())
        + "; " + kept + ")";
  }

  /** "9 days ago", "5 hours ago", "12 minutes ago", "moments ago". */
  static String ago(Instant then, Instant now) {
    Duration age = Duration.between(then, now);
    if (age.toDays() >= 2) {
      return Plural.count(age.toDays(), "day") + " ago";
    }
    if (age.toHours() >= 2) {
      return Plural.count(age.toHours(), "hour") + " ago";
    }
    if (age.toMinutes() >= 2) {
      return Plural.count(age.toMinutes(), "minute") + " ago";
    }
    return "moments ago";
  }

  private static Optional<Duration> keptFor(TaskCommand.Target target) {
    try {
      return target.client().provider().keepsResultsFor();
    } catch (RuntimeException unstated) {
      return Optional.empty();
    }
  }

  /** Whether {@code entry} is one the history could explain as gone (for the line under the table). */
  static boolean isGone(HistoryEntry entry) {
    return entry.status().equals(HistoryEntry.NOT_FOUND);
  }
}
