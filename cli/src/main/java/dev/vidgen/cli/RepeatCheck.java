package dev.vidgen.cli;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.pricing.Budget;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.text.Plural;
import dev.vidgen.core.text.SafeText;
import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.JobIdentity;
import dev.vidgen.serve.history.ReplacedVideos;
import dev.vidgen.serve.history.RunMarker;
import dev.vidgen.serve.history.SavesElsewhere;
import dev.vidgen.serve.history.TaskHistory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Before {@code generate} pays: whether this machine's task history holds the identical job,
 * submitted within the last day (vidgen's same-job window) and not failed. Someone at a terminal is asked
 * before a second take is paid for; anywhere else (a script, {@code --json}) nothing is sent and the
 * command ends with exit 1 naming the earlier task. {@code --again} skips the check, and the mock,
 * which charges nothing, is never checked.
 */
final class RepeatCheck {
  /** How long the question waits for an answer; none is no. */
  static final Duration ANSWER_WAIT = Duration.ofMinutes(2);

  private RepeatCheck() {}

  /**
   * The check's verdict: whether to go on, and the check to run again, under the history's lock with
   * the write of the job's note ({@link UnansweredCreate#reserve}), so that of two identical runs
   * started together only one pays; {@code recheck} is null when no note is written ahead (nothing to pay).
   */
  record Verdict(boolean goOn, Runnable recheck) {
    static final Verdict UNCHECKED = new Verdict(true, null);
    static final Verdict STOP = new Verdict(false, null);
  }

  /** Whether to go on and submit {@code job} (not when the person at the terminal said no), and the check to run again. */
  static Verdict check(Session session, VidgenClient client, VideoJob job, Budget budget,
      boolean allowUnknownPrices, boolean again, Output output) {
    Optional<PriceQuote> quote = payable(client, job, budget, allowUnknownPrices);
    if (quote.isEmpty()) {
      return Verdict.UNCHECKED;
    }
    HistoryRequirement.required(session.context()); // a value that is neither yes nor no is told before anything else
    if (again) {
      return new Verdict(true, () -> { });
    }
    sayWhenUnchecked(session, output);
    Instant now = Instant.now();
    // One preview of each earlier job for the four looks (on its way, any take; again just before the create).
    Function<VideoJob, Object> identity = JobIdentity.remembered(JobIdentity.asSent(client));
    Optional<HistoryEntry> earlier = sameJob(session, client, job, identity, now, output);
    java.util.function.Supplier<Optional<HistoryEntry>> elsewhere = () -> quietly(() -> HistoryRecord
        .history(session.context()).flatMap(history -> history.sameJob(client.provider().id(), job,
            Instant.now().minus(TaskHistory.SAME_JOB_WINDOW), identity, entry -> !countsHere(session, entry),
            session.inputDigests())));
    if (earlier.isPresent() && !confirm(session, earlier.get(), quote.get(), now, elsewhere, output)) {
      return Verdict.STOP;
    }
    return new Verdict(true, recheck(session, earlier, quote.get(),
        () -> sameJob(session, client, job, identity, Instant.now(), output), elsewhere));
  }

  /**
   * For {@code generate --dry-run}: refuses as {@link #check} refuses a script's run (exit 1, {@code same_job}, the
   * same words), said as a dry run's; nobody is asked. Returns with {@code again}, for a job that would not be paid,
   * and when the history holds no earlier take of the job.
   */
  static void checkAsTheRealRun(Session session, VidgenClient client, VideoJob job, Budget budget,
      boolean allowUnknownPrices, boolean again, Output output) {
    Optional<PriceQuote> quote = payable(client, job, budget, allowUnknownPrices);
    if (quote.isEmpty() || again) {
      return;
    }
    Instant now = Instant.now();
    Function<VideoJob, Object> identity = JobIdentity.remembered(JobIdentity.asSent(client));
    Optional<HistoryEntry> earlier = sameJob(session, client, job, identity, now, output);
    if (earlier.isEmpty()) {
      return;
    }
    Optional<HistoryEntry> other = quietly(() -> HistoryRecord.history(session.context())
        .flatMap(history -> history.sameJob(client.provider().id(), job, now.minus(TaskHistory.SAME_JOB_WINDOW),
            identity, entry -> !countsHere(session, entry), session.inputDigests())));
    CliException refused = refusal(session, earlier.get(), quote.get(), now, other);
    boolean asks = !output.json() && session.context().canAsk().getAsBoolean()
        && !onItsWay(session, earlier.get(), now);
    throw new CliException(refused.exitCode(), refused.kind(), refused.getMessage() + " (a dry run; the real run would "
        + (asks ? "ask first at this terminal, and send nothing unless the answer is yes" : "refuse it the same way")
        + ")", refused.next(), refused.fields());
  }

  /**
   * As {@link #check} for an extend or a remix ({@code source}, such as {@code extend of video_1}, as
   * its history entries name it), recorded as {@code job}, at {@code quote}: the same follow-on of the
   * same task asks, or refuses without a terminal, before it pays again.
   */
  static Verdict checkFollowOn(Session session, VidgenClient client, VideoJob job, String source, PriceQuote quote,
      boolean again, Output output) {
    if (client.provider().id().equals(ProviderChoice.MOCK)) {
      return Verdict.UNCHECKED;
    }
    HistoryRequirement.required(session.context());
    if (again) {
      return new Verdict(true, () -> { });
    }
    sayWhenUnchecked(session, output);
    Instant now = Instant.now();
    Optional<HistoryEntry> earlier = sameFollowOn(session, client, job, source, now,
        entry -> countsHere(session, entry));
    java.util.function.Supplier<Optional<HistoryEntry>> elsewhere = followOnElsewhere(session, client, job, source);
    if (earlier.isPresent() && !confirm(session, earlier.get(), quote, now, elsewhere, output)) {
      return Verdict.STOP;
    }
    return new Verdict(true, recheck(session, earlier, quote,
        () -> sameFollowOn(session, client, job, source, Instant.now(), entry -> countsHere(session, entry)),
        elsewhere));
  }

  /**
   * Refuses as the same job (exit 1, nothing sent), as {@link #refuseWhenSavedAt} does for {@code generate}, an extend
   * or a remix ({@code source}, recorded as {@code job}) whose {@code --out} file {@code out} already holds this
   * follow-on's video, saved there by the history's take on this server within the day and not written since.
   * Returns when the file is not known to be its video, for the mock, and when the check cannot be made.
   */
  static void refuseFollowOnWhenSavedAt(Session session, VidgenClient client, VideoJob job, String source,
      PriceQuote quote, Path out) {
    if (client.provider().id().equals(ProviderChoice.MOCK)) {
      return;
    }
    Instant now = Instant.now();
    String file = out.toAbsolutePath().normalize().toString();
    Optional<HistoryEntry> saved = quietly(() -> followOnTakes(session, client, job, source, now,
            entry -> countsHere(session, entry) && entry.status().equals("completed") && file.equals(entry.file()))
        .filter(entry -> SavedBefore.of(session, entry.taskId(), out).isPresent()));
    if (saved.isPresent()) {
      throw refusal(session, saved.get(), now, followOnElsewhere(session, client, job, source).get(),
          savedAgain(quote));
    }
  }

  /** The newest take of the follow-on on another server than this command's, found when asked. */
  private static java.util.function.Supplier<Optional<HistoryEntry>> followOnElsewhere(Session session,
      VidgenClient client, VideoJob job, String source) {
    return () -> quietly(() -> followOnTakes(session, client, job, source, Instant.now(),
        entry -> !countsHere(session, entry)));
  }

  /** What {@code find} finds; nothing when the history cannot be read (the check itself says so). */
  private static Optional<HistoryEntry> quietly(java.util.function.Supplier<Optional<HistoryEntry>> find) {
    try {
      return find.get();
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  /**
   * The clause that names a take of this job the history holds on another server, which the check does not count
   * (so that a user is not surprised that it did or did not); empty without one.
   */
  private static String elsewhereClause(Optional<HistoryEntry> elsewhere) {
    return elsewhere.map(entry -> "; a take of this job on " + (entry.baseUrl() == null || entry.baseUrl().isBlank()
        ? "the provider's own address" : SafeText.clip(SafeText.clean(entry.baseUrl()), 200)) + " is not counted here")
        .orElse("");
  }

  /**
   * Without a data folder there is no history, so nothing can notice the same job run twice (a retried
   * CI step in a container without HOME): said, not kept quiet, since the run is about to pay.
   */
  private static void sayWhenUnchecked(Session session, Output output) {
    HistoryRecord.history(session.context()).ifPresent(history -> {
      int unreadable = history.unreadableLines();
      if (unreadable > 0) {
        HistoryRequirement.lacking(session, HistoryRequirement.UNREADABLE, Plural.count(unreadable, "line") + " of the task history "
            + history.file() + " could not be read (written by another version of vidgen, or changed by hand): "
            + Plural.word(unreadable, "the job it holds is", "the jobs they hold are") + " not seen (unless a later"
            + " note of that job, still readable, names its task)", "so this run may not tell whether it is one of them", "move the lines that cannot be read out of "
            + history.file() + " (or use the vidgen that wrote them), or unset " + HistoryRequirement.VARIABLE
            + " to pay without checking against them");
      }
    });
    String named = session.context().env().get(TaskHistory.HOME_VARIABLE);
    if (named != null && !named.isBlank() && !named.strip().startsWith("~")
        && !LocalePaths.of(named.strip()).map(Path::isAbsolute).orElse(true)) {
      session.warn(HistoryRequirement.RELATIVE_HOME, TaskHistory.HOME_VARIABLE + " is the relative path " + named.strip() + ", so each folder vidgen runs"
          + " in has a task history of its own: the same job run from another folder is not noticed and pays again;"
          + " give an absolute path");
    }
    if (HistoryRecord.history(session.context()).isEmpty()) {
      HistoryRequirement.lacking(session, HistoryRequirement.NONE, "no task history: "
          + TaskHistory.whyNoDataFolder(session.context().env()), "so this run cannot notice the same job made before or at the same"
          + " time, and running it again pays again; set " + TaskHistory.HOME_VARIABLE + " to a folder your runs share");
    }
  }

  private static Optional<HistoryEntry> sameFollowOn(Session session, VidgenClient client, VideoJob job, String source,
      Instant now, java.util.function.Predicate<HistoryEntry> where) {
    try {
      return followOnTakes(session, client, job, source, now, where);
    } catch (RuntimeException e) {
      HistoryRequirement.lacking(session, HistoryRequirement.UNREADABLE, "could not read the task history ("
          + e.getMessage() + ")", "");
      return Optional.empty();
    }
  }

  /** The newest take of the follow-on {@code source} of {@code job} within the day that {@code where} accepts. */
  private static Optional<HistoryEntry> followOnTakes(Session session, VidgenClient client, VideoJob job,
      String source, Instant now, java.util.function.Predicate<HistoryEntry> where) {
    // As they read back from the history file, so that numbers and lists compare as written.
    Object settings = comparable(HistoryEntry.settingsOf(job));
    return HistoryRecord.history(session.context()).flatMap(history -> history.entries().stream()
        .filter(entry -> entry.provider().equals(client.provider().id()) && source.equals(entry.source())
            && where.test(entry) && !entry.failedUnsaved() && !entry.isSettledNote()
            && !entry.submittedAt().isBefore(now.minus(TaskHistory.SAME_JOB_WINDOW))
            && settings.equals(comparable(entry.settings())))
        .findFirst());
  }

  /**
   * The check run again just before the job's note is written: the same job found now, other than
   * the one the person at the terminal agreed to pay again for (another run's, written since), is
   * refused as a script's is. Nobody is asked then, since the history stays locked meanwhile.
   */
  private static Runnable recheck(Session session, Optional<HistoryEntry> agreed, PriceQuote quote,
      java.util.function.Supplier<Optional<HistoryEntry>> find,
      java.util.function.Supplier<Optional<HistoryEntry>> elsewhere) {
    return () -> find.get()
        .filter(found -> agreed.map(entry -> !(entry.provider().equals(found.provider())
            && entry.taskId().equals(found.taskId()))).orElse(true))
        .ifPresent(found -> {
          throw refusal(session, found, quote, Instant.now(), elsewhere.get());
        });
  }

  private static Object comparable(Object value) {
    return dev.vidgen.core.json.JsonTrees.tryParse(dev.vidgen.core.json.JsonTrees.write(value)).orElse(value);
  }

  /** Says that {@code entry} is the same job; asks at a terminal, else refuses (exit 1). Whether to go on. */
  private static boolean confirm(Session session, HistoryEntry entry, PriceQuote quote, Instant now,
      java.util.function.Supplier<Optional<HistoryEntry>> elsewhere, Output output) {
    Optional<HistoryEntry> other = elsewhere.get();
    String what = what(session, entry, now) + elsewhereClause(other);
    String follow = follow(session, entry, now);
    if (output.json() || !session.context().canAsk().getAsBoolean() || onItsWay(session, entry, now)) {
      // Nobody to ask: a script run again (a retried CI step, a loop) must not pay twice by accident. Nor is a
      // person asked about a create another run may still be waiting for: only --again sends it a second time.
      throw refusal(session, entry, quote, now, other);
    }
    PrintWriter err = output.err(); // masks the keys, as every word a command prints
    err.print(SafeText.clean(Character.toUpperCase(what.charAt(0)) + what.substring(1)) + ".\n"
        + (quote.isKnown() ? "Pay " + Views.price(quote) : "Pay again (its price is unknown)")
        + " for another take? [y/N] ");
    err.flush();
    Optional<String> answer = answer(session.context().in(), ANSWER_WAIT);
    if (answer.isPresent() && isYes(answer.get())) {
      return true;
    }
    output.note((answer.isEmpty() ? "no answer within " + ANSWER_WAIT.toMinutes() + " minutes, so " : "")
        + "nothing was sent; " + follow);
    return false;
  }

  /** The refusal (exit 1, nothing sent) of a job the history holds as {@code entry}. */
  private static CliException refusal(Session session, HistoryEntry entry, PriceQuote quote, Instant now,
      Optional<HistoryEntry> elsewhere) {
    return refusal(session, entry, now, elsewhere, "or add --again to pay " + paid(quote) + " for another take");
  }

  private static CliException refusal(Session session, HistoryEntry entry, Instant now, Optional<HistoryEntry> elsewhere,
      String again) {
    NextStep follow = followStep(session, entry, now);
    java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
    fields.put("same_job", earlier(session, entry));
    fields.put("next_command", follow.command()); // the wait or download in error.next alone, for scripts
    return new CliException(ExitCodes.OTHER, "same_job", what(session, entry, now) + elsewhereClause(elsewhere)
        + "; nothing was sent", follow.words() + "; " + again, fields);
  }

  private static String paid(PriceQuote quote) {
    return quote.isKnown() ? Views.price(quote) : "again (its price is unknown)";
  }

  /** The way to another take when the {@code --out} file holds this job's video already. */
  private static String savedAgain(PriceQuote quote) {
    return "or add --again to pay " + paid(quote) + " for another take, with another --out (or --force to replace this"
        + " video)";
  }

  /**
   * Refuses as the same job (exit 1, nothing sent), at a terminal too, a run whose {@code --out} file {@code out}
   * already holds this job's video: the history's take of the same job on this server within the day, saved there
   * and not written since ({@link SavedBefore}). A script run again with a fixed {@code --out} is so told where its
   * video is, not to replace it; another take could not be saved there without {@code --force} anyway. Returns when
   * the file is not known to be this job's video (the command then refuses it as any file in the way), for a job
   * that would not be paid, and when the check cannot be made.
   */
  static void refuseWhenSavedAt(Session session, java.util.function.Supplier<VidgenClient> clients, VideoJob job,
      Budget budget, boolean allowUnknownPrices, Path out) {
    Instant now = Instant.now();
    Optional<HistoryEntry> saved;
    Optional<PriceQuote> quote;
    Optional<HistoryEntry> elsewhere;
    try {
      VidgenClient client = clients.get();
      quote = payable(client, job, budget, allowUnknownPrices);
      String file = out.toAbsolutePath().normalize().toString();
      Function<VideoJob, Object> identity = JobIdentity.remembered(JobIdentity.asSent(client));
      saved = quote.isEmpty() ? Optional.empty() : HistoryRecord.history(session.context())
          .flatMap(history -> history.sameJob(client.provider().id(), job, now.minus(TaskHistory.SAME_JOB_WINDOW),
              identity, entry -> countsHere(session, entry) && entry.status().equals("completed")
                  && file.equals(entry.file()), session.inputDigests()))
          .filter(entry -> SavedBefore.of(session, entry.taskId(), out).isPresent());
      elsewhere = saved.isEmpty() ? Optional.empty() : quietly(() -> HistoryRecord.history(session.context())
          .flatMap(history -> history.sameJob(client.provider().id(), job, now.minus(TaskHistory.SAME_JOB_WINDOW),
              identity, entry -> !countsHere(session, entry), session.inputDigests())));
    } catch (RuntimeException unchecked) {
      return; // the file is refused as it stands, as before
    }
    if (saved.isPresent()) {
      throw refusal(session, saved.get(), now, elsewhere, savedAgain(quote.get()));
    }
  }

  /**
   * The earlier take of the job, for scripts: its task id (or, for a create that got no answer, the
   * history's name of its note in {@code unanswered}), its status, its video's file while that still holds it (not
   * written since, as wait and download check it), and in {@code file_state} where the file the history names stands.
   */
  private static java.util.Map<String, Object> earlier(Session session, HistoryEntry entry) {
    java.util.Map<String, Object> json = new java.util.LinkedHashMap<>();
    boolean note = isOpenNote(entry);
    json.put("task_id", note ? null : entry.taskId());
    json.put("unanswered", note ? entry.taskId() : null);
    json.put("status", entry.status());
    Optional<SavedFileState> state = quietState(session, entry);
    json.put("file", state.filter(SavedFileState.SAVED::equals).map(saved -> entry.file()).orElse(null));
    json.put("file_state", state.map(SavedFileState::json).orElse(null));
    json.put("submitted_at", entry.submittedAt().toString());
    if (entry.batch() != null) {
      json.put("batch", entry.batch().toJson()); // the batch whose journal made and follows that task
    }
    return json;
  }

  private static String what(Session session, HistoryEntry entry, Instant now) {
    if (stillRunning(session, entry)) {
      return "the same job was started " + HistoryCommand.ago(entry.submittedAt(), now) + " by another run (vidgen "
          + entry.source() + "), which is still going: its uploads or checks are not done, so its create has not"
          + " been sent yet (vidgen history lists it as " + SafeText.clip(entry.taskId(), 100) + ")";
    }
    String tag = session.apiKey() == null ? null : session.apiKey().tag();
    return "the same job was submitted " + HistoryCommand.ago(entry.submittedAt(), now)
        + (isOpenNote(entry) ? ", as the create vidgen history lists as " : " as task ")
        + SafeText.clip(entry.taskId(), 100) + ofBatch(entry) + " (" + (entry.mayStillBeOnItsWay(now)
            ? "its create has had no answer yet and may still be on its way: another run may be waiting for it"
            : state(session, entry)) + ")"
        + (entry.madeWithAnotherKey(tag) ? ", with another API key (tagged "
            + SafeText.clip(entry.keyTag(), 16) + "; this key's tag is " + tag + "): if that key is another account's,"
            + " only its keys can follow the task" : "")
        + serverNotRecordedClause(session, entry);
  }

  /**
   * Whether {@code entry} is the note of a run still going whose create has not left ({@link
   * RunMarker#isRunning}): however long its uploads take, it holds the same job back.
   */
  private static boolean stillRunning(Session session, HistoryEntry entry) {
    try {
      return HistoryRecord.history(session.context()).map(history -> RunMarker.isRunning(history, entry))
          .orElse(false);
    } catch (RuntimeException unreadable) {
      return false;
    }
  }

  /** Whether {@code entry}'s create may still be on its way, or its run has still to send it. */
  private static boolean onItsWay(Session session, HistoryEntry entry, Instant now) {
    return entry.mayStillBeOnItsWay(now) || stillRunning(session, entry);
  }

  /**
   * The job's price when submitting it would pay for it; empty for the mock (it charges nothing)
   * and for a job that submit refuses before sending anything (invalid, over budget, or of an unknown
   * price under a limited budget without {@code --allow-unknown-prices}). An unknown price the command
   * allows is paid, so it is checked: a script that always gives {@code --max-credits} keeps the check.
   */
  private static Optional<PriceQuote> payable(VidgenClient client, VideoJob job, Budget budget,
      boolean allowUnknownPrices) {
    if (client.provider().id().equals(ProviderChoice.MOCK)) {
      return Optional.empty();
    }
    try {
      if (!client.validate(job).isValid()) {
        return Optional.empty();
      }
      PriceQuote quote = client.quote(job);
      boolean paid = budget.allows(quote) || (allowUnknownPrices && !quote.isKnown());
      return paid ? Optional.of(quote) : Optional.empty();
    } catch (RuntimeException refused) {
      return Optional.empty();
    }
  }

  private static Optional<HistoryEntry> sameJob(Session session, VidgenClient client, VideoJob job,
      Function<VideoJob, Object> identity, Instant now, Output output) {
    try {
      // A create still on its way is named before a newer take of the same job: it is the one not to pay twice.
      return HistoryRecord.history(session.context())
          .map(history -> settleAbandoned(history, now))
          // Local images and videos by what they hold, so that a copy, a link or a renamed file is the same job.
          .flatMap(history -> history.sameJob(client.provider().id(), job, now.minus(TaskHistory.SAME_JOB_WINDOW),
                  identity, entry -> countsHere(session, entry) && (entry.mayStillBeOnItsWay(now)
                      || RunMarker.isRunning(history, entry)), session.inputDigests())
              .or(() -> history.sameJob(client.provider().id(), job, now.minus(TaskHistory.SAME_JOB_WINDOW),
                  identity, entry -> countsHere(session, entry), session.inputDigests())));
    } catch (RuntimeException e) {
      HistoryRequirement.lacking(session, HistoryRequirement.UNREADABLE, "could not read the task history ("
          + e.getMessage() + ")", "");
      return Optional.empty();
    }
  }

  /**
   * Whether {@code entry} was made on the server this command asks: the same request sent to another base URL (a
   * staging server) is another job, whose task and video are that server's. An entry without a base URL was made on
   * the provider's own address.
   */
  static boolean onThisServer(Session session, HistoryEntry entry) {
    return dev.vidgen.serve.history.BaseUrls.sameServer(entry.provider(), entry.baseUrl(),
        HistoryRecord.baseUrl(session));
  }

  /**
   * Whether the same-job check counts {@code entry} as a take on the server this command asks: one made there
   * ({@link #onThisServer}), or a line that keeps no server ({@link HistoryEntry#serverNotRecorded}: an older
   * vidgen's, or an app's whose client named none), which may have gone to any base URL, so that nothing pays again.
   */
  static boolean countsHere(Session session, HistoryEntry entry) {
    return onThisServer(session, entry) || entry.serverNotRecorded();
  }

  /** What the refusal adds of {@code entry} when it counts only as a line that names no server; empty otherwise. */
  private static String serverNotRecordedClause(Session session, HistoryEntry entry) {
    return onThisServer(session, entry) || !entry.serverNotRecorded() ? ""
        : "; that take was " + entry.serverNotRecordedBy() + ", so it counts as a take on any server, this one too";
  }

  /** {@code history}, once the notes of runs that ended before their creates went out are closed ({@link RunMarker}). */
  private static TaskHistory settleAbandoned(TaskHistory history, Instant now) {
    RunMarker.settleAbandoned(history, now);
    return history;
  }

  /**
   * {@code entry}, made from {@code job}, with what the job's local images and videos hold, so that a
   * later check knows them by their bytes, the tag of the key it is made with, and the base URL it is made on
   * ({@link HistoryRecord#onServer}); for the mock, which is never checked, only that base URL.
   */
  static HistoryEntry identified(Session session, HistoryEntry made, VideoJob job) {
    HistoryEntry entry = HistoryRecord.onServer(session, made);
    if (entry.provider().equals(ProviderChoice.MOCK)) {
      return entry;
    }
    HistoryEntry tagged = session.apiKey() == null ? entry : entry.withKeyTag(session.apiKey().tag());
    return session.inputDigests().recorded(tagged, job);
  }

  /**
   * {@link #identified} for a task just made: the job's local inputs are read again, and when one changed since the
   * command read it (replaced in the second before its upload, say), the history keeps what it holds now, which is
   * what went up, so that the same request run again is noticed.
   */
  static HistoryEntry identifiedAsSent(Session session, HistoryEntry entry, VideoJob job, Output output) {
    HistoryEntry early = identified(session, entry, job);
    Object before = early.settings().get(dev.vidgen.serve.history.InputDigests.KEY);
    if (before == null || (!job.hasLocalImages() && !job.hasLocalVideos())) {
      return early;
    }
    HistoryEntry now = dev.vidgen.serve.history.InputDigests.reading().recorded(early, job);
    Object after = now.settings().get(dev.vidgen.serve.history.InputDigests.KEY);
    if (after == null || after.equals(before)) {
      return early;
    }
    // The client refuses a create when a file changed after it read it for the submit (even while it was being
    // uploaded), so a change seen here came before that read: what the file holds now is what went up.
    output.note("a local image or video of this job changed while the command ran, before vidgen read it for its"
        + " upload; the task history keeps what the file holds now, which is what went up");
    return now;
  }

  /** {@link SavedFileState#of}, or empty when the entry names no file or the file cannot be looked at. */
  private static Optional<SavedFileState> quietState(Session session, HistoryEntry entry) {
    try {
      return SavedFileState.of(session.context(), entry);
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  private static String state(Session session, HistoryEntry entry) {
    dev.vidgen.core.text.KeptResults kept = session.keptResults();
    return switch (entry.status()) {
      case "completed" -> entry.file() == null ? ExpiredResults.of(entry)
          .map(at -> "completed, but its video's link expired at " + at + " before it was saved")
          .or(() -> dev.vidgen.serve.history.UnusableResults.of(entry).map(why -> "completed, but its video link cannot"
              + " be used (" + SafeText.clip(why, 200) + ")"))
          .or(() -> StdoutResults.of(entry).map(at -> "completed, its video written to standard output at " + at))
          .or(() -> ReplacedVideos.of(entry).map(replaced -> "completed, its video saved to "
              + replaced.file() + " and since replaced there by the video of task " + replaced.byTask()))
          .orElse("completed")
          : "completed, saved as " + entry.file() + (!LocalePaths.canName(entry.file())
              ? " (" + LocalePaths.cannotName(entry.file()) + " to look at it: " + LocalePaths.NEXT + ")"
              : switch (quietState(session, entry).orElse(SavedFileState.SAVED)) {
                case SAVED -> "";
                case MISSING -> ", a file since gone";
                case CHANGED -> ", a file written since, so no longer known to hold its video";
              });
      case "in_progress" -> "last seen in progress";
      case HistoryEntry.NOT_FOUND -> "not found by the provider when last asked (check the base URL; "
          + kept.resultsAreKept() + ")";
      case UnansweredCreate.STATUS -> "its create got no answer, so it may exist and be billed";
      default -> "last seen " + SafeText.clip(entry.status(), 100);
    };
  }

  /**
   * For an open note whose {@code --out} file was written after the note was: that file is likely the video its own run
   * saved (a history that could not be written after the note, on a full disk), so the claim that replaces it is said,
   * as a claim without --force refuses an existing file. Empty otherwise.
   */
  private static String savedSinceNote(Session session, HistoryEntry entry) {
    if (entry.out() == null) {
      return "";
    }
    try {
      Path out = Path.of(entry.out());
      if (!Files.isRegularFile(out) || Files.getLastModifiedTime(out).toInstant().isBefore(entry.submittedAt())) {
        return "";
      }
      List<String> more = new ArrayList<>(List.of("--made-by", entry.taskId(), "--out", entry.out(), "--force"));
      more.addAll(session.setupOptions());
      return "; " + SafeText.clip(entry.out(), 300) + " was written after this note: if it is that task's video (its run"
          + " saved it, and printed the task id, but could not record it), "
          + Failures.taskCommand("wait", "TASK_ID", entry.provider(), session, more.toArray(String[]::new))
          + " saves it there again and closes the note";
    } catch (IOException | RuntimeException unreadable) {
      return ""; // a path this system cannot name or read: the note's own words stand
    }
  }

  /** " of vidgen batch NAME (journal J)" for a task a batch made, whose journal follows it; empty for any other. */
  static String ofBatch(HistoryEntry entry) {
    return entry.batch() == null ? "" : " of vidgen batch " + SafeText.clip(SafeText.clean(entry.batch().words()), 300);
  }

  /** Whether {@code entry} is the history's note of a create that got no answer, still open (no task to follow). */
  private static boolean isOpenNote(HistoryEntry entry) {
    return entry.status().equals(UnansweredCreate.STATUS) && entry.jobHandle().isEmpty();
  }

  /** What the same job's earlier take made with another account's key is to this key's account. */
  private static final String ANOTHER_ACCOUNTS = "if it is another account's, that take is that account's, not this"
      + " one's, and this account has no take of the job yet";

  private static String follow(Session session, HistoryEntry entry, Instant now) {
    return followStep(session, entry, now).words();
  }

  /**
   * How to follow the earlier take {@code entry}: the words, and the command in them that a script runs as it is
   * ({@code next_command}: the download that saves its video, the wait that goes on with it), or none.
   */
  private static NextStep followStep(Session session, HistoryEntry entry, Instant now) {
    if (stillRunning(session, entry)) {
      return NextStep.words("wait for that run to end; should it end before its create is sent (stopped, killed),"
          + " running this again sends the job");
    }
    if (isOpenNote(entry) && entry.batch() != null) {
      // The batch's journal keeps the job and resolves its create; the note says how.
      return NextStep.words("look for it first: " + SafeText.clip(String.valueOf(entry.error()), 1200));
    }
    if (isOpenNote(entry) && entry.madeWithAnotherKey(AnotherKeys.tag(session))) {
      // Its look-up and its close are that key's account's to make: this key's "not found" says nothing (trial GL, F1).
      return NextStep.words("look for it with the key its create was sent with (set it in " + session.keyVariable()
          + "): " + Failures.taskCommand("status", entry.taskId(), entry.provider(), session,
              session.setupOptions().toArray(String[]::new)) + "; " + ANOTHER_ACCOUNTS);
    }
    if (isOpenNote(entry)) {
      String name = SafeText.clip(entry.taskId(), 100);
      // The way out once the dashboard shows nothing, which a note with a task claimed already has in its words; for a
      // create that may still be on its way, only once it no longer can be (the close is refused until then).
      // The time is when the answer can no longer come, not a bound on the task's own time: it was sent earlier.
      boolean onItsWay = entry.mayStillBeOnItsWay(now);
      String when = onItsWay ? " once it is past " + entry.submittedAt().plus(HistoryEntry.CREATE_MAY_STILL_ANSWER)
          .truncatedTo(ChronoUnit.SECONDS) + " (UTC), when its answer can no longer come," : "";
      String dated = onItsWay ? " (a task it made would be dated about " + entry.submittedAt()
          .truncatedTo(ChronoUnit.SECONDS) + ")" : "";
      String none = entry.claimed().isEmpty() ? ";" + when + " if the provider's dashboard shows that it made no task"
          + dated + ", close it with vidgen history --close " + name + " --no-task" : "";
      String words = "look for it first: " + SafeText.clip(String.valueOf(entry.error()), 1200) + none
          + savedSinceNote(session, entry);
      // The look-up by client reference runs as it is (trial HD, F1); the close after the dashboard is the user's call.
      String lookUp = Failures.taskCommand("status", entry.taskId(), entry.provider(), session,
          session.setupOptions().toArray(String[]::new));
      return new NextStep(words, entry.referenceSent() && words.contains("look it up with " + lookUp + " ")
          ? lookUp : null);
    }
    if (entry.status().equals("completed") && quietState(session, entry).orElse(null) == SavedFileState.SAVED) {
      // Still there and not written since, as wait and download check it; a file this locale cannot name is taken as
      // there, the safe way: nothing is advised that would pay again. A file changed or gone gets the download below.
      return NextStep.words("its video is " + entry.file());
    }
    if (ExpiredResults.of(entry).isPresent()) {
      return NextStep.words("its video can no longer be saved, so generating it again is the way to have it");
    }
    if (entry.batch() != null && !entry.status().equals("completed")) {
      // The batch's journal follows the task and saves its video where the batch's line says.
      return NextStep.words("that batch follows it and saves its video" + (entry.out() == null ? "" : " as "
          + SafeText.clip(entry.out(), 300)) + ": run the same vidgen batch command again to go on");
    }
    if (dev.vidgen.serve.history.UnusableResults.of(entry).isPresent()) {
      return NextStep.words(dev.vidgen.serve.history.UnusableResults.NEXT); // a download would read the same link
    }
    if (StdoutResults.of(entry).isPresent()) {
      // Went to whatever read standard output then; a download saves it again while its link lasts.
      String again = Failures.taskCommand("download", entry.taskId(), entry.provider(), session, "--out",
          session.workingFolderOut());
      return new NextStep("its video was written to standard output; to have it again, save it with " + again
          + session.keptResults().figure().map(figure -> " (its link lasts about " + figure + ")")
              .orElse(" (while the provider keeps its link)"), again);
    }
    boolean download = entry.status().equals("completed");
    String verb = download ? "download" : "wait";
    if (entry.madeWithAnotherKey(AnotherKeys.tag(session))) {
      // This key can follow it only when that key is of the same account: never advised as the way on (trial GL, F4).
      return NextStep.words("if that key is a key made anew for this key's account, " + (download
          ? "save its video with: " : "follow that one with: ") + taskCommand(session, entry, verb, download
          ? downloadOptions(session, entry) : neverOverAnotherFile(session, entry, session.resumeOptions())) + "; "
          + ANOTHER_ACCOUNTS);
    }
    // A wait keeps this run's --out too, so that the video lands where this run was to save it (never over another file).
    List<String> more = download ? downloadOptions(session, entry) : neverOverAnotherFile(session, entry,
        session.resumeOptions());
    String command = taskCommand(session, entry, verb, more);
    Optional<String> whereToSave = download ? SavesElsewhere.of(entry) : Optional.empty();
    if (whereToSave.isPresent()) {
      // Its save failed in a way the same place meets again (a video larger than the file system, a file-size
      // limit): the same --out alone would fail the same way.
      return NextStep.words("that task is done, but " + SavesElsewhere.advice(whereToSave.get(), command,
          taskCommand(session, entry, verb, elsewhereOut(more))));
    }
    return NextStep.saying(verb.equals("download") ? "save its video with: " : "follow that one with: ", command);
  }

  /** The {@code vidgen VERB} command of {@code entry}'s task with {@code more}, as a person pastes it. */
  private static String taskCommand(Session session, HistoryEntry entry, String verb, List<String> more) {
    String[] words = more.toArray(String[]::new);
    return entry.jobHandle()
        .map(handle -> Failures.taskCommand(verb, handle, session, words))
        .orElseGet(() -> SafeText.command(java.util.stream.Stream.concat(java.util.stream.Stream.of("vidgen", verb,
            entry.taskId()), verb.equals("download") ? java.util.Arrays.stream(words)
            : java.util.stream.Stream.empty()).toArray(String[]::new)));
  }

  /** {@code options} with the file of their {@code --out} in {@link SavesElsewhere#OTHER_FOLDER}. */
  private static List<String> elsewhereOut(List<String> options) {
    List<String> moved = new ArrayList<>(options);
    int out = moved.indexOf("--out");
    if (out >= 0 && out + 1 < moved.size()) {
      moved.set(out + 1, SavesElsewhere.otherOut(moved.get(out + 1)));
    }
    return moved;
  }

  /**
   * The {@code --out} a printed {@code vidgen download} needs (it is required): the one given to this
   * command (beside a file there that is not the task's video, {@link #neverOverAnotherFile}), else the file the
   * history kept, else the working folder, where {@code generate} saves a video under its task's name; then the
   * options that reach the same server.
   */
  private static java.util.List<String> downloadOptions(Session session, HistoryEntry entry) {
    java.util.List<String> resume = session.resumeOptions();
    if (resume.contains("--out")) {
      return neverOverAnotherFile(session, entry, resume);
    }
    // A saved file written since holds another video now: the download goes beside it, as download would advise.
    java.util.List<String> words = new java.util.ArrayList<>(java.util.List.of("--out", entry.file() != null
        ? AdvisedOut.of(session.context(), entry.baseUrl(), entry.file(), entry.taskId())
        : session.workingFolderOut()));
    words.addAll(session.setupOptions());
    return words;
  }

  /**
   * {@code options} (this run's, with its {@code --out}) as a command that follows {@code entry}'s earlier take gives
   * them: this run's {@code --force} was for a new take, so it is left out, and where its {@code --out} file holds
   * anything but that task's video (a file written since its save, another video) the command saves beside it, as
   * {@code history} advises, never over it.
   */
  private static List<String> neverOverAnotherFile(Session session, HistoryEntry entry, List<String> options) {
    List<String> safe = new ArrayList<>(options);
    safe.remove("--force");
    int out = safe.indexOf("--out");
    if (out >= 0 && out + 1 < safe.size()) {
      safe.set(out + 1, AdvisedOut.of(session.context(), entry.baseUrl(), safe.get(out + 1), entry.taskId()));
    }
    return safe;
  }

  /**
   * One line read from {@code in} within {@code wait}, on a thread of its own so that a terminal
   * nobody types into cannot hold the command; empty when none came in time. An end of input or a
   * failed read is an empty line.
   */
  static Optional<String> answer(InputStream in, Duration wait) {
    CompletableFuture<String> line = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try {
        String read = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        line.complete(read == null ? "" : read);
      } catch (IOException e) {
        line.complete("");
      }
    }, "vidgen-answer");
    reader.setDaemon(true);
    reader.start();
    try {
      return Optional.of(line.get(wait.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException none) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException e) {
      return Optional.of("");
    }
  }

  private static boolean isYes(String answer) {
    String word = answer.strip().toLowerCase(Locale.ROOT);
    return word.equals("y") || word.equals("yes");
  }
}
