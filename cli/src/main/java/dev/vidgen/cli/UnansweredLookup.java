package dev.vidgen.cli;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.text.SafeText;
import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.TaskHistory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code status}, {@code wait} or {@code download} given a create that got no answer, as the history
 * names it ({@code unanswered-REFERENCE}): the task is looked up by the client reference its create
 * carried and, when found, gets its own history entry (the model, price and settings of the job), so
 * that running the job again names it; the unknown entry then says where it went.
 */
final class UnansweredLookup {
  private UnansweredLookup() {}

  /** The task {@code entry}'s create made, on {@code client}'s provider, recorded in the history. */
  static TaskCommand.Target open(Session session, VidgenClient client, String reference, HistoryEntry entry,
      String command, Output output) {
    if (!client.provider().id().equals(entry.provider())) {
      // Another provider knows nothing of it, and its "not found" would read as "never arrived".
      throw CliException.usage(entry.taskId() + " was sent to provider " + entry.provider() + ", not "
          + client.provider().id(), "look it up there: leave out --provider, or give --provider " + entry.provider());
    }
    // Sent to another server than this command asks: no answer there says anything of it, so nothing is read there.
    RecordedServer.elsewhere(session, entry, client.provider().id()).ifPresent(made -> {
      throw CliException.usage(entry.taskId() + " was sent to " + made + " (the task history), but this command asks "
              + RecordedServer.asked(session) + ", so a look-up there says nothing of it; nothing was read",
          "look it up on the server its create went to: add --base-url " + made + ", with that server's key in "
              + session.keyVariable());
    });
    session.unansweredOut(entry.out());
    requireReference(session, client, entry, command, output);
    String tag = AnotherKeys.tag(session);
    boolean anotherKey = entry.madeWithAnotherKey(tag);
    if (anotherKey) {
      output.note(entry.taskId() + "'s create was sent " + AnotherKeys.madeWith(entry, tag) + ": a provider finds a"
          + " task by its client reference only for keys of the account that made it, so if that key is another"
          + " account's, \"not found\" here says nothing of it");
    }
    output.note(entry.taskId() + (entry.answeredWithServerError() ? " is a create answered with a server error"
        : " is a create that got no answer") + "; looking it up by its client reference " + reference
        + " on " + client.provider().id() + " (at " + RecordedServer.asked(session)
        + (!anotherKey && lastTakeAtMost(entry).isAfter(Instant.now().minus(java.time.Duration.ofMinutes(2)))
            ? "; a task just made can take a minute to be listed, so \"not found\" is believed only after that)" : ")"));
    // Another key's "not found" is not waited on: asked again for a minute, it would say no more.
    TaskSnapshot found = Joins.join(client.findByClientReferenceAsync(reference,
            anotherKey ? Instant.EPOCH : lastTakeAtMost(entry)))
        .orElseThrow(() -> anotherKey ? notFoundWithThisKey(client, entry, tag, session) : notFound(client, entry));
    JobHandle handle = new JobHandle(client.provider().id(), found.taskId(), entry.model(), quoteOf(entry),
        entry.submittedAt(), reference);
    Optional<TaskHistory> history = HistoryRecord.history(session.context());
    Instant now = Instant.now();
    try {
      history.ifPresent(tasks -> tasks.changing(() -> {
        // A task already in the history (a look-up before this one) keeps its entry: its file, its time.
        // Found on the server this command asks, and recorded there: a task of the same id on another is another.
        if (tasks.find(handle.providerId(), HistoryRecord.baseUrl(session), handle.taskId().value()).isEmpty()) {
          tasks.record(HistoryRecord.onServerAsked(session, entry.madeAs(handle, found.status().id(), now)));
        }
        // The note as it is now, under the lock: what another process recorded since it was read is kept.
        tasks.record(tasks.find(entry.taskId()).orElse(entry).foundAs(handle, now));
        return null;
      }));
    } catch (RuntimeException e) {
      output.note("could not record the task in the history (" + e.getMessage() + ")");
    }
    output.note("the create the history recorded as " + entry.taskId() + " made a task that has since been found: task "
        + found.taskId().value());
    session.remember(handle);
    return new TaskCommand.Target(client, handle, HistoryRecord.existing(session, handle, output));
  }

  /**
   * No take of the create left after this: the entry is written when its submit ends or is stopped,
   * after its last take (a resend after a look-up or a 500 leaves later than {@code submittedAt}).
   */
  private static Instant lastTakeAtMost(HistoryEntry entry) {
    return entry.lastTakeAtMost();
  }

