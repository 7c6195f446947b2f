package dev.vidgen.cli;

import dev.vidgen.batch.BatchProgress;
import dev.vidgen.batch.BatchRunner;
import dev.vidgen.core.text.SafeText;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * While a batch runs, Ctrl-C (or a SIGTERM) ends the bar and says where the batch stands and how
 * to go on; with {@code --json} that is the command's one JSON object, with {@code "status":
 * "interrupted"}. It reads only the last counts shown, never the journal, which a job may be
 * writing at that moment.
 */
final class BatchInterruptNotice {
  private BatchInterruptNotice() {}

  /**
   * Arms the notice for the run of {@code batch} on {@code journal}; closing it disarms it. When it
   * speaks, it also deletes the temporary files of the videos {@code client} is writing, which the
   * ending process abandons: their jobs keep their tasks in the journal, and the next run downloads them.
   * {@code sameCommand} is the same batch command, which goes on ({@code next_command}; null: none to run as it is).
   */
  static ShutdownNotice arm(String batch, String journal, BatchProgressBar bar, BatchRunner runner,
      dev.vidgen.core.client.VidgenClient client, String sameCommand, Output output) {
    return ShutdownNotice.arm("vidgen-batch-interrupted", () -> {
      try {
        tell(batch, journal, bar, runner, sameCommand, output);
      } finally {
        // After the answers' wait, so a video finished meanwhile is still saved; no download's own clean-up runs now.
        client.deletePartialDownloads();
      }
    });
  }

  private static void tell(String batch, String journal, BatchProgressBar bar, BatchRunner runner, String sameCommand,
      Output output) {
    // No new create goes out from here: a job not sent yet stays pending for the next run.
    int onTheirWay = runner.stopSending();
    int notJournaledBefore = runner.createsNotJournaled();
    bar.close();
    int unanswered = 0;
    int notJournaled = 0;
    if (onTheirWay > 0) {
      // Their tasks may exist and be billed: an answer in the journal is followed by the next run, not reported unknown.
      output.note("interrupted with " + onTheirWay + " create" + (onTheirWay == 1 ? "" : "s") + " on the way; waiting up"
          + " to " + UnansweredCreate.ANSWER_WAIT.toSeconds() + " s for " + (onTheirWay == 1 ? "its answer" : "their answers")
          + " so that no paid task id is lost (kill -9 stops at once)");
      runner.awaitCreatesAnswered(UnansweredCreate.ANSWER_WAIT);
      unanswered = Math.min(onTheirWay, runner.createsOnTheirWay());
      notJournaled = Math.min(onTheirWay - unanswered, runner.createsNotJournaled() - notJournaledBefore);
    } else {
      // None on its way, but creates the stop ended unsent (held back, waiting out a 429) may still be writing their
      // jobs' return to pending: a moment for that (none: no wait).
      runner.awaitCreatesAnswered(UnansweredCreate.ANSWER_WAIT);
    }
    // Jobs never sent are let go now, so that a run started right after this one sends them at once; those with a
    // task or a create without an answer stay held until the lease ends (a shared journal keeps them for that long).
    runner.releaseUnsent(RELEASE_WAIT);
    BatchProgress last = bar.last();
    String next = "run the same command again: it goes on where this run stopped, and sends nothing twice";
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("status", "interrupted");
    json.put("batch", batch);
    json.put("journal", journal);
    if (last != null) {
      json.put("total", last.total());
      json.put("completed", last.completed());
      json.put("failed", last.failed());
      json.put("unknown", last.unknown());
      json.put("in_flight", last.withTask() + last.submitting());
      json.put("with_task", last.withTask());
      json.put("saving", last.saving());
      json.put("not_saved", last.notSaved());
      json.put("submitting", last.submitting());
      json.put("not_sent", last.notSent());
      json.put("held_by_other_workers", last.heldElsewhere()); // of a shared journal: theirs, not this run's
    }
    json.put("creates_unanswered", unanswered);
    json.put("creates_not_journaled", notJournaled);
    json.put("next", next);
    json.put("next_command", sameCommand); // the same command alone, for scripts (trial HD, F2)
    output.object(json);
    String counts = last == null ? "" : " with " + where(last);
    // Held back at the last moment after all (stopped while still waiting for a connection): nothing was made.
    int heldBack = onTheirWay == 0 ? 0 : Math.min(onTheirWay - unanswered - notJournaled, runner.createsFoundUnsent());
    int answered = onTheirWay - unanswered - notJournaled - heldBack;
    String waited = onTheirWay == 0 ? "" : "; of the " + onTheirWay + " create" + (onTheirWay == 1 ? "" : "s")
        + " on the way, " + answered + " ended and " + (answered == 1 ? "is" : "are") + " in the journal (with "
        + (answered == 1 ? "its task" : "their tasks") + ", or, without an answer, among the jobs above whose create"
        + " has no answer yet), "
        + (heldBack == 0 ? "" : heldBack + " never left (nothing was made), ")
        + unanswered + " did not answer"
        + (notJournaled == 0 ? "" : ", " + notJournaled + " answered but could not be journaled (the report names"
            + " their tasks, which are paid for)");
    output.note("interrupted" + counts + waited + "; every step is in " + journal + " (for an SQLite journal, copy its -wal"
        + " file with it): " + next + heldUntilLeaseEnds(journal, last));
  }

