package dev.vidgen.core.client;

import dev.vidgen.core.concurrent.AsyncFailures;
import dev.vidgen.core.domain.ImageInput;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.AmbiguousSubmitException;
import dev.vidgen.core.error.BudgetExceededException;
import dev.vidgen.core.error.FailedUpload;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.error.ProviderErrorDetails;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.RequestRejectedException;
import dev.vidgen.core.error.VidgenException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.Operation;
import dev.vidgen.core.port.RequestPreview;
import dev.vidgen.core.port.SubmitRequest;
import dev.vidgen.core.port.VideoProvider;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.pricing.Pricing;
import dev.vidgen.core.text.SafeText;
import dev.vidgen.core.text.UploadNames;
import dev.vidgen.core.text.Waits;
import dev.vidgen.core.validation.JobValidator;
import dev.vidgen.core.validation.ValidationReport;
import dev.vidgen.core.validation.Violation;
import dev.vidgen.core.validation.ViolationCodes;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The way of one job up to its task id: validate, quote, take the price from the budget, upload
 * local images, create the task (with retries; an unanswered create is looked up by its client
 * reference, never sent again blindly) and record the {@link JobHandle}.
 */
final class SubmitPipeline {
  /** How often a create that got no answer and is not found by its reference is sent again. */
  static final int MAX_AMBIGUOUS_RESENDS = 2;
  /** The client reference a preview shows; a real submit sends a fresh one. */
  static final String PREVIEW_REFERENCE = dev.vidgen.core.port.RequestPreview.STAND_IN_REFERENCE;

  private final ClientRuntime runtime;
  private final RouteCatalog catalog;
  private final JobValidator validator;
  private final BudgetLedger ledger;
  private final RetryLoop retries;
  /** Issue 11: live model check, money before paying, local video uploads (see {@link Preflight}). */
  private final Preflight preflight;
  /** A submitted job's validation warnings (a retired or retiring model, an undocumented parameter), told once each. */
  private final ValidationWarnings validationWarnings;
  /** Where the provider kept this client's uploads: its own URLs there draw no "names this machine" warning. */
  private final UploadServers uploadServers = new UploadServers();
  /** Told when a create leaves, so that closing the client waits for its answer. */
  private final OpenSubmits openSubmits;
  /** Routes whose hints the provider cannot use, by id, with what is wrong: a job on one is refused. */
  private final Map<String, String> unusableHints;
  /** The job instances found free of the provider's keys: a submit right after validation does not scan them again. */
  private final CleanKeyScans keyScans = new CleanKeyScans();

  /** {@code unusableHints}: the routes whose hints the provider cannot use, by id, with what is wrong. */
  SubmitPipeline(ClientRuntime runtime, RouteCatalog catalog, boolean allowRetired, BudgetLedger ledger,
      RetryLoop retries, Preflight preflight, OpenSubmits openSubmits, Map<String, String> unusableHints) {
    this.unusableHints = Map.copyOf(unusableHints);
    this.runtime = runtime;
    this.catalog = catalog;
    this.validator = (allowRetired ? JobValidator.of(catalog).allowingRetired() : JobValidator.of(catalog))
        .withClock(new SchedulingClock(runtime.time())).forProvider(runtime.provider().id());
    this.ledger = ledger;
    this.retries = retries;
    this.preflight = preflight;
    this.validationWarnings = new ValidationWarnings(runtime.events());
    this.openSubmits = openSubmits;
  }

  /** How many times a job's text was scanned for the provider's keys. */
  long keyScans() {
    return keyScans.scans();
  }

  /** A job that passed validation, with its mode resolved, its route, its price and the warnings it drew. */
  record Prepared(VideoJob job, ModelRoute route, PriceQuote quote, List<Violation> warnings) {}

  /**
   * The catalog's checks (knowing the live model list when it is kept), then the provider's own for
   * the job's extra parameters.
   */
  ValidationReport validate(VideoJob job) {
    return validate(job, preflight.knownModels().orElse(null));
  }

  /**
   * {@link #validate(VideoJob)}; when the only errors are the route's retirement, the live model list is read
   * first when it is not kept, or again when the kept one lacks the route (at most every 30 s), as a retired
   * route it offers is usable. A model the catalog lacks has the list read the same way, so that one the key
   * offers is refused as a model with no route, not as a misspelling.
   */
  CompletableFuture<ValidationReport> validateWithLiveList(VideoJob job) {
    ValidationReport report = validate(job);
    if (unknownModel(report) && preflight.checksModels()) {
      return preflight.readModelsNaming(job.model())
          .thenApply(live -> live.map(listed -> validate(job, listed)).orElse(report));
    }
    if (!onlyRetirement(report) || !preflight.checksModels()) {
      return CompletableFuture.completedFuture(report);
    }
    // A kept list that lacks the route is read again when due: the key may have been given it since.
    Optional<ModelRoute> route = catalog.find(job.model()); // a retired model is always a catalog route
    if (route.isEmpty()) {
      return CompletableFuture.completedFuture(report);
    }
    return preflight.readModelsHolding(route.get())
        .thenApply(live -> live.map(listed -> validate(job, listed)).orElse(report));
  }

  /**
   * Whether {@code report} refuses a model the catalog has no route for (unknown, or removed by a route file): the
   * key's live list cannot make it valid, but says whether the key offers it and which models to name instead.
   */
  private static boolean unknownModel(ValidationReport report) {
    return report.errors().stream().anyMatch(error -> error.code().equals(ViolationCodes.MODEL_UNKNOWN));
  }

  /** Whether {@code report}'s errors are all the route's retirement: what the key's live list can lift. */
  private static boolean onlyRetirement(ValidationReport report) {
    return !report.isValid() && report.errors().stream()
        .allMatch(error -> error.code().equals(ViolationCodes.MODEL_RETIRED));
  }

  /**
   * {@link #validate(VideoJob)} against {@code live}, the key's live model list (null: not known); a key of the
   * provider that a job holds (as a parameter's name, say) is masked in every violation, which words it refuses.
   */
  private ValidationReport validate(VideoJob job, Set<String> live) {
    return validate(job, live, false);
  }

