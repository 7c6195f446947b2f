package dev.vidgen.core.client;

import dev.vidgen.core.concurrent.AsyncFailures;
import dev.vidgen.core.domain.FollowOn;
import dev.vidgen.core.domain.FollowOnKind;
import dev.vidgen.core.domain.FollowOnRules;
import dev.vidgen.core.catalog.RouteFiles;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.ProviderSelectionException;
import dev.vidgen.core.policy.Operation;
import dev.vidgen.core.policy.PollSchedule;
import dev.vidgen.core.policy.RouteDurations;
import dev.vidgen.core.policy.RetryPolicy;
import dev.vidgen.core.port.ApiKey;
import dev.vidgen.core.port.Balance;
import dev.vidgen.core.port.Balances;
import dev.vidgen.core.port.KeyInJob;
import dev.vidgen.core.port.ProviderConfig;
import dev.vidgen.core.port.RequestPreview;
import dev.vidgen.core.port.VideoProvider;
import dev.vidgen.core.port.VideoProviders;
import dev.vidgen.core.port.VidgenThreads;
import dev.vidgen.core.pricing.Budget;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.text.SafeText;
import dev.vidgen.core.text.ZeroPrices;
import dev.vidgen.core.validation.JobValidator;
import dev.vidgen.core.validation.ValidationReport;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The facade apps use: validate, quote, submit, await and download a video job, the same for
 * every provider. Nothing reaches the network before validation, quoting and the budget check
 * pass. Thread-safe; waiting runs on a shared scheduler, not a thread per job.
 *
 * <p>The futures of the {@code ...Async} methods complete on vidgen's own threads (the provider's
 * HTTP threads, the client's scheduler and download threads, a few in all): never block in a stage
 * that depends on one; chain {@code ...Async} calls with {@code thenCompose}, or give the stage an
 * executor of yours ({@code thenApplyAsync(fn, executor)}). A blocking method called on one of those
 * threads, or in a listener's callback, throws an {@link IllegalStateException} at once, before anything is sent.
 * A provider that answers at once (the mock) is answered on those threads too, unless the app gave the client
 * its scheduler (virtual time): then a future may be complete when it is returned.
 *
 * <p>The blocking methods throw the original {@link dev.vidgen.core.error.VidgenException}; the
 * {@code ...Async} forms complete exceptionally with it (unwrapped). Every error raised after a
 * task was created names its task id.
 */
public final class VidgenClient implements AutoCloseable {
  /** How long one {@link #status} call may take by default, its retries included. */
  public static final Duration DEFAULT_STATUS_TIMEOUT = Duration.ofSeconds(60);
  /** What a read out of time names as setting its limit, unless the builder was told another name. */
  private static final String STATUS_TIMEOUT_SETTING = "VidgenClient.Builder.statusTimeout";
  /** How long one {@link #balance} or {@link #balances} call may take by default, its retries included. */
  public static final Duration DEFAULT_BALANCE_TIMEOUT = Duration.ofSeconds(60);
  private static final String BALANCE_TIMEOUT_SETTING = "VidgenClient.Builder.balanceTimeout";
  /** How long {@link #close()} waits by default for the answers of creates on their way (as an interrupted generate). */
  public static final Duration DEFAULT_CLOSE_WAIT = Duration.ofSeconds(10);
  /** The most a result download may bring by default (2 GiB): far more than a video of a few minutes, not a disk's worth. */
  public static final long DEFAULT_MAX_VIDEO_BYTES = 2L * 1024 * 1024 * 1024;
  /**
   * How long a step under way when a caller's deadline passes is given to end: a download try, and, in the CLI, a
   * create still unanswered (then left unknown, never sent again).
   */
  public static final Duration DEADLINE_GRACE = Duration.ofSeconds(30);

