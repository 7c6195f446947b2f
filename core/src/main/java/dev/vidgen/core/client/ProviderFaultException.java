package dev.vidgen.core.client;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.error.VidgenException;
import dev.vidgen.core.text.SafeText;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The provider broke its contract after its task was made: a status read or a download failed with
 * an exception no provider should let out (a bug in it, not the service's answer), or it reported the
 * task completed without a video. The task exists and may be paid for; {@link #handle()} names it.
 */
public final class ProviderFaultException extends VidgenException {
  private static final long serialVersionUID = 1L;

  private final JobHandle handle;

  /**
   * A fault of the provider of {@code handle}'s task, told by {@code what} (such as "reported the task
   * completed without a video"); {@code cause}, the provider's own exception, may be null.
   */
  public ProviderFaultException(JobHandle handle, String what, Throwable cause) {
    super(Objects.requireNonNull(handle, "handle == null").providerId() + " " + what + ", for task "
        + handle.taskId() + (JobHandle.UNKNOWN_MODEL.equals(handle.model()) ? "" : " (" + handle.model() + ")")
        + "; this is the provider's fault, not the job's. The task was made and may be paid for: read it again"
        + " later with its task id " + handle.taskId() + ", or check the provider's dashboard"
        + " (see docs/errors.md#provider-fault)", cause);
    this.handle = handle;
  }

  /** The task that was made. */
  public JobHandle handle() {
    return handle;
  }

  /** The task this failure is about: the one of {@link #handle()}. */
  @Override
  public Optional<TaskId> relatedTaskId() {
    return Optional.of(handle.taskId());
  }

  @Override
  public String docsAnchor() {
    return "provider-fault";
  }

  /**
   * {@code snapshot}, the answer to a status read of {@code handle}'s task. For a handle whose model is known
   * (made by a create, or kept with one), whose id is the provider's own, a snapshot of another task (a cache
   * or a proxy mixing answers up), whose video would be saved as this job's, is the provider's fault. A handle
   * resumed from bare text may hold a client reference, which a provider may answer with its task's own id.
   */
  static TaskSnapshot requireSameTask(JobHandle handle, TaskSnapshot snapshot) {
    if (snapshot != null && !snapshot.taskId().equals(handle.taskId())
        && !JobHandle.UNKNOWN_MODEL.equals(handle.model())) {
      throw new CompletionException(new ProviderFaultException(handle, "answered a status read with another task's"
          + " status (task " + SafeText.clip(SafeText.clean(snapshot.taskId().value()), 120) + ")", null));
    }
    return snapshot;
  }

  /** {@code read}, a status read of {@code handle}'s task, checked by {@link #requireSameTask}; cancelling it cancels the read. */
  static CompletableFuture<TaskSnapshot> sameTask(JobHandle handle, CompletableFuture<TaskSnapshot> read) {
    if (read == null) {
      return null;
    }
    CompletableFuture<TaskSnapshot> checked = read.thenApply(snapshot -> requireSameTask(handle, snapshot));
    checked.whenComplete((snapshot, failure) -> {
      if (checked.isCancelled()) {
        read.cancel(false);
      }
    });
    return checked;
  }

  /**
   * {@code failure} of the provider's {@code call} (such as "status read") for {@code handle}'s task:
   * a vidgen error, a cancellation or a failing JVM as it is, anything else (an exception or an
   * {@link Error} the provider let out) as a fault of the provider that names the task.
   */
  static Throwable of(JobHandle handle, String call, Throwable failure) {
    if (!isProvidersOwn(failure)) {
      return failure;
    }
    return new ProviderFaultException(handle, failed("its " + call, failure), failure);
  }

  /**
   * How a provider's {@code failure} of {@code call} reads: "failed the create of … with an unexpected
   * java.lang.IllegalStateException: boom", or for a call answered with null, "answered the create of …
   * with no future (null where its future belongs)".
   */
  static String failed(String call, Throwable failure) {
    return failure instanceof Futures.NoFuture
        ? "answered " + call + " with no future (null where its future belongs)"
        : "failed " + call + " with an unexpected " + describe(failure);
  }

  /**
   * Whether {@code failure} is one the provider's code let out rather than vidgen's word or the JVM
   * failing: anything but a {@link VidgenException}, a cancellation and a {@link VirtualMachineError}
   * other than {@link StackOverflowError}. An {@link Error} of the provider's own (a class missing from
   * its jar, a failed assertion, a recursion too deep) is its fault like any exception; running out of
   * memory, or an internal error of the JVM, is not, and goes on as it is.
   */
  static boolean isProvidersOwn(Throwable failure) {
    boolean jvmFailing = failure instanceof VirtualMachineError && !(failure instanceof StackOverflowError);
    return !(failure instanceof VidgenException || failure instanceof CancellationException || jvmFailing);
  }

  /** "java.lang.IllegalStateException: boom", its message masked and clipped (a provider's text is not trusted). */
  private static String describe(Throwable failure) {
    String message = failure.getMessage();
    return failure.getClass().getName()
        + (message == null || message.isBlank() ? "" : ": " + SafeText.clip(SafeText.mask(message), 200));
  }
}
