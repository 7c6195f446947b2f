package dev.vidgen.core.client;

import dev.vidgen.core.concurrent.AsyncFailures;
import dev.vidgen.core.domain.FollowOn;
import dev.vidgen.core.domain.FollowOnKind;
import dev.vidgen.core.domain.FollowOnRule;
import dev.vidgen.core.domain.FollowOnRules;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.error.AmbiguousSubmitException;
import dev.vidgen.core.error.BudgetExceededException;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.error.ProviderErrorDetails;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.VidgenException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.Operation;
import dev.vidgen.core.port.FollowOnRequest;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.validation.JobValidator;
import dev.vidgen.core.validation.ValidationReport;
import dev.vidgen.core.validation.Violation;
import dev.vidgen.core.validation.ViolationCodes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Follow-on jobs: extend or remix an earlier task. Checked against the route's {@link
 * FollowOnRule} (which routes take it, the prompt, the size), priced (unknown where undocumented),
 * taken from the budget and the funds, checked against the live model list, then created; the
 * {@link JobHandle} it gives is awaited and downloaded like any job's.
 */
final class FollowOns {
  private final ClientRuntime runtime;
  private final RetryLoop retries;
  private final BudgetLedger ledger;
  private final Preflight preflight;
  private final FollowOnRules rules;
  /** Where a follow-on's {@code model} is found, as a job's is. */
  private final RouteCatalog catalog;
  private final JobValidator validator;
  /** Told when a create leaves, so that closing the client waits for its answer. */
  private final OpenSubmits openSubmits;
  /** The free read of a source task this client has not seen completed, before anything is paid. */
  private final FollowOnSourceLook sourceLook;

  FollowOns(ClientRuntime runtime, RetryLoop retries, BudgetLedger ledger, Preflight preflight, FollowOnRules rules,
      RouteCatalog catalog, JobValidator validator, OpenSubmits openSubmits, FollowOnSourceLook sourceLook) {
    this.runtime = runtime;
    this.retries = retries;
    this.ledger = ledger;
    this.preflight = preflight;
    this.rules = rules;
    this.catalog = catalog;
    this.validator = validator;
    this.openSubmits = openSubmits;
    this.sourceLook = sourceLook;
  }

  /**
   * The validated request (its {@code model} the route's spelling of the name given), the route's id it is checked,
   * priced and recorded under, its route (null: one the catalog lacks), its price and the warnings it drew (such as a
   * route's coming retirement); sends nothing.
   */
  record Prepared(FollowOnRequest request, String model, ModelRoute route, PriceQuote quote, List<Violation> warnings) {}

  /**
   * Checks {@code followOn} of {@code kind} from {@code source} against the rules, knowing the live model
   * list when it is kept (a retired route it still offers then draws a warning, as a job on it does).
   *
   * @throws InvalidJobException listing every problem
   */
  Prepared prepare(FollowOnKind kind, JobHandle source, FollowOn followOn) {
    Set<String> live = preflight.knownModels().orElse(null);
    if (live == null && preflight.checksModels() && refusedOnlyAsRetired(kind, source, followOn)) {
      // As the submit: the key's live list is the newer word on a retired route, so a quote or a preview reads it
      // before refusing, and says what the submit would do. A list that cannot be read refuses as the catalog has it.
      Set<String> read = preflight.readModels().join().orElse(null);
      return prepare(kind, source, followOn, read);
    }
    return prepare(kind, source, followOn, live);
  }

