package dev.vidgen.core.error;

import dev.vidgen.core.policy.FailureKind;
import java.time.Instant;
import java.util.Optional;

/**
 * A create request was sent but no answer came, so the task may exist and may be billed. vidgen
 * does not send it again blindly; check the provider's dashboard (or look the task up by
 * {@link #clientReference()}) before submitting again. Its {@link #kind()} is always {@code
 * NO_RESPONSE}, as the create's outcome is unknown; {@code httpStatus()} keeps the status of the last
 * answer when one came (a 500, say), 0 when none did. {@link #sentAt()} tells when the create was
 * handed over to be sent, to match a task on the dashboard by.
 */
public final class AmbiguousSubmitException extends ProviderException {
  private static final long serialVersionUID = 1L;

  private final String clientReference;
  private final int possibleTasks;
  private final Instant sentAt;

  /**
   * A create left unanswered, for {@code details}; {@code clientReference} is the one sent, or null
   * when the create carried none, and {@code cause} may be null. One take may have made a task.
   */
  public AmbiguousSubmitException(ProviderErrorDetails details, String clientReference, Throwable cause) {
    this(details, clientReference, 1, cause);
  }

  /**
   * As above, where {@code possibleTasks} takes of the create (each answered with a server error, or
   * none, and sent without a reference to look it up by) may each have made a paid task.
   *
   * @throws IllegalArgumentException when {@code possibleTasks} is less than 1
   */
  public AmbiguousSubmitException(ProviderErrorDetails details, String clientReference, int possibleTasks,
      Throwable cause) {
    this(details, clientReference, possibleTasks, cause, null);
  }

  private AmbiguousSubmitException(ProviderErrorDetails details, String clientReference, int possibleTasks,
      Throwable cause, Instant sentAt) {
    super(details, cause);
    if (possibleTasks < 1) {
      throw new IllegalArgumentException("possibleTasks must be 1 or more, was " + possibleTasks);
    }
    this.clientReference = clientReference;
    this.possibleTasks = possibleTasks;
    this.sentAt = sentAt;
  }

  /**
   * This failure, telling that the create was handed over to be sent at {@code at}: its first take left then,
   * or a little later when it waited its turn under the client-side rate limit.
   */
  public AmbiguousSubmitException withSentAt(Instant at) {
    AmbiguousSubmitException copy = new AmbiguousSubmitException(details(), clientReference, possibleTasks,
        getCause(), java.util.Objects.requireNonNull(at, "at == null"));
    copy.setStackTrace(getStackTrace());
    for (Throwable suppressed : getSuppressed()) {
      copy.addSuppressed(suppressed);
    }
    return copy;
  }

  /** When the create was handed over to be sent, if the client told it: a task made then is on the dashboard. */
  public Optional<Instant> sentAt() {
    return Optional.ofNullable(sentAt);
  }

  /** The client reference sent with the create, if any. */
  public Optional<String> clientReference() {
    return Optional.ofNullable(clientReference);
  }

  /**
   * How many tasks the create may have made at most: 1, or more when several takes of a create
   * without a client reference were answered with a server error (each may be a task of its own).
   */
  public int possibleTasks() {
    return possibleTasks;
  }

  @Override
  public FailureKind kind() {
    return FailureKind.NO_RESPONSE;
  }

  @Override
  public String docsAnchor() {
    return "ambiguous-submit";
  }
}
