package dev.vidgen.core.error;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.policy.FailureKind;
import java.time.Duration;
import java.util.Optional;

/**
 * A provider call failed. Subclasses say what the caller should do: {@link
 * RetriableProviderException}s may pass by themselves (vidgen already retried them per its
 * policy), the others need a change first. Create one with {@link #of}.
 */
public abstract class ProviderException extends VidgenException {
  private static final long serialVersionUID = 1L;

  private final ProviderErrorDetails details;
  /** The local file whose upload this is (not serialized), with the message that says so; null for any other call. */
  private transient FailedUpload upload;
  private String uploadMessage;

  /** An error for {@code details}, as the provider's answer gave them; {@code cause} may be null. */
  protected ProviderException(ProviderErrorDetails details, Throwable cause) {
    this(details, cause, true);
  }

  /** As above; the server's {@code Retry-After} is in the message only when {@code retryAfterTold}. */
  ProviderException(ProviderErrorDetails details, Throwable cause, boolean retryAfterTold) {
    this(details, cause, retryAfterTold, false);
  }

  /** As above; the message says that no connection was made and nothing sent when {@code nothingSent}. */
  ProviderException(ProviderErrorDetails details, Throwable cause, boolean retryAfterTold, boolean nothingSent) {
    super(details.describe(retryAfterTold, nothingSent), cause);
    this.details = details;
  }

  /**
   * The exception class for {@code kind}, carrying {@code details}; a "not found" of a result link (its code
   * {@link ProviderErrorDetails#RESULT_LINK_GONE} or {@link ProviderErrorDetails#REDIRECT_NOT_FOLLOWED}) is a
   * {@link ResultLinkGoneException}, not a missing task.
   */
  public static ProviderException of(FailureKind kind, ProviderErrorDetails details, Throwable cause) {
    return switch (kind) {
      case RATE_LIMITED -> new RateLimitedException(details, cause);
      case UNAVAILABLE, CONNECT_FAILED -> new ProviderUnavailableException(kind, details, cause);
      case NO_RESPONSE -> new ProviderUnavailableException(kind, details, cause);
      case SERVER_ERROR -> new ServerErrorException(details, cause);
      case AUTHENTICATION -> new AuthenticationException(details, cause);
      case INSUFFICIENT_QUOTA -> new InsufficientQuotaException(details, cause);
      case CONTENT_POLICY -> new ContentPolicyException(details, cause);
      case REJECTED -> new RequestRejectedException(details, cause);
      case NOT_FOUND -> ResultLinkGoneException.isResultLink(details) ? new ResultLinkGoneException(details, cause)
          : new TaskNotFoundException(details, cause);
    };
  }

  /** What failed, for the retry policy. */
  public abstract FailureKind kind();

  /** Everything the provider said. */
  public ProviderErrorDetails details() {
    return details;
  }

  /** The id of the provider that failed, such as {@code mock}. */
  public String providerId() {
    return details.providerId();
  }

  /** The HTTP status, or 0 when no response came. */
  public int httpStatus() {
    return details.httpStatus();
  }

  /** The provider's error code, when it sent one. */
  public Optional<String> providerCode() {
    return Optional.ofNullable(details.code());
  }

  /** The request id from the response's headers, when the server sent one. */
  public Optional<String> requestId() {
    return Optional.ofNullable(details.requestId());
  }

  /** The server's {@code Retry-After}, when it sent one. */
  public Optional<Duration> retryAfter() {
    return details.retryAfterHint();
  }

  /** The task concerned, once one exists; empty for a failure before the create was answered. */
  public Optional<TaskId> taskId() {
    return Optional.ofNullable(details.taskId());
  }

  /** The same as {@link #taskId()}. */
  @Override
  public Optional<TaskId> relatedTaskId() {
    return taskId();
  }

  /** The local file whose upload failed, when this is an upload's failure (see {@link #forUpload}). */
  public Optional<FailedUpload> upload() {
    return Optional.ofNullable(upload);
  }

  /**
   * The same error, said as the failed upload of {@code upload}'s file: its message names the file
   * and the provider's words, and says that no video task was created. This exception becomes its
   * cause; an error that already names an upload, or an ambiguous create, is returned as it is.
   */
  public ProviderException forUpload(FailedUpload upload) {
    java.util.Objects.requireNonNull(upload, "upload == null");
    if (this.upload != null || this instanceof AmbiguousSubmitException) {
      return this;
    }
    ProviderException named = of(kind(), details, this);
    named.upload = upload;
    named.uploadMessage = "the upload of " + upload.describe() + " "
        + (this instanceof RetriableProviderException ? "failed" : "was refused") + " (" + getMessage()
        + "); no video task was created and nothing was charged for a video";
    return named;
  }

  /**
   * The provider's words as {@link ProviderErrorDetails} put them, then what to do where those words
   * cannot say it (a refused key, too few credits); for an upload, naming its file first.
   */
  @Override
  public String getMessage() {
    if (uploadMessage != null) {
      return uploadMessage;
    }
    String advice = advice();
    return advice == null ? super.getMessage()
        : super.getMessage() + (advice.startsWith("(") ? " " : "; ") + advice;
  }

  /** What the caller should do, for a failure whose provider's words cannot say it; null when they can. */
  String advice() {
    return null;
  }

  /**
   * The same error, now naming {@code taskId}; this exception becomes its cause. Returns this
   * exception when it already names a task.
   */
  public ProviderException withTaskId(TaskId taskId) {
    if (details.taskId() != null) {
      return this;
    }
    return of(kind(), details.withTaskId(taskId), this);
  }
}