  /** {@link #prepare(FollowOnKind, JobHandle, FollowOn)} knowing {@code live}, the key's live model list (null: not known). */
  private Prepared prepare(FollowOnKind kind, JobHandle source, FollowOn followOn, Set<String> live) {
    JobValidator validator = live == null ? this.validator : this.validator.withLiveModels(live);
    String given = followOn.model() != null && !followOn.model().isBlank() ? followOn.model().strip() : source.model();
    // Found as a job's model is: the id or an alias, in any case; checked and priced as the route's id, and sent as the
    // route's spelling of the name given, or the name the key's live list gives it (submit).
    ModelRoute route = catalog.find(given).orElse(null);
    String model = route == null ? given : route.id();
    List<Violation> found = new ArrayList<>();
    Optional<FollowOnRule> rule = "unknown".equals(model) ? Optional.empty() : rules.find(model, kind);
    // The routes to suggest: those still offered (retired ones only when retired routes are allowed, or none is left).
    List<String> offered = rules.routesTaking(kind).stream().filter(id -> validator.retirement(id).isEmpty()).toList();
    List<String> taking = offered.isEmpty() ? rules.routesTaking(kind) : offered;
    if ("unknown".equals(model)) {
      found.add(Violation.error("model", ViolationCodes.MODEL_MISSING, null, String.join(", ", taking),
          "model: the earlier task was given by its bare id, so its model is unknown; name the model to "
              + kind.id() + " with (one of " + String.join(", ", taking) + ")"));
    } else if (rule.isEmpty()) {
      found.add(Violation.error("model", ViolationCodes.FOLLOW_ON_NOT_OFFERED, model, String.join(", ", taking),
          "model: " + model + " takes no " + kind.id() + "; the routes that do are " + String.join(", ", taking)
              // A route that asks for it another way (seedance-2-5: a video edit with a parameter) says how in its note.
              + validator.noteNaming(model, kind.id()).map(how -> " (" + model + "'s note: " + how + ")").orElse("")));
    }
    // A retired route (Sora 2) takes no follow-on either, unless retired routes are allowed.
    validator.retirement(model).ifPresent(found::add);
    validator.retiring(model).ifPresent(found::add);
    String prompt = followOn.prompt() == null || followOn.prompt().isBlank() ? null : followOn.prompt();
    if (rule.map(FollowOnRule::promptRequired).orElse(true) && prompt == null) {
      found.add(Violation.error("prompt", ViolationCodes.PROMPT_MISSING, null, "a non-blank prompt",
          "prompt: " + kind.withArticle() + " needs a prompt saying what the new video shows"));
    }
    validator.followOnPromptOverCeiling(prompt, model).ifPresent(found::add);
    found.addAll(JobValidator.brokenCharacters(followOn.prompt(), followOn.params()));
    String size = followOn.size();
    if (rule.isPresent()) {
      size = checkSize(rule.get(), size, found);
    }
    found.addAll(ProviderJobChecks.keysIn(followOn, runtime.provider()));
    if (!found.stream().noneMatch(Violation::isError)) {
      ValidationReport report = ProviderJobChecks.masked(new ValidationReport(model, null, found), runtime.provider());
      // A bare id's model is unknown: the job is named by what it does ("invalid extend of video_1"), not "unknown".
      throw "unknown".equals(model) ? new InvalidJobException(report, kind.id() + " of " + source.taskId().value())
          : new InvalidJobException(report);
    }
    FollowOnRule chosen = rule.orElseThrow();
    PriceQuote quote = chosen.price()
        .map(credits -> new PriceQuote(model, credits, PriceQuote.usdOf(credits), kind.id() + ", per request"))
        .orElseGet(() -> PriceQuote.unknownFollowOn(model, kind));
    String name = route == null ? model : route.nameFor(given);
    return new Prepared(new FollowOnRequest(kind, source.taskId(), name, prompt, size, followOn.params()), model, route,
        quote, found.stream().filter(violation -> !violation.isError()).toList());
  }

  /**
   * The request of {@code prepared} as its create would send it now: the kept live list's spelling when that lists the
   * model otherwise (an alias, or its name in another case), as a job's preview shows it; no call is made.
   */
  FollowOnRequest asSent(Prepared prepared) {
    FollowOnRequest request = prepared.request();
    return Optional.ofNullable(prepared.route())
        .flatMap(route -> preflight.knownModels().filter(live -> !live.contains(request.model()))
            .flatMap(route::spellingListedIn))
        .map(name -> named(request, name)).orElse(request);
  }