  /**
   * {@link #validate(VideoJob, Set)}; {@code submitting}: this very job instance, found free of the provider's keys
   * by an earlier validation (the caller's), is not scanned for them again.
   */
  private ValidationReport validate(VideoJob job, Set<String> live, boolean submitting) {
    return ProviderJobChecks.masked(uploadServers.withoutOwnUrls(checked(job, live, submitting), job),
        runtime.provider());
  }

  private ValidationReport checked(VideoJob job, Set<String> live, boolean submitting) {
    ValidationReport report = (live == null ? validator : validator.withLiveModels(live)).validate(job);
    if (job == null) {
      return report;
    }
    // The provider's keys pasted into the job's text: refused for every provider, whatever the route.
    List<Violation> keys = keyScans.keysIn(job, runtime.provider(), submitting);
    Optional<ModelRoute> route = catalog.find(job.model());
    if (route.isEmpty()) {
      return keys.isEmpty() ? report : with(report, keys);
    }
    String unusable = unusableHints.get(route.get().id());
    if (unusable != null) {
      List<Violation> all = new ArrayList<>(report.violations());
      all.addAll(keys);
      String origin = catalog.origin(route.get().id()).orElse(RouteCatalog.BUILT_IN);
      all.add(Violation.error("model", ViolationCodes.MODEL_HINTS_UNUSABLE, route.get().id(),
          "a route whose hints provider " + runtime.provider().id() + " can use",
          "the route " + route.get().id() + " (from " + origin + ") cannot be used with provider "
              + runtime.provider().id() + ": " + unusable + "; jobs on it are refused until its hints are fixed"
              + " (other models are not affected)"));
      return new ValidationReport(report.model(), report.mode(), all);
    }
    VideoJob resolved = job.mode() == null && report.resolvedMode().isPresent() ? job.withMode(report.mode()) : job;
    List<Violation> more = new ArrayList<>(keys);
    more.addAll(runtime.provider().checkParams(resolved, route.get()));
    more.addAll(ProviderJobChecks.filledParams(resolved, route.get(), runtime.provider(), more));
    if (more.isEmpty()) {
      return report;
    }
    // A parameter refused for replacing a setting is not also "sent unchanged".
    Set<String> refused = new java.util.HashSet<>();
    more.stream().filter(Violation::isError).forEach(v -> refused.add(v.field()));
    List<Violation> all = new ArrayList<>(report.violations().stream()
        .filter(v -> v.isError() || !refused.contains(v.field())).toList());
    all.addAll(more);
    return new ValidationReport(report.model(), report.mode(), all);
  }

  /** {@code report} with {@code more} added after its own violations. */
  private static ValidationReport with(ValidationReport report, List<Violation> more) {
    List<Violation> all = new ArrayList<>(report.violations());
    all.addAll(more);
    return new ValidationReport(report.model(), report.mode(), all);
  }

  /** The job's route, or an {@link InvalidJobException} (the validator names the nearest known models). */
  ModelRoute route(VideoJob job) {
    return catalog.find(job.model()).orElseThrow(() -> new InvalidJobException(validate(job)));
  }

  PriceQuote quote(VideoJob job) {
    return Pricing.quote(catalog, route(job), job);
  }

  /** Validates, resolves the mode and quotes; sends nothing. */
  Prepared prepare(VideoJob job) {
    ValidationReport report = validate(job);
    if (!report.isValid()) {
      throw new InvalidJobException(report);
    }
    return prepared(job, report);
  }

  private Prepared prepared(VideoJob job, ValidationReport report) {
    ModelRoute route = route(job);
    VideoJob resolved =
        job.mode() == null && report.resolvedMode().isPresent() ? job.withMode(report.mode()) : job;
    String name = route.nameFor(job.model());
    if (!name.equals(job.model())) {
      // The route's own spelling ("SEEDANCE-2" is sent as seedance-2; an alias as that alias).
      resolved = resolved.withModel(name);
    }
    return new Prepared(resolved, route, Pricing.quote(catalog, route, resolved), report.warnings());
  }

  /**
   * The create request for {@code job}, local images and videos shown as {@code upload://<file name>}, the name
   * as it reads (not percent-encoded); a second file of a name already shown gets its folder too ({@code
   * upload://sub/still.png}), while one file given twice is shown the same both times.
   */
  RequestPreview preview(VideoJob job) {
    return preview(prepare(job));
  }

  /** The create request for a prepared job, as {@link #preview(VideoJob)} shows it; sends nothing. */
  private RequestPreview preview(Prepared prepared) {
    LocalNames names = LocalNames.of(prepared.job());
    List<ImageInput> images = prepared.job().images().stream().map(names::placeholder).toList();
    List<URI> videos = prepared.job().videos().stream().map(names::placeholder).toList(); // issue 11
    VideoProvider provider = runtime.provider();
    // The provider's code is called here for the dry run and the playground's check alike: its failure is its own.
    String reference = PreviewFailures.call(provider, () -> provider.takesClientReference(prepared.route()))
        ? PREVIEW_REFERENCE : null;
    // The name a create would send: the kept live list's spelling when it lists the model otherwise (an alias, or
    // its name in another case); no call is made for a preview.
    VideoJob shown = preflight.knownModels().filter(live -> !live.contains(prepared.job().model()))
        .flatMap(live -> prepared.route().spellingListedIn(live)).map(prepared.job()::withModel).orElse(prepared.job());
    SubmitRequest request = new SubmitRequest(shown.withImages(images).withVideos(videos), prepared.route(), reference);
    RequestPreview preview = PreviewFailures.call(provider, () -> provider.preview(request));
    return preview == null ? null : new RequestPreview(preview.method(), preview.url(), preview.headers(),
        UploadNames.readable(preview.body(), names.all()));
  }

  /** The names a preview shows a job's local images and videos by, in their order (images first). */
  private record LocalNames(Map<Path, String> byPath, List<String> all) {
    static LocalNames of(VideoJob job) {
      List<Path> files = new ArrayList<>();
      job.images().stream().filter(ImageInput.Local.class::isInstance)
          .forEach(image -> files.add(((ImageInput.Local) image).path()));
      job.videos().stream().filter(VideoJob::isLocalVideo).map(LocalNames::path).forEach(files::add);
      List<String> names = UploadNames.of(files);
      Map<Path, String> byPath = new HashMap<>();
      for (int i = 0; i < files.size(); i++) {
        byPath.putIfAbsent(files.get(i), names.get(i));
      }
      return new LocalNames(byPath, names);
    }

