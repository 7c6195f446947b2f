package dev.vidgen.core.client;

import java.util.concurrent.CancellationException;

/**
 * A submit told to stop sending (its {@code stopSending} signal done) ended before any create that
 * could have made a task: every try so far was refused without one (HTTP 429, 503, a refused
 * connection), or none went out. Nothing was made or billed, so the job may simply be sent later.
 */
public final class SubmitNotSentException extends CancellationException {
  private static final long serialVersionUID = 1L;

  /** A stopped submit, described by {@code message}. */
  public SubmitNotSentException(String message) {
    super(message);
  }
}
