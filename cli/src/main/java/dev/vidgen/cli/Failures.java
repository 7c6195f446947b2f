package dev.vidgen.cli;

import dev.vidgen.core.client.FailureCases;
import dev.vidgen.core.concurrent.AsyncFailures;
import dev.vidgen.core.policy.FailureTable;
import dev.vidgen.core.client.DeadlineExceededException;
import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.ProviderFaultException;
import dev.vidgen.core.client.TaskFailedException;
import dev.vidgen.core.domain.TaskFailure;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.error.AmbiguousSubmitException;
import dev.vidgen.core.error.AuthenticationException;
import dev.vidgen.core.error.BudgetExceededException;
import dev.vidgen.core.error.ContentPolicyException;
import dev.vidgen.core.error.FailedUpload;
import dev.vidgen.core.error.InsufficientQuotaException;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.error.ProviderConfigurationException;
import dev.vidgen.core.error.ProviderErrorDetails;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.error.ProviderSelectionException;
import dev.vidgen.core.error.RateLimitedException;
import dev.vidgen.core.error.RequestRejectedException;
import dev.vidgen.core.error.ResultExpiredException;
import dev.vidgen.core.error.ResultUnavailableException;
import dev.vidgen.core.error.ResultUnusableException;
import dev.vidgen.core.error.TaskNotFoundException;
import dev.vidgen.core.error.VidgenException;
import dev.vidgen.core.text.SafeText;
import dev.vidgen.core.validation.Violation;
import dev.vidgen.core.validation.ViolationCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.ParameterException;

/**
 * Turns any failure into its exit code, one clear line for people (what went wrong, what to do
 * next) and, with {@code --json}, the {@code error} object.
 */
final class Failures {
  /** The advice for a server whose TLS certificate this Java does not trust, or that is made out for other hosts. */
  static final String TLS_FIX = "a certificate does not change on a retry: if a company proxy or gateway signs the"
      + " connections, trust its certificate authority with a Java trust store, given through VIDGEN_JAVA_OPTS or"
      + " JAVA_TOOL_OPTIONS (-Djavax.net.ssl.trustStore=FILE -Djavax.net.ssl.trustStorePassword=PASSWORD); if the"
      + " certificate is for other hosts, use the base URL of the host it is for";

  /**
   * After a video's link expired: no download can help, only a new task, which the expiry's message already says to
   * make. This adds how long the provider keeps results, and where the settings to make it with are: in the history
   * when it has the task, else (a bare id made elsewhere) the job's.
   */
  private static String expiredNext(JobHandle handle, Session session) {
    boolean known = handle != null && inHistory(handle, session) != null;
    return keptResults(session).resultsAreKept() + "; "
        + (known ? "vidgen history --json shows its settings"
            : "use the job's settings (vidgen history does not have this task; the provider's dashboard may show"
                + " them)");
  }

  /** How long the command's provider keeps results; no figure when no provider was chosen yet. */
  private static dev.vidgen.core.text.KeptResults keptResults(Session session) {
    return session == null ? dev.vidgen.core.text.KeptResults.unstated() : session.keptResults();
  }

  /** After a completed task named a video link vidgen will not fetch: waiting or downloading reads the same link. */
  static final String UNUSABLE_NEXT = "vidgen does not fetch such a link, and reading the task again gives the same"
      + " one; " + dev.vidgen.serve.history.UnusableResults.NEXT;

  /**
   * The {@code error.code} of a download whose file host kept answering an error (HTTP 500, 503, 429, …), sent no
   * answer or could not be reached, until the retries ran out: its own code, if it sent one, is not vidgen's to pass on.
   */
  private static final String DOWNLOAD_HOST_FAILED = "download_host_failed";

  /** The codes of a download's failure that vidgen gives itself, passed on as {@code error.code} as they are. */
  private static final Set<String> OWN_DOWNLOAD_CODES = Set.of(
      ProviderErrorDetails.DOWNLOAD_BROKE_OFF, ProviderErrorDetails.TLS_UNTRUSTED, ProviderErrorDetails.PROXY_FAILED,
      ProviderErrorDetails.PROXY_AUTHENTICATION);

  private Failures() {}

