package dev.vidgen.core.client;

import java.util.concurrent.CancellationException;

/**
 * A submit told to stop sending (its {@code stopSending} signal done) ended before any create that
 * could have made a task: every try so far was refused without one (HTTP 429, 503, a refused
 * connection), or none went out. Nothing was made or billed, so the job may simply be sent later;
 * the job's local files may have been uploaded already, which its message then says.
 */
public final class SubmitNotSentException extends CancellationException {
  private static final long serialVersionUID = 1L;
  private final int refusedTakes;
  private final int unconnectedTakes;

  /** A stopped submit whose create never went out, described by {@code message}. */
  public SubmitNotSentException(String message) {
    this(message, 0);
  }

  /** A stopped submit, described by {@code message}, after {@code refusedTakes} takes refused without a task. */
  public SubmitNotSentException(String message, int refusedTakes) {
    this(message, refusedTakes, 0);
  }

  /**
   * As {@link #SubmitNotSentException(String, int)}, of which {@code unconnectedTakes} never reached the provider
   * (no connection could be made for them).
   */
  public SubmitNotSentException(String message, int refusedTakes, int unconnectedTakes) {
    super(message);
    this.refusedTakes = refusedTakes;
    this.unconnectedTakes = unconnectedTakes;
  }

  /**
   * What a submit stopped before its create says it sent: nothing, or, once its local files began to upload
   * ({@code uploaded}), those files but no create.
   */
  static String sentBeforeTheCreate(boolean uploaded) {
    return uploaded ? "its local files were uploaded (or were on their way), but no create was sent (nothing was"
        + " billed)" : "nothing was sent";
  }

  /** How many takes of the create went out and were refused without making a task; 0 when none went out. */
  public int refusedTakes() {
    return refusedTakes;
  }

  /** How many of the {@link #refusedTakes()} never reached the provider, since no connection could be made. */
  public int unconnectedTakes() {
    return unconnectedTakes;
  }

  /** Whether each take that went out failed to connect, so that no 429 or 503 was ever answered. */
  public boolean neverConnected() {
    return refusedTakes > 0 && unconnectedTakes >= refusedTakes;
  }
}
