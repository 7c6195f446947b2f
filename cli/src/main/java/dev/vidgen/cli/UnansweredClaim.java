package dev.vidgen.cli;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.text.Plural;
import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.TaskHistory;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

/**
 * {@code status}, {@code wait} or {@code download} of a bare task id with {@code --made-by
 * unanswered-…}: the user says the task is what a create that got no answer made (found on the
 * provider's dashboard, say). Once a status read shows the task exists, it gets its own history
 * entry with the job's model, price and settings, and the unknown note is closed as {@code found},
 * on the user's word; nothing is recorded when the claim cannot hold, such as when the provider's
 * answer names another model or a creation before the create went out.
 */
final class UnansweredClaim {
  private static final String ALLOWED = "give the name vidgen history shows for a create that got no answer"
      + " (status unknown), such as unanswered-noref-vg-… or unanswered-vg-…, or the bare vg-… reference its notice"
      + " showed";


  private UnansweredClaim() {}

  /** The note named {@code name}, checked before anything is sent; a usage error when it cannot be claimed. */
  static HistoryEntry note(Session session, String name, String task) {
    String given = name.strip();
    if (JobHandle.tryDecode(task.strip()).isPresent() || task.strip().startsWith(HistoryEntry.UNANSWERED_PREFIX)) {
      throw CliException.usage("--made-by goes with a bare task id, not " + task.strip(),
          "give the task id as the provider's dashboard shows it");
    }
    TaskHistory history = history(session);
    String named = given.startsWith(HistoryEntry.UNANSWERED_PREFIX) ? given
        : AnsweredNote.nameOf(history, given).orElseThrow(() -> CliException.usage(
            "--made-by " + given + " is not the name of a create that got no answer", ALLOWED));
    return claimable(session, history, named, task.strip());
  }

  /** "vidgen wait TASK [--base-url …]": the command that follows {@code task} on the provider {@code note} was sent to. */
  private static String follow(Session session, String task, HistoryEntry note) {
    return Failures.taskCommand("wait", task, note.provider(), session, session.setupOptions().toArray(String[]::new));
  }

  /** Whether the note {@code name} names was answered with task {@code task} itself, so that there is nothing to claim. */
  static boolean answeredAs(Session session, String name, String task) {
    try {
      TaskHistory history = history(session);
      return AnsweredNote.nameOf(history, name.strip()).flatMap(note -> AnsweredNote.answeredWith(history, note))
          .filter(task.strip()::equals).isPresent();
    } catch (RuntimeException unreadable) {
      return false; // told by the claim that follows
    }
  }

  private static TaskHistory history(Session session) {
    return HistoryRecord.history(session.context()).orElseThrow(() -> CliException.usage(
        "--made-by needs the task history, and " + TaskHistory.whyNoDataFolder(session.context().env()),
        "set VIDGEN_HOME to the folder the create was recorded in"));
  }

  /** The note named {@code name} as the history holds it now, when {@code taskId} may still be claimed for it. */
  private static HistoryEntry claimable(Session session, TaskHistory history, String name, String taskId) {
    HistoryEntry note = history.find(name).orElseThrow(() -> AnsweredNote.refusal(history, name, "has no task to claim")
        .orElseGet(() -> CliException.usage(name + " is not in the task history " + history.file(), ALLOWED)));
    List<String> claimed = note.claimed();
    if (note.status().equals(HistoryEntry.FOUND) && !claimed.isEmpty() && !claimed.contains(taskId)) {
      if (note.possibleTasks() > 1 || claimed.size() > 1) {
        // One claim beyond what the takes may have made: the task would have no take left to have come from.
        throw CliException.usage(name + " may have made " + note.possibleTasks() + " tasks at most (one per take),"
                + " and " + accountedFor(claimed) + " accounted for already: " + String.join(", ", claimed)
                + "; task " + taskId + " was not made by it",
            "follow those with " + follow(session, "TASK_ID", note) + ", or leave out --made-by");
      }
      String last = claimed.get(claimed.size() - 1);
      throw CliException.usage(name + " was found already: its create made task " + last,
          "follow that one with " + follow(session, last, note) + ", or leave out --made-by");
    }
    // A note closed with no task found may still be claimed: a task found after all is tracked, not lost.
    if (!note.status().equals(HistoryEntry.UNKNOWN) && !note.isSettledNote()) {
      throw CliException.usage(name + " is " + note.status() + ", not a create that got no answer", ALLOWED);
    }
    return note;
  }

