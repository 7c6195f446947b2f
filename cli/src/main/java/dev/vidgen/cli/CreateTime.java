package dev.vidgen.cli;

import dev.vidgen.serve.history.HistoryEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * When a task claimed with {@code --made-by} can have been made by the note's create: from its first
 * take ({@link #CLOCK_SKEW} earlier, for a provider's clock behind this machine's) until {@link
 * #LATE_WINDOW} after its note was written, which was after its last take went out.
 *
 * @param name what made the create, for people: the note's name in the history ({@code unanswered-…}),
 *     or {@code job KEY} of a batch
 * @param firstTake when the create's first take went out (the note's {@code submittedAt}); null when
 *     not known (a batch journal keeps only when the job became unknown), and then not checked
 * @param lastTake a time after its last take went out (see {@link HistoryEntry#lastTakeAtMost()})
 */
record CreateTime(String name, Instant firstTake, Instant lastTake) {
  /** How far the provider's clock may run behind this machine's before a task's creation time rules it out. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

  /**
   * How long after the note was written a task it made may say it was created: a take still on its
   * way when the note was written (a process stopped mid-create) arrives within the create's call
   * timeout (120 s unless set otherwise), and clocks may differ by {@link #CLOCK_SKEW}; the rest is room.
   */
  static final Duration LATE_WINDOW = Duration.ofMinutes(10);

  /** The option that claims a task created outside the create's time, on the user's word. */
  static final String OVERRIDE = "--ignore-creation-time";

  static CreateTime of(HistoryEntry note) {
    return new CreateTime(note.taskId(), note.submittedAt(), note.lastTakeAtMost());
  }

  /**
   * Refuses {@code created} (the provider's creation time of {@code taskId}) when it is outside the
   * create's time, unless {@code anyTime}, which says so and goes on; no time is warned about and taken.
   */
  void check(Optional<Instant> created, String taskId, boolean anyTime, Output output) {
    if (created.isEmpty()) {
      output.note("warning: the provider's answer does not say when task " + taskId + " was created, so it cannot be"
          + " checked against " + name + "'s create (" + sent() + "); it is claimed on your word");
      return;
    }
    Instant made = created.get();
    String outside;
    if (firstTake != null && made.isBefore(firstTake.minus(CLOCK_SKEW))) {
      outside = DurationConverter.describe(Duration.between(made, firstTake).truncatedTo(ChronoUnit.SECONDS))
          + " before " + name + "'s create went out (" + sent() + "; clocks may differ by up to "
          + DurationConverter.describe(CLOCK_SKEW) + ", which is allowed)";
    } else if (made.isAfter(lastTake.plus(LATE_WINDOW))) {
      outside = DurationConverter.describe(Duration.between(lastTake, made).truncatedTo(ChronoUnit.SECONDS))
          + " after " + name + "'s create was last sent (" + sent() + "; a task it made is created within "
          + DurationConverter.describe(LATE_WINDOW) + " of that)";
    } else {
      return;
    }
    String when = "the provider says task " + taskId + " was created at " + seconds(made) + ", " + outside;
    if (anyTime) {
      output.note("warning: " + when + "; claimed all the same, as " + OVERRIDE + " says");
      return;
    }
    throw CliException.usage(when + ", so it did not make this task; nothing was recorded",
        "look on the provider's dashboard for a task created then; if you are sure this task is what " + name
            + " made, add " + OVERRIDE);
  }

  /** The time of batch job {@code key}'s create: its takes went out before {@code markedUnknown}. */
  static CreateTime ofBatchJob(String key, Instant markedUnknown) {
    return new CreateTime("job " + key, null, markedUnknown);
  }

  /** When the create went out, for people: one time, or the span of its takes. */
  private String sent() {
    Instant last = seconds(lastTake);
    if (firstTake == null) {
      return "sent before " + last;
    }
    Instant first = seconds(firstTake);
    return last.isAfter(first) ? "sent between " + first + " and " + last : "sent at " + first;
  }

  private static Instant seconds(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS);
  }
}
