package dev.vidgen.core.error;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.text.Waits;
import java.time.Duration;
import java.util.Objects;

/** A provider failure that may pass by itself; seen by callers only once retries ran out. */
public abstract class RetriableProviderException extends ProviderException {
  private static final long serialVersionUID = 1L;

  /** How many tries the call had before vidgen stopped retrying it; 0 when not said. */
  private final int tries;
  /** What the message says in place of the tries once this error ended a wait for its task; null otherwise. */
  private String waitWords;

  /** An error for {@code details}, as the provider's answer gave them; {@code cause} may be null. */
  protected RetriableProviderException(ProviderErrorDetails details, Throwable cause) {
    this(details, cause, 0);
  }

  /**
   * As above, said as the end of a call that vidgen stopped retrying after {@code tries} tries (0: not said).
   *
   * @throws IllegalArgumentException when {@code tries} is negative
   */
  protected RetriableProviderException(ProviderErrorDetails details, Throwable cause, int tries) {
    this(details, cause, tries, false);
  }

  /** As above; the message says that no connection was made and nothing sent when {@code nothingSent}. */
  RetriableProviderException(ProviderErrorDetails details, Throwable cause, int tries, boolean nothingSent) {
    super(details, cause, true, nothingSent);
    if (tries < 0) {
      throw new IllegalArgumentException("tries must not be negative: " + tries);
    }
    this.tries = tries;
  }

  /** How many tries the call had before vidgen stopped retrying it; 0 when this error does not say. */
  public int tries() {
    return tries;
  }

  /**
   * The same error, said as the end of a wait for task {@code task} that read its status for {@code waited} while
   * {@code failedReads} reads in a row failed ({@code failedTries} tries in all): the message says so, that the task
   * exists and may be paid for, and to resume it with its task id rather than generate it again. This exception
   * becomes its cause, and the copy names {@code task} ({@link #taskId()}).
   *
   * @throws IllegalArgumentException when {@code failedReads} is below 1, {@code failedTries} below {@code
   *     failedReads}, or {@code waited} negative
   */
  public RetriableProviderException endingWait(TaskId task, Duration waited, int failedReads, int failedTries) {
    Objects.requireNonNull(task, "task == null");
    Objects.requireNonNull(waited, "waited == null");
    if (failedReads < 1 || failedTries < failedReads || waited.isNegative()) {
      throw new IllegalArgumentException("not a wait's failed reads: " + failedReads + " reads, " + failedTries
          + " tries, " + waited);
    }
    ProviderErrorDetails named = details().taskId() == null ? details().withTaskId(task) : details();
    RetriableProviderException ended = (RetriableProviderException) of(kind(), named, this);
    ended.waitWords = "; the wait read the task's status for " + Waits.describe(waited) + " and "
        + (failedReads == 1 ? "its read failed" : failedReads + " reads in a row failed") + " (" + failedTries
        + (failedTries == 1 ? " try" : " tries") + (failedReads > 1 ? " in all" : "") + "), so it stopped: task "
        + named.taskId() + " exists and may be paid for, so do not generate it again; resume it with its task id"
        + " later (see " + docsLink() + ")";
    return ended;
  }

  /**
   * The provider's words, then, once vidgen gave up, how many tries it made ({@link #gaveUpWords}), or, for an error
   * that ended a wait, what {@link #endingWait} says.
   */
  @Override
  public String getMessage() {
    return super.getMessage() + (waitWords != null ? waitWords : gaveUpWords());
  }

  /** What the message adds once vidgen gave up after several tries: how many it made; empty when not said. */
  String gaveUpWords() {
    return tries < 2 ? "" : "; still failing after " + tries + " tries, so vidgen stopped retrying";
  }

  /** {@code tries}, checked as a count of tries a call had. */
  static int checkedTries(int tries) {
    if (tries < 1) {
      throw new IllegalArgumentException("tries must be at least 1: " + tries);
    }
    return tries;
  }
}
