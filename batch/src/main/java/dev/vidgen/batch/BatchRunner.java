package dev.vidgen.batch;

import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import dev.vidgen.core.concurrent.DaemonThreads;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.port.ApiKey;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Runs a batch of jobs through a {@link VidgenClient}, keeping every step in a {@link JobStore}:
 * at most {@code concurrency} jobs in flight, each written to the journal before and after each
 * provider call. Running the same plan against the same journal again continues where the last
 * run stopped; several workers sharing one journal share the batch. Thread-safe to build; one
 * {@link #run} at a time per runner.
 */
public final class BatchRunner {
  private final JobBackend backend;
  private final JobStore store;
  private final int concurrency;
  private final Duration lease;
  private final Duration idlePoll;
  /** How often a run reads the jobs other workers of a shared journal finished, for its bar. */
  private static final Duration OTHERS_EVERY = Duration.ofSeconds(5);
  private final boolean resubmitUnknown;
  private final boolean retryFailed;
  private final boolean skipInvalid;
  private final boolean startOver;
  private final BatchListener listener;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final boolean ownScheduler;
  private final String worker;
  private final RandomGenerator random;
  private final Duration requeueDelay;
  private final Duration progressEvery;
  private final Duration saveRetryDelay;
  /** The whole run's deadline, or null for none. */
  private final Duration timeout;
  private final String keyTag;
  /** The keys masked in every reason the journal keeps. */
  private final List<ApiKey> hidden;
  /** The batch's limit, kept by every worker on the journal; null: none. */
  private final BatchBudget budget;
  private final java.util.concurrent.atomic.AtomicBoolean timedOut = new java.util.concurrent.atomic.AtomicBoolean();
  private final CreatesOnTheirWay creates = new CreatesOnTheirWay();

  private BatchRunner(Builder b) {
    this.backend = Objects.requireNonNull(b.backend, "client == null");
    this.store = Objects.requireNonNull(b.store, "store == null");
    this.concurrency = b.concurrency;
    this.lease = b.lease;
    this.idlePoll = b.idlePoll;
    this.resubmitUnknown = b.resubmitUnknown;
    this.retryFailed = b.retryFailed;
    this.skipInvalid = b.skipInvalid;
    this.startOver = b.startOver;
    this.listener = b.listener;
    this.clock = b.clock;
    this.ownScheduler = b.scheduler == null;
    this.scheduler = ownScheduler ? Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("vidgen-batch")) : b.scheduler;
    this.worker = b.worker != null ? b.worker : defaultWorker(b.random);
    this.random = b.random;
    this.requeueDelay = b.requeueDelay;
    this.progressEvery = b.progressEvery;
    this.saveRetryDelay = b.saveRetryDelay;
    this.timeout = b.timeout;
    this.keyTag = b.keyTag;
    this.hidden = b.hidden;
    this.budget = b.budget;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** This worker's name in the journal. */
  public String worker() {
    return worker;
  }

  /**
   * Checks every line against its model and prices it with {@code client}, and against the
   * provider's live model list when the client checks it (one read, kept by the client); creates
   * nothing and needs no journal. Relative {@code out} paths (and the default {@code <key>.mp4})
   * are taken from {@code outDir}.
   */
  public static BatchPlan plan(VidgenClient client, String batch, List<BatchLine> lines, Path outDir) {
    Objects.requireNonNull(batch, "batch == null");
    return new BatchPlanner(new ClientBackend(Objects.requireNonNull(client, "client == null")))
        .plan(batch, lines, outDir);
  }

  /**
   * Refuses {@code store}'s batch when it holds jobs whose tasks a provider other than {@code providerId} made (such as
   * a journal made on the mock, run again on a real provider). Reads the journal only; {@link #run} checks the same
   * first, with its client's provider.
   *
   * @throws JournalProviderException when the journal holds such jobs
   */
  public static void requireProvider(JobStore store, String batch, String providerId) {
    Objects.requireNonNull(batch, "batch == null");
    JournalProviderException.check(store.describe(), batch, store.entries(batch), providerId);
  }

  /**
   * Runs the plan's jobs until each is final, or the run is stopped by an error that affects
   * every job; blocks until then. Jobs already final in the journal are left alone, and a job with
   * a task is followed even when its model refuses a create now ({@link BatchPlan#following}). Before anything
   * is sent, a plan with invalid lines is refused (unless {@link Builder#skipInvalid}), and so is a
   * journal that does not belong to the videos already in the plan's folder ({@link ResultsManifest},
   * unless {@link Builder#startOver}), since running on it would pay for finished jobs again.
   *
   * @throws InvalidLinesException when the plan has invalid lines and they are not to be skipped
   * @throws ResultsManifest.StaleJournalException when the journal is missing, emptied or older than
   *     the results beside it, or a new job's file already exists
   * @throws JobStore.ConflictException when the journal holds other jobs under this batch's keys,
   *     or unfinished jobs that are not in the plan (nothing is sent then)
   * @throws JournalProviderException when the journal holds jobs another provider made ({@link #requireProvider})
   */
  public BatchReport run(BatchPlan plan) {
    Objects.requireNonNull(plan, "plan == null");
    // A task is read only by the provider that made it, and what another provider finished is no work of this one's.
    requireProvider(store, plan.batch(), backend.providerId());
    // A line only its model's checks refuse still follows the task the journal holds for it.
    plan = plan.following(store.entries(plan.batch()));
    if (!plan.invalid().isEmpty() && !skipInvalid) {
      throw new InvalidLinesException(plan);
    }
    ResultsManifest manifest = ResultsManifest.in(plan.outDir());
    // Starting over pays for this batch's videos again, never replaces another's. The claim names this run's jobs
    // before any is journaled, so that a run on another journal started meanwhile is refused, not paid for twice.
    manifest.checkAndClaim(plan, store, startOver);
    BatchReport report;
    try {
      report = new Run(plan, manifest).execute();
    } catch (RuntimeException | Error e) {
      try {
        manifest.record(plan.batch(), store);
      } catch (RuntimeException recording) {
        e.addSuppressed(recording); // the run's own failure is what the caller must see
      }
      throw e;
    }
    manifest.record(plan.batch(), store);
    return report;
  }

  /** A plan with lines that cannot run, refused as a whole; nothing was sent. */
  public static final class InvalidLinesException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final transient List<BatchLine> lines;

    InvalidLinesException(BatchPlan plan) {
      super(plan.invalid().size() + " of " + plan.lines().size() + " lines of batch " + plan.batch() + " are invalid ("
          + plan.invalid().stream().limit(3).map(line -> "line " + line.number() + ": " + (line.errors().isEmpty()
              ? "not a job" : line.errors().get(0).message())).collect(java.util.stream.Collectors.joining("; "))
          + (plan.invalid().size() > 3 ? "; …" : "") + "); nothing was sent: fix them, or run the "
          + plan.jobs().size() + " valid lines with skipInvalid(true)");
      this.lines = plan.invalid();
    }

    /** The invalid lines, each with its problems. */
    public List<BatchLine> lines() {
      return lines;
    }
  }

  /** How many creates went out (or may have) and have no answer in the journal yet. */
  public int createsOnTheirWay() {
    return creates.onTheirWay();
  }

  /**
   * How many of the creates that {@link #stopSending} counted as on their way turned out never sent
   * (held back at the last moment): nothing was made for them.
   */
  public int createsFoundUnsent() {
    return creates.unsentAfterAll();
  }

  /** How many creates were answered but their answer could not be journaled (the jobs' reasons name their tasks). */
  public int createsNotJournaled() {
    return creates.notJournaled();
  }

  /**
   * Lets no more creates go out (the process is stopping): a job not sent yet stays pending for
   * the next run, as does one whose create waits to be sent again after an answer that made nothing
   * (a 429). Returns how many creates are on their way now; call {@link
   * #awaitCreatesAnswered} to give them time to answer.
   */
  public int stopSending() {
    stoppedByCaller.set(true);
    return creates.close();
  }

  /**
   * Once {@link #stopSending} was called (the process is stopping), lets go of this worker's holds
   * on the jobs of the run under way that were never sent ({@code pending}), so that a run started
   * as soon as this process ends sends them at once instead of waiting out the lease. Jobs with a
   * task, or with a create that may have gone out, stay held until the lease ends. Each hold is let
   * go by a guarded write after the run's own; waits up to {@code max} and returns how many were let
   * go (0 when no run is under way or the journal did not answer in time).
   */
  public int releaseUnsent(Duration max) {
    Journal journal = runJournal;
    String batch = runBatch;
    if (journal == null || batch == null || !stoppedByCaller.get()) {
      return 0;
    }
    try {
      return journal.call(s -> releaseUnsent(s, batch)).get(max.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
        | java.util.concurrent.RejectedExecutionException e) {
      return 0; // the lease ends the holds all the same
    }
  }

  private int releaseUnsent(JobStore journal, String batch) {
    int released = 0;
    for (Entry entry : journal.entries(batch)) {
      if (entry.state() == State.PENDING && worker.equals(entry.worker())
          && journal.update(entry.toBuilder().claim(null, null).build()).isPresent()) {
        released++;
      }
    }
    return released;
  }

  /** The journal of the run under way and its batch; null between runs. */
  private volatile Journal runJournal;
  private volatile String runBatch;

  /** Whether {@link #stopSending} was called: then no later run of this runner sends either. */
  private final java.util.concurrent.atomic.AtomicBoolean stoppedByCaller = new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * Waits up to {@code max} for the creates on their way to answer and their answers to reach the
   * journal, such as when the process is stopping; whether none is left on its way.
   */
  public boolean awaitCreatesAnswered(Duration max) {
    try {
      return creates.awaitNone(max);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return creates.count() == 0;
    }
  }

  /** Whether the run's {@link Builder#timeout} passed before every job was final. */
  public boolean timedOut() {
    return timedOut.get();
  }

  /** Stops the scheduler, when the runner made it. */
  public void shutdown() {
    if (ownScheduler) {
      scheduler.shutdownNow();
    }
  }

  /** How long a run whose journal failed waits for its creates on their way to be answered before it fails. */
  static final Duration ANSWERS_BEFORE_FAILING = Duration.ofSeconds(30);

  /** One run of one plan. */
  private final class Run {
    private static final Object TICK = new Object();

    private final BatchPlan plan;
    private final ResultsManifest manifest;
    /** Whether the manifest says, from this run, that the journal made results: written before the first create. */
    private boolean madeRecorded;
    private final String batch;
    private final Map<String, PlannedJob> byKey = new LinkedHashMap<>();
    private final JournalChecks checks;
    private final Map<String, State> states = new HashMap<>();
    /** How many jobs of {@link #states} are in each state, kept as they change: progress recounts nothing. */
    private final Map<State, Integer> counts = new java.util.EnumMap<>(State.class);
    /** The jobs of {@link #states} whose task is done and whose video is being saved ({@code submitted} with a link). */
    private final Set<String> saving = new HashSet<>();
    /** The jobs of {@link #saving} whose save failed, with why; kept in the order their saves failed. */
    private final Map<String, String> notSaved = new LinkedHashMap<>();
    /** The jobs of {@link #states} not final that another worker holds, as the journal last said. */
    private final Set<String> othersHold = new HashSet<>();
    private final Map<String, String> leftOver = new LinkedHashMap<>();
    private final BlockingQueue<Object> wake = new LinkedBlockingQueue<>();
    private final AtomicBoolean tickPending = new AtomicBoolean();
    private final Instant started = clock.instant();
    private int finishedThisRun;
    private int inFlight;
    /** The jobs and workers last waited for, so that each change is told once. */
    private String lastWaiting = "";

    Run(BatchPlan plan, ResultsManifest manifest) {
      this.plan = plan;
      this.manifest = manifest;
      this.batch = plan.batch();
      plan.jobs().forEach(job -> byKey.put(job.key(), job));
      this.checks = new JournalChecks(store.describe(), batch, byKey, worker, retryFailed, plan.invalid());
    }

    BatchReport execute() {
      Instant now = clock.instant();
      List<Entry> fresh = plan.jobs().stream()
          .map(job -> Entry.pending(batch, job.key(), job.line(), job.fingerprint(), job.job().model(),
              job.out().toString(), job.quote().credits(), now))
          .toList();
      // Refused before anything is written: jobs with a task (or perhaps one) that this file lacks, jobs
      // tried that it changed, and jobs without a task that another worker holds and this file lacks or changed.
      checks.refuseAll(store.entries(batch), now);
      if (retryFailed) {
        // A failed job of which nothing was made, whose line changed, becomes a job never sent: followFile
        // gives it the line as it is now.
        FailedRetries.clearChanged(store, store.entries(batch), byKey, now);
      }
      // A job whose first create still waited its turn under the rate limit when its run ended was never sent.
      QueuedCreates.clearChanged(store, store.entries(batch), byKey, worker, now);
      // A job without a task whose line is gone is dropped, and one never sent whose line changed takes
      // the line as it is: nothing of them exists at the provider, so the journal follows the file.
      List<Entry> forgotten = store.followFile(batch, fresh, now);
      List<Entry> enrolled = store.enroll(batch, fresh);
      checks.refuseForeignWork(enrolled);
      VideosMoved.follow(store, enrolled, byKey, now);
      if (resubmitUnknown) {
        // Only the file's own: an unknown job whose line is gone stays unknown, with its reason.
        for (Entry entry : enrolled) {
          PlannedJob job = byKey.get(entry.key());
          if (entry.state() == State.UNKNOWN && job != null && job.videoSavedElsewhere()) {
            store.update(entry.toBuilder().reason(PlannedJob.VIDEO_EXISTS, PlannedJob.keptForItsFile(job.out()))
                .updatedAt(now).build());
          } else if (entry.state() == State.UNKNOWN && job != null) {
            // Its earlier takes may each have made a paid task: kept, so that every later run still tells them.
            // Its hold goes: the worker that left it unknown may still run, and a worker's claims skip the jobs it
            // holds, so the job would wait under that worker's renewed lease, sent by nobody, until that worker ends.
            store.update(entry.toBuilder().state(State.PENDING).possibleTasks(entry.possibleTasks() + 1)
                .reason(null, null).claim(null, null).updatedAt(now).build());
          }
        }
      }
      if (retryFailed) {
        FailedRetries.moveBack(store, enrolled, byKey, now);
      }
      List<Entry> known = store.entries(batch);
      known.stream().filter(e -> byKey.containsKey(e.key())).forEach(this::record);
      JournalSeeds.seed(backend, known);
      ExecutorService io = Executors.newSingleThreadExecutor(DaemonThreads.named("vidgen-journal"));
      Journal journal = new Journal(store, io, clock, this::written, lease, BatchRunner.this::withoutKeys);
      journal.budget(budget);
      // The timeout is each run's own: a runner run again after its time ran out sends again.
      if (timedOut.getAndSet(false) && !stoppedByCaller.get()) {
        creates.reopen();
      }
      RunContext ctx = new RunContext(backend, journal, clock, scheduler, random, resubmitUnknown, requeueDelay, 3,
          saveRetryDelay, creates, listener, keyTag);
      long renewEvery = Math.max(1, lease.toMillis() / 3);
      ScheduledFuture<?> renewal = scheduler.scheduleAtFixedRate(
          () -> io.execute(() -> renewQuietly()), renewEvery, renewEvery, TimeUnit.MILLISECONDS);
      // Between changes too, so that elapsed time and the ETA keep moving while jobs run.
      ScheduledFuture<?> ticker = scheduler.scheduleAtFixedRate(
          this::progress, progressEvery.toMillis(), progressEvery.toMillis(), TimeUnit.MILLISECONDS);
      ScheduledFuture<?> deadline = timeout == null ? null : scheduler.schedule(() -> {
        timedOut.set(true);
        // No create goes out any more (those on their way are answered into the journal first), and only
        // then do the waits end: a wait ended frees a place, and no job may be claimed and sent into it.
        ctx.timeUp(creates::close);
        wake.offer(TICK);
      }, timeout.toMillis(), TimeUnit.MILLISECONDS);
      runJournal = journal;
      runBatch = batch;
      try {
        progress();
        loop(ctx, journal);
      } finally {
        runJournal = null;
        runBatch = null;
        if (deadline != null) {
          deadline.cancel(false);
        }
        ticker.cancel(false);
        renewal.cancel(false);
        join(CompletableFuture.runAsync(() -> store.releaseAll(batch, worker), io));
        io.shutdown();
      }
      List<Entry> entries = store.entries(batch).stream().filter(e -> byKey.containsKey(e.key())).toList();
      entries.stream().filter(e -> e.state() == State.DROPPED).forEach(e -> leftOver.put(e.key(),
          "dropped by a run of another copy of the jobs file, which lacks this line; run this file again to send it"));
      if (timedOut.get()) {
        entries.stream().filter(e -> !e.state().isFinal() && !leftOver.containsKey(e.key()))
            .forEach(e -> leftOver.put(e.key(), "not sent: the run's time ran out; the next run sends it"));
      }
      // Every job this run ends without finishing says why, those its own steps never reached included.
      Instant ended = clock.instant();
      String stop = ctx.stopReason() != null ? withoutKeys(ctx.stopReason())
          : stoppedByCaller.get() ? "the process was stopping" : null;
      entries.stream().filter(e -> !e.state().isFinal() && !leftOver.containsKey(e.key()))
          .forEach(e -> leftOver.put(e.key(), NotReached.why(e, worker, ended, stop, ctx.stopCause())));
      // The last progress shows the batch as the journal has it, with the jobs other workers finished meanwhile:
      // this run's counts saw only its own writes, and the summary that follows counts them all.
      entries.forEach(this::record);
      progress();
      if (!ctx.stopping() && backend.closed()) {
        ctx.stop(JobRun.CLIENT_CLOSED);
      }
      return new BatchReport(batch, store.describe(), entries, leftOver, ctx.stopCause(), forgotten, ctx.stopReason());
    }

    private void loop(RunContext ctx, Journal journal) {
      Map<String, CompletableFuture<JobRun.Outcome>> running = new HashMap<>();
      while (true) {
        seeOtherWorkers(journal, running.keySet());
        running.entrySet().removeIf(e -> {
          if (!e.getValue().isDone()) {
            return false;
          }
          JobRun.Outcome outcome = e.getValue().join();
          if (outcome.kind() == JobRun.Kind.HELD) {
            leftOver.put(e.getKey(), outcome.problem());
          }
          return true;
        });
        if (!ctx.stopping() && backend.closed()) {
          ctx.stop(JobRun.CLIENT_CLOSED); // nothing more can be sent or followed: no more claims
        }
        setInFlight(running.size());
        int free = concurrency - running.size();
        // Once sending stopped (the process is stopping) nothing more is claimed: other workers may take it at once.
        // While a video that came could not be saved and waits to be saved again, no new job is claimed (no new
        // create is paid for): the jobs in flight go on, and claims start again once it is saved or left.
        if (!ctx.stopping() && !creates.closed() && free > 0 && !ctx.savesFailing()) {
          Instant now = clock.instant();
          // Jobs this run leaves stay held by it until it ends, so a claim never brings them back.
          List<Entry> claimed;
          try {
            claimed = join(journal.call(s -> s.claim(batch, worker, free, now, now.plus(lease))));
          } catch (RuntimeException journalFailed) {
            awaitAnswersBeforeFailing();
            throw journalFailed;
          }
          int started = 0;
          int newlyLeft = 0;
          for (Entry entry : claimed) {
            PlannedJob planned = byKey.get(entry.key());
            if (planned == null) {
              leftOver.put(entry.key(), "not in this jobs file; run the file it came from to finish it");
              newlyLeft++;
              continue;
            }
            if (!planned.fingerprint().equals(entry.fingerprint())) {
              // Another copy of the jobs file, with this line changed, was run meanwhile: its content is the
              // journal's now, and this run must not send its own under that job.
              leftOver.put(entry.key(), "changed by a run of another copy of the jobs file; run the same file on"
                  + " every worker");
              newlyLeft++;
              continue;
            }
            if (!madeRecorded) {
              recordMade(journal);
            }
            CompletableFuture<JobRun.Outcome> job = new JobRun(ctx, planned, entry).start();
            running.put(entry.key(), job);
            started++;
            job.whenComplete((outcome, failure) -> wake.offer(entry.key()));
          }
          setInFlight(running.size());
          if (started > 0 || newlyLeft > 0) {
            // Claim again at once: more may be free, and jobs just left no longer take a place in the claim.
            continue;
          }
          // A run that leaves jobs holds them until it ends, so it does not wait for other workers' jobs:
          // two such runs would wait for each other forever. It ends, and its holds go with it.
          if (running.isEmpty() && (!leftOver.isEmpty() || !othersWorking(journal))) {
            return;
          }
          tickLater();
        } else if (running.isEmpty()) {
          return;
        }
        try {
          wake.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          running.values().forEach(job -> job.cancel(false));
          return;
        }
      }
    }

    /**
     * Before this run's first job starts (its create may go out at once), records in the output folder's manifest
     * how far the journal has got, its claimed jobs included: once a single write, durable, per run. A run that ends
     * without its last record (killed, a journal that failed) has left its results bound to its journal all the
     * same, and a run on that journal lost is refused instead of paying for every job again. Nothing is sent when
     * the record cannot be written: the run fails as a journal or a manifest that cannot be written does.
     */
    private void recordMade(Journal journal) {
      join(journal.call(s -> {
        manifest.record(batch, s);
        return null;
      }));
      madeRecorded = true;
    }

    /**
     * The journal failed: nothing more is sent, and the creates on their way get up to {@link
     * #ANSWERS_BEFORE_FAILING} to be answered, so that a task one of them makes is told ({@link
     * BatchListener#onTaskNotJournaled}) before the run fails, instead of going unrecorded and untold.
     */
    private void awaitAnswersBeforeFailing() {
      creates.close();
      try {
        creates.awaitNone(ANSWERS_BEFORE_FAILING);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /**
     * On a journal other workers may share (one that is no local file), the jobs they finished, read at most every
     * {@link #OTHERS_EVERY}: so that the bar counts the batch's finished jobs, not this worker's alone. Jobs this
     * worker runs keep their own count.
     */
    private void seeOtherWorkers(Journal journal, Set<String> mine) {
      Instant now = clock.instant();
      if (store.file().isPresent() || (othersSeenAt != null && now.isBefore(othersSeenAt.plus(OTHERS_EVERY)))) {
        return;
      }
      othersSeenAt = now;
      List<Entry> entries;
      try {
        entries = join(journal.call(s -> s.entries(batch)));
      } catch (RuntimeException unread) {
        return; // only the bar's counts wait: a journal that fails fails the next write or claim, as it did
      }
      absorbFinished(entries, mine);
    }

    private void absorbFinished(List<Entry> entries, Set<String> mine) {
      boolean changed = false;
      synchronized (this) {
        for (Entry entry : entries) {
          // Jobs other workers hold are followed too, so that this worker's counts of what it holds leave them out.
          if (byKey.containsKey(entry.key()) && !mine.contains(entry.key()) && (states.get(entry.key()) != entry.state()
              || othersHold.contains(entry.key()) != heldByOther(entry))) {
            record(entry);
            changed = true;
          }
        }
      }
      if (changed) {
        progress();
      }
    }

    /** When the jobs other workers finished were last read, or null before. */
    private Instant othersSeenAt;

    /** Whether jobs of this plan that are not final are held by other workers, whose leases may lapse. */
    private boolean othersWorking(Journal journal) {
      List<Entry> entries = join(journal.call(s -> s.entries(batch)));
      absorbFinished(entries, Set.of());
      List<Entry> held = entries.stream().filter(e -> byKey.containsKey(e.key()) && !e.state().isFinal()
          && !leftOver.containsKey(e.key()) && e.worker() != null && !worker.equals(e.worker())).toList();
      List<String> workers = held.stream().map(Entry::worker).distinct().sorted().toList();
      String waiting = held.isEmpty() ? "" : held.size() + " " + workers;
      if (!waiting.isEmpty() && !waiting.equals(lastWaiting)) {
        Instant until = held.stream().map(Entry::leaseUntil).filter(Objects::nonNull)
            .max(java.util.Comparator.naturalOrder()).orElse(null);
        listener.onWaiting(held.size(), workers, until);
      }
      lastWaiting = waiting;
      return !held.isEmpty();
    }

    private void tickLater() {
      if (tickPending.compareAndSet(false, true)) {
        scheduler.schedule(() -> {
          tickPending.set(false);
          wake.offer(TICK);
        }, idlePoll.toMillis(), TimeUnit.MILLISECONDS);
      }
    }

    private void renewQuietly() {
      try {
        store.renew(batch, worker, clock.instant().plus(lease));
      } catch (RuntimeException e) {
        // The next renewal tries again; a lost lease shows up as a lost claim on the next write.
      }
    }

    private void written(Entry entry) {
      State before;
      boolean savingChanged;
      synchronized (this) {
        int savingBefore = saving.size();
        int notSavedBefore = notSaved.size();
        before = record(entry);
        savingChanged = saving.size() != savingBefore || notSaved.size() != notSavedBefore;
        if (entry.state().isFinal() && (before == null || !before.isFinal())) {
          finishedThisRun++;
        }
      }
      listener.onWritten(entry);
      if (before != entry.state() || savingChanged) {
        progress();
      }
    }

    /** Whether the job is not final and another worker holds it. */
    private boolean heldByOther(Entry entry) {
      return !entry.state().isFinal() && entry.worker() != null && !worker.equals(entry.worker());
    }

    /** Sets a job's state and keeps the counts; returns the state it had. */
    private synchronized State record(Entry entry) {
      String key = entry.key();
      State state = entry.state();
      if (state == State.SUBMITTED && entry.videoUrl() != null) {
        saving.add(key);
      } else {
        saving.remove(key);
      }
      notSaved.remove(key);
      if (heldByOther(entry)) {
        othersHold.add(key);
      } else {
        othersHold.remove(key);
      }
      if (saving.contains(key) && JobRun.SAVE_FAILED.equals(entry.reasonCode())) {
        notSaved.put(key, entry.reason());
      }
      State before = states.put(key, state);
      if (before != null) {
        counts.merge(before, -1, Integer::sum);
      }
      counts.merge(state, 1, Integer::sum);
      return before;
    }

    private synchronized void setInFlight(int count) {
      if (count != inFlight) {
        inFlight = count;
        progress();
      }
    }

    private void progress() {
      BatchProgress progress;
      synchronized (this) {
        int completed = counts.getOrDefault(State.COMPLETED, 0);
        int failed = counts.getOrDefault(State.FAILED, 0);
        int unknown = counts.getOrDefault(State.UNKNOWN, 0);
        Duration elapsed = Duration.between(started, clock.instant());
        int left = byKey.size() - completed - failed - unknown;
        // What has a task or a create on its way counts the jobs no other worker holds: a stopped worker speaks of
        // its own (and of those held by nobody), and the jobs other workers hold are counted apart.
        int othersWithTask = 0;
        int othersSubmitting = 0;
        int othersSaving = 0;
        int othersNotSaved = 0;
        for (String key : othersHold) {
          State state = states.get(key);
          othersWithTask += state == State.SUBMITTED ? 1 : 0;
          othersSubmitting += state == State.SUBMITTING ? 1 : 0;
          othersSaving += saving.contains(key) ? 1 : 0;
          othersNotSaved += notSaved.containsKey(key) ? 1 : 0;
        }
        // A job whose final state is written is no longer in flight, even before its run is collected.
        progress = new BatchProgress(byKey.size(), completed, failed, unknown, Math.min(inFlight, left), elapsed,
            BatchProgress.estimate(elapsed, finishedThisRun, left),
            counts.getOrDefault(State.SUBMITTED, 0) - othersWithTask,
            counts.getOrDefault(State.SUBMITTING, 0) - othersSubmitting, saving.size() - othersSaving,
            notSaved.size() - othersNotSaved, notSaved.entrySet().stream().filter(e -> !othersHold.contains(e.getKey()))
                .map(Map.Entry::getValue).reduce((first, latest) -> latest).orElse(null), othersHold.size());
      }
      listener.onProgress(progress);
    }
  }

  /** The future's value; a failure of the journal is thrown as itself, not wrapped. */
  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }


  /** {@code text} with each key this runner hides masked. */
  private String withoutKeys(String text) {
    String masked = text;
    for (ApiKey key : hidden) {
      masked = key.maskIn(masked);
    }
    return masked;
  }

  private static String defaultWorker(RandomGenerator random) {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      host = "host";
    }
    String pid = ManagementFactory.getRuntimeMXBean().getName().split("@")[0];
    return host + "-" + pid + "-" + Integer.toHexString(random.nextInt() & 0xffff);
  }

  /** Builds a {@link BatchRunner}; a client and a store are required. */
  public static final class Builder {
    private JobBackend backend;
    private JobStore store;
    private int concurrency = 8;
    private Duration lease = Duration.ofSeconds(60);
    private Duration idlePoll = Duration.ofSeconds(2);
    private boolean resubmitUnknown;
    private boolean retryFailed;
    private boolean skipInvalid;
    private boolean startOver;
    private BatchListener listener = BatchListener.NONE;
    private Clock clock = Clock.systemUTC();
    private BatchBudget budget;
    private ScheduledExecutorService scheduler;
    private String worker;
    private RandomGenerator random = new java.security.SecureRandom();
    private Duration requeueDelay = Duration.ofSeconds(10);
    private Duration progressEvery = Duration.ofSeconds(1);
    private Duration saveRetryDelay = RunContext.SAVE_RETRY_DELAY;
    private Duration timeout;
    private String keyTag;
    private List<ApiKey> hidden = List.of();

    private Builder() {}

    /** The client every job goes through; give it the rate-limited provider. */
    public Builder client(VidgenClient client) {
      this.backend = new ClientBackend(Objects.requireNonNull(client, "client == null"));
      return this;
    }

    Builder backend(JobBackend backend) {
      this.backend = backend;
      return this;
    }

    /** The journal. */
    public Builder store(JobStore store) {
      this.store = store;
      return this;
    }

    /** At most this many jobs in flight at once (default 8). */
    public Builder concurrency(int concurrency) {
      if (concurrency < 1) {
        throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
      }
      this.concurrency = concurrency;
      return this;
    }

    /** How long a claim lasts without renewal (default 60 s); a dead worker's jobs wait this long. */
    public Builder lease(Duration lease) {
      if (lease.isNegative() || lease.isZero()) {
        throw new IllegalArgumentException("lease must be positive: " + lease);
      }
      this.lease = lease;
      return this;
    }

    /** How often an idle worker looks for jobs other workers let go (default 2 s). */
    public Builder idlePoll(Duration idlePoll) {
      this.idlePoll = Objects.requireNonNull(idlePoll, "idlePoll == null");
      return this;
    }

    /** Sends jobs reported unknown again (they may then be paid twice). */
    public Builder resubmitUnknown(boolean resubmitUnknown) {
      this.resubmitUnknown = resubmitUnknown;
      return this;
    }

    /**
     * Sends again the plan's failed jobs that never had a task (an upload or a create refused): nothing was
     * created for them, so nothing is paid twice. A failed job with a task is never sent again.
     */
    public Builder retryFailed(boolean retryFailed) {
      this.retryFailed = retryFailed;
      return this;
    }

    /** Runs the valid lines of a plan that has invalid ones (by default such a plan is refused, nothing sent). */
    public Builder skipInvalid(boolean skipInvalid) {
      this.skipInvalid = skipInvalid;
      return this;
    }

    /**
     * Runs even on a journal that does not belong to the videos already in the plan's folder (by default
     * refused): its finished jobs are sent, and paid for, again.
     */
    public Builder startOver(boolean startOver) {
      this.startOver = startOver;
      return this;
    }

    /** Told about the batch as it runs; what it throws is logged and changes nothing. */
    public Builder listener(BatchListener listener) {
      this.listener = listener == null ? BatchListener.NONE : GuardedBatchListener.of(listener);
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** The scheduler for lease renewals and retries; the runner makes one by default. */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    /** This worker's name in the journal (default host, process id and a random part). */
    public Builder worker(String worker) {
      this.worker = worker;
      return this;
    }

    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random == null");
      return this;
    }

    /** The first wait before a job the provider refused without creating it is sent again (default 10 s). */
    public Builder requeueDelay(Duration requeueDelay) {
      this.requeueDelay = Objects.requireNonNull(requeueDelay, "requeueDelay == null");
      return this;
    }

    /**
     * The first wait before a video that came but could not be saved (a folder refusing files) is saved again in the
     * same run (default 10 s); each of the later tries waits twice as long as the one before.
     */
    public Builder saveRetryDelay(Duration saveRetryDelay) {
      if (saveRetryDelay.isNegative() || saveRetryDelay.isZero()) {
        throw new IllegalArgumentException("saveRetryDelay must be positive: " + saveRetryDelay);
      }
      this.saveRetryDelay = saveRetryDelay;
      return this;
    }

    /** How often the listener hears the counts, elapsed time and ETA while nothing changes (default 1 s). */
    public Builder progressEvery(Duration progressEvery) {
      if (progressEvery.isNegative() || progressEvery.isZero()) {
        throw new IllegalArgumentException("progressEvery must be positive: " + progressEvery);
      }
      this.progressEvery = progressEvery;
      return this;
    }

    /**
     * The whole run's deadline (default: none, each task is waited for as the client's await allows).
     * Once it passes no create goes out (jobs not sent stay pending), creates on their way are answered
     * into the journal, and jobs whose tasks still run are left with their task ids for the next run.
     */
    public Builder timeout(Duration timeout) {
      if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
        throw new IllegalArgumentException("timeout must be positive: " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * The tag of the API key the client sends with ({@code ApiKey.of(key).tag()}; default: none). The journal keeps
     * it with each create, so that a worker with another key, which may be another account's and find no task of
     * the job's client reference, does not send that job again but leaves it {@code unknown}.
     */
    public Builder keyTag(String keyTag) {
      this.keyTag = keyTag;
      return this;
    }

    /**
     * Keys masked ({@link ApiKey#maskIn}) in every reason the journal keeps (default: none): a provider's words may
     * echo the key it was sent, and the journal outlives the terminal that masks it.
     */
    public Builder hiding(java.util.Collection<ApiKey> keys) {
      this.hidden = List.copyOf(Objects.requireNonNull(keys, "keys == null"));
      return this;
    }

    /**
     * The most the batch's takes may cost, over all its runs and every worker on the journal (default: no limit):
     * before each create, and each resend after a server error, the journal's entries are reckoned with
     * {@code spentOf} in one step with the take's own write, so that workers sharing the journal cannot together
     * pass it. A create it holds back stops the run with a {@link dev.vidgen.core.error.BudgetExceededException}.
     */
    public Builder batchBudget(BigDecimal maxCredits, Function<List<Entry>, BigDecimal> spentOf) {
      this.budget = maxCredits == null ? null : new BatchBudget(maxCredits, spentOf);
      return this;
    }

    public BatchRunner build() {
      return new BatchRunner(this);
    }
  }
}
