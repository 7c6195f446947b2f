package dev.vidgen.serve.history;

import dev.vidgen.core.client.FailureCases;
import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.SubmitNotSentException;
import dev.vidgen.core.client.SubmitStoppedException;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.concurrent.AsyncFailures;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.AmbiguousSubmitException;
import dev.vidgen.core.policy.FailureTable;
import dev.vidgen.core.port.VidgenThreads;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.text.SafeText;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * {@link TaskHistory#submitOnce}: the same-job check and the job's note as one step under the history's lock, then
 * the submit, then its answer recorded, as {@code vidgen generate} and the playground keep them. The note is written
 * before anything is sent, so that a run of the same job started meanwhile, in this process or another, finds it.
 */
final class SubmitOnce {
  private final TaskHistory history;
  private final VidgenClient client;
  private final VideoJob job;
  private final String source;
  private final String providerId;
  /** The client's base URL and key tag, kept on every line as the command line's are (null: the client has none). */
  private final String baseUrl;
  private final String keyTag;
  private final String reference = "vg-" + UUID.randomUUID();
  private final boolean referenceSent;
  private final InputDigests digests = InputDigests.reading();

  SubmitOnce(TaskHistory history, VidgenClient client, VideoJob job, String source) {
    this.history = Objects.requireNonNull(history, "history == null");
    this.client = Objects.requireNonNull(client, "client == null");
    this.job = Objects.requireNonNull(job, "job == null");
    Objects.requireNonNull(source, "source == null");
    if (source.isBlank()) {
      throw new IllegalArgumentException("source is blank: name the app, such as \"my-app\"");
    }
    this.source = source.strip();
    this.providerId = client.provider().id();
    this.baseUrl = client.baseUrl().orElse(null);
    this.keyTag = client.keyTag().orElse(null);
    this.referenceSent = client.catalog().find(job.model()).map(client.provider()::takesClientReference)
        .orElse(false);
  }

  JobHandle run() {
    Optional<String> own = VidgenThreads.current();
    if (own.isPresent()) {
      throw new IllegalStateException("submitOnce blocks, and was called on vidgen's own thread " + own.get()
          + ", which its submit needs; call it from a thread of yours (nothing was sent)");
    }
    PriceQuote quote = client.quote(job); // an unknown model is refused here, before anything is written or sent
    Function<VideoJob, Object> identity = JobIdentity.remembered(JobIdentity.asSent(client));
    HistoryEntry note = history.changing(() -> {
      Instant now = Instant.now();
      RunMarker.settleAbandoned(history, now); // a vidgen run killed before its create sent nothing: not the same job
      Instant since = now.minus(TaskHistory.SAME_JOB_WINDOW);
      // A create still on its way is named before a newer take of the same job, as vidgen generate names it.
      Optional<HistoryEntry> earlier = history.sameJob(providerId, job, since, identity,
              entry -> entry.mayStillBeOnItsWay(now), digests)
          .or(() -> history.sameJob(providerId, job, since, identity, entry -> true, digests));
      if (earlier.isPresent()) {
        throw refusal(earlier.get(), now);
      }
      HistoryEntry reservation = noted(HistoryEntry.unanswered(reference, referenceSent, providerId, job, quote, now,
          now, HistoryEntry.SUBMIT_BEGAN + at(now) + " from " + source + " and " + HistoryEntry.SENDING_MARK
              + " for its create (if this stays, the process stopped before one came, or before the create went"
              + " out); " + check(), source));
      history.record(reservation); // a history that cannot be written sends nothing
      return reservation;
    });
    CompletableFuture<Void> stopSending = new CompletableFuture<>();
    CompletableFuture<JobHandle> submitted;
    try {
      submitted = client.submitAsync(job, reference, stopSending);
    } catch (RuntimeException refused) {
      closeQuietly(note, "its submit was refused before anything was sent: " + refused.getMessage());
      throw refused;
    }
    // Recorded whenever the answer comes, also after an interrupted caller has gone.
    CompletableFuture<JobHandle> recorded = submitted.whenComplete((handle, failure) -> record(note, quote, handle,
        failure));
    return await(recorded, stopSending);
  }

  private JobHandle await(CompletableFuture<JobHandle> recorded, CompletableFuture<Void> stopSending) {
    try {
      return recorded.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopSending.complete(null); // no create leaves from now on; one on its way still answers, and is recorded
      throw new SubmitStoppedException("the thread of submitOnce was interrupted while its submit was under way;"
          + " the task history keeps the job's note until the answer comes", recorded,
          referenceSent ? reference : null);
    } catch (ExecutionException e) {
      Throwable cause = AsyncFailures.unwrap(e);
      if (cause instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** The submit's answer in the history: the task with the note closed, the note kept unknown, or closed as not sent. */
  private void record(HistoryEntry note, PriceQuote quote, JobHandle handle, Throwable failure) {
    try {
      Instant now = Instant.now();
      if (failure == null) {
        history.record(noted(HistoryEntry.submitted(handle, job, source))); // else the note stays, the only trace
        int extra = handle.possibleExtraTasks();
        history.record(extra == 0 ? note.answeredAs(handle, now) : noted(HistoryEntry.unanswered(reference,
            referenceSent, providerId, job, quote, note.submittedAt(), now, "its create was answered with a server"
                + " error and sent again, so " + (extra == 1 ? "the first take" : "each of the " + extra
                + " takes before") + " may have made a billed task of its own that cannot be looked up; "
                + CountedOn.MADE_TASK + handle.taskId() + CountedOn.MADE_TASK_END + " for a task made at "
                + at(note.submittedAt()), source, extra)));
        return;
      }
      Throwable cause = AsyncFailures.unwrap(failure);
      if (cause instanceof AmbiguousSubmitException unanswered) {
        history.record(noted(HistoryEntry.unanswered(reference, referenceSent, providerId, job, quote,
            note.submittedAt(), now, HistoryEntry.serverErrorAnswer(unanswered)
                .orElse("its create got no usable answer") + (unanswered.possibleTasks() > 1
                ? ", and each of its " + unanswered.possibleTasks() + " takes may have made a task" : "") + "; "
                + check(), source, unanswered.possibleTasks())));
      } else if (cause instanceof SubmitNotSentException
          || FailureCases.rowOf(cause).jobBeforeTask() != FailureTable.JobStep.MARK_UNKNOWN) {
        history.record(note.answeredWithout("its create was refused or not sent, so nothing was made or billed: "
            + cause.getMessage(), now));
      }
      // Any other failure may have come after the create went out: the note stays unknown, the safe side.
    } catch (RuntimeException unwritten) {
      // The note written before the create stays as it was: the same job still finds it, the safe side.
    }
  }

  private void closeQuietly(HistoryEntry note, String why) {
    try {
      history.record(note.answeredWithout(why, Instant.now()));
    } catch (RuntimeException unwritten) {
      // The note stays unknown: the same job asks first, the safe side.
    }
  }

  /**
   * {@code entry} with what the job's local inputs hold, so that a copy or a renamed file is the same job, and with the
   * client's base URL and key tag, so that the command line tells the server it was made on.
   */
  private HistoryEntry noted(HistoryEntry entry) {
    return digests.recorded(entry.withBaseUrl(baseUrl).withKeyTag(keyTag), job);
  }

  /** Where to look for a task the create may have made, for people (as vidgen generate says it). */
  private String check() {
    String name = HistoryEntry.unansweredName(reference, referenceSent);
    String server = baseUrl == null ? "" : " --base-url " + SafeText.command(baseUrl);
    return referenceSent
        ? "look it up with vidgen status " + name + server + " (by its client reference) or on the provider's dashboard"
            + " before you send it again"
        : "check the provider's dashboard before you send it again (a task found there is saved, and this entry"
            + " closed, with vidgen wait TASK_ID --made-by " + name + server + ")";
  }

  /** The refusal of the job the history holds as {@code earlier}: a task, or a create that may have made one. */
  private static SameJobException refusal(HistoryEntry earlier, Instant now) {
    String by = " by " + SafeText.clip(SafeText.clean(earlier.source()), 80);
    String name = SafeText.clip(SafeText.clean(earlier.taskId()), 200);
    boolean note = earlier.status().equals(HistoryEntry.UNKNOWN)
        && earlier.taskId().startsWith(HistoryEntry.UNANSWERED_PREFIX);
    String said = !note
        ? "the same job was submitted at " + at(earlier.submittedAt()) + by + " as task " + name + " ("
            + earlier.status().replace('_', ' ') + "); sending it again would pay for another take, so nothing was"
            + " sent: follow that task (its entry's jobHandle()) or change the job"
        : (earlier.mayStillBeOnItsWay(now)
            ? "the same job's submit began at " + at(earlier.submittedAt()) + by + " and its create has no answer yet"
            : "the same job was submitted at " + at(earlier.submittedAt()) + by + " and its create got no answer")
            + " (" + name + "), so a task may exist and be billed; nothing was sent: wait for that answer, or find the"
            + " task on the provider's dashboard (vidgen history shows the note; if there is no task, vidgen history"
            + " --close " + name + " --no-task closes it)";
    return new SameJobException(said, earlier);
  }

  private static String at(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS) + " (UTC)";
  }
}
