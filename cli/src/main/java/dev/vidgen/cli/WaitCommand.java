package dev.vidgen.cli;

import dev.vidgen.core.client.DeadlineExceededException;
import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.policy.PollSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vidgen wait TASK_ID}: waits for a task made earlier (perhaps by another process) and saves its video. */
@Command(name = "wait", sortOptions = false,
    description = "Wait for a task created earlier (such as with generate --no-wait) and save its video.")
final class WaitCommand extends TaskCommand {
  @Mixin SavedVideoOptions saving;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "How long to wait, counted from the task's creation, such as 90s, 10m or 1h (default: 10m from"
          + " now, however old the task is).")
  Duration timeout;

  @Override
  int run(Session session, Output output) {
    if (saving.out != null) {
      session.keepForResume("--out", saving.out.forCommands(session.context()));
      if (saving.force) {
        session.keepForResume("--force");
      }
    }
    Target target = openWritingTo(session, OutTarget.orHere(saving.out), saving.force, output);
    // Named by its unanswered create's name: the video goes where that create's command was told to put it.
    Optional<OutTarget> recorded = saving.unansweredCreatesOut(session, target, output);
    // A task the history has with the --out it was made with: saved there, unless another --out is given.
    Optional<OutTarget> madeWith = recorded.isPresent() ? Optional.empty()
        : saving.madeWithOut(session, target, output);
    recorded.or(() -> madeWith).ifPresent(out -> session.keepForResume("--out", out.text()));
    OutTarget asked = recorded.orElse(saving.out);
    return recordedWait(session, target, asked, madeWith.orElse(asked), output);
  }

  /**
   * Waits for the task and saves its video to {@code out}; {@code asked} is the {@code --out} given (or an unanswered
   * create's), against which a video the history says is saved already is judged.
   */
  private int recordedWait(Session session, Target target, OutTarget asked, OutTarget out, Output output) {
    Duration deadline = timeout != null ? timeout : usualWaitFromNow(target.handle());
    // A task the provider forgot whose video is saved where this wait would put it: read once, not waited for (DZ F1).
    // One older than the provider keeps results: its first "not found" is believed, recorded as the wait's.
    return ForgottenTasks.orSaved(session, target, asked, saving.force, true, output, () -> target.recorded(() -> {
      ForgottenTasks.believeNotFoundOfOldTask(target);
      // A task another key made: its "not found" is said at once, not after a minute of reads (trial GL, F4).
      AnotherKeys.readAtOnce(target, session);
      // The note that waits for the task's answer is given at the wait's first read, which it sends none of its own.
      Runnable stopListening = target.client().addListener(target.hint().onFirstRead(target.handle()));
      try {
        return Finisher.awaitAndSave(session, target.client(), target.handle(), out, saving.force, deadline, timeout,
            false, output);
      } catch (DeadlineExceededException ranOut) {
        if (timeout != null) {
          // The error counts from the task's creation, as --timeout does; said once, so that its time is not read as
          // this wait's.
          output.note("this wait's --timeout " + DurationConverter.describe(timeout) + " ran out: it counts from the"
              + " task's creation, not from the start of this wait");
        }
        throw ranOut;
      } finally {
        stopListening.run();
        target.hint().give(Optional.empty()); // no read answered: the note without the model's filter
      }
    }));
  }

  /**
   * Without {@code --timeout}, the usual wait counted from now: a task whose creation the handle or
   * the history knows may be older than the usual deadline, and a wait that ended at its first poll
   * would send the user round in circles.
   */
  private static Duration usualWaitFromNow(JobHandle handle) {
    Duration age = Duration.between(handle.submittedAt(), Instant.now());
    Duration usual = PollSchedule.defaults().deadline();
    return age.isNegative() ? usual : age.plus(usual);
  }

  @Override
  boolean writesVideoToStdout() {
    return saving.toStdout();
  }
}
