package dev.vidgen.batch;

import static dev.vidgen.batch.journal.JobStore.State.COMPLETED;
import static dev.vidgen.batch.journal.JobStore.State.FAILED;
import static dev.vidgen.batch.journal.JobStore.State.PENDING;
import static dev.vidgen.batch.journal.JobStore.State.SUBMITTED;
import static dev.vidgen.batch.journal.JobStore.State.SUBMITTING;
import static dev.vidgen.batch.journal.JobStore.State.UNKNOWN;
import static dev.vidgen.core.concurrent.AsyncFailures.unwrap;

import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.core.client.CreateTakes;
import dev.vidgen.core.client.DeadlineExceededException;
import dev.vidgen.core.client.FailureCases;
import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.SubmitNotSentException;
import dev.vidgen.core.client.TaskFailedException;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.TaskFailure;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.TaskStatus;
import dev.vidgen.core.domain.VideoAsset;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.AmbiguousSubmitException;
import dev.vidgen.core.error.AuthenticationException;
import dev.vidgen.core.error.BudgetExceededException;
import dev.vidgen.core.error.DownloadFailedException;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.RequestRejectedException;
import dev.vidgen.core.error.ResultExpiredException;
import dev.vidgen.core.error.ResultUnavailableException;
import dev.vidgen.core.error.ResultUnusableException;
import dev.vidgen.core.error.TaskNotFoundException;
import dev.vidgen.core.error.VidgenException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.FailureTable;
import dev.vidgen.core.policy.FailureTable.JobStep;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.validation.Violation;
import dev.vidgen.core.validation.ViolationCodes;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * The way of one claimed job through the state machine, each step written to the journal before
 * and after its provider call: upload, create, poll, download; or, for a job found mid-create
 * after a crash, recovery by client reference. Completes with where the job got to; never
 * exceptionally.
 */
final class JobRun {
  /** How a run of one job ended. */
  enum Kind {
    /** The job reached a final state. */
    DONE,
    /** The job is not final and stays held by this worker for the rest of the run (see the problem). */
    HELD,
    /** Another worker took the job. */
    LOST
  }

  /** Where the job got to and, when it was held, why. */
  record Outcome(Kind kind, Entry entry, String problem) {}

  /** Why a run stops when its client is closed under it. */
  static final String CLIENT_CLOSED = "the client was closed while the batch ran: nothing more is sent or followed;"
      + " tasks made keep their ids in the journal, and a run with an open client goes on";
  private static final String NOT_SENT_STOPPING = "not sent: the process is stopping; the next run sends it";
  private static final String NOT_SENT_TIME_UP = "not sent: the run's time ran out; the next run sends it";

  private final RunContext ctx;
  private final PlannedJob planned;
  private final CompletableFuture<Outcome> result = new CompletableFuture<>();
  private Entry entry;
  private int requeues;
  /** This job's create in {@link CreatesOnTheirWay}, from before its journal step to its outcome; null outside that. */
  private CreatesOnTheirWay.Create counted;
  /** Whether the next journal write records the create's outcome and so counts the job off. */
  private boolean settleOnWrite;
  /** The marks of the create's backoffs written so far ({@link Takes}); always completes normally. */
  private volatile CompletableFuture<Void> marks = CompletableFuture.completedFuture(null);
  /** The task the create answered with, until it is journaled; null before or without one. */
  private String answeredTask;
  /** Whether the next journal write takes the job back to pending because no take of its create made a task. */
  private boolean noTaskOnWrite;
  /** Whether the next journal write is a take that may make a paid task, kept within the batch's budget. */
  private boolean takeOnWrite;
  /** The takes of earlier runs that may each have made a task, as they were when this create went out. */
  private int earlierAtStart;
  /** When the create's first take went out (its journal step); null before. */
  private Instant firstTakeAt;
  /** The saves of this job's video that failed in this run. */
  private int savesFailed;
  /** Whether this job is counted among the saves waiting to be tried again ({@link RunContext#saveWaiting}). */
  private boolean saveCounted;

  JobRun(RunContext ctx, PlannedJob planned, Entry entry) {
    this.ctx = ctx;
    this.planned = planned;
    this.entry = entry;
  }

  CompletableFuture<Outcome> start() {
    try {
      if (planned.followOnly() && (entry.state() == PENDING || entry.state() == SUBMITTING)) {
        // Its model refuses a create now: it only follows a task it has, and here it has none.
        hold("not sent: line " + planned.line() + "'s model refuses it now (" + planned.modelRefusal().get(0).message()
            + ")");
        return result;
      }
      switch (entry.state()) {
        case PENDING -> submit();
        case SUBMITTING -> recover();
        case SUBMITTED -> resume();
        default -> finish(Kind.DONE, null);
      }
    } catch (RuntimeException e) {
      hold("unexpected error: " + CauseWords.of(e));
    }
    return result;
  }

  // ---- pending → submitting → submitted

  private void submit() {
    if (ctx.stopping()) {
      hold("not sent: the run stopped (" + ctx.stopReason() + ")");
      return;
    }
    if (ctx.creates.closed()) {
      hold(notSentReason());
      return;
    }
    ctx.backend.upload(planned.job()).whenComplete(safely((uploaded, failure) -> {
      if (failure != null) {
        uploadFailed(unwrap(failure));
      } else {
        markSubmitting(uploaded);
      }
    }));
  }