    private static Path path(URI video) {
      try {
        return Path.of(video);
      } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException unnamed) {
        return Path.of("video"); // validated jobs name their files; kept only so that a preview never fails here
      }
    }

    /** A local video shown as {@code upload://<name>} (issue 11); a URL as it is. */
    URI placeholder(URI video) {
      return VideoJob.isLocalVideo(video) ? UploadNames.placeholder(byPath.get(path(video))) : video;
    }

    ImageInput placeholder(ImageInput image) {
      return image instanceof ImageInput.Local local
          ? new ImageInput.Remote(UploadNames.placeholder(byPath.get(local.path()))) : image;
    }
  }

  CompletableFuture<JobHandle> submit(VideoJob job) {
    return submit(job, null);
  }

  /**
   * Uploads the job's local images and videos (with retries), each file once; the job comes back
   * with URLs in their place. A file that no longer passes its checks fails it as an invalid job,
   * before anything of it is sent when that is already so at the start.
   */
  CompletableFuture<VideoJob> upload(VideoJob job) {
    return upload(job, ValidatedBytes.read(job, runtime.io()));
  }

  /**
   * {@link #upload(VideoJob)}, the files' bytes compared with {@code validated}, read when the job was validated,
   * before the uploads (a file changed since then is not uploaded) and once they are done (a file changed, deleted
   * or made unreadable while it was being uploaded): either fails it before any create.
   */
  private CompletableFuture<VideoJob> upload(VideoJob job, CompletableFuture<ValidatedBytes> validated) {
    if (!job.hasLocalImages() && !job.hasLocalVideos()) {
      return CompletableFuture.completedFuture(job);
    }
    try {
      UploadFailures.requireUsable(job);
    } catch (InvalidJobException e) {
      return CompletableFuture.failedFuture(e);
    }
    return validated.thenCompose(bytes -> {
      // Bytes that were never checked are not uploaded: a file rewritten since validation stops the job here.
      bytes.requireUnchangedBeforeUpload(job);
      return uploadImages(job)
          .thenCompose(preflight::uploadVideos) // issue 11: local videos, uploaded once per client
          .thenApply(uploaded -> {
            // What went up is what was validated only if the files still hold it once read: else no create.
            bytes.requireUnchanged(job);
            uploadServers.noteUploads(job, uploaded);
            return uploaded;
          });
    })
        .exceptionallyCompose(failure -> CompletableFuture.failedFuture(UploadFailures.afterFailure(job, failure)));
  }

  /** {@link #submit(VideoJob)} sending {@code requestedReference} (when the route takes one) instead of a fresh one. */
  CompletableFuture<JobHandle> submit(VideoJob job, String requestedReference) {
    return submit(job, requestedReference, new CompletableFuture<>());
  }

  /**
   * {@link #submit(VideoJob, String)} that sends no create (again) once {@code stopSending} is done:
   * the submit then ends with a {@link CancellationException} when no try can have made a task.
   */
  CompletableFuture<JobHandle> submit(VideoJob job, String requestedReference, CompletableFuture<?> stopSending) {
    return submit(job, requestedReference, stopSending, CreateTakes.NONE);
  }

  /** {@link #submit(VideoJob, String, CompletableFuture)} telling {@code takes} about its create's takes. */
  CompletableFuture<JobHandle> submit(VideoJob job, String requestedReference, CompletableFuture<?> stopSending,
      CreateTakes takes) {
    return submit(job, requestedReference, stopSending, takes, requestedReference != null);
  }

  /**
   * {@link #submit(VideoJob, String, CompletableFuture, CreateTakes)}; {@code callerHasReference}: the caller
   * knows the reference the create carries (it chose it, or {@code takes} hands it on to where a stop reports
   * it), so that {@code stopSending} ends a look-up by it at once, as ambiguous, rather than after its grace.
   */
  CompletableFuture<JobHandle> submit(VideoJob job, String requestedReference, CompletableFuture<?> stopSending,
      CreateTakes takes, boolean callerHasReference) {
    if (requestedReference == null) {
      return submitOnce(job, null, stopSending, takes, callerHasReference, () -> { });
    }
    // Two creates under one reference would make two paid tasks that a look-up by it cannot tell apart.
    if (!referencesOnTheirWay.add(requestedReference)) {
      return CompletableFuture.failedFuture(new IllegalStateException("the client reference "
          + dev.vidgen.core.text.SafeText.clip(requestedReference, 80) + " is already used by a submit on its way"
          + " from this client; nothing was sent: wait for that submit's handle, or give this job a reference of its"
          + " own"));
    }
    // Freed once the create settles (answered, refused, ambiguous), not when the caller's future ends: a caller who
    // cancels does not take back a create on its way.
    AtomicBoolean freed = new AtomicBoolean();
    return submitOnce(job, requestedReference, stopSending, takes, true, () -> {
      if (freed.compareAndSet(false, true)) { // once: a second removal could free another submit's reference
        referencesOnTheirWay.remove(requestedReference);
      }
    });
  }

  /** The client references of the submits on their way, as their callers gave them. */
  private final Set<String> referencesOnTheirWay = ConcurrentHashMap.newKeySet();

  /** The submit; {@code settled} runs once no create of it can still be answered. */
  private CompletableFuture<JobHandle> submitOnce(VideoJob job, String requestedReference,
      CompletableFuture<?> stopSending, CreateTakes takes, boolean callerHasReference, Runnable settled) {
    return submitOnce(job, requestedReference, stopSending, takes, callerHasReference, settled,
        preflight.knownModels().orElse(null), false);
  }

  /**
   * The submit knowing {@code live}, the key's live model list (null: not known); a job refused only
   * for its route's retirement while the list is not known has it read first ({@code listRead} once).
   */
  private CompletableFuture<JobHandle> submitOnce(VideoJob job, String requestedReference,
      CompletableFuture<?> stopSending, CreateTakes takes, boolean callerHasReference, Runnable settled,
      Set<String> live, boolean listRead) {
    Prepared prepared;
    CompletableFuture<ValidatedBytes> validatedBytes;
    try {
      ValidationReport report = validate(job, live, true);
      if (!report.isValid()) {
        throw new InvalidJobException(report);
      }
      prepared = prepared(job, report);
      // The local files' bytes as validated, read off this thread before the live list and funds are checked.
      validatedBytes = ValidatedBytes.read(job, runtime.io());
      // The dry run's preview, before anything is read, uploaded or paid: a provider whose preview fails (a jar built
      // for an older SPI, say) is refused here in the same words, rather than paid for by a create that works.
      preview(prepared);
      // A look only: the quote is taken once the checks that may refuse the job without sending anything pass, so
      // that a job they refuse never holds budget another job needs meanwhile.
      ledger.requireRoom(prepared.quote());
    } catch (RuntimeException e) {
      Optional<ModelRoute> retired = catalog.find(job.model());
      if (!listRead && retired.isPresent() && e instanceof InvalidJobException invalid
          && onlyRetirement(invalid.report()) && preflight.checksModels()) {
        // The key's live list is the newer word on a retired route: read it (again, when the kept one lacks the
        // route and a read is due), then decide (unreadable: refused as before).
        return preflight.afterReadingModels(retired.get(),
            read -> submitOnce(job, requestedReference, stopSending, takes, callerHasReference, settled, read, true),
            settled);
      }
      if (!listRead && retired.isEmpty() && e instanceof InvalidJobException invalid && unknownModel(invalid.report())
          && preflight.checksModels()) {
        // Refused all the same; the key's list (free to read) tells a model it offers with no route from a misspelling.
        return preflight.afterReadingModels(job.model(),
            read -> submitOnce(job, requestedReference, stopSending, takes, callerHasReference, settled, read, true),
            settled);
      }
      settled.run();
      if (e instanceof VidgenException refused) {
        runtime.events().failed(null, refused);
        return CompletableFuture.failedFuture(e);
      }
      throw e;
    }
    CompletableFuture<JobHandle> result = new CompletableFuture<>();
    String reference = !runtime.provider().takesClientReference(prepared.route()) ? null
        : requestedReference != null ? requestedReference : newReference();
    String submitId = Events.nextSubmitId(); // what this submit's log lines carry up to its task
    AtomicBoolean funded = new AtomicBoolean(); // issue 11
    AtomicBoolean budgeted = new AtomicBoolean(); // its quote taken from the client's budget
    AtomicReference<CreateAfterServerError> afterError = new AtomicReference<>();
    AtomicReference<String> sentModel = new AtomicReference<>();
    AtomicReference<Instant> creatingAt = new AtomicReference<>();
    AtomicBoolean filesLeft = new AtomicBoolean(); // its local files began to upload: a stop cannot say nothing left
    // issue 11: live model list, money before paying; once the local files' bytes are read as validated, so that
    // what changes after this moment is known to have changed.
    validatedBytes.thenCompose(bytes -> preflight.check(prepared.route(), prepared.job().model(), prepared.quote(),
            prepared.job(), () -> {
              ledger.reserve(prepared.quote());
              budgeted.set(true);
            }))
        .thenCompose(name -> {
          funded.set(true);
          // Told once the live list and the funds let the job go: "it is sent anyway" is then true.
          validationWarnings.tell(prepared.warnings());
          VideoJob named = name.equals(prepared.job().model()) ? prepared.job() : prepared.job().withModel(name);
          if (named.hasLocalImages() || named.hasLocalVideos()) {
            // Marked before the stop is read, so that a stop at this moment never says nothing left while a file does.
            filesLeft.set(true);
            openSubmits.uploading(stopSending);
            if (stopSending.isDone()) {
              throw new SubmitNotSentException("the submit was told to stop before its files were uploaded; nothing"
                  + " was sent");
            }
          }
          return upload(named, validatedBytes);
        })
        .thenCompose(uploaded -> {
          if (result.isCancelled()) {
            throw new CancellationException("submit cancelled before the create");
          }
          if (!openSubmits.leaving(stopSending, "the create of " + aTask(prepared.route().id()), reference)) {
            throw new SubmitNotSentException("the submit was told to stop before its create went out; "
                + SubmitNotSentException.sentBeforeTheCreate(filesLeft.get()));
          }
          runtime.events().creating(prepared.route().id(), reference, submitId);
          creatingAt.set(runtime.time().now());
          if (reference != null) {
            try {
              takes.carrying(reference);
            } catch (RuntimeException notTold) {
              // Only the caller's record of the reference is missing; the create goes out as it would have.
            }
          }
          SubmitRequest request = new SubmitRequest(uploaded, prepared.route(), reference);
          sentModel.set(uploaded.model());
          CreateAfterServerError guard = new CreateAfterServerError(request, requestedReference, callerHasReference,
              prepared.quote(), result, stopSending, takes, filesLeft.get(), submitId);
          afterError.set(guard);
          return create(request, guard, stopSending, callerHasReference);
        })
        .whenComplete((snapshot, failure) -> Futures.guard(result, () -> {
          settled.run();
          CreateAfterServerError guard = afterError.get();
          if (failure == null && snapshot != null) {
            preflight.settleIf(funded.get(), prepared.quote());
            JobHandle handle = new JobHandle(runtime.provider().id(), snapshot.taskId(), prepared.route().id(),
                prepared.quote(), madeAt(snapshot, creatingAt.get()), reference,
                guard == null ? 0 : guard.possibleExtraTasks());
            runtime.events().submitted(handle, snapshot, submitId);
            result.complete(handle);
          } else {
            Throwable cause = failure == null
                ? faultyCreate(reference, guard, "answered the create of a "
                    + prepared.route().id() + " task with no task (null where its snapshot belongs)", null)
                : AsyncFailures.unwrap(failure);
            if (guard != null && ProviderFaultException.isProvidersOwn(cause)) {
              // The create went out (or may have): what the provider let out cannot tell whether it made a task. An
              // UnsupportedOperationException too: create is no optional call, and a library the provider uses may
              // throw one (an unmodifiable list, say) after the request left.
              cause = faultyCreate(reference, guard,
                  ProviderFaultException.failed("the create of " + aTask(prepared.route().id()), cause), cause);
            }
            if (cause instanceof CancellationException && !(cause instanceof SubmitNotSentException)
                && stopSending.isDone() && !result.isDone()) {
              // Stopped while every try so far made nothing (a 429, a 503): said as such, so a caller may send it later.
              cause = afterError.get() == null ? new SubmitNotSentException("the create was held back before it went"
                  + " out: the submit was told to stop sending; " + SubmitNotSentException.sentBeforeTheCreate(
                      filesLeft.get())) : afterError.get().notSent("the create");
            }
            if (cause instanceof RequestRejectedException rejected && sentModel.get() != null
                && rejected.refusesModel(sentModel.get())) {
              // The provider's word beats the kept list: the next job on this model is checked against a fresh one.
              preflight.modelRefused(sentModel.get());
            }
            if (cause instanceof AmbiguousSubmitException unanswered && unanswered.sentAt().isEmpty()
                && creatingAt.get() != null) {
              cause = unanswered.withSentAt(creatingAt.get()); // a task made then is the one to look for
            }
            preflight.releaseIf(funded.get(), prepared.quote(), cause); // issue 11
            fail(result, budgeted.get() ? prepared.quote() : null, cause, stopSending, submitId);
          }
        }));
    return result;
  }

  /**
   * Whether {@code failure} of a create is none of vidgen's own (an exception or an {@link Error} a provider
   * let out, see {@link ProviderFaultException#isProvidersOwn}): no stop, no failing JVM, and no
   * {@link UnsupportedOperationException}, which is how a provider says it lacks a capability (an extend, say)
   * without sending anything.
   */
  static boolean isUnexpected(Throwable failure) {
    return ProviderFaultException.isProvidersOwn(failure) && !(failure instanceof UnsupportedOperationException);
  }

  /**
   * A create the provider answered in a way it must not ({@code what}: no task, an unexpected exception):
   * ambiguous, as a task may exist and be billed, told with the provider's id and the client reference
   * sent, so that a look-up (or the command line's history) can still find it.
   */
  private AmbiguousSubmitException faultyCreate(String reference, CreateAfterServerError guard, String what,
      Throwable cause) {
    return faultyCreate(runtime.provider().id(), reference, 1 + (guard == null ? 0 : guard.possibleExtraTasks()),
        what, cause);
  }

  /** As above, for the provider {@code provider}, where {@code possibleTasks} takes may each have made a task. */
  static AmbiguousSubmitException faultyCreate(String provider, String reference, int possibleTasks, String what,
      Throwable cause) {
    ProviderErrorDetails details = ProviderErrorDetails.of(provider, 0, ProviderErrorDetails.PROVIDER_FAULT,
        what + ", a fault of the provider; a task may exist and be billed, so vidgen did not send"
            + " the create again: " + (reference == null
                ? "check the provider's dashboard before you send it again"
                : "look it up by client reference " + reference + " before you send it again")
            + " (see docs/errors.md#ambiguous-submit)");
    return new AmbiguousSubmitException(details, reference, possibleTasks, cause);
  }

  /** Ends the submit with {@code failure}, giving back {@code quote} (null: none was taken) unless a task may exist. */
  private void fail(CompletableFuture<JobHandle> result, PriceQuote quote, Throwable failure,
      CompletableFuture<?> stopSending, String submitId) {
    if (quote != null && !(failure instanceof AmbiguousSubmitException)) {
      ledger.release(quote);
    }
    // A close that ended this submit as ambiguous has told its failure already.
    if (failure instanceof VidgenException error && OpenSubmits.tellsFailure(stopSending)) {
      runtime.events().failed(null, error, submitId);
    }
    result.completeExceptionally(failure);
  }

  /** The job's local images uploaded, in their order; a file given twice (the same normalized path) is uploaded once. */
  private CompletableFuture<VideoJob> uploadImages(VideoJob job) {
    if (!job.hasLocalImages()) {
      return CompletableFuture.completedFuture(job);
    }
    Map<Path, CompletableFuture<ImageInput>> byFile = new HashMap<>();
    List<CompletableFuture<ImageInput>> images = job.images().stream()
        .map(image -> image instanceof ImageInput.Local local
            ? byFile.computeIfAbsent(sameFileKey(local.path()), unused -> upload(local))
            : CompletableFuture.completedFuture(image))
        .toList();
    return CompletableFuture.allOf(images.toArray(CompletableFuture[]::new))
        .thenApply(done -> job.withImages(images.stream().map(image -> image.getNow(null)).toList()));
  }

  /** What tells two paths of one file apart from two files: the real path (links followed), else the normalized one. */
  private static Path sameFileKey(Path path) {
    try {
      return path.toRealPath();
    } catch (java.io.IOException | SecurityException e) {
      return path.toAbsolutePath().normalize();
    }
  }

  private CompletableFuture<ImageInput> upload(ImageInput.Local local) {
    return retries
        .run(Operation.UPLOAD, null, null, () -> runtime.provider().upload(local.path()))
        .<ImageInput>thenApply(url -> {
          runtime.events().uploaded(local.path(), url);
          return new ImageInput.Remote(url);
        })
        .exceptionallyCompose(failure -> CompletableFuture.failedFuture(
            UploadFailures.of(runtime.provider().id(), new FailedUpload("image", local.path()), failure)));
  }

  /**
   * Creates the task; {@code caller} is the submit's own future, which once done stops any resend, as
   * does {@code stopSending}.
   */
  private CompletableFuture<TaskSnapshot> create(SubmitRequest request, CreateAfterServerError afterError,
      CompletableFuture<?> stopSending, boolean callerKeepsReference) {
    return retries.run(Operation.CREATE, null, null, () -> runtime.provider().create(request, stopSending, afterError),
        whenUnanswered(request, callerKeepsReference ? stopSending : null, afterError), afterError);
  }

  /**
   * A create answered with a server error (HTTP 500) is sent again (a few short retries), but the
   * server may have made the task before it failed. Where the create carried a client reference the
   * task is looked up before each resend and after the last try, "not found" believed only after the
   * not-found grace (a fresh task may not be listed yet), and a task found is adopted instead of paid
   * again; a look-up that fails ends the submit as ambiguous. Where it carried none, a warning says
   * that the first create may have made a task, which only the dashboard can tell. A caller who
   * knows the reference (chose it, or is told it as a stopped generate is) can look it up later
   * itself, so its stop signal ends a look-up at once.
   */
  private final class CreateAfterServerError extends ResendGuard {
    private final SubmitRequest request;
    /** The reference the caller gave the submit, sent or not: what tells a listener which job was sent again. */
    private final String submitReference;
    /** Ends a look-up at once, as ambiguous, when done; null: never (the caller does not know the reference). */
    private final CompletableFuture<?> stopLooking;
    /** Whether the job's local files were uploaded before this create. */
    private final boolean uploaded;
    /** How long this create's look-ups by client reference took in all: what its final error says was spent. */
    private final AtomicReference<Duration> lookedUpFor = new AtomicReference<>(Duration.ZERO);
    /** The short id the submit's log lines carry. */
    private final String submitId;

    CreateAfterServerError(SubmitRequest request, String submitReference, boolean callerHasReference,
        PriceQuote quote, CompletableFuture<JobHandle> caller, CompletableFuture<?> stopSending, CreateTakes takes,
        boolean uploaded, String submitId) {
      super(ledger, quote, caller, stopSending, runtime.retries().blindCreateResends(), takes);
      this.submitId = submitId;
      this.request = request;
      this.submitReference = submitReference;
      this.stopLooking = callerHasReference ? stopSending : null;
      this.uploaded = uploaded;
    }

    @Override
    String sentBeforeTheCreate() {
      return SubmitNotSentException.sentBeforeTheCreate(uploaded);
    }

    @Override
    boolean blind() {
      return request.clientReference() == null;
    }

    @Override
    public String submit() {
      return submitId;
    }

    /** The retry told of this create, with its submit's reference: a server error is looked up by reference first. */
    @Override
    public void retrying(ProviderException failure, int attempt, Duration delay) {
      runtime.events().createRetry(submitReference, failure, attempt, delay,
          !blind() && failure.kind() == FailureKind.SERVER_ERROR);
    }

    @Override
    public CompletableFuture<Optional<TaskSnapshot>> beforeResend(ProviderException failure) {
      String reference = request.clientReference();
      String model = request.route().id();
      if (reference == null) {
        if (!mayResendBlind()) {
          return CompletableFuture.failedFuture(ambiguous(failure, null, serverErrors(),
              "the create of " + aTask(model) + " was answered with a server error " + times(serverErrors()),
              "and is not sent again: each take answered so may have made a task" + upTo(serverErrors()) + ", and " + model
                  + " takes no client reference to look them up by; check the provider's dashboard before you send it"
                  + " again"));
        }
        // The create answered may have made a paid task, so the resend counts against the budget once more.
        try {
          reserveResend();
        } catch (BudgetExceededException over) {
          return CompletableFuture.failedFuture(ambiguous(failure, null, serverErrors(),
              "the create of " + aTask(model) + " was answered with a server error",
              "and was not sent again: it may have made a task, and " + overBudget(over)
                  + "; check the provider's dashboard before you send it again"));
        }
        // The caller records that one more take may make a task before it leaves: a kill after that counts both.
        CompletableFuture<Optional<TaskSnapshot>> resent = new CompletableFuture<>();
        sendingAgainBlind().whenComplete((heard, notHeard) -> {
          if (notHeard != null) {
            String why = SafeText.clip(String.valueOf(AsyncFailures.unwrap(notHeard).getMessage()), 200);
            resent.completeExceptionally(ambiguous(failure, null, serverErrors(),
                "the create of " + aTask(model) + " was answered with a server error",
                "and was not sent again: it may have made a task, and the caller could not record that it was being"
                    + " sent again (" + why + "); check the provider's dashboard before you send it again"));
            return;
          }
          try {
            preflight.chargeResend(quote()); // the take answered 500 may have been paid: what is left says so
            runtime.events().resentBlind(model, quote(), submitReference);
            if (firstResend()) {
              runtime.events().warning("create.resent", "the create of " + aTask(model) + " was answered with a"
                  + " server error (" + failure.getMessage() + "); it is sent again once (a short retry); " + model
                  + " takes no client reference, so a task the first create may have made" + upTo(1) + " cannot be"
                  + " looked up: the provider's dashboard shows it (submit " + submitId + ")");
            }
            resent.complete(Optional.empty());
          } catch (RuntimeException e) {
            resent.completeExceptionally(e);
          }
        });
        return resent;
      }
      if (openSubmits.closing()) {
        return CompletableFuture.failedFuture(closedBeforeLookUp(failure, reference,
            "the create of " + aTask(model) + " was answered with a server error"));
      }
      // A 500 may come after the task was made, and a fresh task may not be listed yet: "not found" is believed
      // only after the not-found grace, as after a create that got no answer (each look under the retry policy).
      runtime.events().warning("create.lookup", "the create of " + aTask(model) + " was answered with a server error ("
          + failure.getMessage() + "); its task is looked up by client reference " + reference + " " + lookUpSpan()
          + " before the create is sent again");
      runtime.events().createLookUp(reference, lookUpAtMost());
      Instant began = runtime.time().now();
      return adopted(retries.lookUpFreshTask(() -> runtime.provider().findByClientReference(reference)),
          failure, reference, true, began);
    }

    @Override
    public RuntimeException abandoned(ProviderException failure) {
      String model = request.route().id();
      String reference = request.clientReference();
      return ambiguous(failure, reference, reference == null ? possibleExtraTasks()
              + (failure.kind() == FailureKind.SERVER_ERROR ? 0 : 1) : 1,
          "the create of " + aTask(model) + " " + (failure.kind() == FailureKind.SERVER_ERROR
              ? "was answered with a server error" : "went out but got no usable answer"),
          "and its submit was cancelled before vidgen could tell whether the task was made: " + (reference == null
              ? "check the provider's dashboard before you send it again"
              : "look it up by client reference " + reference + " before you send it again"));
    }

    @Override
    public CompletableFuture<Optional<TaskSnapshot>> afterLast(ProviderException failure) {
      String reference = request.clientReference();
      if (reference == null) {
        // Every try after the first 500 may have made a task that cannot be looked up: not a failure to try again.
        String model = request.route().id();
        return CompletableFuture.failedFuture(ambiguous(failure, null, serverErrors(),
            "the create of " + aTask(model) + " was answered with a server error" + howTakesEnded(failure),
            "and " + triesThatMayHaveMadeATask() + upTo(serverErrors()) + "; " + model
                + " takes no client reference,"
                + " so vidgen cannot look it up: check the provider's dashboard before you send it again"));
      }
      Instant began = runtime.time().now();
      return adopted(retries.lookUpFreshTask(() -> runtime.provider().findByClientReference(reference)), failure,
          reference, false, began);
    }

    /**
     * A create that kept failing with server errors though looked up after each: its error says that no task
     * of its reference was listed, so that the job is not taken for one that may have been paid.
     */
    @Override
    public ProviderException ended(ProviderException ending) {
      String reference = request.clientReference();
      if (reference == null || !(ending instanceof dev.vidgen.core.error.ServerErrorException server)) {
        return ending;
      }
      ProviderErrorDetails d = ending.details();
      ProviderErrorDetails noted = new ProviderErrorDetails(d.providerId(), d.httpStatus(), d.code(), d.message()
          + "; after each try the task was looked up by client reference " + reference + ", for "
          + Waits.describe(lookedUpFor.get()) + " in all, and none was listed, so no task is known to have been made",
          d.requestId(), d.retryAfter(), d.rateLimit(), d.taskId());
      dev.vidgen.core.error.ServerErrorException told = new dev.vidgen.core.error.ServerErrorException(noted, ending);
      return server.tries() > 0 ? told.gaveUpAfter(server.tries()) : told;
    }

    /**
     * Counts the take that {@code what} (as "got no usable answer") and that the look-up by {@code reference} did not
     * find, before the create is sent again: should it be listed late, it is a paid task of its own. A resend the
     * budget cannot take as well is not sent, and the create ends as ambiguous, saying why and what to do.
     */
    void resendAfterLookUp(ProviderException failure, String reference, String what) {
      String model = request.route().id();
      try {
        resentAfterLookUp();
      } catch (BudgetExceededException over) {
        int possibleTasks = possibleExtraTasks() + 1;
        throw new CompletionException(ambiguous(failure, reference, possibleTasks,
            "the create of " + aTask(model) + " " + what + ", and no task with client reference " + reference
                + " was found within the look-up's grace",
            "but it was not sent again: that create may still arrive late as a paid task" + upTo(possibleTasks) + ", and "
                + overBudget(over) + "; raise the budget (--max-credits on the command line) to take that create's price"
                + " as well to send it again, or look it up by client reference " + reference + " (the provider's"
                + " dashboard lists it) before you send it again"));
      }
      preflight.chargeResend(quote()); // the take looked up may yet be paid: what is left says so
    }

    /**
     * The task the look-up that {@code began} then found, adopted; {@code resendsIfNotFound}: whether the create is
     * sent again when none is.
     */
    private CompletableFuture<Optional<TaskSnapshot>> adopted(CompletableFuture<Optional<TaskSnapshot>> lookup,
        ProviderException failure, String reference, boolean resendsIfNotFound, Instant began) {
      if (stopLooking != null) {
        // As after a create that got no answer: the caller looks the reference up later, so the grace is not waited out.
        stopLooking.whenComplete((stopped, stopFailure) -> lookup.cancel(false));
      }
      return lookup.handle((found, lookupFailure) -> {
        lookedUpFor.accumulateAndGet(Duration.between(began, runtime.time().now()), Duration::plus);
        if (lookupFailure != null && stopLooking != null && stopLooking.isDone()
            && AsyncFailures.unwrap(lookupFailure) instanceof CancellationException) {
          throw new CompletionException(ambiguous(failure, reference,
              "the create of " + aTask(request.route().id()) + " was answered with a server error",
              "and its look-up by client reference " + reference + " was stopped (the submit was told to stop)"
                  + " before it could tell whether the task was made: look it up by that reference before you send"
                  + " it again"));
        }
        if (lookupFailure != null) {
          AmbiguousSubmitException error = ambiguous(failure, reference,
              "the create of " + aTask(request.route().id()) + " was answered with a server error",
              "and looking it up by client reference " + reference + " failed, so vidgen did not send it again:"
                  + " check the provider's dashboard for that reference before you send it again");
          error.addSuppressed(AsyncFailures.unwrap(lookupFailure));
          throw new CompletionException(error);
        }
        found.ifPresent(snapshot -> runtime.events().adopted(snapshot, reference));
        if (found.isEmpty() && resendsIfNotFound) {
          // The first take, listed late, would be a second task: its price stays counted before the resend goes out.
          resendAfterLookUp(failure, reference, "was answered with a server error");
          runtime.events().warning("create.resent", "no task of client reference " + reference + " was listed within"
              + " the look-up's grace of up to " + PollingLoop.spoken(runtime.retries().notFoundGraceAtMost())
              + ", so the create of " + aTask(request.route().id()) + " is sent again with the same reference; should"
              + " the provider list a task of the first create later than that, it is a second task (its dashboard"
              + " shows both)");
          runtime.events().createResent(reference);
        }
        return found;
      });
    }
  }

  /** A create whose answer was lost as the client closed: not looked up (nothing is sent once closing), said so. */
  private static AmbiguousSubmitException closedBeforeLookUp(ProviderException failure, String reference, String what) {
    return ambiguous(failure, reference, what, "and the client was closed before its task could be looked up: look it"
        + " up by client reference " + reference + " before you send it again");
  }

  /** "a seedance-2 task", "an acme-video-1 task": {@code model}'s task with the article its first letter takes. */
  static String aTask(String model) {
    boolean vowel = !model.isEmpty() && "aeiouAEIOU".indexOf(model.charAt(0)) >= 0;
    return (vowel ? "an " : "a ") + model + " task";
  }

  /**
   * After a create that got no answer: find the task by its reference (a "not found" is believed
   * only after the retry policy's grace, as a fresh task may not be listed yet), else send again,
   * else report. Once {@code stopLooking} (null: never) is done the look-up ends at once, as
   * ambiguous: given only where the caller knows the reference and so can look it up later itself.
   */
  private Function<ProviderException, CompletableFuture<Optional<TaskSnapshot>>> whenUnanswered(SubmitRequest request,
      CompletableFuture<?> stopLooking, CreateAfterServerError earlier) {
    AtomicInteger resends = new AtomicInteger();
    return failure -> {
      String reference = request.clientReference();
      String model = request.route().id();
      if (reference == null) {
        // This take may have made a task, and so may each earlier one answered 500 and sent again blindly.
        return CompletableFuture.failedFuture(ambiguous(failure, null, earlier.possibleExtraTasks() + 1,
            "the create of " + aTask(model) + " went out but got no usable answer",
            "so a task may exist and be billed; " + model + " takes no client reference, so vidgen could not look it"
                + " up and did not send the create again: check the provider's dashboard before you send it again"));
      }
      if (openSubmits.closing()) {
        return CompletableFuture.failedFuture(closedBeforeLookUp(failure, reference,
            "the create of " + aTask(model) + " went out but got no usable answer"));
      }
      runtime.events().warning("create.lookup", "the create of " + aTask(model) + " got no usable answer ("
          + failure.getMessage() + "); its task is looked up by client reference " + reference + " " + lookUpSpan()
          + " before the create is sent again");
      runtime.events().createLookUp(reference, lookUpAtMost());
      CompletableFuture<Optional<TaskSnapshot>> lookup =
          retries.lookUpFreshTask(() -> runtime.provider().findByClientReference(reference));
      if (stopLooking != null) {
        // The caller keeps the reference and looks it up later itself: no need to wait out the grace once it stops.
        stopLooking.whenComplete((stopped, stopFailure) -> lookup.cancel(false));
      }
      return lookup
          .handle((found, lookupFailure) -> {
            if (lookupFailure != null && stopLooking != null && stopLooking.isDone()
                && AsyncFailures.unwrap(lookupFailure) instanceof CancellationException) {
              throw new CompletionException(ambiguous(failure, reference,
                  "the create of " + aTask(model) + " went out but got no usable answer",
                  "and its look-up by client reference " + reference + " was stopped (the submit was told to stop)"
                      + " before it could tell whether the task was made: look it up by that reference before you"
                      + " send it again"));
            }
            if (lookupFailure != null) {
              AmbiguousSubmitException error = ambiguous(failure, reference,
                  "the create of " + aTask(model) + " went out but got no usable answer",
                  "and looking it up by client reference " + reference + " failed too, so vidgen did not send the"
                      + " create again: check the provider's dashboard for that reference before you send it again");
              error.addSuppressed(AsyncFailures.unwrap(lookupFailure));
              throw new CompletionException(error);
            }
            if (found.isEmpty() && resends.incrementAndGet() > MAX_AMBIGUOUS_RESENDS) {
              throw new CompletionException(ambiguous(failure, reference,
                  "the create of " + aTask(model) + " got no usable answer " + (MAX_AMBIGUOUS_RESENDS + 1) + " times",
                  "and no task with client reference " + reference + " was found; check the provider's dashboard for"
                      + " that reference before you send it again"));
            }
            if (found.isEmpty()) {
              // Should the first take arrive late, it is a second task: its price stays counted before the resend.
              earlier.resendAfterLookUp(failure, reference, "got no usable answer");
              runtime.events().warning("create.resent", "the create of " + aTask(model) + " got no usable answer and"
                  + " no task with client reference " + reference + " was found within the look-up's grace, so it is"
                  + " sent again with the same reference; should the first create still arrive late, two tasks carry"
                  + " that reference (the provider's dashboard shows both)");
              runtime.events().createResent(reference);
            }
            found.ifPresent(snapshot -> runtime.events().adopted(snapshot, reference));
            return found;
          });
    };
  }

  /** "{@code what} (the provider's words) {@code advice}", said once, with where the docs explain it. */
  private static AmbiguousSubmitException ambiguous(ProviderException failure, String reference, String what,
      String advice) {
    return ambiguous(failure, reference, 1, what, advice);
  }

  /** As above, where {@code possibleTasks} takes may each have made a task. */
  private static AmbiguousSubmitException ambiguous(ProviderException failure, String reference, int possibleTasks,
      String what, String advice) {
    ProviderErrorDetails d = failure.details();
    String said = d.message().isBlank() ? "" : " (" + d.message() + ")";
    ProviderErrorDetails details = new ProviderErrorDetails(d.providerId(), d.httpStatus(), d.code(),
        what + said + ", " + advice + " (see docs/errors.md#ambiguous-submit)", d.requestId(), d.retryAfter(),
        d.rateLimit(), d.taskId());
    return new AmbiguousSubmitException(details, reference, Math.max(1, possibleTasks), failure);
  }

  private String newReference() {
    long high = (runtime.random().nextLong() & ~0xF000L) | 0x4000L;
    long low = (runtime.random().nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
    return "vg-" + new UUID(high, low);
  }

  /**
   * When the task was made: for an answer that came late (more than a few seconds after the task was made), the
   * provider's own time, when it falls after the create left (less those seconds, as it may be told in whole
   * seconds), so that the late answer does not restart the task's clock (its polling, its time taken); else now,
   * the answer's time: a prompt answer's own time is as good and more exact, and a clock that disagrees with this
   * machine's cannot be read against it.
   */
  private Instant madeAt(dev.vidgen.core.domain.TaskSnapshot snapshot, Instant creating) {
    Instant now = runtime.time().now();
    return snapshot.reportedCreatedAt()
        .filter(made -> creating != null && !made.isBefore(creating.minus(CLOCKS_AGREE))
            && made.isBefore(now.minus(CLOCKS_AGREE)))
        .orElse(now);
  }

  /** How far the provider's clock may be off this machine's for its creation time to be used. */
  private static final java.time.Duration CLOCKS_AGREE = java.time.Duration.ofSeconds(5);

  /** The longest a create's look-up takes: the not-found grace's waits, then at most its reads' own time. */
  private Duration lookUpAtMost() {
    return retries.lookUpAtMost();
  }

  /** "(for at most about 102 s: up to 72 s …)", the look-up's bound as its warning says it, with this run's grace. */
  private String lookUpSpan() {
    return "(for at most about " + PollingLoop.spoken(lookUpAtMost()) + ": up to "
        + PollingLoop.spoken(runtime.retries().notFoundGraceAtMost()) + " of waits for a fresh task to be listed, and "
        + PollingLoop.spoken(RetryLoop.LOOK_UP_READS) + " for the look-up's own reads)";
  }
}
