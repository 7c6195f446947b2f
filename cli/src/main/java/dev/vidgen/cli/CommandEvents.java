package dev.vidgen.cli;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenListener;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.VidgenException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.Operation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The command's ear on its client: warnings as {@code vidgen: warning: …} lines, each retry of a
 * download, every event with {@code --verbose}, and whether a create is on its way without an answer yet (for Ctrl-C).
 */
final class CommandEvents implements VidgenListener {
  private final Output output;
  private final VidgenListener verbose;
  /** Whether the process is stopping, whose stop ends the reads still going (a balance read among them). */
  private final BooleanSupplier stopping;
  /** A backoff from which a rate-limited create is mentioned: shorter ones pass unnoticed. */
  private static final Duration SAY_RATE_LIMIT_FROM = Duration.ofSeconds(3);
  private final AtomicInteger creating = new AtomicInteger();
  private final java.util.List<Map<String, String>> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicBoolean toldRateLimited = new java.util.concurrent.atomic.AtomicBoolean();
  private volatile java.time.Instant creatingSince;
  /** When a create answered with a passing failure goes out again; null when none does. */
  private volatile java.time.Instant resendAt;
  /** Whether every failed try of the last create surely made no task (429, 503, a refused connection). */
  private volatile boolean madeNothing = true;
  /** Whether the last create got no usable answer and its task is being looked up (no answer is awaited). */
  private volatile boolean lookingUp;

  CommandEvents(Output output, boolean verbose) {
    this(output, verbose, ShutdownNotice::jvmStopping);
  }

  /** As above, with {@code stopping} telling whether the process is stopping (Ctrl-C, a SIGTERM). */
  CommandEvents(Output output, boolean verbose, BooleanSupplier stopping) {
    this.output = output;
    this.verbose = verbose ? new VerboseListener(output) : VidgenListener.NONE;
    this.stopping = stopping;
  }

  /**
   * Whether some create has gone out (after its checks and uploads) and not been answered yet. A create
   * answered with a failure that surely made no task (429, 503, a refused connection) is not on its
   * way while it waits to be sent again.
   */
  boolean createOnItsWay() {
    java.time.Instant again = resendAt;
    boolean waitingToResend = again != null && madeNothing && java.time.Instant.now().isBefore(again);
    return creating.get() > 0 && !waitingToResend;
  }

  private final java.util.concurrent.atomic.AtomicReference<java.time.Instant> firstCreateSent =
      new java.util.concurrent.atomic.AtomicReference<>();

  /** When the first create of the command went out (the first take of a create sent again), if one did. */
  java.util.Optional<java.time.Instant> firstCreateSent() {
    return java.util.Optional.ofNullable(firstCreateSent.get());
  }

  /** When the last create went out, if one did. */
  java.util.Optional<java.time.Instant> lastCreateSent() {
    return java.util.Optional.ofNullable(creatingSince);
  }

