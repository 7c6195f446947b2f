package dev.vidgen.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a provider said about a task at one moment. The same shape comes from polling and from
 * webhooks.
 *
 * @param progress percent 0–100, or null when the provider did not report one
 * @param rawStatus the provider's own word for the status (kept for unknown states)
 * @param video the result, present when {@code status} is {@link TaskStatus#COMPLETED} unless the
 *     provider named a video that cannot be used (see {@link #resultProblem()})
 * @param failure the reason, present when {@code status} is {@link TaskStatus#FAILED}, or when a
 *     {@link TaskStatus#COMPLETED} task names no usable video: why
 * @param model the model the provider says made the task, as it spells it; null when it did not say
 * @param createdAt when the provider says it created the task; null when it did not say
 * @param completedAt when the provider says the task completed (its own clock, as {@code createdAt}); null when it did
 *     not say
 */
public record TaskSnapshot(
    TaskId taskId,
    TaskStatus status,
    Integer progress,
    String rawStatus,
    VideoAsset video,
    TaskFailure failure,
    String model,
    Instant createdAt,
    Instant completedAt) {

  /**
   * A snapshot as given; {@code taskId} and {@code status} must not be null, a {@code progress} outside
   * 0–100 is clamped into it, a null {@code rawStatus} becomes the status's id, and a blank {@code
   * model} becomes null (the provider's text is expected made safe to print by whoever read it).
   */
  public TaskSnapshot {
    Objects.requireNonNull(taskId, "taskId == null");
    Objects.requireNonNull(status, "status == null");
    if (progress != null && (progress < 0 || progress > 100)) {
      progress = Math.max(0, Math.min(100, progress));
    }
    rawStatus = rawStatus == null ? status.id() : rawStatus;
    model = model == null || model.isBlank() ? null : model.strip();
  }

  /** A snapshot that does not say when the task completed (the form before that was kept). */
  public TaskSnapshot(TaskId taskId, TaskStatus status, Integer progress, String rawStatus, VideoAsset video,
      TaskFailure failure, String model, Instant createdAt) {
    this(taskId, status, progress, rawStatus, video, failure, model, createdAt, null);
  }

  /** A snapshot that does not say which model made the task or when (the form before those were kept). */
  public TaskSnapshot(
      TaskId taskId, TaskStatus status, Integer progress, String rawStatus, VideoAsset video, TaskFailure failure) {
    this(taskId, status, progress, rawStatus, video, failure, null, null, null);
  }

  /** A task that was just accepted. */
  public static TaskSnapshot queued(TaskId taskId) {
    return new TaskSnapshot(taskId, TaskStatus.QUEUED, 0, null, null, null);
  }

  /** A running task at {@code percent}. */
  public static TaskSnapshot inProgress(TaskId taskId, int percent) {
    return new TaskSnapshot(taskId, TaskStatus.IN_PROGRESS, percent, null, null, null);
  }

  /** A completed task with its video. */
  public static TaskSnapshot completed(TaskId taskId, VideoAsset video) {
    Objects.requireNonNull(video, "video == null");
    return new TaskSnapshot(taskId, TaskStatus.COMPLETED, 100, null, video, null);
  }

  /**
   * A completed task whose result cannot be used, such as a video URL that is not http(s): the
   * task is done (and paid) at the provider, but there is nothing vidgen may fetch.
   */
  public static TaskSnapshot completedUnusable(TaskId taskId, TaskFailure problem) {
    Objects.requireNonNull(problem, "problem == null");
    return new TaskSnapshot(taskId, TaskStatus.COMPLETED, 100, null, null, problem);
  }

  /** A failed task with its reason. */
  public static TaskSnapshot failed(TaskId taskId, TaskFailure failure) {
    Objects.requireNonNull(failure, "failure == null");
    return new TaskSnapshot(taskId, TaskStatus.FAILED, null, null, null, failure);
  }

  /**
   * A copy that says which model made the task and when, as the provider reported them (either may
   * be null: not said).
   */
  public TaskSnapshot withOrigin(String model, Instant createdAt) {
    return new TaskSnapshot(taskId, status, progress, rawStatus, video, failure, model, createdAt, completedAt);
  }

  /** A copy that says when the task completed, as the provider reported it (null: not said). */
  public TaskSnapshot withCompletedAt(Instant completedAt) {
    return new TaskSnapshot(taskId, status, progress, rawStatus, video, failure, model, createdAt, completedAt);
  }

  /** The model the provider says made the task, if it said. */
  public Optional<String> reportedModel() {
    return Optional.ofNullable(model);
  }

  /** When the provider says it created the task, if it said. */
  public Optional<Instant> reportedCreatedAt() {
    return Optional.ofNullable(createdAt);
  }

  /** When the provider says the task completed, if it said. */
  public Optional<Instant> reportedCompletedAt() {
    return Optional.ofNullable(completedAt);
  }

  /** Reported progress, if any. */
  public OptionalInt percent() {
    return progress == null ? OptionalInt.empty() : OptionalInt.of(progress);
  }

  /** The video, when the task completed. */
  public Optional<VideoAsset> result() {
    return Optional.ofNullable(video);
  }

  /** Why a completed task's result cannot be used, when it names no usable video; empty otherwise. */
  public Optional<TaskFailure> resultProblem() {
    return status == TaskStatus.COMPLETED && video == null ? Optional.ofNullable(failure) : Optional.empty();
  }

  /** The failure, when the task failed. */
  public Optional<TaskFailure> failureReason() {
    return Optional.ofNullable(failure);
  }
}
