package dev.vidgen.core.error;

import dev.vidgen.core.policy.FailureKind;
import java.util.Optional;

/**
 * A create request was sent but no answer came, so the task may exist and may be billed. vidgen
 * does not send it again blindly; check the provider's dashboard (or look the task up by
 * {@link #clientReference()}) before submitting again. Its {@link #kind()} is always {@code
 * NO_RESPONSE}, as the create's outcome is unknown; {@code httpStatus()} keeps the status of the last
 * answer when one came (a 500, say), 0 when none did.
 */
public final class AmbiguousSubmitException extends ProviderException {
  private static final long serialVersionUID = 1L;

  private final String clientReference;
  private final int possibleTasks;

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
    super(details, cause);
    if (possibleTasks < 1) {
      throw new IllegalArgumentException("possibleTasks must be 1 or more, was " + possibleTasks);
    }
    this.clientReference = clientReference;
    this.possibleTasks = possibleTasks;
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
