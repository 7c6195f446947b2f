package dev.vidgen.batch;

import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import dev.vidgen.core.text.Plural;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The refusals a run makes before it writes anything, read from the journal's entries and the plan's
 * jobs by key; shared by a run and its preview, so that a dry run refuses what the run would.
 */
final class JournalChecks {
  private final String journal;
  private final String batch;
  private final Map<String, PlannedJob> byKey;
  private final String worker;
  private final boolean retryFailed;
  /** The lines the run leaves out as invalid ({@code --skip-invalid}), by number. */
  private final Map<Integer, BatchLine> invalid;

  /**
   * @param journal the journal, for people
   * @param worker this run's worker name; null for a preview, to which every holder is another worker
   * @param retryFailed whether the run sends failed jobs without a task again ({@code --retry-failed}): then
   *     one of them whose line changed takes the line as it is now ({@link FailedRetries#replaceable})
   * @param invalid the file's invalid lines, which the run leaves out: a job of one of them that has its task
   *     is left as it is (not followed), not refused as a job the file lacks
   */
  JournalChecks(String journal, String batch, Map<String, PlannedJob> byKey, String worker, boolean retryFailed,
      List<BatchLine> invalid) {
    this.journal = journal;
    this.batch = batch;
    this.byKey = byKey;
    this.worker = worker;
    this.retryFailed = retryFailed;
    this.invalid = invalid.stream().collect(Collectors.toMap(BatchLine::number, line -> line, (a, b) -> a));
  }

  /** All three checks, in the order a run makes them. */
  void refuseAll(List<Entry> known, Instant now) {
    refuseForeignWork(known.stream().filter(e -> e.state() == State.SUBMITTING || e.state() == State.SUBMITTED)
        .filter(e -> !QueuedCreates.neverSent(e) || heldByOther(e, now))
        .toList());
    refuseChangedWork(known);
    refuseHeldWork(known, now);
  }

  /**
   * Jobs that are not final and not in the plan: with a task (or perhaps one), they stay until finished. A job
   * whose line the file still has under its id, only invalid now, is no stranger: one with its task is left as it is
   * (the caller says so), one whose create may have made a task no one knows of is refused with its line named.
   */
  void refuseForeignWork(List<Entry> entries) {
    entries.stream().filter(e -> !byKey.containsKey(e.key()) && !e.state().isFinal() && invalidLineOf(e) != null
        && !hasItsTask(e)).findFirst().ifPresent(e -> {
          // A create of it may be on its way, or may have made a task that nothing but a run of its line looks up.
          throw new JobStore.ConflictException("job " + e.key() + " (line " + invalidLineOf(e).number() + ") is invalid"
              + " in this jobs file, and " + journal + " holds it as " + e.state().id() + ": a create of it went out"
              + " and may have made a paid task, which only a run of its line can look up; put the line back as it"
              + " was sent and run again; nothing was sent");
        });
    List<Entry> foreign = entries.stream()
        .filter(e -> !byKey.containsKey(e.key()) && !e.state().isFinal() && invalidLineOf(e) == null)
        .toList();
    if (!foreign.isEmpty()) {
      throw new JobStore.ConflictException(journal + " holds " + foreign.size()
          + " unfinished job" + (foreign.size() == 1 ? "" : "s") + " of batch " + batch
          + " that this jobs file does not have (" + named(foreign, e -> e.key() + ", line " + e.seq() + ", "
              + e.state().id() + (e.taskId() != null ? ", task " + e.taskId() : "") + unreadableLine(e), 5)
          + "): a job whose create went out stays until it is finished; run the jobs file they came from (or put"
          + " their lines back), or use another journal; nothing was sent");
    }
  }

  /** Whether the job has its task, which a run that leaves it (its line invalid) can name and the journal keeps. */
  private static boolean hasItsTask(Entry entry) {
    return entry.state() == State.SUBMITTED && entry.taskId() != null;
  }

  /** The invalid line of this file that holds the entry's job under its id, or null. */
  BatchLine invalidLineOf(Entry entry) {
    return invalid.values().stream().filter(line -> entry.key().equals(line.id())).findFirst().orElse(null);
  }

  /** "; line 2 here is invalid, with no id to tell": the file's line at the job's place, which may be its own. */
  private String unreadableLine(Entry entry) {
    BatchLine line = invalid.get(entry.seq());
    return line == null || line.id() != null ? ""
        : "; line " + entry.seq() + " of this file is invalid, with no id to tell whether it is this job's line";
  }

  /** A job without a task that this file lacks or changed, but that another worker holds: left to it. */
  void refuseHeldWork(List<Entry> known, Instant now) {
    for (Entry held : known) {
      if ((held.state() == State.PENDING || QueuedCreates.neverSent(held)) && differs(held) && heldByOther(held, now)) {
        PlannedJob job = byKey.get(held.key());
        throw new JobStore.ConflictException("job " + held.key() + " (was line " + held.seq() + ") has no task yet,"
            + " and this jobs file " + (job == null ? "no longer has it" : "has it changed") + ", but worker "
            + held.worker() + " holds it until " + held.leaseUntil().truncatedTo(ChronoUnit.SECONDS)
            + " (it runs a file that has the line as it was):"
            + " let that worker finish, or, if it has stopped, run again after that time; nothing was written");
      }
    }
  }