  /** {@code request} sending {@code name} as its model. */
  private static FollowOnRequest named(FollowOnRequest request, String name) {
    return name.equals(request.model()) ? request : new FollowOnRequest(request.kind(), request.source(), name,
        request.prompt(), request.size(), request.params());
  }

  /** Validates, takes the price from the budget and the funds, and creates the follow-on task. */
  CompletableFuture<JobHandle> submit(FollowOnKind kind, JobHandle source, FollowOn followOn) {
    return submit(kind, source, followOn, new CompletableFuture<>());
  }

  /** {@link #submit(FollowOnKind, JobHandle, FollowOn)} that sends no create (again) once {@code stopSending} is done. */
  CompletableFuture<JobHandle> submit(FollowOnKind kind, JobHandle source, FollowOn followOn,
      CompletableFuture<?> stopSending) {
    Set<String> live = preflight.knownModels().orElse(null);
    if (live == null && preflight.checksModels() && refusedOnlyAsRetired(kind, source, followOn)) {
      // As for a job: the key's live list is the newer word on a retired route, so it is read before the refusal.
      return preflight.afterReadingModels(read -> submit(kind, source, followOn, stopSending, read), () -> { });
    }
    return submit(kind, source, followOn, stopSending, live);
  }

  /** Whether the follow-on's only errors, with no live list known, are its route's retirement: what the list can lift. */
  private boolean refusedOnlyAsRetired(FollowOnKind kind, JobHandle source, FollowOn followOn) {
    try {
      prepare(kind, source, followOn, null);
      return false;
    } catch (InvalidJobException invalid) {
      return invalid.report().errors().stream().allMatch(error -> error.code().equals(ViolationCodes.MODEL_RETIRED));
    }
  }

