package dev.vidgen.core.client;

import dev.vidgen.core.concurrent.AsyncFailures;
import dev.vidgen.core.domain.FollowOnKind;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.TaskStatus;
import dev.vidgen.core.error.AuthenticationException;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.TaskNotFoundException;
import dev.vidgen.core.text.SafeText;
import dev.vidgen.core.validation.ValidationReport;
import dev.vidgen.core.validation.Violation;
import dev.vidgen.core.validation.ViolationCodes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The free look at the task an extend or a remix starts from, before anything is paid (the command line's {@code
 * FollowOnSource} does the same with its history): a source this client has not seen completed is read once. One
 * that failed or is not finished is refused as an {@link InvalidJobException} ({@code source.failed}, {@code
 * source.not_finished}), one the provider does not know as the read's {@code TaskNotFoundException}. A read that fails
 * otherwise or gives no answer within {@link #READ_TIMEOUT} is told as a {@code source.unread} warning, and the
 * follow-on goes on without the look.
 */
final class FollowOnSourceLook {
  /** As the live model list's read: a free read is not waited for longer. */
  static final Duration READ_TIMEOUT = LiveModelCheck.READ_TIMEOUT;

  private final ClientRuntime runtime;
  private final boolean enabled;
  private final Function<JobHandle, CompletableFuture<TaskSnapshot>> reader;
  /** Where the model the read names is found, as a job's model is (an alias or another case is the same route). */
  private final RouteCatalog catalog;

  FollowOnSourceLook(ClientRuntime runtime, boolean enabled,
      Function<JobHandle, CompletableFuture<TaskSnapshot>> reader, RouteCatalog catalog) {
    this.runtime = runtime;
    this.enabled = enabled;
    this.reader = reader;
    this.catalog = catalog;
  }

  /**
   * Completes when a {@code kind} follow-on of {@code source} on {@code model} may be sent; fails, with nothing sent,
   * when the source's read shows it cannot be one's start.
   */
  CompletableFuture<Void> before(FollowOnKind kind, JobHandle source, String model) {
    if (!enabled || runtime.events().seenCompleted(source.taskId())) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<TaskSnapshot> read = reader.apply(source);
    CompletableFuture<TaskSnapshot> timed = read.copy();
    Scheduling.Cancellable timer = runtime.time().after(READ_TIMEOUT,
        () -> timed.completeExceptionally(new TimeoutException("no answer within " + READ_TIMEOUT.toSeconds() + " s")));
    timed.whenComplete((snapshot, failure) -> timer.cancel());
    String task = source.taskId().value();
    return timed.handle((snapshot, failure) -> {
      if (failure != null) {
        Throwable cause = AsyncFailures.unwrap(failure);
        boolean unread = cause instanceof TimeoutException
            || cause instanceof ProviderException && !(cause instanceof AuthenticationException)
            && !(cause instanceof TaskNotFoundException)
            || cause instanceof ProviderFaultException;
        if (!unread) {
          throw cause instanceof CompletionException completion ? completion : new CompletionException(cause);
        }
        read.cancel(true);
        String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        runtime.events().warning("source.unread", "could not read the status of task " + task + " before "
            + kind.withArticle() + " (" + SafeText.clip(SafeText.clean(why), 200) + "); it is sent without that look,"
            + " and the provider refuses it if the task failed or does not exist");
        return null;
      }
      refuseOtherModel(kind, source, model, snapshot);
      refuseUnfinished(kind, source, model, snapshot);
      snapshot.result().flatMap(video -> video.expiry()).filter(at -> at.isBefore(runtime.time().now()))
          .ifPresent(at -> runtime.events().warning("source.expired", "task " + task + "'s video expired at " + at
              + " (its links last a limited time); the provider does not say whether " + kind.withArticle()
              + " needs it, so it is sent: if the provider refuses it, make the source video again"));
      return null;
    });
  }

  /**
   * Refuses a follow-on on {@code model} of a source the read says another model made (the provider takes a follow-on
   * only on its task's own model): nothing was sent. A read that names no model lets it go.
   */
  private void refuseOtherModel(FollowOnKind kind, JobHandle source, String model, TaskSnapshot snapshot) {
    Optional<String> made = snapshot.reportedModel().map(String::strip).filter(name -> !name.isEmpty())
        .map(name -> catalog.find(name).map(ModelRoute::id).orElse(SafeText.clip(SafeText.clean(name), 80)));
    if (made.isEmpty() || made.get().equalsIgnoreCase(model)) {
      return;
    }
    String task = source.taskId().value();
    Violation refused = Violation.error("model", ViolationCodes.SOURCE_OTHER_MODEL, model, made.get(), "model: task "
        + task + " is a " + made.get() + " task (its status read says so), and " + kind.withArticle() + " on " + model
        + " names another: " + kind.withArticle() + " goes to the model of the task it starts from; nothing was sent");
    throw new CompletionException(new InvalidJobException(new ValidationReport(model, null, List.of(refused))));
  }

  /** Refuses a source that failed or is not finished: nothing was sent. */
  private static void refuseUnfinished(FollowOnKind kind, JobHandle source, String model, TaskSnapshot snapshot) {
    String task = source.taskId().value();
    Violation refused;
    if (snapshot.status() == TaskStatus.FAILED) {
      String why = snapshot.failureReason().map(failure -> ": " + SafeText.clip(SafeText.clean(
          (failure.code() == null ? "" : failure.code() + ", ") + failure.message()), 200)).orElse("");
      refused = Violation.error("source", ViolationCodes.SOURCE_FAILED, task, "a completed task", "source: task "
          + task + " failed (the provider says so" + why + "): " + kind.withArticle() + " starts from a finished"
          + " video; nothing was sent");
    } else if (snapshot.status() != TaskStatus.COMPLETED) {
      String percent = snapshot.percent().isPresent() ? " " + snapshot.percent().getAsInt() + "%" : "";
      refused = Violation.error("source", ViolationCodes.SOURCE_NOT_FINISHED, task, "a completed task", "source: task "
          + task + " is not finished yet (" + SafeText.clip(SafeText.clean(String.valueOf(snapshot.rawStatus())), 40)
          + percent + "): " + kind.withArticle() + " starts from a finished video; nothing was sent; await it, then"
          + " send the " + kind.id() + " again");
    } else {
      return;
    }
    ValidationReport report = new ValidationReport(model, null, List.of(refused));
    throw new CompletionException("unknown".equals(model)
        ? new InvalidJobException(report, kind.id() + " of " + task) : new InvalidJobException(report));
  }
}