  /**
   * Since when an answer to the last create has been awaited: when it went out, or when it went out
   * again after a failure that was answered (a 429 or a 500, then a backoff); empty before any create
   * and while the task of a create that got no usable answer is looked up.
   */
  java.util.Optional<java.time.Instant> createAwaitedSince() {
    java.time.Instant sent = creatingSince;
    if (lookingUp) {
      return java.util.Optional.empty();
    }
    java.time.Instant again = resendAt;
    if (sent == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(again != null && again.isAfter(sent) ? again : sent);
  }

  /** Runs just before each create goes out, on the thread that sends it. */
  private volatile Runnable beforeCreate = () -> { };

  /** Has {@code hook} run just before each create goes out (and before it leaves), replacing any earlier hook. */
  void beforeEachCreate(Runnable hook) {
    beforeCreate = java.util.Objects.requireNonNull(hook, "hook == null");
  }

  @Override
  public void onCreating(String model, String clientReference) {
    lookingUp = false;
    resendAt = null;
    madeNothing = true;
    creatingSince = java.time.Instant.now();
    firstCreateSent.compareAndSet(null, creatingSince);
    creating.incrementAndGet();
    beforeCreate.run();
    verbose.onCreating(model, clientReference);
  }

  /** The last status seen of each task (the create's answer, then each read), for output that has no fresher one. */
  private final Map<dev.vidgen.core.domain.TaskId, TaskSnapshot> lastSeen = new java.util.concurrent.ConcurrentHashMap<>();

  /** The last status seen of {@code handle}'s task (the create's answer or a status read), if any. */
  java.util.Optional<TaskSnapshot> lastSeen(JobHandle handle) {
    return java.util.Optional.ofNullable(lastSeen.get(handle.taskId()));
  }

  /** Keeps {@code snapshot} as the last status seen of {@code handle}'s task, read outside a wait (a download's read). */
  void seen(JobHandle handle, TaskSnapshot snapshot) {
    lastSeen.put(handle.taskId(), snapshot);
  }

  @Override
  public void onSubmitted(JobHandle handle, TaskSnapshot answer) {
    lastSeen.put(handle.taskId(), answer);
    onSubmitted(handle);
  }

  @Override
  public void onSubmitted(JobHandle handle) {
    creating.updateAndGet(n -> Math.max(0, n - 1));
    verbose.onSubmitted(handle);
  }

  @Override
  public void onFailed(JobHandle handle, VidgenException error) {
    if (handle == null) {
      creating.updateAndGet(n -> Math.max(0, n - 1));
    }
    verbose.onFailed(handle, error);
  }

  @Override
  public void onWarning(String code, String message) {
    if ("create.lookup".equals(code)) {
      lookingUp = true; // the create's failure is known: what follows is a look-up, not a wait for its answer
    }
    if (BALANCE_UNREADABLE.equals(code) && stopping.getAsBoolean()) {
      // A balance read the stop itself ended was not unreadable, and no job is sent after a stop.
      return;
    }
    if (!toldWarnings.add(code + "\n" + message)) {
      return; // the same warning again (a dry run checks a model, then names it): told once
    }
    output.note("warning: " + message);
    warnings.add(Map.of("code", code, "message", dev.vidgen.core.text.SafeText.mask(message)));
  }

  /** The code of the warning that a job goes out without a balance check, the balance unreadable. */
  private static final String BALANCE_UNREADABLE = "balance.unreadable";
  private final java.util.Set<String> toldWarnings = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final AtomicInteger resentBlind = new AtomicInteger();
  private final java.util.concurrent.atomic.AtomicReference<java.math.BigDecimal> resentCredits =
      new java.util.concurrent.atomic.AtomicReference<>(java.math.BigDecimal.ZERO);
  private final AtomicInteger resentUnpriced = new AtomicInteger();

  @Override
  public void onResentBlind(String model, dev.vidgen.core.pricing.PriceQuote take) {
    resentBlind.incrementAndGet();
    if (take.isKnown()) {
      resentCredits.accumulateAndGet(take.credits(), java.math.BigDecimal::add);
    } else {
      resentUnpriced.incrementAndGet();
    }
    verbose.onResentBlind(model, take);
  }

  /** How many creates were sent again blind after a server error (each earlier take may have made a task). */
  int resentBlind() {
    return resentBlind.get();
  }

  /** What the takes answered with a server error before a blind resend may have cost, where their price is known. */
  java.math.BigDecimal resentCredits() {
    return resentCredits.get();
  }

  /** How many of the blind resends' earlier takes have no known price. */
  int resentUnpriced() {
    return resentUnpriced.get();
  }

  /** The warnings told so far, each {@code code} and {@code message}, for the command's JSON. */
  java.util.List<Map<String, String>> warnings() {
    return java.util.List.copyOf(warnings);
  }

  @Override
  public void onPolled(JobHandle handle, TaskSnapshot snapshot) {
    lastSeen.put(handle.taskId(), snapshot);
    verbose.onPolled(handle, snapshot);
  }

  @Override
  public void onRetry(JobHandle handle, Operation operation, ProviderException failure, int attempt, Duration delay) {
    if (operation == Operation.CREATE && handle == null) {
      // The create was answered (a 429, a 500) and goes out again after the delay: an answer is awaited from then.
      // Sticky for the job: after one answer that may have made a task (a 500), a later 429 does not clear it.
      FailureKind kind = failure.kind();
      madeNothing = madeNothing && (kind == FailureKind.RATE_LIMITED || kind == FailureKind.UNAVAILABLE
          || kind == FailureKind.CONNECT_FAILED);
      resendAt = java.time.Instant.now().plus(delay);
      if (kind == FailureKind.RATE_LIMITED && delay.compareTo(SAY_RATE_LIMIT_FROM) >= 0
          && toldRateLimited.compareAndSet(false, true)) {
        // Said once: a create held back by 429s is otherwise a silent wait of a minute or more.
        String asked = failure.retryAfter().filter(wait -> !wait.isZero())
            .map(wait -> ", at least the " + DurationConverter.describe(wait)
            + " the provider asks").orElse("");
        output.note("the provider is limiting requests (HTTP 429); the create waits " + scheduled(delay)
            + asked + ", and goes out again, with longer waits if it is refused again" + (madeNothing
            ? " (nothing was made: Ctrl-C stops without paying)" : ""));
      }
    }
    if (operation == Operation.UPLOAD) {
      // A slow or failed upload is otherwise a minute of silence before the create.
      output.note((failure.kind() == FailureKind.RATE_LIMITED ? "an upload was held back by the provider's rate limit (HTTP 429)"
          : "an upload got no usable answer") + "; sending it again in " + scheduled(delay) + " (try "
          + (attempt + 1) + "), after: " + failure.getMessage());
      return;
    }
    if (operation == Operation.DOWNLOAD) {
      // A stalled or broken-off download is otherwise minutes of silence (each try may wait out the read timeout).
      boolean brokeOff = dev.vidgen.core.error.ProviderErrorDetails.DOWNLOAD_BROKE_OFF.equals(failure.details().code());
      Long from = handle == null ? null : resumingFrom.remove(handle.taskId());
      output.note((brokeOff ? "the video that arrived was not whole" : "the video could not be fetched")
          + (from == null ? "; fetching it again in " : "; asking for the rest, from byte " + from + ", in ") + scheduled(delay)
          + " (try " + (attempt + 1) + "), after: " + failure.getMessage());
      return; // said here, so --verbose does not say it twice
    }
    verbose.onRetry(handle, operation, failure, attempt, delay);
  }

  /** The byte each download's next try goes on from, told before its retry; none: it starts over. */
  private final Map<dev.vidgen.core.domain.TaskId, Long> resumingFrom = new java.util.concurrent.ConcurrentHashMap<>();

  @Override
  public void onDownloadResuming(JobHandle handle, long fromByte) {
    resumingFrom.put(handle.taskId(), fromByte);
    verbose.onDownloadResuming(handle, fromByte);
  }

  /**
   * The wait the retry was scheduled with, as it is: tenths of a second under a minute (rounded, so
   * 2.9 s is not said as 2 s), else whole seconds, said as about that.
   */
  static String scheduled(Duration delay) {
    if (delay.compareTo(Duration.ofMinutes(1)) < 0) {
      return String.format(java.util.Locale.ROOT, "%.1f s", delay.toMillis() / 1000.0);
    }
    return "about " + DurationConverter.describe(Duration.ofSeconds(Math.round(delay.toMillis() / 1000.0)));
  }

  @Override
  public void onCompleted(JobHandle handle, TaskSnapshot snapshot) {
    lastSeen.put(handle.taskId(), snapshot);
    verbose.onCompleted(handle, snapshot);
  }

  @Override
  public void onDownloaded(JobHandle handle, Path file) {
    verbose.onDownloaded(handle, file);
  }
}
