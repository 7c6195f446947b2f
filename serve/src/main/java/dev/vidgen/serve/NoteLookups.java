package dev.vidgen.serve;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.concurrent.AsyncFailures;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.serve.history.BaseUrls;
import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.TaskHistory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks up, by the client reference their create carried, the history's notes of creates that got no
 * answer ({@code unanswered-vg-…}), as {@code vidgen status unanswered-…} does: a task found becomes
 * the note's task, which is then followed and saved; none listed once a task made then would be
 * listed closes the note as having made nothing. One look-up at a time. A note whose task may not be
 * listed yet (its create may still be on its way from a process that runs) is looked up only once it
 * would be (reloads meanwhile add none), and those look-ups count against its few tries.
 */
final class NoteLookups {
  /** How many look-ups of one note that can close it (made once its task would be listed) this playground makes. */
  static final int MAX_TRIES = 3;
  /** How far back notes are looked up: an older create's task (and its video) is past the provider's keeping. */
  static final Duration LOOK_BACK = TaskHistory.SAME_JOB_WINDOW;
  /** How long after a look-up that failed (the network, the provider) the next one is made. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(NoteLookups.class);

  private final VidgenClient client;
  private final TaskHistory history;
  /** The base URL the client sends to, as the history records it (null: the provider's own address). */
  private final String baseUrl;
  private final Clock clock;
  private final Predicate<HistoryEntry> sendingHere;
  private final BiConsumer<JobHandle, HistoryEntry> follow;
  private final Consumer<HistoryEntry> changed;
  /** Runs the look-up put off until a note's task would be listed. */
  private final Later later;
  /** Look-ups made so far once a note's task would be listed, by note name. */
  private final Map<String, Integer> tries = new ConcurrentHashMap<>();
  /** The notes whose task may not be listed yet, by name, to when their look-up is put off. */
  private final Map<String, Instant> waiting = new ConcurrentHashMap<>();
  /** The notes waiting in {@link #chain} or being looked up now, so that a reload does not queue one twice. */
  private final Set<String> queued = ConcurrentHashMap.newKeySet();
  /** The look-ups, one after another; and the one running, which {@link #close} cancels. */
  private CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
  private volatile CompletableFuture<?> running;
  private volatile boolean closed;

  /** Runs {@code task} once {@code delay} has passed; a test's runs it when its virtual time gets there. */
  @FunctionalInterface
  interface Later {
    void after(Duration delay, Runnable task);

    /** On the JVM's own timer. */
    static Later onTimer() {
      return (delay, task) -> CompletableFuture.runAsync(task,
          CompletableFuture.delayedExecutor(Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS));
    }
  }

  /**
   * @param baseUrl the base URL {@code client} sends to, as the history records it (null: the provider's own address);
   *     only the notes of creates sent there are looked up, and a task found is that server's
   * @param sendingHere whether a note's create is on its way from this playground now (its own answer settles it)
   * @param follow follows a task found (its handle, its history entry) and saves its video
   * @param changed tells the page of a note settled
   */
  NoteLookups(VidgenClient client, TaskHistory history, String baseUrl, Clock clock,
      Predicate<HistoryEntry> sendingHere, BiConsumer<JobHandle, HistoryEntry> follow, Consumer<HistoryEntry> changed) {
    this(client, history, baseUrl, clock, Later.onTimer(), sendingHere, follow, changed);
  }

  /** As the other constructor, with the look-ups put off run by {@code later} (read with {@code clock}). */
  NoteLookups(VidgenClient client, TaskHistory history, String baseUrl, Clock clock, Later later,
      Predicate<HistoryEntry> sendingHere, BiConsumer<JobHandle, HistoryEntry> follow, Consumer<HistoryEntry> changed) {
    this.client = client;
    this.history = history;
    this.baseUrl = baseUrl;
    this.clock = clock;
    this.later = later;
    this.sendingHere = sendingHere;
    this.follow = follow;
    this.changed = changed;
  }

  /** Queues a look-up of every note that can be looked up now; how many were queued. */
  int lookUpAll() {
    if (closed) {
      return 0;
    }
    int count = 0;
    Instant now = clock.instant();
    try {
      for (HistoryEntry entry : history.entries()) {
        if (lookable(entry, now) && queued.add(entry.taskId())) {
          queue(entry.taskId());
          count++;
        }
      }
    } catch (RuntimeException unreadable) {
      LOG.warn("could not read the history to look up creates that got no answer: {}", unreadable.getMessage());
    }
    return count;
  }