  /** How long the stop waits for the journal to let go of the jobs never sent. */
  static final java.time.Duration RELEASE_WAIT = java.time.Duration.ofSeconds(5);

  /**
   * On a shared (PostgreSQL) journal, that the jobs with a task or a create without an answer stay
   * this run's until its lease ends, so a run started sooner takes them only then; "" otherwise
   * (an SQLite journal lets a stopped run's holds go when it is opened again).
   */
  static String heldUntilLeaseEnds(String journal, BatchProgress last) {
    int held = last == null ? 0 : last.withTask() + last.submitting();
    if (held == 0 || !journal.toLowerCase(java.util.Locale.ROOT).contains("postgresql")) {
      return "";
    }
    return " (on this shared journal the " + (held == 1 ? "job" : held + " jobs") + " with a task or a create on its"
        + " way stay" + (held == 1 ? "s" : "") + " this run's until its lease ends, --lease, 60 s by default: a run"
        + " started sooner sends the jobs not sent at once and takes " + (held == 1 ? "that one" : "those") + " then)";
  }

  /** Where the jobs stand by the journal: done, with a task, with a create of unknown outcome, not sent. */
  static String where(BatchProgress last) {
    java.util.List<String> parts = new java.util.ArrayList<>();
    // The done and total are the batch's; the rest, this run's own, apart from the jobs other workers hold.
    parts.add(last.done() + " of " + (last.heldElsewhere() > 0 ? "the batch's " : "") + last.total() + " jobs done");
    int running = last.withTask() - last.saving();
    if (running > 0) {
      parts.add(running + " with a task (it goes on at the provider and the next run follows it)");
    }
    int beingSaved = last.saving() - last.notSaved();
    if (beingSaved > 0) {
      // Their tasks are done: only their videos were being written, and the next run saves them.
      parts.add(beingSaved + " whose task completed and whose video was being saved (nothing goes on at the provider;"
          + " the next run saves " + (beingSaved == 1 ? "it" : "them") + ")");
    }
    if (last.notSaved() > 0) {
      // Their saves failed and waited to be tried again: not "being saved", and the reason is what to fix first.
      parts.add(last.notSaved() + " whose task completed and whose video was not saved ("
          + SafeText.clip(SafeText.clean(String.valueOf(last.notSavedWhy())), 300) + "; nothing goes on at the"
          + " provider; once the folder takes files, the next run saves " + (last.notSaved() == 1 ? "it" : "them")
          + " while " + (last.notSaved() == 1 ? "its link lasts" : "their links last") + ")");
    }
    if (last.submitting() > 0) {
      parts.add(last.submitting() + " whose create has no answer yet (the next run looks it up by its client reference"
          + " before sending anything, or reports it unknown where its model takes none)");
    }
    if (last.heldElsewhere() > 0) {
      parts.add(last.heldElsewhere() + " held by the batch's other workers on this journal (they go on with "
          + (last.heldElsewhere() == 1 ? "it" : "them") + ")");
    }
    if (last.notSent() > 0) {
      parts.add(last.notSent() + " not sent (no task exists; the next run sends " + (last.notSent() == 1 ? "it" : "them")
          + ")");
    }
    return parts.size() == 1 ? parts.get(0)
        : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
  }
}
