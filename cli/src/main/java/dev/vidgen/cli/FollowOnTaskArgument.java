package dev.vidgen.cli;

import dev.vidgen.core.domain.FollowOnKind;
import dev.vidgen.core.text.SafeText;
import dev.vidgen.serve.history.HistoryEntry;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Refuses, before anything is sent, a TASK of {@code extend} or {@code remix} that is no task: a video's link (a URL),
 * which would go out as a task id, and the history's note of a create that got no answer ({@code unanswered-…}), whose
 * client reference would. Each names the task to give instead when the history knows it.
 */
final class FollowOnTaskArgument {
  private FollowOnTaskArgument() {}

  /**
   * Refuses {@code given} when it is a link ({@code ://}) and not a task id the history holds: named after the task
   * whose id the link's path holds, when the history has one, else told how a video by URL is continued.
   */
  static void refuseLink(Session session, FollowOnKind kind, String given, List<String> again) {
    String text = given.strip();
    if (!text.contains("://")) {
      return;
    }
    List<HistoryEntry> known;
    try {
      known = HistoryRecord.history(session.context()).map(history -> history.entries()).orElse(List.of());
    } catch (RuntimeException unreadable) {
      known = List.of(); // nothing known: refused as a link below
    }
    if (known.stream().anyMatch(entry -> entry.taskId().equals(text))) {
      return; // a task id the history knows, however it looks
    }
    List<String> segments = pathSegments(text);
    Optional<HistoryEntry> named = known.stream()
        .filter(entry -> !entry.taskId().startsWith(HistoryEntry.UNANSWERED_PREFIX))
        .filter(entry -> segments.contains(entry.taskId())).findFirst();
    String shown = SafeText.clean(SafeText.clip(SafeText.withoutUserInfo(text), 200));
    String refused = kind.id() + " takes the earlier task's id or handle, and " + shown + " is a video's link (a URL),"
        + " not a task id; nothing was sent";
    if (named.isPresent()) {
      String command = Failures.taskCommand(kind.id(), named.get().taskId(), named.get().provider(), session,
          again.toArray(String[]::new));
      throw new CliException(ExitCodes.INVALID_JOB, "usage", refused, NextStep.saying("the link names task "
          + named.get().taskId() + ", which this machine's task history has: ", command));
    }
    throw CliException.usage(refused, "to continue your own task, give its id (vidgen history lists them); a video"
        + " known only by its URL is continued with a video-edit model instead, such as vidgen generate --model"
        + " seedance-2-5 --video URL --param video_operation=" + (kind == FollowOnKind.EXTEND ? "extend" : "edit")
        + " --prompt … (docs/models.md)");
  }

  /** The segments of {@code link}'s path, each also without its extension ({@code video_1.mp4}: {@code video_1}). */
  private static List<String> pathSegments(String link) {
    String path;
    try {
      path = new URI(link).getPath();
    } catch (URISyntaxException unreadable) {
      path = link;
    }
    if (path == null) {
      return List.of();
    }
    return Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty())
        .flatMap(segment -> segment.indexOf('.') > 0
            ? Stream.of(segment, segment.substring(0, segment.indexOf('.')))
            : Stream.of(segment))
        .toList();
  }

  /**
   * Refuses a TASK that {@code earlier} read as the history's note of a create that got no answer and no task known
   * for it (a found one already stands for its task): the take sent again of such a create names the task it made;
   * any other is a create, not a task, to be found first.
   */
  static void refuseNote(Session session, FollowOnKind kind, TaskCommand.Earlier earlier, List<String> again) {
    Optional<HistoryEntry> note = earlier.unanswered();
    if (note.isEmpty()) {
      return;
    }
    HistoryEntry entry = note.get();
    String name = entry.taskId();
    Optional<String> made = ResentTakes.countedOn(entry);
    if (made.isPresent()) {
      String command = Failures.taskCommand(kind.id(), made.get(), entry.provider(), session,
          again.toArray(String[]::new));
      throw new CliException(ExitCodes.INVALID_JOB, "usage", name + " is the task history's note of a create whose"
          + " first take was answered with a server error, not a task; nothing was sent",
          NextStep.saying("the take sent again made task " + made.get() + ": ", command));
    }
    boolean lookable = HistoryEntry.carriesReference(name);
    String find = lookable ? "vidgen status " + name + " looks it up by its client reference"
        : "check the provider's dashboard for a task of " + entry.model() + " created at "
            + entry.submittedAt().truncatedTo(ChronoUnit.SECONDS) + ", then vidgen status TASK_ID --made-by " + name
            + " records it as what this create made";
    throw CliException.usage(name + " is the task history's note of a create that got no answer, not a task: the"
            + " task it may have made is not known yet, so there is nothing to " + kind.id() + "; nothing was sent",
        "find its task first (" + find + "), then vidgen " + kind.id() + " TASK_ID …");
  }
}
