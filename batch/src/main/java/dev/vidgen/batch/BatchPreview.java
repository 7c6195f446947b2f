package dev.vidgen.batch;

import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What running a plan against its journal would do now, read without writing anything: which jobs
 * would be sent, followed or left as they are, and which journal jobs would be dropped or take their
 * line's new content. A dry run's answer to "what would running this again cost?".
 *
 * @param journal the journal read, for people
 * @param jobs one preview per job of the plan, in the plan's order
 * @param dropped journal jobs without a task whose line the plan lacks: the run would drop them
 * @param replaced journal jobs never sent whose line changed, and with {@code retryFailed} failed jobs of which
 *     nothing was made ({@link FailedRetries#replaceable}) whose line changed: the run would send the line as it is now
 * @param elsewhere journal jobs of the batch, sent or ended, whose line the plan lacks: an earlier form of the file's,
 *     or another file's of the same name (a batch is named by its file's name), left as they are
 */
public record BatchPreview(String journal, List<JobPreview> jobs, List<Entry> dropped, List<Entry> replaced,
    List<Entry> elsewhere) {

  public BatchPreview {
    Objects.requireNonNull(journal, "journal == null");
    jobs = List.copyOf(jobs);
    dropped = List.copyOf(dropped);
    replaced = List.copyOf(replaced);
    elsewhere = List.copyOf(elsewhere);
  }

  /** What a run would do with one job of the plan. */
  public enum Action {
    /** Created, and paid for: new to the journal, never sent, back in the file, or unknown and sent again. */
    SEND("send"),
    /** It has a task: the task is followed to its end; nothing is sent again. */
    FOLLOW("follow"),
    /**
     * Its create went out without an answer: the task is looked up by its client reference, and the
     * job is sent again (and paid for) only if no task is found.
     */
    LOOK_UP("look up"),
    /** Completed: its video is kept, nothing is sent. */
    DONE("done"),
    /**
     * Failed, or of unknown outcome, or left being sent by a stopped run without a client reference
     * (the run tells it unknown): not sent again.
     */
    KEEP("keep"),
    /** Held by another worker sharing the journal, which runs it. */
    HELD("held");

    private final String id;

    Action(String id) {
      this.id = id;
    }

    /** The action's name in output: {@code send}, {@code follow}, {@code look up}, {@code done}, {@code keep}, {@code held}. */
    public String id() {
      return id;
    }
  }

  /**
   * One job of the plan and what a run would do with it.
   *
   * @param entry the journal's entry for the job's key, or null when the journal does not have it
   */
  public record JobPreview(PlannedJob job, Entry entry, Action action) {
    public JobPreview {
      Objects.requireNonNull(job, "job == null");
      Objects.requireNonNull(action, "action == null");
    }
  }

  /**
   * Reads what running {@code plan} on {@code store} at {@code now} would do, writing nothing.
   *
   * @param resubmitUnknown whether the run would send jobs of unknown outcome again
   * @throws JobStore.ConflictException when the run would be refused before writing anything, with
   *     the run's own message
   */
  public static BatchPreview read(BatchPlan plan, JobStore store, boolean resubmitUnknown, Instant now) {
    return read(plan, store, resubmitUnknown, false, now);
  }

  /**
   * As {@link #read(BatchPlan, JobStore, boolean, Instant)}, for a run that may also send again the
   * failed jobs that never had a task ({@code retryFailed}, {@code --retry-failed}).
   */
  public static BatchPreview read(BatchPlan plan, JobStore store, boolean resubmitUnknown, boolean retryFailed,
      Instant now) {
    Map<String, PlannedJob> byKey = new LinkedHashMap<>();
    plan.jobs().forEach(job -> byKey.put(job.key(), job));
    JournalChecks checks = new JournalChecks(store.describe(), plan.batch(), byKey, null, retryFailed,
        plan.invalid());
    List<Entry> known = store.entries(plan.batch());
    checks.refuseAll(known, now);
    Map<String, Entry> byEntryKey = new LinkedHashMap<>();
    known.forEach(entry -> byEntryKey.put(entry.key(), entry));
    List<JobPreview> jobs = plan.jobs().stream().map(job -> {
      Entry entry = byEntryKey.get(job.key());
      boolean retry = retryFailed && FailedRetries.sentAgain(entry, job);
      return new JobPreview(job, entry, action(entry, checks, resubmitUnknown && !job.videoSavedElsewhere(), retry,
          now));
    }).toList();
    List<Entry> free = known.stream().filter(e -> !checks.heldByOther(e, now)).toList();
    List<Entry> dropped = free.stream()
        .filter(e -> e.state() == State.PENDING && !byKey.containsKey(e.key())).toList();
    List<Entry> replaced = free.stream()
        .filter(e -> byKey.containsKey(e.key()) && checks.differs(e) && checks.rewritable(e)).toList();
    // Jobs of the batch whose line this file lacks that are not dropped: sent, or done, by this file's earlier form
    // or by another file of the same name (a batch is named by its file's name).
    List<Entry> elsewhere = known.stream()
        .filter(e -> !byKey.containsKey(e.key()) && e.state() != State.PENDING && e.state() != State.DROPPED).toList();
    return new BatchPreview(store.describe(), jobs, dropped, replaced, elsewhere);
  }

  private static Action action(Entry entry, JournalChecks checks, boolean resubmitUnknown, boolean retry,
      Instant now) {
    if (entry == null) {
      return Action.SEND;
    }
    if (!entry.state().isFinal() && checks.heldByOther(entry, now)) {
      return Action.HELD;
    }
    return switch (entry.state()) {
      case PENDING, DROPPED -> Action.SEND;
      case SUBMITTED -> Action.FOLLOW;
      case SUBMITTING -> entry.createWaiting() ? Action.SEND : entry.clientReference() != null ? Action.LOOK_UP
          : resubmitUnknown ? Action.SEND : Action.KEEP;
      case COMPLETED -> Action.DONE;
      case FAILED -> retry ? Action.SEND : Action.KEEP;
      case UNKNOWN -> resubmitUnknown ? Action.SEND : Action.KEEP;
    };
  }

  /** How many jobs of the plan a run would treat as {@code action} says. */
  public int count(Action action) {
    return (int) jobs.stream().filter(job -> job.action() == action).count();
  }

  /**
   * How many of the {@link Action#KEEP} jobs have not ended: a stopped run was sending them, with no
   * client reference to look them up by, so a run tells them unknown and sends nothing again.
   */
  public int leftSubmitting() {
    return (int) jobs.stream().filter(job -> job.action() == Action.KEEP && job.entry() != null
        && job.entry().state() == State.SUBMITTING).count();
  }

  /** The known price of the jobs a run would send, in credits. */
  public BigDecimal creditsToSend() {
    return jobs.stream().filter(job -> job.action() == Action.SEND && job.job().quote().isKnown())
        .map(job -> job.job().quote().credits()).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** The same price in US dollars. */
  public BigDecimal usdToSend() {
    return jobs.stream().filter(job -> job.action() == Action.SEND && job.job().quote().isKnown())
        .map(job -> job.job().quote().usd()).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** {@link #creditsToSend()} plus the known price of the jobs looked up, which are sent again if not found. */
  public BigDecimal creditsAtMost() {
    return jobs.stream().filter(job -> (job.action() == Action.SEND || job.action() == Action.LOOK_UP)
            && job.job().quote().isKnown())
        .map(job -> job.job().quote().credits()).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** How many of the jobs a run would send, or would look up and send if not found, have no known price. */
  public int unknownPricesAtMost() {
    return (int) jobs.stream().filter(job -> (job.action() == Action.SEND || job.action() == Action.LOOK_UP)
        && !job.job().quote().isKnown()).count();
  }

  /** How many of the jobs a run would send have no known price. */
  public int unknownPricesToSend() {
    return (int) jobs.stream().filter(job -> job.action() == Action.SEND && !job.job().quote().isKnown()).count();
  }
}
