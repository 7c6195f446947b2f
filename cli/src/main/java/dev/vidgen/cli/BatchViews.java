package dev.vidgen.cli;

import dev.vidgen.batch.BatchLine;
import dev.vidgen.batch.BatchPlan;
import dev.vidgen.batch.BatchPreview;
import dev.vidgen.batch.BatchReport;
import dev.vidgen.batch.PlannedJob;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.error.VidgenException;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.text.Plural;
import dev.vidgen.core.text.SafeText;
import dev.vidgen.core.validation.Violation;
import java.io.File;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/** What {@code vidgen batch} prints: the plan and its price, refusals, and the final summary. */
final class BatchViews {
  private final Output output;
  /** For the commands a report prints (the provider and server options to repeat); null to print them bare. */
  private final Session session;
  private final Map<String, Object> balances = new LinkedHashMap<>();
  /** The batch's --timeout, once it passed before every job was final; else null. */
  private java.time.Duration timedOut;
  /** The same batch command, which a script runs as it is to go on ({@code next_command}); null: none. */
  private String sameCommand;

  BatchViews(Output output) {
    this(output, null);
  }

  BatchViews(Output output, Session session) {
    this.output = output;
    this.session = session;
  }

  /** How a line's model is spelled when sent (the route's spelling of the name given); as given until set. */
  private java.util.function.UnaryOperator<String> sentName = java.util.function.UnaryOperator.identity();
  /** The route a line's model names, by its id; the name as given until set. */
  private java.util.function.UnaryOperator<String> routeId = java.util.function.UnaryOperator.identity();

  /**
   * Shows each line's model as {@code sentName} spells it, and prices the plan by {@code routeId}, so that
   * one model given in several cases or by its aliases is one row.
   */
  BatchViews spelling(java.util.function.UnaryOperator<String> sentName, java.util.function.UnaryOperator<String> routeId) {
    this.sentName = java.util.Objects.requireNonNull(sentName, "sentName == null");
    this.routeId = java.util.Objects.requireNonNull(routeId, "routeId == null");
    return this;
  }

  /** What makes two lines the same job, for the plan's warning; the job's settings as written until set. */
  private java.util.function.Function<dev.vidgen.core.domain.VideoJob, ?> sameJob = job -> job;

  /** Tells lines of the same job by {@code identity}, as {@code generate}'s same-job check does. */
  BatchViews sameJobBy(java.util.function.Function<dev.vidgen.core.domain.VideoJob, ?> identity) {
    this.sameJob = java.util.Objects.requireNonNull(identity, "identity == null");
    return this;
  }

