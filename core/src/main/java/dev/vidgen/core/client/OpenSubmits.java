package dev.vidgen.core.client;

import dev.vidgen.core.concurrent.AsyncFailures;
import dev.vidgen.core.error.AmbiguousSubmitException;
import dev.vidgen.core.error.ProviderErrorDetails;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The submits (follow-ons included) of one client that have not ended, so that closing the client
 * loses no paid task: from the close on no create leaves, a submit whose create has not left ends at
 * once, and one whose create is on its way is given a bounded time for the answer that names its task.
 */
final class OpenSubmits {
  private final ClientRuntime runtime;
  /** Each open submit by its stop signal, the future its create is told to stop sending by. */
  private final Map<CompletableFuture<?>, Submit> open = new ConcurrentHashMap<>();
  private volatile boolean closing;

  OpenSubmits(ClientRuntime runtime) {
    this.runtime = runtime;
  }

  /**
   * A submit's stop signal, which also records whether its failure has been told to the listeners:
   * a close that ends a submit as ambiguous tells it, and the submit's own later failure is then not
   * told again.
   */
  static final class Stop extends CompletableFuture<Void> {
    private final java.util.concurrent.atomic.AtomicBoolean failureTold = new java.util.concurrent.atomic.AtomicBoolean();

    boolean claimFailureEvent() {
      return failureTold.compareAndSet(false, true);
    }
  }

  /** True once per submit stopped by {@code stop}: whether its failure is still to be told to the listeners. */
  static boolean tellsFailure(CompletableFuture<?> stop) {
    return !(stop instanceof Stop own) || own.claimFailureEvent();
  }

  /** One submit: the future its caller holds, and what its create is once it has left. */
  private static final class Submit {
    Stop stop;
    final CompletableFuture<JobHandle> caller = new CompletableFuture<>();
    /** Such as "the create of a seedance-2 task"; null while no create has left. */
    volatile String leaving;
    volatile String reference;
    /** Whether its local files began to upload: a stop before its create then cannot say nothing was sent. */
    volatile boolean uploading;
  }

  /**
   * Runs {@code submit} with a stop signal of its own, done once {@code callersStop} is or the client
   * closes; the future returned ends as the submit does, unless the close ends it first. Cancelling it
   * cancels the submit.
   */
  CompletableFuture<JobHandle> start(CompletableFuture<?> callersStop,
      Function<CompletableFuture<?>, CompletableFuture<JobHandle>> submit) {
    Stop stop = new Stop();
    Submit entry = new Submit();
    entry.stop = stop;
    open.put(stop, entry);
    // The caller's stop may outlive many submits (a batch's, a playground's): what it keeps of this one is let go
    // once the submit ends, so only an empty link stays with it.
    AtomicReference<CompletableFuture<Void>> link =
        new AtomicReference<>(stop);
    entry.caller.whenComplete((handle, failure) -> {
      open.remove(stop);
      link.set(null);
    });
    // A submit whose create has not left (its funds or the live list still being read, a file still uploading) ends
    // when told to stop, not when that step ends: its caller learns at once that nothing was or will be sent.
    stop.whenComplete((stopped, failure) -> {
      if (entry.leaving == null) {
        entry.caller.completeExceptionally(new SubmitNotSentException("the submit was told to stop before its create"
            + " went out; " + SubmitNotSentException.sentBeforeTheCreate(entry.uploading)));
      }
    });
    callersStop.whenComplete((stopped, failure) -> {
      CompletableFuture<Void> linked = link.getAndSet(null);
      if (linked != null) {
        linked.complete(null);
      }
    });
    if (closing) {
      stop.complete(null); // closed as this one began: it sends nothing
    }
    CompletableFuture<JobHandle> inner;
    try {
      inner = submit.apply(stop);
    } catch (RuntimeException | Error e) {
      open.remove(stop);
      throw e;
    }
    entry.caller.whenComplete((handle, failure) -> {
      if (entry.caller.isCancelled()) {
        inner.cancel(false);
      }
    });
    inner.whenComplete((handle, failure) -> {
      if (failure == null) {
        entry.caller.complete(handle);
      } else {
        entry.caller.completeExceptionally(AsyncFailures.unwrap(failure));
      }
    });
    return entry.caller;
  }

  /**
   * Said just before the create of the submit stopped by {@code stop} leaves ({@code what} it is, the
   * client {@code reference} it carries or null): false when it must not leave, as its stop is done.
   */
  boolean leaving(CompletableFuture<?> stop, String what, String reference) {
    Submit entry = open.get(stop);
    if (entry != null) {
      entry.reference = reference;
      entry.leaving = what; // written before the stop is read, as close completes the stops before it reads this
    }
    return !stop.isDone();
  }

  /**
   * Said just before the submit stopped by {@code stop} uploads its local files (marked before its stop is read):
   * a stop before its create then says they were uploaded.
   */
  void uploading(CompletableFuture<?> stop) {
    Submit entry = open.get(stop);
    if (entry != null) {
      entry.uploading = true;
    }
  }

  /** Whether the client is closing or closed: a create's answer lost now is not looked up, as nothing is sent. */
  boolean closing() {
    return closing;
  }

  /** How many submits have not ended. */
  int size() {
    return open.size();
  }

  /**
   * Stops every submit from sending; ends those whose create has not left with a {@link
   * SubmitNotSentException}, waits up to {@code wait} for the answers of those on their way, and
   * ends those still unanswered then as ambiguous. An interrupt ends the wait early (the flag is kept).
   */
  void close(Duration wait) {
    closing = true;
    List<Submit> onTheirWay = new ArrayList<>();
    open.forEach((stop, entry) -> stop.complete(null));
    open.forEach((stop, entry) -> {
      if (entry.leaving == null) {
        entry.caller.completeExceptionally(new SubmitNotSentException("the client was closed before the create went"
            + " out; " + SubmitNotSentException.sentBeforeTheCreate(entry.uploading)));
      } else {
        onTheirWay.add(entry);
      }
    });
    awaitAnswers(onTheirWay, wait);
    for (Submit entry : onTheirWay) {
      if (!entry.caller.isDone()) {
        AmbiguousSubmitException unanswered = unanswered(entry, wait);
        if (entry.caller.completeExceptionally(unanswered) && entry.stop.claimFailureEvent()) {
          runtime.events().failed(null, unanswered);
        }
      }
    }
  }

  private static void awaitAnswers(List<Submit> onTheirWay, Duration wait) {
    CompletableFuture<?>[] answers = onTheirWay.stream().map(entry -> entry.caller).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(answers).get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // A failed submit has its own failure; one still unanswered is ended by the caller.
    }
  }

  private AmbiguousSubmitException unanswered(Submit entry, Duration wait) {
    String reference = entry.reference;
    String find = reference == null ? "check the provider's dashboard before you send it again"
        : "look it up by client reference " + reference + " before you send it again";
    return new AmbiguousSubmitException(ProviderErrorDetails.of(runtime.provider().id(), 0, null, entry.leaving
        + " was on its way when the client was closed, and no answer came within " + seconds(wait) + ", so a task may"
        + " exist and be billed; " + find + " (see docs/errors.md#stopped-generate)"), reference, null);
  }

  /** "10 s", or "1500 ms" for a wait of no whole seconds. */
  static String seconds(Duration wait) {
    return wait.toMillis() % 1000 == 0 ? wait.toSeconds() + " s" : wait.toMillis() + " ms";
  }
}
