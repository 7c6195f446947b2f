package dev.vidgen.core.client;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.TaskStatus;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.VidgenException;
import dev.vidgen.core.policy.Operation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the client reports what happens: an SLF4J debug line (task id, never the key) and the
 * app's {@link VidgenListener}. A listener that throws (an exception, or an {@link Error} of its own
 * such as a failed assertion) is logged and otherwise ignored, so that a metrics bug never breaks a job.
 */
final class Events {
  private static final Logger LOG = LoggerFactory.getLogger(VidgenClient.class);

  /** The tasks a read of this client found completed (the latest {@value #COMPLETED_KEPT}): a follow-on's look skips them. */
  private final Set<TaskId> completed = Collections.synchronizedSet(
      Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<TaskId, Boolean> eldest) {
          return size() > COMPLETED_KEPT;
        }
      }));
  private static final int COMPLETED_KEPT = 256;

  /** The app's listeners: the one the client was built with, then any added since; none without either. */
  private final java.util.List<Registration> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  Events(VidgenListener listener) {
    if (listener != null && listener != VidgenListener.NONE) {
      listeners.add(new Registration(listener));
    }
  }

  /**
   * Adds {@code listener}, told every event from now on; the returned action removes this registration
   * only (the same listener added twice, or also given to the builder, stays for the other).
   */
  Runnable add(VidgenListener listener) {
    // A wrapper of its own, so that removing is by this registration, not by the listener's equality.
    Registration registration = new Registration(java.util.Objects.requireNonNull(listener, "listener == null"));
    listeners.add(registration);
    return () -> listeners.remove(registration);
  }

  /** One registration of a listener: equal only to itself, so that removing it leaves the listener's others. */
  private static final class Registration {
    private final VidgenListener listener;

    Registration(VidgenListener listener) {
      this.listener = listener;
    }
  }


  void creating(String model, String clientReference) {
    creating(model, clientReference, null);
  }

  /**
   * {@link #creating(String, String)} of the submit {@code submit} names (null: none), which its later lines repeat up
   * to its task, so that a log of many jobs at once ties each line to one submit.
   */
  void creating(String model, String clientReference, String submit) {
    LOG.debug("sending the create of a {} task ({}{})", model, submit == null ? "" : "submit " + submit + ", ",
        clientReference == null ? "no client reference" : "client reference " + clientReference);
    if (listening()) {
      notify("onCreating", listener -> listener.onCreating(model, clientReference));
    }
  }

  void createLookUp(String clientReference, Duration atMost) {
    if (listening()) {
      notify("onCreateLookUp", listener -> listener.onCreateLookUp(clientReference, atMost));
    }
  }

  void createResent(String clientReference) {
    if (listening()) {
      notify("onCreateResent", listener -> listener.onCreateResent(clientReference));
    }
  }

  void submitted(JobHandle handle, TaskSnapshot answer) {
    submitted(handle, answer, null);
  }

  /** {@link #submitted(JobHandle, TaskSnapshot)}, the line naming the submit {@code submit} too (null: none). */
  void submitted(JobHandle handle, TaskSnapshot answer, String submit) {
    if (LOG.isDebugEnabled()) {
      LOG.debug("created task {} on {} for {} ({}){}", handle.taskId(), handle.providerId(), handle.model(),
          handle.quote(), submit == null ? "" : " (submit " + submit + ")");
    }
    if (listening()) {
      notify("onSubmitted", listener -> listener.onSubmitted(handle, answer));
    }
  }

  void uploaded(java.nio.file.Path image, java.net.URI url) {
    LOG.debug("uploaded {} as {}", image.getFileName(), url);
  }

  /** After an unanswered create, the task was found by its client reference and adopted. */
  void adopted(TaskSnapshot snapshot, String clientReference) {
    LOG.debug("an unanswered create was found as task {} by client reference {}", snapshot.taskId(), clientReference);
  }

  void polled(JobHandle handle, TaskSnapshot snapshot) {
    if (snapshot.status() == TaskStatus.COMPLETED) {
      completed.add(snapshot.taskId());
    }
    if (LOG.isDebugEnabled()) {
      LOG.debug("polled task {}: {}{}", handle.taskId(), snapshot.rawStatus(),
          snapshot.percent().isPresent() ? " " + snapshot.percent().getAsInt() + "%" : "");
    }
    if (listening()) {
      notify("onPolled", listener -> listener.onPolled(handle, snapshot));
    }
  }

  void retry(JobHandle handle, Operation operation, ProviderException failure, int attempt, Duration delay) {
    retry(handle, operation, failure, attempt, delay, null);
  }

  /** {@link #retry(JobHandle, Operation, ProviderException, int, Duration)} of a call of the submit {@code submit}. */
  void retry(JobHandle handle, Operation operation, ProviderException failure, int attempt, Duration delay,
      String submit) {
    if (LOG.isDebugEnabled()) {
      LOG.debug("retrying {} of {} in {} ms after failure {}: {}", operation, handle != null
              ? "task " + handle.taskId() : failure.taskId().map(id -> "task " + id + ofSubmit(submit))
                  .orElse(submit == null ? "task (not created yet)" : "submit " + submit + " (task not created yet)"),
          delay.toMillis(), attempt, failure.getMessage());
    }
    if (listening()) {
      notify("onRetry", listener -> listener.onRetry(handle, operation, failure, attempt, delay));
    }
  }

  void createRetry(String submitReference, ProviderException failure, int attempt, Duration delay,
      boolean lookUpFirst) {
    if (listening()) {
      notify("onCreateRetry", listener -> listener.onCreateRetry(submitReference, failure, attempt, delay,
          lookUpFirst));
    }
  }

  /** Logs why a failed call is not retried (the policy's words), so that a debug log tells it. */
  void gaveUp(JobHandle handle, Operation operation, ProviderException failure, String reason) {
    gaveUp(handle, operation, failure, reason, null);
  }

  /** {@link #gaveUp(JobHandle, Operation, ProviderException, String)} of a call of the submit {@code submit}. */
  void gaveUp(JobHandle handle, Operation operation, ProviderException failure, String reason, String submit) {
    if (LOG.isDebugEnabled()) {
      String task = handle != null ? " of task " + handle.taskId()
          : failure.taskId().map(id -> " of task " + id + ofSubmit(submit))
              .orElse(submit == null ? "" : " of submit " + submit);
      LOG.debug("not retrying {}{}: {}", operation, task, reason);
    }
  }

  void completed(JobHandle handle, TaskSnapshot snapshot) {
    LOG.debug("task {} completed", handle.taskId());
    if (listening()) {
      notify("onCompleted", listener -> listener.onCompleted(handle, snapshot));
    }
  }

  void failed(JobHandle handle, VidgenException error) {
    failed(handle, error, null);
  }

  /** {@link #failed(JobHandle, VidgenException)} of the submit {@code submit} (null: none). */
  void failed(JobHandle handle, VidgenException error, String submit) {
    LOG.debug("job {} failed: {}", handle != null ? handle.taskId()
        : submit == null ? "(no task)" : "(no task, submit " + submit + ")", error.getMessage());
    if (listening()) {
      notify("onFailed", listener -> listener.onFailed(handle, error));
    }
  }

  /** A check could not be made and the job goes on (issue 11: live models, balances). */
  void warning(String code, String message) {
    warning(code, message, true);
  }

  /** Whether a status read or a wait of this client found {@code task} completed. */
  boolean seenCompleted(TaskId task) {
    return completed.contains(task);
  }

  /**
   * {@link #warning(String, String)}, logged at warning level only when {@code firstOfItsKind} (the first job a
   * failed read, kept for a while, holds back; the jobs after it are logged at debug level), told to every listener.
   */
  void warning(String code, String message, boolean firstOfItsKind) {
    if (firstOfItsKind) {
      LOG.warn("{} ({})", message, code);
    } else {
      LOG.debug("{} ({})", message, code);
    }
    if (listening()) {
      notify("onWarning", listener -> listener.onWarning(code, message));
    }
  }

  void resentBlind(String model, dev.vidgen.core.pricing.PriceQuote take, String submitReference) {
    if (listening()) {
      notify("onResentBlind", listener -> listener.onResentBlind(model, take, submitReference));
    }
  }

  /** " (submit s-12)" after a task id a submit's failure carries, or nothing without a submit. */
  private static String ofSubmit(String submit) {
    return submit == null ? "" : " (submit " + submit + ")";
  }

  /**
   * A short id for a submit, unique in this JVM (so across clients too), which its log lines carry from its first
   * create to its task: never the key, and told where no client reference is.
   */
  static String nextSubmitId() {
    return "s-" + SUBMITS.incrementAndGet();
  }

  private static final java.util.concurrent.atomic.AtomicLong SUBMITS = new java.util.concurrent.atomic.AtomicLong();

  void statusReading(JobHandle handle) {
    if (listening()) {
      notify("onStatusReading", listener -> listener.onStatusReading(handle));
    }
  }

  void statusReadFailed(JobHandle handle, ProviderException failure, Duration readAgainIn) {
    if (listening()) {
      notify("onStatusReadFailed", listener -> listener.onStatusReadFailed(handle, failure, readAgainIn));
    }
  }

  void downloadProgress(JobHandle handle, long bytes, long totalBytes) {
    if (listening()) {
      notify("onDownloadProgress", listener -> listener.onDownloadProgress(handle, bytes, totalBytes));
    }
  }

  void downloadResuming(JobHandle handle, long fromByte) {
    LOG.debug("the download of task {} goes on from byte {}", handle.taskId(), fromByte);
    if (listening()) {
      notify("onDownloadResuming", listener -> listener.onDownloadResuming(handle, fromByte));
    }
  }

  /** A generate stopped (cancelled, interrupted, the client closed) and ended in {@code stop}; null: no task made. */
  void stopped(JobHandle handle, CancellationException stop) {
    LOG.debug("the generate of {} stopped: {}", handle != null ? "task " + handle.taskId() : "no task",
        stop.getMessage());
    if (listening()) {
      notify("onStopped", listener -> listener.onStopped(handle, stop));
    }
  }

  void downloaded(JobHandle handle, Path file) {
    LOG.debug("downloaded the video of task {} to {}", handle.taskId(), file);
    if (listening()) {
      notify("onDownloaded", listener -> listener.onDownloaded(handle, file));
    }
  }

  /** Tells a progress listener about a snapshot, shielding the wait from its exceptions. */
  void progress(ProgressListener progress, TaskSnapshot snapshot, Duration elapsed) {
    if (progress != ProgressListener.NONE) {
      try {
        progress.onProgress(snapshot, elapsed);
      } catch (RuntimeException | Error e) {
        rethrowIfTheJvmFails(e);
        LOG.warn("a vidgen progress listener threw from onProgress; the job goes on", e);
      }
    }
  }

  /** Tells a progress listener that its task was seen completed after a pause, shielding the wait from it. */
  void completedAfterPause(ProgressListener progress, TaskSnapshot snapshot, Duration elapsed, Duration pause) {
    LOG.debug("task {} seen completed after a pause of {}: how long it ran is not known", snapshot.taskId(), pause);
    if (progress != ProgressListener.NONE) {
      try {
        progress.onCompletedAfterPause(snapshot, elapsed, pause);
      } catch (RuntimeException | Error e) {
        rethrowIfTheJvmFails(e);
        LOG.warn("a vidgen progress listener threw from onCompletedAfterPause; the job goes on", e);
      }
    }
  }

  /** Whether an app listener is set; without one no event builds a call. */
  private boolean listening() {
    return !listeners.isEmpty();
  }

  /** Tells each listener in turn; one that throws is logged, and the others are still told. */
  private void notify(String event, java.util.function.Consumer<VidgenListener> call) {
    boolean outer = !TELLING.get();
    TELLING.set(true);
    try {
      for (Registration registration : listeners) {
        try {
          call.accept(registration.listener);
        } catch (RuntimeException | Error e) {
          rethrowIfTheJvmFails(e);
          LOG.warn("a vidgen listener threw from {}; the job goes on", event, e);
        }
      }
    } finally {
      if (outer) {
        TELLING.remove();
      }
    }
  }

  /** Whether the calling thread is in a listener's callback now (then a close it makes must not wait). */
  static boolean telling() {
    return TELLING.get();
  }

  private static final ThreadLocal<Boolean> TELLING = ThreadLocal.withInitial(() -> false);

  /**
   * Lets the JVM failing (out of memory, an internal error) go on as it is; anything else a listener throws,
   * an {@link Error} of its own included (a failed assertion, a class missing, a recursion too deep), is the
   * listener's and must not cost the job its task: the event is told, the task was made, the job goes on.
   */
  private static void rethrowIfTheJvmFails(Throwable thrown) {
    if (thrown instanceof VirtualMachineError failing && !(thrown instanceof StackOverflowError)) {
      throw failing;
    }
  }
}