  /** The price of every model's jobs and the total, and every invalid line with its problems. */
  void plan(BatchPlan plan) {
    Map<String, List<PlannedJob>> byModel = plan.jobs().stream()
        .collect(Collectors.groupingBy(job -> routeId.apply(job.job().model()), LinkedHashMap::new, Collectors.toList()));
    int modelGone = plan.followedOnly().size();
    output.line(Plural.count(plan.lines().size(), "line") + ": " + plan.jobs().size() + " valid" + (modelGone == 0 ? ""
        : " (" + modelGone + " of them on a model no longer valid: never sent again, only followed where they have"
            + " a task)")
        + ", " + plan.invalid().size() + " invalid");
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("model", "jobs", "price"));
    byModel.forEach((model, jobs) -> rows.add(List.of(model, String.valueOf(jobs.size()), subtotal(jobs))));
    rows.add(List.of("total", String.valueOf(plan.jobs().size()), total(plan)));
    output.table(rows);
    for (BatchLine line : plan.invalid()) {
      for (Violation violation : line.errors()) {
        output.note(prefixed(line, violation));
      }
    }
    for (List<PlannedJob> same : plan.sameJobs(sameJob)) {
      // Two takes may be meant; a line copied by mistake is likelier in a file a script wrote: said, not refused.
      String which = same.stream().map(job -> job.line() + " (" + SafeText.clip(SafeText.clean(job.key()), 40) + ")")
          .collect(Collectors.joining(", "));
      output.note("warning: lines " + which + " ask for the same job (model, prompt, inputs and settings): each is"
          + " sent and paid for, " + same.size() + " takes of one video; remove the copies if that is not what you"
          + " meant");
    }
  }

  int refuseInvalid(BatchPlan plan, List<String> runningTasks) {
    return refuseInvalid(plan, runningTasks, List.of());
  }

  /**
   * As {@link #refuseInvalid(BatchPlan, List)}, with the running tasks whose own lines are invalid now: named with
   * the others, and told apart, since only their lines put back as sent (or {@code vidgen wait}) follow them.
   */
  int refuseInvalid(BatchPlan plan, List<String> runningTasks, List<PaidTasks.LineTask> onInvalidLines) {
    List<String> others = runningTasks;
    List<String> all = new ArrayList<>(onInvalidLines.stream().map(PaidTasks.LineTask::task).toList());
    all.addAll(runningTasks);
    runningTasks = all;
    // Tasks made by earlier runs are not followed either: the run stops before it writes to the journal.
    String unfollowed = runningTasks.isEmpty() ? "" : ", and " + Plural.count(runningTasks.size(), "task")
        + " earlier runs made " + Plural.word(runningTasks.size(), "was", "were") + " not followed ("
        + String.join(", ", runningTasks.subList(0, Math.min(3, runningTasks.size())))
        + (runningTasks.size() > 3 ? ", …" : "") + ")";
    String message = plan.invalid().size() + " of " + Plural.count(plan.lines().size(), "line") + " "
        + Plural.word(plan.invalid().size(), "is", "are") + " invalid; nothing was sent" + unfollowed;
    String them = Plural.word(plan.invalid().size(), "it", "them");
    String next = plan.jobs().isEmpty() ? "fix " + them + " and run again: no line is valid, so there is nothing to run"
        : "fix " + them + " and run again, or add --skip-invalid to run the "
            + Plural.count(plan.jobs().size(), "valid line");
    if (!others.isEmpty()) {
      next += "; either run follows and downloads " + (onInvalidLines.isEmpty()
          ? Plural.word(others.size(), "that task", "those tasks")
          : Plural.word(others.size(), "the other task", "the other " + others.size() + " tasks"))
          + ", whose video " + Plural.word(others.size(), "link lasts", "links last") + " about 24 hours";
    }
    if (!onInvalidLines.isEmpty()) {
      PaidTasks.LineTask first = onInvalidLines.get(0);
      next += "; " + (onInvalidLines.size() == 1 ? "line " + first.line() + "'s own task " + first.task()
          + " is followed by neither: put the line back as it was sent and run again, or save its video with "
          + waitCommand(first)
          : Plural.count(onInvalidLines.size(), "task") + " whose own lines are invalid (" + onInvalidLines.stream()
              .map(t -> t.task() + ", line " + t.line()).collect(Collectors.joining("; ")) + ") are followed by"
              + " neither: put those lines back as they were sent and run again, or save each video with vidgen wait");
    }
    output.note(message + " — " + next);
    Map<String, Object> json = planJson(plan);
    if (!runningTasks.isEmpty()) {
      json.put("tasks_not_followed", runningTasks);
    }
    json.put("error", error("invalid_job", "batch.invalid_lines", message, next, ExitCodes.INVALID_JOB));
    output.object(json);
    return ExitCodes.INVALID_JOB;
  }

  /**
   * One line for each running task whose own line is invalid now (edited after its create): the run, stopped by the
   * invalid lines or running the valid ones ({@code --skip-invalid}), does not follow it, and how to.
   */
  void notFollowedOnInvalidLines(List<PaidTasks.LineTask> onInvalidLines) {
    leftOnInvalidLines = List.copyOf(onInvalidLines);
    for (PaidTasks.LineTask left : onInvalidLines) {
      output.note("line " + left.line() + " (" + left.key() + ") is invalid, and its job has task " + left.task()
          + ", made and paid for by an earlier run: no run follows that task while its line is invalid; put the line"
          + " back as it was sent and run again, or save its video with " + waitCommand(left)
          + " (its link lasts about 24 hours)");
    }
  }

  /** The running tasks whose own lines are invalid, as last told: a run of the valid lines leaves them. */
  private List<PaidTasks.LineTask> leftOnInvalidLines = List.of();

  /** "vidgen wait TASK --out FILE", with the options that reach the same provider and server. */
  private String waitCommand(PaidTasks.LineTask left) {
    List<String> more = new ArrayList<>(left.out() == null ? List.of() : List.of("--out", left.out()));
    if (session == null) {
      return Failures.taskCommand("wait", left.task(), "", null, more.toArray(String[]::new));
    }
    more.addAll(session.setupOptions());
    String providerId = session.choice().map(ProviderChoice::id).orElse("");
    return Failures.taskCommand("wait", left.task(), providerId, session, more.toArray(String[]::new));
  }

  /**
   * What an earlier take is, in words true of each way to get one: a create answered with a server error and sent
   * again, one still unanswered when its process stopped, one its run's journal could not mark as never sent, one
   * resubmitted with --resubmit-unknown: all of unknown outcome.
   */
  static final String EARLIER_TAKES = "earlier takes of unknown outcome, which may each have made a paid task";

  int refuseOverBudget(BatchPlan plan, BigDecimal maxCredits, BigDecimal earlierExtra) {
    BigDecimal mayCost = plan.knownCredits().add(earlierExtra);
    boolean overKnown = mayCost.compareTo(maxCredits) > 0;
    String cost = overKnown
        ? "the batch " + (earlierExtra.signum() > 0 ? "may cost " : "costs ") + (plan.unknownPrices() > 0 ? "at least "
            : "") + Views.credits(mayCost) + (earlierExtra.signum() > 0 ? " (" + Views.credits(earlierExtra)
            + " of it for " + EARLIER_TAKES + ")" : "")
        : Plural.count(plan.unknownPrices(), "job has", "jobs have") + " no known price (" + unknownWhy(plan) + ")";
    String message = cost + " but --max-credits is " + maxCredits.toPlainString() + "; nothing was sent";
    String next = overKnown ? (earlierExtra.signum() > 0 ? "check the provider's dashboard for those tasks; raise"
        + " --max-credits to go on, or run fewer or cheaper lines" : "raise --max-credits, or run fewer or cheaper lines")
        : "give " + Plural.word(plan.unknownPrices(), "its model's price", "their models' prices")
            + " in a route file (--routes, docs/routes.md) or add --allow-unknown-prices";
    output.note(message + " — " + next);
    Map<String, Object> json = planJson(plan);
    json.put("error", error("budget_exceeded", "batch.over_budget", message, next, ExitCodes.OVER_BUDGET));
    output.object(json);
    return ExitCodes.OVER_BUDGET;
  }

  /** Why the first lines of unknown price have none, as their quotes say: "line 2, kling-v3: no price is documented…". */
  private static String unknownWhy(BatchPlan plan) {
    List<String> why = plan.jobs().stream().filter(job -> !job.quote().isKnown())
        .map(job -> "line " + job.line() + ", " + job.quote().model() + ": "
            + dev.vidgen.core.text.SafeText.clip(job.quote().basis(), 120))
        .limit(3).toList();
    return String.join("; ", why.subList(0, Math.min(2, why.size()))) + (why.size() > 2 ? "; …" : "");
  }

  /**
   * A dry run: every valid line with its price and file, and, when the journal exists, what the run
   * would do with each job and what it would still send; no create was sent (only free reads). Exit 0.
   */
  int dryRun(BatchPlan plan, java.util.Optional<BatchPreview> preview, EarlierSpend earlier, String readsLine) {
    Map<String, BatchPreview.JobPreview> byKey = new LinkedHashMap<>();
    preview.ifPresent(p -> p.jobs().forEach(job -> byKey.put(job.job().key(), job)));
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("line", "id", "model", "price", "file"));
    if (preview.isPresent()) {
      header.add("run");
    }
    rows.add(header);
    List<Map<String, Object>> jobs = new ArrayList<>();
    // Only the form that is shown is made: a file of 200,000 lines holding both ran out of memory.
    boolean asJson = output.json();
    for (PlannedJob job : plan.jobs()) {
      List<String> row = asJson ? new ArrayList<>() : new ArrayList<>(List.of(String.valueOf(job.line()), job.key(),
          sentName.apply(job.job().model()), Views.price(job.quote()), job.out().toString()));
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("line", job.line());
      json.put("id", job.key());
      json.put("model", sentName.apply(job.job().model()));
      json.putAll(Views.quoteJson(job.quote()));
      json.put("out", job.out().toString());
      BatchPreview.JobPreview seen = byKey.get(job.key());
      if (seen != null) {
        row.add(runCell(seen));
        json.put("action", seen.action().id().replace(' ', '_'));
        json.put("journal_state", seen.entry() == null ? null : seen.entry().state().id());
        json.put("task_id", seen.entry() == null ? null : seen.entry().taskId());
        if (seen.entry() != null && BatchTakes.earlierTakes(seen.entry()) > 0) {
          json.put("possible_extra_tasks", BatchTakes.earlierTakes(seen.entry())); // as in the run's earlier_takes
        }
      }
      if (asJson) {
        jobs.add(json);
      } else {
        rows.add(row);
      }
    }
    output.line("");
    output.table(rows);
    Map<String, Object> json = planJson(plan);
    if (preview.isPresent()) {
      BatchPreview p = preview.get();
      // Jobs of unknown price only cost an unknown amount, which "0 credits" would hide.
      boolean onlyUnknown = p.unknownPricesToSend() > 0 && p.creditsToSend().signum() == 0;
      String toSend = p.count(BatchPreview.Action.SEND) + " to send (" + (onlyUnknown ? "price unknown"
          : Views.credits(p.creditsToSend()) + ", " + Views.usd(p.usdToSend())
              + (p.unknownPricesToSend() > 0 ? ", plus " + p.unknownPricesToSend() + " of unknown price" : "")) + ")";
      List<String> parts = new ArrayList<>(List.of(toSend));
      for (BatchPreview.Action action : List.of(BatchPreview.Action.LOOK_UP, BatchPreview.Action.FOLLOW,
          BatchPreview.Action.DONE, BatchPreview.Action.KEEP, BatchPreview.Action.HELD)) {
        // A job a stopped run was sending has not ended: it is kept, but said apart from the jobs that ended.
        int count = action == BatchPreview.Action.KEEP ? p.count(action) - p.leftSubmitting() : p.count(action);
        if (action == BatchPreview.Action.KEEP && p.leftSubmitting() > 0) {
          parts.add(p.leftSubmitting() + " left being sent by a stopped run, with no client reference to look "
              + Plural.word(p.leftSubmitting(), "it", "them") + " up by: told unknown by the run, not sent again");
        }
        if (count > 0) {
          parts.add(count + " " + switch (action) {
            case LOOK_UP -> "looked up by client reference and sent again only if not found (up to "
                + Views.credits(p.creditsAtMost()) + " in all" + (p.unknownPricesAtMost() > 0
                    ? ", plus " + p.unknownPricesAtMost() + " of unknown price" : "") + ")";
            case FOLLOW -> "followed (sent before)";
            case DONE -> "done";
            case KEEP -> "kept as " + Plural.word(count, "it", "they") + " ended (failed or unknown)";
            default -> "held by another worker";
          });
        }
      }
      output.line("the journal (" + p.journal() + ") has this batch: a run now would have " + String.join(", ", parts));
      String failedKept = FailedAdvice.kept(p);
      if (failedKept != null) {
        output.line(failedKept);
      }
      if (!p.elsewhere().isEmpty()) {
        // Two files of one name on one journal are one batch: said, so that the other file's jobs are not a surprise.
        output.line("the journal also holds " + Plural.count(p.elsewhere().size(), "job") + " of batch "
            + plan.batch() + " whose line this file lacks, sent or ended (this file's earlier lines, or another file"
            + " of the same name: a batch is named by its file's name; --batch-name keeps another apart); they are left"
            + " as they are");
      }
      if (!p.dropped().isEmpty()) {
        output.line("it would drop " + Plural.count(p.dropped().size(), "job") + " without a task whose line is gone: " + named(p.dropped()));
      }
      if (!p.replaced().isEmpty()) {
        output.line("it would send the changed line of " + Plural.count(p.replaced().size(), "job") + " without a task: "
            + named(p.replaced()));
      }
      Map<String, Object> run = new LinkedHashMap<>();
      run.put("journal", p.journal());
      run.put("to_send", p.count(BatchPreview.Action.SEND));
      run.put("credits_to_send", p.creditsToSend());
      run.put("usd_to_send", Views.usdJson(p.usdToSend()));
      run.put("credits_at_most", p.creditsAtMost());
      run.put("unknown_prices_at_most", p.unknownPricesAtMost());
      run.put("unknown_prices_to_send", p.unknownPricesToSend());
      for (BatchPreview.Action action : BatchPreview.Action.values()) {
        run.put(action.id().replace(' ', '_'), p.count(action));
      }
      run.put("left_submitting", p.leftSubmitting()); // of "keep": not ended, told unknown by the run
      run.put("dropped", p.dropped().stream().map(Entry::key).toList());
      run.put("replaced", p.replaced().stream().map(Entry::key).toList());
      run.put("elsewhere", p.elsewhere().stream().map(Entry::key).toList());
      json.put("run", run);
    }
    if (earlier.extra().signum() > 0) {
      // The total counts each line once; --max-credits also counts these.
      output.line(EARLIER_TAKES + ": up to " + Views.credits(earlier.extra()) + " more than the total above, which --max-credits counts too");
    }
    json.put("earlier_takes_credits_at_most", earlier.extra());
    json.put("history_takes", HistoryTakes.json(historyTakes));
    json.put("warnings", session == null ? List.of() : session.warnings()); // as the real run's summary has them
    output.line(readsLine); // names only the free reads the dry run made
    json.put("dry_run", true);
    json.put("jobs", jobs);
    output.object(json);
    return ExitCodes.DONE;
  }

  /** What the run would do with one job, and why, in a few words. */
  private static String runCell(BatchPreview.JobPreview seen) {
    Entry entry = seen.entry();
    if (entry == null) {
      return "send (new)";
    }
    // A create marked waiting (its turn, a connection, a backoff) never left: its job is not being sent.
    String state = (entry.state() == State.SUBMITTING && entry.createWaiting() ? "waiting, never sent"
        : entry.state().id()) + (entry.taskId() != null ? ", task " + entry.taskId()
            : entry.state() == State.FAILED ? ", no task" : "")
        + (entry.state() == State.UNKNOWN && entry.possibleTasks() > 1 ? ", up to " + entry.possibleTasks() + " tasks" : "")
        + (BatchTakes.earlierTakes(entry) > 0 ? ", " + Plural.count(BatchTakes.earlierTakes(entry), "earlier take")
            + " may have made " + Plural.word(BatchTakes.earlierTakes(entry), "a task", "tasks") : "");
    return seen.action().id() + " (" + state + ")" + FailedAdvice.cell(seen);
  }

  /** How long the provider keeps results, in words: its own figure, or none when it states none. */
  private dev.vidgen.core.text.KeptResults keptResults() {
    return session == null ? dev.vidgen.core.text.KeptResults.unstated() : session.keptResults();
  }

  /**
   * The credits the plan quoted, what this run's creates were quoted ({@code quoted}) and, where the provider
   * reports a balance, what was left before and after the run and by how much it fell.
   */
  void balances(BatchPlan plan, java.util.Optional<BigDecimal> before, java.util.Optional<BigDecimal> after,
      RunQuotes.Quoted quoted) {
    balances.put("credits_quoted", plan.knownCredits());
    balances.put("credits_left_before", before.orElse(null));
    balances.put("credits_left_after", after.orElse(null));
    // Null when a take of this run has no known price: a figure without it would be too low.
    balances.put("credits_quoted_this_run", quoted.unpriced() > 0 ? null : quoted.credits());
    balances.put("balance_fell_by", before.isPresent() && after.isPresent() ? before.get().subtract(after.get()) : null);
    this.quotedThisRun = quoted;
  }

  /** The lines to send whose job the task history holds as a take of today, for {@code --json}. */
  private List<HistoryTakes.Found> historyTakes = List.of();

  /** Warns of each line to send whose job the task history holds ({@link HistoryTakes}), and keeps them for --json. */
  void historyTakes(List<HistoryTakes.Found> found) {
    this.historyTakes = List.copyOf(found);
    if (session != null) {
      HistoryTakes.warn(session, found);
    }
  }

  /** What this run's creates were quoted; null until {@link #balances} is told. */
  private RunQuotes.Quoted quotedThisRun;

  /** The warning's code when the balance fell by more than this run's quotes. */
  static final String BALANCE_FELL_MORE = "batch.balance_fell_more";

  /**
   * "the balance fell by 90 credits, 30 credits more than this run's quotes (60 credits)" when it did, every take
   * priced;
   * else null. The quotes are the catalog's prices, which neither {@code spent} nor {@code --max-credits} go beyond.
   */
  private String balanceFellMore() {
    if (quotedThisRun == null || quotedThisRun.unpriced() > 0
        || !(balances.get("balance_fell_by") instanceof BigDecimal fell) || fell.compareTo(quotedThisRun.credits()) <= 0) {
      return null;
    }
    return "the balance fell by " + Views.credits(fell) + ", " + Views.credits(fell.subtract(quotedThisRun.credits()))
        + " more than this run's quotes (" + Views.credits(quotedThisRun.credits()) + ")";
  }

  /** The run stopped waiting when its {@code --timeout} passed. */
  void timedOut(java.time.Duration timeout) {
    this.timedOut = timeout;
  }

  /** The same batch command, given as {@code next_command} where the summary's way on is to run it again. */
  void sameCommand(String command) {
    this.sameCommand = command;
  }

  /**
   * What a run under {@code --max-credits} sent: {@code creates} (each may have made a paid task) that took
   * {@code credits} of the budget, which was {@code maxCredits} less {@code earlierCredits} for earlier takes.
   */
  record BudgetUse(BigDecimal maxCredits, BigDecimal earlierCredits, int creates, BigDecimal credits) {}

  /** This run's use of its --max-credits; null without one. */
  private BudgetUse budgetUse;
  /** The journal whose file was deleted or replaced during the run, and what became of it; null while it is whole. */
  private String lostJournal;
  private String lostChange;

  /** The run's use of its --max-credits, for the words of a batch its budget stopped part-way. */
  void budget(BudgetUse use) {
    this.budgetUse = use;
  }

  /** The file of {@code journal} {@code change} ("was deleted") during the run: the summary lists every task id. */
  void journalLost(String journal, String change) {
    this.lostJournal = journal;
    this.lostChange = change;
  }

  /** The summary table, the jobs that need a person's attention, and the exit code. */
  int summary(BatchReport report, BatchPlan plan, long throttled, RunResends.Resent resent) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("state", "jobs"));
    report.counts().forEach((state, count) -> {
      if (count > 0 || state.isFinal() && state != State.DROPPED) {
        rows.add(List.of(state.id(), String.valueOf(count)));
      }
    });
    output.line("");
    output.table(rows);
    Map<String, String> fields = new LinkedHashMap<>();
    boolean onlyUnknown = report.unpriced() > 0 && report.credits().signum() == 0;
    fields.put("spent", (onlyUnknown ? "an unknown amount (" + report.unpriced() + " of unknown price)"
            : Views.credits(report.credits()) + " (" + Views.usd(report.usd()) + ")") + " for "
        + Plural.count(report.count(State.COMPLETED), "completed job") + " over all runs"
        + (report.unpriced() > 0 && !onlyUnknown ? ", not counting " + report.unpriced() + " of unknown price" : "")
        + unknownWords(report)
        + earlierWords(report)
        + extraWords(report)
        + FailedCharges.summary(report.entries()));
    FailedCharges.running(report.entries()).ifPresent(running -> fields.put("running", running));
    FailedCharges.unsaved(report).ifPresent(unsaved -> fields.put("unsaved", unsaved));
    FailedCharges.notFound(report.entries()).ifPresent(notFound -> fields.put("not found", notFound));
    if (!report.failuresByReason().isEmpty()) {
      fields.put("failures", report.failuresByReason().entrySet().stream()
          .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
    }
    String fellMore = balanceFellMore();
    if (balances.get("credits_left_before") != null && balances.get("credits_left_after") != null) {
      fields.put("balance", Views.credits((BigDecimal) balances.get("credits_left_before")) + " before, "
          + Views.credits((BigDecimal) balances.get("credits_left_after")) + " after"
          + (fellMore == null ? "" : ": " + fellMore.substring("the balance ".length())));
    }
    if (fellMore != null) {
      // spent and --max-credits count the quotes, so only the balance shows what the provider took: said, not left to
      // a subtraction.
      String message = fellMore + ": prices may have changed upstream, or other runs spent meanwhile; spent and"
          + " --max-credits count the quotes, not what the provider charged (docs/pricing.md#prices-change)";
      if (session == null) {
        output.note("warning: " + message);
      } else {
        session.warn(BALANCE_FELL_MORE, message);
      }
    }
    if (!plan.invalid().isEmpty()) {
      // Run with --skip-invalid: the lines left out are no job at all, so they must not go unmentioned.
      fields.put("skipped", Plural.count(plan.invalid().size(), "invalid line") + ", not sent: "
          + Plural.word(plan.invalid().size(), "line ", "lines ") + plan.invalid().stream()
          .map(line -> String.valueOf(line.number())).collect(Collectors.joining(", "))
          + leftOnInvalidLines.stream().map(left -> "; line " + left.line() + "'s task " + left.task()
              + " (paid in an earlier run) not followed, as said above").collect(Collectors.joining()));
    }
    // Jobs without a task whose line is gone (dropped), or never sent whose line changed (taken as it is now).
    List<Entry> dropped = report.forgotten().stream().filter(e -> !changedLine(report, e)).toList();
    List<Entry> changed = report.forgotten().stream().filter(e -> changedLine(report, e)).toList();
    if (!dropped.isEmpty()) {
      fields.put("dropped", Plural.count(dropped.size(), "job") + " without a task, whose line is gone or left out: " + named(dropped));
    }
    if (!changed.isEmpty()) {
      fields.put("replaced", Plural.count(changed.size(), "job") + " without a task, whose line changed and was taken as it is now: "
          + named(changed));
    }
    fields.put("files", filesWhere(report));
    fields.put("journal", report.journal() + (lostChange == null ? ""
        : " (its file " + lostChange + " during this run; the task ids are listed below)"));
    if (throttled > 0) {
      fields.put("rate limits", Plural.count(throttled, "answer") + " 429; every job paused as the provider asked");
    }
    output.line("");
    output.fields(fields);
    // The journal keeps the line a job had when it was first added; lines may have moved since.
    Map<String, Integer> lines = plan.jobs().stream().collect(Collectors.toMap(PlannedJob::key, PlannedJob::line));
    ToIntFunction<Entry> line = e -> lines.getOrDefault(e.key(), e.seq());
    Comparator<Entry> byLine = Comparator.comparingInt(line);
    report.entries().stream().filter(e -> e.state() == State.FAILED).sorted(byLine)
        .forEach(e -> output.line("failed   line " + line.applyAsInt(e) + " (" + e.key() + "): " + e.reason()
            + (e.taskId() == null ? "" : " (task " + e.taskId()
                + (FailedCharges.priced(e) ? "; " + FailedCharges.words(e) : "") + ")")));
    report.entries().stream().filter(e -> e.state() == State.UNKNOWN).sorted(byLine)
        .forEach(e -> output.line("unknown  line " + line.applyAsInt(e) + " (" + e.key() + "): "
            + BatchTakes.unknownWords(e) + e.reason()));
    // Told by every run, not only the one whose create was sent again: the journal's handle keeps the count.
    report.entries().stream().sorted(byLine).forEach(e -> BatchTakes.withExtraTasks(e).ifPresent(handle ->
        output.line("extra    line " + line.applyAsInt(e) + " (" + e.key() + "): " + BatchTakes.extraWords(e, handle))));
    // A job sent again after it was unknown whose new create made no task (refused, or not sent yet).
    report.entries().stream().filter(e -> BatchTakes.earlierTakes(e) > 0).sorted(byLine).forEach(e ->
        output.line("extra    line " + line.applyAsInt(e) + " (" + e.key() + "): " + BatchTakes.earlierWords(e)));
    report.entries().stream().filter(BatchViews::videoMissing).sorted(byLine)
        .forEach(e -> output.line("missing  line " + line.applyAsInt(e) + " (" + e.key() + "): " + e.file()
            + " is gone; save it again with " + downloadCommand(e) + " (" + keptResults().resultsAreKept() + ")"));
    report.unfinished().stream().sorted(byLine).forEach(e -> output.line("left     line " + line.applyAsInt(e)
        + " (" + e.key() + ", " + e.state().id() + (e.attempts() > 0 ? ", tried " + Plural.count(e.attempts(), "time") : "")
        + "): " + report.leftOver().getOrDefault(e.key(), "not reached in this run")));
    if (lostChange != null) {
      // The journal that held them is gone: this output is the one place left that keeps them.
      report.entries().stream().filter(e -> e.taskId() != null).sorted(byLine).forEach(e -> output.line("task     line "
          + line.applyAsInt(e) + " (" + e.key() + ", " + e.state().id() + "): " + e.taskId()));
    }
    // Jobs left by the --timeout are left on purpose: 7, whether their tasks still run or they were not sent yet.
    boolean timeUp = timedOut != null && report.stopCause() == null && !report.finished();
    int exit = timeUp ? ExitCodes.DEADLINE : exitCode(report);
    Map<String, Object> json = reportJson(report, throttled, line, resent);
    json.put("lines", plan.lines().size());
    json.put("skipped_invalid", plan.invalid().stream().map(BatchLine::number).toList());
    if (!leftOnInvalidLines.isEmpty()) {
      json.put("tasks_not_followed", leftOnInvalidLines.stream().map(PaidTasks.LineTask::task).toList());
    }
    json.putAll(balances);
    json.put("history_takes", HistoryTakes.json(historyTakes));
    if (budgetUse != null) {
      Map<String, Object> sent = new LinkedHashMap<>();
      sent.put("creates", budgetUse.creates());
      sent.put("credits", budgetUse.credits()); // taken from the budget: what the creates may cost at most
      json.put("sent_this_run", sent);
    }
    json.put("journal_lost", lostChange == null ? null : lostJson(report, line));
    if (lostChange != null) {
      output.note(journalLostWords(report));
    }
    if (exit == ExitCodes.UNKNOWN_OUTCOME || exit == ExitCodes.TASK_FAILED && report.stopCause() == null) {
      boolean unknown = exit == ExitCodes.UNKNOWN_OUTCOME;
      String message = unknown
          ? Plural.count(report.count(State.UNKNOWN), "job") + " ended unknown: "
              + Plural.word(report.count(State.UNKNOWN), "its", "their") + " create may or may not have reached the provider"
          : Plural.count(report.count(State.FAILED), "job") + " failed ("
              + (output.json() ? "each in jobs, with its reason" : "listed above") + ")";
      String next = unknown ? unknownNext(report) : FailedAdvice.next(report.entries(), plan);
      output.note(message + " — " + next);
      json.put("error", error(unknown ? "unknown_outcome" : "task_failed", unknown ? "batch.unknown_jobs"
          : "batch.failed_jobs", message, next, exit));
    } else if (exit == ExitCodes.OTHER && report.stopCause() == null && report.finished()) {
      long missing = report.entries().stream().filter(BatchViews::videoMissing).count();
      String message = Plural.count(missing, "completed job has", "completed jobs have") + " no video in "
          + Plural.word(missing, "its file", "their files") + " any more (listed above)";
      String next = "save each again with the vidgen download command listed (" + keptResults().resultsAreKept() + ")";
      output.note(message + " — " + next);
      json.put("error", error("video_missing", "batch.videos_missing", message, next, exit));
    } else if (timeUp) {
      long withTask = report.unfinished().stream().filter(e -> e.taskId() != null).count();
      // A task that completed but whose video the deadline left unsaved keeps its link: the next run saves it.
      long unsaved = report.unfinished().stream().filter(e -> e.taskId() != null && e.videoUrl() != null).count();
      long running = withTask - unsaved;
      long lookUp = report.unfinished().stream().filter(e -> e.taskId() == null && e.state() == State.SUBMITTING).count();
      String message = "the batch's --timeout of " + DurationConverter.describe(timedOut) + " passed: "
          + Plural.count(report.unfinished().size(), "job is", "jobs are") + " not finished (" + running + " with a task that is still"
          + " running, its id kept in the journal; " + (unsaved > 0 ? unsaved + " whose video is ready but was not"
          + " saved by the deadline, its link kept in the journal and saved by the next run; " : "")
          + (lookUp > 0 ? lookUp + " whose create got no answer, looked"
          + " up by its client reference first next run; " : "")
          + (report.unfinished().size() - withTask - lookUp) + " not sent yet)";
      String next = "run the same command again to go on (with a longer --timeout, or none); nothing finished is sent"
          + " or downloaded twice, and tasks already made are followed, not paid again";
      output.note(message + " — " + next);
      json.put("error", error("deadline_exceeded", "batch.timeout", message, next, exit));
      json.put("next_command", sameCommand); // the same command alone, for scripts (trial HD, F2)
    } else if (exit != ExitCodes.DONE) {
      boolean rateLimited = report.stopped().isEmpty() && leftRateLimited(report);
      String keyTag = session == null || session.apiKey() == null ? null : session.apiKey().tag();
      BudgetUse budgetStop = report.stopped().filter(stop -> stop instanceof dev.vidgen.core.error.BudgetExceededException)
          .map(stop -> budgetUse).orElse(null);
      String message = budgetStop != null
          ? budgetReached(budgetStop, (dev.vidgen.core.error.BudgetExceededException) report.stopCause(), report)
          : report.stopped().map(VidgenException::getMessage)
          .orElseGet(() -> Plural.count(report.unfinished().size(), "job is", "jobs are") + " not finished"
              + (rateLimited ? ": the provider answered every try of " + Plural.word(report.unfinished().size(),
                  "its create", "their creates") + " with 429 (rate limited), through the retries and the batch's"
                  + " later tries; no task was made" : lastTries(report, keyTag)));
      String first = report.stopped().map(this::fixFirst).orElse(rateLimited
          ? "wait a few minutes (ToAPIs counts its limits per user, across all of the user's keys: another program"
              + " may be spending them), then " : leftToOtherKeys(report, keyTag)
              ? "set the API key that made the tasks (tagged as the message says) in " + session.keyVariable()
                  + ", then " : "");
      String next = savedOnlyElsewhere(report, first + "run the same command again to go on; nothing finished is sent"
          + " or downloaded twice", line);
      output.note(message + " — " + next);
      Map<String, Object> error = error(report.stopped().map(Failures::kind)
          .orElse(rateLimited ? "rate_limited" : "unfinished"), null, message, next, exit);
      // The provider's own words about what stopped the run, as generate --json gives them.
      report.stopped().filter(stop -> stop instanceof dev.vidgen.core.error.ProviderException)
          .map(stop -> (dev.vidgen.core.error.ProviderException) stop).ifPresent(provider -> {
            error.put("code", provider.providerCode().orElse(null));
            error.put("http_status", provider.httpStatus() == 0 ? null : provider.httpStatus());
            error.put("request_id", provider.requestId().orElse(null));
            error.put("retry_after_seconds", !(provider instanceof dev.vidgen.core.error.RetriableProviderException) ? null
                : provider.retryAfter().map(java.time.Duration::toSeconds).orElse(null));
          });
      if (budgetStop != null) {
        error.put("code", "batch.budget_reached"); // stopped during the run, beside batch.over_budget before it
      }
      json.put("error", error);
      // Run as it is only when nothing is to be changed first (a key, a budget, a folder).
      json.put("next_command", budgetStop == null && next.startsWith("run the same command again") ? sameCommand
          : null);
    }
    json.putIfAbsent("next_command", null); // every summary has the key: null when there is none to run as it is
    output.object(json);
    return exit;
  }

  /**
   * A batch its --max-credits stopped during the run: the limit, what this run sent and took of it (as
   * the summary counts it), and that the jobs left were not sent; never "nothing was sent" of the batch.
   */
  private static String budgetReached(BudgetUse use, dev.vidgen.core.error.BudgetExceededException stop,
      BatchReport report) {
    long notSent = report.unfinished().stream().filter(e -> e.taskId() == null && e.state() == State.PENDING).count();
    String limit = "--max-credits " + use.maxCredits().toPlainString() + (use.earlierCredits().signum() > 0
        ? ", " + Views.credits(use.earlierCredits()) + " of it for " + EARLIER_TAKES : "");
    String sent = use.creates() == 0 ? "this run sent no create"
        : "this run sent " + Plural.count(use.creates(), "create") + ", which took " + Views.credits(use.credits())
            + " of it (each may have made a paid task: the summary counts " + Plural.word(use.creates(), "it", "them")
            + " in spent, unknown and extra, and with --json sent_this_run)";
    // Held back by the batch's takes as the journal holds them (other workers' too) while this run's own left room.
    boolean byWorkers = stop.quote().isKnown() && use.maxCredits().subtract(use.earlierCredits())
        .subtract(use.credits()).compareTo(stop.quote().credits()) >= 0;
    String next = stop.quote().model() + " at " + (stop.quote().isKnown() ? Views.credits(stop.quote().credits())
        : "an unknown price") + " did not fit the " + Views.credits(stop.remainingCredits()) + " left"
        + (byWorkers ? " of the batch's budget, which the batch's workers on this journal spent together (their"
            + " takes, as the journal holds them, may cost " + Views.credits(use.maxCredits()
            .subtract(stop.remainingCredits())) + ")" : "");
    return "the batch stopped at its budget (" + limit + "): " + sent + "; the next create (" + next + ") was held"
        + " back, so " + Plural.count(notSent, "job was", "jobs were") + " not sent (listed as left; see"
        + " docs/errors.md#budget-exceeded)";
  }

  /** The loud words for a journal whose file went during the run: where its task ids are, and what not to do. */
  private String journalLostWords(BatchReport report) {
    long tasks = report.entries().stream().filter(e -> e.taskId() != null).count();
    return "warning: the file of " + lostJournal + " " + lostChange + " during this run, so the journal of this batch"
        + " is gone: " + Plural.count(tasks, "task id is", "task ids are") + " kept only in this output (the summary's"
        + " task lines; with --json, journal_lost.tasks): keep " + Plural.word(tasks, "it", "them") + ", as each video can"
        + " be saved again with vidgen download TASK_ID; do not run again with --start-over, which sends every job"
        + " again and pays for it again (a copy of the journal put back is refused as older than these tasks)";
  }

  /** For {@code --json}: the journal whose file went during the run, and every task id of the batch. */
  private Map<String, Object> lostJson(BatchReport report, ToIntFunction<Entry> line) {
    Map<String, Object> lost = new LinkedHashMap<>();
    lost.put("journal", lostJournal);
    lost.put("change", lostChange);
    lost.put("tasks", report.entries().stream().filter(e -> e.taskId() != null).map(e -> {
      Map<String, Object> task = new LinkedHashMap<>();
      task.put("id", e.key());
      task.put("line", line.applyAsInt(e));
      task.put("state", e.state().id());
      task.put("task_id", e.taskId());
      return task;
    }).toList());
    return lost;
  }

  /**
   * The closing advice when jobs left have videos that save only elsewhere ({@link BatchReport#savesElsewhere}), as
   * their left lines say: a shell whose file-size limit is higher for those a limit holds back, another {@code
   * --out-dir} for the others, not the same command again; when other jobs are left too, {@code sameAgain} for those
   * first. {@code sameAgain} as it is when there are none.
   */
  static String savedOnlyElsewhere(BatchReport report, String sameAgain, ToIntFunction<Entry> line) {
    List<Entry> elsewhere = report.savesElsewhere();
    if (elsewhere.isEmpty()) {
      return sameAgain;
    }
    int count = elsewhere.size();
    String lines = elsewhere.stream().mapToInt(line).sorted().mapToObj(String::valueOf)
        .collect(Collectors.joining(", "));
    int limited = report.savesUnderLimit().size();
    String saveThere = FailedCharges.savesElsewhere(report, limited, count - limited) + ", as the left "
        + Plural.word(count, "line says", "lines say") + "; " + (limited == count ? "another --out-dir does not help"
        + " under this limit; " : "") + Plural.word(count, "its task is", "their tasks are")
        + " made and paid for, so nothing is paid again";
    String whose = Plural.word(count, "the video", "the videos") + " of line" + (count == 1 ? " " : "s ") + lines
        + " cannot be saved where " + Plural.word(count, "it goes", "they go") + ": saving "
        + Plural.word(count, "it", "them") + " there fails the same way every time";
    if (count == report.unfinished().size() && report.stopped().isEmpty()) {
      return whose + ", so running the same command again" + (report.savesElsewhereUnderLimit() ? " from this shell"
          : "") + " does not help; " + saveThere;
    }
    return sameAgain + "; " + whose + ", so for " + Plural.word(count, "that line", "those lines") + " "
        + saveThere;
  }

  /** Whether every job left was last tried and answered with a rate limit (no task made, nothing paid). */
  private static boolean leftRateLimited(BatchReport report) {
    List<Entry> left = report.unfinished();
    return !left.isEmpty() && left.stream().allMatch(e -> "rate_limit_exceeded".equals(e.reasonCode()));
  }

  /** Whether every job left has a task this run's key ({@code keyTag}) did not find, made with another key. */
  private static boolean leftToOtherKeys(BatchReport report, String keyTag) {
    List<Entry> left = report.unfinished();
    return !left.isEmpty() && left.stream().allMatch(e -> dev.vidgen.batch.journal.JobStore.TASK_NOT_FOUND
        .equals(e.reasonCode()) && e.sentWithAnotherKey(keyTag));
  }

  /**
   * " (their last tries: internal_error 3, network 1)": why the jobs left are left, where the journal says; a task not
   * found that another API key than this run's ({@code keyTag}) made is said to be so, with that key's tag.
   */
  private static String lastTries(BatchReport report, String keyTag) {
    Map<String, Long> reasons = report.unfinished().stream().filter(e -> e.reasonCode() != null)
        .collect(Collectors.groupingBy(Entry::reasonCode, java.util.TreeMap::new, Collectors.counting()));
    return reasons.isEmpty() ? "" : " (their last tries: " + reasons.entrySet().stream()
        .map(reason -> SafeText.clip(SafeText.clean(reason.getKey()), 60) + " " + reason.getValue()
            + (dev.vidgen.batch.journal.JobStore.TASK_NOT_FOUND.equals(reason.getKey())
                ? madeWithAnotherKey(report, keyTag, reason.getValue()) : ""))
        .collect(Collectors.joining(", ")) + ")";
  }

  /** " (made with another API key, tagged 3a51c5e8: run this batch with that key)" for tasks not found, or "". */
  private static String madeWithAnotherKey(BatchReport report, String keyTag, long notFound) {
    Map<String, Long> byTag = report.unfinished().stream()
        .filter(e -> dev.vidgen.batch.journal.JobStore.TASK_NOT_FOUND.equals(e.reasonCode())
            && e.sentWithAnotherKey(keyTag))
        .collect(Collectors.groupingBy(e -> SafeText.clip(SafeText.clean(e.keyTag()), 16), java.util.TreeMap::new,
            Collectors.counting()));
    if (byTag.isEmpty()) {
      return "";
    }
    long others = byTag.values().stream().mapToLong(Long::longValue).sum();
    String tags = byTag.size() == 1 ? byTag.keySet().iterator().next() : byTag.entrySet().stream()
        .map(tag -> tag.getKey() + " (" + tag.getValue() + ")").collect(Collectors.joining(", "));
    return " (" + (others == notFound ? "" : others + " ") + "made with " + (byTag.size() == 1
        ? "another API key, tagged " + tags + ": run this batch with that key"
        : "other API keys, tagged " + tags + ": run this batch with each of those keys") + "; this run's key is tagged "
        + keyTag + ")";
  }

  /** What to set right before running again, for an error that stopped the run and would stop the next one too. */
  private String fixFirst(VidgenException stop) {
    if (stop instanceof dev.vidgen.core.error.InsufficientQuotaException refused && refused.httpStatus() > 0) {
      // The provider's words, which the message gives, say what to do: this says what the refusal left.
      return "the provider refused the create, so no task was made for that job and nothing was billed; vidgen"
          + " balance shows whether the account or the key is short; once it is topped up, ";
    }
    if (stop instanceof dev.vidgen.core.error.InsufficientQuotaException) {
      return "top up the account or raise the key's quota (vidgen balance shows which is short), then ";
    }
    if (stop instanceof dev.vidgen.core.error.AuthenticationException) {
      return "check " + (session == null ? ProviderChoice.KEY_VARIABLE : session.keyVariable()) + ", then ";
    }
    if (stop instanceof dev.vidgen.core.error.BudgetExceededException) {
      // --max-credits is the whole batch's over all its runs: running again within it sends no more.
      return "raise --max-credits (what earlier takes may have cost counts against it too), then ";
    }
    return "";
  }

  /**
   * When every job is final: 0 when all completed with their videos in their files, 9 when some
   * outcome is unknown, else 6 when some failed, else 1 when a completed job's video is gone.
   * Otherwise the stopping error's code, 7 when tasks were still running, else 5.
   */
  static int exitCode(BatchReport report) {
    if (report.stopCause() != null) {
      return Failures.exitCode(report.stopCause());
    }
    if (report.finished()) {
      if (report.count(State.UNKNOWN) > 0) {
        return ExitCodes.UNKNOWN_OUTCOME;
      }
      if (report.count(State.FAILED) > 0) {
        return ExitCodes.TASK_FAILED;
      }
      // Every job completed, but a video is no longer in its file: not done until it is saved again.
      return report.entries().stream().anyMatch(BatchViews::videoMissing) ? ExitCodes.OTHER : ExitCodes.DONE;
    }
    boolean stillRunning = report.unfinished().stream()
        .anyMatch(e -> report.leftOver().getOrDefault(e.key(), "").contains("still running"));
    return stillRunning ? ExitCodes.DEADLINE : ExitCodes.PROVIDER_ERROR;
  }

  /** "vidgen download TASK --out FILE", with the options that reach the same provider and server. */
  private String downloadCommand(Entry entry) {
    if (session == null) {
      return Failures.taskCommand("download", entry.taskId(), "", null, "--out", entry.file());
    }
    java.util.List<String> more = new ArrayList<>(List.of("--out", entry.file()));
    more.addAll(session.setupOptions());
    String providerId = session.choice().map(ProviderChoice::id).orElse("");
    return Failures.taskCommand("download", entry.taskId(), providerId, session, more.toArray(String[]::new));
  }

  /**
   * Whether a completed job's video is no longer where the batch saved it (moved or deleted since); not when this
   * locale cannot name its file ({@link LocalePaths}), which cannot tell.
   */
  static boolean videoMissing(Entry entry) {
    return entry.state() == State.COMPLETED && entry.file() != null && entry.taskId() != null
        && !LocalePaths.exists(entry.file()).orElse(true);
  }

  /** The quoted credits of the jobs of unknown outcome, once per take that may have made a task: the most they cost. */
  private static BigDecimal unknownCredits(BatchReport report) {
    return report.entries().stream().filter(e -> e.state() == State.UNKNOWN)
        .map(BatchTakes::unknownAtMost).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** How many jobs of unknown outcome have no known price. */
  private static long unknownUnpriced(BatchReport report) {
    return report.entries().stream().filter(e -> e.state() == State.UNKNOWN && e.credits() == null).count();
  }

  /**
   * For the {@code spent} line: what the jobs of unknown outcome may have cost, all their takes
   * counted; an unknown price is said, never left out.
   */
  private static String unknownWords(BatchReport report) {
    int jobs = report.count(State.UNKNOWN);
    if (jobs == 0) {
      return "";
    }
    BigDecimal credits = unknownCredits(report);
    long unpriced = unknownUnpriced(report);
    String ifMade = jobs > 1 ? "if their tasks were made"
        : Plural.word(unknownTasks(report), "if its task was made", "if its tasks were made");
    String cost = unpriced == jobs ? "may have cost more, at a price unknown"
        : "may have cost up to " + Views.credits(credits) + " more"
            + (unpriced > 0 ? " and " + unpriced + " of them more at a price unknown" : "");
    return "; the " + Plural.count(jobs, "job") + " of unknown outcome " + cost + ", " + ifMade;
  }

  /** How many tasks the jobs of unknown outcome may have made: one per take that may have made one. */
  private static long unknownTasks(BatchReport report) {
    return report.entries().stream().filter(e -> e.state() == State.UNKNOWN).mapToLong(Entry::possibleTasks).sum();
  }

  /**
   * For the {@code spent} line: what the extra takes of jobs that got a task (earlier takes of their
   * create of unknown outcome, sent again) may have cost, over all runs,
   * as the {@code extra} lines tell them; an unknown price is said, never left out.
   */
  private static String extraWords(BatchReport report) {
    List<JobHandle> handles = report.entries().stream().map(BatchTakes::withExtraTasks).flatMap(Optional::stream)
        .toList();
    if (handles.isEmpty()) {
      return "";
    }
    int takes = handles.stream().mapToInt(JobHandle::possibleExtraTasks).sum();
    BigDecimal credits = handles.stream().filter(handle -> handle.quote().isKnown())
        .map(handle -> handle.quote().credits().multiply(BigDecimal.valueOf(handle.possibleExtraTasks())))
        .reduce(BigDecimal.ZERO, BigDecimal::add);
    int unpriced = handles.stream().filter(handle -> !handle.quote().isKnown()).mapToInt(JobHandle::possibleExtraTasks)
        .sum();
    return "; " + Plural.count(takes, "earlier take") + " of " + Plural.word(handles.size(), "a job", "jobs")
        + " that got a task (of unknown outcome, then sent again) "
        + Plural.word(takes, "may have made a task of its own", "may each have made a task of their own")
        + (credits.signum() > 0 ? ": up to " + Views.credits(credits) + " more"
            + (unpriced > 0 ? " and " + Plural.count(unpriced, "take") + " of unknown price" : "")
            : unpriced > 0 ? ", at a price unknown" : "")
        + " (the extra lines; the provider's dashboard shows them)";
  }

  /** The jobs without a task, sent again after they were unknown, whose earlier takes may have made tasks. */
  private static List<Entry> earlierJobs(BatchReport report) {
    return report.entries().stream().filter(e -> BatchTakes.earlierTakes(e) > 0).toList();
  }

  /** The most the earlier takes of {@link #earlierJobs} may cost, at their known quotes. */
  private static BigDecimal earlierCredits(BatchReport report) {
    return earlierJobs(report).stream().map(BatchTakes::earlierAtMost).filter(java.util.Objects::nonNull)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** How many of {@link #earlierJobs} have no known price. */
  private static long earlierUnpriced(BatchReport report) {
    return earlierJobs(report).stream().filter(e -> e.credits() == null).count();
  }

  /**
   * For the {@code spent} line: what the earlier takes of jobs sent again after they were unknown,
   * and left without a task, may have cost; an unknown price is said, never left out.
   */
  private static String earlierWords(BatchReport report) {
    List<Entry> jobs = earlierJobs(report);
    if (jobs.isEmpty()) {
      return "";
    }
    long unpriced = earlierUnpriced(report);
    String cost = unpriced == jobs.size() ? "may have cost more, at a price unknown"
        : "may have cost up to " + Views.credits(earlierCredits(report)) + " more"
            + (unpriced > 0 ? " and " + unpriced + " of them more at a price unknown" : "");
    String ifMade = jobs.size() > 1 ? "if their earlier takes made tasks"
        : Plural.word(BatchTakes.earlierTakes(jobs.get(0)), "if its earlier take made a task",
            "if its earlier takes made tasks");
    return "; the " + Plural.count(jobs.size(), "job") + " sent again after " + Plural.word(jobs.size(), "it was", "they were")
        + " unknown and left without a task " + cost + ", " + ifMade;
  }

  /**
   * The completed jobs' videos that are there, by name as the journal has them; with those this locale cannot name
   * ({@link LocalePaths}), which it cannot look at and so lists as saved.
   */
  private static List<String> savedFiles(BatchReport report) {
    return report.entries().stream().filter(e -> e.state() == State.COMPLETED && e.file() != null).map(Entry::file)
        .filter(name -> LocalePaths.exists(name).orElse(true)).toList();
  }

  /** The folder of the file {@code name}, made from its text when this locale cannot name the file. */
  private static String folderOf(String name) {
    return LocalePaths.of(name).map(Path::getParent).map(Path::toString)
        .orElseGet(() -> name.substring(0, Math.max(0, name.lastIndexOf(File.separatorChar))));
  }

  private static String filesWhere(BatchReport report) {
    List<String> files = savedFiles(report);
    if (files.isEmpty()) {
      return "none yet";
    }
    List<String> folders = files.stream().map(BatchViews::folderOf).distinct().toList();
    return folders.size() == 1
        ? files.size() + " in " + folders.get(0)
        : files.size() + " in " + folders.size() + " folders (--json lists them)";
  }

  private Map<String, Object> reportJson(BatchReport report, long throttled, ToIntFunction<Entry> line,
      RunResends.Resent resent) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("total", report.total());
    json.put("completed", report.count(State.COMPLETED));
    json.put("failed", report.count(State.FAILED));
    json.put("unknown", report.count(State.UNKNOWN));
    json.put("credits", report.credits());
    json.put("usd", Views.usdJson(report.usd()));
    json.put("completed_unpriced", report.unpriced());
    json.put("files", savedFiles(report));
    json.put("files_missing", report.entries().stream().filter(BatchViews::videoMissing).map(Entry::file).toList());
    // All the takes of the jobs of unknown outcome; null when one of them has no known price.
    json.put("unknown_credits_at_most", unknownUnpriced(report) > 0 ? null : unknownCredits(report));
    // Failed jobs whose task was made: their quotes, the charge unknown (as generate and status say of a failed task).
    json.put("failed_credits_quoted", FailedCharges.quoted(report.entries()));
    json.put("failed_charge", FailedCharges.count(report.entries()) > 0 ? Views.FAILED_CHARGE : null);
    // Results that expired before they were saved: their tasks completed, so they were most likely charged.
    json.put("expired_credits_quoted", FailedCharges.expiredQuoted(report.entries()));
    json.put("expired_charge", FailedCharges.expiredCount(report.entries()) > 0 ? FailedCharges.EXPIRED_CHARGE : null);
    json.put("unusable_credits_quoted", FailedCharges.unusableQuoted(report.entries()));
    json.put("unusable_charge", FailedCharges.unusableCount(report.entries()) > 0 ? FailedCharges.EXPIRED_CHARGE : null);
    // Jobs whose tasks were made and still run (left by --timeout, a stop, or another worker): their quotes.
    json.put("running", report.entries().stream().filter(FailedCharges::running).count());
    json.put("running_credits_quoted", FailedCharges.runningQuoted(report.entries()));
    // Jobs whose tasks completed but whose videos were not saved (a full disk, say): the next run downloads them.
    json.put("unsaved", report.entries().stream().filter(FailedCharges::unsaved).count());
    json.put("unsaved_credits_quoted", FailedCharges.unsavedQuoted(report.entries()));
    // Jobs with a task the provider answered "not found" for when last read: made, so maybe paid, and kept open.
    json.put("not_found", report.entries().stream().filter(FailedCharges::notFound).count());
    // This run's creates sent again blind after a 500: each take answered so may have made a paid task of its own.
    // Only jobs that got a task: an unknown job's takes are in unknown_credits_at_most, so the two add up.
    json.put("resent_after_server_error", resent.takes());
    json.put("resent_credits_at_most", resent.creditsOrNull());
    // Over all runs: jobs with a task whose earlier takes, answered with a server error, may have made tasks too.
    json.put("extra_tasks", report.entries().stream().flatMap(e -> BatchTakes.withExtraTasks(e)
        .map(handle -> BatchTakes.extraJson(e, line.applyAsInt(e), handle)).stream()).toList());
    // Over all runs: jobs sent again after they were unknown that have no task, whose earlier takes may have made
    // tasks. Neither unknown now nor with a task, so in neither figure above; null when one has no known price.
    json.put("earlier_credits_at_most", earlierUnpriced(report) > 0 ? null : earlierCredits(report));
    json.put("earlier_takes", earlierJobs(report).stream().map(e -> BatchTakes.earlierJson(e, line.applyAsInt(e)))
        .toList());
    json.put("warnings", session.warnings());
    json.put("batch", report.batch());
    json.put("journal", report.journal());
    json.put("pending", report.count(State.PENDING));
    json.put("in_flight", report.count(State.SUBMITTING) + report.count(State.SUBMITTED));
    json.put("failures_by_reason", report.failuresByReason());
    json.put("jobs", report.entries().stream().filter(e -> e.state() != State.COMPLETED)
        .map(e -> entryJson(e, line.applyAsInt(e), report.leftOver().get(e.key()))).toList());
    json.put("throttled", throttled);
    json.put("dropped", report.forgotten().stream().map(e -> {
      Map<String, Object> dropped = new LinkedHashMap<>();
      dropped.put("id", e.key());
      dropped.put("line", e.seq());
      dropped.put("change", changedLine(report, e) ? "replaced" : "dropped");
      return dropped;
    }).toList());
    return json;
  }

  /** Whether a job the run let go of is still in the file, with its line changed. */
  private static boolean changedLine(BatchReport report, Entry forgotten) {
    return report.entries().stream().anyMatch(e -> e.key().equals(forgotten.key()));
  }

  private static String named(List<Entry> entries) {
    return entries.stream().map(e -> e.key() + " (was line " + e.seq() + ")").collect(Collectors.joining(", "));
  }

  /** A job not completed; {@code left} why this run left it unfinished (as its "left" line says), or null. */
  private static Map<String, Object> entryJson(Entry e, int line, String left) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", e.key());
    json.put("line", line);
    json.put("state", e.state().id());
    json.put("attempts", e.attempts());
    json.put("task_id", e.taskId());
    json.put("client_reference", e.clientReference());
    json.put("reason_code", e.reasonCode());
    json.put("reason", !e.state().isFinal() && left != null ? left : e.reason());
    if (FailedCharges.priced(e)) {
      json.putAll(FailedCharges.json(e));
    }
    if (e.state() == State.UNKNOWN) {
      json.putAll(BatchTakes.unknownJson(e));
    }
    return json;
  }

  private static Map<String, Object> planJson(BatchPlan plan) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("total", plan.jobs().size());
    json.put("completed", 0);
    json.put("failed", 0);
    json.put("unknown", 0);
    json.put("credits", plan.knownCredits());
    json.put("usd", Views.usdJson(plan.knownUsd()));
    json.put("files", List.of());
    json.put("lines", plan.lines().size());
    json.put("invalid", plan.invalid().size());
    json.put("unknown_prices", plan.unknownPrices());
    List<Map<String, Object>> violations = new ArrayList<>();
    for (BatchLine line : plan.invalid()) {
      for (Violation violation : line.errors()) {
        Map<String, Object> v = new LinkedHashMap<>(Views.violationJson(violation));
        v.put("line", line.number());
        v.put("message", prefixed(line, violation));
        violations.add(v);
      }
    }
    json.put("violations", violations);
    return json;
  }

  private static Map<String, Object> error(String kind, String code, String message, String next, int exit) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("kind", kind);
    error.put("code", code);
    error.put("message", message);
    error.put("http_status", null);
    error.put("request_id", null);
    error.put("retry_after_seconds", null); // the keys of every command's error, in the same order
    error.put("next", next);
    error.put("exit_code", exit);
    return error;
  }

  private static String prefixed(BatchLine line, Violation violation) {
    String message = CommandLineWords.of(violation.message()); // the command line's switches, not the Java method
    return message.startsWith("line ") ? message : "line " + line.number() + ": " + message;
  }

  private static String subtotal(List<PlannedJob> jobs) {
    long unknown = jobs.stream().filter(job -> !job.quote().isKnown()).count();
    BigDecimal credits = jobs.stream().map(PlannedJob::quote).filter(PriceQuote::isKnown)
        .map(PriceQuote::credits).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal usd = jobs.stream().map(PlannedJob::quote).filter(PriceQuote::isKnown)
        .map(PriceQuote::usd).reduce(BigDecimal.ZERO, BigDecimal::add);
    String known = Views.credits(credits) + " (" + Views.usd(usd) + ")";
    return unknown == 0 ? known : unknown == jobs.size() ? "price unknown" : known + " + " + unknown + " of unknown price";
  }

  private static String total(BatchPlan plan) {
    String known = Views.credits(plan.knownCredits()) + " (" + Views.usd(plan.knownUsd()) + ")";
    // Never "0 credits" for jobs that all have no known price: that would read as free.
    return plan.unknownPrices() == 0 ? known : plan.unknownPrices() == plan.jobs().size() ? "price unknown"
        : known + " + " + plan.unknownPrices() + " of unknown price";
  }

  /**
   * The way out of a run that ended with unknown jobs: a task found on the dashboard is adopted; {@code
   * --resubmit-unknown} is advised only for the jobs it would send again, not those it keeps because their video file
   * exists (their task was found, so it is adopted too).
   */
  static String unknownNext(BatchReport report) {
    List<String> kept = report.entries().stream().filter(e -> e.state() == State.UNKNOWN
        && PlannedJob.VIDEO_EXISTS.equals(e.reasonCode())).map(e -> SafeText.clip(SafeText.clean(e.key()), 40))
        .toList();
    int sendable = report.count(State.UNKNOWN) - kept.size();
    String adopt = "check the provider's dashboard: a task found there is taken in with --adopt JOB_ID=TASK_ID,"
        + " sending nothing";
    String keptWords = kept.isEmpty() ? "" : Plural.word(kept.size(), "job ", "jobs ") + String.join(", ",
        kept.stream().limit(5).toList()) + (kept.size() > 5 ? " and " + (kept.size() - 5) + " more" : "")
        + Plural.word(kept.size(), " has its", " have their") + " video file already, so "
        + Plural.word(kept.size(), "its task was found: adopt it (the task id its", "their tasks were found: adopt"
        + " them (the task ids their") + " vidgen wait was given), as --resubmit-unknown does not send "
        + Plural.word(kept.size(), "it", "them") + " again";
    if (sendable == 0) {
      return adopt + "; " + keptWords;
    }
    return adopt + "; to send " + Plural.word(sendable, "it", "them") + " again (perhaps paying twice) add"
        + " --resubmit-unknown" + (kept.isEmpty() ? "" : " (" + keptWords + ")");
  }
}