  private CompletableFuture<JobHandle> submit(FollowOnKind kind, JobHandle source, FollowOn followOn,
      CompletableFuture<?> stopSending, Set<String> live) {
    Prepared prepared;
    try {
      prepared = prepare(kind, source, followOn, live);
      // A look only: taken once the checks that may refuse it without sending anything pass (as for a job).
      ledger.requireRoom(prepared.quote());
    } catch (VidgenException e) {
      runtime.events().failed(null, e);
      return CompletableFuture.failedFuture(e);
    }
    // A follow-on has no validation report of its own to carry them: its warnings are told as events.
    prepared.warnings().forEach(warning -> runtime.events().warning(warning.code(), warning.message()));
    FollowOnRequest request = prepared.request();
    String model = prepared.model();
    CompletableFuture<JobHandle> result = new CompletableFuture<>();
    AtomicBoolean funded = new AtomicBoolean();
    AtomicBoolean budgeted = new AtomicBoolean(); // its quote taken from the client's budget
    AtomicReference<AfterServerError> afterError = new AtomicReference<>();
    AtomicReference<Instant> creatingAt = new AtomicReference<>();
    // The source's free read comes once the key's live list lets the model go, before the funds are read (as the
    // command line orders them). The list names the model to send, as for a job: another of the route's names, or its
    // name in another case.
    preflight.checkFollowOn(prepared.route(), request.model(), prepared.quote(),
        () -> sourceLook.before(kind, source, model), () -> {
          ledger.reserve(prepared.quote());
          budgeted.set(true);
        })
        .thenCompose(name -> {
          funded.set(true);
          if (result.isCancelled()) {
            throw new CancellationException(request.kind().id() + " cancelled before the create");
          }
          if (!openSubmits.leaving(stopSending, "the " + request.kind().id() + " of task " + request.source(), null)) {
            throw new SubmitNotSentException("the " + request.kind().id() + " was told to stop before its create went"
                + " out; nothing was sent");
          }
          runtime.events().creating(model, null);
          creatingAt.set(runtime.time().now());
          FollowOnRequest sent = named(request, name);
          AfterServerError guard = new AfterServerError(sent, prepared.quote(), result, stopSending);
          afterError.set(guard);
          return create(sent, guard, stopSending);
        })
        .whenComplete((snapshot, failure) -> Futures.guard(result, () -> {
          if (failure == null && snapshot != null) {
            preflight.settleIf(funded.get(), prepared.quote());
            AfterServerError guard = afterError.get();
            JobHandle handle = new JobHandle(runtime.provider().id(), snapshot.taskId(), model,
                prepared.quote(), runtime.time().now(), null, guard == null ? 0 : guard.possibleExtraTasks());
            runtime.events().submitted(handle, snapshot);
            result.complete(handle);
            return;
          }
          AfterServerError guard = afterError.get();
          String what = "the " + request.kind().id() + " of task " + request.source();
          Throwable cause = failure != null ? AsyncFailures.unwrap(failure)
              : SubmitPipeline.faultyCreate(runtime.provider().id(), null, guard == null ? 1 : 1 + guard.possibleExtraTasks(),
                  "answered " + what + " with no task (null where its snapshot belongs)", null);
          if (guard != null && SubmitPipeline.isUnexpected(cause)) {
            // The create went out (or may have): what the provider let out cannot tell whether it made a task.
            cause = SubmitPipeline.faultyCreate(runtime.provider().id(), null, 1 + guard.possibleExtraTasks(),
                ProviderFaultException.failed(what, cause), cause);
          }
          if (cause instanceof CancellationException && !(cause instanceof SubmitNotSentException)
              && stopSending.isDone() && !result.isDone()) {
            cause = afterError.get() == null ? new SubmitNotSentException("the " + request.kind().id() + " was held"
                + " back before it went out: it was told to stop sending; nothing was sent")
                : afterError.get().notSent("the " + request.kind().id());
          }
          if (cause instanceof AmbiguousSubmitException unanswered && unanswered.sentAt().isEmpty()
              && creatingAt.get() != null) {
            cause = unanswered.withSentAt(creatingAt.get()); // a task made then is the one to look for
          }
          if (budgeted.get() && !(cause instanceof AmbiguousSubmitException)) {
            ledger.release(prepared.quote());
          }
          preflight.releaseIf(funded.get(), prepared.quote(), cause);
          if (cause instanceof VidgenException error && OpenSubmits.tellsFailure(stopSending)) {
            runtime.events().failed(null, error);
          }
          result.completeExceptionally(cause);
        }));
    return result;
  }

  /** Creates the follow-on task; once {@code caller} is done (cancelled) or {@code stopSending} is, it is not sent again. */
  private CompletableFuture<TaskSnapshot> create(FollowOnRequest request, AfterServerError afterError,
      CompletableFuture<?> stopSending) {
    return retries.run(Operation.CREATE, null, null, () -> runtime.provider().createFollowOn(request, stopSending, afterError),
        // This take may have made a task, and so may each earlier one answered 500 and sent again.
        failure -> CompletableFuture.failedFuture(ambiguous(request, failure, afterError.possibleExtraTasks() + 1,
            "was sent but not answered")),
        afterError);
  }

  private static AmbiguousSubmitException ambiguous(FollowOnRequest request, ProviderException failure, String what) {
    return ambiguous(request, failure, 1, what);
  }

  /** As above, where {@code possibleTasks} takes may each have made a task. */
  private static AmbiguousSubmitException ambiguous(FollowOnRequest request, ProviderException failure,
      int possibleTasks, String what) {
    ProviderErrorDetails d = failure.details();
    ProviderErrorDetails details = new ProviderErrorDetails(d.providerId(), d.httpStatus(), d.code(),
        "the " + request.kind().id() + " of task " + request.source() + " " + what + ", so a task may exist"
            + " and be billed; check the provider's dashboard before sending it again (see docs/errors.md#ambiguous-submit)",
        d.requestId(), d.retryAfter(), d.rateLimit(), null); // the task named in the call is the source, not the one made
    return new AmbiguousSubmitException(details, null, Math.max(1, possibleTasks), failure);
  }