  private final VideoProvider provider;
  private final boolean ownsProvider;
  /** The configuration the provider was made with, when this client made it (null: the builder was given a provider). */
  private final ProviderConfig providerConfig;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private final ExecutorService ownIo;
  /** Completes the futures handed back on the client's own threads when the provider answered on the caller's. */
  private final HandBack handBack;
  private final RouteCatalog catalog;
  private final ClientRuntime runtime;
  private final BudgetLedger ledger;
  private final RetryLoop retries;
  private final SubmitPipeline submits;
  private final PollingLoop polling;
  private final Downloader downloader;
  /** Issue 11: the live model list, money before paying and follow-on jobs. */
  private final LiveModelCheck liveModels;
  private final AccountFunds funds;
  private final FollowOns followOns;
  private final FollowOnRules followOnRules;
  private final Duration statusTimeout;
  private final String statusTimeoutSetBy;
  private final Duration balanceTimeout;
  private final String balanceTimeoutSetBy;
  /** The calls not ended, each with what it is for the message of a close that stops it (null: said generally). */
  private final Map<CompletableFuture<?>, String> running = new ConcurrentHashMap<>();
  /** The submits and follow-ons not ended, which a close stops from sending and waits for (up to closeWait). */
  private final OpenSubmits openSubmits;
  private final Duration closeWait;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** Done once the first {@link #close()} has done its work, which a later one waits for. */
  private final CompletableFuture<Void> closeDone = new CompletableFuture<>();
  /** The thread doing the close's work, which a close it makes again (from a listener) must not wait for. */
  private volatile Thread closingThread;

  private VidgenClient(Builder builder, RouteCatalog catalog, VideoProvider provider, ScheduledExecutorService scheduler,
      ExecutorService ownIo, Map<String, String> unusableHints) {
    this.provider = provider;
    this.ownsProvider = builder.ownsProvider;
    this.providerConfig = builder.providerConfig;
    this.scheduler = scheduler;
    this.ownsScheduler = builder.scheduler == null;
    this.ownIo = ownIo;
    this.handBack = new HandBack(builder.scheduler == null && builder.scheduling == null ? scheduler : null);
    this.catalog = catalog;
    Executor io = builder.ioExecutor != null ? builder.ioExecutor : ownIo;
    Scheduling time = builder.scheduling != null ? builder.scheduling : new ExecutorScheduling(builder.clock, scheduler);
    this.runtime = new ClientRuntime(provider, time,
        builder.retryDecider != null ? builder.retryDecider : RetryDecider.of(builder.retryPolicy),
        builder.pollSchedule, new LockedRandom(builder.random), new Events(builder.listener), io,
        builder.routeDurations != null ? builder.routeDurations : RouteDurations.create());
    this.ledger = new BudgetLedger(builder.budget, builder.allowUnknownPrices);
    this.retries = new RetryLoop(runtime);
    this.openSubmits = new OpenSubmits(runtime);
    this.closeWait = builder.closeWait;
    this.liveModels = new LiveModelCheck(runtime, builder.checkModelAvailability, builder.liveModelsTtl, catalog);
    this.funds = new AccountFunds(runtime, builder.checkBalance);
    Preflight preflight = new Preflight(liveModels, funds, new VideoUploads(runtime, retries));
    this.followOnRules = builder.followOnRules;
    this.statusTimeout = builder.statusTimeout;
    this.statusTimeoutSetBy = builder.statusTimeoutSetBy;
    this.balanceTimeout = builder.balanceTimeout;
    this.balanceTimeoutSetBy = builder.balanceTimeoutSetBy;
    this.followOns = new FollowOns(runtime, retries, ledger, preflight, followOnRules, catalog,
        (builder.allowRetired ? JobValidator.of(catalog).allowingRetired() : JobValidator.of(catalog))
            .withClock(new SchedulingClock(time)).forProvider(provider.id()), openSubmits,
        new FollowOnSourceLook(runtime, builder.readFollowOnSources, this::readFollowOnSource, catalog));
    this.submits = new SubmitPipeline(runtime, catalog, builder.allowRetired, ledger, retries, preflight, openSubmits,
        unusableHints);
    this.polling = new PollingLoop(runtime, retries);
    this.downloader = new Downloader(runtime, retries, builder.maxVideoBytes);
    // Told where the routes are loaded: a budget and the balance check count a job priced 0 as free.
    ZeroPrices.warnings(catalog).forEach(warning -> runtime.events().warning(ZeroPrices.CODE, warning));
  }

  /** A builder; choose a provider, everything else has a default. */
  public static Builder builder() {
    return new Builder();
  }

  /** The provider jobs go to. */
  public VideoProvider provider() {
    return provider;
  }

  /**
   * The base URL the provider was configured with ({@link ProviderConfig#BASE_URL}, given to {@link
   * Builder#provider(String, ProviderConfig)} or {@link Builder#discoverProvider}), any user info, query or fragment
   * hidden as "…"; empty when none was given there, or when the builder was given a provider already made.
   */
  public Optional<String> baseUrl() {
    return Optional.ofNullable(providerConfig).flatMap(config -> config.get(ProviderConfig.BASE_URL))
        .map(String::strip).filter(url -> !url.isEmpty()).map(SafeText::withoutUrlSecrets);
  }

  /**
   * The {@link ApiKey#tag() tag} of the API key the provider was configured with (eight hex
   * digits, nothing of the key); empty when the configuration gave no key (a provider may read its own environment
   * variable), or when the builder was given a provider already made.
   */
  public Optional<String> keyTag() {
    return Optional.ofNullable(providerConfig).flatMap(ProviderConfig::apiKey).map(ApiKey::tag);
  }

  /** Where this client learns how long each route's tasks take; seed it to start informed. */
  public RouteDurations routeDurations() {
    return runtime.durations();
  }

  /**
   * The one catalog of this client: the built-in routes (or the builder's {@code catalog}) with
   * the route files of {@code VIDGEN_ROUTES} and {@code routes(...)} layered over them. Every
   * job is validated and quoted against it, and its route goes to the provider with the job.
   */
  public RouteCatalog catalog() {
    return catalog;
  }

  /**
   * Whether a create of {@code model} carries the client reference given to {@link
   * #submitAsync(VideoJob, String)}, so that {@link #findByClientReferenceAsync} can find its task
   * later; false for a model of no known route, and for routes that take none (such as
   * grok-video-1.5-preview), whose tasks only their id names.
   */
  public boolean takesClientReference(String model) {
    Objects.requireNonNull(model, "model == null");
    return catalog.find(model).map(provider::takesClientReference).orElse(false);
  }

  /** What the client's budget still allows; every submit takes its quote from it. */
  public Budget remainingBudget() {
    return ledger.remaining();
  }

  /**
   * Every error and warning for {@code job}; sends nothing. A retired route counts as usable (with a
   * warning) when the provider's live model list, as last read and still kept, offers it.
   */
  public ValidationReport validate(VideoJob job) {
    return submits.validate(Objects.requireNonNull(job, "job == null"));
  }

  /** How many times this client scanned a job's text for the provider's keys (a submit reuses a clean validation). */
  long keyScans() {
    return submits.keyScans();
  }

  /**
   * {@link #validate}, but when the job's only errors are its route's retirement and the model
   * check is on, the provider's live model list is read first (as a submit reads it; again, at most
   * every 30 s, when the kept list lacks the route), so that a retired route the key's list still
   * offers passes with a warning. A model the catalog lacks has the list read too, so that one the key offers is
   * refused as having no route, not as a misspelling. A list that cannot be read leaves the report as
   * {@link #validate} gives it.
   */
  public CompletableFuture<ValidationReport> validateAsync(VideoJob job) {
    Objects.requireNonNull(job, "job == null");
    return track(() -> submits.validateWithLiveList(job));
  }

  /**
   * What {@code job} would cost; sends nothing.
   *
   * @throws dev.vidgen.core.error.InvalidJobException when the model is unknown
   */
  public PriceQuote quote(VideoJob job) {
    return submits.quote(Objects.requireNonNull(job, "job == null"));
  }

  /**
   * The exact create request the provider would receive (local images shown as to be uploaded,
   * the key masked); validates and quotes, sends nothing. A local image appears as the
   * placeholder URL {@code upload://<file name>}, such as {@code upload://product.png}, where the
   * real request has the URL its upload returns; a client reference, where the route takes one,
   * is a placeholder too.
   *
   * @throws dev.vidgen.core.error.InvalidJobException when the job is invalid
   */
  public RequestPreview preview(VideoJob job) {
    return submits.preview(Objects.requireNonNull(job, "job == null"));
  }

  /**
   * Validates, quotes, checks the budget, uploads local images and creates the task.
   *
   * @throws dev.vidgen.core.error.InvalidJobException when the job is invalid (nothing sent)
   * @throws dev.vidgen.core.error.BudgetExceededException when the budget does not allow it (nothing sent)
   * @throws dev.vidgen.core.error.AmbiguousSubmitException when the create got no answer and the
   *     task could not be found again
   * @throws SubmitNotSentException when the calling thread was interrupted before the create went out (nothing
   *     sent, the interrupt flag kept)
   * @throws SubmitStoppedException when the calling thread was interrupted while the create was on its way (the
   *     interrupt flag kept): a paid task may come of it, which its {@code pendingHandle()} and the listener's
   *     {@code onSubmitted} name when the answer comes
   */
  public JobHandle submit(VideoJob job) {
    OwnThreadGuard.refuseBlocking("submit", "submitAsync", null);
    Objects.requireNonNull(job, "job == null");
    CompletableFuture<Void> stopSending = new CompletableFuture<>();
    AtomicReference<String> reference = new AtomicReference<>();
    CompletableFuture<JobHandle> submit = trackSubmit(stopSending,
        stop -> submits.submit(job, null, stop, new CreateTakes() {
          @Override
          public void carrying(String clientReference) {
            reference.set(clientReference);
          }
        }, true));
    return Futures.await(submit, false, () -> {
      // No create leaves from now on; one not yet sent ends the submit here, one on its way is answered later.
      stopSending.complete(null);
      if (submit.isDone()) {
        return null; // answered or not sent: the submit's own ending says which
      }
      return new SubmitStoppedException("the submit's thread was interrupted while its create was on its way;"
          + " the listener's onSubmitted names the task it makes", submit, reference.get());
    });
  }

  /**
   * {@link #submit} without blocking; validation and the budget check run before it returns (the price is taken once
   * the live model list and the funds let the job go: a job that fitted then fails with a budget refusal when other
   * jobs took what was left meanwhile). It completes on vidgen's own threads: never block in a stage that depends on it (see the class description).
   */
  public CompletableFuture<JobHandle> submitAsync(VideoJob job) {
    Objects.requireNonNull(job, "job == null");
    return trackSubmit(new CompletableFuture<>(), stop -> submits.submit(job, null, stop));
  }

  /**
   * {@link #submitAsync(VideoJob)} with the caller's client reference, so that the caller can
   * record it durably before the create is sent (as batches do). The reference is sent only when
   * the provider says the job's route takes one ({@code VideoProvider.takesClientReference}); null
   * for a fresh one. A reference already used by a submit still on its way from this client is
   * refused (the future fails with an {@link IllegalStateException}, nothing sent): two creates under
   * one reference would make two paid tasks a look-up cannot tell apart. After a crash, look the
   * reference up ({@link #findByClientReferenceAsync}) before submitting under it again, but only
   * where {@link #takesClientReference} is true: elsewhere the reference is not sent (the handle's
   * {@code clientReference()} is null), a look-up never finds the task, and "not found" is no reason
   * to send again; keep the task id from {@code onSubmitted} or the handle instead.
   */
  public CompletableFuture<JobHandle> submitAsync(VideoJob job, String clientReference) {
    Objects.requireNonNull(job, "job == null");
    return trackSubmit(new CompletableFuture<>(), stop -> submits.submit(job, clientReference, stop));
  }

  /**
   * {@link #submitAsync(VideoJob, String)} that sends no create, and none again, once {@code
   * stopSending} is done (a process stopping): a submit whose create has not left (funds, the live
   * model list or its files still being read or sent) or waits for its backoff then ends at once with
   * a {@link SubmitNotSentException} when no try can have made a task, or an
   * {@link dev.vidgen.core.error.AmbiguousSubmitException} when one may have (a server error, no
   * answer); a create on its way still completes with its task. When {@code clientReference} is
   * given, a create that got no answer and is being looked up by it also ends at once, as ambiguous
   * (the caller has the reference to look it up by later), rather than after the look-up's grace; one
   * stopped while still on its way ends so at its missing answer, never sent again.
   * Give each submit a future of its own (and complete them all to stop): a submit listens on it for
   * as long as the future lives.
   */
  public CompletableFuture<JobHandle> submitAsync(VideoJob job, String clientReference,
      CompletableFuture<?> stopSending) {
    Objects.requireNonNull(job, "job == null");
    Objects.requireNonNull(stopSending, "stopSending == null");
    return trackSubmit(stopSending, stop -> submits.submit(job, clientReference, stop));
  }

  /**
   * {@link #submitAsync(VideoJob, String, CompletableFuture)} telling {@code takes} when every take
   * of the create so far was refused without making a task and the next one waits, and holding that
   * next take back until {@code takes} has heard it leaves: a journal can so record that no create
   * is on its way while a backoff is served.
   */
  public CompletableFuture<JobHandle> submitAsync(VideoJob job, String clientReference,
      CompletableFuture<?> stopSending, CreateTakes takes) {
    Objects.requireNonNull(job, "job == null");
    Objects.requireNonNull(stopSending, "stopSending == null");
    Objects.requireNonNull(takes, "takes == null");
    return trackSubmit(stopSending, stop -> submits.submit(job, clientReference, stop, takes));
  }

  /**
   * Uploads the job's local images and videos (with the retry policy, each file once) and completes
   * with the job holding their URLs instead; sends no create. A job without local files comes back
   * as it is; a local file that no longer passes validation's checks (gone, unreadable, changed)
   * fails it with an {@link dev.vidgen.core.error.InvalidJobException}.
   */
  public CompletableFuture<VideoJob> uploadAsync(VideoJob job) {
    Objects.requireNonNull(job, "job == null");
    return track(() -> submits.upload(job));
  }

  /**
   * {@code handle}, refused when it is another provider's: its task id would be sent, with this client's key, to
   * a service that never made it.
   */
  private JobHandle requireOwn(JobHandle handle, String what) {
    if (!handle.providerId().equals(provider.id())) {
      String theirs = dev.vidgen.core.text.SafeText.clip(dev.vidgen.core.text.SafeText.clean(handle.providerId()), 40);
      throw new IllegalArgumentException("that handle is for provider " + theirs + ", but this client uses "
          + provider.id() + "; " + what + " it with a client for " + theirs + " (nothing was sent)");
    }
    return handle;
  }

  /**
   * A handle for a task this client did not submit: an encoded {@link JobHandle}, or a bare task
   * id of this client's provider (its model and price then unknown, its submission time now). Task
   * ids are opaque, so text that starts like a handle ({@code vg1.}) but does not decode as one is
   * taken as a bare task id, unless it is a handle cut short or changed ({@link JobHandle#damaged}).
   * White space around the text (a line break read from a file) is dropped first.
   *
   * @throws IllegalArgumentException when the text is blank, {@code .} or {@code ..}, holds a control
   *     character within it, holds one of the provider's API keys (as {@link
   *     VideoProvider#keysJobsMayNotHold()} names them, in any form a job's text is refused for), is a damaged
   *     handle, or is a handle of another provider
   */
  public JobHandle resume(String handleOrTaskId) {
    Objects.requireNonNull(handleOrTaskId, "handleOrTaskId == null");
    String text = handleOrTaskId.strip();
    if (text.isEmpty()) {
      throw new IllegalArgumentException("give an encoded job handle (vg1.…) or a task id; got a blank string");
    }
    JobHandle handle = JobHandle.tryDecode(text).orElse(null);
    // A task id holding the key would put it into the address of each status read: refused before any is sent.
    Optional<String> holdsKey = KeyInJob.inTaskId("the task id", text, provider.keysJobsMayNotHold())
        .or(() -> handle == null ? Optional.empty()
            : KeyInJob.inTaskId("the handle's task id", handle.taskId().value(), provider.keysJobsMayNotHold()));
    if (holdsKey.isPresent()) {
      throw new IllegalArgumentException(holdsKey.get());
    }
    if (handle != null) {
      return requireOwn(handle, "resume");
    }
    if (JobHandle.damaged(text)) {
      // Shown cleaned: damaged text may hold anything, control characters too.
      String shown = dev.vidgen.core.text.SafeText.clean("\"" + dev.vidgen.core.text.SafeText.clip(text, 40) + "\"");
      throw new IllegalArgumentException(shown + " starts as a vidgen job handle does but cannot be read as one: it"
          + " was cut short or changed (by a column too narrow to store it, say); give the whole handle as encode()"
          + " wrote it, or the task id alone");
    }
    if (text.equals(".") || text.equals("..") || text.chars().anyMatch(Character::isISOControl)) {
      // Checked here, before any provider puts it into a URL path (where "." and ".." would climb a level).
      throw new IllegalArgumentException(dev.vidgen.core.text.SafeText.clean("\"" + text + "\"")
          + " is not a task id: give the id the provider answered the create with (such as video_abc123), the"
          + " client reference the create carried (such as order-77), or an encoded job handle (vg1.…);"
          + " \".\" and \"..\" alone, and control characters, cannot name a task");
    }
    return new JobHandle(provider.id(), TaskId.of(text), JobHandle.UNKNOWN_MODEL,
        PriceQuote.unknown("unknown", "resumed from a bare task id"), runtime.time().now(), null);
  }

  /**
   * The task created with {@code clientReference}, such as one an {@link
   * dev.vidgen.core.error.AmbiguousSubmitException} names; empty when the provider knows none. A
   * fresh task may not be listed yet, so "not found" is believed only after the retry policy's
   * not-found grace (about a minute by default). A reference given for a model that takes none
   * ({@link #takesClientReference}) was never sent, so it is never found.
   *
   * @throws UnsupportedOperationException (in the future) when the provider cannot look tasks up so
   */
  public CompletableFuture<Optional<TaskSnapshot>> findByClientReferenceAsync(String clientReference) {
    Objects.requireNonNull(clientReference, "clientReference == null");
    return track(() -> retries.lookUpFreshTask(() -> provider.findByClientReference(clientReference)));
  }

  /**
   * {@link #findByClientReferenceAsync(String)} for a create that went out at {@code sentAt}: the
   * not-found grace is given only while a task made then may still be unlisted (two minutes), so an
   * older create's "not found" is believed at once.
   */
  public CompletableFuture<Optional<TaskSnapshot>> findByClientReferenceAsync(String clientReference, Instant sentAt) {
    Objects.requireNonNull(clientReference, "clientReference == null");
    Objects.requireNonNull(sentAt, "sentAt == null");
    return track(() -> retries.lookUpFreshTask(() -> provider.findByClientReference(clientReference), sentAt));
  }

  /**
   * The longest a {@link #findByClientReferenceAsync(String)} look-up takes under this client's retry policy: the
   * not-found grace's waits, each at its longest, and the look-up's own reads (about 102 s by default).
   */
  public Duration lookUpAtMost() {
    return retries.lookUpAtMost();
  }

  /**
   * One status read, with the retry policy, ended within the builder's {@link Builder#statusTimeout}
   * (60 s by default): a retry that would come later is not waited for, and a try still unanswered then
   * is abandoned.
   *
   * @throws dev.vidgen.core.error.ProviderException when the read failed: the last failure when the
   *     retries ran out or the timeout came first, a {@code NO_RESPONSE} {@link
   *     dev.vidgen.core.error.ProviderUnavailableException} when no try was answered by then
   */
  public TaskSnapshot status(JobHandle handle) {
    OwnThreadGuard.refuseBlocking("status", "statusAsync", handle);
    return Futures.await(statusAsync(handle), true);
  }

  /**
   * {@link #status} without blocking; cancelling the future abandons the read. It completes on vidgen's own threads: never block in a stage that depends on it (see the class description).
   */
  public CompletableFuture<TaskSnapshot> statusAsync(JobHandle handle) {
    requireOwn(Objects.requireNonNull(handle, "handle == null"), "read");
    return track(() -> {
      CompletableFuture<TaskSnapshot> read = retries.runWithin(statusTimeout, statusTimeoutSetBy, "read",
          Operation.READ, handle, handle.taskId(), () -> told(handle, ProviderFaultException.sameTask(handle,
              provider.status(handle.taskId()))));
      // A wait begun right after this read keeps its pace from it (a side stage: cancelling still abandons the read).
      read.whenComplete((snapshot, failure) -> polling.readAnswered(handle.taskId()));
      return read;
    });
  }

  /**
   * {@code read}, whose answer is told to the listeners as a wait's reads are before it completes, so that every
   * status read reaches them (the command line's {@code --verbose}); cancelling it cancels {@code read}.
   */
  private CompletableFuture<TaskSnapshot> told(JobHandle handle, CompletableFuture<TaskSnapshot> read) {
    if (read == null) {
      return null;
    }
    CompletableFuture<TaskSnapshot> tapped = read.thenApply(snapshot -> {
      runtime.events().polled(handle, snapshot);
      return snapshot;
    });
    tapped.whenComplete((snapshot, failure) -> {
      if (tapped.isCancelled()) {
        read.cancel(false);
      }
    });
    return tapped;
  }

  /**
   * Polls until the task completes, fails or the deadline passes. {@code options} is required: {@link
   * AwaitOptions#defaults()} gives the default deadline and outage tolerance.
   *
   * @throws TaskFailedException when the task failed
   * @throws DeadlineExceededException when the deadline passed first
   * @throws dev.vidgen.core.error.ProviderException when status reads failed for longer than the outage
   *     tolerance, up to the deadline, or in a way that will not pass (such as a 401 or a 404 believed); a
   *     passing one (such as a {@code ServerErrorException}) says how long the wait read and how many reads failed,
   *     and names the task, which exists and may be paid for: resume it with its task id rather than generate again
   * @throws WaitStoppedException naming the task when the calling thread was interrupted (the polling stops, the
   *     task goes on at the provider, the interrupt flag is kept)
   * @throws NullPointerException when {@code handle} or {@code options} is null
   */
  public TaskSnapshot await(JobHandle handle, AwaitOptions options) {
    OwnThreadGuard.refuseBlocking("await", "awaitAsync", handle);
    return Futures.await(awaitAsync(handle, options), true,
        () -> new WaitStoppedException(handle, "the calling thread was interrupted"));
  }

  /**
   * {@link #await} without blocking; cancelling the future stops the polling. It completes on vidgen's own threads: never block in a stage that depends on it (see the class description).
   */
  public CompletableFuture<TaskSnapshot> awaitAsync(JobHandle handle, AwaitOptions options) {
    requireOwn(Objects.requireNonNull(handle, "handle == null"), "await");
    Objects.requireNonNull(options, "options == null");
    return track(about("the wait for", handle), () -> polling.await(handle, options));
  }

  /**
   * Writes the completed task's video to {@code target} through a temporary file renamed into
   * place, so a half file never stands under the final name. Missing parent folders are created.
   *
   * @throws dev.vidgen.core.error.ResultExpiredException when the video's link has expired
   * @throws dev.vidgen.core.error.DownloadFailedException when the video is empty, not the named
   *     format, or cannot be written
   * @throws WaitStoppedException naming the task, with {@code duringDownload()} true, when the calling thread was
   *     interrupted: no file was saved and no part file is left (the interrupt flag is kept)
   */
  public Path download(JobHandle handle, TaskSnapshot completed, Path target) {
    return download(handle, completed, target, ExistingTarget.REPLACE);
  }

  /**
   * {@link #download} without blocking; the copy runs on the download executor. It completes on vidgen's own threads: never block in a stage that depends on it (see the class description).
   */
  public CompletableFuture<Path> downloadAsync(JobHandle handle, TaskSnapshot completed, Path target) {
    return downloadAsync(handle, completed, target, ExistingTarget.REPLACE);
  }

  /**
   * {@link #download} that does as {@code existing} says about a file at {@code target} when the
   * video is renamed into place: {@link ExistingTarget#KEEP} never replaces one, even one that
   * another process wrote there while this video was downloaded.
   */
  public Path download(JobHandle handle, TaskSnapshot completed, Path target, ExistingTarget existing) {
    OwnThreadGuard.refuseBlocking("download", "downloadAsync", handle);
    return Futures.await(downloadAsync(handle, completed, target, existing), true,
        () -> WaitStoppedException.downloadStopped(handle, completed, "the calling thread was interrupted"));
  }

  /** {@link #download(JobHandle, TaskSnapshot, Path, ExistingTarget)} without blocking. */
  public CompletableFuture<Path> downloadAsync(JobHandle handle, TaskSnapshot completed, Path target,
      ExistingTarget existing) {
    Objects.requireNonNull(existing, "existing == null");
    requireOwn(Objects.requireNonNull(handle, "handle == null"), "download");
    return track(about(DOWNLOAD_OF, handle), () -> downloader.download(handle, completed, target, existing));
  }

  /**
   * {@link #download(JobHandle, TaskSnapshot, Path, ExistingTarget)} that ends by {@code deadline}: once it completes,
   * no try of the download starts (no retry, no wait riding out an outage), and a try under way is given at most
   * {@link #DEADLINE_GRACE} more. The video not saved by then is a {@link DeadlineExceededException} whose {@code lastSnapshot()} is {@code
   * completed}: download it again while its link lasts.
   */
  public Path download(JobHandle handle, TaskSnapshot completed, Path target, ExistingTarget existing,
      CompletionStage<?> deadline) {
    OwnThreadGuard.refuseBlocking("download", "downloadAsync", handle);
    return Futures.await(downloadAsync(handle, completed, target, existing, deadline), true,
        () -> WaitStoppedException.downloadStopped(handle, completed, "the calling thread was interrupted"));
  }

  /** {@link #download(JobHandle, TaskSnapshot, Path, ExistingTarget, CompletionStage)} without blocking. */
  public CompletableFuture<Path> downloadAsync(JobHandle handle, TaskSnapshot completed, Path target,
      ExistingTarget existing, CompletionStage<?> deadline) {
    Objects.requireNonNull(existing, "existing == null");
    Objects.requireNonNull(deadline, "deadline == null");
    requireOwn(Objects.requireNonNull(handle, "handle == null"), "download");
    return track(about(DOWNLOAD_OF, handle),
        () -> downloader.download(handle, completed, target, existing, deadline));
  }

  /**
   * Submit, await and download in one call. A file already at {@code target} is replaced, in one
   * move, once the new video is complete. {@code options} is required, as the job and target are: {@link
   * AwaitOptions#defaults()} gives the default wait.
   *
   * @throws IllegalArgumentException when the video could never be saved at {@code target} (a
   *     folder, or a path through a file) or another generate in flight on this client saves to the
   *     same file; nothing is sent then
   * @throws WaitStoppedException when the client is closed or the calling thread interrupted once the
   *     task is made (a create on its way is given up to 10 s for its answer, or the builder's {@code
   *     closeWait} when the client closes)
   * @throws SubmitStoppedException when the thread was interrupted while the create was on its way and
   *     no answer came within those 10 s; its {@code pendingHandle()} completes with the task's handle
   *     when the answer comes
   * @throws dev.vidgen.core.error.AmbiguousSubmitException when the client was closed while the create
   *     was on its way and no answer came within {@code closeWait}, or the thread was interrupted and the
   *     create got no answer within those 10 s: a task may exist, found by the client reference it names
   *     or on the provider's dashboard
   * @throws SubmitNotSentException when the client was closed before the create went out (nothing sent)
   * @throws NullPointerException when {@code job}, {@code target} or {@code options} is null (nothing is sent)
   */
  public GenerationResult generate(VideoJob job, Path target, AwaitOptions options) {
    return generate(job, target, options, ExistingTarget.REPLACE);
  }

  /**
   * {@link #generate(VideoJob, Path, AwaitOptions)} that does as {@code existing} says about a file at
   * {@code target}. With {@link ExistingTarget#KEEP} a file already there is refused before anything is
   * sent ({@link IllegalArgumentException}), and one written there by someone else during the wait is
   * kept: the download then fails with a {@link dev.vidgen.core.error.DownloadFailedException} whose task
   * can be downloaded elsewhere.
   */
  public GenerationResult generate(VideoJob job, Path target, AwaitOptions options, ExistingTarget existing) {
    OwnThreadGuard.refuseBlocking("generate", "generateAsync", null);
    CompletableFuture<Void> stopSending = new CompletableFuture<>();
    AtomicReference<CompletableFuture<JobHandle>> submit = new AtomicReference<>();
    CompletableFuture<GenerationResult> result = generateAsync(job, target, options, existing, stopSending, submit);
    try {
      return Futures.await(result, false);
    } catch (CancellationException stopped) {
      if (!(stopped.getCause() instanceof InterruptedException)) {
        throw stopped;
      }
      // Interrupted: no create leaves from now on, and one on its way is given time to answer, so that the caller
      // learns of the paid task it may have made instead of losing it.
      stopSending.complete(null);
      throw interrupted(submit.get(), result, stopped);
    }
  }

  /** How long an interrupted {@code generate} waits for the answer of a create on its way. */
  static final Duration ANSWER_WAIT_ON_INTERRUPT = Duration.ofSeconds(10);

  /** What an interrupted {@code generate} throws: the task it made, the submit's own failure, or what is not known. */
  private RuntimeException interrupted(CompletableFuture<JobHandle> submit, CompletableFuture<GenerationResult> result,
      CancellationException stopped) {
    boolean wasInterrupted = Thread.interrupted(); // cleared for the bounded wait below, set again after it
    try {
      try {
        JobHandle handle = submit.get(ANSWER_WAIT_ON_INTERRUPT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        String why = "the calling thread was interrupted";
        WaitStoppedException named = result instanceof GenerationFuture generation ? generation.stoppedTask(handle, why)
            : new WaitStoppedException(handle, why);
        named.initCause(stopped.getCause());
        return named;
      } catch (java.util.concurrent.ExecutionException failed) {
        Throwable cause = AsyncFailures.unwrap(failed);
        return cause instanceof RuntimeException runtime ? runtime : stopped;
      } catch (CancellationException notSent) {
        return AsyncFailures.stored(notSent);
      } catch (java.util.concurrent.TimeoutException | InterruptedException unanswered) {
        SubmitStoppedException unknown = new SubmitStoppedException("interrupted while the create was on its way, and"
            + " no answer came within " + ANSWER_WAIT_ON_INTERRUPT.toSeconds() + " s", submit,
            result instanceof GenerationFuture generation ? generation.clientReference() : null);
        unknown.initCause(stopped.getCause());
        return unknown;
      }
    } finally {
      result.cancel(false); // stops the wait and the download; the task goes on at the provider
      if (wasInterrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * {@link #generate} without blocking; cancelling the future stops whichever step is running, and
   * never loses a task: once the task is made the future ends in a {@link WaitStoppedException} whose
   * {@code handle()} names it; before that no create leaves any more, and it ends in a {@link
   * SubmitStoppedException} whose {@code pendingHandle()} a create on its way completes (one that gets
   * no answer is not looked up by its reference then: it fails at once as ambiguous, naming the {@code
   * clientReference()} to look it up by). Either is a
   * {@code CancellationException}, so {@code isCancelled()} is true. Closing the client ends it as {@link
   * #generate} says (a create on its way is given {@code closeWait} for its answer). The future fails at once with an {@link IllegalArgumentException} when the video could never be
   * saved at {@code target} (a folder, or a path through a file); nothing is sent then. A null {@code job}, {@code
   * target} or {@code options} throws a {@link NullPointerException} at once. It completes on vidgen's own threads: never block in a stage that depends on it (see the class description).
   */
  public CompletableFuture<GenerationResult> generateAsync(VideoJob job, Path target, AwaitOptions options) {
    return generateAsync(job, target, options, ExistingTarget.REPLACE);
  }

  /**
   * {@link #generateAsync(VideoJob, Path, AwaitOptions)} that does as {@code existing} says about a file at
   * {@code target}, as {@link #generate(VideoJob, Path, AwaitOptions, ExistingTarget)} does: with {@link
   * ExistingTarget#KEEP} the future fails at once, nothing sent, when a file is already there.
   */
  public CompletableFuture<GenerationResult> generateAsync(VideoJob job, Path target, AwaitOptions options,
      ExistingTarget existing) {
    return generateAsync(job, target, options, existing, new CompletableFuture<>(), new AtomicReference<>());
  }

  /**
   * {@link #generateAsync(VideoJob, Path, AwaitOptions, ExistingTarget)} whose submit sends no create once
   * {@code stopSending} is done; {@code submit} is set to the submit's own future.
   */
  private CompletableFuture<GenerationResult> generateAsync(VideoJob job, Path target, AwaitOptions options,
      ExistingTarget existing, CompletableFuture<Void> stopSending,
      AtomicReference<CompletableFuture<JobHandle>> submit) {
    Objects.requireNonNull(job, "job == null");
    Objects.requireNonNull(target, "target == null");
    Objects.requireNonNull(options, "options == null");
    Objects.requireNonNull(existing, "existing == null");
    Runnable freeTarget;
    try {
      SaveTargets.requireSavable(target);
      if (existing == ExistingTarget.KEEP) {
        SaveTargets.requireFree(target);
      } else {
        SaveTargets.requireReplaceable(target);
      }
      freeTarget = downloader.reserve(target); // two jobs of this client saving to one file would lose a paid video
    } catch (IllegalArgumentException unsavable) {
      return CompletableFuture.failedFuture(unsavable);
    }
    GenerationFuture result = new GenerationFuture(stopSending);
    result.onEnd(freeTarget);
    // The create's reference reaches the caller in the exception a stop ends in (SubmitStoppedException's
    // clientReference()), so a stop ends a look-up by it at once, as ambiguous, as for a caller who chose it.
    submit.set(trackSubmit(stopSending, stop -> submits.submit(job, null, stop, result.takes(), true)));
    result.submitting(submit.get());
    submit.get().whenComplete((handle, submitFailure) -> Futures.guard(result, () -> {
      if (submitFailure != null) {
        result.fail(AsyncFailures.unwrap(submitFailure));
        return;
      }
      if (result.isDone()) {
        return; // cancelled while the create was on its way: its exception hands the caller this handle
      }
      CompletableFuture<TaskSnapshot> awaiting = unlessClosed(() -> awaitAsync(handle, options));
      result.follow(awaiting).whenComplete((snapshot, awaitFailure) -> Futures.guard(result, () -> {
        if (awaitFailure != null) {
          result.fail(namingTask(result, handle, AsyncFailures.unwrap(awaitFailure)));
          return;
        }
        CompletableFuture<Path> saving = unlessClosed(() -> downloadAsync(handle, snapshot, target, existing));
        result.downloading(snapshot, saving).whenComplete((file, downloadFailure) -> Futures.guard(result, () -> {
          if (downloadFailure != null) {
            result.fail(namingTask(result, handle, AsyncFailures.unwrap(downloadFailure)));
          } else {
            result.finish(new GenerationResult(handle, snapshot, file));
          }
        }));
      }));
    }));
    CompletableFuture<JobHandle> submitted = submit.get();
    result.whenComplete((value, failure) -> tellIfStopped(failure, submitted));
    return result;
  }

  /**
   * Tells the listeners, once, that a generate ended in a stop ({@code failure}, as its caller got it): with the
   * task it hands back, which a create on its way names only once it answers, or null when no task was made.
   */
  private void tellIfStopped(Throwable failure, CompletableFuture<JobHandle> submitted) {
    if (!(failure instanceof CancellationException stop)) {
      return; // saved, failed (told by onFailed), or given a value from outside
    }
    if (stop instanceof WaitStoppedException named) {
      runtime.events().stopped(named.handle(), stop);
      return;
    }
    submitted.whenComplete((handle, notMade) -> runtime.events().stopped(notMade == null ? handle : null, stop));
  }

  /**
   * The ids of the video models the provider lets this key use now (read once and kept for a few
   * minutes, the same list the model check before each create uses; a read made here is retried
   * as a status read is).
   *
   * @throws UnsupportedOperationException when the provider cannot list its models
   */
  public Set<String> liveModels() {
    OwnThreadGuard.refuseBlocking("liveModels", "liveModelsAsync", null);
    return Futures.await(liveModelsAsync(), true);
  }

  /** {@link #liveModels} without blocking. */
  public CompletableFuture<Set<String>> liveModelsAsync() {
    // Asked for on its own (vidgen models --live), the list is read under the policy of reads, as a status is.
    return track(() -> liveModels.list(retries).copy());
  }

  /**
   * The check every submit makes first, on its own: completes when the key may use {@code model}
   * by the provider's live model list, and also when the check is off, the provider lists no
   * models, or the list cannot be read (with a warning); fails with an {@link
   * dev.vidgen.core.error.InvalidJobException} naming the closest listed models otherwise. A
   * catalog model listed under another of its names (an alias) counts as available.
   */
  public CompletableFuture<Void> checkModelAvailableAsync(String model) {
    Objects.requireNonNull(model, "model == null");
    return checkModelAvailable(model, null);
  }

  /**
   * {@link #checkModelAvailableAsync(String)} for {@code job}'s model, as a submit of {@code job} makes it: a
   * refusal names instead only listed models that can take {@code job} as given, or says that none can.
   */
  public CompletableFuture<Void> checkModelAvailableAsync(VideoJob job) {
    Objects.requireNonNull(job, "job == null");
    return checkModelAvailable(Objects.requireNonNull(job.model(), "job.model() == null"), job);
  }

  private CompletableFuture<Void> checkModelAvailable(String model, VideoJob job) {
    return track(() -> catalog.find(model)
        .map(route -> liveModels.nameToSend(route, route.nameFor(model), job).<Void>thenApply(name -> null))
        .orElseGet(() -> liveModels.check(model, job)));
  }

  /**
   * The model name a create of {@code model} sends: the route's spelling of the name given, or, when
   * the provider's live list (read as before a create) holds it only in another case or holds only
   * another of the route's names, that name as the list spells it. Blocks for the list's read when it
   * is not kept (at most the list's read timeout; a list that cannot be read leaves the name as
   * given, with a warning).
   *
   * @throws dev.vidgen.core.error.InvalidJobException when the live list holds none of the route's names
   * @throws dev.vidgen.core.error.AuthenticationException when the provider refuses the key
   */
  public String modelNameToSend(String model) {
    OwnThreadGuard.refuseBlocking("modelNameToSend", null, null);
    Objects.requireNonNull(model, "model == null");
    Optional<ModelRoute> route = catalog.find(model);
    if (route.isEmpty()) {
      return model;
    }
    String name = route.get().nameFor(model);
    // Read for every route: the key's list may spell even a route without aliases in another case.
    return Futures.await(track(() -> liveModels.nameToSend(route.get(), name)), true);
  }

  /**
   * What the key and the account each have left, read now with the retry policy and ended within the
   * builder's {@link Builder#balanceTimeout} (60 s by default), as {@link #status} is.
   *
   * @throws dev.vidgen.core.error.ProviderException when the read failed: the last failure when the
   *     retries ran out or the timeout came first, a {@code NO_RESPONSE} {@link
   *     dev.vidgen.core.error.ProviderUnavailableException} when no try was answered by then
   */
  public Balances balances() {
    OwnThreadGuard.refuseBlocking("balances", "balancesAsync", null);
    return Futures.await(balancesAsync(), true);
  }

  /**
   * {@link #balances} without blocking; cancelling the future abandons the read. A read that failed (no answer, a
   * server error) keeps the balance check before this client's next create from waiting for the balance again for
   * a minute: that job goes on without it.
   */
  public CompletableFuture<Balances> balancesAsync() {
    return track(() -> toldToFunds(readBalance(provider::balances)));
  }

  /**
   * {@code read}, whose outcome the balance check learns before the caller does, so that a create the caller
   * sends next knows it (a read that failed starts the check's respite); cancelling the copy abandons the read.
   */
  private <T> CompletableFuture<T> toldToFunds(CompletableFuture<T> read) {
    CompletableFuture<T> told = new CompletableFuture<>();
    read.whenComplete((answer, failure) -> {
      try {
        funds.heard(failure);
      } finally {
        if (failure == null) {
          told.complete(answer);
        } else {
          told.completeExceptionally(failure);
        }
      }
    });
    told.whenComplete((answer, failure) -> {
      if (told.isCancelled()) {
        read.cancel(true);
      }
    });
    return told;
  }

  /**
   * The credits this client still counts as spendable on the provider: the smaller of the key's and
   * the account's remainder as first read, less the quotes sent since. Empty before the first
   * create, when unlimited, or when the provider reports no balance.
   */
  public Optional<BigDecimal> remainingCredits() {
    return funds.remaining();
  }

  /** The follow-on rules (extend, remix) this client checks against. */
  public FollowOnRules followOnRules() {
    return followOnRules;
  }

  /**
   * Extends the video of an earlier task (an encoded handle or a bare task id) and returns the new
   * task's handle, to await and download like any job's. Validated against the route's follow-on
   * rules, priced, budgeted and checked like a submit, and sent under the name the key's live list gives its model
   * (an alias, or the name in another case), as a submit is; a source task this client has not seen completed is read
   * once first (free), and nothing is sent when it failed, is not finished or does not exist ({@link
   * Builder#readFollowOnSources}).
   *
   * @throws dev.vidgen.core.error.InvalidJobException when the route takes no extend, the request breaks its rules,
   *     or the source failed ({@code source.failed}) or is not finished ({@code source.not_finished})
   * @throws dev.vidgen.core.error.TaskNotFoundException when the provider does not know the source task
   */
  public JobHandle extend(String handleOrTaskId, FollowOn followOn) {
    OwnThreadGuard.refuseBlocking("extend", "extendAsync", null);
    return Futures.await(extendAsync(handleOrTaskId, followOn), false);
  }

  /** {@link #extend} without blocking. */
  public CompletableFuture<JobHandle> extendAsync(String handleOrTaskId, FollowOn followOn) {
    return followOnAsync(FollowOnKind.EXTEND, handleOrTaskId, followOn);
  }

  /** Remixes the video of an earlier task; see {@link #extend}. */
  public JobHandle remix(String handleOrTaskId, FollowOn followOn) {
    OwnThreadGuard.refuseBlocking("remix", "remixAsync", null);
    return Futures.await(remixAsync(handleOrTaskId, followOn), false);
  }

  /** {@link #remix} without blocking. */
  public CompletableFuture<JobHandle> remixAsync(String handleOrTaskId, FollowOn followOn) {
    return followOnAsync(FollowOnKind.REMIX, handleOrTaskId, followOn);
  }

  /**
   * {@link #extendAsync} or {@link #remixAsync} ({@code kind}) that sends no create, and none again,
   * once {@code stopSending} is done, as {@link #submitAsync(VideoJob, String, CompletableFuture)} does:
   * a create waiting out a backoff then ends at once, with a {@link SubmitNotSentException} when no try
   * can have made a task. As there, give each call a future of its own.
   */
  public CompletableFuture<JobHandle> followOnAsync(FollowOnKind kind, String handleOrTaskId, FollowOn followOn,
      CompletableFuture<?> stopSending) {
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(followOn, "followOn == null");
    Objects.requireNonNull(stopSending, "stopSending == null");
    JobHandle source = resume(handleOrTaskId);
    return trackSubmit(stopSending, stop -> followOns.submit(kind, source, followOn, stop));
  }

  /** The follow-on of {@code kind} as it would be sent, with its price; sends nothing. */
  public PriceQuote quoteFollowOn(FollowOnKind kind, String handleOrTaskId, FollowOn followOn) {
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(followOn, "followOn == null");
    return followOns.prepare(kind, resume(handleOrTaskId), followOn).quote();
  }

  /**
   * Checks a follow-on of {@code kind} as its submit does before anything is paid, and sends nothing: the route's
   * follow-on rules, then the key's live model list (read when not kept; one that cannot be read warns and lets it
   * go, as before a create). A model the list holds under another of its route's names, or in another case, passes
   * with the {@code live_models.alias} warning a job gets, and that listed name is the one its submit sends. Blocks
   * for that read; the report holds the warnings the follow-on drew.
   *
   * @throws dev.vidgen.core.error.InvalidJobException when it breaks its rules or the key's list lacks its model
   * @throws dev.vidgen.core.error.AuthenticationException when the provider refuses the key
   */
  public ValidationReport checkFollowOn(FollowOnKind kind, String handleOrTaskId, FollowOn followOn) {
    OwnThreadGuard.refuseBlocking("checkFollowOn", null, null);
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(followOn, "followOn == null");
    FollowOns.Prepared prepared = followOns.prepare(kind, resume(handleOrTaskId), followOn);
    String name = prepared.request().model();
    // The check the follow-on's submit makes: the route's names against the key's list, with the warning a job gets
    // when the list gives the model another name (an alias, or the name in another case).
    Futures.await(track(() -> prepared.route() == null ? liveModels.check(name)
        : liveModels.nameToSend(prepared.route(), name).<Void>thenApply(sent -> null)), true);
    return new ValidationReport(prepared.model(), null, prepared.warnings());
  }

  /**
   * The request an extend or remix of {@code handleOrTaskId} would send, with the key masked; checks
   * it as {@link #quoteFollowOn} does and sends nothing. Its model is the name the key's live list gives the model
   * when that list is kept (after {@link #checkFollowOn}), as a job's preview shows it.
   *
   * @throws UnsupportedOperationException when the provider cannot show one
   */
  public RequestPreview previewFollowOn(FollowOnKind kind, String handleOrTaskId, FollowOn followOn) {
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(followOn, "followOn == null");
    FollowOns.Prepared prepared = followOns.prepare(kind, resume(handleOrTaskId), followOn);
    return runtime.provider().previewFollowOn(followOns.asSent(prepared));
  }

  /** One status read of the task a follow-on starts from, as {@link #statusAsync} reads (told to the listeners). */
  private CompletableFuture<TaskSnapshot> readFollowOnSource(JobHandle source) {
    return retries.runWithin(statusTimeout, statusTimeoutSetBy, "read", Operation.READ, source, source.taskId(),
        () -> told(source, ProviderFaultException.sameTask(source, provider.status(source.taskId()))));
  }

  private CompletableFuture<JobHandle> followOnAsync(FollowOnKind kind, String handleOrTaskId, FollowOn followOn) {
    Objects.requireNonNull(followOn, "followOn == null");
    JobHandle source = resume(handleOrTaskId);
    return trackSubmit(new CompletableFuture<>(), stop -> followOns.submit(kind, source, followOn, stop));
  }

  /**
   * The provider's {@code balance()}, read as {@link #balances} is (within the balance timeout): where
   * keys have quotas of their own, the key's, not the account's. What a job may still spend is the
   * smaller of the two, {@code balances().effectiveRemaining()}.
   */
  public Balance balance() {
    OwnThreadGuard.refuseBlocking("balance", "balanceAsync", null);
    return Futures.await(balanceAsync(), true);
  }

  /**
   * Adds {@code listener}, told every event of every job from now on, beside the one the client was
   * built with (for a component such as the playground that shares a client); the returned action
   * removes it.
   */
  public Runnable addListener(VidgenListener listener) {
    return runtime.events().add(listener);
  }

  /**
   * {@link #balance} without blocking; cancelling the future abandons the read. A read that failed keeps the
   * balance check from waiting for the balance again for a minute, as {@link #balancesAsync} does.
   */
  public CompletableFuture<Balance> balanceAsync() {
    return track(() -> toldToFunds(readBalance(provider::balance)));
  }

  /** A balance read under the retry policy, ended within the balance timeout. */
  private <T> CompletableFuture<T> readBalance(Supplier<CompletableFuture<T>> read) {
    return retries.runWithin(balanceTimeout, balanceTimeoutSetBy, "balance read", Operation.READ, null, null, read);
  }

  /**
   * Deletes the temporary files of the downloads this client is writing now; those downloads then
   * fail and nothing is left beside their targets. For a shutdown hook: a JVM that ends runs no
   * download's own clean-up.
   */
  public void deletePartialDownloads() {
    downloader.deleteOpenParts();
  }

  /** The provider's id, what is left of the budget and the calls in flight; never a key. */
  @Override
  public String toString() {
    return "VidgenClient[provider " + provider.id() + ", " + ledger.remaining() + ", "
        + (running.size() + openSubmits.size()) + " in flight"
        + (closed.get() ? ", closed" : "") + "]";
  }

  /**
   * Closes the client without losing a paid task: no create leaves from now on, waits and downloads are
   * cancelled (a {@code generate} whose task is made ends in a {@link WaitStoppedException} naming it), and
   * a create already on its way is waited for up to the builder's {@link Builder#closeWait} (10 s by
   * default), so that its answer names the task; one still unanswered then ends its submit in an {@link
   * dev.vidgen.core.error.AmbiguousSubmitException}. Then closes the provider, scheduler and download threads
   * this client created (a caller's own stay open). A call while another thread closes the client returns only
   * once that close is done (waiting up to {@code closeWait} and a moment more), as a shutdown hook needs; one
   * made from a listener or on vidgen's own threads returns at once, since the close may be waiting for that very
   * thread. Calling it after the close is done does nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      awaitCloseElsewhere();
      return;
    }
    closingThread = Thread.currentThread();
    try {
      closeOnce();
    } finally {
      closeDone.complete(null);
    }
  }

  /** A moment for the steps a close takes after its wait for answers (the threads and the provider closing). */
  static final Duration CLOSE_STEPS_GRACE = Duration.ofSeconds(1);

  /**
   * Waits for the close another caller began, bounded as that close's own wait is, unless this thread is the
   * one closing, a listener's or one of vidgen's: that close may be waiting for it, so waiting here could only
   * hold both up. An interrupt ends the wait (the flag is kept).
   */
  private void awaitCloseElsewhere() {
    if (closeDone.isDone() || closingThread == Thread.currentThread() || Events.telling()
        || VidgenThreads.current().isPresent()) {
      return;
    }
    try {
      closeDone.get(closeWait.plus(CLOSE_STEPS_GRACE).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // The close goes on in its own thread; this caller has waited as long as it may.
    }
  }

  /** The close's work, done by the first caller only. */
  private void closeOnce() {
    running.forEach((future, what) -> stopForClose(future, what.isEmpty() ? null : what));
    // The downloads just stopped would remove their part files on their own threads, perhaps after the app has
    // ended: removed here, so that a close leaves no half-written file behind whenever the JVM ends.
    downloader.deleteOpenParts();
    // Before the HTTP layer goes: an answer on its way is read, and the listener told of its task.
    openSubmits.close(closeWait);
    if (ownsScheduler) {
      scheduler.shutdownNow();
    }
    handBack.runPending();
    if (ownIo != null) {
      ownIo.shutdownNow();
    }
    if (ownsProvider) {
      provider.close();
    }
  }

  /**
   * A submit or follow-on started by {@code start} with its stop signal (done once {@code callersStop}
   * is, or the client closes), kept among the open submits that a close waits for.
   */
  private CompletableFuture<JobHandle> trackSubmit(CompletableFuture<?> callersStop,
      java.util.function.Function<CompletableFuture<?>, CompletableFuture<JobHandle>> start) {
    if (closed.get()) {
      throw new IllegalStateException("this VidgenClient is closed");
    }
    return handBack.of(openSubmits.start(callersStop, start));
  }

  /**
   * Ends a wait or download still running as the client closes: cancelled (what it was doing stops), with a
   * message saying why, since a bare cancellation would not; a generate is cancelled as its own cancel does it.
   */
  private static void stopForClose(CompletableFuture<?> future, String what) {
    if (future instanceof GenerationFuture generation) {
      generation.cancel(false); // its own cancel names the task it made
      return;
    }
    boolean download = what != null && what.startsWith(DOWNLOAD_OF);
    future.completeExceptionally(new java.util.concurrent.CancellationException("this VidgenClient was closed, so "
        + (what == null ? "this wait or download" : what) + " stopped; " + (download
            ? "the task is done at the provider and its video was not saved: download it again on an open client"
                + " (download(handle, status(handle), target)) while its link lasts"
            : "a task already made goes on at the provider: follow it with its handle on an open client (resume)")));
  }

  /** How a download's {@link #about} begins, which a close's message tells from a wait's. */
  private static final String DOWNLOAD_OF = "the download of";

  /** What a wait or download of {@code handle}'s task is, for the message of a close that stops it. */
  private static String about(String step, JobHandle handle) {
    return step + " task " + dev.vidgen.core.text.SafeText.clip(dev.vidgen.core.text.SafeText.clean(
        handle.taskId().value()), 80) + " (" + handle.providerId() + ")";
  }

  /** Whether {@link #close} was called: then the client starts no more calls. */
  public boolean isClosed() {
    return closed.get();
  }

  private <T> CompletableFuture<T> track(Supplier<CompletableFuture<T>> start) {
    return track(null, start);
  }

  /** {@link #track(Supplier)} of a call that a close's message names as {@code what} (null: said generally). */
  private <T> CompletableFuture<T> track(String what, Supplier<CompletableFuture<T>> start) {
    if (closed.get()) {
      throw new IllegalStateException("this VidgenClient is closed");
    }
    CompletableFuture<T> future = start.get();
    if (!future.isDone()) {
      running.put(future, what == null ? "" : what);
      future.whenComplete((value, failure) -> running.remove(future));
      if (closed.get()) {
        // Closed while this call began: the close's sweep of the running calls may have missed it, and its timers
        // are gone with the scheduler, so it would never end. Added before this look, it is ended by one or the other.
        stopForClose(future, what);
      }
    }
    return handBack.of(future);
  }

  /**
   * The next step of a {@code generate}, or a cancelled future when the client closed before it began
   * (such as when the answer of its create came during the close), so that the caller learns the task.
   */
  private <T> CompletableFuture<T> unlessClosed(Supplier<CompletableFuture<T>> step) {
    if (!closed.get()) {
      try {
        return step.get();
      } catch (IllegalStateException closedNow) {
        if (!closed.get()) {
          throw closedNow;
        }
      }
    }
    return CompletableFuture.failedFuture(new CancellationException("the client was closed"));
  }

  /**
   * {@code failure} of a step after {@code handle}'s task was made, a bare cancellation (the client
   * closed) turned into one that names the task, so that the caller of {@code generate} keeps it.
   */
  private Throwable namingTask(GenerationFuture result, JobHandle handle, Throwable failure) {
    if (failure instanceof CancellationException && !(failure instanceof WaitStoppedException)) {
      WaitStoppedException named = result.stoppedTask(handle, closed.get() ? "the client was closed"
          : "it was cancelled");
      named.initCause(failure);
      return named;
    }
    return failure;
  }

  /** Builds a {@link VidgenClient}; a provider must be chosen, everything else has a default. */
  public static final class Builder {
    private Supplier<VideoProvider> providerSource;
    private boolean ownsProvider;
    private ProviderConfig providerConfig;
    private boolean checkRouteHints = true;
    private RouteCatalog catalog;
    private final List<Path> routeFiles = new ArrayList<>();
    private boolean environmentRoutes = true;
    private boolean allowRetired;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private RetryDecider retryDecider;
    private Scheduling scheduling;
    private PollSchedule pollSchedule = PollSchedule.defaults();
    private RouteDurations routeDurations;
    private Budget budget = Budget.unlimited();
    private Clock clock = Clock.systemUTC();
    private ScheduledExecutorService scheduler;
    private Executor ioExecutor;
    private RandomGenerator random = new SplittableRandom();
    private VidgenListener listener = VidgenListener.NONE;
    private boolean checkModelAvailability = true;
    private Duration liveModelsTtl = LiveModelCheck.DEFAULT_TTL;
    private boolean checkBalance = true;
    private boolean allowUnknownPrices;
    private FollowOnRules followOnRules = FollowOnRules.builtIn();
    private boolean readFollowOnSources = true;
    private Duration statusTimeout = DEFAULT_STATUS_TIMEOUT;
    private String statusTimeoutSetBy = STATUS_TIMEOUT_SETTING;
    private Duration balanceTimeout = DEFAULT_BALANCE_TIMEOUT;
    private String balanceTimeoutSetBy = BALANCE_TIMEOUT_SETTING;
    private Duration closeWait = DEFAULT_CLOSE_WAIT;
    private long maxVideoBytes = DEFAULT_MAX_VIDEO_BYTES;

    private Builder() {}

    /** Uses this provider instance; the client does not close it. */
    public Builder provider(VideoProvider provider) {
      Objects.requireNonNull(provider, "provider == null");
      this.providerSource = () -> provider;
      this.ownsProvider = false;
      this.providerConfig = null;
      return this;
    }

    /**
     * Finds the provider {@code id} with ServiceLoader and creates it with {@code config}, given this client's
     * {@link #clock} as {@link #forProvider} says; the client closes it.
     */
    public Builder provider(String id, ProviderConfig config) {
      Objects.requireNonNull(id, "id == null");
      Objects.requireNonNull(config, "config == null");
      this.providerSource = () -> VideoProviders.load(id, forProvider(config));
      this.ownsProvider = true;
      this.providerConfig = config;
      return this;
    }

    /**
     * Chooses the provider at run time: {@code vidgen.provider}, {@code VIDGEN_PROVIDER}, else the only
     * one on the class path (refused when another factory failed to load beside it). It is created with this
     * client's {@link #clock}, as {@link #forProvider} says.
     */
    public Builder discoverProvider(ProviderConfig config) {
      Objects.requireNonNull(config, "config == null");
      this.providerSource = () -> VideoProviders.discover(forProvider(config));
      this.ownsProvider = true;
      this.providerConfig = config;
      return this;
    }

    /**
     * The catalog to use instead of the built-in one (for example with routes added in code);
     * route files are layered over it.
     */
    public Builder catalog(RouteCatalog catalog) {
      this.catalog = Objects.requireNonNull(catalog, "catalog == null");
      return this;
    }

    /**
     * Route files (docs/routes.md) to layer over the catalog, after those of {@code VIDGEN_ROUTES};
     * each call adds to the list. They are read by {@link #build()}.
     */
    public Builder routes(Path... files) {
      for (Path file : Objects.requireNonNull(files, "files == null")) {
        routeFiles.add(Objects.requireNonNull(file, "file == null"));
      }
      return this;
    }

    /**
     * Whether {@link #build()} layers the route files named by the {@code vidgen.routes} system
     * property, else the {@code VIDGEN_ROUTES} environment variable ({@link java.io.File#pathSeparator}
     * between files); true by default.
     */
    public Builder environmentRoutes(boolean read) {
      this.environmentRoutes = read;
      return this;
    }

    /**
     * Whether jobs on a retired route are sent (with a warning) instead of refused; false by
     * default. Allow it when your provider still serves the route, as a reseller may.
     */
    public Builder allowRetired(boolean allow) {
      this.allowRetired = allow;
      return this;
    }

    /** When and how often failed calls are tried again; {@link RetryPolicy#defaults()} by default. */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy == null");
      this.retryDecider = null;
      return this;
    }

    /** For tests in this package: retry decisions from a script instead of a policy. */
    Builder retryDecider(RetryDecider retryDecider) {
      this.retryDecider = Objects.requireNonNull(retryDecider, "retryDecider == null");
      return this;
    }

    /** For tests in this package: time and timers by hand instead of a clock and scheduler. */
    Builder scheduling(Scheduling scheduling) {
      this.scheduling = Objects.requireNonNull(scheduling, "scheduling == null");
      return this;
    }

    /** When to read a task's status and the default deadline; {@link PollSchedule#defaults()} by default. */
    public Builder pollSchedule(PollSchedule pollSchedule) {
      this.pollSchedule = Objects.requireNonNull(pollSchedule, "pollSchedule == null");
      return this;
    }

    /**
     * Where the client learns how long each route's tasks take (and reads it back to poll tasks
     * without progress); a store of its own by default. Pass one to share it between clients or
     * to start from durations seeded from a history.
     */
    public Builder routeDurations(RouteDurations routeDurations) {
      this.routeDurations = Objects.requireNonNull(routeDurations, "routeDurations == null");
      return this;
    }

    /** The most this client may spend over its life; unlimited by default. */
    public Builder budget(Budget budget) {
      this.budget = Objects.requireNonNull(budget, "budget == null");
      return this;
    }

    /**
     * Whether each create is first checked against the provider's live model list (read once, kept
     * for {@link #liveModelsTtl}); on by default. A model the key may not use is then refused
     * before anything is sent; a list that cannot be read only draws a warning.
     */
    public Builder checkModelAvailability(boolean check) {
      this.checkModelAvailability = check;
      return this;
    }

    /**
     * Whether {@link #build()} refuses a catalog with routes whose hints the provider cannot use; on by
     * default. Off, the client is built and a job on such a route is refused by validation
     * ({@code model.hints_unusable}) before anything is sent, while other routes and tasks already made work.
     */
    public Builder checkRouteHints(boolean check) {
      this.checkRouteHints = check;
      return this;
    }

    /**
     * The most one {@link VidgenClient#status} call may take, its retries included; {@link
     * VidgenClient#DEFAULT_STATUS_TIMEOUT} (60 s) by default. Waits ({@code await}) have their own deadline instead.
     *
     * @throws IllegalArgumentException when {@code timeout} is zero or negative
     */
    public Builder statusTimeout(Duration timeout) {
      return statusTimeout(timeout, STATUS_TIMEOUT_SETTING);
    }

    /**
     * As {@link #statusTimeout(Duration)}, with {@code setBy} named in the message of a read that ran
     * out of time as what sets the limit (such as a command-line option); null names nothing.
     *
     * @throws IllegalArgumentException when {@code timeout} is zero or negative
     */
    public Builder statusTimeout(Duration timeout, String setBy) {
      Objects.requireNonNull(timeout, "timeout == null");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("statusTimeout must be positive, was " + timeout);
      }
      this.statusTimeout = timeout;
      this.statusTimeoutSetBy = setBy == null || setBy.isBlank() ? null : setBy.strip();
      return this;
    }

    /**
     * The most one {@link VidgenClient#balance} or {@link VidgenClient#balances} call may take, its
     * retries included; {@link VidgenClient#DEFAULT_BALANCE_TIMEOUT} (60 s) by default.
     *
     * @throws IllegalArgumentException when {@code timeout} is zero or negative
     */
    public Builder balanceTimeout(Duration timeout) {
      return balanceTimeout(timeout, BALANCE_TIMEOUT_SETTING);
    }

    /**
     * As {@link #balanceTimeout(Duration)}, with {@code setBy} named in the message of a read that ran
     * out of time as what sets the limit (such as a command-line option); null names nothing.
     *
     * @throws IllegalArgumentException when {@code timeout} is zero or negative
     */
    public Builder balanceTimeout(Duration timeout, String setBy) {
      Objects.requireNonNull(timeout, "timeout == null");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("balanceTimeout must be positive, was " + timeout);
      }
      this.balanceTimeout = timeout;
      this.balanceTimeoutSetBy = setBy == null || setBy.isBlank() ? null : setBy.strip();
      return this;
    }

    /**
     * How long {@link VidgenClient#close()} waits for the answers of creates on their way, so that the
     * paid tasks they make are named; {@link VidgenClient#DEFAULT_CLOSE_WAIT} (10 s) by default. Zero
     * waits for none: each such submit then ends as ambiguous at once.
     *
     * @throws IllegalArgumentException when {@code wait} is negative
     */
    public Builder closeWait(Duration wait) {
      Objects.requireNonNull(wait, "wait == null");
      if (wait.isNegative()) {
        throw new IllegalArgumentException("closeWait must not be negative, was " + wait);
      }
      this.closeWait = wait;
      return this;
    }

    /**
     * The most bytes a result download may bring; {@link VidgenClient#DEFAULT_MAX_VIDEO_BYTES} (2 GiB)
     * by default. A larger one is refused with a {@link dev.vidgen.core.error.DownloadFailedException}
     * as soon as it passes the limit, nothing saved: a link that streams without end fills no disk.
     *
     * @throws IllegalArgumentException when {@code bytes} is less than 1
     */
    public Builder maxVideoBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxVideoBytes must be 1 or more, was " + bytes);
      }
      this.maxVideoBytes = bytes;
      return this;
    }

    /** How long the live model list is kept before it is read again; 5 minutes by default. */
    public Builder liveModelsTtl(Duration ttl) {
      Objects.requireNonNull(ttl, "ttl == null");
      if (ttl.isNegative()) {
        throw new IllegalArgumentException("liveModelsTtl must not be negative, was " + ttl);
      }
      this.liveModelsTtl = ttl;
      return this;
    }

    /**
     * Whether each create is first compared with what the key and the account have left (read once,
     * then counted down by the quotes sent); on by default. A job that costs more is refused with
     * an {@link dev.vidgen.core.error.InsufficientQuotaException} before anything is sent.
     */
    public Builder checkBalance(boolean check) {
      this.checkBalance = check;
      return this;
    }

    /**
     * Whether a job whose price is unknown may run under a limited budget (it then takes nothing
     * from it); off by default, since an unknown price never counts as zero.
     */
    public Builder allowUnknownPrices(boolean allow) {
      this.allowUnknownPrices = allow;
      return this;
    }

    /**
     * Whether an extend or a remix first reads the status of its source task (free) when this client has not seen it
     * completed, refusing a source that failed or is not finished, or that the provider does not know, with nothing
     * sent; on by default. Turn it off only where the caller reads the source itself.
     */
    public Builder readFollowOnSources(boolean read) {
      this.readFollowOnSources = read;
      return this;
    }

    /** The follow-on rules (extend, remix) to check against; {@link FollowOnRules#builtIn()} by default. */
    public Builder followOnRules(FollowOnRules rules) {
      this.followOnRules = Objects.requireNonNull(rules, "rules == null");
      return this;
    }

    /**
     * The clock for deadlines, submission times, link expiry and whether a route's retirement day has
     * come (its date in UTC); the system clock by default.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * {@code config} as a provider made for this client is given it: carrying this builder's {@link #clock} (the
     * system clock unless set) unless {@code config} carries a clock of its own, so that a provider that keeps time,
     * such as the mock, keeps the client's ({@link ProviderConfig#clock()}). Used by {@link #provider(String,
     * ProviderConfig)}, {@link #discoverProvider} and {@code VidgenModule}.
     */
    public ProviderConfig forProvider(ProviderConfig config) {
      return Objects.requireNonNull(config, "config == null").withClockIfAbsent(clock);
    }

    /** The scheduler for waits and retries; the client creates (and closes) a small one by default. */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler == null");
      return this;
    }

    /**
     * Where the blocking copy of a download runs; by default a few daemon threads of the client's
     * own, which it closes. A caller's executor is not closed.
     */
    public Builder ioExecutor(Executor ioExecutor) {
      this.ioExecutor = Objects.requireNonNull(ioExecutor, "ioExecutor == null");
      return this;
    }

    /** The source of jitter and client references; give a seeded one for reproducible tests. */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random == null");
      return this;
    }

    /** Told about every job's events (for metrics and audit logs); a listener that throws is logged and ignored. */
    public Builder listener(VidgenListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /**
     * The client.
     *
     * @throws IllegalStateException when no provider was chosen
     * @throws dev.vidgen.core.catalog.RouteFileException when a route file cannot be used (nothing
     *     was created)
     * @throws dev.vidgen.core.error.ProviderSelectionException when the provider cannot be found, or its
     *     {@code id()} is null, blank or not a lower-case id ({@link VideoProviders#ALLOWED_IDS})
     * @throws dev.vidgen.core.catalog.RouteHintsException when the provider cannot use some route's
     *     hints (unless {@link #checkRouteHints(boolean)} is off)
     */
    public VidgenClient build() {
      if (providerSource == null) {
        throw new IllegalStateException(
            "choose a provider: provider(VideoProvider), provider(id, config) or discoverProvider(config)");
      }
      RouteCatalog routes = routes();
      VideoProvider provider = providerSource.get();
      requireUsableId(provider);
      Map<String, String> unusableHints = checkHints(routes, provider);
      ScheduledExecutorService chosenScheduler = scheduler != null ? scheduler : defaultScheduler();
      ExecutorService io = ioExecutor != null ? null : defaultIo();
      return new VidgenClient(this, routes, provider, chosenScheduler, io, unusableHints);
    }

    /**
     * Refuses a provider whose id cannot name its tasks' handles (null, blank, not lower case): the same
     * rule a factory found on the class path is held to.
     */
    private void requireUsableId(VideoProvider provider) {
      Optional<String> problem;
      try {
        problem = VideoProviders.idProblem(provider.id());
      } catch (RuntimeException e) {
        problem = Optional.of("threw " + e);
      }
      if (problem.isPresent()) {
        ProviderSelectionException refused = new ProviderSelectionException("the provider "
            + provider.getClass().getName() + " cannot be used: its id() " + problem.get() + ", and every task's"
            + " handle and error is named by it; a provider id is " + VideoProviders.ALLOWED_IDS + ", the same as"
            + " its factory's", List.of(), null);
        closeOwned(provider, refused);
        throw refused;
      }
    }

    /**
     * Every route's hints as the provider reads them, so that a mistake shows now and not at a job's create:
     * refused ({@link #checkRouteHints}), or else the routes that cannot be used, by id, with what is wrong.
     */
    private Map<String, String> checkHints(RouteCatalog routes, VideoProvider provider) {
      List<String> problems = new ArrayList<>();
      Map<String, String> unusable = new java.util.LinkedHashMap<>();
      try {
        for (ModelRoute route : routes.routes()) {
          try {
            provider.checkHints(route);
          } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            unusable.put(route.id(), e.getMessage());
          }
        }
      } catch (RuntimeException | Error e) {
        closeOwned(provider, e);
        throw e;
      }
      if (!problems.isEmpty() && checkRouteHints) {
        dev.vidgen.core.catalog.RouteHintsException refused =
            new dev.vidgen.core.catalog.RouteHintsException(provider.id(), problems, List.copyOf(unusable.keySet()));
        closeOwned(provider, refused);
        throw refused;
      }
      return Map.copyOf(unusable);
    }

    /** Closes a provider this builder made, keeping {@code failure} as what the caller sees. */
    private void closeOwned(VideoProvider provider, Throwable failure) {
      if (!ownsProvider) {
        return;
      }
      try {
        provider.close();
      } catch (RuntimeException e) {
        failure.addSuppressed(e);
      }
    }

    private RouteCatalog routes() {
      List<Path> files = new ArrayList<>();
      if (environmentRoutes) {
        String listed = System.getProperty("vidgen.routes");
        files.addAll(RouteFiles.parseList(listed != null ? listed : System.getenv(RouteFiles.ENVIRONMENT_VARIABLE), null));
      }
      files.addAll(routeFiles);
      return RouteFiles.load(catalog != null ? catalog : RouteCatalog.builtIn(), files);
    }

    private static ScheduledExecutorService defaultScheduler() {
      // One thread: timers only hand work to the provider (calls are asynchronous) and never wait.
      ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, VidgenThreads.named("vidgen-scheduler"));
      executor.setRemoveOnCancelPolicy(true);
      return executor;
    }

    private static ExecutorService defaultIo() {
      ThreadPoolExecutor executor = new ThreadPoolExecutor(
          4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), VidgenThreads.named("vidgen-download"));
      executor.allowCoreThreadTimeOut(true);
      return executor;
    }
  }
}
