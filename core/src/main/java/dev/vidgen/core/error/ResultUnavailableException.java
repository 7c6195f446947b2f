package dev.vidgen.core.error;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.VideoAsset;
import java.util.Objects;
import java.util.Optional;

/**
 * The finished video's link answered that the file is gone or not reachable (such as HTTP 403,
 * 404 or 410 from the file host). This says nothing about the API key, which downloads never
 * carry, nor about the task, which still exists: read its status again for a fresh link.
 */
public final class ResultUnavailableException extends VidgenException {
  private static final long serialVersionUID = 1L;

  private final TaskId taskId;
  private final transient VideoAsset asset;
  private final int httpStatus;

  /** @param cause the provider's failure for the link, or null */
  public ResultUnavailableException(TaskId taskId, VideoAsset asset, ProviderException cause) {
    super(cause != null && cause.providerCode().filter(ProviderErrorDetails.REDIRECT_NOT_FOLLOWED::equals).isPresent()
        ? "the video link of task " + taskId + " answered HTTP " + cause.httpStatus() + ", " + cause.details().message()
            + " (see docs/errors.md#result-unavailable)"
        : "the video link of task " + taskId + " answered "
        + (cause != null && cause.httpStatus() > 0 ? "HTTP " + cause.httpStatus() : "that it is not there")
        + ": the file is gone or not reachable from here (links expire); read the task's status again"
        + " for a fresh link (see docs/errors.md#result-unavailable)", cause);
    this.taskId = Objects.requireNonNull(taskId, "taskId == null");
    this.asset = asset;
    this.httpStatus = cause == null ? 0 : cause.httpStatus();
  }

  /** The task whose video link failed; it still exists, so reading its status gives a fresh link. */
  public TaskId taskId() {
    return taskId;
  }

  /** The asset whose link failed. */
  public VideoAsset asset() {
    return asset;
  }

  /** The file host's HTTP status, or 0. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The task this failure is about: {@link #taskId()}. */
  @Override
  public Optional<TaskId> relatedTaskId() {
    return Optional.of(taskId);
  }

  @Override
  public String docsAnchor() {
    return "result-unavailable";
  }
}