  /**
   * A follow-on create answered with a server error may have made its task, and carries no reference
   * to look it up by: it is sent again once (a short retry), with one warning saying so; once its
   * submit is cancelled it is not, and ends as ambiguous.
   */
  private final class AfterServerError extends ResendGuard {
    private final FollowOnRequest request;

    AfterServerError(FollowOnRequest request, PriceQuote quote, CompletableFuture<JobHandle> caller,
        CompletableFuture<?> stopSending) {
      super(ledger, quote, caller, stopSending, runtime.retries().blindCreateResends());
      this.request = request;
    }

    @Override
    boolean blind() {
      return true; // a follow-on takes no client reference
    }

    @Override
    public CompletableFuture<Optional<TaskSnapshot>> beforeResend(ProviderException failure) {
      if (!mayResendBlind()) {
        return CompletableFuture.failedFuture(ambiguous(request, failure, serverErrors(),
            "was answered with a server error " + times(serverErrors()) + " and is not sent again: each take answered"
                + " so may have made a task" + upTo(serverErrors())));
      }
      // The one answered may have made a paid task, so the resend counts against the budget once more.
      try {
        reserveResend();
      } catch (BudgetExceededException over) {
        return CompletableFuture.failedFuture(ambiguous(request, failure, serverErrors(),
            "was answered with a server error and was not sent again, as " + overBudget(over)));
      }
      preflight.chargeResend(quote()); // the take answered 500 may have been paid: the count of what is left says so
      runtime.events().resentBlind(quote().model(), quote(), null); // the route's id, as a job's resend names it
      if (firstResend()) {
        runtime.events().warning("create.resent", "the " + request.kind().id() + " of task " + request.source()
            + " was answered with a server error (" + failure.getMessage() + "); it is sent again once (a short"
            + " retry); a task the first one may have made" + upTo(1) + " cannot be looked up: the"
            + " provider's dashboard shows it");
      }
      return CompletableFuture.completedFuture(Optional.empty());
    }

    @Override
    public CompletableFuture<Optional<TaskSnapshot>> afterLast(ProviderException failure) {
      // Each try answered with a server error may have made a task: not a failure to try again.
      return CompletableFuture.failedFuture(ambiguous(request, failure, serverErrors(),
          "was answered with a server error" + howTakesEnded(failure)
              + " (" + triesThatMayHaveMadeATask() + upTo(serverErrors()) + ")"));
    }

    @Override
    public RuntimeException abandoned(ProviderException failure) {
      return ambiguous(request, failure, possibleExtraTasks()
          + (failure.kind() == FailureKind.SERVER_ERROR ? 0 : 1),
          (failure.kind() == FailureKind.SERVER_ERROR
          ? "was answered with a server error" : "got no usable answer") + " and was stopped before it was sent again");
    }
  }

  private static String checkSize(FollowOnRule rule, String size, List<Violation> found) {
    String field = "size";
    if (size == null || size.isBlank()) {
      if (rule.sizeRequired()) {
        found.add(Violation.error(field, ViolationCodes.SIZE_MISSING, null, String.join(", ", rule.sizes()),
            "size: " + rule.kind().withArticle() + " on " + rule.routeId() + " needs a size; choose " + String.join(", ", rule.sizes())));
      }
      return null;
    }
    if (rule.sizes().isEmpty()) {
      found.add(Violation.error(field, ViolationCodes.SIZE_NOT_ACCEPTED, size, "no size",
          "size: " + rule.kind().withArticle() + " on " + rule.routeId() + " takes no size; leave it out"));
      return null;
    }
    Optional<String> offered = rule.offeredSize(size);
    if (offered.isEmpty()) {
      found.add(Violation.error(field, ViolationCodes.SIZE_NOT_OFFERED, size, String.join(", ", rule.sizes()),
          "size: " + size + " is not offered for " + rule.kind().withArticle() + " on " + rule.routeId() + "; choose "
              + String.join(", ", rule.sizes())));
      return null;
    }
    return offered.get();
  }
}