  /**
   * Reports {@code failure} and returns its exit code.
   *
   * @param session the command's session (for the job being worked on and the provider), or null
   */
  static int report(Throwable failure, Session session, Output output) {
    Throwable cause = AsyncFailures.unwrap(failure);
    if (cause instanceof OutOfMemoryError) {
      // Met on one of the run's threads and handed on as its failure: said as Main says one met on its own thread.
      cause = Main.outOfMemory(Runtime.getRuntime().maxMemory());
    }
    if ((cause instanceof java.util.concurrent.CancellationException || cause instanceof AmbiguousSubmitException)
        && ShutdownNotice.stopping()) {
      // Ended by the Ctrl-C notice's stop, which has said where things stand (and kept an unknown job): not said twice.
      return ExitCodes.INTERRUPTED;
    }
    SaveFailedException unsaved = cause instanceof SaveFailedException save ? save : null;
    if (unsaved != null) {
      cause = AsyncFailures.unwrap(unsaved.getCause());
    }
    JobHandle handle = handleOf(cause, session == null ? null : session.handle());
    int exitCode = exitCode(cause);
    // A key of any shape (an in-house one need not look like sk-…) is masked wherever it stands in full.
    String message = session == null ? messageOf(cause) : session.withoutKey(messageOf(cause));
    String next = unsaved == null ? next(cause, handle, session) : saveNext(cause, handle, session, unsaved);
    // An unanswered create's message already says what to check; people are not told twice.
    String shownNext = cause instanceof AmbiguousSubmitException ? null : next;
    if (cause instanceof InvalidJobException invalid) {
      for (Violation violation : invalid.report().violations()) {
        output.note(Views.violationLine(violation));
      }
      // A file changed after validation fails once its upload went out; its line says so and what to do, once.
      boolean uploaded = invalid.report().errors().stream().anyMatch(error -> error.code().equals(
          ViolationCodes.IMAGE_CHANGED) || error.code().equals(ViolationCodes.VIDEO_CHANGED));
      if (!uploaded) {
        // Its closing line links the docs, as the --json message does, for an error vidgen raises on its own.
        output.note("nothing was sent — " + next + " (see docs/errors.md#" + invalid.docsAnchor() + ")");
      }
    } else {
      output.note(message + (shownNext == null ? "" : " — " + shownNext));
    }
    boolean verbose = session != null && session.verbose();
    if (verbose && exitCode == ExitCodes.OTHER && !(cause instanceof CliException)) {
      StringWriter trace = new StringWriter();
      cause.printStackTrace(new PrintWriter(trace));
      trace.toString().lines().forEach(line -> output.err().println(SafeText.clean(line)));
      output.err().flush();
    }
    if (output.json()) {
      TaskSnapshot known = unsaved == null ? lastSnapshotOf(cause) : unsaved.snapshot();
      if (known == null && session != null) {
        known = session.lastSeen(handle); // such as the in_progress read just before a 401 ended the wait
      }
      // A task made and then failed (exit 6) or not saved (exit 5) tells the balance read before it, as a success does.
      Map<String, Object> json = json(cause, handle, known, message, next,
          session == null ? Optional.empty() : session.quoteSent(),
          session == null || handle == null ? Map.of() : session.balanceJson(handle));
      if (unsaved != null && !(cause instanceof ResultExpiredException || cause instanceof ResultUnusableException)) {
        json.put("download_command", unsaved.command());
      }
      // The command error.next names, alone, for scripts; a refusal that names one (same_job) gave it in its fields.
      if (json.get("next_command") == null) {
        json.put("next_command", nextCommand(cause, handle, session, unsaved, next));
      }
      if (cause instanceof AmbiguousSubmitException && session != null) {
        // The history's name for the create, which status --made-by and vidgen history take, for scripts.
        session.unansweredName().ifPresent(name -> json.put("unanswered", name));
      }
      if (session != null && !session.warnings().isEmpty()) {
        json.put("warnings", session.warnings()); // such as create.resent before a submit that ended ambiguous
      }
      output.object(json);
    }
    return exitCode;
  }

  /** Whether the command's provider is toapis (or none was chosen yet), whose facts the general advice may name. */
  private static boolean onToApis(Session session) {
    return session == null || session.choice().map(ProviderChoice::isToApis).orElse(true);
  }

  /** The task completed but its video was not saved: how to save it later. */
  private static String saveNext(Throwable cause, JobHandle handle, Session session, SaveFailedException unsaved) {
    if (cause instanceof ResultExpiredException) {
      return expiredNext(handle, session);
    }
    if (cause instanceof ResultUnusableException) {
      return UNUSABLE_NEXT;
    }
    if (cause instanceof ResultUnavailableException) {
      return "the task is done but its video link failed; " + setUpCommand("status", handle, session)
          + " shows a fresh link, then save the video with: " + unsaved.command();
    }
    if (cause instanceof dev.vidgen.core.error.DownloadFailedException refused && refused.servedSomethingElse()) {
      // The same command fails the same way until the link serves the video: not promised to save it.
      return "the task is done, but its video link served no such video; the link may serve it later: try again"
          + " with " + unsaved.command() + ", and if it still fails, get the video from the provider's dashboard "
          + keptResults(session).whileTheLinkLasts();
    }
    if (cause instanceof dev.vidgen.core.error.DownloadFailedException large && large.sizeLimit().isPresent()) {
      // The same command would be refused the same way: the advice raises the limit it names.
      return "the task is done, but its video is larger than this command saves; save it with a higher limit: "
          + raisedLimitCommand(large, unsaved);
    }
    if (cause instanceof dev.vidgen.core.error.DownloadFailedException refused && refused.whereToSave().isPresent()) {
      // The same command in the same shell fails the same way: what must change is said before it.
      return "the task is done, but saving it to the same place fails the same way; save its video "
          + refused.whereToSave().get() + ", with: " + unsaved.command() + " (its --out moved there if need be)";
    }
    if (cause instanceof dev.vidgen.core.error.DownloadFailedException untrusted && untrusted.providerFailure()
        .filter(failure -> ProviderErrorDetails.TLS_UNTRUSTED.equals(failure.details().code())).isPresent()) {
      // The same command meets the same certificate: trusting the video host comes first.
      return "the task is done, but this Java does not trust its video host's certificate (named above), so the same"
          + " download fails the same way until it does: trust that host's certificate authority with a Java trust"
          + " store given through VIDGEN_JAVA_OPTS or JAVA_TOOL_OPTIONS (-Djavax.net.ssl.trustStore=FILE"
          + " -Djavax.net.ssl.trustStorePassword=PASSWORD), then save its video with: " + unsaved.command();
    }
    return "the task is done; save its video with: " + unsaved.command();
  }

  /** {@code unsaved}'s download with the higher video size limit that {@code large} needs. */
  private static String raisedLimitCommand(dev.vidgen.core.error.DownloadFailedException large,
      SaveFailedException unsaved) {
    String raised = VideoSizeSetting.raisedFor(large).orElseThrow();
    return unsaved.command().replaceFirst("^vidgen download ", "vidgen download --set " + raised + " ");
  }

