package dev.vidgen.core.client;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What {@code generateAsync} returns: cancelling it stops the step that runs but never loses a task.
 * Once the task is made the future ends in a {@link WaitStoppedException} naming it; before that no
 * create leaves any more, and it ends in a {@link SubmitStoppedException} that the create on its way
 * answers. Either way {@link #isCancelled()} is true.
 */
final class GenerationFuture extends CompletableFuture<GenerationResult> {
  private final CompletableFuture<Void> stopSending;
  private final AtomicReference<CompletableFuture<?>> step = new AtomicReference<>();
  private volatile CompletableFuture<JobHandle> submit;

  GenerationFuture(CompletableFuture<Void> stopSending) {
    this.stopSending = stopSending;
  }

  /** Records the submit, the first step; it is never cancelled from here, as that would lose its answer. */
  void submitting(CompletableFuture<JobHandle> submit) {
    this.submit = submit;
    step.set(submit);
  }

  /** Makes {@code next} the running step, cancelled at once when this future already ended so. */
  <T> CompletableFuture<T> follow(CompletableFuture<T> next) {
    step.set(next);
    if (isCancelled()) {
      next.cancel(false);
    }
    return next;
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    if (isDone()) {
      return isCancelled();
    }
    // This future ends first, so that what the stopped submit ends with (not sent, ambiguous) reaches the caller
    // through the pending handle rather than in place of the cancellation.
    boolean cancelled = completeExceptionally(stopped());
    stopSending.complete(null); // no create leaves from now on
    CompletableFuture<?> current = step.get();
    if (current != null && current != submit) {
      current.cancel(false);
    }
    return cancelled || isCancelled();
  }

  private CancellationException stopped() {
    CompletableFuture<JobHandle> made = submit;
    if (made == null) {
      return new CancellationException("the generate was cancelled before it began; nothing was sent");
    }
    if (made.isDone() && !made.isCompletedExceptionally()) {
      return new WaitStoppedException(made.join(), "the generate was cancelled");
    }
    return new SubmitStoppedException("the generate was cancelled before its task was known", made);
  }
}
