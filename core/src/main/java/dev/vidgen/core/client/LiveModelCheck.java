package dev.vidgen.core.client;

import dev.vidgen.core.concurrent.AsyncFailures;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.policy.Operation;
import dev.vidgen.core.text.EditDistance;
import dev.vidgen.core.text.ModelRenames;
import dev.vidgen.core.validation.JobValidator;
import dev.vidgen.core.validation.ValidationReport;
import dev.vidgen.core.validation.Violation;
import dev.vidgen.core.validation.ViolationCodes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Checks a model against the provider's live model list before a create: the list is read once
 * and kept for a few minutes (per client); a model not listed is refused with the closest listed
 * ids a job may use; a list that cannot be read (error, timeout) lets the job go on with a warning.
 * A model the kept list lacks, or that the provider refused at a create, has the list read again
 * (at most once per {@link #REFRESH_INTERVAL}); a model refused at a create stays out of the lists read for
 * the list's lifetime after. A provider that cannot list its models is not checked.
 */
final class LiveModelCheck {
  static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(20);
  /** How long a failed read is kept: long enough that a run of submits or checks does not ask again each time. */
  static final Duration FAILED_TTL = Duration.ofSeconds(30);
  /**
   * The least time between two reads made because the kept list lacks a model a job names or the
   * provider refused one it holds: a run of such jobs cannot hammer the list endpoint.
   */
  static final Duration REFRESH_INTERVAL = Duration.ofSeconds(30);

  private final ClientRuntime runtime;
  private final boolean enabled;
  private final Duration ttl;
  private final RouteCatalog catalog;
  /** Says which routes are retired today (on the client's clock), for the suggestions. */
  private final JobValidator retirements;
  private final Object lock = new Object();
  private CompletableFuture<Set<String>> cached;
  /** The name pairs already warned about, so a run of jobs on an alias warns once per client. */
  private final Set<String> warnedAliases = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private Instant readAt;
  /** When the list last answered: the age a refusal tells, which a later read that failed leaves unchanged. */
  private volatile Instant answeredAt;
  /** The list as it last answered, less refused models (null before any answer): what a refusal names meanwhile. */
  private volatile Set<String> lastAnswered;
  /** The provider refused a model the kept list held: the list is read again once the interval allows. */
  private boolean stale;
  /**
   * Models the provider refused at a create (lower case) and when: each stays out of every list read for
   * {@link #ttl} after, even one that names it again, since the list and the create disagree and a create decides.
   */
  private final Map<String, Instant> refusedAt = new java.util.concurrent.ConcurrentHashMap<>();

  LiveModelCheck(ClientRuntime runtime, boolean enabled, Duration ttl, RouteCatalog catalog) {
    this.runtime = runtime;
    this.enabled = enabled;
    this.ttl = ttl;
    this.catalog = catalog;
    this.retirements = JobValidator.of(catalog).withClock(new SchedulingClock(runtime.time()));
  }

  /** Whether jobs are checked against the list (the builder's {@code checkModelAvailability}). */
  boolean enabled() {
    return enabled;
  }

  /** The live list, from the cache when it is fresh; a failed read is kept for {@link #FAILED_TTL} at most. */
  CompletableFuture<Set<String>> list() {
    return list(null);
  }

  /**
   * {@link #list()}; a read it makes goes under {@code retries} (the policy of reads) when not null,
   * and then a failed read kept is not taken but tried again.
   */
  CompletableFuture<Set<String>> list(RetryLoop retries) {
    synchronized (lock) {
      Instant now = runtime.time().now();
      boolean failed = cached != null && cached.isCompletedExceptionally();
      Duration kept = failed && FAILED_TTL.compareTo(ttl) < 0 ? FAILED_TTL : ttl;
      boolean fresh = cached != null && readAt.plus(kept).isAfter(now) && !(stale && refreshDue(now))
          && !(failed && retries != null);
      if (!fresh) {
        read(now, retries);
      }
      return cached;
    }
  }

  /** The list as last read, when that read succeeded and is still fresh and the check is on; no call is made. */
  Optional<Set<String>> known() {
    if (!enabled) {
      return Optional.empty();
    }
    synchronized (lock) {
      if (cached == null || !cached.isDone() || cached.isCompletedExceptionally()
          || !readAt.plus(ttl).isAfter(runtime.time().now())) {
        return Optional.empty();
      }
      return Optional.of(cached.join());
    }
  }

  /**
   * The provider refused a create on {@code name} as a model the key may not use: the kept list no
   * longer holds it (so no further create on it goes out on the list's word), and it is read again
   * as soon as {@link #REFRESH_INTERVAL} allows.
   */
  void refused(String name) {
    refusedAt.put(name.toLowerCase(Locale.ROOT), runtime.time().now());
    synchronized (lock) {
      if (cached != null && cached.isDone() && !cached.isCompletedExceptionally()) {
        Set<String> without = new java.util.HashSet<>(cached.join());
        without.removeIf(name::equalsIgnoreCase);
        cached = CompletableFuture.completedFuture(Set.copyOf(without));
      }
      stale = true;
    }
  }

  private boolean refreshDue(Instant now) {
    return !readAt.plus(REFRESH_INTERVAL).isAfter(now);
  }

  private void read(Instant now, RetryLoop retries) {
    readAt = now;
    stale = false;
    java.util.function.Supplier<CompletableFuture<Set<String>>> once =
        () -> Futures.attempt(() -> runtime.provider().liveModels());
    // Before a create no backoff (an unreadable list only costs a warning), but a read whose connection dropped
    // without an answer, as a kept-alive connection the server has since closed does, is sent once more at once.
    java.util.function.Supplier<CompletableFuture<Set<String>>> onceMoreIfDropped = () -> once.get()
        .exceptionallyCompose(failure -> dropped(failure) ? once.get() : CompletableFuture.failedFuture(failure));
    cached = (retries == null ? onceMoreIfDropped.get() : retries.run(Operation.READ, null, null, once))
        .thenApply(listed -> {
          answeredAt = runtime.time().now();
          lastAnswered = withoutRefused(listed);
          return lastAnswered;
        });
  }

  /** {@code listed} less the models refused at a create within {@link #ttl}; refusals older than that are dropped. */
  private Set<String> withoutRefused(Set<String> listed) {
    Instant now = runtime.time().now();
    refusedAt.values().removeIf(at -> !at.plus(ttl).isAfter(now));
    if (refusedAt.isEmpty()) {
      return Set.copyOf(listed);
    }
    return listed.stream().filter(id -> !refusedAt.containsKey(id.toLowerCase(Locale.ROOT)))
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  /**
   * Whether a read got no answer at all because its connection dropped: not a timeout (a second read would wait
   * as long again), not an answer that was unusable or broke off.
   */
  static boolean dropped(Throwable failure) {
    Throwable cause = AsyncFailures.unwrap(failure);
    if (!(cause instanceof dev.vidgen.core.error.ProviderException provider)
        || provider.kind() != dev.vidgen.core.policy.FailureKind.NO_RESPONSE || provider.httpStatus() != 0) {
      return false;
    }
    for (Throwable link = cause; link != null; link = link.getCause()) {
      if (link instanceof java.io.InterruptedIOException || link instanceof TimeoutException) {
        return false;
      }
    }
    return true;
  }

  /**
   * The list, read again (once, when {@link #REFRESH_INTERVAL} allows) when the kept one fails
   * {@code holds}: a model added to the key since is found without waiting for the list to go
   * stale. A read again that fails leaves the kept list.
   */
  private CompletableFuture<Set<String>> listHolding(Predicate<Set<String>> holds) {
    return withinReadTimeout(list()).thenCompose(live -> {
      if (holds.test(live)) {
        return CompletableFuture.completedFuture(live);
      }
      CompletableFuture<Set<String>> again;
      synchronized (lock) {
        Instant now = runtime.time().now();
        if (!refreshDue(now)) {
          return CompletableFuture.completedFuture(live);
        }
        read(now, null);
        again = cached;
      }
      return withinReadTimeout(again).handle((fresh, failure) -> failure == null ? fresh : live);
    });
  }

  /**
   * The list (read when not kept), or empty when the check is off or the list cannot be read within
   * {@link #READ_TIMEOUT}; warns of nothing, as the caller keeps its answer without it.
   */
  CompletableFuture<Optional<Set<String>>> readIfChecked() {
    if (!enabled) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return withinReadTimeout(list()).handle((live, failure) -> failure == null ? Optional.of(live) : Optional.empty());
  }

  /**
   * {@link #readIfChecked()}, read again (once, when {@link #REFRESH_INTERVAL} allows) when the kept list holds none
   * of {@code route}'s names: a retired route the key has been given since is found as a model added to it is.
   */
  CompletableFuture<Optional<Set<String>>> readHolding(dev.vidgen.core.domain.ModelRoute route) {
    if (!enabled) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return listHolding(live -> route.nameListedIn(live).isPresent())
        .handle((live, failure) -> failure == null ? Optional.of(live) : Optional.empty());
  }

  /**
   * {@link #readIfChecked()}, read again (once, when {@link #REFRESH_INTERVAL} allows) when the kept list does not
   * name {@code model} in any case: a model the catalog lacks that the key has been given since is found.
   */
  CompletableFuture<Optional<Set<String>>> readNaming(String model) {
    if (!enabled) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return listHolding(live -> isListed(model, live))
        .handle((live, failure) -> failure == null ? Optional.of(live) : Optional.empty());
  }

  /** Completes when {@code model} may be sent; fails with an {@link InvalidJobException} when the key may not use it. */
  CompletableFuture<Void> check(String model) {
    return check(model, null);
  }

  /**
   * {@link #check(String)} for {@code job} (null: any job): a refusal names instead only listed models that can take
   * it.
   */
  CompletableFuture<Void> check(String model, VideoJob job) {
    if (!enabled) {
      return CompletableFuture.completedFuture(null);
    }
    return listHolding(live -> isListed(model, live)).handle((live, failure) -> {
      if (failure != null) {
        refusedWhileUnread(failure, model, job);
        unreadable(failure, model);
        return null;
      }
      if (!isListed(model, live)) {
        throw new CompletionException(new InvalidJobException(notAvailable(model, live, job)));
      }
      return null;
    });
  }

  /**
   * A list that could not be read does not lift the provider's own refusal of {@code model} at a create within
   * {@link #ttl}: the job is refused before sending as while the list can be read (a key refused fails as such).
   */
  private void refusedWhileUnread(Throwable failure, String model, VideoJob job) {
    Instant refused = refusedAt.get(model.toLowerCase(Locale.ROOT));
    if (refused == null || !refused.plus(ttl).isAfter(runtime.time().now())
        || AccountFunds.isRefusedKey(AsyncFailures.unwrap(failure))) {
      return;
    }
    Set<String> last = lastAnswered;
    throw new CompletionException(new InvalidJobException(notAvailable(model, last == null ? Set.of() : last, job)));
  }

  /** A list that could not be read: the key refused fails the job; anything else warns, and the job goes on. */
  private void unreadable(Throwable failure, String model) {
    Throwable cause = AsyncFailures.unwrap(failure);
    if (AccountFunds.isRefusedKey(cause)) {
      // The key itself was refused: every other call would be too, so nothing more is sent.
      throw new CompletionException(cause);
    }
    if (!(cause instanceof UnsupportedOperationException)) {
      // A failed read is kept for a while: the jobs it holds back after the first are logged at debug level.
      boolean first = lastWarned.getAndSet(cause) != cause;
      runtime.events().warning("live_models.unreadable", "the live model list of " + runtime.provider().id()
          + " could not be read (" + describe(cause) + "); " + model + " is not checked against it", first);
    }
  }

  /** The failed read last warned of at warning level. */
  private final java.util.concurrent.atomic.AtomicReference<Throwable> lastWarned =
      new java.util.concurrent.atomic.AtomicReference<>();

  /**
   * The name to send for a job on {@code route} that named it {@code given} (one of the route's
   * names): {@code given} when the live list holds it, cannot be read or is not checked; else the
   * first of the route's names the list holds, as the list spells it (with a warning saying so); else
   * fails as {@link #check} does.
   */
  CompletableFuture<String> nameToSend(dev.vidgen.core.domain.ModelRoute route, String given) {
    return nameToSend(route, given, null);
  }

  /**
   * {@link #nameToSend(dev.vidgen.core.domain.ModelRoute, String)} for {@code job} (null: any job): a refusal names
   * instead only listed models that can take it.
   */
  CompletableFuture<String> nameToSend(dev.vidgen.core.domain.ModelRoute route, String given, VideoJob job) {
    if (!enabled) {
      return CompletableFuture.completedFuture(given);
    }
    return listHolding(live -> live.contains(given) || route.nameListedIn(live).isPresent()).handle((live, failure) -> {
      if (failure != null) {
        refusedWhileUnread(failure, given, job);
        unreadable(failure, given);
        return given;
      }
      if (live.contains(given)) {
        return given;
      }
      String listed = route.spellingListedIn(live)
          .orElseThrow(() -> new CompletionException(new InvalidJobException(notAvailable(given, live, job))));
      if (listed.equals(given)) {
        return given;
      }
      // Another name of the model, or its name in another case: the list's own spelling is the one the provider
      // matches for this key, so it is sent.
      if (warnedAliases.add(given + " -> " + listed)) {
        runtime.events().warning("live_models.alias", given + " is listed for this key as " + listed
            + (listed.equalsIgnoreCase(given) ? ", the same name in another case" : ", another name of the same model")
            + "; " + listed + " is sent");
      }
      return listed;
    });
  }

  /**
   * A copy of {@code read} that fails with a {@link TimeoutException} once {@link #READ_TIMEOUT} has
   * passed since the read went out, on the client's scheduler (so no JDK timer thread is started,
   * and virtual time applies). A second wait on a read already overdue (a dry run checks the model,
   * then names it) fails at once, with the same exception, so it is neither waited for nor warned of
   * twice.
   */
  private CompletableFuture<Set<String>> withinReadTimeout(CompletableFuture<Set<String>> read) {
    CompletableFuture<Set<String>> copy = read.copy();
    if (read.isDone()) {
      return copy;
    }
    Duration left;
    synchronized (lock) {
      if (overdueRead == read) {
        copy.completeExceptionally(overdue);
        return copy;
      }
      left = read == cached && readAt != null
          ? READ_TIMEOUT.minus(Duration.between(readAt, runtime.time().now())) : READ_TIMEOUT;
    }
    Runnable timeOut = () -> {
      TimeoutException late;
      synchronized (lock) {
        if (overdueRead != read) {
          overdueRead = read;
          overdue = new TimeoutException("no answer within " + READ_TIMEOUT.toSeconds() + " s");
        }
        late = overdue;
      }
      copy.completeExceptionally(late);
    };
    if (left.isNegative() || left.isZero()) {
      timeOut.run();
      return copy;
    }
    Scheduling.Cancellable timer = runtime.time().after(left, timeOut);
    copy.whenComplete((live, failure) -> timer.cancel());
    return copy;
  }

  /** The read last found overdue and the failure its waits end with (guarded by {@code lock}). */
  private CompletableFuture<Set<String>> overdueRead;
  private TimeoutException overdue;

  private static boolean isListed(String model, Set<String> live) {
    return live.contains(model) || live.stream().anyMatch(model::equalsIgnoreCase);
  }

  /** ", read 12 s ago": how old the kept list is, so a refusal from it is not taken for the provider's word now. */
  private String readAgo() {
    Instant at = answeredAt;
    if (at == null) {
      return "";
    }
    long seconds = Math.max(0, Duration.between(at, runtime.time().now()).toSeconds());
    return seconds < 1 ? ", read just now" : ", read " + seconds + " s ago";
  }

  /** The refusal of {@code model}, naming the closest listed models a job may use now. */
  ValidationReport notAvailable(String model, Set<String> live) {
    return notAvailable(model, live, null);
  }

  /**
   * The refusal of {@code model} for {@code job} (null: any job), naming the closest listed models that can take the
   * job.
   */
  ValidationReport notAvailable(String model, Set<String> live, VideoJob job) {
    List<String> usable = usableNearest(model, live, job);
    String hint = live.isEmpty() && answeredAt == null ? "the live model list could not be read, so no listed model"
            + " is named instead"
        : live.isEmpty() ? "the key may use no video model at all; check the key's model restrictions"
        : usable.isEmpty() && !routedListed(model, live) ? "none of the models listed is in the catalog (vidgen models"
            + " --live --emit-routes writes a route file for them, docs/routes.md)"
        : usable.isEmpty() && job != null && !usableNearest(model, live, null).isEmpty()
            ? "no model listed near its name can take this job (" + String.join(", ", usableNearest(model, live, null))
                + " cannot; vidgen models --live shows which the key may use)"
        : usable.isEmpty() ? "no model listed that a job may use is spelled near it (vidgen models --live shows which"
            + " the key may use)"
        : "the closest listed: " + String.join(", ", usable);
    List<String> unrouted = unroutedNear(model, live);
    if (!unrouted.isEmpty() && routedListed(model, live)) {
      hint += unroutedHint(model, unrouted);
    }
    Instant refused = refusedAt.get(model.toLowerCase(Locale.ROOT));
    Duration ago = refused == null ? Duration.ZERO : Duration.between(refused, runtime.time().now());
    String listed = dev.vidgen.core.text.Plural.count(live.size(), "video model", "video models") + " listed"
        + readAgo() + "; a model added to the key since shows once the list is read again, at most every "
        + REFRESH_INTERVAL.toSeconds() + " s";
    String checkOff = "(turn this check off with checkModelAvailability(false) in Java, --no-model-check on the"
        + " command line, vidgen serve --no-model-check for the playground)";
    // A retired route the list lacks (retired routes allowed): its retirement and replacements are the news, and
    // turning the check off is for a provider that still serves it unlisted only.
    Optional<RetiredUnlisted> retired = refused != null ? Optional.empty() : RetiredUnlisted.of(catalog, retirements,
        model, live, listed, unrouted.isEmpty() ? "" : unroutedHint(model, unrouted), checkOff);
    if (retired.isPresent()) {
      return new ValidationReport(model, null, List.of(Violation.error("model", ViolationCodes.MODEL_NOT_AVAILABLE,
          model, String.join(", ", retired.get().instead()), retired.get().message())));
    }
    String why = refused == null ? "model: " + model + " is not in the provider's live model list for this key ("
            + listed + "), so it would be refused; "
        : "model: the provider refused a create on " + model + " as a model this key may not use "
            + (ago.toSeconds() < 1 ? "just now" : PollingLoop.spoken(ago) + " ago") + ", whatever its live model"
            + " list says (for " + PollingLoop.spoken(ttl) + " after that refusal a list that still names it is not"
            + " believed on it, so that no create on it goes out only to be refused again); give the job a model the"
            + " key may use; ";
    return new ValidationReport(model, null, List.of(Violation.error("model", ViolationCodes.MODEL_NOT_AVAILABLE, model,
        String.join(", ", usable), why + hint + " " + checkOff)));
  }

  /**
   * The three listed ids nearest to {@code model} that a job may name, of those spelled near it ({@link #spelledNear}:
   * never another vendor's model only because it is listed): catalog routes (a model the catalog lacks is refused as
   * unknown), those not retired first; a retired one the list holds is sent with a warning, so it is named when
   * nothing else is.
   */
  private List<String> usableNearest(String model, Set<String> live, VideoJob job) {
    String wanted = model.toLowerCase(Locale.ROOT);
    Set<String> known = new java.util.LinkedHashSet<>();
    Set<String> retired = new java.util.LinkedHashSet<>();
    for (String id : live) {
      if (!id.equalsIgnoreCase(model) && catalog.find(id).isPresent()
          && spelledNear(wanted, id.toLowerCase(Locale.ROOT)) && (job == null || takes(id, job))) {
        (retirements.retirement(id).isPresent() ? retired : known).add(id);
      }
    }
    return closest(model, known.isEmpty() ? retired : known, 3);
  }

  /**
   * Whether {@code job} on route {@code id} passes the catalog's checks of everything but its model (a retirement is
   * the list's to decide): an 8 s job is not pointed at a route that offers 10 or 15 s only.
   */
  private boolean takes(String id, VideoJob job) {
    return retirements.validate(job.withModel(id)).errors().stream().allMatch(error -> "model".equals(error.field()));
  }

  /** Whether the list holds a catalog route other than {@code model}, near it or not. */
  private boolean routedListed(String model, Set<String> live) {
    return live.stream().anyMatch(id -> !id.equalsIgnoreCase(model) && catalog.find(id).isPresent());
  }

  /**
   * Whether listed id {@code id} is near {@code wanted} (both in lower case), as docs/models.md promises of a
   * suggestion: one holds the other, at most a third of its characters apart (two at least), or the same leading
   * word of three letters or more ({@code kling-3.0-turbo} for {@code kling-v3}).
   */
  static boolean spelledNear(String wanted, String id) {
    if (related(wanted, id) || EditDistance.between(wanted, id) <= Math.max(2, wanted.length() / 3)) {
      return true;
    }
    String stem = leadingLetters(wanted);
    return stem.length() >= 3 && stem.equals(leadingLetters(id));
  }

  private static String leadingLetters(String id) {
    int end = 0;
    while (end < id.length() && Character.isLetter(id.charAt(end))) {
      end++;
    }
    return id.substring(0, end);
  }

  /**
   * What the refusal of {@code model} says of {@code unrouted}, listed ids near it that the catalog has no route for:
   * one that is plausibly {@code model} renamed ({@link ModelRenames}) gets the alias patch, which keeps the route's
   * checks and wire; any other (such as {@code kling-v3-omni} for {@code kling-v3}) is another model, which an alias
   * would send in this route's wire, so it gets the starter route file only.
   */
  private static String unroutedHint(String model, List<String> unrouted) {
    List<String> renamed = unrouted.stream().filter(id -> ModelRenames.plausible(model, id)).toList();
    List<String> others = unrouted.stream().filter(id -> !renamed.contains(id)).toList();
    String hint = "";
    if (!renamed.isEmpty()) {
      hint += "; the key also lists " + String.join(" and ", renamed) + ", which the catalog has no route for (the"
          + " model under a new name? a route file with {\"patch\": {\"" + model + "\": {\"aliases\": [\""
          + renamed.get(0) + "\"]}}} keeps " + model + "'s checks and sends the listed name; for a new model, vidgen"
          + " models --live --emit-routes writes a route file to start from; docs/routes.md)";
    }
    if (!others.isEmpty()) {
      hint += "; the key " + (renamed.isEmpty() ? "" : "also ") + "lists " + String.join(" and ", others) + ", which the"
          + " catalog has no route for: " + (others.size() == 1 ? "a model" : "models") + " of " + (others.size() == 1
              ? "its" : "their") + " own, not " + model + " renamed, so not for an alias of it (vidgen models --live"
          + " --emit-routes writes a route file to start from; docs/routes.md)";
    }
    return hint;
  }

  /**
   * Listed ids the catalog has no route for that are near {@code model} (one holds the other, such as
   * {@code seedance-2} and {@code seedance-2.0} or {@code kling-v3} and {@code kling-v3-omni}, or a few edits apart),
   * the nearest two; {@link #unroutedHint} tells a renamed model from another one.
   */
  private List<String> unroutedNear(String model, Set<String> live) {
    String wanted = model.toLowerCase(Locale.ROOT);
    Set<String> near = new java.util.LinkedHashSet<>();
    for (String id : live) {
      String lower = id.toLowerCase(Locale.ROOT);
      if (!lower.equals(wanted) && catalog.find(id).isEmpty() && wanted.length() >= 3 && lower.length() >= 3
          && (related(wanted, lower) || EditDistance.between(wanted, lower) <= Math.max(2, wanted.length() / 3))) {
        near.add(id);
      }
    }
    return closest(model, near, 2);
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
