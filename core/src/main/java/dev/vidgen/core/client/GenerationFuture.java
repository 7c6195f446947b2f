package dev.vidgen.core.client;

import dev.vidgen.core.concurrent.AsyncFailures;
import dev.vidgen.core.domain.TaskSnapshot;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What {@code generateAsync} returns: cancelling it stops the step that runs but never loses a task.
 * Once the task is made the future ends in a {@link WaitStoppedException} naming it; before that no
 * create leaves any more, and it ends in a {@link SubmitStoppedException} that the create on its way
 * answers. Either way {@link #isCancelled()} is true. Completed from outside ({@code orTimeout},
 * {@code completeExceptionally}) it stops the same way and ends in the same exceptions, the outside
 * one as their cause; a value given from outside ({@code completeOnTimeout}) stops it too. Its
 * {@code get}, {@code join} and {@code getNow} throw those exceptions themselves on every Java (from
 * Java 23 the JDK's own would wrap them in a new {@code CancellationException}).
 */
final class GenerationFuture extends CompletableFuture<GenerationResult> {
  private final CompletableFuture<Void> stopSending;
  private final AtomicReference<CompletableFuture<?>> step = new AtomicReference<>();
  private volatile CompletableFuture<JobHandle> submit;
  /** The client reference the create carries, once it is chosen; null before or on a route without one. */
  private volatile String clientReference;
  /** What the generate frees as it ends (the file it was to write), before anyone can see it ended. */
  private volatile Runnable onEnd = () -> {};
  /** The finished task whose video is being downloaded; null while the task is not known to be done. */
  private volatile TaskSnapshot completed;

  GenerationFuture(CompletableFuture<Void> stopSending) {
    this.stopSending = stopSending;
  }

  /** Records the submit, the first step; it is never cancelled from here, as that would lose its answer. */
  void submitting(CompletableFuture<JobHandle> submit) {
    this.submit = submit;
    step.set(submit);
  }

  /** What the create's takes tell: the client reference it carries, for the exception a stop ends in. */
  CreateTakes takes() {
    return new CreateTakes() {
      @Override
      public void carrying(String reference) {
        clientReference = reference;
      }
    };
  }

  /** Runs {@code action} as the generate ends, however it ends, before it is seen ended; at least once. */
  void onEnd(Runnable action) {
    this.onEnd = action;
  }

  /** The client reference the create carries, or null. */
  String clientReference() {
    return clientReference;
  }

  /** Makes {@code next} the running step, cancelled at once when this future already ended so. */
  <T> CompletableFuture<T> follow(CompletableFuture<T> next) {
    step.set(next);
    if (isCancelled()) {
      next.cancel(false);
    }
    return next;
  }

  /**
   * Makes the download of {@code completed}'s video the running step: a stop from now on says that the finished
   * task's download stopped, not its wait.
   */
  <T> CompletableFuture<T> downloading(TaskSnapshot completed, CompletableFuture<T> saving) {
    this.completed = completed;
    return follow(saving);
  }

  /** What a stop because {@code why} says of the task {@code handle} names: its download stopped, or its wait. */
  WaitStoppedException stoppedTask(JobHandle handle, String why) {
    TaskSnapshot done = completed;
    return done == null ? new WaitStoppedException(handle, why) : WaitStoppedException.downloadStopped(handle, done, why);
  }

  /** Ends the generate with its result: the way its own steps end it. */
  boolean finish(GenerationResult result) {
    onEnd.run();
    return super.complete(result);
  }

  /** Ends the generate with {@code failure}: the way its own steps end it. */
  boolean fail(Throwable failure) {
    onEnd.run();
    return super.completeExceptionally(failure);
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    if (isDone()) {
      return isCancelled();
    }
    // This future ends first, so that what the stopped submit ends with (not sent, ambiguous) reaches the caller
    // through the pending handle rather than in place of the cancellation.
    onEnd.run();
    stopDownloadWriting();
    boolean cancelled = super.completeExceptionally(stopped("cancelled"));
    haltSteps();
    return cancelled || isCancelled();
  }

  /**
   * From outside (an {@code orTimeout}, a caller's own completion): the generate stops as a cancel
   * stops it, and what it ends with names the task when one was made, {@code failure} as its cause.
   */
  @Override
  public boolean completeExceptionally(Throwable failure) {
    if (isDone()) {
      return false;
    }
    CancellationException stopped = stopped("stopped from outside (" + (failure == null ? "no reason given"
        : failure.getClass().getSimpleName()) + ")");
    stopped.initCause(failure);
    onEnd.run();
    stopDownloadWriting();
    boolean ended = super.completeExceptionally(stopped);
    haltSteps();
    return ended;
  }

  /** From outside (a {@code completeOnTimeout}): the caller's value ends it, and the generate stops as a cancel stops it. */
  @Override
  public boolean complete(GenerationResult value) {
    if (isDone()) {
      return false;
    }
    onEnd.run();
    boolean ended = super.complete(value);
    haltSteps();
    return ended;
  }

  @Override
  public GenerationResult get() throws InterruptedException, ExecutionException {
    try {
      return super.get();
    } catch (CancellationException e) {
      throw AsyncFailures.stored(e);
    }
  }

  @Override
  public GenerationResult get(long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    try {
      return super.get(timeout, unit);
    } catch (CancellationException e) {
      throw AsyncFailures.stored(e);
    }
  }

  @Override
  public GenerationResult join() {
    try {
      return super.join();
    } catch (CancellationException e) {
      throw AsyncFailures.stored(e);
    }
  }

  @Override
  public GenerationResult getNow(GenerationResult valueIfAbsent) {
    try {
      return super.getNow(valueIfAbsent);
    } catch (CancellationException e) {
      throw AsyncFailures.stored(e);
    }
  }

  /** A download that runs has its part file deleted now, before the caller can hear that the generate stopped. */
  private void stopDownloadWriting() {
    if (step.get() instanceof DownloadFuture download) {
      download.stopWriting();
    }
  }

  /** No create leaves from now on, and the wait or download that runs is stopped; a create on its way is answered. */
  private void haltSteps() {
    stopSending.complete(null);
    CompletableFuture<?> current = step.get();
    if (current != null && current != submit) {
      current.cancel(false);
    }
  }

  /** What the generate ends with when it was {@code how} ("cancelled"): the task named once one was made. */
  private CancellationException stopped(String how) {
    CompletableFuture<JobHandle> made = submit;
    if (made == null) {
      return new CancellationException("the generate was " + how + " before it began; nothing was sent");
    }
    if (made.isDone() && !made.isCompletedExceptionally()) {
      return stoppedTask(made.join(), "the generate was " + how);
    }
    return new SubmitStoppedException("the generate was " + how + " before its task was known", made, clientReference);
  }
}