  /** "its one task is", "both are", "all 3 are". */
  private static String accountedFor(List<String> claimed) {
    return switch (claimed.size()) {
      case 1 -> "its one task is";
      case 2 -> "both are";
      default -> "all " + claimed.size() + " are";
    };
  }

  /**
   * Where {@code taskId} stands with {@code note} in the history: claimed for it before ({@code
   * foundBefore}: only followed), or with its own entry written by this very claim before it was stopped
   * ({@code halfDone}); a usage error when the task is in the history as a job of its own.
   */
  private record Standing(HistoryEntry note, boolean foundBefore, boolean halfDone) {
    static Standing of(TaskHistory history, HistoryEntry note, String taskId, String baseUrl) {
      // The task on the server this command asks: one of the same id another server gave out is another task.
      Optional<HistoryEntry> own = history.find(note.provider(), baseUrl, taskId);
      boolean foundBefore = note.claimed().contains(taskId);
      boolean halfDone = own.isPresent() && (own.get().submittedAt().equals(note.submittedAt())
          || sameRun(own.get(), note) && !history.answeredElsewhere(note.provider(), baseUrl, taskId, note.taskId()))
          && own.get().model().equals(note.model()) && own.get().source().equals(note.source());
      if (own.isPresent() && !foundBefore && !halfDone) {
        throw CliException.usage("task " + taskId + " is in the history as a job of its own (" + own.get().source()
                + ", " + own.get().submittedAt().truncatedTo(ChronoUnit.SECONDS) + "), so " + note.taskId()
                + " did not make it",
            "look on the provider's dashboard for a task created at about "
                + note.submittedAt().truncatedTo(ChronoUnit.SECONDS) + ", or leave out --made-by");
      }
      return new Standing(note, foundBefore, halfDone);
    }
  }

  /**
   * Whether {@code own}, a task's entry, may be the answer of {@code note}'s very create whose closing line
   * was lost (a history write that failed on a full disk): the same job and command, made within the time a
   * create may take to be answered after it went out (and, checked beside it, no other create's note names it).
   */
  private static boolean sameRun(HistoryEntry own, HistoryEntry note) {
    return !own.submittedAt().isBefore(note.submittedAt().minus(java.time.Duration.ofMinutes(1)))
        && own.submittedAt().isBefore(note.submittedAt().plus(HistoryEntry.CREATE_MAY_STILL_ANSWER))
        && own.settings().equals(note.settings());
  }

