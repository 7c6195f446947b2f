package dev.vidgen.cli;

import dev.vidgen.batch.BatchFile;
import dev.vidgen.batch.BatchLine;
import dev.vidgen.batch.BatchListener;
import dev.vidgen.batch.BatchPlan;
import dev.vidgen.batch.BatchPreview;
import dev.vidgen.batch.BatchReport;
import dev.vidgen.batch.BatchRunner;
import dev.vidgen.batch.JournalProviderException;
import dev.vidgen.batch.ResultsManifest;
import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.core.client.SaveTargets;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.pricing.Budget;
import dev.vidgen.core.policy.RateLimit;
import dev.vidgen.core.concurrent.DaemonThreads;
import dev.vidgen.core.port.VideoProvider;
import dev.vidgen.core.ratelimit.RateLimitedProvider;
import dev.vidgen.core.text.SafeText;
import dev.vidgen.core.text.Utf8Text;
import dev.vidgen.journal.jdbc.JournalException;
import dev.vidgen.journal.jdbc.Journals;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vidgen batch JOBS.jsonl}: checks and prices every line, then runs the jobs through a
 * durable journal, at most N at a time and within the provider's rate limits. The same command
 * with the same journal continues an interrupted batch; workers pointing at one PostgreSQL
 * journal share it. A thin shell on {@link BatchRunner}; docs/batch.md tells the whole story.
 */
@Command(name = "batch", sortOptions = false,
    description = "Run every job of a JSON-lines file (one job per line), resumably: each step is kept in a"
        + " journal, so running the same command again continues where it stopped.")
final class BatchCommand extends ClientCommand {
  /** The provider setting {@code --rate-tier} fills in. */
  static final String RATE_TIER_SETTING = "rate_tier";

  @Parameters(index = "0", paramLabel = "JOBS.jsonl",
      description = "One JSON object per line: model, prompt, images, seconds, aspect_ratio, resolution, mode,"
          + " params, and optionally id and out.")
  Path jobsFile;

  @Option(names = "--journal", paramLabel = "PATH|JDBC-URL",
      description = "Where progress is kept: a file or jdbc:sqlite: URL (SQLite; default: JOBS with the extension"
          + " .journal) or a jdbc:postgresql:// URL that several workers share.")
  String journal;