  /**
   * Whether {@code entry} is an open note of this provider and server (another server's "not found" says nothing of
   * a create sent elsewhere) whose create carried the client reference
   * its name ends with, sent within {@link #LOOK_BACK}, claiming one task at most, not on its way from
   * here, not waiting for the look-up put off until its task would be listed, and, once it would be, not
   * tried {@link #MAX_TRIES} times already.
   */
  private boolean lookable(HistoryEntry entry, Instant now) {
    return entry.status().equals(HistoryEntry.UNKNOWN) && entry.taskId().startsWith(HistoryEntry.UNANSWERED_PREFIX)
        && entry.referenceSent() && entry.provider().equals(client.provider().id())
        && BaseUrls.sameServer(entry.provider(), entry.baseUrl(), baseUrl)
        && client.catalog().find(entry.model()).map(client.provider()::takesClientReference).orElse(true)
        && entry.possibleTasks() == 1 && entry.claimed().isEmpty() && !sendingHere.test(entry)
        && entry.submittedAt().isAfter(now.minus(LOOK_BACK)) && !waiting.containsKey(entry.taskId())
        && (now.isBefore(listedBy(entry)) || tries.getOrDefault(entry.taskId(), 0) < MAX_TRIES);
  }

  /** When a task the note's create made would be listed: a look-up from then on that finds none closes it. */
  private static Instant listedBy(HistoryEntry note) {
    return note.lastTakeAtMost().plus(HistoryEntry.CREATE_MAY_STILL_ANSWER);
  }

  private synchronized void queue(String name) {
    chain = chain.thenCompose(previous -> lookUp(name)).exceptionally(failure -> null);
  }

  /** One look-up of note {@code name}, from its latest state; completes when it is recorded. */
  private CompletableFuture<Void> lookUp(String name) {
    Optional<HistoryEntry> note = closed ? Optional.empty() : latest(name);
    if (note.isEmpty() || !lookable(note.get(), clock.instant())) {
      queued.remove(name);
      return CompletableFuture.completedFuture(null);
    }
    HistoryEntry entry = note.get();
    Instant asked = clock.instant();
    if (asked.isBefore(listedBy(entry))) {
      // Its create may still be on its way from a process that runs (a vidgen generate, another playground), whose
      // answer settles it: its task is not taken from that process (to be followed and saved twice), and the note
      // is looked up once a task made by it would be listed, when a look-up that finds none can close it.
      queued.remove(name);
      lookAgainAt(name, listedBy(entry).plusSeconds(1));
      return CompletableFuture.completedFuture(null);
    }
    tries.merge(name, 1, Integer::sum);
    String reference = entry.taskId().substring(HistoryEntry.UNANSWERED_PREFIX.length());
    CompletableFuture<Optional<TaskSnapshot>> look;
    try {
      // Asked as for an old create, so "not found" is answered at once rather than after a minute's grace that would
      // hold back the notes queued behind: a note whose task may not be listed yet is looked up again once it would be.
      look = client.findByClientReferenceAsync(reference, asked.minus(LOOK_BACK));
    } catch (RuntimeException closedClient) {
      queued.remove(name);
      return CompletableFuture.completedFuture(null);
    }
    running = look;
    return look.handle((found, failure) -> {
      queued.remove(name);
      if (failure != null) {
        Throwable cause = AsyncFailures.unwrap(failure);
        if (!(cause instanceof CancellationException)) {
          // Left as it is, and looked up again a little later (a few times).
          LOG.warn("could not look up {} by its client reference: {}", name, cause.getMessage());
          if (tries.getOrDefault(name, 0) < MAX_TRIES) {
            lookAgainAt(name, clock.instant().plus(RETRY_AFTER));
          }
        }
      } else if (found.isPresent()) {
        found(name, reference, found.get());
      } else {
        notFound(name, asked);
      }
      return null;
    });
  }

  /** The note's task was found: it gets its own entry, the note leads there, and the task is followed. */
  private void found(String name, String reference, TaskSnapshot task) {
    try {
      HistoryEntry[] made = new HistoryEntry[2];
      history.changing(() -> {
        HistoryEntry note = latest(name).orElse(null);
        if (note == null || !note.status().equals(HistoryEntry.UNKNOWN) || !note.claimed().isEmpty()) {
          return null; // settled meanwhile (its create answered, a vidgen status): that stands
        }
        Instant now = clock.instant();
        JobHandle handle = new JobHandle(client.provider().id(), task.taskId(), note.model(), quoteOf(note),
            note.submittedAt(), reference);
        // A task already in the history (another process found it first) keeps its entry: its file, its time.
        // Of this server: a task of the same id that another server gave out is another task.
        Optional<HistoryEntry> known = history.find(handle.providerId(), baseUrl, handle.taskId().value());
        // An ended task is followed once more, so that its verdict (the provider's words, its video) is read then.
        made[0] = known.orElseGet(() -> note.madeAs(handle, task.status().isTerminal()
            ? dev.vidgen.core.domain.TaskStatus.IN_PROGRESS.id() : task.status().id(), now));
        if (known.isEmpty()) {
          history.record(made[0]);
        }
        made[1] = note.foundAs(handle, now);
        history.record(made[1]);
        return null;
      });
      if (made[0] == null) {
        return;
      }
      LOG.info("{}'s create arrived: it is task {}, followed now", name, task.taskId().value());
      changed.accept(made[1]);
      HistoryEntry entry = made[0];
      boolean unsaved = entry.status().equals("completed") && entry.file() == null;
      if (!closed && (!entry.isFinished() || unsaved)) {
        entry.jobHandle().ifPresent(handle -> follow.accept(handle, entry));
      }
    } catch (RuntimeException e) {
      LOG.warn("could not record in the history that {} made task {}: {}", name, task.taskId().value(),
          e.getMessage());
    }
  }