  /**
   * Reads {@code task} once on the note's provider and, when it exists, records it as what the
   * note's create made and closes the note; the target is then that task, with the job's model and price.
   * {@code anyTime} (the user's {@code --ignore-creation-time}) claims a task created outside the create's time.
   */
  static TaskCommand.Target open(Session session, VidgenClient client, String task, HistoryEntry note, boolean anyTime,
      Output output) {
    String providerId = client.provider().id();
    if (!providerId.equals(note.provider())) {
      throw CliException.usage(note.taskId() + " was sent to provider " + note.provider() + ", not " + providerId,
          "leave out --provider, or give --provider " + note.provider());
    }
    TaskHistory history = HistoryRecord.history(session.context()).orElseThrow();
    String taskId = task.strip();
    String baseUrl = HistoryRecord.baseUrl(session);
    // A create sent to one server made its task there: a task of the same id on another server is another task.
    Optional<String> sentTo = RecordedServer.elsewhere(session, note, providerId);
    if (!RepeatCheck.onThisServer(session, note)) {
      String made = sentTo.orElse("the provider's own address");
      throw CliException.usage(note.taskId() + " was sent to " + made + " (the task history), but this command asks "
              + RecordedServer.asked(session) + ", so a task found here was not made by it; nothing was recorded",
          "claim it on the server its create went to: " + (sentTo.isPresent() ? "add --base-url " + made + ", with"
              + " that server's key in " + session.keyVariable() : "leave out --base-url and TOAPIS_BASE_URL"));
    }
    Standing before = Standing.of(history, note, taskId, baseUrl);
    JobHandle asSent = new JobHandle(providerId, TaskId.of(taskId), note.model(), quoteOf(note),
        note.submittedAt(), note.referenceSent() ? note.taskId().substring(HistoryEntry.UNANSWERED_PREFIX.length())
        : null);
    // A task claimed before is followed with its own entry's handle, which knows when the task was created.
    JobHandle handle = before.foundBefore()
        ? history.find(providerId, baseUrl, taskId).flatMap(HistoryEntry::jobHandle).orElse(asSent) : asSent;
    if (!before.foundBefore()) {
      // Read first: a task that does not exist ("not found" ends the command here) closes nothing.
      TaskSnapshot seen = client.status(asSent);
      refuseWhenAnswerDiffers(client, seen, taskId, note, anyTime, output);
      // Timed from the task's own creation when the answer gives it, not from the create's first take.
      handle = seen.reportedCreatedAt().map(created -> new JobHandle(asSent.providerId(), asSent.taskId(),
          asSent.model(), asSent.quote(), created, asSent.clientReference())).orElse(asSent);
      JobHandle told = handle;
      // Checked again and recorded under the history's lock: another claim on the same note (another
      // process) may have been recorded since the check above, and the takes may have no task left.
      Optional<Map.Entry<HistoryEntry, HistoryEntry>> recorded;
      try {
        recorded = history.changing(() -> {
          Standing now = Standing.of(history, claimable(session, history, note.taskId(), taskId), taskId, baseUrl);
          if (now.foundBefore()) {
            return Optional.empty(); // the same task, claimed meanwhile: only followed
          }
          Instant at = Instant.now();
          HistoryEntry made = now.halfDone() ? history.find(providerId, baseUrl, taskId).orElseThrow()
              : now.note().madeAs(told, seen.status().id(), at);
          // The video its own run saved at the create's --out, when that file is the task's as far as can be told.
          HistoryEntry withVideo = ClaimedVideo.of(history, now.note(), made, seen, at);
          if (!now.halfDone() || !withVideo.equals(made)) {
            history.record(withVideo);
          }
          // A first take of a create sent again blind keeps the task sent again, whose row stops counting it (DZ F2).
          HistoryEntry closedOrNot = ClaimedTakes.keepingResent(now.note(), now.note().toldAs(told, at));
          history.record(closedOrNot);
          return Optional.of(Map.entry(closedOrNot, withVideo));
        });
      } catch (UncheckedIOException unwritten) {
        throw ClaimedVideo.unrecorded(history, note, unwritten);
      }
      recorded.ifPresent(both -> output.note(claimed(both.getKey(), taskId)
          + ClaimedVideo.told(both.getValue()).map(video -> "; " + video).orElse("")));
    }
    session.remember(handle);
    // The advice saves the video where the create's own command was told to, as for a task found by reference.
    session.unansweredOut(note.out());
    return new TaskCommand.Target(client, handle, HistoryRecord.existing(session, handle, output));
  }

  /** What the user is told once {@code taskId} is recorded as made by {@code told}'s create. */
  private static String claimed(HistoryEntry told, String taskId) {
    String name = told.taskId();
    if (told.status().equals(HistoryEntry.FOUND)) {
      List<String> all = told.claimed();
      String made = all.size() == 1 ? "task " + taskId : "tasks " + String.join(", ", all);
      return name + " is closed: its create made " + made + " (as told with --made-by); "
          + Plural.word(all.size(), "the task has its own entry", "each task has its own entry")
          + " in the history, with the job's model and price";
    }
    return name + " made task " + taskId + " (as told with --made-by), which has its own entry in"
        + " the history, with the job's model and price; " + name + " stays open: "
        + told.possibleTasks() + " of its takes may each have made a task, and "
        + Plural.count(told.claimed().size(), "is", "are") + " claimed; save another found on the provider's dashboard"
        + " the same way, or close it with vidgen history --close " + name + " once you are sure there is none";
  }