  /** No task under the reference: most likely no task at all, unless the create is too old to tell. */
  private static CliException notFound(VidgenClient client, HistoryEntry entry) {
    boolean old = entry.submittedAt().isBefore(Instant.now().minus(TaskHistory.SAME_JOB_WINDOW));
    return new CliException(ExitCodes.PROVIDER_ERROR, "task_not_found", "no task answers to " + entry.taskId()
        + "'s client reference on " + client.provider().id(),
        (old ? "it was sent more than a day ago, and a task that old may no longer be listed, so this says nothing;"
            + " the provider's dashboard (its billing) says for certain"
            : entry.answeredWithServerError() ? "it was answered with a server error and no task answers to its client"
                + " reference, so it made none (nothing billed); the provider's dashboard says for certain"
            : "a create that no task answers to most likely never arrived; the provider's dashboard says for certain")
            + (entry.status().equals(HistoryEntry.CLOSED) ? "" : "; if it shows none, vidgen history --close "
                + entry.taskId() + " --no-task records that, and the same job may then be generated again"));
  }

  /**
   * No task under the reference for this key, whose create another key sent: that says nothing of whether it arrived,
   * so neither "most likely never arrived" nor a close with {@code --no-task} is advised; the look-up with that key is.
   */
  private static CliException notFoundWithThisKey(VidgenClient client, HistoryEntry entry, String tag,
      Session session) {
    return new CliException(ExitCodes.PROVIDER_ERROR, "task_not_found", "no task answers to " + entry.taskId()
        + "'s client reference on " + client.provider().id() + " for this key, but its create was sent "
        + AnotherKeys.madeWith(entry, tag) + ", and a provider finds a task only for keys of the account that made"
        + " it, so this \"not found\" says nothing of whether that create made a task",
        "look it up with the key it was sent with: set that key in " + session.keyVariable() + " and run this again"
            + " (a key made anew for the same account finds it too); that key's account, not this one's, says"
            + " whether it made a task");
  }

  /**
   * Refuses to look up a create whose route sends no client reference: no answer could tell whether
   * it arrived, and a "not found" would say that it did not. A note closed with {@code --no-task} says
   * that it is closed instead, or, when it can be looked up, is looked up all the same.
   */
  private static void requireReference(Session session, VidgenClient client, HistoryEntry entry, String command,
      Output output) {
    Optional<ModelRoute> route = client.catalog().find(entry.model());
    boolean lookable = entry.referenceSent() && (route.isEmpty() || client.provider().takesClientReference(route.get()));
    if (!lookable && entry.status().equals(HistoryEntry.CLOSED)) {
      // Closed on the user's word that no task was made: nothing to look for, unless a task turns up after all.
      throw CliException.usage(entry.taskId() + " is closed with no task found, as told with vidgen history --close"
              + " --no-task: vidgen takes your word that its create made no task, so it has no task to show and the"
              + " same job is no longer asked about",
          "if a task of " + entry.model() + " created at " + entry.submittedAt().truncatedTo(ChronoUnit.SECONDS)
              + " turns up on the provider's dashboard after all, save it with vidgen wait TASK_ID --made-by "
              + entry.taskId() + (entry.out() == null ? "" : " --out " + dev.vidgen.core.text.SafeText.command(entry.out()))
              + " (until then its charge is not tracked)");
    }
    if (entry.status().equals(HistoryEntry.CLOSED)) {
      output.note(entry.taskId() + " is closed with no task found, as told with vidgen history --close --no-task;"
          + " looking it up all the same");
    }
    if (!lookable && entry.batch() != null && entry.error() != null) {
      // The batch's journal keeps the job unknown and takes its task in with --adopt: the note's own words, the
      // batch's way out, are the advice, as for generate of the same job.
      throw CliException.usage(entry.taskId() + " cannot be looked up: " + entry.model()
              + "'s create carries no client reference on " + client.provider().id(),
          SafeText.clip(entry.error(), 1200));
    }
    if (!lookable) {
      List<String> more = new ArrayList<>(List.of("--made-by", entry.taskId()));
      // status takes no --out: where the create's command named a file, the advice is the wait that saves it there.
      String advised = command.equals("status") && entry.out() != null ? "wait" : command;
      if (advised.equals("download") || advised.equals("wait") && entry.out() != null) {
        // download needs one, which the create's own command may have named; the rest of its options are the user's own
        more.addAll(List.of("--out", session.keptOut().orElse(entry.out() == null ? session.workingFolderOut() : entry.out())));
      }
      more.addAll(session.setupOptions());
      throw CliException.usage(entry.taskId() + " cannot be looked up: " + entry.model()
              + "'s create carries no client reference on " + client.provider().id(),
          "check the provider's dashboard for a task of " + entry.model() + " created at "
              + entry.submittedAt().truncatedTo(ChronoUnit.SECONDS) + " before you send the job again; once found, "
              + Failures.taskCommand(advised, "TASK_ID", entry.provider(), session, more.toArray(String[]::new))
              + " records it as what this create made" + (advised.equals(command) ? "" : " and saves its video there"));
    }
  }

  private static PriceQuote quoteOf(HistoryEntry entry) {
    return entry.usd() == null
        ? PriceQuote.unknown(entry.model(), "the price was not known when it was submitted")
        : PriceQuote.ofUsd(entry.model(), entry.usd(), "as quoted when it was submitted");
  }
}