  /**
   * No task answers to the note's reference, asked at {@code asked}: when a task its create made
   * would have been listed by then, the note is closed as having made none; else it is looked up
   * again once it would be.
   */
  private void notFound(String name, Instant asked) {
    Instant now = clock.instant();
    Optional<HistoryEntry> note = latest(name);
    if (note.isEmpty() || !note.get().status().equals(HistoryEntry.UNKNOWN)) {
      return;
    }
    Instant listedBy = listedBy(note.get());
    if (asked.isBefore(listedBy)) {
      // Its create may still be on its way (another process waiting for it), or its task not listed yet.
      lookAgainAt(name, listedBy.plusSeconds(1));
      return;
    }
    try {
      HistoryEntry[] closedNote = new HistoryEntry[1];
      history.changing(() -> {
        HistoryEntry current = latest(name).orElse(null);
        if (current != null && current.status().equals(HistoryEntry.UNKNOWN) && current.claimed().isEmpty()) {
          closedNote[0] = current.failed(nothingMade(current, now), now);
          history.record(closedNote[0]);
        }
        return null;
      });
      if (closedNote[0] != null) {
        LOG.info("{}: no task answers to its client reference; its create made none", name);
        changed.accept(closedNote[0]);
      }
    } catch (RuntimeException e) {
      LOG.warn("could not record in the history that {} made no task: {}", name, e.getMessage());
    }
  }

  /** What a note closed by a look-up that found no task says. */
  static String nothingMade(HistoryEntry note, Instant at) {
    return "nothing was made: looked up by its client reference at " + at.truncatedTo(ChronoUnit.SECONDS) + " (UTC), "
        + Duration.between(note.lastTakeAtMost(), at).toMinutes() + " min after its create went out, "
        + (note.answeredWithServerError()
            ? "its create was answered with a server error and no task answers to its client reference, so it made"
                + " none (nothing billed; the provider's dashboard says for certain)"
            : "no task answers to it, so its create most likely never arrived and nothing was billed (the provider's"
                + " dashboard says for certain)")
        + "; generating this job again makes one take";
  }

  /**
   * Puts off the next look-up of note {@code name} until {@code at}; until it runs, readings of the
   * history queue none, so it is never left without a try.
   */
  private void lookAgainAt(String name, Instant at) {
    if (closed || waiting.putIfAbsent(name, at) != null) {
      return;
    }
    later.after(Duration.between(clock.instant(), at), () -> {
      if (waiting.remove(name, at) && !closed && queued.add(name)) {
        queue(name);
      }
    });
  }

  private Optional<HistoryEntry> latest(String name) {
    try {
      return history.note(name);
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  /** Whether note {@code name} waits in the queue for its look-up, or is being looked up, now. */
  boolean isLookingUp(String name) {
    return queued.contains(name);
  }

  /** When note {@code name} is looked up next, if its look-up is put off until its task would be listed. */
  Optional<Instant> lookUpAt(String name) {
    return queued.contains(name) ? Optional.empty() : Optional.ofNullable(waiting.get(name));
  }

  /** Whether note {@code name} was looked up {@link #MAX_TRIES} times once its task would be listed, to no answer. */
  boolean gaveUp(String name) {
    return tries.getOrDefault(name, 0) >= MAX_TRIES && !queued.contains(name);
  }

  /** Completes once the look-ups queued by now have ended (not those put off). */
  synchronized CompletableFuture<Void> idle() {
    return chain;
  }

  /** Stops: no look-up starts after this, the one running is cancelled and those put off are dropped. */
  void close() {
    closed = true;
    waiting.clear();
    CompletableFuture<?> now = running;
    if (now != null) {
      now.cancel(false);
    }
  }

  private static PriceQuote quoteOf(HistoryEntry entry) {
    return entry.usd() == null
        ? PriceQuote.unknown(entry.model(), "the price was not known when it was submitted")
        : PriceQuote.ofUsd(entry.model(), entry.usd(), "as quoted when it was submitted");
  }
}