  private void uploadFailed(Throwable failure) {
    if (FailureCases.rowOf(failure).jobBeforeTask() == JobStep.FAIL_JOB || failure instanceof IllegalArgumentException) {
      write(b -> b.state(FAILED).reason(code(failure, "upload_failed"), "an image could not be uploaded: "
          + failure.getMessage()), () -> finish(Kind.DONE, null));
    } else {
      // The run's one upload of the file failed after its tries, and the backend gives every later ask that failure
      // (docs/batch.md): a later try of the job in this run would upload nothing, so it waits for the next run.
      requeues = ctx.maxRequeues;
      notSent(failure, "a local file could not be uploaded");
    }
  }

  private void markSubmitting(VideoJob uploaded) {
    boolean takesReference = ctx.backend.route(planned.job().model())
        .map(ctx.backend::takesClientReference).orElse(false);
    String reference = !takesReference ? null
        : entry.clientReference() != null ? entry.clientReference() : ctx.newReference();
    // Counted before the journal step, so that a stop waits for this job until its create's answer (or its
    // return to pending) is in the journal: a job is never left submitting without its create having gone out.
    CreatesOnTheirWay.Create counting = ctx.creates.start();
    if (counting == null) {
      hold(notSentReason());
      return;
    }
    counted = counting;
    int attempts = entry.attempts();
    earlierAtStart = earlierTakes();
    // The price is the one quoted now, as this create goes out: the batch's spend counts it, not the price
    // the line had when the journal first took it in (a route file may have changed it since).
    BigDecimal credits = planned.quote().credits();
    // Written only while every worker's takes, as the journal holds them, leave room for this one.
    takeOnWrite = true;
    write(b -> b.state(SUBMITTING).attempts(attempts + 1).clientReference(reference).credits(credits)
        .keyTag(ctx.keyTag).reason(null, null), () -> {
      firstTakeAt = entry.updatedAt();
      CompletableFuture<Void> stop = ctx.creates.handOver(counting);
      if (stop == null) {
        // Stopped between the two steps: the create never went out, so the job is back to pending, not unknown.
        settleOnWrite = true;
        noTaskOnWrite = true;
        write(b -> b.state(PENDING).attempts(attempts).reason(null, null), () -> hold(notSentReason()));
        return;
      }
      CompletableFuture<JobHandle> create;
      try {
        create = ctx.backend.submit(uploaded, reference, stop, new Takes(attempts));
      } catch (RuntimeException e) {
        // Refused before it went out (such as by a closed client): nothing was sent, so the job is pending again.
        ctx.creates.answered(counting);
        ctx.creates.stoppedUnsent(counting);
        ctx.creates.handedOver();
        if (ctx.backend.closed()) {
          ctx.stop(CLIENT_CLOSED);
        }
        settleOnWrite = true;
        noTaskOnWrite = true;
        write(b -> b.state(PENDING).attempts(attempts).reason(null, null), () -> hold("not sent: " + e.getMessage()));
        return;
      }
      ctx.creates.handedOver();
      // Past the run's deadline a create still unanswered is given the one grace, then left for the next run to look
      // up (trial HD, F3): never sent again; an answer that comes later is still written while the journal is open.
      CompletableFuture<JobHandle> answering = create;
      AtomicBoolean givenUp = new AtomicBoolean();
      Runnable dropGrace = ctx.atDeadline(() -> {
        try {
          ctx.scheduler.schedule(() -> {
            if (!answering.isDone() && givenUp.compareAndSet(false, true)) {
              settle(true);
              hold(unansweredPastDeadline());
              answering.cancel(false); // not waited for by the client's close either (its own wait would add 10 s)
            }
          }, VidgenClient.DEADLINE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException runEnded) {
          // The run is over: nothing waits for this job any more.
        }
      });
      create.whenComplete((answer, failed) -> dropGrace.run());
      // The answer is taken in after the marks of the takes' waits are written, so that its write comes after them.
      create.whenComplete((answer, failed) -> marks.whenComplete((marked, never) -> safely((JobHandle handle,
          Throwable failure) -> {
        if (givenUp.get() && failure != null && unwrap(failure) instanceof CancellationException) {
          return; // given up past the deadline's grace above: the job stays submitting for the next run's look-up
        }
        ctx.creates.answered(counting);
        // The next journal write records this answer; until then a Ctrl-C waits a moment for it.
        settleOnWrite = true;
        answeredTask = handle == null ? null : handle.taskId().value();
        if (failure != null) {
          createFailed(unwrap(failure), attempts);
        } else {
          JobHandle told = withEarlierTakes(handle);
          // The handle tells this create's extra takes: the count marked before a blind resend goes back to 1 + earlier.
          write(b -> b.state(SUBMITTED).taskId(told.taskId().value()).handle(told.encode())
              .possibleTasks(1 + earlierAtStart), () -> await(told));
        }
      }).accept(answer, failed)));
    });
  }

  /**
   * The journal's marks of a create's waits: while every take was refused without making a task and
   * the next waits out its backoff, or while a take waits its turn under the client-side rate limit or
   * for one of the provider's connections, the job stays {@code submitting} marked
   * {@link JobStore#CREATE_WAITING}, so that a run finding it so after a kill sends it again rather than
   * calling it unknown; the mark is taken off, durably, before the take leaves. Marks are written one
   * after another, and the create's answer after them.
   */
  private final class Takes implements CreateTakes {
    /** The job's tries before this create. */
    private final int attemptsBefore;
    /** Whether a take of this create went out and was refused: from then on it counts as tried. */
    private volatile boolean refused;
    /** Whether the mark now written counts the create as not tried (its first take waits its turn). */
    private volatile boolean untried;

    Takes(int attemptsBefore) {
      this.attemptsBefore = attemptsBefore;
    }

    @Override
    public void waiting(Duration delay) {
      refused = true;
      markWaiting(b -> b, "its create was refused without making a task (as a 429 is) and waits " + spoken(delay)
          + " to be sent again; none is on its way");
    }

    @Override
    public void waitingTurn(Duration delay) {
      // Before its first take leaves the create counts as not tried, as it does when a stop holds it back then.
      boolean first = !refused;
      untried = first;
      markWaiting(b -> first ? b.attempts(attemptsBefore) : b, "its create waits its turn under the rate limit"
          + " (about " + spoken(delay) + "); none is on its way");
    }

    @Override
    public void waitingForConnection() {
      boolean first = !refused;
      untried = first;
      markWaiting(b -> first ? b.attempts(attemptsBefore) : b,
          "its create waits for one of the provider's connections; none is on its way");
    }

    /**
     * Before a take answered with a server error is sent again blind, the journal counts it durably among the
     * job's possible tasks, so that a kill while it is on its way leaves the job unknown with every take counted.
     */
    @Override
    public CompletableFuture<Void> sendingAgainBlind(int possibleTasks) {
      int takes = earlierAtStart + possibleTasks;
      // Kept within the batch's budget as the journal holds it: a resend another worker's takes leave no room for
      // is not sent, and the job ends unknown with the takes answered so far.
      CompletableFuture<Void> recorded = marks.thenCompose(done -> mark(b -> b.possibleTasks(takes), true));
      marks = recorded.exceptionally(notWritten -> null);
      return recorded;
    }

    @Override
    public CompletableFuture<Void> sendingAgain() {
      boolean tried = untried;
      untried = false;
      CompletableFuture<Void> unmarked = marks.thenCompose(done ->
          mark(b -> (tried ? b.attempts(attemptsBefore + 1) : b).reason(null, null)));
      marks = unmarked.exceptionally(notWritten -> null);
      return unmarked;
    }

    private void markWaiting(UnaryOperator<Entry.Builder> attempts, String reason) {
      // A mark not written leaves the job submitting: the next run then asks, as it does after any kill mid-create.
      marks = marks.thenCompose(done -> mark(b -> attempts.apply(b).reason(JobStore.CREATE_WAITING, reason)))
          .exceptionally(notWritten -> null);
    }
  }

  /** "under a second" or "N s". */
  private static String spoken(Duration delay) {
    return delay.toSeconds() < 1 ? "under a second" : delay.toSeconds() + " s";
  }

  /** Writes a mark on the job, its state unchanged; the entry is the stored one once it is durable. */
  private CompletableFuture<Void> mark(UnaryOperator<Entry.Builder> change) {
    return mark(change, false);
  }

  /** As {@link #mark(UnaryOperator)}; with {@code take}, a take that may make a paid task, kept within the batch's budget. */
  private CompletableFuture<Void> mark(UnaryOperator<Entry.Builder> change, boolean take) {
    CompletableFuture<Entry> moved;
    try {
      moved = take ? ctx.journal.moveWithinBudget(entry, change) : ctx.journal.move(entry, change);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return moved.thenAccept(stored -> entry = stored);
  }

  /**
   * The takes of earlier runs that may each have made a task, for a job sent again after it was
   * {@code unknown} ({@code --resubmit-unknown}) or after a look-up by client reference found none; 0 otherwise.
   */
  private int earlierTakes() {
    return entry.state() == UNKNOWN ? 0 : entry.possibleTasks() - 1;
  }

  /** The create's handle, counting the earlier takes of a job sent again after it was unknown among its extra tasks. */
  private JobHandle withEarlierTakes(JobHandle handle) {
    int earlier = earlierAtStart;
    return earlier == 0 ? handle : new JobHandle(handle.providerId(), handle.taskId(), handle.model(), handle.quote(),
        handle.submittedAt(), handle.clientReference(), handle.possibleExtraTasks() + earlier);
  }

  /** The create failed; {@code attemptsBefore}: the job's tries before this one. */
  private void createFailed(Throwable failure, int attemptsBefore) {
    if (failure instanceof SubmitNotSentException notSent) {
      // The process is stopping and the create, held back or waiting to be sent again after answers that made
      // nothing, was not sent; held back before its first take went out, it counts as not tried at all.
      if (counted != null) {
        ctx.creates.stoppedUnsent(counted);
      }
      int attempts = notSent.refusedTakes() == 0 ? attemptsBefore : attemptsBefore + 1;
      noTaskOnWrite = true;
      write(b -> b.state(PENDING).attempts(attempts).reason(null, null), () -> hold(notSentReason()));
      return;
    }
    if (failure instanceof AmbiguousSubmitException && entry.clientReference() != null) {
      // Its create got no answer and the look-up by its reference could not tell (the provider down, or the run
      // stopped: its time up, the process, or its client closed under it): left submitting, as a crash leaves it, so
      // that the next run looks it up before sending anything; not unknown, whose way out (--resubmit-unknown)
      // sends again without looking, and would pay twice for a task the look-up would have found.
      boolean stopped = ctx.creates.closed() || ctx.backend.closed();
      if (ctx.backend.closed()) {
        ctx.stop(CLIENT_CLOSED);
      }
      settle(true);
      hold(stopped ? lookUpNextRun("its create got no answer, or was being looked up by client reference "
          + entry.clientReference() + ",")
          : "its create got no answer and looking it up by client reference " + entry.clientReference()
              + " failed too; it stays submitting: the next run looks it up before sending anything, and sends it"
              + " again only if no task is found");
      return;
    }
    switch (FailureCases.rowOf(failure).jobBeforeTask()) {
      case MARK_UNKNOWN -> {
        // Takes answered with a server error and sent again blind may each have made a task: the journal keeps how many.
        int takes = (failure instanceof AmbiguousSubmitException ambiguous
            ? ambiguous.possibleTasks() : 1) + earlierAtStart;
        write(b -> b.state(UNKNOWN).possibleTasks(takes).reason("ambiguous_submit", ambiguousReason(failure)),
            () -> finish(Kind.DONE, null));
      }
      case FAIL_JOB ->
          write(b -> b.state(FAILED).reason(code(failure, "rejected"), failure.getMessage()), () -> finish(Kind.DONE, null));
      case TRY_AGAIN -> {
        if (failure instanceof BudgetExceededException) {
          // Held back by the client's own budget before it went out (no provider refused anything): this try is not
          // counted, as a create held back by a stop is not.
          notSent(failure, "not sent: the client's budget held it back", attemptsBefore);
        } else {
          notSent(failure, "the create was refused");
        }
      }
    }
  }

  /** The provider surely has no task: back to pending; tried again later in this run, or stop the run. */
  private void notSent(Throwable failure, String what) {
    notSent(failure, what, -1);
  }

  /** As {@link #notSent(Throwable, String)}, the job's tries set back to {@code attempts} (-1: left as they are). */
  private void notSent(Throwable failure, String what, int attempts) {
    boolean fatal = FailureCases.rowOf(failure).stopsRun() && failure instanceof VidgenException;
    if (fatal) {
      ctx.stop((VidgenException) failure);
    }
    String reason = what + ": " + failure.getMessage();
    noTaskOnWrite = entry.state() == SUBMITTING;
    write(b -> (attempts < 0 ? b : b.attempts(attempts)).state(PENDING).reason(code(failure, "not_sent"), reason), () -> {
      if (fatal || ++requeues > ctx.maxRequeues || !(failure instanceof VidgenException)) {
        hold(reason);
      } else {
        long delay = ctx.requeueDelay.multipliedBy(requeues).toNanos();
        ctx.scheduler.schedule(() -> {
          try {
            submit();
          } catch (RuntimeException e) {
            hold("unexpected error: " + CauseWords.of(e));
          }
        }, delay, TimeUnit.NANOSECONDS);
      }
    });
  }

  // ---- submitting found after a crash

  private void recover() {
    if (entry.createWaiting()) {
      // Stopped (killed) while its create waited out a backoff: every take was refused without a task, none was on
      // its way, so nothing was made: it is sent again, as a pending job is.
      write(b -> b.state(PENDING).reason(null, null), this::submit);
      return;
    }
    // Told before anything is written: the journal's row still holds the key and the time of that create.
    ctx.listener.onUnansweredFound(entry);
    String reference = entry.clientReference();
    if (reference == null) {
      if (ctx.resubmitUnknown && planned.videoSavedElsewhere()) {
        write(b -> b.state(UNKNOWN).reason(PlannedJob.VIDEO_EXISTS, PlannedJob.keptForItsFile(planned.out())),
            () -> finish(Kind.DONE, null));
      } else if (ctx.resubmitUnknown) {
        write(b -> b.state(PENDING).reason(null, null), this::submit);
      } else {
        write(b -> b.state(UNKNOWN).reason("interrupted_submit", interruptedReason()), () -> finish(Kind.DONE, null));
      }
      return;
    }
    ctx.listener.onLookingUp(entry);
    CompletableFuture<Optional<TaskSnapshot>> lookup = ctx.backend.findByClientReference(reference);
    // Nothing is sent after the look-up once the time is up, so it need not run its grace out: the next run repeats it.
    Runnable dropCancel = ctx.atDeadline(() -> lookup.cancel(false));
    lookup.whenComplete((found, failure) -> dropCancel.run());
    lookup.whenComplete(safely((found, failure) -> {
      if (failure != null) {
        Throwable cause = unwrap(failure);
        if (cause instanceof CancellationException && ctx.pastDeadline()) {
          hold(lookUpNextRun("its create in an earlier run got no answer, and looking it up by client reference "
              + reference + " had not ended"));
        } else if (cause instanceof UnsupportedOperationException) {
          write(b -> b.state(UNKNOWN).reason("interrupted_submit", interruptedReason() + " Looking it up by client"
              + " reference " + reference + " is not possible: " + cause.getMessage()), () -> finish(Kind.DONE, null));
        } else {
          hold("interrupted create not resolved yet: looking up client reference " + reference + " failed ("
              + cause.getMessage() + "); run again to retry");
        }
      } else if (found.isEmpty() && entry.sentWithAnotherKey(ctx.keyTag) && !ctx.resubmitUnknown) {
        // Another key may be another account's: its task would be there, out of this key's sight. The job stays
        // submitting, so that a run with that key looks it up again; --resubmit-unknown is the word to send it anew.
        String why = anotherKeyReason(reference);
        write(b -> b.reason(ANOTHER_KEY, why), () -> hold(why));
      } else if (found.isEmpty()) {
        // The take looked up may still be listed late as a paid task: kept among the job's takes, so that the resend
        // and every later run count it against --max-credits and tell it.
        int takes = entry.possibleTasks() + 1;
        write(b -> b.state(PENDING).possibleTasks(takes).reason(null, null), this::submit);
      } else {
        adopt(found.get(), reference);
      }
    }));
  }

  /** The failure's own words, then when the create went out and on which model: what the dashboard is searched by. */
  private String ambiguousReason(Throwable failure) {
    String said = failure.getMessage() == null ? "no answer" : failure.getMessage().strip();
    if (said.endsWith(".")) {
      said = said.substring(0, said.length() - 1);
    }
    Instant from = (firstTakeAt != null ? firstTakeAt : entry.updatedAt() == null ? ctx.clock.instant()
        : entry.updatedAt()).truncatedTo(ChronoUnit.SECONDS);
    Instant to = ctx.clock.instant().truncatedTo(ChronoUnit.SECONDS);
    String when = "; the create of this job (attempt " + entry.attempts() + ", " + entry.model() + ") went out "
        + (from.equals(to) ? "at " + from : "between " + from + " and " + to) + " (UTC)";
    return entry.clientReference() != null ? said + when + "."
        : said + when + ": look for a task of that time on the provider's dashboard (found: run again with --adopt "
            + planned.key() + "=TASK_ID, which sends nothing), and run again with --resubmit-unknown only if there is"
            + " none.";
  }

  /** The reason code of a job left mid-create by a run with another key, under which this run's key finds no task. */
  static final String ANOTHER_KEY = "another_key";

  /** Why a job caught mid-create with another key's tag is not sent again: the look-up by {@code reference} saw one account only. */
  private String anotherKeyReason(String reference) {
    return "the create of this job (attempt " + entry.attempts() + ", " + entry.model() + ", client reference "
        + reference + ") got no answer in an earlier run, which sent it with another API key (tagged "
        + entry.keyTag() + "; this run's key is tagged " + ctx.keyTag + "), and this key finds no task of that"
        + " reference. If that key is another account's, the task may exist and be billed there: the job stays"
        + " submitting, and a run of this batch with that key (or one of its account) looks it up again; run again"
        + " with --resubmit-unknown only if that account has no such task, to send it anew with this key";
  }

  private String interruptedReason() {
    return "the create of this job (attempt " + entry.attempts() + ", " + entry.model() + ") was being sent at about"
        + " " + entry.updatedAt() + " when its run ended (its process stopped, or its journal could not be written); "
        + (entry.possibleTasks() > 1 ? "that was the last of its " + entry.possibleTasks() + " takes, each of which"
            + " may have made a task (those before it were answered with a server error and sent again, or were sent"
            + " in earlier runs); " : "")
        + entry.model() + " takes no client reference, so vidgen cannot tell whether the task exists and was billed."
        + " Check the provider's dashboard: a task found there is taken in with --adopt " + planned.key()
        + "=TASK_ID (nothing is sent); run again with --resubmit-unknown only if there is none.";
  }

  /** The route's id for a model a line names (an alias, or another case), as handles carry it. */
  private String routeId(String model) {
    return ctx.backend.route(model).map(ModelRoute::id).orElse(model);
  }

  private void adopt(TaskSnapshot snapshot, String reference) {
    JobHandle handle = new JobHandle(ctx.backend.providerId(), snapshot.taskId(), routeId(planned.job().model()), quote(),
        ctx.clock.instant(), reference);
    // Found with this run's key: its account holds the task, so this key follows it from now on.
    String tag = ctx.keyTag != null ? ctx.keyTag : entry.keyTag();
    write(b -> b.state(SUBMITTED).taskId(snapshot.taskId().value()).handle(handle.encode()).keyTag(tag)
        .reason(null, null), () -> {
          if (snapshot.status() == TaskStatus.COMPLETED && snapshot.result().isPresent()) {
            completed(handle, snapshot);
          } else if (snapshot.status() == TaskStatus.FAILED) {
            taskFailed(snapshot.failureReason().orElse(new TaskFailure("failed", "no reason given")));
          } else {
            await(handle);
          }
        });
  }

  // ---- submitted → completed | failed

  private void resume() {
    JobHandle handle = handle();
    if (entry.videoUrl() != null) {
      VideoAsset asset = new VideoAsset(URI.create(entry.videoUrl()), null, entry.expiresAt());
      download(handle, TaskSnapshot.completed(handle.taskId(), asset));
    } else {
      await(handle);
    }
  }

  private JobHandle handle() {
    if (entry.handle() != null) {
      return JobHandle.decode(entry.handle());
    }
    return new JobHandle(ctx.backend.providerId(), TaskId.of(entry.taskId()), routeId(entry.model()), quote(),
        entry.updatedAt() == null ? ctx.clock.instant() : entry.updatedAt(), entry.clientReference());
  }

  /** Why a job is left submitting, to be looked up by its reference next run: {@code what} happened, then when. */
  private String lookUpNextRun(String what) {
    String when = ctx.pastDeadline() ? "the run's time ran out"
        : ctx.backend.closed() && !ctx.creates.closed() ? "the client was closed" : "the process stopped";
    return what + " when " + when + "; it stays"
        + " submitting: the next run looks it up before sending anything, and sends it again only if no task is found";
  }

  /** Why a job whose create had no answer by the run's deadline and its grace is left submitting. */
  private String unansweredPastDeadline() {
    String what = "its create had no answer by the run's deadline and " + VidgenClient.DEADLINE_GRACE.toSeconds()
        + " s more, and was not sent again";
    return entry.clientReference() != null ? lookUpNextRun(what + ",")
        : what + "; it stays submitting: its model takes no client reference to look it up by, so the next run"
            + " reports it unknown (check the provider's dashboard before sending it again)";
  }

  /** Why a job was not sent now that creates are closed: the run's deadline, or the process stopping. */
  private String notSentReason() {
    return ctx.pastDeadline() ? NOT_SENT_TIME_UP : NOT_SENT_STOPPING;
  }

  private void await(JobHandle handle) {
    String timeUp = "task " + handle.taskId() + " is still running when the run's time ran out; its id is in the"
        + " journal: run again to keep polling";
    if (ctx.pastDeadline()) {
      hold(timeUp);
      return;
    }
    CompletableFuture<TaskSnapshot> waiting = ctx.backend.await(handle, (snapshot, elapsed) -> {});
    Runnable dropCancel = ctx.atDeadline(() -> waiting.cancel(false));
    waiting.whenComplete((snapshot, failure) -> dropCancel.run());
    waiting.whenComplete(safely((snapshot, failure) -> {
      if (failure == null) {
        completed(handle, snapshot);
        return;
      }
      Throwable cause = unwrap(failure);
      if (cause instanceof CancellationException && ctx.pastDeadline()) {
        hold(timeUp);
        return;
      }
      FailureTable.Row row = FailureCases.rowOf(cause);
      if (cause instanceof TaskFailedException failed) {
        taskFailed(failed.snapshot().failureReason().orElse(new TaskFailure("failed", failed.getMessage())));
      } else if (row.jobOnceTask() == JobStep.FAIL_JOB) {
        write(b -> b.state(FAILED).reason(code(cause, "failed"), cause.getMessage()), () -> finish(Kind.DONE, null));
      } else if (cause instanceof DeadlineExceededException) {
        String running = "task " + handle.taskId() + " is still running: " + cause.getMessage() + "; run again to keep"
            + " polling";
        if (JobStore.TASK_NOT_FOUND.equals(entry.reasonCode())) {
          write(b -> b.reason(null, null), () -> hold(running)); // found this time
        } else {
          hold(running);
        }
      } else if (cause instanceof TaskNotFoundException && gone(handle)) {
        write(b -> b.state(FAILED).reason("task_gone", "task " + handle.taskId() + " was not found ("
            + cause.getMessage() + ") " + Duration.between(handle.submittedAt(), ctx.clock.instant()).toHours()
            + " hours after its create, longer than a provider keeps a task (results last a day): it is gone; give the"
            + " line a new id to generate the video again (which pays again)"), () -> finish(Kind.DONE, null));
      } else if (cause instanceof TaskNotFoundException && entry.sentWithAnotherKey(ctx.keyTag)) {
        notFound("task " + handle.taskId() + " was not found (" + cause.getMessage() + "): it was made with another"
            + " API key (tagged " + entry.keyTag() + "; this run's key is tagged " + ctx.keyTag + "), and if that key"
            + " is another account's, the task is there, out of this key's sight; the job stays open: run this batch"
            + " with that key (or one of its account) to follow it");
      } else if (cause instanceof TaskNotFoundException) {
        notFound("task " + handle.taskId() + " was not found (" + cause.getMessage() + "); the job stays open and is"
            + " checked again on the next run");
      } else {
        if (row.stopsRun() && cause instanceof VidgenException fatal) {
          ctx.stop(fatal);
        }
        hold("polling task " + handle.taskId() + " failed: " + cause.getMessage() + "; run again to keep polling");
      }
    }));
  }

  /** A task the provider said it does not know: the journal says so (the job stays open), then the job is held. */
  private void notFound(String problem) {
    write(b -> b.reason(JobStore.TASK_NOT_FOUND, problem), () -> hold(problem));
  }

  /**
   * How long after its create a task the provider does not know is taken as gone for good, rather than
   * as a passing fault (a wrong base URL, a listing not caught up): twice the day results last.
   */
  static final Duration TASK_GONE_AFTER = Duration.ofHours(48);

  private boolean gone(JobHandle handle) {
    return Duration.between(handle.submittedAt(), ctx.clock.instant()).compareTo(TASK_GONE_AFTER) > 0;
  }

  private void taskFailed(TaskFailure failure) {
    write(b -> b.state(FAILED).reason(failure.code(), failure.message()), () -> finish(Kind.DONE, null));
  }

  private void completed(JobHandle handle, TaskSnapshot snapshot) {
    if (snapshot.resultProblem().isPresent()) {
      // The task's own final answer, a link never fetched: reading it again gives the same, so the job ends here.
      String why = new ResultUnusableException(handle.taskId(), snapshot.resultProblem().get().message()).getMessage()
          + "; see the task in the provider's dashboard, or give the line a new id to generate it again (which pays"
          + " again)";
      write(b -> b.state(FAILED).reason("result_unusable", why), () -> finish(Kind.DONE, null));
      return;
    }
    VideoAsset video = snapshot.video();
    boolean foundAgain = JobStore.TASK_NOT_FOUND.equals(entry.reasonCode());
    write(b -> {
      b.state(SUBMITTED).video(video.url().toString(), video.expiresAt());
      return foundAgain ? b.reason(null, null) : b;
    }, () -> download(handle, snapshot));
  }

  private void download(JobHandle handle, TaskSnapshot snapshot) {
    Path target = planned.out();
    // At the run's deadline no new try of the download starts, and one under way is given a bounded time to end.
    CompletableFuture<Void> deadline = new CompletableFuture<>();
    Runnable dropDeadline = ctx.atDeadline(() -> deadline.complete(null));
    CompletableFuture<Path> saving = ctx.backend.download(handle, snapshot, target, deadline);
    saving.whenComplete((file, failure) -> dropDeadline.run());
    saving.whenComplete(safely((file, failure) -> {
      if (failure == null) {
        write(b -> b.state(COMPLETED).file(file.toString()).reason(null, null), () -> finish(Kind.DONE, null));
        return;
      }
      Throwable cause = unwrap(failure);
      if (cause instanceof DeadlineExceededException && ctx.pastDeadline()) {
        // The task is made and paid for, and its link stays in the journal: the next run saves the video.
        hold("the video of task " + handle.taskId() + " is ready but was not saved by the run's deadline (no download"
            + " try starts after it, and one under way is given at most " + VidgenClient.DEADLINE_GRACE.toSeconds()
            + " s more); its link is kept in the journal:"
            + " run again to save it, nothing is paid again");
      } else if (cause instanceof ResultExpiredException) {
        write(b -> b.state(FAILED).reason("result_expired", cause.getMessage()), () -> finish(Kind.DONE, null));
      } else if (cause instanceof ResultUnavailableException || cause instanceof TaskNotFoundException
          || cause instanceof RequestRejectedException || cause instanceof AuthenticationException) {
        // One answer never gives a created task up: forget the link, so that the next run reads the task again.
        String problem = "the video of task " + handle.taskId() + " could not be fetched (" + cause.getMessage()
            + "); the job stays open and the next run reads the task again for a fresh link";
        write(b -> b.video(null, null).reason("result_unavailable", problem), () -> hold(problem));
      } else if (savesAgain(cause)) {
        saveFailed(handle, snapshot, cause);
      } else {
        hold("the video of task " + handle.taskId() + " is ready but was not saved: " + CauseWords.of(cause)
            + (cause instanceof DownloadFailedException refused && refused.whereToSave().isPresent()
                ? "; " + elsewhere(handle, refused.whereToSave().get(), target) : "; run again to download it"));
      }
    }));
  }

  /** The journal's reason code of a job whose video came but could not be saved, and is saved again. */
  static final String SAVE_FAILED = "save_failed";

  /**
   * Whether a failed save may work when tried again at the same place: the video came but the file system refused it
   * (a folder made read-only, a full disk), not a link that failed or served something else (the download's own
   * retries are spent) nor a place that fails the same way every time.
   */
  private static boolean savesAgain(Throwable cause) {
    return cause instanceof DownloadFailedException refused && refused.whereToSave().isEmpty()
        && refused.providerFailure().isEmpty() && !refused.servedSomethingElse() && refused.sizeLimit().isEmpty();
  }

  /**
   * The video came but could not be saved: said at once, and tried again after a wait while its link lasts (no create
   * is sent again); the job keeps its place meanwhile. Once the tries are spent, the link is about to expire or the
   * run's time is up, the job is left, and the next run saves it.
   */
  private void saveFailed(JobHandle handle, TaskSnapshot snapshot, Throwable cause) {
    savesFailed++;
    String why = CauseWords.of(cause);
    String taskId = handle.taskId().value();
    Duration wait = ctx.saveRetryWait(savesFailed);
    Instant expires = snapshot.video().expiresAt();
    boolean again = wait != null && !ctx.pastDeadline()
        && (expires == null || ctx.clock.instant().plus(wait).isBefore(expires));
    if (!again) {
      ctx.listener.onSaveFailed(entry, taskId, why, savesFailed, null);
      hold("the video of task " + taskId + " is ready but was not saved: " + why + "; run again to download it");
      return;
    }
    if (!saveCounted) {
      saveCounted = true;
      ctx.saveWaiting();
    }
    write(b -> b.reason(SAVE_FAILED, why), () -> {
      ctx.listener.onSaveFailed(entry, taskId, why, savesFailed, wait);
      saveLater(handle, snapshot, wait, why);
    });
  }

  /** Tries the save again after {@code wait}; at the run's deadline the job is left instead. */
  private void saveLater(JobHandle handle, TaskSnapshot snapshot, Duration wait, String why) {
    AtomicBoolean taken = new AtomicBoolean();
    AtomicReference<Runnable> dropDeadline = new AtomicReference<>(() -> {});
    ScheduledFuture<?> later;
    try {
      later = ctx.scheduler.schedule(() -> {
        if (taken.compareAndSet(false, true)) {
          dropDeadline.get().run();
          try {
            download(handle, snapshot);
          } catch (RuntimeException e) {
            hold("unexpected error: " + CauseWords.of(e));
          }
        }
      }, wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopped) {
      hold("the video of task " + handle.taskId() + " is ready but was not saved: " + why + "; run again to download it");
      return;
    }
    dropDeadline.set(ctx.atDeadline(() -> {
      if (taken.compareAndSet(false, true)) {
        later.cancel(false);
        hold("the video of task " + handle.taskId() + " is ready but was not saved: " + why + "; the run's time ran"
            + " out before it was tried again; run again to download it");
      }
    }));
  }

  /** How a job's left reason says its video saves only elsewhere ({@link #elsewhere}), as {@link BatchReport} reads. */
  static final String SAVES_ELSEWHERE = "saving it to the same place again fails the same way, so save it ";
  /** How the place a file-size limit allows begins, after {@link #SAVES_ELSEWHERE}, as core says it. */
  static final String UNDER_LIMIT = "where the file-size limit allows it";

  /**
   * What saves a video the file system refused in a way the same place meets again ({@code whereToSave} says where it
   * fits): not the same run again, but one that saves it elsewhere; its task is made and paid, so none is paid again.
   */
  static String elsewhere(JobHandle handle, String whereToSave, Path target) {
    boolean limit = whereToSave.startsWith(UNDER_LIMIT);
    Path name = target.getFileName();
    return SAVES_ELSEWHERE + whereToSave + ": run the batch again"
        + (limit ? " from such a shell, or" : "") + " with --out-dir OTHER_FOLDER (or the line's out there), or save it"
        + " with vidgen download " + handle.taskId() + " --out OTHER_FOLDER/" + (name == null ? "" : name)
        + "; its task is made and paid for, so neither pays again";
  }

  // ---- plumbing

  private PriceQuote quote() {
    return planned.quote();
  }

  /** Writes the next state, then goes on with {@code then}; a lost claim or a journal failure ends this job's run. */
  private void write(UnaryOperator<Entry.Builder> change, Runnable then) {
    boolean settles = settleOnWrite;
    settleOnWrite = false;
    boolean noTask = noTaskOnWrite && entry.state() == SUBMITTING;
    noTaskOnWrite = false;
    boolean take = takeOnWrite;
    takeOnWrite = false;
    CompletableFuture<Entry> moved;
    try {
      moved = take ? ctx.journal.moveWithinBudget(entry, change) : ctx.journal.move(entry, change);
    } catch (RuntimeException e) {
      if (settles) {
        settle(false);
      }
      throw e;
    }
    moved.whenComplete(safely((stored, failure) -> {
      if (failure != null && settles && answeredTask != null) {
        // Told before the create counts as settled: a run failing for its journal waits for that, then ends.
        try {
          ctx.listener.onTaskNotJournaled(entry, answeredTask, unwrap(failure));
        } catch (RuntimeException listenerFailed) {
          failure.addSuppressed(listenerFailed); // the hold below still names the task
        }
      }
      if (failure != null && noTask) {
        // Told before the create counts as settled, as a task is: the journal still has the job being sent.
        try {
          ctx.listener.onNotSentNotJournaled(entry, unwrap(failure));
        } catch (RuntimeException listenerFailed) {
          failure.addSuppressed(listenerFailed); // the hold below says it all the same
        }
      }
      if (settles) {
        settle(failure == null);
      }
      if (failure == null) {
        entry = stored;
        try {
          then.run();
        } catch (RuntimeException e) {
          hold("unexpected error: " + CauseWords.of(e));
        }
        return;
      }
      Throwable cause = unwrap(failure);
      // A task whose id did not reach the journal is paid for all the same: its id goes into the report.
      String task = settles && answeredTask != null ? "; task " + answeredTask + " was created and is paid for:"
          + " save its video with vidgen wait " + answeredTask + " --out " + planned.out() : "";
      if (cause instanceof JobStore.OverLimitException over) {
        heldBackByTheBatchBudget(over);
      } else if (cause instanceof Journal.ClaimLostException) {
        finish(Kind.LOST, cause.getMessage() + task);
      } else {
        hold("the journal could not be written: " + CauseWords.of(cause) + task + (noTask ? "; " + neverSent(entry) : ""));
      }
    }));
  }

  /**
   * The batch's takes, every worker's as the journal holds them, leave no room for this job's create, which was not
   * sent (nor written): the run stops as a single worker's does at its budget, and the job stays pending.
   */
  private void heldBackByTheBatchBudget(JobStore.OverLimitException over) {
    if (counted != null) {
      ctx.creates.stoppedUnsent(counted);
    }
    settle(true);
    BudgetExceededException stop = new BudgetExceededException(planned.quote(),
        over.limit().subtract(over.spent()).max(BigDecimal.ZERO));
    ctx.stop(stop);
    // As a single worker's own budget words it: the run's stop says whose takes spent the batch's budget.
    hold("not sent: the client's budget held it back: " + stop.getMessage());
  }

  /**
   * What a job whose create made no task, but whose return to pending the journal could not record,
   * is: never sent, and what the next run makes of it as the journal has it.
   */
  static String neverSent(Entry entry) {
    String next = entry.createWaiting() ? "the journal marks its create as waiting, so the next run sends it"
        : entry.clientReference() != null ? "the journal still has it being sent, so the next run looks it up by"
            + " its client reference first, finds no task and sends it"
        : "the journal still has it being sent, so the next run tells it unknown: sending it again"
            + " (--resubmit-unknown) pays for it once";
    return "its create was never sent (or was refused without making a task): no task of it exists; " + next;
  }

  /** Counts this job's create off (see {@link CreatesOnTheirWay}), once; {@code journaled} whether its outcome is. */
  private void settle(boolean journaled) {
    if (counted != null) {
      ctx.creates.settled(counted, journaled);
      counted = null;
    }
  }

  /** A continuation that turns its own unexpected error into a held job instead of a lost one. */
  private <T> BiConsumer<T, Throwable> safely(BiConsumer<T, Throwable> step) {
    return (value, failure) -> {
      try {
        step.accept(value, failure);
      } catch (RuntimeException e) {
        hold("unexpected error: " + CauseWords.of(e));
      }
    };
  }

  private void hold(String problem) {
    finish(Kind.HELD, problem);
  }

  private void finish(Kind kind, String problem) {
    // Ended before its create's outcome was written (an unexpected error, a failed write): nothing more comes.
    settleOnWrite = false;
    settle(false);
    if (saveCounted) {
      saveCounted = false;
      ctx.saveSettled(); // saved, or left for the next run: new jobs may be claimed again
    }
    result.complete(new Outcome(kind, entry, problem));
  }

  private static String code(Throwable failure, String fallback) {
    if (failure instanceof ProviderException p) {
      return p.providerCode().filter(c -> !c.isBlank() && !c.chars().allMatch(Character::isDigit))
          .orElse(p.kind().name().toLowerCase(Locale.ROOT));
    }
    if (failure instanceof InvalidJobException invalid
        && invalid.violations().stream().anyMatch(Violation::isError)
        && invalid.violations().stream().filter(Violation::isError)
            .allMatch(v -> ViolationCodes.MODEL_NOT_AVAILABLE.equals(v.code()))) {
      // Refused only because the key may not use its model: the way on is another model, which the advice names.
      return ViolationCodes.MODEL_NOT_AVAILABLE;
    }
    if (failure instanceof InvalidJobException) {
      return "invalid_job";
    }
    return fallback;
  }


}
