package dev.vidgen.serve;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.concurrent.AsyncFailures;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.pricing.PriceQuote;
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
 * listed closes the note as having made nothing. One look-up at a time, and a few tries per note.
 */
final class NoteLookups {
  /** How many times one note is looked up while this playground runs. */
  static final int MAX_TRIES = 3;
  /** How far back notes are looked up: an older create's task (and its video) is past the provider's keeping. */
  static final Duration LOOK_BACK = TaskHistory.SAME_JOB_WINDOW;

  private static final Logger LOG = LoggerFactory.getLogger(NoteLookups.class);

  private final VidgenClient client;
  private final TaskHistory history;
  private final Clock clock;
  private final Predicate<HistoryEntry> sendingHere;
  private final BiConsumer<JobHandle, HistoryEntry> follow;
  private final Consumer<HistoryEntry> changed;
  /** Tries made so far, by note name. */
  private final Map<String, Integer> tries = new ConcurrentHashMap<>();
  /** The notes waiting in {@link #chain} or being looked up now, so that a reload does not queue one twice. */
  private final Set<String> queued = ConcurrentHashMap.newKeySet();
  /** The look-ups, one after another; and the one running, which {@link #close} cancels. */
  private CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
  private volatile CompletableFuture<?> running;
  /** A look-up put off until a task made by a create could be listed, which {@link #close} cancels. */
  private final Set<CompletableFuture<Void>> later = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * @param sendingHere whether a note's create is on its way from this playground now (its own answer settles it)
   * @param follow follows a task found (its handle, its history entry) and saves its video
   * @param changed tells the page of a note settled
   */
  NoteLookups(VidgenClient client, TaskHistory history, Clock clock, Predicate<HistoryEntry> sendingHere,
      BiConsumer<JobHandle, HistoryEntry> follow, Consumer<HistoryEntry> changed) {
    this.client = client;
    this.history = history;
    this.clock = clock;
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
   * Whether {@code entry} is an open note of this provider whose create carried the client reference
   * its name ends with, sent within {@link #LOOK_BACK}, claiming one task at most, not on its way from
   * here, and not tried {@link #MAX_TRIES} times already.
   */
  private boolean lookable(HistoryEntry entry, Instant now) {
    return entry.status().equals(HistoryEntry.UNKNOWN) && entry.taskId().startsWith(HistoryEntry.UNANSWERED_PREFIX)
        && entry.referenceSent() && entry.provider().equals(client.provider().id())
        && client.catalog().find(entry.model()).map(client.provider()::takesClientReference).orElse(true)
        && entry.possibleTasks() == 1 && entry.claimed().isEmpty() && !sendingHere.test(entry)
        && entry.submittedAt().isAfter(now.minus(LOOK_BACK)) && tries.getOrDefault(entry.taskId(), 0) < MAX_TRIES;
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
    tries.merge(name, 1, Integer::sum);
    String reference = entry.taskId().substring(HistoryEntry.UNANSWERED_PREFIX.length());
    CompletableFuture<Optional<TaskSnapshot>> look;
    try {
      // Asked as for an old create, so "not found" is answered at once rather than after a minute's grace that would
      // hold back the notes queued behind: a note whose task may not be listed yet is looked up again once it would be.
      look = client.findByClientReferenceAsync(reference, clock.instant().minus(LOOK_BACK));
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
          // Left as it is: the next start, or the next reading of the history, tries again (a few times).
          LOG.warn("could not look up {} by its client reference: {}", name, cause.getMessage());
        }
      } else if (found.isPresent()) {
        found(name, reference, found.get());
      } else {
        notFound(name);
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
        Optional<HistoryEntry> known = history.find(handle.providerId(), handle.taskId().value());
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
   * No task answers to the note's reference: once a task its create made would be listed, the note
   * is closed as having made none; before that, it is looked up again then.
   */
  private void notFound(String name) {
    Instant now = clock.instant();
    Optional<HistoryEntry> note = latest(name);
    if (note.isEmpty() || !note.get().status().equals(HistoryEntry.UNKNOWN)) {
      return;
    }
    Instant listedBy = note.get().lastTakeAtMost().plus(HistoryEntry.CREATE_MAY_STILL_ANSWER);
    if (now.isBefore(listedBy)) {
      // Its create may still be on its way (another process waiting for it), or its task not listed yet.
      lookAgainAt(name, listedBy);
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
        + Duration.between(note.lastTakeAtMost(), at).toMinutes() + " min after its create went out, no task answers"
        + " to it, so its create most likely never arrived and nothing was billed (the provider's dashboard says for"
        + " certain); generating this job again makes one take";
  }

  private void lookAgainAt(String name, Instant at) {
    if (closed || tries.getOrDefault(name, 0) >= MAX_TRIES) {
      return;
    }
    long wait = Math.max(0, Duration.between(clock.instant(), at).toMillis()) + 1_000;
    CompletableFuture<Void> pause = new CompletableFuture<>();
    later.add(pause);
    CompletableFuture.runAsync(() -> {
      later.remove(pause);
      if (!pause.isDone() && !closed && queued.add(name)) {
        queue(name);
      }
    }, CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS));
  }

  private Optional<HistoryEntry> latest(String name) {
    try {
      return history.note(name);
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  /** Whether note {@code name} waits for its look-up, or is being looked up, now. */
  boolean isLookingUp(String name) {
    return queued.contains(name);
  }

  /** Stops: no look-up starts after this, the one running is cancelled and those put off are dropped. */
  void close() {
    closed = true;
    later.forEach(pause -> pause.complete(null));
    later.clear();
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