  /**
   * The command that {@code next} names, alone and as it runs ({@code next_command}): the download that saves a
   * completed task's video, the wait that goes on with a paid task, or the look-up of a create that got no answer by
   * its client reference; null when {@code next} names none that runs as it is (nothing to follow, a placeholder such
   * as {@code TASK_ID}, a setting or a folder to change first).
   */
  private static String nextCommand(Throwable cause, JobHandle handle, Session session, SaveFailedException unsaved,
      String next) {
    if (next == null || cause instanceof CliException) {
      return null;
    }
    if (unsaved != null) {
      if (cause instanceof dev.vidgen.core.error.DownloadFailedException large && large.sizeLimit().isPresent()) {
        return raisedLimitCommand(large, unsaved);
      }
      boolean movedFirst = cause instanceof dev.vidgen.core.error.DownloadFailedException refused
          && refused.whereToSave().isPresent();
      return !movedFirst && next.contains(unsaved.command()) ? unsaved.command() : null;
    }
    if (cause instanceof AmbiguousSubmitException && session != null) {
      return session.unansweredName().filter(dev.vidgen.serve.history.HistoryEntry::carriesReference)
          .flatMap(name -> session.choice().map(choice -> taskCommand("status", name, choice.id(), session,
              session.setupOptions().toArray(String[]::new))))
          .filter(next::contains).orElse(null);
    }
    String resume = handle == null ? null : resumeCommand(handle, session);
    return resume != null && next.endsWith(resume) ? resume : null;
  }

  /** The exit code for {@code failure}, as documented in docs/cli.md: core's {@link FailureTable} decides. */
  static int exitCode(Throwable failure) {
    Throwable cause = AsyncFailures.unwrap(failure);
    if (cause instanceof SaveFailedException unsaved) {
      cause = AsyncFailures.unwrap(unsaved.getCause());
    }
    if (cause instanceof CliException cli) {
      return cli.exitCode();
    }
    if (cause instanceof ParameterException) {
      return ExitCodes.INVALID_JOB;
    }
    return FailureCases.rowOf(cause).exitCode();
  }

  /**
   * A provider without the capability asked for, in its own words. A JDK refusal without words (a
   * write to an unmodifiable list, say) is a fault of vidgen's and stays {@code internal}.
   */
  private static boolean isUnsupported(Throwable cause) {
    return cause instanceof UnsupportedOperationException && cause.getMessage() != null
        && !cause.getMessage().isBlank();
  }

  /** The stable kind in {@code error.kind}, such as {@code rate_limited}. */
  static String kind(Throwable cause) {
    if (cause instanceof CliException cli) {
      return cli.kind();
    }
    if (cause instanceof ParameterException) {
      return "usage";
    }
    if (cause instanceof VidgenException vidgen) {
      return vidgen.docsAnchor().replace('-', '_');
    }
    if (isUnsupported(cause)) {
      return "unsupported";
    }
    return "internal";
  }

  private static Map<String, Object> json(Throwable cause, JobHandle handle, TaskSnapshot snapshot, String message,
      String next, Optional<dev.vidgen.core.pricing.PriceQuote> quoteSent, Map<String, Object> balance) {
    Map<String, Object> json = new LinkedHashMap<>();
    if (handle != null) {
      json.putAll(Views.taskJson(handle, snapshot));
      json.putAll(balance);
    } else if (cause instanceof BudgetExceededException over) {
      // What the refused job would have cost, so that a script can tell how far over it is.
      json.put("model", over.quote().model());
      json.putAll(Views.quoteJson(over.quote()));
    } else if (cause instanceof InsufficientQuotaException funds && funds.refusedQuote().isPresent()) {
      // Refused before sending, over what the key or the account has left: the price refused, as for --max-credits.
      json.put("model", funds.refusedQuote().get().model());
      json.putAll(Views.quoteJson(funds.refusedQuote().get()));
    } else if (cause instanceof InsufficientQuotaException && quoteSent.isPresent()) {
      // The provider's own 402 to the create: the price of the job it refused, as this command told it.
      json.put("model", quoteSent.get().model());
      json.putAll(Views.quoteJson(quoteSent.get()));
    }
    if (cause instanceof CliException cli) {
      json.putAll(cli.fields());
    }
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("kind", kind(cause));
    error.put("code", codeOf(cause));
    error.put("message", message);
    // A download whose retries ran out, or whose link answered gone, tells the status the file host answered.
    ProviderException provider = cause instanceof ProviderException p ? p
        : cause instanceof dev.vidgen.core.error.DownloadFailedException unsaved
            ? unsaved.providerFailure().orElse(null)
        : cause instanceof ResultUnavailableException gone && gone.getCause() instanceof ProviderException link ? link
        : null;
    error.put("http_status", provider == null || provider.httpStatus() == 0 ? null : provider.httpStatus());
    error.put("request_id", provider == null ? null : provider.requestId().orElse(null));
    // Only for a failure that passes by itself: a refusal (400, 422) that came with a Retry-After is not one to retry.
    error.put("retry_after_seconds", !(provider instanceof dev.vidgen.core.error.RetriableProviderException) ? null
        : provider.retryAfter().map(d -> d.toSeconds()).orElse(null));
    error.put("next", next);
    error.put("exit_code", exitCode(cause));
    json.put("error", error);
    if (cause instanceof InvalidJobException invalid) {
      json.put("violations", Views.violationsJson(invalid.report().violations()));
    }
    return json;
  }

  /** The last status the failure knows of its task, or null. */
  private static TaskSnapshot lastSnapshotOf(Throwable cause) {
    if (cause instanceof TaskFailedException failed) {
      return failed.snapshot();
    }
    if (cause instanceof DeadlineExceededException deadline) {
      return deadline.lastSnapshot();
    }
    return null;
  }

