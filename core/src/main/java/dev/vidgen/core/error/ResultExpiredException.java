package dev.vidgen.core.error;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.VideoAsset;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The finished video's link expired before it was downloaded (providers keep results for a limited time).
 * vidgen never retries this silently: the video must be generated again.
 */
public final class ResultExpiredException extends VidgenException {
  private static final long serialVersionUID = 1L;

  private final TaskId taskId;
  private final transient VideoAsset asset;

  /** The expiry of {@code asset}, the video of task {@code taskId}, as seen at {@code now}. */
  public ResultExpiredException(TaskId taskId, VideoAsset asset, Instant now) {
    this(taskId, asset, now, null);
  }

  /**
   * The expiry of {@code asset}, the video of task {@code taskId}, as seen at {@code now}, confirmed
   * by {@code refusal}: the file host's answer to the one try made past the expiry (may be null).
   */
  public ResultExpiredException(TaskId taskId, VideoAsset asset, Instant now, Throwable refusal) {
    super("the video of task " + taskId + " expired at " + toTheSecond(asset.expiresAt()) + " (it is now "
        + toTheSecond(now)
        + (refusal == null ? "" : "; its link, tried once more, failed too") + "); it can no longer be downloaded,"
        + " generate it again (see docs/errors.md#result-expired)", refusal);
    this.taskId = Objects.requireNonNull(taskId, "taskId == null");
    this.asset = asset;
  }

  /** Both times of the message in one form: to the second, as the provider's expiry is given. */
  private static Instant toTheSecond(Instant instant) {
    return instant == null ? null : instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  /** The task whose video expired; generate it again. */
  public TaskId taskId() {
    return taskId;
  }

  /** The expired asset. */
  public VideoAsset asset() {
    return asset;
  }

  /** The task this failure is about: {@link #taskId()}. */
  @Override
  public Optional<TaskId> relatedTaskId() {
    return Optional.of(taskId);
  }

  @Override
  public String docsAnchor() {
    return "result-expired";
  }
}
