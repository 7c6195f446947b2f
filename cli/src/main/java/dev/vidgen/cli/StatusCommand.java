package dev.vidgen.cli;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.TaskFailedException;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.TaskStatus;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.SavesElsewhere;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vidgen status TASK_ID}: one status read, which also brings the task history up to date.
 * Exit 6 when the task failed.
 */
@Command(name = "status", sortOptions = false, description = "Show where a task stands (one status read).")
final class StatusCommand extends TaskCommand {
  /** How long a task made moments ago may go unlisted at the provider: as core's polling grace. */
  private static final Duration NOT_LISTED_YET_FOR = Duration.ofMinutes(2);

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "How long the status read may take, its retries included, such as 20s or 2m (default: 1m).")
  Duration timeout;

  @Override
  int run(Session session, Output output) {
    session.statusTimeout(timeout, "raise it with --timeout");
    Target target = open(session, output);
    // Named by its unanswered create's name: the advice saves the video where that create's command was told to.
    session.unansweredOut().ifPresent(out -> session.keepForResume("--out", out));
    // Else the --out its history records: the printed commands save there, as generate's own notices do.
    if (session.keptOut().isEmpty()) {
      target.history().flatMap(HistoryRecord::out).ifPresent(out -> session.keepForResume("--out", out));
    }
    TaskSnapshot snapshot;
    try {
      snapshot = readStatus(target, "", Failures.taskCommand("status", target.handle(), session,
          session.setupOptions().toArray(String[]::new)), output);
    } catch (dev.vidgen.core.error.TaskNotFoundException notFound) {
      if (madeMomentsAgo(target.handle())) {
        target.history().ifPresent(HistoryRecord::madeWithAnotherKey); // said, not recorded: it may not be listed yet
      } else {
        target.history().ifPresent(HistoryRecord::notFound); // recorded as wait and download record it
      }
      // Still exit 5, but the words say that the provider let the task go, and where its video is saved (DZ F1, F5).
      ForgottenTasks.advise(session, target);
      throw notFound;
    } catch (TaskFailedException failed) {
      target.history().ifPresent(history -> history.failed(failed));
      // The task table for people (the failure's reason in its status, its quote with the charge unknown), then
      // the error and its exit code; --json gives the same in its error object.
      Map<String, String> fields = new LinkedHashMap<>(Views.taskFields(failed.handle(), failed.snapshot()));
      PriceQuote quote = failed.handle().quote();
      fields.put("price", quote.isKnown() ? Views.failedPrice(quote.credits(), quote.usd()) : "unknown, charge unknown");
      output.fields(fields);
      throw failed;
    }
    target.history().ifPresent(history -> history.seen(snapshot));
    // Another command saw the task end while this read was on its way: the history keeps that end.
    Optional<HistoryEntry> endedMeanwhile = target.history()
        .flatMap(history -> history.endedMeanwhile(snapshot));
    endedMeanwhile.ifPresent(ended -> output.note("this read found the task " + snapshot.status().id() + ", but the"
        + " task history already has it " + ended.status() + (ended.file() != null ? ", saved at " + ended.file() : "")
        + " (recorded by another command since this read was sent)"));
    JobHandle handle = target.handle();
    if (!snapshot.taskId().equals(handle.taskId())) {
      // Read by a client reference, which the provider takes in place of the id: the answer names the task itself.
      output.note(handle.taskId() + " is the client reference of task " + snapshot.taskId());
      handle = new JobHandle(handle.providerId(), snapshot.taskId(), handle.model(), handle.quote(), handle.submittedAt(),
          handle.clientReference() != null ? handle.clientReference() : handle.taskId().value(),
          handle.possibleExtraTasks());
    }
    // A download that found the link expired, as the history noted it: that try was made (DZ F4). Of this server's
    // task only: another server's task of the same id is another video.
    Optional<Instant> expiredUnsaved = HistoryRecord.known(session, handle.providerId(), handle.taskId().value(), output)
        .filter(entry -> RecordedServer.elsewhere(session, entry, entry.provider()).isEmpty())
        .filter(entry -> entry.file() == null).flatMap(ExpiredResults::of)
        .filter(at -> snapshot.video() == null || snapshot.video().isExpiredAt(Instant.now()));
    Map<String, Object> json = Views.taskJson(handle, snapshot);
    expiredUnsaved.ifPresent(at -> {
      json.put("result", "expired");
      json.put("result_expired_at", at.toString());
    });
    Map<String, String> fields = new LinkedHashMap<>(Views.taskFields(handle, snapshot));
    boolean expired = snapshot.video() != null && snapshot.video().isExpiredAt(Instant.now());
    String expiredDownload = Failures.downloadCommand(handle, session, "--out", outOr(target, session));
    NextStep way = endedMeanwhile.isPresent() ? endedNext(endedMeanwhile.get(), target, handle, session)
        : snapshot.resultProblem().isPresent() ? NextStep.words(Failures.UNUSABLE_NEXT)
        : expiredUnsaved.isPresent() ? NextStep.words("its video's link expired at " + expiredUnsaved.get()
        + " before the video was saved (a download found it so, as the task history says): it cannot be saved any"
        + " more; generate it again (vidgen history --json shows its settings)")
        : expired ? new NextStep("the video's link is past its expiry: " + expiredDownload
        + " tries it once; if it fails, generate it again", expiredDownload)
        : snapshot.status() == TaskStatus.COMPLETED
        ? savedOrDownload(target, handle, session)
        : target.history().isPresent() || handle.model().equals(JobHandle.UNKNOWN_MODEL)
            ? NextStep.command(Failures.resumeCommand(handle, session))
        // Not in this machine's history: the handle carries the model and price that the bare id would lose.
        : NextStep.command(Failures.taskCommand("wait", handle.encode(), handle.providerId(), session,
            session.resumeOptions().toArray(String[]::new)));
    String next = way.words();
    json.put("next", next); // the same as the text's next line
    json.put("next_command", way.command()); // the command in next alone, for scripts; null when none is to run
    // A C locale refuses the --out that next names when it has other letters than ASCII: said, as history says it.
    session.keptOut().filter(out -> next.contains("--out") && !LocalePaths.canName(out)).ifPresent(out -> output.note(
        "the next command saves to " + out + ", but " + LocalePaths.cannotName(out) + ", and refuses it as an"
            + " argument: " + LocalePaths.NEXT + " to run it"));
    output.object(json);
    fields.put("next", next);
    output.fields(fields);
    return ExitCodes.DONE;
  }

  /**
   * For a completed task: where the history says its video is saved, while the file still holds it (not written
   * since, {@link SavedFileState}), else the download that saves it.
   */
  private static NextStep savedOrDownload(Target target, JobHandle handle, Session session) {
    Optional<String> saved = target.history().flatMap(HistoryRecord::savedFile);
    if (saved.isPresent()) {
      return NextStep.words("the video is saved at " + saved.get() + "; another copy: "
          + Failures.downloadCommand(handle, session, "--out", session.workingFolderOut()));
    }
    String out = AdvisedOut.of(session.context(), HistoryRecord.baseUrl(session), outOr(target, session),
        handle.taskId().value());
    String download = Failures.downloadCommand(handle, session, "--out", out);
    // A save the history noted fails the same way where it was to go (the whole file system too small, a file-size
    // limit) is not sent back there alone.
    Optional<String> elsewhere = target.history().flatMap(HistoryRecord::savesElsewhere);
    if (elsewhere.isPresent()) {
      return NextStep.words("the task is done, but " + SavesElsewhere.advice(elsewhere.get(), download,
          Failures.downloadCommand(handle, session, "--out", SavesElsewhere.otherOut(out))));
    }
    // A saved file written since is not the video: said, so that the file is not taken for it (one gone since gets
    // the download alone, as before).
    Optional<String> changed = target.history().map(HistoryRecord::entry)
        .filter(entry -> SavedFileState.of(session.context(), entry).orElse(null) == SavedFileState.CHANGED)
        .map(entry -> "its video was saved to " + entry.file() + ", which was written since (it is no longer known to"
            + " hold the video); save it again with: ");
    return new NextStep(changed.orElse("") + download, download);
  }

  /** The next step the history's end of the task implies: as for a completed task read so, or none for a failed one. */
  private static NextStep endedNext(HistoryEntry ended, Target target, JobHandle handle,
      Session session) {
    return ended.status().equals("completed") ? savedOrDownload(target, handle, session)
        : NextStep.words("none: the task failed, as the task history has it (vidgen history --json shows why)");
  }

  /**
   * Where printed commands save the video: this command's {@code --out}, else the one the task was
   * submitted with, else the working folder.
   */
  private static String outOr(Target target, Session session) {
    return session.keptOut().or(() -> target.history().flatMap(HistoryRecord::out)).orElseGet(session::workingFolderOut);
  }

  /**
   * Whether the task was made so recently that a provider may not list it yet (the grace a wait gives such a task):
   * one read's "not found" is then no reason to record it as gone, nor to advise making it again.
   */
  private static boolean madeMomentsAgo(JobHandle handle) {
    return handle.submittedAt() != null
        && Instant.now().isBefore(handle.submittedAt().plus(NOT_LISTED_YET_FOR));
  }
}
