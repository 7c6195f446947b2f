package dev.vidgen.cli;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.concurrent.AsyncFailures;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.BudgetExceededException;
import dev.vidgen.core.pricing.Budget;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.validation.ValidationReport;
import dev.vidgen.core.validation.Violation;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vidgen generate JOB}: validate, quote, check the budget, submit, wait and download. The
 * task id is printed as soon as the provider gives one, so it is never lost.
 */
@Command(name = "generate", sortOptions = false,
    description = "Make a video: validate, quote, submit, wait for it and download it.")
final class GenerateCommand extends ClientCommand {
  @Mixin JobOptions job;

  @Mixin AfterSubmit after;

  @Option(names = "--max-credits", paramLabel = "N",
      description = "Refuse (exit 8, nothing sent) when the job costs more credits than this.")
  BigDecimal maxCredits;

  @Option(names = "--again",
      description = "Pay for another take without asking, even when this machine submitted the same job in the last"
          + " 24 hours (without it, a terminal is asked and a script is refused with exit 1).")
  boolean again;

  @Option(names = "--dry-run",
      description = "Validate, quote and print the exact request the provider would receive; send nothing.")
  boolean dryRun;

  @Override
  int run(Session session, Output output) {
    after.refuseTimeoutWithoutWait();
    VideoJob videoJob = job.toJob(session.context());
    Budget budget = budget();
    session.budget(budget);
    if (dryRun) {
      // A place the real run refuses fails the dry run too; an --out holding this job's video, as the same job.
      VideoJob checked = videoJob;
      after.checkAsTheRealRun(session, videoJob, again, file -> RepeatCheck.refuseWhenSavedAt(session,
          session::offlineClient, checked, budget, root.allowUnknownPrices, file));
      FileSizeWarning.tell(session); // what the real run would warn of before its create
      session.freeBalanceReads(); // the dry run's balance look: free, and a failure only said
      VidgenClient client = session.offlineClient();
      LiveRetiredCheck.requireValid(session, client, videoJob, output);
      if (session.usesStandInKey()) {
        output.note("no " + session.keyVariable() + " is set; " + (onToApis(session)
            ? "the Authorization header shows where it would go"
            : "the request shows " + RequestView.absent(session.keyVariable()) + " where it would carry the key"));
      }
      if (videoJob.model() != null) {
        videoJob = videoJob.withModel(nameToSend(session, client, videoJob));
      }
      return dryRun(client, videoJob, budget, root.allowUnknownPrices, again, after, session, output);
    }
    try {
      after.beforeSubmit(session, videoJob);
    } catch (CliException refused) {
      // A fixed --out that holds this very job's video, saved by an earlier run: the same job, not a file in the way.
      Optional<java.nio.file.Path> existing = again || !refused.kind().equals("output") ? Optional.empty()
          : after.existingOutFile(session);
      VideoJob asked = videoJob;
      existing.ifPresent(file -> RepeatCheck.refuseWhenSavedAt(session, session::onlineClient, asked, budget,
          root.allowUnknownPrices, file));
      throw refused;
    }
    // A video larger than this process may write is paid for and not saved: said before the create, where it is known.
    FileSizeWarning.tell(session);
    VidgenClient client = session.onlineClient();
    RepeatCheck.Verdict same = RepeatCheck.check(session, client, videoJob, budget, root.allowUnknownPrices, again,
        output);
    if (!same.goOn()) {
      return ExitCodes.OTHER;
    }
    // An earlier take whose create got no answer may still be listed late as a paid task: counted, as its own run did,
    // and this run's own resends are held to what it leaves (the client sending the create has that budget).
    Budget left = EarlierUnknownTakes.requireWithin(session, client, videoJob, budget, false, output);
    VidgenClient sending = left.equals(budget) ? client : session.lowerBudget(left);
    VideoJob sent = videoJob;
    UnansweredCreate unanswered = new UnansweredCreate(session, sending, sent, "vg-" + UUID.randomUUID(), output);
    if (same.recheck() != null) {
      unanswered.reserve(same.recheck());
    }
    CompletableFuture<JobHandle> submitted = unanswered.start(
        () -> sending.submitAsync(sent, unanswered.reference(), unanswered.stopSending()));
    return unanswered.follow(submitted, after.timeout, handle -> {
      HistoryRecord history = HistoryRecord.start(session, handle, sent, "generate", unanswered.openNote(), output);
      if (history.recorded()) {
        unanswered.answered(handle); // else the note stays: the task's own line is missing, and it is the only trace
      }
      return after.finish(session, sending, handle, history, "", output);
    });
  }



  /**
   * The model name the create would send, shown in the dry run's header and body. With a key (and the model
   * check on) the key's live list is read as before a create, so a model the key may not use is refused here as
   * {@code generate} refuses it (naming only listed models that can take the job); without a key nothing is read and
   * the route's spelling of the name is shown.
   */
  private static String nameToSend(Session session, VidgenClient client, VideoJob job) {
    String model = job.model();
    if (session.usesStandInKey()) {
      return client.catalog().find(model).map(route -> route.nameFor(model)).orElse(model);
    }
    if (session.checksModels()) {
      try {
        client.checkModelAvailableAsync(job).join();
      } catch (CompletionException e) {
        Throwable cause = AsyncFailures.unwrap(e);
        throw cause instanceof RuntimeException refused ? refused : e;
      }
    }
    return client.modelNameToSend(model);
  }