  private static String codeOf(Throwable cause) {
    if (cause instanceof CliException cli && cli.kind().equals("insufficient_quota")) {
      return "insufficient_credits"; // refused before sending, as the client's own check says it (batch's plan)
    }
    if (cause instanceof ProviderException provider) {
      return provider.providerCode().orElse(null);
    }
    if (cause instanceof dev.vidgen.core.error.DownloadFailedException unsaved) {
      return unsaved.providerFailure().map(Failures::downloadCode).orElse(null);
    }
    if (cause instanceof ResultUnavailableException gone) {
      // The docs' two codes, never the file host's own (its authentication_error for a 401, say).
      boolean redirect = gone.getCause() instanceof ProviderException link
          && link.providerCode().filter(ProviderErrorDetails.REDIRECT_NOT_FOLLOWED::equals).isPresent();
      return redirect ? ProviderErrorDetails.REDIRECT_NOT_FOLLOWED : ProviderErrorDetails.RESULT_LINK_GONE;
    }
    if (cause instanceof TaskFailedException failed && failed.snapshot() != null) {
      return failed.snapshot().failureReason().map(TaskFailure::code).orElse(null);
    }
    if (cause instanceof InvalidJobException invalid) {
      List<Violation> errors = invalid.violations();
      return errors.isEmpty() ? null : errors.get(0).code();
    }
    return null;
  }

  /**
   * The {@code error.code} of a download whose transfer kept failing: vidgen's own code for what went wrong (a
   * stream that broke off, an untrusted certificate, the proxy), else {@link #DOWNLOAD_HOST_FAILED}.
   */
  private static String downloadCode(ProviderException failure) {
    String code = failure.providerCode().orElse(null);
    return code != null && OWN_DOWNLOAD_CODES.contains(code) ? code : DOWNLOAD_HOST_FAILED;
  }

  private static String messageOf(Throwable cause) {
    if (cause instanceof BudgetExceededException budget && budget.quote() != null && !budget.quote().isKnown()) {
      // The library's message names the Java setting too; here the next step (the options) follows once.
      // A route's unknown price says why (no price for 7 s at 1080p, none documented); a follow-on's is said whole.
      String unknown = budget.quote().unpricedFollowOn()
          .map(kind -> kind.withArticle() + " on " + budget.quote().model() + " has an unknown price")
          .orElse(budget.quote().model() + " has an unknown price (" + SafeText.clip(budget.quote().basis(), 200) + ")");
      return unknown + ", which never counts as zero, so it cannot be checked"
          + " against the " + dev.vidgen.core.pricing.PriceQuote.creditsInWords(budget.remainingCredits()) + " --max-credits leaves; nothing was"
          + " sent (see docs/errors.md#budget-exceeded)";
    }
    // A video larger than the limit: the command line's setting named, not the Java builder's.
    String message = cause instanceof dev.vidgen.core.error.DownloadFailedException large
        ? large.messageNaming("--set " + VideoSizeSetting.NAME) : cause.getMessage();
    if (message == null || message.isBlank()) {
      message = cause.getClass().getSimpleName();
    }
    message = SafeText.mask(CommandLineWords.of(message)); // the option, not the Java builder's method
    return exitCode(cause) == ExitCodes.OTHER && !(cause instanceof VidgenException || cause instanceof CliException
        || isUnsupported(cause))
        ? "unexpected error: " + message
        : message;
  }

  private static JobHandle handleOf(Throwable cause, JobHandle known) {
    if (cause instanceof TaskFailedException failed) {
      return failed.handle();
    }
    if (cause instanceof DeadlineExceededException deadline) {
      return deadline.handle();
    }
    if (cause instanceof ProviderFaultException fault) {
      return fault.handle();
    }
    return known;
  }

  /** The next step for people, or null when there is nothing useful to say. */
  /** Where the provider's address is set, as advice names it: "--base-url (or TOAPIS_BASE_URL)" for toapis. */
  private static String baseUrlSources(Session session) {
    boolean toApis = session == null || session.choice().map(ProviderChoice::isToApis).orElse(true);
    return toApis ? "--base-url (or " + ProviderChoice.BASE_URL_VARIABLE + ")" : "--base-url";
  }

  /**
   * What to do when no provider could be chosen: choose one of the ids found with {@code --provider}, each
   * named once; when two factories claim one id (matched ignoring case), no flag can choose, so the advice is
   * to remove one of their jars; when none can be chosen (the one meant is broken), to fix or remove its jar.
   */
  static String selectionAdvice(java.util.List<String> availableIds) {
    java.util.Map<String, Integer> claims = new java.util.LinkedHashMap<>();
    availableIds.forEach(id -> claims.merge(id.strip().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum));
    java.util.List<String> clashing = claims.entrySet().stream().filter(claim -> claim.getValue() > 1)
        .map(java.util.Map.Entry::getKey).toList();
    if (!clashing.isEmpty()) {
      return "remove one of the jars that claim " + String.join(" and ", clashing)
          + " from the class path (VIDGEN_CLASSPATH names extra jars; docs/writing-a-provider.md), so that one"
          + " factory is left for each id";
    }
    if (claims.isEmpty()) {
      // The provider meant was found but is broken (its id, its jar): choosing it again meets the same one.
      return "fix that provider's jar or take it off the class path (VIDGEN_CLASSPATH names extra jars;"
          + " docs/writing-a-provider.md), or choose another provider with --provider";
    }
    return "choose one with --provider (" + String.join(" or ", claims.keySet()) + ")";
  }

