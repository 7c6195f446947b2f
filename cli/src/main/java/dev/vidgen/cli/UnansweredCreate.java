package dev.vidgen.cli;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.SubmitNotSentException;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.concurrent.AsyncFailures;
import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.AmbiguousSubmitException;
import dev.vidgen.core.validation.JobValidator;
import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.RunMarker;
import dev.vidgen.serve.history.TaskHistory;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A create of {@code generate} that may have gone out without an answer reaching vidgen: stopped by
 * Ctrl-C (or a SIGTERM) while it was on its way, or reported ambiguous. The task may exist and be
 * billed, so the history keeps the job as {@code unknown} (and running the same job again asks
 * first), and stderr says what to check.
 */
final class UnansweredCreate {
  /** The history status of a job whose create may have made a task that vidgen never heard of. */
  static final String STATUS = HistoryEntry.UNKNOWN;
  /**
   * How long a Ctrl-C waits for the answer of a create on its way, whose task may exist and be
   * billed: under the 10 s a container is given to stop before it is killed.
   */
  static final java.time.Duration ANSWER_WAIT = java.time.Duration.ofSeconds(8);
  private static final java.time.Duration FIRST_WAIT = java.time.Duration.ofSeconds(1);
  /** Said when the stop came before any take of the create left (during the checks or uploads, or held back). */
  private static final String NOTHING_LEFT =
      "interrupted before the create went out: no task was made or billed; run the same command again";

  private final Session session;
  private final String providerId;
  private final VidgenClient client;
  private final VideoJob job;
  private final String reference;
  /** This run's marker beside the history, held from the reservation until just before the create leaves. */
  private RunMarker marker;
  private final boolean referenceSent;
  private final java.util.function.Supplier<dev.vidgen.core.pricing.PriceQuote> quote;
  private final String command;
  private final Instant madeAt;
  private final Output output;
  /** Done at Ctrl-C: no create goes out (again) from then on. */
  private final CompletableFuture<Void> stopSending = new CompletableFuture<>();
  /** The unknown entry once written, so that the hook and the command's own thread write it once. */
  private final java.util.concurrent.atomic.AtomicReference<HistoryEntry> written =
      new java.util.concurrent.atomic.AtomicReference<>();
  /**
   * Whether the entry written is the one made just before the create went out, which any later reason
   * replaces; read and written under this object's lock.
   */
  private boolean provisional;
  /**
   * Whether the entry written is the one {@link #reserve} wrote before the submit began, which the
   * entry written just before the create leaves replaces (with the time it left); under this object's lock.
   */
  private boolean reserved;
  /** Whether the note being written is the reservation, made before anything is sent. */
  private boolean reserving;
  /** Why the history could not be written the last time it was not, or null. */
  private String unwritten;

  /** Whether the price line was told; a create sent again (after a 429) does not tell it twice. */
  private final java.util.concurrent.atomic.AtomicBoolean priceTold = new java.util.concurrent.atomic.AtomicBoolean();

  UnansweredCreate(Session session, VidgenClient client, VideoJob job, String reference, Output output) {
    this(session, client, job, () -> client.quote(job), client.catalog().find(job.model())
        .map(client.provider()::takesClientReference).orElse(false), reference, "generate", output);
  }

  /**
   * The create of {@code command} (an {@code extend}, a {@code remix}), recorded as {@code job} at
   * {@code quote}; {@code referenceSent} says whether the create carries {@code reference}.
   */
  UnansweredCreate(Session session, VidgenClient client, VideoJob job,
      java.util.function.Supplier<dev.vidgen.core.pricing.PriceQuote> quote, boolean referenceSent, String reference,
      String command, Output output) {
    this.session = session;
    this.providerId = client.provider().id();
    this.client = client;
    this.job = job;
    this.quote = quote;
    this.reference = reference;
    this.referenceSent = referenceSent;
    this.command = command;
    this.madeAt = Instant.now();
    this.output = output;
    // Before the create leaves, the job goes to the history as unknown, so that a process killed while it is on its
    // way (kill -9, a crash) still leaves a trace that running the job again asks about; the answer replaces it.
    session.beforeEachCreate(() -> {
      recordUnknown(sendingReason(), true); // first: the trace must not depend on telling the price
      dropMarker();
      try {
        tellPrice();
      } catch (RuntimeException unpriced) {
        // The create goes out all the same; only the line before it is missing.
      }
    });
  }