  /**
   * A job of this file that the journal holds with other content, when it cannot simply take the new
   * content: it was tried (a task may exist, or did), or it is finished. A failed job of which nothing was
   * made is told apart: {@code --retry-failed} lets its changed line take its place.
   */
  void refuseChangedWork(List<Entry> known) {
    List<Entry> changed = known.stream()
        .filter(held -> byKey.containsKey(held.key()) && differs(held) && !rewritable(held))
        .toList();
    if (changed.isEmpty()) {
      return;
    }
    List<Entry> kept = changed.stream().filter(e -> !FailedRetries.replaceable(e, byKey.get(e.key()))).toList();
    if (kept.isEmpty()) {
      refuseChangedRefused(changed);
    }
    refuseChangedTried(kept);
  }

  /** Failed jobs of which nothing was made whose lines changed, in a run without {@code --retry-failed}. */
  private void refuseChangedRefused(List<Entry> changed) {
    Entry held = changed.get(0);
    int line = byKey.get(held.key()).line();
    int more = changed.size() - 1;
    throw new JobStore.ConflictException("job " + held.key() + " (line " + line + ") failed in " + journal
        + " before any task existed (" + held.reasonCode() + "), and its line changed since"
        + (more == 0 ? "" : "; so did " + Plural.count(more, "more job") + " ("
            + named(changed.subList(1, changed.size()), e -> e.key() + ", line " + byKey.get(e.key()).line(), 4) + ")")
        + ": nothing was created for " + Plural.word(changed.size(), "it", "them") + ", so the changed "
        + Plural.word(changed.size(), "line may take its", "lines may take their") + " place; nothing was sent",
        "run the same command with --retry-failed to send " + Plural.word(changed.size(), "it", "them") + " as "
            + Plural.word(changed.size(), "it is", "they are") + " now");
  }

  /** Jobs tried (a task may exist, or did) or finished whose lines changed. */
  private void refuseChangedTried(List<Entry> changed) {
    Entry held = changed.get(0);
    int line = byKey.get(held.key()).line();
    throw new JobStore.ConflictException("job " + held.key() + " (line " + line + ") is in " + journal
        + " as " + held.state().id() + (held.attempts() > 0 ? " (tried " + held.attempts() + (held.attempts() == 1 ? " time)" : " times)") : "")
        + " with other content" + (held.seq() == line ? "" : " (it was line " + held.seq() + " then)")
        + (changed.size() == 1 ? "" : ", and so are " + named(changed.subList(1, changed.size()),
            e -> e.key() + ", line " + byKey.get(e.key()).line(), 4))
        + ": the journal belongs to another jobs file, or the line changed after its job was tried; put the line back"
        + " as it was (its job finishes as it was sent), and to send the changed job too, give the changed line a"
        + " new id as a line of its own beside it (which pays for it); nothing was sent"
        + (held.state() == State.FAILED && held.taskId() != null ? " (its task " + held.taskId() + " failed and may"
            + " have been charged, so --retry-failed does not send it again)" : ""));
  }

  /** Whether the plan lacks the entry's job, or has it with other content. */
  boolean differs(Entry entry) {
    PlannedJob job = byKey.get(entry.key());
    return job == null || !job.fingerprint().equals(entry.fingerprint());
  }

  /** Whether a worker other than this run's holds the entry on a lease that has not lapsed. */
  boolean heldByOther(Entry entry, Instant now) {
    return entry.worker() != null && !entry.worker().equals(worker) && entry.leaseUntil() != null
        && !entry.leaseUntil().isBefore(now);
  }

  /**
   * A job that may take its line's new content: one never sent, or, with {@code --retry-failed}, a failed
   * one of which nothing was made ({@link FailedRetries#replaceable}).
   */
  boolean rewritable(Entry entry) {
    return neverSent(entry) || QueuedCreates.neverSent(entry)
        || retryFailed && FailedRetries.replaceable(entry, byKey.get(entry.key()));
  }

  /** A job never sent, which the journal itself gives its line's new content ({@link JobStore#followFile}). */
  static boolean neverSent(Entry entry) {
    return (entry.state() == State.PENDING || entry.state() == State.DROPPED) && entry.attempts() == 0;
  }

  /** Up to {@code most} jobs, each as {@code what} says, then how many more. */
  private static String named(List<Entry> entries, Function<Entry, String> what, int most) {
    String shown = entries.stream().limit(most).map(what).collect(Collectors.joining("; "));
    return entries.size() > most ? shown + "; and " + (entries.size() - most) + " more" : shown;
  }
}
