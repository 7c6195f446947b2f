package dev.vidgen.core.client;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * A {@code generate} (or a blocking {@code submit} whose thread was interrupted) stopped before its task was
 * known: no create leaves after it, but one already
 * on its way may still make a paid task. {@link #pendingHandle()} completes with that task's handle
 * when the create's answer comes, so that the task is not lost.
 */
public final class SubmitStoppedException extends CancellationException {
  private static final long serialVersionUID = 1L;
  private final transient CompletableFuture<JobHandle> pendingHandle;
  private final String clientReference;

  /** A generate stopped because {@code why}, whose submit ends in {@code pendingHandle}. */
  public SubmitStoppedException(String why, CompletableFuture<JobHandle> pendingHandle) {
    this(why, pendingHandle, null);
  }

  /**
   * A generate stopped because {@code why}, whose submit ends in {@code pendingHandle} and whose
   * create carries {@code clientReference} (null when its route takes none).
   */
  public SubmitStoppedException(String why, CompletableFuture<JobHandle> pendingHandle, String clientReference) {
    super(Objects.requireNonNull(why, "why == null") + "; no create is sent from now on, but one already on its way"
        + " may still make a task, which is paid for: pendingHandle() completes with its handle when the answer comes"
        + (clientReference == null ? "" : ", and its task can be looked up by its client reference "
            + clientReference + " should this process end first")
        + " (see docs/errors.md#stopped-generate)");
    this.pendingHandle = Objects.requireNonNull(pendingHandle, "pendingHandle == null");
    this.clientReference = clientReference;
  }

  /**
   * The client reference the create carries, by which its task can be looked up later, also by
   * another process; empty when its route takes none (or the create had not chosen one yet).
   */
  public java.util.Optional<String> clientReference() {
    return java.util.Optional.ofNullable(clientReference);
  }

  /**
   * Completes with the handle of the task the submit made; fails with a {@link SubmitNotSentException}
   * when no create went out (nothing was made or billed), an {@link
   * dev.vidgen.core.error.AmbiguousSubmitException} when a task may exist that could not be told, or the
   * submit's own failure. Cancelling it affects nothing else.
   */
  public CompletableFuture<JobHandle> pendingHandle() {
    return pendingHandle == null ? CompletableFuture.failedFuture(new IllegalStateException("the pending handle is"
        + " not kept when this exception is serialized")) : pendingHandle.copy();
  }
}