  /**
   * Runs the same-job check {@code recheck} again (it throws the refusal) and writes the job to the
   * history as {@code unknown}, as one step under the history's lock ({@link TaskHistory#changing}),
   * before the submit begins: of two identical runs started together, the second finds the first's
   * note and is refused, nothing sent. The lock is let go before anything is sent.
   */
  void reserve(Runnable recheck) {
    Optional<TaskHistory> history = HistoryRecord.history(session.context());
    if (history.isEmpty()) {
      if (HistoryRequirement.required(session.context())) { // with --again too: the note keeps this create's task id
        HistoryRequirement.lacking(session, HistoryRequirement.NONE, "no task history: "
            + TaskHistory.whyNoDataFolder(session.context().env()), "");
      }
      return;
    }
    try {
      history.get().changing(() -> {
        recheck.run();
        reserveNote();
        return null;
      });
    } catch (java.io.UncheckedIOException unlocked) {
      // The lock file cannot be made or locked: checked and written all the same, as before the lock was kept.
      HistoryRequirement.lacking(session, HistoryRequirement.UNLOCKED, "could not lock the task history ("
          + unlocked.getMessage() + ")",
          "so the same job started by another run at this moment would not be noticed, and both would pay");
      recheck.run();
      reserveNote();
    }
    if (!reserved && unwritten != null && HistoryRequirement.required(session.context())) {
      dropMarker();
      HistoryRequirement.lacking(session, HistoryRequirement.NOT_RECORDED, "could not record the job in the task"
          + " history before its create (" + unwritten + ")", "");
    }
  }

  private synchronized void reserveNote() {
    // Held until just before the create leaves: a run killed before then leaves its marker free, which says so.
    marker = HistoryRecord.history(session.context()).flatMap(history -> RunMarker.hold(history, reference)).orElse(null);
    reserving = true;
    try {
      reserved = recordUnknown(HistoryEntry.SUBMIT_BEGAN + sentAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
          + " (UTC) and " + HistoryEntry.SENDING_MARK + " for its create (if this stays, the process stopped before one"
          + " came, or before the create went out); " + check(), true).isPresent();
    } finally {
      reserving = false;
    }
  }

  /** Empties and removes the run's marker before a create leaves, so that its note is never read as one that sent nothing. */
  private synchronized void dropMarker() {
    RunMarker held = marker;
    marker = null;
    if (held != null) {
      held.remove();
    }
  }

  /** Starts the submit with {@code submit}; one refused at once (nothing sent) closes the note {@link #reserve} wrote. */
  CompletableFuture<JobHandle> start(java.util.function.Supplier<CompletableFuture<JobHandle>> submit) {
    try {
      return submit.get();
    } catch (RuntimeException e) {
      notMade(e);
      throw e;
    }
  }

  /**
   * Says what the create about to leave costs, and what the client counts as left after it, once the
   * job passed its checks (budget, balance) and before anything that is paid is sent.
   */
  private void tellPrice() {
    if (!priceTold.compareAndSet(false, true)) {
      return;
    }
    dev.vidgen.core.pricing.PriceQuote price = quote.get();
    session.quoteSent(price);
    String left = price.isKnown() ? client.remainingCredits()
        .map(credits -> "; " + Views.credits(credits) + " left after it, as this run counts (other runs may spend"
            + " meanwhile)").orElse("") : "";
    // A price a route file (or code) set is told with its basis, which says how it differs from the documented one.
    boolean fromFile = price.isKnown() && !client.catalog().origin(price.model())
        .orElse(dev.vidgen.core.catalog.RouteFiles.BUILT_IN).equals(dev.vidgen.core.catalog.RouteFiles.BUILT_IN);
    output.note("sending: " + price.model() + modeWords() + ", " + Views.price(price)
        + (fromFile ? " (" + price.basis() + ")" : "") + left);
  }

  /**
   * " (reference-to-video)": the mode a generate's job goes out as, named or inferred from its inputs, so that a paid
   * job's mode is never silent (two images are frames on one route, references on another); empty for a follow-on.
   */
  private String modeWords() {
    if (!command.equals("generate")) {
      return "";
    }
    GenerationMode mode = job.mode() != null ? job.mode() : JobValidator.of(client.catalog()).validate(job).mode();
    return mode == null ? "" : " (" + mode.id() + ")";
  }