  /**
   * Refuses the claim (nothing recorded) when the provider's own answer shows that the note's create
   * cannot have made the task: another model than any name the note's job goes by (its route's id and
   * aliases, as sent or not), or, unless {@code anyTime}, a creation time outside the create's: clearly
   * before its first take went out ({@link #CLOCK_SKEW} allowed for clocks that differ) or more than
   * {@link #LATE_WINDOW} after its last. An answer that says neither is taken on the user's word.
   */
  static void refuseWhenAnswerDiffers(VidgenClient client, TaskSnapshot seen, String taskId, HistoryEntry note,
      boolean anyTime, Output output) {
    String look = "look on the provider's dashboard for a task of " + note.model() + " created at about "
        + note.submittedAt().truncatedTo(ChronoUnit.SECONDS) + ", or leave out --made-by";
    Optional<String> model = seen.reportedModel();
    if (model.isPresent()) {
      Set<String> names = namesOf(client, note);
      if (names.stream().noneMatch(model.get()::equalsIgnoreCase)) {
        String sent = names.size() > 1 ? " (also known as " + String.join(", ", names.stream().skip(1).toList()) + ")"
            : "";
        throw CliException.usage("the provider says task " + taskId + " was made by model " + model.get() + ", but "
            + note.taskId() + " was a create of " + note.model() + sent + ", so it did not make this task; nothing"
            + " was recorded", look);
      }
    }
    CreateTime.of(note).check(seen.reportedCreatedAt(), taskId, anyTime, output);
  }

  /** Every name the model of {@code note}'s job goes by: its route's id and aliases, as sent or not. */
  private static Set<String> namesOf(VidgenClient client, HistoryEntry note) {
    Set<String> names = new LinkedHashSet<>();
    names.add(note.model());
    client.catalog().find(note.model()).ifPresent(route -> {
      names.add(route.nameFor(note.model()));
      names.addAll(route.names());
    });
    return names;
  }

  /**
   * For a bare id the history does not know: names the creates that got no answer and are still open, sent to the
   * provider and server this command asks, any of which may have made it, with the option that closes one. Given
   * once the command's own first read of the task answered (or failed): when that answer names the task's model, a
   * create of another model is left out, as it cannot have made this task. The hint sends no read of its own.
   */
  static LaterHint hint(Session session, VidgenClient client, String taskId, Output output) {
    String providerId = client.provider().id();
    List<HistoryEntry> open;
    try {
      open = HistoryRecord.history(session.context()).map(history -> history.entries().stream()
          .filter(entry -> entry.provider().equals(providerId) && entry.status().equals(HistoryEntry.UNKNOWN)
              && entry.taskId().startsWith(HistoryEntry.UNANSWERED_PREFIX) && RepeatCheck.onThisServer(session, entry))
          .toList()).orElse(List.of());
    } catch (RuntimeException unreadable) {
      return LaterHint.NONE; // said when the history was read just before
    }
    if (open.isEmpty()) {
      return LaterHint.NONE;
    }
    List<HistoryEntry> unanswered = open;
    return new LaterHint(answer -> say(client, taskId, providerId, unanswered,
        answer.flatMap(TaskSnapshot::reportedModel), output));
  }

  /** The hint itself, leaving out the creates of another model than the {@code model} the task's answer named. */
  private static void say(VidgenClient client, String taskId, String providerId, List<HistoryEntry> unanswered,
      Optional<String> model, Output output) {
    List<HistoryEntry> open = unanswered;
    if (model.isPresent()) {
      open = open.stream().filter(note -> namesOf(client, note).stream().anyMatch(model.get()::equalsIgnoreCase))
          .toList();
    }
    if (open.isEmpty()) {
      return;
    }
    String names = String.join(", ", open.stream().limit(3).map(HistoryEntry::taskId).toList())
        + (open.size() > 3 ? " and " + (open.size() - 3) + " more (vidgen history)" : "");
    output.note(taskId + " is not in the task history, which has " + Plural.count(open.size(), "create") + " on " + providerId
        + " that got no answer: " + names + "; if this task is what " + Plural.word(open.size(), "it", "one of them")
        + " made, add --made-by with its name so"
        + " that the history closes it and keeps the job's model and price");
  }

  private static PriceQuote quoteOf(HistoryEntry entry) {
    return entry.usd() == null
        ? PriceQuote.unknown(entry.model(), "the price was not known when it was submitted")
        : PriceQuote.ofUsd(entry.model(), entry.usd(), "as quoted when it was submitted");
  }
}
