package dev.vidgen.cli;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.FollowOn;
import dev.vidgen.core.domain.FollowOnKind;
import dev.vidgen.core.domain.TaskSnapshot;
import java.nio.file.Path;
import dev.vidgen.core.domain.VideoJob;
import java.util.ArrayList;
import java.util.List;
import dev.vidgen.core.port.RequestPreview;
import dev.vidgen.core.pricing.PriceQuote;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vidgen extend TASK} and {@code vidgen remix TASK}: a follow-on job that starts from an
 * earlier task (its id or its {@code vg1.} handle), checked against the route's follow-on rules,
 * quoted, sent, waited for and saved like any job.
 */
abstract class FollowOnCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "TASK", description = "The earlier task: its id, or the vg1. handle vidgen printed.")
  String task;

  @Option(names = "--prompt", paramLabel = "TEXT", description = "What the new video should do.")
  String prompt;

  @Option(names = "--prompt-file", paramLabel = "FILE", description = "Read the prompt from this UTF-8 text file.")
  Path promptFile;

  @Option(names = "--model", paramLabel = "ID",
      description = "The model of the earlier task (a vg1. handle carries it; for a bare id this machine's history does"
          + " not know, the task's free status read gives it when left out, and a dry run needs it).")
  String model;

  @Option(names = "--size", paramLabel = "SIZE", description = "The size (aspect ratio) the model takes, such as 16:9.")
  String size;

  @Option(names = "--max-credits", paramLabel = "N",
      description = "Refuse (exit 8, nothing sent) when the follow-on costs more credits than this.")
  java.math.BigDecimal maxCredits;

  @Option(names = "--dry-run",
      description = "Check and price the follow-on, print the exact request it would send; send nothing.")
  boolean dryRun;

  @Option(names = "--again",
      description = "Pay for another take without asking, even when this machine sent the same follow-on of the same"
          + " task in the last 24 hours (without it, a terminal is asked and a script is refused with exit 1).")
  boolean again;

  @Mixin AfterSubmit after;

  abstract FollowOnKind kind();

  /**
   * Refuses a local video file given in place of the task (an extend takes the provider's task, not a file): sent,
   * its path would go out as a task id in a paid create. The task whose video the history saved there is named.
   */
  private void refuseLocalFile(CliContext context, String from) {
    java.nio.file.Path file;
    try {
      file = context.resolve(java.nio.file.Path.of(from.strip()));
    } catch (java.nio.file.InvalidPathException notAPath) {
      return;
    }
    if (!java.nio.file.Files.isRegularFile(file)) {
      return;
    }
    java.util.List<dev.vidgen.serve.history.HistoryEntry> known;
    try {
      known = HistoryRecord.history(context).map(history -> history.entries()).orElse(java.util.List.of());
    } catch (RuntimeException unreadable) {
      known = java.util.List.of(); // nothing known: refused as a file below
    }
    if (known.stream().anyMatch(entry -> entry.taskId().equals(from.strip()))) {
      return; // a task id the history knows, beside a file of the same name (a video saved without its extension)
    }
    java.util.Optional<String> saved = known.stream().filter(entry -> file.toString().equals(entry.file()))
        .map(entry -> entry.taskId()).findFirst();
    throw CliException.usage(kind().id() + " takes the earlier task's id or handle, and " + from.strip() + " is a"
            + " local file (" + file + "); nothing was sent", saved.map(task -> "its video is task " + task
            + "'s, as the task history says: vidgen " + kind().id() + " " + task + " …")
        .orElse("give the id of the task that made it (vidgen history lists them)"));
  }

  /**
   * Refuses, before anything is priced or sent, a source that cannot be one: text that names no task, a
   * {@code --model} other than the model the history or the handle knows the task by (the provider refuses
   * a follow-on on another model), a task this machine's history knows failed. Returns the task's handle.
   */
  private JobHandle checkSource(Session session, VidgenClient client, String from, TaskCommand.Earlier earlier) {
    JobHandle source;
    try {
      source = client.resume(from);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage(), "give the task id or the handle exactly as vidgen printed it");
    }
    String known = source.model();
    // --model is found as a job's model is: the id or an alias, in any case.
    if (model != null && !JobHandle.UNKNOWN_MODEL.equals(known) && !known.equals(routeIdOf(client, model))) {
      throw CliException.usage("task " + source.taskId() + " is a " + known + " task ("
              + (earlier.known().isPresent() ? "this machine's task history" : "its handle") + " says so), and --model "
              + model.strip() + " names another: " + an(kind().id()) + " goes to the model of the task it starts from",
          "leave out --model");
    }
    // Only a failure on this server counts: another server's task of the same id is another task.
    boolean failedHere = earlier.known().filter(entry -> "failed".equals(entry.status()))
        .filter(entry -> RecordedServer.elsewhere(session, entry, client.provider().id()).isEmpty()).isPresent();
    if (failedHere) {
      throw CliException.usage("task " + source.taskId() + " failed (this machine's task history says so): "
          + an(kind().id()) + " starts from a finished video", "start from a completed task (vidgen history lists them)");
    }
    return source;
  }

  /** The catalog id of route name {@code given} (an alias or another case), or {@code given} when no route has it. */
  private static String routeIdOf(VidgenClient client, String given) {
    return client.catalog().find(given.strip()).map(dev.vidgen.core.domain.ModelRoute::id).orElse(given.strip());
  }

  /** "an extend", "a remix". */
  private static String an(String word) {
    return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
  }

  @Override
  int run(Session session, Output output) {
    KeyInTaskArgument.refuse(session.context(), "TASK", task);
    dev.vidgen.core.pricing.Budget budget = GenerateCommand.budgetOf(maxCredits);
    session.budget(budget);
    session.dryRunOf(kind().id());
    session.followOn(kind());
    after.refuseTimeoutWithoutWait();
    if (dryRun) {
      // A place the real run refuses fails the dry run too; an --out holding this follow-on's video, as the same job.
      after.checkAsTheRealRun(session, null, again, file -> refuseWhenSavedAt(session, budget, file, output));
      session.freeBalanceReads(); // the dry run's balance look, as generate's
    } else {
      try {
        after.beforeSubmit(session);
      } catch (CliException refused) {
        // A fixed --out that holds this very follow-on's video, saved by an earlier run: the same job, not a file in
        // the way (as generate tells it).
        java.util.Optional<Path> existing = again || !refused.kind().equals("output") ? java.util.Optional.empty()
            : after.existingOutFile(session);
        existing.ifPresent(file -> refuseWhenSavedAt(session, budget, file, output));
        throw refused;
      }
    }
    FollowOn followOn = followOn(session);
    refuseLocalFile(session.context(), task);
    FollowOnTaskArgument.refuseLink(session, kind(), task, sameOptions(session));
    TaskCommand.Earlier earlier = TaskCommand.Earlier.read(session, task, output);
    FollowOnTaskArgument.refuseNote(session, kind(), earlier, sameOptions(session));
    VidgenClient client = earlier.client(session);
    // A history name the history does not hold is read as the task id it was given as, never as its client reference.
    String from = earlier.unlistedName() != null ? earlier.unlistedName() : earlier.resumeFrom(client);
    JobHandle start = checkSource(session, client, from, earlier);
    // A bare id that neither the history nor --model gives a model to: the source's free status read says which model
    // made it, and the follow-on goes to that model (refused below if it takes none). A dry run reads nothing.
    boolean readFirst = !dryRun && model == null && JobHandle.UNKNOWN_MODEL.equals(start.model());
    Optional<TaskSnapshot> read = Optional.empty();
    if (readFirst) {
      read = FollowOnSource.read(session, client, kind(), start, earlier.known(), output);
      Optional<String> made = read.flatMap(snapshot -> FollowOnSource.modelOf(client, snapshot));
      if (made.isPresent()) {
        followOn = followOn.withModel(made.get());
      }
    }
    // Checked and priced first (nothing sent): the price and the model are what the history keeps of an unanswered create.
    FollowOn asked = followOn;
    PriceQuote quote = FollowOnUnavailable.reworded(kind(), sourceTaskId(from),
        () -> client.quoteFollowOn(kind(), from, asked));
    // A video larger than this process may write is paid for and not saved: said before anything is sent, and by the
    // dry run as the real run would say it.
    FileSizeWarning.tell(session);
    if (dryRun) {
      // As the submit checks it before paying: the key's live list (a model it lacks is refused here as there) and
      // the warnings the follow-on draws (a retired route the list still offers, a retirement to come).
      dev.vidgen.core.validation.ValidationReport checked = FollowOnUnavailable.reworded(kind(), sourceTaskId(from),
          () -> client.checkFollowOn(kind(), from, asked));
      RequestPreview preview;
      try {
        preview = client.previewFollowOn(kind(), from, followOn);
      } catch (UnsupportedOperationException e) {
        preview = null; // a provider that cannot show the request: the check and the price still stand
      }
      return dryRun(client, quote, budget, preview, checked.warnings(), session, output);
    }
    // What refuses without reading the source comes first (the key's live model list, kept for the submit's own
    // check), then one free status read of a source the history does not know finished, before anything is paid.
    FollowOnUnavailable.reworded(kind(), sourceTaskId(from), () -> client.checkFollowOn(kind(), from, asked));
    // The budget refuses without the network too (an unknown price under --max-credits): before the source's read.
    GenerateCommand.requireWithin(budget, quote, root.allowUnknownPrices);
    if (!readFirst) {
      read = FollowOnSource.read(session, client, kind(), start, earlier.known(), output);
    }
    if (read.isPresent()) {
      if (model != null) {
        // The model the provider says made the task counts as the handle's or the history's does.
        FollowOnSource.refuseOtherModel(client, kind(), start, model, read.get());
      }
      FollowOnSource.check(session, kind(), start, read.get(), output);
    }
    VideoJob asRecorded = recorded(quote, followOn);
    String source = source(from);
    RepeatCheck.Verdict same = RepeatCheck.checkFollowOn(session, client, asRecorded, source, quote, again, output);
    if (!same.goOn()) {
      return ExitCodes.OTHER;
    }
    UnansweredCreate unanswered = new UnansweredCreate(session, client, asRecorded, () -> quote, false,
        "vg-" + UUID.randomUUID(), source, output);
    if (same.recheck() != null) {
      unanswered.reserve(same.recheck());
    }
    FollowOn sending = followOn;
    CompletableFuture<JobHandle> submitted = unanswered.start(
        () -> client.followOnAsync(kind(), from, sending, unanswered.stopSending()));
    return unanswered.follow(submitted, after.timeout, handle -> {
      HistoryRecord history = HistoryRecord.start(session, handle, asRecorded.withModel(handle.model()), source,
          unanswered.openNote(), output);
      if (history.recorded()) {
        unanswered.answered(handle); // else the note stays: the task's own line is missing, and it is the only trace
      }
      return after.finish(session, client, handle, history, kind().id() + " of " + task + ": ", output);
    });
  }

  /** The follow-on this command asks for: its prompt, and the model and size when given. */
  private FollowOn followOn(Session session) {
    FollowOn followOn = FollowOn.prompt(PromptSource.read(prompt, promptFile, session.context()));
    if (model != null) {
      followOn = followOn.withModel(model.strip());
    }
    if (size != null) {
      followOn = followOn.withSize(size.strip());
    }
    return followOn;
  }

  /** The options a command naming another TASK repeats: the prompt, the size, and what reaches the same server. */
  private List<String> again(Session session) {
    List<String> words = new ArrayList<>();
    if (promptFile != null) {
      words.addAll(List.of("--prompt-file", promptFile.toString()));
    } else if (prompt != null) {
      words.addAll(List.of("--prompt", prompt));
    }
    if (size != null) {
      words.addAll(List.of("--size", size.strip()));
    }
    words.addAll(session.setupOptions());
    return words;
  }

  /**
   * Every option the user gave this follow-on, for the same command on another TASK (a refusal's {@code next_command}
   * that a script runs as it is): the job's, the budget's ({@code --max-credits}, {@code --allow-unknown-prices}), where
   * the video goes and how long to wait, besides the server's; dropping one would pay or save in another way.
   */
  private List<String> sameOptions(Session session) {
    List<String> words = again(session);
    if (model != null) {
      words.addAll(List.of("--model", model.strip()));
    }
    if (maxCredits != null) {
      words.addAll(List.of("--max-credits", maxCredits.toPlainString()));
    }
    if (root.allowUnknownPrices) {
      words.add("--allow-unknown-prices");
    }
    if (after.out != null) {
      words.addAll(List.of("--out", after.out.forCommands(session.context())));
    }
    if (after.force) {
      words.add("--force");
    }
    if (after.noWait) {
      words.add("--no-wait");
    }
    if (after.timeout != null) {
      long millis = after.timeout.toMillis();
      words.addAll(List.of("--timeout", millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms"));
    }
    if (dryRun) {
      words.add("--dry-run");
    }
    if (again) {
      words.add("--again");
    }
    return words;
  }

  /** The job the history records {@code followOn} as, priced at {@code quote}. */
  private static VideoJob recorded(PriceQuote quote, FollowOn followOn) {
    return VideoJob.builder(quote.model()).prompt(followOn.prompt()).aspectRatio(followOn.size()).build();
  }

  /** Recorded under the task it starts from ({@code extend of video_1}), so that the same follow-on is known again. */
  private String source(String from) {
    return kind().id() + " of " + sourceTaskId(from);
  }

  /**
   * Refuses as the same job (exit 1, nothing sent) a follow-on whose fixed {@code --out} {@code file} holds its video
   * already, saved there by an earlier run ({@link RepeatCheck#refuseFollowOnWhenSavedAt}). Returns when it does not,
   * when the follow-on would not be paid (over {@code budget}) and when it cannot be told: the file is then refused
   * as any file in the way.
   */
  private void refuseWhenSavedAt(Session session, dev.vidgen.core.pricing.Budget budget, Path file, Output output) {
    VidgenClient client;
    VideoJob asRecorded;
    String source;
    PriceQuote quote;
    try {
      FollowOn followOn = followOn(session);
      TaskCommand.Earlier earlier = TaskCommand.Earlier.read(session, task, output);
      client = earlier.client(session);
      String from = earlier.resumeFrom(client);
      quote = client.quoteFollowOn(kind(), from, followOn);
      if (!budget.allows(quote) && !(root.allowUnknownPrices && !quote.isKnown())) {
        return;
      }
      asRecorded = recorded(quote, followOn);
      source = source(from);
    } catch (RuntimeException unchecked) {
      return;
    }
    RepeatCheck.refuseFollowOnWhenSavedAt(session, client, asRecorded, source, quote, file);
  }

  /** The id of the task a follow-on starts from: a handle's task, or the bare id given. */
  private static String sourceTaskId(String from) {
    try {
      return JobHandle.decode(from).taskId().value();
    } catch (RuntimeException bareId) {
      return from;
    }
  }

  private int dryRun(VidgenClient client, PriceQuote quote, dev.vidgen.core.pricing.Budget budget,
      RequestPreview preview, java.util.List<dev.vidgen.core.validation.Violation> warnings, Session session,
      Output output) {
    RequestView request = preview == null ? null : new RequestView(preview, session.apiKey(), session::withoutKey);
    GenerateCommand.requireWithin(budget, quote, root.allowUnknownPrices);
    boolean balanceRead = DryRunFunds.require(session, client, quote, output);
    java.util.Map<String, Object> json = new java.util.LinkedHashMap<>();
    json.put("dry_run", true);
    json.put("task_id", null);
    json.put("status", null);
    json.put("kind", kind().id());
    json.put("source", task);
    json.put("model", quote.model());
    json.putAll(Views.quoteJson(quote));
    json.put("request", request == null ? null : request.json());
    warnings.forEach(warning -> output.note(Views.violationLine(warning)));
    json.put("violations", Views.violationsJson(warnings));
    json.put("warnings", GenerateCommand.allWarnings(session, warnings));
    json.put("live_list_checked", GenerateCommand.liveListChecked(session));
    json.put("file", after.dryRunFile(session));
    output.object(json);
    output.line(DryRunReads.line(session.checksKeysModelList(), balanceRead));
    java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
    fields.put(kind().id() + " of", task);
    fields.put("model", quote.model());
    fields.put("price", Views.priceField(quote));
    fields.put("file", after.dryRunFileLine(session)); // where the real run would save the video
    output.fields(fields);
    if (request != null) {
      request.print(output);
    }
    return ExitCodes.DONE;
  }

  @Override
  boolean writesVideoToStdout() {
    return after.videoToStdout() && !dryRun;
  }

  /** {@code vidgen extend TASK}. */
  @Command(name = "extend", sortOptions = false,
      description = "Extend an earlier task's video (models that take it: vidgen models; grok-video-1.0 today).")
  static final class Extend extends FollowOnCommand {
    @Override
    FollowOnKind kind() {
      return FollowOnKind.EXTEND;
    }
  }

  /** {@code vidgen remix TASK}. */
  @Command(name = "remix", sortOptions = false,
      description = "Remix an earlier task's video with a new prompt (grok-video-1.0; Sora routes are retired).")
  static final class Remix extends FollowOnCommand {
    @Override
    FollowOnKind kind() {
      return FollowOnKind.REMIX;
    }
  }
}