  private static String next(Throwable cause, JobHandle handle, Session session) {
    if (cause instanceof CliException cli) {
      return cli.next();
    }
    if (cause instanceof ParameterException) {
      return "see " + ((ParameterException) cause).getCommandLine().getCommandSpec().qualifiedName() + " --help";
    }
    if (cause instanceof InvalidJobException invalid && session != null && session.followOn().isPresent()
        && !invalid.report().errors().isEmpty() && invalid.report().errors().stream().allMatch(error -> error.code()
            .equals(ViolationCodes.MODEL_NOT_AVAILABLE) || error.code().equals(ViolationCodes.MODEL_RETIRED))) {
      // A follow-on goes only to its task's own model: there is none other to choose.
      return FollowOnUnavailable.next(session.followOn().get(), liveModelsCommand(session));
    }
    if (cause instanceof InvalidJobException invalid && !invalid.report().errors().isEmpty() && invalid.report().errors().stream()
        .allMatch(error -> error.code().equals(ViolationCodes.MODEL_NOT_AVAILABLE))) {
      return "choose a model this key may use (" + liveModelsCommand(session) + " marks them) and run again";
    }
    if (cause instanceof InvalidJobException invalid && !invalid.report().errors().isEmpty() && invalid.report().errors()
        .stream().allMatch(error -> error.code().equals(ViolationCodes.MODEL_UNKNOWN))) {
      // The job is not at fault but its model's route: one the key lists, one a route file removed, or a misspelling.
      return "choose a model vidgen models lists, or give this one a route as said above (docs/routes.md), and run"
          + " again";
    }
    if (cause instanceof InvalidJobException) {
      return "fix the job and run again (vidgen models shows what each model accepts)";
    }
    if (cause instanceof BudgetExceededException budget) {
      return budget.quote().isKnown() ? "raise --max-credits or choose a shorter or cheaper job"
          // A follow-on's price is not a route's: no route file can give it.
          : budget.quote().unpricedFollowOn().isPresent() ? "add --allow-unknown-prices to send it anyway (no route"
              + " file can price " + budget.quote().unpricedFollowOn().get().withArticle() + ")"
          // The provider picks an automatic length: a route file's price table cannot say which row applies.
          : budget.quote().asksAutomaticLength() ? "give a length with --seconds (vidgen models "
              + budget.quote().model() + " lists them) to have it priced, or add --allow-unknown-prices"
          : "give the model's price in a route file (--routes, docs/routes.md) or add --allow-unknown-prices";
    }
    if (cause instanceof AuthenticationException auth) {
      String variable = session == null ? ProviderChoice.KEY_VARIABLE : session.keyVariable();
      String check = "check " + variable + (ProviderChoice.KEY_VARIABLE.equals(variable)
          ? " (keys are made at https://toapis.com/console/token)" : "")
          // An account read answered 200 with success:false, which ToAPIs sends for any refusal there.
          + (auth.httpStatus() == 200 ? "; if the key works for other commands, the provider could not give this now:"
              + " try again later" : "");
      // Refused once the task exists (a key revoked or changed mid-wait): the task goes on and is paid for.
      return handle == null ? check : check + "; the task goes on at the provider: go on with "
          + resumeCommand(handle, session) + " once the key works";
    }
    if (cause instanceof TaskFailedException failed && failed.handle().quote().isKnown()) {
      return "change the prompt or images and generate again; the task was quoted "
          + Views.price(failed.handle().quote()) + ", and " + Views.FAILED_CHARGE_WORDS;
    }
    if (cause instanceof TaskFailedException || cause instanceof ContentPolicyException) {
      return "change the prompt or images and generate again";
    }
    if (cause instanceof InsufficientQuotaException quota) {
      // A provider of one's own may report no balance: then its own dashboard is where to look.
      boolean reportsBalance = onToApis(session) || session.choice().map(ProviderChoice::isMock).orElse(false);
      return quota.httpStatus() == 0 ? "vidgen balance shows what is left" // the message says what to do
          // The message gives the provider's words and what to do: this says what the refusal left.
          : (handle == null ? "the provider refused it, so no task was made and nothing was billed; " : "")
              + (reportsBalance ? "vidgen balance shows whether the account or the key is short"
                  : "the provider's own dashboard shows what is short (vidgen balance does too, where the provider"
                      + " reports a balance)");
    }
    if (cause instanceof ResultExpiredException) {
      return expiredNext(handle, session);
    }
    if (cause instanceof ResultUnusableException) {
      return UNUSABLE_NEXT;
    }
    if (cause instanceof TaskNotFoundException) {
      // How long results are kept is each provider's own fact: its figure where it states one.
      return (session == null ? Optional.<String>empty() : session.notFoundNext())
          .orElse("check the task id and the provider" + keptResults(session).figure()
              .map(figure -> " (results are kept " + figure + ")")
              .orElse(" (a provider may keep a task only for a while)")
              // A provider shows a task only to keys of the account that made it (errors.md "task-not-found").
              + (session == null || session.apiKey() == null ? ""
                  : ", or whether the task was made with another account's key, which alone can read it"));
    }
    if (cause instanceof AmbiguousSubmitException ambiguous) {
      Optional<String> lookUp = session == null ? Optional.empty() : session.unansweredNext();
      return lookUp.orElse(ambiguous.clientReference()
          .map(reference -> "look for the task with client reference " + reference
              + " on the provider's dashboard before you send the job again")
          .orElse("check the provider's dashboard for the task before you send the job again"));
    }
    if (cause instanceof ProviderException proxy
        && ProviderErrorDetails.PROXY_AUTHENTICATION.equals(proxy.details().code())) {
      // The proxy refused before anything reached the provider: its credentials are what to change, not the base URL.
      return "give the proxy a user name and password it takes (as the message says), then run again";
    }
    if (cause instanceof ProviderException provider && provider.httpStatus() >= 300 && provider.httpStatus() < 400) {
      String check = "the server sent the call elsewhere; check " + baseUrlSources(session)
          + " and give the API's address itself";
      // A read of a task that exists: the way on is its wait, not the job run again (said once, where a wait's
      // account has not said it already).
      if (handle == null) {
        return check;
      }
      return check + (String.valueOf(cause.getMessage()).contains(" exists and may be") ? "; then go on with "
          : "; task " + SafeText.clean(handle.taskId().value()) + " exists and may be billed, so do not generate it"
              + " again: go on with ") + resumeCommand(handle, session);
    }
    if (cause instanceof RequestRejectedException rejected && rejected.upload().isPresent()) {
      return dev.vidgen.serve.UploadAdvice.next(rejected, rejected.upload().get(),
          SafeText.command(rejected.upload().get().fileName()), "run again");
    }
    if (cause instanceof RequestRejectedException rejected && rejected.refusesModel() && session != null
        && session.followOn().isPresent()) {
      return "nothing was created; the provider says this key may not use the task's model now, and "
          + FollowOnUnavailable.next(session.followOn().get(), liveModelsCommand(session));
    }
    if (cause instanceof RequestRejectedException rejected && rejected.refusesModel()) {
      return "the provider says this key may not use the model now: choose one it may (" + liveModelsCommand(session)
          + " marks them) and run again";
    }
    if (cause instanceof RequestRejectedException rejected && rejected.httpStatus() == 404) {
      // No such endpoint: the address is wrong, not the job.
      boolean toApis = session == null || session.choice().map(ProviderChoice::isToApis).orElse(true);
      return "nothing was created; check " + baseUrlSources(session) + ": it should be the API's own address"
          + (toApis ? ", such as https://toapis.com" : "");
    }
    if (cause instanceof RequestRejectedException) {
      // A refusal makes no task: what to change is in the provider's words, and the dry run shows what was sent.
      return "nothing was created; change what the provider's message names and run again ("
          + (session == null ? "check the request with vidgen generate --dry-run" : session.dryRunAdvice()) + ")";
    }
    if (cause instanceof ProviderConfigurationException) {
      // The mock takes no key and no address: only its settings can be wrong.
      boolean mock = session != null && session.choice().map(ProviderChoice::isMock).orElse(false);
      return mock ? "check the --set settings: the mock takes mock.duration, mock.seed, mock.credits, mock.fail"
          + " and mock.create_error"
          + " (docs/cli.md, --set)"
          : "check the --set settings, " + baseUrlSources(session) + " and "
              + (session == null ? ProviderChoice.KEY_VARIABLE : session.keyVariable());
    }
    if (isUnsupported(cause)) {
      return "choose a provider that offers it with --provider";
    }
    if (cause instanceof ProviderSelectionException selection) {
      if (selection.availableIds().isEmpty() && String.valueOf(selection.getMessage()).contains("off the class path")) {
        // The message already says to fix the jar or take it off the class path: only where the jars are named is new.
        return "VIDGEN_CLASSPATH names the extra jars vidgen loads (docs/writing-a-provider.md)";
      }
      return selectionAdvice(selection.availableIds());
    }
    String resume = handle == null ? null : resumeCommand(handle, session);
    if (cause instanceof DeadlineExceededException deadline && deadline.unansweredFor().isPresent()) {
      // No status answered in time: whether the task still runs or is done is not known, so neither is claimed.
      return "the task may still be running or may be done; go on waiting with: " + resume;
    }
    if (cause instanceof DeadlineExceededException) {
      return "the task is still running; go on waiting with: " + resume;
    }
    if (cause instanceof ProviderFaultException) {
      // The task was made and may be paid for: its message says to read it again later; this is how, said once.
      return "to read the task: " + resume;
    }
    if (cause instanceof RateLimitedException limited) {
      // The retries already waited out every short Retry-After and were refused again: a hint of a few seconds
      // (or none, or a date past) says nothing now, so the advice is a minute at least.
      String later = limited.retryAfter().filter(d -> d.toSeconds() >= 60)
          .map(d -> "wait " + DurationConverter.describe(d) + " and ").orElse("wait a minute and ");
      return handle == null ? later + "run again" : later + "go on with: " + resume;
    }
    if (isSubmitPause(cause) && handle == null) {
      return "the provider's rate limiter is pausing new submits for now (reading tasks still works, so tasks already"
          + " made go on); nothing was created: wait a few minutes" + retryAfter((ProviderException) cause)
          + " and run the job again";
    }
    if (handle == null && cause instanceof ProviderException refused
        && dev.vidgen.core.error.ProviderErrorDetails.ACCOUNT_REFUSED.equals(refused.details().code())) {
      // An account read answered success: false without blaming the key (ToAPIs answers any failure there so).
      return "try again later, and if it keeps refusing, check the key's settings in the provider's console";
    }
    if (cause instanceof ProviderException slow && slow.kind() == FailureKind.NO_RESPONSE && handle == null
        && session != null && session.balanceTimeoutGiven().isPresent() && slow.details().httpStatus() == 0
        && slow.details().message().startsWith("no answer within")
        && !slow.details().message().contains("after the request was sent")) {
      // The read ran out of --timeout: its message already says to try again later; the advice is the option. One
      // HTTP call that timed out ("no answer within 5 s after the request was sent") is the provider's timeout instead.
      return "give the read longer with --timeout (it had " + DurationConverter.describe(session.balanceTimeoutGiven().get())
          + "), such as --timeout 2m";
    }
    if (cause instanceof ProviderException provider
        && dev.vidgen.core.error.ProviderErrorDetails.ANSWER_TOO_LARGE.equals(provider.details().code())) {
      // Once the task exists, the same job run again is refused as the same job: the way on is its wait.
      return handle == null ? "raise the setting the message names, then run again (a try again gets the same answer)"
          : "raise the setting the message names and go on with the task: " + largerAnswersCommand(provider, handle,
              session);
    }
    if (cause instanceof ProviderException provider && handle == null
        && ProviderErrorDetails.ANSWER_LINK_UNUSABLE.equals(provider.details().code())) {
      // The same answer comes on every try: "try again later" would mislead.
      return "the provider's answer was unusable, and running again gets the same answer unless the provider"
          + " changes: check the base URL (--base-url, TOAPIS_BASE_URL), then run again";
    }
    if (cause instanceof ProviderException provider) {
      // No connection at all (refused, an unknown host, TLS) is more often a wrong address than an outage.
      boolean noConnection = provider.kind() == FailureKind.CONNECT_FAILED && session != null;
      // An answer of HTTP 2xx that is not what was asked (a status that is not the task, a completed task naming no
      // video): the provider answered, so neither it nor the network is said to have failed.
      int httpStatus = provider.details().httpStatus();
      boolean answered = !noConnection && httpStatus >= 200 && httpStatus < 300;
      // A 2xx answer that is not JSON at all (an HTML page) or breaks off is no answer of the provider's: a proxy or a
      // captive portal sends such pages in its place.
      boolean answeredInItsPlace = answered && provider.kind() == FailureKind.NO_RESPONSE;
      String shown = noConnection ? session.baseUrlShown() : null;
      String code = provider.details().code();
      String failed = answeredInItsPlace ? "something answered in the provider's place (a proxy or a login page,"
              + " perhaps), not with anything vidgen can use"
          : answered ? "the provider answered, but not with anything vidgen can use"
          : !noConnection ? "the provider or the network failed"
          : ProviderErrorDetails.TLS_UNTRUSTED.equals(code) ? TLS_FIX
          : ProviderErrorDetails.PROXY_FAILED.equals(code)
          ? "the proxy failed, not the server behind it (more tries or a longer --timeout do not help when it"
              + " never answers): check that the proxy named above is up and that its setting is right"
          : shown == null ? "no connection could be made to the provider: check the network and its address"
              + " (--base-url gives it one)"
          : "no connection could be made to " + shown + ": check the network"
          + " and that base URL (" + session.baseUrlSources() + ")";
      dev.vidgen.serve.history.HistoryEntry known = handle == null ? null : inHistory(handle, session);
      String ended = known == null ? null : known.status();
      Optional<String> savedAt = "completed".equals(ended) ? savedFile(session, known) : Optional.empty();
      if (savedAt.isPresent()) {
        // Its video is saved: no download at the address that just failed is needed.
        return failed + "; the task completed and its video is saved at " + savedAt.get() + " (so the task history"
            + " says): nothing is left to do";
      }
      Optional<String> savedElsewhere = known == null && handle != null
          ? savedOnAnotherServer(handle, session) : Optional.empty();
      if (savedElsewhere.isPresent()) {
        // Another server's task of the same id: said as that one's (the address asked may be a mistyped one), not
        // taken for the task this command asks about.
        return failed + "; " + savedElsewhere.get();
      }
      if ("completed".equals(ended)) {
        String out = AdvisedOut.of(session.context(), HistoryRecord.baseUrl(session),
            session.keptOut().orElse(known.out() == null ? session.workingFolderOut() : known.out()),
            handle.taskId().value());
        return failed + "; the task completed (so the task history says): try again later,"
            + " or save its video with " + downloadCommand(handle, session, "--out", out);
      }
      if ("failed".equals(ended)) {
        return failed + "; the task had already failed (so the task history says), so it"
            + " will not finish: vidgen history shows why";
      }
      if (handle == null) {
        return failed + (noConnection ? ", then run again" : "; try again later");
      }
      return failed + (answered ? "; read the task again later: " : "; the task may still finish: ") + resume;
    }
    return null;
  }

