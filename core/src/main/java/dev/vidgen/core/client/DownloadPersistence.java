package dev.vidgen.core.client;

import dev.vidgen.core.error.ProviderErrorDetails;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.PollSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * What keeps one result download going past the retry policy's count: a try that brought bytes no earlier try had
 * is progress (the policy counts the failures since), and a link that brings nothing because of an outage (no
 * connection, no answer) is tried again every 15 to 20 s for up to {@link #OUTAGE_TOLERANCE}, as a wait rides out
 * failing status reads: the task is finished and paid for. Once the caller's deadline passes ({@link #stop}), no
 * try and no such wait starts any more. Thread-safe.
 */
final class DownloadPersistence implements RetryLoop.Persistence {
  /** How long a download rides out tries that bring nothing; a wait's outage tolerance by default. */
  static final Duration OUTAGE_TOLERANCE = AwaitOptions.DEFAULT_OUTAGE_TOLERANCE;
  /** The most tries one download makes, with progress or not: a bound on a link that brings a few bytes a time. */
  static final int MAX_TRIES = 1_000;
  static final String OUTAGE_WARNING = "download.unreachable";

  private final ClientRuntime runtime;
  private final SparingWarnings warnings;
  private final String taskId;
  /** The furthest byte of the file any try of this download reached. */
  private long furthest;
  /** Whether the try on its way (or just ended) reached past {@link #furthest}, and whether it brought any byte. */
  private boolean progressed;
  private boolean broughtBytes;
  private boolean lastBroughtBytes;
  private int tries;
  /** When the tries began to bring nothing, and how many waits were ridden out since; null while bytes come. */
  private Instant failingSince;
  private int ridden;
  /** Whether a try is on its way now, and whether the caller's deadline passed (no try starts from then on). */
  private boolean underWay;
  private volatile boolean stopped;

  DownloadPersistence(ClientRuntime runtime, SparingWarnings warnings, String taskId) {
    this.runtime = runtime;
    this.warnings = warnings;
    this.taskId = taskId;
  }

  /** Runs {@code attempt} as a try on its way, unless the deadline passed: then no try starts. */
  <T> CompletableFuture<T> underWay(Supplier<CompletableFuture<T>> attempt) {
    synchronized (this) {
      if (stopped) {
        return CompletableFuture.failedFuture(new CancellationException("no download try starts after the deadline"));
      }
      underWay = true;
    }
    CompletableFuture<T> tried;
    try {
      tried = attempt.get();
    } catch (RuntimeException | Error failed) {
      ended();
      throw failed;
    }
    return tried.whenComplete((value, failure) -> ended());
  }

  private synchronized void ended() {
    underWay = false;
  }

  /** The caller's deadline passed: no try or wait starts from now on. Returns whether a try is on its way. */
  synchronized boolean stop() {
    stopped = true;
    return underWay;
  }

  @Override
  public boolean stopped() {
    return stopped;
  }

  /** The try on its way has written the file up to byte {@code bytes}. */
  synchronized void reached(long bytes) {
    broughtBytes = true;
    if (bytes > furthest) {
      furthest = bytes;
      progressed = true;
    }
  }

  @Override
  public synchronized boolean progressed() {
    tries++;
    boolean further = progressed && tries < MAX_TRIES;
    lastBroughtBytes = broughtBytes;
    if (broughtBytes) {
      failingSince = null;
      ridden = 0;
    }
    progressed = false;
    broughtBytes = false;
    return further;
  }

  @Override
  public Optional<Duration> rideOut(ProviderException failure) {
    Instant now = runtime.time().now();
    Duration wait;
    synchronized (this) {
      if (stopped || lastBroughtBytes || tries >= MAX_TRIES || !mayPass(failure)) {
        return Optional.empty();
      }
      if (failingSince == null) {
        failingSince = now;
      }
      long doublings = Math.min(ridden, 8);
      wait = PollingLoop.OUTAGE_FIRST_WAIT.multipliedBy(1L << doublings);
      PollSchedule schedule = runtime.pollSchedule();
      Duration cap = schedule.maxInterval().compareTo(PollingLoop.OUTAGE_MAX_WAIT) < 0 ? schedule.maxInterval()
          : PollingLoop.OUTAGE_MAX_WAIT;
      wait = wait.compareTo(cap) > 0 ? cap : wait;
      if (Duration.between(failingSince, now.plus(wait)).compareTo(OUTAGE_TOLERANCE) > 0) {
        return Optional.empty();
      }
      ridden++;
    }
    warnings.say(OUTAGE_WARNING, now, "the video of task " + taskId + " could not be fetched (" + failure.getMessage()
        + "); the task is finished and paid for, so its video is fetched again in " + PollingLoop.spoken(wait)
        + " (a download rides out " + PollingLoop.spoken(OUTAGE_TOLERANCE) + " of failures)",
        "failed download", "failed downloads");
    return Optional.of(wait);
  }

  /**
   * Whether {@code failure} is an outage that may pass by itself: no connection, or no answer; not an answer the
   * server gave (a 4xx or 5xx keeps the policy's tries), nor one the client refuses whatever comes (too large,
   * holding the key, an untrusted certificate).
   */
  private static boolean mayPass(ProviderException failure) {
    String code = failure.details().code();
    if (ProviderErrorDetails.ANSWER_TOO_LARGE.equals(code) || ProviderErrorDetails.ANSWER_HOLDS_KEY.equals(code)
        || ProviderErrorDetails.TLS_UNTRUSTED.equals(code)) {
      return false;
    }
    boolean answered = failure.httpStatus() != 0;
    return !answered && (failure.kind() == FailureKind.CONNECT_FAILED || failure.kind() == FailureKind.NO_RESPONSE);
  }
}
