package dev.vidgen.provider.mock;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.TaskStatus;
import dev.vidgen.core.domain.VideoAsset;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One simulated task. Its status is a function of the clock: queued for the first fifth of its
 * duration, then in progress with the percentage rising in step with time, then completed (or
 * failed). The id encodes start, duration, shape and a failure on purpose, so that a provider in
 * another process can still answer for a task that completes normally or fails on purpose.
 */
final class MockTask {
  static final Duration RESULT_LIFETIME = Duration.ofHours(24);
  private static final Pattern ID = Pattern.compile("video_mock_([0-9a-z]+)_([0-9a-z]+)_([lp])(f?)_[0-9a-f]+");

  private final TaskId id;
  private final Instant createdAt;
  private final Duration duration;
  private final boolean portrait;
  private final TaskPlan plan;
  private final String clientReference;
  /** The model name the create sent, which status reads report; null when not known (a task rebuilt from its id). */
  private final String model;

  MockTask(TaskId id, Instant createdAt, Duration duration, boolean portrait, TaskPlan plan,
      String clientReference) {
    this(id, createdAt, duration, portrait, plan, clientReference, null);
  }

  MockTask(TaskId id, Instant createdAt, Duration duration, boolean portrait, TaskPlan plan,
      String clientReference, String model) {
    this.model = model;
    this.id = id;
    this.createdAt = createdAt;
    this.duration = duration;
    this.portrait = portrait;
    this.plan = plan;
    this.clientReference = clientReference;
  }

  /**
   * A new id for a task made at {@code createdAt}; {@code suffix} keeps ids apart. A task that
   * fails on purpose has an {@code f} after its shape ({@code _lf_}), which ids made before it
   * existed lack.
   */
  static TaskId newId(Instant createdAt, Duration duration, boolean portrait, boolean failsOnPurpose, long suffix) {
    return TaskId.of(
        "video_mock_"
            + Long.toString(createdAt.toEpochMilli(), 36)
            + "_"
            + Long.toString(duration.toMillis(), 36)
            + (portrait ? "_p" : "_l")
            + (failsOnPurpose ? "f_" : "_")
            + Long.toHexString(suffix));
  }

  /** What the create answers: queued, at 0 %, or with no progress number when its plan reports none. */
  TaskSnapshot createdAnswer() {
    return plan.reportsNoProgress()
        ? new TaskSnapshot(id, TaskStatus.QUEUED, null, null, null, null) : TaskSnapshot.queued(id);
  }

  /** This task as read by a mock whose status reads leave the progress number out. */
  MockTask reportingNoProgress() {
    return plan.reportsNoProgress() ? this
        : new MockTask(id, createdAt, duration, portrait, plan.reportingNoProgress(), clientReference, model);
  }

  /** A task rebuilt from its id alone (made by another instance), if the id is a mock id. */
  static Optional<MockTask> fromId(TaskId id) {
    Matcher match = ID.matcher(id.value());
    if (!match.matches()) {
      return Optional.empty();
    }
    try {
      Instant created = Instant.ofEpochMilli(Long.parseLong(match.group(1), 36));
      Duration duration = Duration.ofMillis(Long.parseLong(match.group(2), 36));
      boolean portrait = match.group(3).equals("p");
      TaskPlan plan = match.group(4).isEmpty() ? TaskPlan.COMPLETES : TaskPlan.FAILS_ON_PURPOSE;
      return Optional.of(new MockTask(id, created, duration, portrait, plan, null));
    } catch (NumberFormatException | ArithmeticException | java.time.DateTimeException tooBig) {
      return Optional.empty();
    }
  }

  /** The task id a {@code mock://videos/<id>.mp4} URL names, if it is one. */
  static Optional<TaskId> idOfVideo(URI url) {
    String path = url.getPath();
    if (!"mock".equals(url.getScheme()) || !"videos".equals(url.getHost()) || path == null
        || !path.endsWith(".mp4") || path.length() <= 5) {
      return Optional.empty();
    }
    return Optional.of(TaskId.of(path.substring(1, path.length() - 4)));
  }

  TaskId id() {
    return id;
  }

  boolean portrait() {
    return portrait;
  }

  Optional<String> clientReference() {
    return Optional.ofNullable(clientReference);
  }

  /** What a status read at {@code now} says: the task's state, with the model it was sent as and its creation time. */
  TaskSnapshot snapshotAt(Instant now) {
    return stateAt(now).withOrigin(model, createdAt);
  }

  private TaskSnapshot stateAt(Instant now) {
    Duration elapsed = Duration.between(createdAt, now);
    if (!plan.neverFinishes() && elapsed.compareTo(duration) >= 0) {
      return plan.failure() == null
          ? TaskSnapshot.completed(id, video())
          : TaskSnapshot.failed(id, plan.failure());
    }
    if (plan.reportsNoProgress()) {
      boolean queued = elapsed.compareTo(duration.dividedBy(5)) < 0 || duration.isZero();
      return new TaskSnapshot(id, queued ? TaskStatus.QUEUED : TaskStatus.IN_PROGRESS, null, null, null, null);
    }
    if (elapsed.compareTo(duration.dividedBy(5)) < 0 || duration.isZero()) {
      return TaskSnapshot.queued(id);
    }
    long percent = elapsed.toMillis() * 100 / Math.max(1, duration.toMillis());
    return TaskSnapshot.inProgress(id, (int) Math.max(1, Math.min(99, percent)));
  }

  /** The result, whether or not the task got that far. */
  VideoAsset video() {
    Instant completed = createdAt.plus(duration);
    return new VideoAsset(
        URI.create("mock://videos/" + id.value() + ".mp4"),
        "mp4",
        completed.plus(RESULT_LIFETIME));
  }
}