  /**
   * The task history's entry for {@code handle}'s task, or null: its status keeps anything from saying an
   * ended one may still finish, and its {@code out} is where to save the video.
   */
  private static dev.vidgen.serve.history.HistoryEntry inHistory(JobHandle handle, Session session) {
    if (session == null) {
      return null;
    }
    try {
      return HistoryRecord.history(session.context())
          // This server's task only: one of the same id on another is another task (where it was made is said apart).
          .flatMap(history -> history.find(handle.providerId(), HistoryRecord.baseUrl(session), handle.taskId().value()))
          .orElse(null);
    } catch (RuntimeException unreadable) {
      return null; // said when the history was read before
    }
  }

  /**
   * For a task the history does not have on this command's server: where the video of the task of the same id made on
   * another server was saved, as that server's task, while the file is there.
   */
  private static Optional<String> savedOnAnotherServer(JobHandle handle, Session session) {
    if (session == null) {
      return Optional.empty();
    }
    try {
      return HistoryRecord.history(session.context())
          .flatMap(history -> history.find(handle.providerId(), handle.taskId().value()))
          .filter(other -> "completed".equals(other.status()))
          .flatMap(other -> RecordedServer.elsewhere(session, other, handle.providerId())
              .flatMap(made -> savedFile(session, other).map(file -> "the task of this id made on " + made
                  + " (the task"
                  + " history) completed and its video is saved at " + file + ": if that is the task meant, nothing"
                  + " is left to do")));
    } catch (RuntimeException unreadable) {
      return Optional.empty(); // said when the history was read before
    }
  }