  private String sendingReason() {
    return "its create went out at " + sentAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        + " (UTC) and " + HistoryEntry.SENDING_MARK + " (if this stays, the process stopped before one came); " + check();
  }

  /**
   * When the create's first take went out (after the job's checks and uploads), or, before that, when
   * the submit began: a task any of its takes made was created after it, which {@code --made-by} checks.
   */
  private Instant sentAt() {
    return session.firstCreateSent().orElse(madeAt);
  }

  /**
   * Waits for {@code submitted} with a Ctrl-C notice armed (until the wait's own notice is) and the
   * slow-create notice running, then goes on with {@code then}; a create that ends ambiguous is kept
   * in the history as unknown first, and said where to look up. A create still unanswered {@code timeout} (the
   * command's {@code --timeout}; null: none) after it went out, and {@link VidgenClient#DEADLINE_GRACE} more, ends the
   * command with exit 7, the job left unknown and never sent again.
   */
  int follow(CompletableFuture<JobHandle> submitted, java.time.Duration timeout,
      java.util.function.ToIntFunction<JobHandle> then) {
    session.holdUntilWaiting(ShutdownNotice.arm("vidgen-interrupted-create", () -> interrupted(submitted)));
    SlowCreateNotice slow = SlowCreateNotice.watch(submitted, session, output);
    try {
      JobHandle handle;
      try {
        handle = timeout == null ? Joins.join(submitted) : joinWithin(submitted, timeout);
      } catch (AmbiguousSubmitException e) {
        boolean recorded = recordUnknown(HistoryEntry.serverErrorAnswer(e).orElse("its create got no usable answer")
            + (e.possibleTasks() > 1 ? ", and each of its "
            + e.possibleTasks() + " takes may have made a task" : "") + "; " + check(), false, e.possibleTasks())
            .isPresent();
        if (recorded && e.clientReference().isPresent()) {
          output.note("the job is in the history as unknown; once the provider can be reached, look it up with "
              + lookUpCommand() + " before you send it again");
          String name = HistoryEntry.unansweredName(reference, referenceSent);
          session.rememberUnanswered("once the provider can be reached, look the task up with " + lookUpCommand()
              + " before you send the job again (a task found on the dashboard instead is saved with vidgen wait"
              + " TASK_ID --made-by " + name + "; if there is none, close the entry with vidgen history --close " + name
              + " --no-task)", name);
        } else if (recorded) {
          String save = Failures.taskCommand("wait", "TASK_ID", client.provider().id(), session,
              java.util.stream.Stream.concat(java.util.stream.Stream.of("--made-by",
                  HistoryEntry.unansweredName(reference, referenceSent)), session.resumeOptions().stream())
                  .toArray(String[]::new));
          output.note("the job is in the history as unknown; a task found on the provider's dashboard is saved, and"
              + " the entry closed, with " + save);
          String name = HistoryEntry.unansweredName(reference, referenceSent);
          session.rememberUnanswered("check the provider's dashboard for the task before you send the job again;"
              + " save a task found there with " + save + ", or, if there is none, close the entry with vidgen history"
              + " --close " + name + " --no-task", name);
        }
        throw e;
      } catch (RuntimeException e) {
        notMade(e);
        throw e;
      }
      if (handle == null) {
        throw unansweredByDeadline(timeout); // outside the catch above: the note stays unknown, as written
      }
      session.remember(handle);
      return then.applyAsInt(handle);
    } finally {
      slow.close();
      session.releaseHeldNotice();
    }
  }