  @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8",
      description = "At most this many jobs in flight at once (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--out-dir", paramLabel = "DIR",
      description = "Where videos go; a line's relative out is read from here (default: JOBS-videos beside JOBS).")
  Path outDir;

  @Option(names = "--max-credits", paramLabel = "N",
      description = "Refuse (exit 8, nothing sent) when the whole batch may cost more credits than this.")
  BigDecimal maxCredits;

  @Option(names = "--skip-invalid", description = "Run the valid lines even when some are invalid (they are listed).")
  boolean skipInvalid;

  @Option(names = "--resubmit-unknown",
      description = "Send jobs reported unknown again. They may have been created and billed already: check the"
          + " provider's dashboard first.")
  boolean resubmitUnknown;

  @Option(names = FailedAdvice.OPTION,
      description = "Send again the failed jobs that have no task (an upload or a create refused: nothing was created"
          + " or charged). A failed job with a task may have been charged and is not sent again: give its line a new"
          + " id.")
  boolean retryFailed;

  @Option(names = "--adopt", paramLabel = "JOB_ID=TASK_ID",
      description = "A job reported unknown was made as this task (found on the provider's dashboard): the journal"
          + " takes it as the job's task, and the run follows and downloads it, sending nothing. Repeatable; all are"
          + " checked before any is recorded (one refused: none is), and a job that has that very task already is"
          + " nothing to adopt, so the same command line may run again.")
  List<String> adopt = List.of();

  @Option(names = CreateTime.OVERRIDE,
      description = "With --adopt: adopt the task even though the provider says it was created more than 10 minutes"
          + " after the job's create was last sent.")
  boolean ignoreCreationTime;

  @Option(names = "--dry-run",
      description = "Check and price every line, print the total and, when the journal exists, what a run would still"
          + " send; then stop: nothing is sent and no job is added.")
  boolean dryRun;

  @Option(names = "--start-over",
      description = "Run even though the journal is missing, emptied or older than the results in --out-dir."
          + " Finished jobs the journal does not know are sent, and paid for, again.")
  boolean startOver;

  @Option(names = "--batch-name", paramLabel = "NAME",
      description = "The batch's name in the journal (default: the JOBS file name); workers sharing a journal"
          + " use the same name.")
  String batchName;

  @Option(names = "--rate-tier", paramLabel = "TIER",
      description = "The account's rate-limit group, as the provider names it (toapis: default (5 submits/s, 50"
          + " queries/s), vip or svip); the same as --set rate_tier=TIER.")
  String rateTier;

  @Option(names = "--lease", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
      description = "How long a worker's hold on a job lasts without renewal; a dead worker's jobs pass to"
          + " others after this (default: ${DEFAULT-VALUE}).")
  Duration lease;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "How long the whole batch may take, such as 30m or 2h (default: no limit; each task is waited for"
          + " up to 10 min). Then no job is sent any more, creates on their way are answered into the journal, and"
          + " jobs left (tasks still running keep their ids) wait for the same command again; exit 7.")
  Duration timeout;

  @Override
  int run(Session session, Output output) {
    session.freeBalanceReads(); // the first look and the report's: free, and a failure only said
    CliContext context = session.context();
    if (outDir != null) {
      ForeignOutPaths.refuseFolder("--out-dir", outDir.toString());
    }
    Path jobs = context.resolve(jobsFile);
    if (jobsFile.toString().equals("-") && !java.nio.file.Files.exists(jobs)) {
      // Not read from standard input: the journal and videos go beside the jobs file, and a run goes on by reading it again.
      throw CliException.usage("vidgen batch does not read its jobs from standard input ('-' names no file here);"
          + " nothing was sent", "save the jobs to a JSON-lines file first and give its path, such as vidgen batch"
          + " jobs.jsonl (its journal and videos go beside it, and the same command goes on from it)");
    }
    List<BatchLine> lines = read(jobs);
    if (lines.isEmpty()) {
      // A generator that failed writes an empty file: a run of nothing that made a journal and exited 0 hid that.
      throw CliException.usage("the jobs file " + jobsFile + " holds no job (it is empty, or holds only blank lines);"
          + " nothing was sent or made", "write one job per line, such as {\"prompt\": \"slow push-in\", \"images\":"
          + " [\"still.png\"]}; see docs/batch.md#the-jobs-file");
    }
    if (rateTier != null) {
      session.providerSetting(RATE_TIER_SETTING, rateTier.strip());
    }
    java.util.Map<String, String> adopted = AdoptedTasks.parse(adopt);
    if (ignoreCreationTime && adopted.isEmpty()) {
      throw CliException.usage(CreateTime.OVERRIDE + " goes with --adopt, which names the task a job made",
          "add --adopt JOB_ID=TASK_ID, or leave out " + CreateTime.OVERRIDE);
    }
    if (!adopted.isEmpty() && dryRun) {
      throw CliException.usage("--adopt writes the found task into the journal, which --dry-run never does",
          "run without --dry-run to adopt the task; the dry run shows the job as follow afterwards");
    }
    if (concurrency < 1) {
      throw CliException.usage("--concurrency " + concurrency + " is less than 1", "give at least 1, such as 8");
    }
    if (maxCredits != null && maxCredits.signum() < 0) {
      throw CliException.usage("--max-credits " + maxCredits.toPlainString() + " is negative",
          "give the most credits the whole batch may cost, such as --max-credits 2000");
    }
    ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2, DaemonThreads.named("vidgen-batch-scheduler"));
    RateLimitedProvider[] limited = new RateLimitedProvider[1];
    session.decorateProvider(provider -> {
      VideoProvider kept = RateLimitedProvider.wrapReported(provider, scheduler, Clock.systemUTC());
      limited[0] = kept instanceof RateLimitedProvider wrapped ? wrapped : null;
      return kept;
    }, scheduler);
    try {
      String batch = batchName != null ? batchName : jobs.getFileName().toString();
      Path videos = outDir != null ? context.resolve(outDir) : defaultOutDir(jobs);
      String location = journal == null ? defaultJournal(jobs).toString()
          : Journals.isUrl(journal) ? journal.strip()
          : context.resolve(Path.of(journal.strip())).toString();
      // A journal another user could have planted (a link SQLite would follow) is refused before anything is read.
      UnsafeJournal.refuse(location);
      EarlierSpend earlier = EarlierSpend.of(location, batch, resubmitUnknown);
      if (maxCredits != null) {
        // Also bounds what the run's own creates and their blind resends after a 500 may cost, as generate's budget
        // does, less what earlier runs' takes may have cost: the limit is the whole batch's, over all its runs.
        session.budget(Budget.ofCredits(earlier.leftOf(maxCredits)));
      }
      VidgenClient client = session.onlineClient();
      // A journal of another provider's jobs (made on the mock, run again with a key) is refused before any read.
      JournalProviderCheck.refuse(location, batch, client.provider().id());
      BatchPlan checked = BatchRunner.plan(client, batch, lines, videos);
      // Found before the user's own --adopt is written, so that a job it names is left to it.
      java.util.Map<String, String> claimed = dryRun ? java.util.Map.of()
          : ClaimedUnknowns.find(session, checked, location, BatchHistory.origin(batch, location), adopted.keySet());
      if (!adopted.isEmpty()) {
        AdoptedTasks.adopt(client, checked, location, adopted, ignoreCreationTime, output);
      }
      // An unknown job whose history note was closed with wait --made-by: its task is taken in, sending nothing.
      ClaimedUnknowns.adopt(client, checked, location, claimed, output);
      PaidTasks.Seen paid = PaidTasks.follow(checked, location, skipInvalid, output);
      BatchPlan plan = paid.plan();
      BatchViews views = new BatchViews(output, session).spelling(model -> sentName(client, model),
          model -> client.catalog().find(model).map(route -> route.id()).orElse(model))
          .sameJobBy(SameBytes.of(dev.vidgen.serve.history.JobIdentity.asSent(client)));
      views.plan(plan);
      BatchOutClashes.refuse(context, plan, jobs, location, videos);
      tellChangedPrices(plan, output);
      views.notFollowedOnInvalidLines(paid.onInvalidLines());
      // --skip-invalid runs the valid lines; with none, there is nothing to run, and it is no success.
      if (!plan.invalid().isEmpty() && (!skipInvalid || plan.jobs().isEmpty())) {
        return views.refuseInvalid(plan, paid.runningTasks(), paid.onInvalidLines());
      }
      if (maxCredits != null && plan.exceeds(maxCredits.subtract(earlier.extra()), root.allowUnknownPrices)) {
        return views.refuseOverBudget(plan, maxCredits, earlier.extra());
      }
      // A video larger than this process may write is paid for and not saved: said once, before the first create, and
      // by the dry run as the real run would say it.
      FileSizeWarning.tell(session);
      if (dryRun) {
        requireMakeableAsTheRealRun(videos); // an --out-dir the real run refuses before sending fails the dry run too
        java.util.Optional<BatchPreview> seen = preview(location, plan, videos, output);
        java.util.Set<String> toSend = seen.map(p -> p.jobs().stream().filter(job -> job.action()
            == BatchPreview.Action.SEND).map(job -> job.job().key()).collect(java.util.stream.Collectors.toSet()))
            .orElse(null);
        // A journal missing (or unreadable) follows no task: the batch's own tasks in the history are warned of.
        List<JobStore.Entry> held = seen.map(p -> p.jobs().stream().map(BatchPreview.JobPreview::entry)
            .filter(Objects::nonNull).toList()).orElse(List.of());
        views.historyTakes(HistoryTakes.find(session, client, plan.jobs(),
            job -> toSend == null || toSend.contains(job.key()),
            JournalFollows.of(BatchHistory.origin(batch, location), held), output));
        // The balance, as the real run reads it before its first create: jobs it cannot pay end the dry run too.
        boolean balanceRead = DryRunFunds.requireForBatch(session, client,
            seen.map(BatchPreview::creditsToSend).orElse(plan.knownCredits()),
            seen.map(BatchPreview::unknownPricesToSend).orElse(plan.unknownPrices()), output);
        return views.dryRun(plan, seen, earlier, DryRunReads.line(session.checksKeysModelList(), balanceRead));
      }
      try {
        // A journal that cannot be used is refused before anything is opened or made.
        Journals.requireSupported(location);
      } catch (IllegalArgumentException e) {
        throw CliException.usage(e.getMessage(), "see docs/batch.md#journals");
      }
      if (!Journals.isUrl(location)) {
        OutTarget.vidgensOwnFile(context, context.resolve(Path.of(location.strip()))).ifPresent(history -> {
          throw CliException.usage("--journal " + location.strip() + " is vidgen's own file, beside the task history "
              + history + "; nothing was made or sent", "give a journal file of its own, such as jobs.journal");
        });
      }
      requireMakeable(videos);
      BatchReport report;
      RunResends.Resent resent;
      java.util.Optional<BigDecimal> before = java.util.Optional.empty();
      TasksNotJournaled untold = null;
      JournalWatch watch = null;
      RunQuotes quotes = null;
      RunCreates creates = new RunCreates();
      // A journal file this run makes, so that a run refused before any job is written leaves none behind.
      Path madeJournal = Journals.isUrl(location) ? null : Path.of(location.strip()).toAbsolutePath().normalize();
      boolean journalWasEmpty = madeJournal != null && isEmptyFile(madeJournal);
      if (madeJournal != null && Files.exists(madeJournal, java.nio.file.LinkOption.NOFOLLOW_LINKS)
          && !journalWasEmpty) {
        madeJournal = null;
      }
      try (JobStore store = open(location);
          BatchProgressBar bar = new BatchProgressBar(output.err(), context.stderrIsTerminal().getAsBoolean(),
              client.lookUpAtMost())) {
        // Made only once the journal opened: a journal that cannot be opened leaves no empty folder behind.
        requireWritable(videos);
        ResultsManifest manifest = ResultsManifest.in(videos);
        // Checked and claimed for this journal in one step, before the balance is read: a run on another journal
        // started meanwhile is refused (starting over pays for this batch's videos again, never replaces another's).
        manifest.checkAndClaim(plan, store, startOver);
        try {
          before = requireFunds(client, plan, store, resubmitUnknown, retryFailed, output);
        } catch (RuntimeException refused) {
          manifest.record(batch, store); // refused before a job was written: the claim gives way to what the journal holds
          throw refused;
        }
        if (retryFailed) {
          tellRetries(plan, store, output);
        }
        // Jobs this run sends: a take of the same job that generate or the playground made today is paid again.
        java.util.Map<String, JobStore.Entry> journaled = new java.util.HashMap<>();
        store.entries(plan.batch()).forEach(entry -> journaled.put(entry.key(), entry));
        views.historyTakes(HistoryTakes.find(session, client, plan.jobs(), job -> {
          JobStore.Entry entry = journaled.get(job.key());
          return entry == null || entry.state() == JobStore.State.PENDING || entry.state() == JobStore.State.DROPPED
              || resubmitUnknown && entry.state() == JobStore.State.UNKNOWN || retryFailed && entry.failedWithoutTask();
        }, JournalFollows.of(BatchHistory.origin(batch, location), journaled.values()), output));
        session.learnDurations();
        output.note("journal: " + store.describe() + "; videos go to " + videos
            + (Journals.isShared(location) ? "" : "; if this stops, run the same command again to go on"));
        watch = new JournalWatch(untold = new TasksNotJournaled(bar), store.describe(), store::fileLost, bar::warn,
            System::nanoTime);
        RunResends resends = new RunResends(quotes = new RunQuotes(watch));
        // Each task made is also told to the task history, so that generate and other batch files see it.
        // A video that came but could not be saved is told at once, and again once the run saves it.
        BatchListener told = UnsavedVideos.around(resends, session, plan.jobs(), bar::warn);
        BatchHistory toHistory = BatchHistory.around(told, session, client.provider().id(), plan,
            BatchHistory.origin(batch, location));
        BatchRunner.Builder runner = BatchRunner.builder();
        if (root.retryDelay != null) {
          runner.requeueDelay(root.retryDelay); // the batch's later tries of a job are retries too
          if (!root.retryDelay.isZero() && !root.retryDelay.isNegative()) {
            runner.saveRetryDelay(root.retryDelay); // and so are its saves tried again
          }
        }
        BatchRunner live = runner
            .client(client)
            .store(store)
            .concurrency(concurrency)
            .lease(lease)
            .resubmitUnknown(resubmitUnknown)
            .retryFailed(retryFailed)
            .skipInvalid(skipInvalid)
            .startOver(startOver)
            .scheduler(scheduler)
            .listener(toHistory)
            .timeout(timeout)
            .keyTag(session.apiKey() == null ? null : session.apiKey().tag())
            .hiding(EnvironmentKeys.of(context.env()))
            // The limit is the batch's: each take is checked against every worker's takes as the journal holds them.
            .batchBudget(maxCredits, entries -> EarlierSpend.of(entries, false).paid())
            .build();
        Runnable stopCounting = client.addListener(creates);
        try (ShutdownNotice interrupted = BatchInterruptNotice.arm(batch, store.describe(), bar, live, client,
            sameCommand(session, jobs, location, videos), output)) {
          report = live.run(plan);
        } finally {
          stopCounting.run();
          toHistory.finish();
        }
        // Looked at once more at the end: a journal deleted during the run holds its task ids nowhere else.
        store.fileLost().ifPresent(change -> views.journalLost(store.describe(), change));
        resent = resends.resent();
        if (live.timedOut()) {
          views.timedOut(timeout);
        }
        views.sameCommand(sameCommand(session, jobs, location, videos));
        manifest.record(batch, store);
      } catch (ResultsManifest.StaleJournalException e) {
        // Refused before a job was written: a journal file this run made (a mistyped --journal) is removed.
        removeMadeJournal(madeJournal, journalWasEmpty);
        throw refused(e);
      } catch (JobStore.ConflictException e) {
        throw refused(e);
      } catch (JournalProviderException e) {
        throw JournalProviderCheck.refused(e); // another worker of a shared journal wrote another provider's job since
      } catch (ResultsManifest.WriteException e) {
        // The results folder could not be written (a full disk, a folder made read-only): said as such, with the way
        // on, not as vidgen's fault; every task made is in the journal, so the same command goes on without paying again.
        throw new CliException(ExitCodes.OTHER, "output", e.getMessage() + " ("
            + dev.vidgen.core.text.IoReasons.of(e.getCause()) + ")", ResultsFolderAdvice.fix(e.getCause(), videos)
            + " and run the same command again: every task made is in the journal and is followed, not paid for"
            + " again");
      } catch (JournalException e) {
        String adopt = untold == null ? "" : untold.adoptOptions();
        // A full disk is not out of reach: space must be freed first, and the same journal then goes on.
        String once = e.diskFull() ? "once space is freed on the journal's disk" : "once the journal is reachable";
        throw new CliException(ExitCodes.OTHER, "journal", e.getMessage() + (untold == null ? "" : untold.summary())
            + (watch == null ? "" : watch.tasksWritten()),
            adopt.isEmpty() ? "run the same command again " + once + "; nothing recorded is lost"
                : "run the same command again " + once + " and this run's hold on its jobs has"
                    + " lapsed (" + DurationConverter.describe(lease) + " from now at most), with " + adopt + ", so that"
                    + " those tasks are followed and not told unknown; nothing recorded is lost");
      }
      views.balances(plan, before, before.isEmpty() ? before : leftNow(client), quotes == null
          ? new RunQuotes.Quoted(BigDecimal.ZERO, 0) : quotes.quoted());
      if (maxCredits != null) {
        BigDecimal budgeted = earlier.leftOf(maxCredits);
        views.budget(new BatchViews.BudgetUse(maxCredits, maxCredits.subtract(budgeted), creates.sent(),
            budgeted.subtract(client.remainingBudget().remaining().orElse(budgeted))));
      }
      return views.summary(report, plan, limited[0] == null ? 0 : limited[0].throttledCount(), resent);
    } finally {
      scheduler.shutdownNow();
    }
  }

  private static boolean isEmptyFile(Path file) {
    try {
      return Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) && Files.size(file) == 0;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /**
   * Removes {@code journal} (null: none) and the files SQLite keeps beside it, or empties it again when it was
   * an empty file before the run; what cannot be removed stays.
   */
  private static void removeMadeJournal(Path journal, boolean wasEmpty) {
    if (journal == null) {
      return;
    }
    for (String ending : List.of("", "-wal", "-shm", "-journal")) {
      try {
        Path file = journal.resolveSibling(journal.getFileName() + ending);
        if (ending.isEmpty() && wasEmpty) {
          Files.write(file, new byte[0]); // the user's empty file stays, as it was
          continue;
        }
        Files.deleteIfExists(file);
      } catch (java.io.IOException | RuntimeException kept) {
        // An empty journal left behind holds no job; the refusal still says what to do.
      }
    }
  }

  /**
   * The name a line's create sends: the route's spelling of the name given, or another name of the route
   * when the key's live list (read once, while the plan was checked) holds only that one.
   */
  private static String sentName(VidgenClient client, String model) {
    String spelled = client.catalog().find(model).map(route -> route.nameFor(model)).orElse(model);
    try {
      return client.modelNameToSend(model);
    } catch (RuntimeException listRefusedOrUnread) {
      return spelled; // such a line is refused (or warned about) where the plan was checked
    }
  }

  /**
   * What the run would do with the journal at {@code location}, when it exists: read only, with the
   * run's own refusals. A journal file that does not exist yet is not made, but results of the batch in
   * {@code videos} that the real run would refuse to run on without it are refused the same way.
   */
  private java.util.Optional<BatchPreview> preview(String location, BatchPlan plan, Path videos, Output output) {
    if (!PaidTasks.mayExist(location)) {
      if (!startOver) {
        try {
          ResultsManifest.in(videos).check(plan, new MissingJournal(location));
        } catch (ResultsManifest.StaleJournalException e) {
          CliException refusal = refused(e);
          throw new CliException(refusal.exitCode(), refusal.kind(), refusal.getMessage() + " (a dry run; the real"
              + " run would refuse it the same way)", refusal.next());
        }
      }
      return java.util.Optional.empty();
    }
    JobStore opened;
    try {
      opened = Journals.open(location);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage(), "see docs/batch.md#journals");
    } catch (JournalException e) {
      // A dry run only informs: a journal in use by a running batch (or out of reach) is said, not fatal.
      output.note("the journal could not be read (" + e.getMessage() + "); the dry run below prices every line as if"
          + " none had been sent");
      return java.util.Optional.empty();
    }
    try (JobStore store = opened) {
      if (!startOver) {
        ResultsManifest.in(videos).check(plan, store);
      }
      return java.util.Optional.of(BatchPreview.read(plan, store, resubmitUnknown, retryFailed,
          java.time.Instant.now()));
    } catch (ResultsManifest.StaleJournalException | JobStore.ConflictException e) {
      throw refused(e);
    } catch (JournalException e) {
      output.note("the journal could not be read (" + e.getMessage() + "); the dry run below prices every line as if"
          + " none had been sent");
      return java.util.Optional.empty();
    }
  }

  /** A run (or its dry run) that the journal refuses: results it does not know, or jobs it holds otherwise. */
  private static CliException refused(RuntimeException e) {
    return new CliException(ExitCodes.OTHER, "journal", e.getMessage(), e instanceof ResultsManifest.StaleJournalException
        ? "see docs/batch.md#a-journal-belongs-to-its-results"
        : e instanceof JobStore.ConflictException conflict && conflict.next().isPresent() ? conflict.next().get()
        : "for another jobs file, use another --journal or --batch-name");
  }

  /**
   * Says, before anything is sent, which failed jobs {@code --retry-failed} sends again (those that made no
   * task) and what they cost, since the header's price is the whole file's and the run pays for these again.
   */
  /**
   * Once per model, before anything is sent or refused: a price a route file changed from the built-in route's
   * documented one, which every line on that model is planned and budgeted at (a price typed wrong multiplies here).
   */
  private static void tellChangedPrices(BatchPlan plan, Output output) {
    java.util.Map<String, String> origins = new java.util.LinkedHashMap<>();
    // Per model, per priced length (as the quote's basis names it): the file's price beside the built-in one.
    java.util.Map<String, java.util.Map<String, String>> prices = new java.util.LinkedHashMap<>();
    String builtIn = ", and vidgen's built-in route of ";
    java.util.Map<String, String> documentedBy = new java.util.HashMap<>();
    for (dev.vidgen.batch.PlannedJob job : plan.jobs()) {
      dev.vidgen.core.pricing.PriceQuote quote = job.quote();
      String basis = quote.basis();
      int from = basis.indexOf(dev.vidgen.core.pricing.Pricing.FROM_ELSEWHERE);
      int documented = basis.indexOf(builtIn, from);
      int gives = basis.lastIndexOf(" gives ");
      if (from < 0 || documented < 0 || gives < documented) {
        continue;
      }
      origins.putIfAbsent(quote.model(), basis.substring(from + 2, documented));
      // Whose price the built-in one is, as the basis words it: "(toapis' documented price)".
      int whose = basis.indexOf(" (", documented + builtIn.length());
      if (whose >= 0 && whose < gives && basis.charAt(gives - 1) == ')') {
        documentedBy.putIfAbsent(quote.model(), basis.substring(whose + 2, gives - 1));
      }
      String file = quote.isKnown() ? quote.credits().toPlainString() + " credits ($" + quote.usd().toPlainString()
          + ")" : "unknown";
      prices.computeIfAbsent(quote.model(), model -> new java.util.LinkedHashMap<>())
          .putIfAbsent(basis.substring(0, from), file + " by the file, " + basis.substring(gives + 7) + " by the"
              + " built-in route");
    }
    origins.forEach((model, origin) -> output.note("price of " + model + ": " + origin + " (vidgen's built-in route"
        + " of " + model + " has " + documentedBy.getOrDefault(model, "the provider's documented price") + "): "
        + String.join("; ", prices.get(model).entrySet()
            .stream().map(price -> price.getKey() + ": " + price.getValue()).toList())
        + "; every line on it is planned at the file's price"));
  }

  private static void tellRetries(BatchPlan plan, JobStore store, Output output) {
    java.util.Map<String, JobStore.Entry> known = new java.util.HashMap<>();
    store.entries(plan.batch()).forEach(entry -> known.put(entry.key(), entry));
    List<Integer> lines = new ArrayList<>();
    List<Integer> onModelsGone = new ArrayList<>();
    BigDecimal credits = BigDecimal.ZERO;
    int unpriced = 0;
    for (dev.vidgen.batch.PlannedJob job : plan.jobs()) {
      JobStore.Entry entry = known.get(job.key());
      if (entry == null || !entry.failedWithoutTask()) {
        continue;
      }
      if (job.followOnly()) {
        onModelsGone.add(job.line());
        continue;
      }
      lines.add(job.line());
      if (job.quote().isKnown()) {
        credits = credits.add(job.quote().credits());
      } else {
        unpriced++;
      }
    }
    if (lines.isEmpty()) {
      output.note(onModelsGone.isEmpty() ? "--retry-failed: no failed job without a task to send again"
          : "--retry-failed: nothing to send again: the failed " + (onModelsGone.size() == 1 ? "job" : "jobs")
              + " without a task (line" + (onModelsGone.size() == 1 ? " " : "s ") + onModelsGone.stream()
              .map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")) + ") "
              + (onModelsGone.size() == 1 ? "is" : "are") + " on a model no longer valid");
      return;
    }
    output.note("--retry-failed: sending again " + dev.vidgen.core.text.Plural.count(lines.size(), "failed job") + " that made no task (line"
        + (lines.size() == 1 ? " " : "s ") + lines.stream().map(String::valueOf).collect(java.util.stream.Collectors
            .joining(", ")) + "), " + Views.credits(credits) + (unpriced > 0 ? " and " + unpriced + " unpriced" : "")
        + "; failed jobs with a task may have been charged and are not sent again");
  }

  /**
   * Issue 11: before anything is sent, the quoted cost of the jobs this run will still create is
   * compared with what the key and the account have left; a batch that cannot be paid is refused,
   * saying what is short. Providers that report no balance, or an unlimited one, are not checked.
   */
  private static java.util.Optional<BigDecimal> requireFunds(VidgenClient client, BatchPlan plan, JobStore store,
      boolean resubmitUnknown, boolean retryFailed, Output output) {
    java.util.Set<String> started = new java.util.HashSet<>();
    java.util.Set<String> savedElsewhere = plan.jobs().stream().filter(dev.vidgen.batch.PlannedJob::videoSavedElsewhere)
        .map(dev.vidgen.batch.PlannedJob::key).collect(java.util.stream.Collectors.toSet());
    java.util.Set<String> followOnly = plan.followedOnly().stream().map(dev.vidgen.batch.PlannedJob::key)
        .collect(java.util.stream.Collectors.toSet());
    for (JobStore.Entry entry : store.entries(plan.batch())) {
      // Pending and dropped jobs (a dropped one comes back when its line does) are still to send, and so
      // are unknown ones when they are sent again (not one whose video was saved another way); a changed line
      // is a job to send too, and so is a failed job without a task that --retry-failed sends again.
      JobStore.State state = entry.state();
      boolean toSend = state == JobStore.State.PENDING || state == JobStore.State.DROPPED
          || resubmitUnknown && state == JobStore.State.UNKNOWN && !savedElsewhere.contains(entry.key())
          || retryFailed && entry.failedWithoutTask() && !followOnly.contains(entry.key());
      if (!toSend) {
        started.add(entry.key());
      }
    }
    BigDecimal toSend = BigDecimal.ZERO;
    int unknown = 0;
    for (dev.vidgen.batch.PlannedJob job : plan.jobs()) {
      if (started.contains(job.key())) {
        continue;
      }
      if (job.quote().isKnown()) {
        toSend = toSend.add(job.quote().credits());
      } else {
        unknown++;
      }
    }
    dev.vidgen.core.port.Balances balances;
    try {
      balances = client.balances();
    } catch (RuntimeException e) {
      Throwable cause = dev.vidgen.core.concurrent.AsyncFailures.unwrap(e);
      if (cause instanceof dev.vidgen.core.error.AuthenticationException refused && refused.refusesKey()) {
        throw refused; // the key itself refused: no upload or create could work, so none is made (as generate does)
      }
      if (!(cause instanceof UnsupportedOperationException)) {
        output.note("warning: the balance could not be read (" + dev.vidgen.core.text.SafeText.clean(String.valueOf(e.getMessage()))
            + "); the batch goes on without a balance check for a minute, then reads it again before a create (a"
            + " create the account cannot pay is refused by the provider, nothing billed)");
      }
      return java.util.Optional.empty();
    }
    java.util.Optional<BigDecimal> left = balances.effectiveRemaining();
    if (left.isPresent() && toSend.compareTo(left.get()) > 0) {
      throw BatchFunds.refusal(balances, toSend, unknown);
    }
    return left;
  }

  /** What the provider says is left now, for the report; empty when it cannot be read. */
  private static java.util.Optional<BigDecimal> leftNow(VidgenClient client) {
    try {
      return client.balances().effectiveRemaining();
    } catch (RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  private List<BatchLine> read(Path jobs) {
    Path absolute = jobs.toAbsolutePath().normalize();
    boolean descriptor = absolute.startsWith("/dev") || absolute.startsWith("/proc"); // /dev/stdin, /dev/fd/3
    if (java.nio.file.Files.exists(jobs) && (descriptor || !java.nio.file.Files.isRegularFile(jobs))) {
      // A pipe or a device (/dev/stdin): its journal and videos would go beside it, into /dev say, and a second run
      // could not read the same lines again to go on.
      throw CliException.usage("the jobs file " + jobs + " is not a regular file (a pipe, a device, or standard input"
          + " however redirected); nothing was sent", "save the jobs to a file first (its journal and videos go beside it, and a run goes on from it)");
    }
    try {
      return BatchFile.read(jobs);
    } catch (NoSuchFileException e) {
      throw CliException.usage("the jobs file " + jobs + " does not exist", "give a JSON-lines file, one job per line");
    } catch (java.nio.charset.CharacterCodingException e) {
      // Its first line that is not named, as any other problem of a line is.
      String where = e instanceof Utf8Text.NotUtf8Exception notUtf8 ? " (line " + notUtf8.line()
          + " holds the first byte that is not)" : "";
      throw CliException.usage("the jobs file " + jobs + " is not UTF-8 text" + where + "; nothing was sent",
          "save it as UTF-8 (JSON text is UTF-8)");
    } catch (IOException e) {
      throw CliException.usage("cannot read the jobs file " + jobs + ": " + e.getMessage(),
          "give a readable UTF-8 JSON-lines file");
    }
  }

  private static JobStore open(String location) {
    try {
      return Journals.open(location);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage(), "see docs/batch.md#journals");
    } catch (JournalException e) {
      throw new CliException(ExitCodes.OTHER, "journal", e.getMessage(), "see docs/batch.md#journals");
    }
  }

  /**
   * Refuses, before the journal is opened, an output folder that could not be made: the nearest
   * existing folder on its way is a file or cannot be written. Nothing is made here.
   */
  static void requireMakeable(Path videos) {
    Path existing = videos.toAbsolutePath().normalize();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing != null && (!Files.isDirectory(existing) || !Files.isWritable(existing))) {
      throw CliException.usage("--out-dir " + videos + " cannot be written (" + existing
          + (Files.isDirectory(existing) ? " is not writable" : " is a file, not a folder") + "); nothing was sent",
          "give a folder you can write with --out-dir");
    }
    if (existing != null) {
      requireRoom(videos, existing);
    }
  }

  /**
   * {@link #requireMakeable} for a dry run, which makes nothing: an {@code --out-dir} the real run refuses before
   * sending is refused with the same words and exit code, saying that the real run would refuse it.
   */
  private static void requireMakeableAsTheRealRun(Path videos) {
    try {
      requireMakeable(videos);
    } catch (CliException refused) {
      throw new CliException(refused.exitCode(), refused.kind(), refused.getMessage() + " (a dry run; the real run"
          + " would refuse it the same way)", refused.next());
    }
  }

  /** Refuses an {@code --out-dir} whose existing {@code folder} takes no video (read-only, full), nothing sent. */
  private static void requireRoom(Path videos, Path folder) {
    SaveTargets.whyNoVideoFits(folder, OutTarget.freeSpace).ifPresent(why -> {
      throw CliException.usage("--out-dir " + videos + " cannot take videos: the folder " + folder + " " + why
          + "; nothing was sent", SaveTargets.lacksRoom(why) ? "free space on that disk, or give --out-dir"
          + " a folder on a disk with room" : "give a folder you can write with --out-dir");
    });
  }

  /** Makes {@code videos} when missing and proves a file can be made in it, before anything is sent. */
  static void requireWritable(Path videos) {
    try {
      Files.createDirectories(videos);
      Path probe = Files.createTempFile(videos, ".vidgen-write-check-", ".tmp");
      Files.delete(probe);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      throw CliException.usage("--out-dir " + videos + " cannot be written: " + SaveTargets.reason(e, videos)
          + "; nothing was sent",
          "give a folder you can write with --out-dir");
    }
    requireRoom(videos, videos);
  }

  /**
   * This batch command as a script runs it again to go on ({@code next_command}; trial HD, F2): the jobs file, the
   * journal and the results folder as absolute paths, and the options that shape the run; never {@code --adopt},
   * {@code --start-over}, {@code --resubmit-unknown} or {@code --retry-failed}, each a choice made once, nor a key.
   * Null for a journal URL with a user or a query, where a password may stand (it is not repeated).
   */
  private String sameCommand(Session session, Path jobs, String location, Path videos) {
    if (Journals.isUrl(location) && (location.contains("@") || location.contains("?"))) {
      return null;
    }
    List<String> words = new ArrayList<>(List.of("vidgen", "batch", jobs.toAbsolutePath().toString(), "--journal",
        location, "--out-dir", videos.toAbsolutePath().toString()));
    if (batchName != null) {
      words.addAll(List.of("--batch-name", batchName));
    }
    if (concurrency != 8) {
      words.addAll(List.of("--concurrency", String.valueOf(concurrency)));
    }
    if (maxCredits != null) {
      words.addAll(List.of("--max-credits", maxCredits.toPlainString()));
    }
    if (skipInvalid) {
      words.add("--skip-invalid");
    }
    if (timeout != null) {
      words.addAll(List.of("--timeout", timeout.toString())); // ISO-8601, as --timeout reads it back exactly
    }
    if (!lease.equals(Duration.ofSeconds(60))) {
      words.addAll(List.of("--lease", lease.toString()));
    }
    if (rateTier != null) {
      words.addAll(List.of("--rate-tier", rateTier.strip()));
    }
    if (session.providerFlagGiven()) {
      session.choice().ifPresent(choice -> words.addAll(List.of("--provider", choice.id())));
    }
    words.addAll(session.setupOptions());
    if (root.allowUnknownPrices) {
      words.add("--allow-unknown-prices");
    }
    return SafeText.command(words.toArray(String[]::new));
  }

  /** {@code jobs.jsonl} → {@code jobs.journal} beside it. */
  static Path defaultJournal(Path jobs) {
    return jobs.resolveSibling(stem(jobs) + ".journal");
  }

  /** {@code jobs.jsonl} → {@code jobs-videos/} beside it. */
  static Path defaultOutDir(Path jobs) {
    return jobs.resolveSibling(stem(jobs) + "-videos");
  }

  private static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

}
