package dev.vidgen.testkit;

import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.Operation;
import java.time.Duration;
import java.util.Optional;

/**
 * How {@link VideoProviderContract} arranges what a provider does next. A mock configures its
 * fake; an HTTP adapter queues responses on its fake server. "Next task" methods apply to the
 * next task created; a task with nothing scripted completes normally.
 */
public interface ProviderScript {

  /** The next task fails where it would have completed, with this code and message. */
  void nextTaskFails(String code, String message);

  /** The next task stays pending however often it is polled. */
  void nextTaskNeverFinishes();

  /** The next create is answered with HTTP 429 carrying {@code Retry-After}. */
  void nextCreateRateLimited(Duration retryAfter);

  /**
   * The next call of {@code operation} fails as {@code kind} does on the wire (for example
   * {@link FailureKind#SERVER_ERROR} is HTTP 500, {@link FailureKind#UNAVAILABLE} HTTP 503). For
   * {@link FailureKind#NO_RESPONSE} the request goes out and no answer comes back (a read timeout,
   * or the connection closed after the request was sent).
   */
  void nextCallFails(Operation operation, FailureKind kind);

  /** The next upload is refused with HTTP 400 and {@code message}. */
  void nextUploadRejected(String message);

  /**
   * The next create is sent but never answered; when {@code taskCreated}, the task exists all
   * the same. Only used when the provider supports client references.
   */
  void nextCreateUnanswered(boolean taskCreated);

  /**
   * Holds back the answer to the next create until the action returned runs, so that the kit can
   * check that {@code create} gives its future before its answer comes; empty (the default) when
   * the script cannot, and that check is then skipped. The action may be run more than once.
   */
  default Optional<Runnable> holdNextCreate() {
    return Optional.empty();
  }

  /**
   * Lets {@code amount} of time pass between polls: a provider on virtual time advances it, one
   * whose fake moves on with every poll does nothing.
   */
  void timePasses(Duration amount);
}