  /**
   * {@code submitted}'s task, waited for until {@code timeout} after the create's first take went out and {@link
   * VidgenClient#DEADLINE_GRACE} more (trial HD, F3); a create still unanswered then is given up as a SIGTERM gives it
   * up: no take goes out again and the job stays unknown (null, for {@link #unansweredByDeadline}).
   */
  private JobHandle joinWithin(CompletableFuture<JobHandle> submitted, java.time.Duration timeout) {
    while (true) {
      // Counted from the create's first take (uploads and checks before it are not), as the task's deadline is.
      Optional<Instant> cut = session.firstCreateSent().map(sent -> sent.plus(timeout).plus(VidgenClient.DEADLINE_GRACE));
      long left = cut.map(at -> java.time.Duration.between(Instant.now(), at).toMillis()).orElse(FIRST_WAIT.toMillis());
      if (left <= 0) {
        return outOfTime(submitted);
      }
      try {
        return submitted.get(Math.min(left, FIRST_WAIT.toMillis()), java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException stillOnItsWay) {
        // Looked at again: the first take may have left meanwhile, which starts the count.
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException ended) {
        return Joins.join(submitted); // ends as it would without --timeout
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Joins.join(submitted);
      }
    }
  }

  /**
   * The deadline and its grace passed with the create unanswered: no take goes out again, and the job is kept unknown;
   * null then, else the task or the failure of a submit that ended at this very moment.
   */
  private JobHandle outOfTime(CompletableFuture<JobHandle> submitted) {
    stopSending.complete(null);
    JobHandle late = answered(submitted, FIRST_WAIT); // answered at this very moment, or ended by the stop
    if (late != null || submitted.isDone()) {
      return late != null ? late : Joins.join(submitted);
    }
    recordUnknown("its create went out at " + sentAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        + " (UTC) and had no answer by its --timeout and " + VidgenClient.DEADLINE_GRACE.toSeconds() + " s more; "
        + check(), false);
    // Given up: not waited for again by the client's close either (its own wait for answers would add 10 s).
    submitted.cancel(false);
    return null;
  }

  /** Exit 7 for a create {@link #outOfTime} gave up: where to look for its task, and the look-up alone for scripts. */
  private CliException unansweredByDeadline(java.time.Duration timeout) {
    boolean recorded = openNote().isPresent();
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("task_id", null);
    fields.put("status", STATUS);
    fields.put("model", job.model());
    fields.put("client_reference", referenceSent ? reference : null);
    if (recorded) {
      fields.put("unanswered", HistoryEntry.unansweredName(reference, referenceSent));
    }
    // The look-up by client reference runs as it is; the --made-by form waits for a TASK_ID from the dashboard.
    fields.put("next_command", referenceSent ? lookUpCommand() : null);
    return new CliException(ExitCodes.DEADLINE, "deadline_exceeded", "the create of a " + job.model() + " task had no"
        + " answer by the --timeout of " + DurationConverter.describe(timeout) + " and "
        + VidgenClient.DEADLINE_GRACE.toSeconds() + " s more, so it was not waited for any longer (nor sent again); a"
        + " task may exist and be billed" + (recorded ? "; the job is in the history as unknown (vidgen history), so"
        + " running it again asks first" : ""), check(), fields);
  }

  /**
   * The create made {@code task}, whose own entry is in the history now: the unknown entry written
   * before it went out is closed as answered (or found, when a Ctrl-C had said it unknown), unless
   * an earlier take answered with a server error was sent again blind, so that that take may have
   * made a task of its own: then it stays unknown, saying so.
   */
  synchronized void answered(JobHandle task) {
    HistoryEntry entry = written.get();
    Optional<TaskHistory> history = HistoryRecord.history(session.context());
    if (entry == null || history.isEmpty()) {
      return;
    }
    try {
      if (session.resentBlind() > 0) {
        int earlier = Math.max(task.possibleExtraTasks(), session.resentBlind());
        recordUnknown((earlier == 1 ? "its first take was answered with a server error and may have made a task"
            : "each of its first " + earlier + " takes was answered with a server error and may have made a task")
            + " (of its price) that cannot be looked up; " + ResentTakes.MADE_TASK + task.taskId()
            + ResentTakes.MADE_TASK_END + " for a task of " + sentAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
            + " (UTC)", false, earlier);
      } else if (entry.status().equals(STATUS)) {
        history.get().record(provisional ? entry.answeredAs(task, Instant.now()) : entry.foundAs(task, Instant.now()));
      }
    } catch (RuntimeException e) {
      output.note("could not record in the history that the create made task " + task.taskId() + " ("
          + e.getMessage() + "), so vidgen history may also list the create as " + entry.taskId() + ", unknown;"
          + " once there is room again, " + Failures.taskCommand("status", task.taskId().value(), task.providerId(),
              session, "--made-by", entry.taskId()) + " closes it as this task's");
    }
  }

  /**
   * The create answered while this process waited for it after a Ctrl-C: the unknown entry written before
   * that wait is closed as answered, as a note this command wrote is, since the task's own line is beside it.
   */
  private synchronized void answeredInTime(JobHandle task) {
    provisional = true;
    answered(task);
  }

  /**
   * The submit ended with {@code failure}, not ambiguous: an unknown entry is closed when the failure
   * surely made no task (a refusal, a create held back), and otherwise (an unforeseen failure) kept
   * unknown with its reason, since the create may have gone out.
   */
  private synchronized void notMade(Throwable failure) {
    if (session.firstCreateSent().isEmpty()) {
      dropMarker(); // the submit ended before any create: its marker has nothing left to tell
    }
    HistoryEntry entry = written.get();
    if (entry == null || !entry.status().equals(STATUS)) {
      return;
    }
    // No create left when the submit ended before its first one went out (its checks, funds or uploads failed).
    boolean neverLeft = session.firstCreateSent().isEmpty();
    boolean surelyNone = neverLeft || failure instanceof SubmitNotSentException
        || dev.vidgen.core.client.FailureCases.rowOf(failure).jobBeforeTask()
            != dev.vidgen.core.policy.FailureTable.JobStep.MARK_UNKNOWN;
    if (!surelyNone) {
      if (provisional) {
        recordUnknown("its create ended with an unforeseen failure (" + failure + ") and may have gone out; "
            + check(), false);
      }
      return;
    }
    // A stop before any take went out is told as such, not as a refusal that never happened.
    String why = failure instanceof SubmitNotSentException notSent && notSent.refusedTakes() == 0
        ? "stopped before its create went out; nothing was made"
        : failure instanceof SubmitNotSentException unconnected && unconnected.neverConnected()
        ? "its create never reached the provider (no connection could be made); nothing was made"
        : failure instanceof SubmitNotSentException
        ? "its create was held back or refused without a task (as a 429 or a 503 is); nothing was made"
        : neverLeft ? "its submit ended before the create went out (" + failure.getMessage() + "); nothing was made"
        : "its create was refused: " + failure.getMessage();
    HistoryRecord.history(session.context()).ifPresent(history -> {
      try {
        // A note only this command wrote is done with; one a Ctrl-C said was unknown stays in sight, as failed.
        history.record(provisional ? entry.answeredWithout(why, Instant.now()) : entry.failed(why, Instant.now()));
      } catch (RuntimeException e) {
        // The entry stays unknown: running the job again asks first, which is the safe side.
      }
    });
  }

  /** The signal to hand the submit: done when the process is stopping, after which no create goes out (again). */
  CompletableFuture<Void> stopSending() {
    return stopSending;
  }

  /** The history's name of this create's note while the history holds it open (no task named yet); else empty. */
  synchronized Optional<String> openNote() {
    return Optional.ofNullable(written.get()).filter(entry -> entry.status().equals(STATUS)).map(HistoryEntry::taskId);
  }

  /** The client reference the create carries (when its route takes one). */
  String reference() {
    return reference;
  }

  /** Where to look for the task, for people. */
  String check() {
    return referenceSent
        ? "look it up with " + lookUpCommand() + " (by its client reference) or on the provider's dashboard before"
            + " you send it again"
        : "check the provider's dashboard before you send it again (a task found there is saved, and this entry"
            + " closed, with " + madeByCommand() + ")";
  }

  /**
   * {@code vidgen wait TASK_ID --made-by NAME}, with the command's {@code --out} when it was given one and
   * the options that reach the same server.
   */
  private String madeByCommand() {
    java.util.List<String> words = new java.util.ArrayList<>(java.util.List.of("vidgen", "wait", "TASK_ID", "--made-by",
        HistoryEntry.unansweredName(reference, false)));
    session.keptOut().ifPresent(out -> words.addAll(java.util.List.of("--out", out)));
    words.addAll(session.setupOptions());
    return dev.vidgen.core.text.SafeText.command(words.toArray(String[]::new));
  }

  /** {@code vidgen status unanswered-REFERENCE}, with the options that reach the same server. */
  String lookUpCommand() {
    return Failures.taskCommand("status", HistoryEntry.UNANSWERED_PREFIX + reference, providerId, session,
        session.setupOptions().toArray(String[]::new));
  }

  /**
   * Ctrl-C during the submit: a task that was answered goes to the history and the way on is said;
   * a create on its way is recorded as unknown and said; before the create, that nothing was made is said.
   */
  void interrupted(CompletableFuture<JobHandle> submitted) {
    // No create goes out, nor out again, from here: one waiting out a backoff ends now; one on its way still answers.
    stopSending.complete(null);
    // Most answers are a moment away; a create still unanswered after that gets a longer wait.
    JobHandle handle = answered(submitted, FIRST_WAIT);
    if (handle == null && !submitted.isDone() && session.createOnItsWay()) {
      // Written before the longer wait, so that a process killed during it (docker stop, a second signal) still
      // leaves the job as unknown; an answer in time then marks it found.
      recordUnknown(interruptedReason(), false);
      output.note("interrupted while the create is on its way; waiting up to " + ANSWER_WAIT.toSeconds() + " s for its"
          + " answer so that a paid task id is not lost (kill -9 stops at once)");
      handle = answered(submitted, ANSWER_WAIT.minus(FIRST_WAIT));
    }
    if (handle != null) {
      JobHandle task = handle;
      HistoryRecord.history(session.context()).ifPresent(history -> {
        try {
          history.record(RepeatCheck.identified(session, HistoryEntry.submitted(task, job, command), job)
              .withOut(HistoryRecord.outToKeep(session)));
          answeredInTime(task);
        } catch (RuntimeException e) {
          // Said below with the task id, which is what matters.
        }
      });
      if (session.claimSubmittedLine()) {
        // Where an uninterrupted run tells the task id (stdout; stderr with --json), so that a script finds it there.
        String submittedLine = "task " + handle.taskId() + " submitted (" + handle.model() + ", "
            + Views.price(handle.quote()) + ")";
        if (output.json()) {
          output.note(submittedLine);
        } else {
          output.line(submittedLine);
        }
      }
      InterruptNotice.tell(handle, Failures.resumeCommand(handle, session), output);
      return;
    }
    Optional<Throwable> ended = failure(submitted);
    if (ended.isPresent() && ended.get() instanceof SubmitNotSentException notSent) {
      // Every try was refused without a task (a 429, a 503), or none left: nothing was made; an unknown row written
      // meanwhile is closed as such.
      nothingMade(notSent, notSent.refusedTakes() == 0 ? NOTHING_LEFT
          : notSent.neverConnected() ? "interrupted before the create was sent again; it never reached the provider"
              + " (no connection could be made for any of its takes), so nothing was made or billed: run the same"
              + " command again once the provider can be reached"
          : "interrupted before the create was sent again; it had been refused without a task (as a 429 or a 503 is),"
              + " so nothing was made or billed: run the same command again");
      return;
    }
    boolean ambiguous = ended.isPresent() && ended.get() instanceof AmbiguousSubmitException;
    if (ended.isPresent() && !ambiguous && !(ended.get() instanceof java.util.concurrent.CancellationException)) {
      // The create was refused outright while the process waited: no task was made, so the job is not unknown.
      notMade(ended.get());
      return;
    }
    if (!ambiguous && !session.createOnItsWay()) {
      // Stopped during the checks or uploads, or a create held back before it left: said, so that a silent exit is
      // not taken for a paid task gone missing.
      nothingMade(new SubmitNotSentException("stopped before the create went out"), NOTHING_LEFT);
      return;
    }
    // A create answered with a server error is said so: its look-up then tells that it made none, not that it never came.
    String reason = ambiguous ? HistoryEntry.serverErrorAnswer((AmbiguousSubmitException) ended.get())
        .map(answer -> answer + "; " + check()).orElse(interruptedReason()) : interruptedReason();
    boolean recorded = recordUnknown(reason, false,
        ambiguous ? ((AmbiguousSubmitException) ended.get()).possibleTasks() : 1).isPresent();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("task_id", null);
    json.put("status", "interrupted");
    json.put("model", job.model());
    json.put("client_reference", referenceSent ? reference : null);
    if (recorded) {
      // What status and --made-by take, for a script: on a route without a client reference the only handle on it.
      json.put("unanswered", HistoryEntry.unansweredName(reference, referenceSent));
    }
    json.put("next", check());
    // The look-up by client reference runs as it is; the --made-by form waits for a TASK_ID from the dashboard.
    json.put("next_command", referenceSent ? lookUpCommand() : null);
    output.object(json);
    output.note("interrupted " + (ambiguous ? "after the create of a " + job.model() + " task got an answer that may"
        + " have made it (a server error, or none)" : "while the create of a " + job.model() + " task may have been on"
        + " its way") + ", so a task may exist and be billed; " + check() + "." + (recorded ? " The job is in the history as unknown (vidgen history)"
        + ", so running it again asks first" : ""));
  }

  /** A Ctrl-C that left no task: the note closed, one JSON object, and {@code said} for people. */
  private void nothingMade(Throwable ended, String said) {
    notMade(ended);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("task_id", null);
    json.put("status", "interrupted");
    json.put("model", job.model());
    json.put("next", "nothing was made; run the same command again");
    json.put("next_command", null); // no paid task to follow
    output.object(json);
    output.note(said);
  }

  private String interruptedReason() {
    return "its create went out at " + sentAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        + " (UTC) and was interrupted before an answer; " + check();
  }

  /** The failure {@code submitted} ended with, unwrapped; empty while it runs or when it succeeded. */
  private static Optional<Throwable> failure(CompletableFuture<JobHandle> submitted) {
    if (!submitted.isCompletedExceptionally()) {
      return Optional.empty();
    }
    try {
      submitted.join();
      return Optional.empty();
    } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
      return Optional.of(AsyncFailures.unwrap(e)); // Java 23+ wraps a stored cancellation in a new one
    }
  }

