package dev.vidgen.testkit;

import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.Operation;
import java.time.Duration;

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
   * {@link FailureKind#SERVER_ERROR} is HTTP 500, {@link FailureKind#UNAVAILABLE} HTTP 503).
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
   * Lets {@code amount} of time pass between polls: a provider on virtual time advances it, one
   * whose fake moves on with every poll does nothing.
   */
  void timePasses(Duration amount);
}