  /** The file the history says holds {@code known}'s video, while it still holds it (not written since). */
  private static Optional<String> savedFile(Session session, dev.vidgen.serve.history.HistoryEntry known) {
    try {
      return SavedFileState.savedFile(session.context(), known);
    } catch (RuntimeException unnamed) { // a path this system cannot name
      return Optional.empty();
    }
  }

  /** Whether {@code cause} is the provider's limiter pausing submits (HTTP 503 {@code rate_limit_unavailable}). */
  static boolean isSubmitPause(Throwable cause) {
    return cause instanceof ProviderException unavailable && unavailable.kind() == FailureKind.UNAVAILABLE
        && unavailable.providerCode().filter("rate_limit_unavailable"::equalsIgnoreCase).isPresent();
  }

  /** " (the provider asked for N)", or nothing when it named no wait. */
  private static String retryAfter(ProviderException cause) {
    return cause.retryAfter().filter(wait -> wait.toSeconds() >= 1)
        .map(wait -> " (the provider asked for " + DurationConverter.describe(wait) + ")").orElse("");
  }



  /** The "--set NAME=VALUE" a too-large answer's message gives (vidgen's own words, not the server's). */
  private static final java.util.regex.Pattern NAMED_SETTING =
      java.util.regex.Pattern.compile("--set ([A-Za-z0-9_.]+=[A-Za-z0-9.]+)");