  /**
   * Whether the provider is ToAPIs, whose stand-in key goes in the Authorization header; another provider's may go
   * anywhere, and is shown as absent wherever it stands.
   */
  private static boolean onToApis(Session session) {
    return session.choice().map(ProviderChoice::isToApis).orElse(true);
  }

  @Override
  boolean writesVideoToStdout() {
    return after.videoToStdout() && !dryRun;
  }

  private Budget budget() {
    return budgetOf(maxCredits);
  }

  /** The budget {@code --max-credits} gives: unlimited without it. */
  static Budget budgetOf(BigDecimal maxCredits) {
    if (maxCredits == null) {
      return Budget.unlimited();
    }
    if (maxCredits.signum() < 0) {
      throw CliException.usage("--max-credits " + maxCredits.toPlainString() + " is negative",
          "give the most credits the job may cost, such as --max-credits 30");
    }
    return Budget.ofCredits(maxCredits);
  }

  /**
   * Refuses {@code quote} as the real run's budget check would: an unknown price passes a limited
   * budget only with {@code --allow-unknown-prices}, so a dry run and the run it previews agree.
   */
  static void requireWithin(Budget budget, PriceQuote quote, boolean allowUnknownPrices) {
    if (allowUnknownPrices && !quote.isKnown()) {
      return;
    }
    if (!budget.allows(quote)) {
      // The budget of --max-credits as given: nothing of it was spent yet.
      throw new BudgetExceededException(quote, budget.remaining().orElse(BigDecimal.ZERO), true);
    }
  }

  /**
   * Every warning of a dry run in one list, as a real run's JSON has them: what the client warned of on the way (a
   * name the key lists in another spelling, a list not read) and the job's own (a retired model the key still lists).
   */
  static List<Map<String, String>> allWarnings(Session session, List<Violation> own) {
    List<Map<String, String>> told = new java.util.ArrayList<>(session.warnings());
    for (Violation warning : own) {
      Map<String, String> entry = Map.of("code", warning.code(),
          "message", dev.vidgen.core.text.SafeText.mask(warning.message()));
      if (!told.contains(entry)) {
        told.add(entry);
      }
    }
    return told;
  }

  /**
   * Whether a dry run's model was checked against the key's live list: a key was set, the check was on, the
   * provider is not the mock, and the list could be read (else a {@code live_models.unreadable} warning says so).
   */
  static boolean liveListChecked(Session session) {
    return session.checksKeysModelList()
        && session.warnings().stream().noneMatch(warning -> "live_models.unreadable".equals(warning.get("code")));
  }

  private static int dryRun(VidgenClient client, VideoJob videoJob, Budget budget, boolean allowUnknownPrices,
      boolean again, AfterSubmit after, Session session, Output output) {
    RequestView request = new RequestView(client.preview(videoJob), session.apiKey(),
        session.usesStandInKey() ? session.keyVariable() : null, onToApis(session) ? null : session.standIn(),
        session::withoutKey);
    PriceQuote quote = client.quote(videoJob);
    requireWithin(budget, quote, allowUnknownPrices);
    // What the real run does next: the same job refused (exit 1), and earlier takes of unknown outcome counted.
    RepeatCheck.checkAsTheRealRun(session, client, videoJob, budget, allowUnknownPrices, again, output);
    EarlierUnknownTakes.requireWithin(session, client, videoJob, budget, true, output);
    boolean balanceRead = DryRunFunds.require(session, client, quote, output);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("dry_run", true);
    json.put("task_id", null);
    json.put("status", null);
    json.put("model", videoJob.model()); // as sent, which may be another name of the route
    ValidationReport report = client.validate(videoJob);
    json.put("mode", Views.modeId(report));
    json.putAll(Views.quoteJson(quote));
    json.put("request", request.json());
    List<Violation> warnings = report.warnings();
    warnings.forEach(warning -> output.note(Views.violationLine(warning)));
    json.put("violations", Views.violationsJson(warnings));
    json.put("warnings", allWarnings(session, warnings));
    json.put("live_list_checked", liveListChecked(session));
    json.put("file", after.dryRunFile(session));
    output.object(json);
    output.line(DryRunReads.line(session.checksKeysModelList(), balanceRead));
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("model", videoJob.model());
    Views.modeField(videoJob, report, client.catalog()).ifPresent(mode -> fields.put("mode", mode));
    fields.put("price", Views.priceField(quote));
    if (quote.isKnown()) {
      // How the price was found, as quote says it: a route file's patched price names the built-in one it replaces.
      fields.put("basis", quote.basis());
    }
    fields.put("file", after.dryRunFileLine(session)); // where the real run would save the video
    output.fields(fields);
    request.print(output);
    return ExitCodes.DONE;
  }
}
