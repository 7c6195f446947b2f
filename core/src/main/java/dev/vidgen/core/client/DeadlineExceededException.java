package dev.vidgen.core.client;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.error.VidgenException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The deadline passed before the task finished, or before a status read answered (its state is then
 * unknown). The task may still complete: wait again with the handle (its {@link JobHandle#encode()}
 * form, or the task id) later. A download with a deadline ends so too when its video was not saved in time:
 * {@link #lastSnapshot()} is then the completed task, whose video can be downloaded again.
 */
public final class DeadlineExceededException extends VidgenException {
  private static final long serialVersionUID = 1L;

  private final JobHandle handle;
  private final transient TaskSnapshot lastSnapshot;
  /** How long the status read the deadline cut off had gone unanswered, when that left the state unknown; else null. */
  private final Duration unansweredFor;

  /** A status read unanswered for less than this at the deadline leaves the last status seen a fair account. */
  static final Duration UNKNOWN_AFTER = Duration.ofSeconds(10);

  /**
   * A wait for {@code handle} that ended after {@code waited}; {@code lastSnapshot} is the last status
   * seen, or null when none was read.
   */
  public DeadlineExceededException(JobHandle handle, TaskSnapshot lastSnapshot, Duration waited) {
    this(otherClock(handle, lastSnapshot, waited).orElse("task " + handle.taskId() + " (" + handle.model()
        + ") not finished after " + waited.toSeconds() + " s" + (lastSnapshot == null ? "" : "; last status "
        + said(lastSnapshot)) + "; resume with its task id (see docs/errors.md#deadline-exceeded)"),
        handle, lastSnapshot, null);
  }

  /** Leeway for a provider's clock running ahead of the client's before a deadline is blamed on the clocks. */
  private static final Duration CLOCK_LEEWAY = Duration.ofMinutes(1);
  /** How long before its submission a provider may date a task (a slow create, a skewed clock) before the clocks are blamed. */
  private static final Duration CLOCK_BEHIND_LEEWAY = Duration.ofHours(1);

  /**
   * The message when the provider dates the task after the client's whole wait had ended (by the client's clock), or
   * long before the client submitted it: the provider keeps another clock (a mock on the system clock beside a client
   * on virtual time, or on a fixed clock beside a client on the system clock), so its task could not finish within the
   * client's deadline; empty when the dates agree, the provider gave none, or the handle was resumed from a bare id.
   */
  private static Optional<String> otherClock(JobHandle handle, TaskSnapshot lastSnapshot, Duration waited) {
    Optional<Instant> created = lastSnapshot == null ? Optional.empty() : lastSnapshot.reportedCreatedAt();
    Instant waitEnded = handle.submittedAt().plus(waited);
    String dated;
    if (created.isPresent() && created.get().isAfter(waitEnded.plus(CLOCK_LEEWAY))) {
      dated = ", after the client's wait had ended (" + waitEnded + ")";
    } else if (created.isPresent() && !handle.model().equals(JobHandle.UNKNOWN_MODEL)
        && created.get().isBefore(handle.submittedAt().minus(CLOCK_BEHIND_LEEWAY))) {
      // A bare task id's handle is stamped when it was resumed, so only a submitted task's date is compared.
      dated = ", long before the client submitted it (" + handle.submittedAt() + ")";
    } else {
      return Optional.empty();
    }
    return Optional.of("task " + handle.taskId() + " (" + handle.model() + ") not finished after " + waited.toSeconds()
        + " s by the client's clock, but the provider's clock is not the client's: the provider dates the task "
        + created.get() + dated + ", so no wait on the client's clock"
        + " sees it finish; give the provider the client's clock (a mock on virtual time: the same"
        + " VirtualTime clock, or make it through ProviderConfig with the client's clock) and run it again (see"
        + " docs/errors.md#deadline-exceeded)");
  }

  private DeadlineExceededException(String message, JobHandle handle, TaskSnapshot lastSnapshot, Duration unansweredFor) {
    super(message);
    this.handle = Objects.requireNonNull(handle, "handle == null");
    this.lastSnapshot = lastSnapshot;
    this.unansweredFor = unansweredFor;
  }

  /**
   * A wait for {@code handle} ended after {@code waited} by its deadline while a status read had gone unanswered
   * for {@code unanswered}; {@code lastSnapshot} was read {@code lastSeenAt} after the task's creation (both null
   * when none was). With no status read, or one unanswered for {@link #UNKNOWN_AFTER} or more, the task's state
   * is said to be unknown, not "not finished".
   */
  public static DeadlineExceededException unanswered(JobHandle handle, TaskSnapshot lastSnapshot, Duration waited,
      Duration unanswered, Duration lastSeenAt) {
    if (lastSnapshot != null && lastSeenAt != null && unanswered.compareTo(UNKNOWN_AFTER) < 0) {
      return new DeadlineExceededException(handle, lastSnapshot, waited);
    }
    String lastSeen = lastSnapshot == null || lastSeenAt == null ? "no status was read in this wait"
        : "last seen " + said(lastSnapshot) + " " + lastSeenAt.toSeconds() + " s after it was made";
    return new DeadlineExceededException("task " + handle.taskId() + " (" + handle.model() + "): no status answer"
        + " came within " + Math.max(1, unanswered.toSeconds()) + " s, so its state when the wait ended, "
        + waited.toSeconds() + " s after it was made, is unknown (" + lastSeen + "); resume with its task id (see"
        + " docs/errors.md#deadline-exceeded)", handle, lastSnapshot, unanswered);
  }

  /**
   * A wait whose client's clock read {@code stillAt} throughout while its timers ran {@code timersRan}, past its
   * {@code deadline}: a deadline on a clock that does not move never comes, so the wait ends saying so.
   */
  static DeadlineExceededException clockStill(JobHandle handle, TaskSnapshot lastSnapshot, Duration deadline,
      Instant stillAt, Duration timersRan) {
    return new DeadlineExceededException("task " + handle.taskId() + " (" + handle.model() + ") not finished"
        + (lastSnapshot == null ? "" : " (last status " + said(lastSnapshot) + ")") + ", and its deadline of "
        + PollingLoop.spoken(deadline) + " never comes: the client's clock did not move (it read " + stillAt
        + " throughout) while the wait's timers ran " + PollingLoop.spoken(timersRan) + "; a fixed clock"
        + " (Clock.fixed) is not one to wait on: give the client a clock that moves (the system clock, the default)"
        + " or, in tests, the testkit's VirtualTime, its clock() and its scheduler() both (see"
        + " docs/errors.md#deadline-exceeded)", handle, lastSnapshot, null);
  }

  /**
   * The deadline of a download of the finished task {@code handle} names came before its video was saved: no try
   * started after it, and a try under way was given at most {@code grace} more; {@code completed} keeps the link.
   */
  static DeadlineExceededException downloadNotSaved(JobHandle handle, TaskSnapshot completed, Duration grace) {
    String until = completed.result().flatMap(video -> video.expiry()).map(expiry -> " (until " + expiry + ")")
        .orElse("");
    return new DeadlineExceededException("task " + handle.taskId() + " (" + handle.model() + ") completed and is paid"
        + " for, but its video was not saved by the deadline: no download try starts after it, and a try under way is"
        + " given at most " + PollingLoop.spoken(grace) + " more; the video can be downloaded again while its link"
        + " lasts" + until + " (see docs/errors.md#deadline-exceeded)", handle, completed, null);
  }

  private static String said(TaskSnapshot snapshot) {
    return snapshot.rawStatus() + snapshot.percent().stream().mapToObj(p -> " " + p + "%").findFirst().orElse("");
  }

  /** The handle to wait on again; the task may still complete. */
  public JobHandle handle() {
    return handle;
  }

  /** The last status seen, or null when none was read. */
  public TaskSnapshot lastSnapshot() {
    return lastSnapshot;
  }

  /**
   * How long the status read that the deadline cut off had gone unanswered, when the task's state is unknown for
   * it (no status answered in time); empty when the last status read tells where the task stood.
   */
  public Optional<Duration> unansweredFor() {
    return Optional.ofNullable(unansweredFor);
  }

  /** The task this failure is about: the one of {@link #handle()}. */
  @Override
  public Optional<TaskId> relatedTaskId() {
    return Optional.of(handle.taskId());
  }

  @Override
  public String docsAnchor() {
    return "deadline-exceeded";
  }
}