  /** {@link #resumeCommand} with the setting {@code tooLarge}'s message names, so that the wait reads larger answers. */
  private static String largerAnswersCommand(ProviderException tooLarge, JobHandle handle, Session session) {
    java.util.regex.Matcher named = NAMED_SETTING.matcher(String.valueOf(tooLarge.getMessage()));
    java.util.List<String> words = new java.util.ArrayList<>(named.find() ? List.of("--set", named.group(1)) : List.of());
    if (session != null) {
      words.addAll(session.resumeOptions());
    }
    return taskCommand("wait", handle, session, words.toArray(String[]::new));
  }

  /** "vidgen wait TASK_ID", with {@code --provider} when the provider was named that way; shell-quoted. */
  static String resumeCommand(JobHandle handle, Session session) {
    return taskCommand("wait", handle, session,
        session == null ? new String[0] : session.resumeOptions().toArray(String[]::new));
  }

  /**
   * "vidgen VERB TASK_ID [--provider ID] [more...]", each word shell-quoted, ready to paste.
   *
   * @param more further words, such as {@code --out} and its value
   */
  static String taskCommand(String verb, JobHandle handle, Session session, String... more) {
    return taskCommand(verb, handle.taskId().value(), handle.providerId(), session, more);
  }

  /**
   * "vidgen download TASK_ID [--provider ID] [more...] [--base-url …] [--routes …]": the options that
   * reach the same provider and server, so that it works pasted as it is.
   */
  static String downloadCommand(JobHandle handle, Session session, String... more) {
    return setUpCommand("download", handle, session, more);
  }

  /** "vidgen VERB TASK_ID [--provider ID] [more...] [--base-url …] [--routes …]", as {@link #downloadCommand}. */
  static String setUpCommand(String verb, JobHandle handle, Session session, String... more) {
    java.util.List<String> words = new java.util.ArrayList<>(java.util.List.of(more));
    if (session != null) {
      words.addAll(session.setupOptions());
    }
    return taskCommand(verb, handle, session, words.toArray(String[]::new));
  }

  /** "vidgen models --live" with the options that reach the same provider (--provider, --base-url, --routes); shell-quoted. */
  static String liveModelsCommand(Session session) {
    java.util.List<String> words = new java.util.ArrayList<>(java.util.List.of("vidgen", "models", "--live"));
    if (session != null) {
      if (session.providerFlagGiven()) {
        session.choice().ifPresent(choice -> words.addAll(java.util.List.of("--provider", choice.id())));
      }
      words.addAll(session.setupOptions());
    }
    return SafeText.command(words.toArray(String[]::new));
  }

  /** As {@link #taskCommand(String, JobHandle, Session, String...)} for a task named {@code task} on {@code providerId}. */
  static String taskCommand(String verb, String task, String providerId, Session session, String... more) {
    // A task id that starts with "-" would be read as an option: it then goes last, after "--".
    boolean optionLike = task.startsWith("-");
    java.util.List<String> words = new java.util.ArrayList<>(java.util.List.of("vidgen", verb));
    if (!optionLike) {
      words.add(task);
    }
    if (session != null && session.providerFlagGiven()) {
      words.addAll(java.util.List.of("--provider", providerId));
    }
    words.addAll(withoutMockServer(providerId, java.util.List.of(more)));
    if (optionLike) {
      words.addAll(java.util.List.of("--", task));
    }
    return SafeText.command(words.toArray(String[]::new));
  }

  /**
   * {@code options} without {@code --base-url URL} for a task of the mock, which reaches no server: a URL kept with it
   * (a history line recorded before, or {@code TOAPIS_BASE_URL} in this shell) would only say a server was asked.
   */
  private static java.util.List<String> withoutMockServer(String providerId, java.util.List<String> options) {
    if (!ProviderChoice.MOCK.equalsIgnoreCase(providerId == null ? "" : providerId.strip())) {
      return options;
    }
    java.util.List<String> kept = new java.util.ArrayList<>(options);
    for (int at = kept.indexOf("--base-url"); at >= 0; at = kept.indexOf("--base-url")) {
      kept.subList(at, Math.min(at + 2, kept.size())).clear();
    }
    return kept;
  }

}