  /**
   * The task, when the create has been answered within {@code wait}: a create on its way is given
   * time to answer, so that a Ctrl-C keeps its task instead of calling it unknown.
   */
  private static JobHandle answered(CompletableFuture<JobHandle> submitted, java.time.Duration wait) {
    try {
      return submitted.get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException
        | java.util.concurrent.CancellationException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /**
   * Writes the job to the history as {@code unknown}, with {@code reason}; a history that fails costs
   * a note. Whether it was written.
   */
  boolean record(String reason) {
    return recordUnknown(reason, false).isPresent();
  }

  /**
   * As {@link #record}, giving the entry written: once, but a {@code provisional} entry (written just
   * before the create went out) is replaced by the first later one with its own reason.
   */
  private synchronized Optional<HistoryEntry> recordUnknown(String reason, boolean provisional) {
    return recordUnknown(reason, provisional, 1);
  }

  /**
   * What a note that could not be written ({@code why}) means: before the create goes out (the reservation, or the
   * note just before it leaves), only that a lost answer would leave no trace, since the task is recorded once
   * answered (said apart, should that fail too); after it, that the create may have made a task nothing remembers.
   * With {@code kept}, the job's note already in the history, only an update of it failed, and that is what is said.
   */
  private String unwrittenNote(String why, boolean beforeCreate, HistoryEntry kept) {
    if (kept != null) {
      // The note written earlier is in the file: only this update of it failed, so the same job still asks first.
      return "could not update the job's note " + kept.taskId() + " in the task history " + (beforeCreate
          ? "as its create went out" : "to say that the create got no answer") + " (" + why + "); the note written"
          + " before, which the same job run again finds, stays as it was";
    }
    return beforeCreate
        ? "could not record the job in the task history before its create (" + why + "): should the create's answer"
            + " be lost, the same job run again would not notice a task it may have made"
        : "could not record in the task history that the create got no answer (" + why + "), so the same job run"
            + " again would not notice a task it may have made, and would pay again";
  }

  /** As above, for a create of which {@code possibleTasks} takes may each have made a task. */
  private synchronized Optional<HistoryEntry> recordUnknown(String reason, boolean provisional, int possibleTasks) {
    HistoryEntry before = written.get();
    // Written once, but a later count of takes that may have made a task, larger than the one kept, replaces it.
    if (before != null && !reserved && (provisional || !this.provisional) && possibleTasks <= before.possibleTasks()) {
      return Optional.of(before);
    }
    Optional<TaskHistory> history = HistoryRecord.history(session.context());
    if (history.isEmpty()) {
      return Optional.empty();
    }
    try {
      HistoryEntry entry = RepeatCheck.identified(session, HistoryEntry.unanswered(reference, referenceSent, providerId,
          job, quote.get(), sentAt(), Instant.now(), reason, command, possibleTasks, session.keptOut().orElse(null)), job);
      history.get().record(entry);
      written.set(entry);
      this.provisional = provisional;
      this.reserved = false;
      return Optional.of(entry);
    } catch (RuntimeException e) {
      boolean toldBefore = unwritten != null; // a full disk refuses the reservation and the note before the create
      unwritten = e.getMessage();
      if (!toldBefore && (!reserving || !HistoryRequirement.required(session.context()))) {
        session.warn(HistoryRequirement.NOT_RECORDED, unwrittenNote(e.getMessage(), reserving || provisional,
            before != null && before.status().equals(STATUS) ? before : null));
      }
      return Optional.empty();
    }
  }
}
