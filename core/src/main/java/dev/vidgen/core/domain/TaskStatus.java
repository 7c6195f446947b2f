package dev.vidgen.core.domain;

/** Where a task stands; {@link #COMPLETED} and {@link #FAILED} are final. */
public enum TaskStatus {
  /** Accepted, waiting to run (providers' unknown pending states map here too). */
  QUEUED,
  /** Running. */
  IN_PROGRESS,
  /** Done; the snapshot carries the video. */
  COMPLETED,
  /** Done without a video; the snapshot carries the reason. */
  FAILED;

  /** Whether the task will not change any more. */
  public boolean isTerminal() {
    return this == COMPLETED || this == FAILED;
  }

  /** The lower-case name used on the wire and in JSON, such as {@code in_progress}. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
