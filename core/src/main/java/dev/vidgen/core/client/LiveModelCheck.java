package dev.vidgen.core.client;

import dev.vidgen.core.concurrent.AsyncFailures;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.text.EditDistance;
import dev.vidgen.core.validation.ValidationReport;
import dev.vidgen.core.validation.Violation;
import dev.vidgen.core.validation.ViolationCodes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * Checks a model against the provider's live model list before a create: the list is read once
 * and kept for a few minutes (per client); a model not listed is refused with the closest listed
 * ids; a list that cannot be read (error, timeout) lets the job go on with a warning. A provider
 * that cannot list its models is not checked.
 */
final class LiveModelCheck {
  static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(20);
  /** How long a failed read is kept: long enough that a run of submits or checks does not ask again each time. */
  static final Duration FAILED_TTL = Duration.ofSeconds(30);

  private final ClientRuntime runtime;
  private final boolean enabled;
  private final Duration ttl;
  private final Object lock = new Object();
  private CompletableFuture<Set<String>> cached;
  /** The name pairs already warned about, so a run of jobs on an alias warns once per client. */
  private final Set<String> warnedAliases = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private Instant readAt;

  LiveModelCheck(ClientRuntime runtime, boolean enabled, Duration ttl) {
    this.runtime = runtime;
    this.enabled = enabled;
    this.ttl = ttl;
  }

  /** The live list, from the cache when it is fresh; a failed read is kept for {@link #FAILED_TTL} at most. */
  CompletableFuture<Set<String>> list() {
    synchronized (lock) {
      Instant now = runtime.time().now();
      Duration kept = cached != null && cached.isCompletedExceptionally() && FAILED_TTL.compareTo(ttl) < 0
          ? FAILED_TTL : ttl;
      boolean fresh = cached != null && readAt.plus(kept).isAfter(now);
      if (!fresh) {
        readAt = now;
        // One attempt, no retries: an unreadable list only costs a warning.
        cached = Futures.attempt(() -> runtime.provider().liveModels()).thenApply(Set::copyOf);
      }
      return cached;
    }
  }

  /** Completes when {@code model} may be sent; fails with an {@link InvalidJobException} when the key may not use it. */
  CompletableFuture<Void> check(String model) {
    if (!enabled) {
      return CompletableFuture.completedFuture(null);
    }
    return withinReadTimeout(list().copy()).handle((live, failure) -> {
      if (failure != null) {
        unreadable(failure, model);
        return null;
      }
      if (!live.contains(model) && live.stream().noneMatch(model::equalsIgnoreCase)) {
        throw new CompletionException(new InvalidJobException(notAvailable(model, live)));
      }
      return null;
    });
  }

  /** A list that could not be read: the key refused fails the job; anything else warns, and the job goes on. */
  private void unreadable(Throwable failure, String model) {
    Throwable cause = AsyncFailures.unwrap(failure);
    if (AccountFunds.isRefusedKey(cause)) {
      // The key itself was refused: every other call would be too, so nothing more is sent.
      throw new CompletionException(cause);
    }
    if (!(cause instanceof UnsupportedOperationException)) {
      runtime.events().warning("live_models.unreadable", "the live model list of " + runtime.provider().id()
          + " could not be read (" + describe(cause) + "); " + model + " is sent unchecked");
    }
  }

  /**
   * The name to send for a job on {@code route} that named it {@code given} (one of the route's
   * names): {@code given} when the live list holds it, cannot be read or is not checked; else the
   * first of the route's other names the list holds (with a warning saying so); else fails as
   * {@link #check} does.
   */
  CompletableFuture<String> nameToSend(dev.vidgen.core.domain.ModelRoute route, String given) {
    if (!enabled) {
      return CompletableFuture.completedFuture(given);
    }
    return withinReadTimeout(list().copy()).handle((live, failure) -> {
      if (failure != null) {
        unreadable(failure, given);
        return given;
      }
      if (live.contains(given)) {
        return given;
      }
      String listed = route.nameListedIn(live)
          .orElseThrow(() -> new CompletionException(new InvalidJobException(notAvailable(given, live))));
      if (listed.equals(given)) {
        return given; // listed in another case only: the documented spelling is sent
      }
      if (warnedAliases.add(given + " -> " + listed)) {
        runtime.events().warning("live_models.alias", given + " is listed for this key as " + listed
            + ", another name of the same model; " + listed + " is sent");
      }
      return listed;
    });
  }

  /**
   * Fails {@code read} with a {@link TimeoutException} after {@link #READ_TIMEOUT}, on the client's
   * scheduler (so no JDK timer thread is started, and virtual time applies).
   */
  private CompletableFuture<Set<String>> withinReadTimeout(CompletableFuture<Set<String>> read) {
    if (read.isDone()) {
      return read;
    }
    Scheduling.Cancellable timer = runtime.time().after(READ_TIMEOUT,
        () -> read.completeExceptionally(new TimeoutException("no answer within " + READ_TIMEOUT.toSeconds() + " s")));
    read.whenComplete((live, failure) -> timer.cancel());
    return read;
  }

  static ValidationReport notAvailable(String model, Set<String> live) {
    List<String> closest = closest(model, live, 3);
    String hint = live.isEmpty() ? "the key may use no video model at all; check the key's model restrictions"
        : "the closest listed: " + String.join(", ", closest);
    return new ValidationReport(model, null, List.of(Violation.error("model", ViolationCodes.MODEL_NOT_AVAILABLE, model,
        String.join(", ", closest), "model: " + model + " is not in the provider's live model list for this key (" + live.size()
            + " video models listed), so it would be refused; " + hint
            + " (turn this check off with checkModelAvailability(false) in Java, --no-model-check on the command line,"
            + " vidgen serve --no-model-check for the playground)")));
  }

  /** The {@code count} listed ids nearest to {@code model} by edit distance (case ignored). */
  static List<String> closest(String model, Set<String> live, int count) {
    String wanted = model.toLowerCase(Locale.ROOT);
    List<String> sorted = new ArrayList<>(live);
    sorted.sort(Comparator.<String>comparingInt(id -> related(wanted, id.toLowerCase(Locale.ROOT)) ? 0 : 1)
        .thenComparingInt(id -> EditDistance.between(wanted, id.toLowerCase(Locale.ROOT))).thenComparing(id -> id));
    return sorted.subList(0, Math.min(count, sorted.size()));
  }

  /** Whether one id contains the other, such as a model and its {@code -preview} variant. */
  private static boolean related(String a, String b) {
    return !a.isEmpty() && !b.isEmpty() && (a.contains(b) || b.contains(a));
  }


  private static String describe(Throwable cause) {
    if (cause instanceof java.util.concurrent.TimeoutException) {
      return "no answer within " + READ_TIMEOUT.toSeconds() + " s";
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}
