package dev.vidgen.cli;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.TaskFailedException;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.TaskStatus;
import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.RunMarker;
import java.util.Optional;
import java.util.function.IntSupplier;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A command about one existing task ({@code status}, {@code wait}, {@code download}): takes a
 * bare task id or an encoded job handle ({@code vg1....}), whose provider is used unless one is
 * named, or a create that got no answer as the history names it ({@code unanswered-REFERENCE}),
 * looked up by its client reference. Task ids are opaque: text that starts like a handle but does
 * not decode as one, or like a history name but is a task's own id (or names nothing vidgen could
 * look up), is read as a bare task id. A bare id of a task this machine submitted is read with what
 * the task history knows of it (its provider, model, price and creation time), and the history's
 * entry is brought up to date.
 */
abstract class TaskCommand extends ClientCommand {
  private static final String HANDLE_PREFIX = "vg1.";
  private static final String UNANSWERED_PREFIX = HistoryEntry.UNANSWERED_PREFIX;

  @Parameters(index = "0", paramLabel = "TASK_ID",
      description = "The task id that generate printed, its encoded job handle (vg1....), or an unanswered create"
          + " as vidgen history names it (unanswered-vg-...), looked up by its client reference; a task id that only"
          + " starts like a handle or a name is read as the task id it is.")
  String task;

  @Option(names = "--made-by", paramLabel = "UNANSWERED",
      description = "The create that got no answer (as vidgen history names it, unanswered-...) that made this task,"
          + " such as one found on the provider's dashboard: once a status read shows the task, the history's unknown"
          + " note is closed as found and the task keeps the job's model and price.")
  String madeBy;

  @Option(names = CreateTime.OVERRIDE,
      description = "With --made-by: claim the task even though the provider says it was created outside the time"
          + " the create that got no answer went out (before it, or more than 10 minutes after its last take).")
  boolean ignoreCreationTime;

  /** The client for this task's provider, and the task's handle (remembered by the session). */
  final Target open(Session session, Output output) {
    refuseKeys(session);
    if (madeBy != null && UnansweredClaim.answeredAs(session, madeBy, task)) {
      // The note's create was answered with this very task: nothing to claim, the task is followed as it is.
      output.note(madeBy.strip() + "'s create was answered with task " + task.strip() + " itself; there is nothing to"
          + " claim, so --made-by is left out");
    } else if (madeBy != null) {
      HistoryEntry note = UnansweredClaim.note(session, madeBy, task);
      return UnansweredClaim.open(session, session.client(note.provider(), "the task history", true), task, note,
          ignoreCreationTime, output);
    }
    if (ignoreCreationTime && madeBy == null) {
      throw CliException.usage(CreateTime.OVERRIDE + " goes with --made-by, which names the create the task is"
          + " claimed for", "add --made-by UNANSWERED, or leave out " + CreateTime.OVERRIDE);
    }
    Earlier earlier = Earlier.read(session, task, output);
    VidgenClient client = earlier.client(session);
    if (earlier.unanswered().isPresent()) {
      return UnansweredLookup.open(session, client, earlier.text(), earlier.unanswered().get(),
          getClass().getAnnotation(picocli.CommandLine.Command.class).name(), output);
    }
    // Given after the command's own first read of the task, whose answer it uses: it reads nothing itself.
    LaterHint hint = earlier.known().isEmpty() && JobHandle.tryDecode(earlier.text()).isEmpty()
        ? UnansweredClaim.hint(session, client, earlier.text(), output) : LaterHint.NONE;
    // Made on another server than the one asked: said, never sent there with this key by itself.
    RecordedServer.check(session, earlier.known(), client.provider().id(), output);
    String resumeFrom = earlier.resumeFrom(client);
    if (earlier.unlistedName() != null) {
      // A history name the history does not hold: a task's own id, when the provider knows one by it.
      String name = earlier.unlistedName();
      if (isTask(client, name)) {
        output.note(name + " is not in the task history, and the provider has a task with that id; reading it as a"
            + " task id");
        resumeFrom = name;
      } else {
        output.note(name + " is not in the task history; looking it up by client reference " + earlier.text());
      }
    }
    JobHandle handle;
    try {
      handle = client.resume(resumeFrom);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage(), "give the task id or the handle exactly as vidgen printed it");
    }
    session.remember(handle);
    return new Target(client, handle, HistoryRecord.existing(session, handle, output), hint);
  }

  /**
   * Checks {@code out} as {@link OutTarget#requireWritable(Session, boolean, String)} does for this task, then
   * opens it. A task named by an unanswered create's name (or its client reference) is known only once the name is
   * resolved, so a file standing at {@code out} is judged after that, against the task: the one saved there by an
   * earlier run is this task's video, and the free file beside another is named after the task, not the name.
   */
  final Target openWritingTo(Session session, OutTarget out, boolean force, Output output) {
    refuseKeys(session);
    boolean named = namesACreate(session);
    out.requireWritable(session, force || named, task);
    Target target = open(session, output);
    if (named) {
      out.requireWritable(session, force, target.handle().taskId().value());
    }
    return target;
  }

  /** Refuses a task or {@code --made-by} that holds an API key, before the history or the provider is asked of it. */
  private void refuseKeys(Session session) {
    KeyInTaskArgument.refuse(session.context(), "TASK_ID", task);
    KeyInTaskArgument.refuse(session.context(), "--made-by", madeBy);
  }

  /** Whether the task is given by an unanswered create's name, or the bare client reference of one the history holds. */
  private boolean namesACreate(Session session) {
    String text = task.strip();
    if (madeBy != null || JobHandle.tryDecode(text).isPresent()) {
      return false;
    }
    if (text.startsWith(UNANSWERED_PREFIX)) {
      return true;
    }
    try {
      return HistoryRecord.history(session.context()).filter(history -> history.find(text).isEmpty())
          .flatMap(history -> AnsweredNote.nameOf(history, text)).isPresent();
    } catch (RuntimeException unreadable) {
      return false; // said when the task is opened
    }
  }

  /** Whether {@code client}'s provider has a task with the id {@code text} (one status read, which costs nothing). */
  private static boolean isTask(VidgenClient client, String text) {
    try {
      client.status(client.resume(text));
      return true;
    } catch (dev.vidgen.core.error.TaskNotFoundException | IllegalArgumentException none) {
      return false;
    }
  }

  /**
   * An earlier task as given on the command line: its text, the provider a handle or the task
   * history names, the history's entry for a bare id of a task this machine submitted, and, for a
   * history name the history does not hold ({@code unlistedName}, else null), the client reference
   * it ends with as the text.
   */
  record Earlier(String text, String providerHint, String hintSource, Optional<HistoryEntry> known,
      Optional<HistoryEntry> unanswered, String unlistedName) {
    Earlier(String text, String providerHint, String hintSource, Optional<HistoryEntry> known) {
      this(text, providerHint, hintSource, known, Optional.empty(), null);
    }

    /**
     * Reads {@code given} (a bare task id, an encoded job handle or a history name), looking a bare
     * id up in the history.
     */
    static Earlier read(Session session, String given, Output output) {
      String text = given.strip();
      Optional<JobHandle> handle = JobHandle.tryDecode(text);
      if (handle.isPresent()) {
        return new Earlier(text, handle.get().providerId(), "the job handle", Optional.empty());
      }
      if (JobHandle.damaged(text)) {
        throw CliException.usage("'" + dev.vidgen.core.text.SafeText.clean(dev.vidgen.core.text.SafeText.clip(text, 40))
            + "' starts as a job handle does but cannot be read as one: it was cut"
            + " short or changed", "give the handle exactly as vidgen printed it (vidgen history shows it), or the"
            + " task id alone");
      }
      if (text.startsWith(UNANSWERED_PREFIX) && text.length() > UNANSWERED_PREFIX.length()
          && !isTaskOfItsOwn(session, text, output)) {
        return unanswered(session, text, output);
      }
      Optional<HistoryEntry> known = text.isEmpty() ? Optional.empty() : HistoryRecord.known(session, null, text, output);
      known.ifPresent(entry -> HistoryRecord.sayWhenReadFromNote(session, entry, output));
      if (known.isEmpty() && text.startsWith(HANDLE_PREFIX)) {
        // Task ids are opaque: this one only starts like a handle.
        output.note("'" + dev.vidgen.core.text.SafeText.clean(text) + "' is not a readable job handle; reading it as"
            + " a task id (a handle must be given exactly as vidgen printed it)");
      }
      Optional<String> note = known.isPresent() || text.isEmpty() ? Optional.empty() : unansweredNoteOf(session, text);
      if (note.isPresent()) {
        // The client reference an unanswered create's notice named: it stands for its history name.
        return unanswered(session, note.get(), output);
      }
      return new Earlier(text, known.map(HistoryEntry::provider).orElse(null), "the task history", known);
    }

    /**
     * Whether {@code text}, shaped like a history name, is the id of a task of its own: the history
     * holds the task under it, or holds nothing under it and the name could not be looked up anyway
     * (an {@code unanswered-noref-…} name stands for a create that carried no client reference).
     */
    private static boolean isTaskOfItsOwn(Session session, String text, Output output) {
      Optional<HistoryEntry> entry;
      try {
        entry = HistoryRecord.history(session.context()).flatMap(history -> history.note(text));
      } catch (RuntimeException unreadable) {
        return false; // said when the name is looked up
      }
      if (entry.isEmpty() && !HistoryEntry.carriesReference(text)) {
        output.note(text + " is not in the task history, and as a name it would stand for a create that carried no"
            + " client reference, which nothing could look up; reading it as a task id");
        return true;
      }
      return entry.flatMap(HistoryEntry::jobHandle).filter(made -> made.taskId().value().equals(text)).isPresent();
    }

    private static Optional<String> unansweredNoteOf(Session session, String text) {
      try {
        return HistoryRecord.history(session.context()).flatMap(history -> AnsweredNote.nameOf(history, text));
      } catch (RuntimeException unreadable) {
        return Optional.empty(); // said when the history was read just before
      }
    }

    /**
     * A create that got no answer, as the history names it: the task is looked up by the client
     * reference the create carried, on the provider the history recorded it for.
     */
    private static Earlier unanswered(Session session, String text, Output output) {
      String reference = text.substring(UNANSWERED_PREFIX.length());
      Optional<HistoryEntry> entry;
      try {
        entry = HistoryRecord.settledHistory(session.context()).flatMap(history -> history.note(text));
      } catch (RuntimeException e) {
        output.note("could not read the task history (" + e.getMessage() + ")");
        entry = Optional.empty();
      }
      boolean answered = entry.filter(note -> note.status().equals(HistoryEntry.ANSWERED)).isPresent();
      if (answered && entry.get().jobHandle().isEmpty()) {
        String why = entry.get().error() != null && entry.get().error().contains(RunMarker.NOTHING_SENT)
            ? "the run that wrote it " + RunMarker.NOTHING_SENT : "its create was answered and made no task";
        throw CliException.usage(text + " has nothing to look up: " + why,
            "nothing was made by it; vidgen history lists the tasks this machine made");
      }
      Optional<JobHandle> found = entry
          .filter(earlier -> earlier.status().equals(HistoryEntry.FOUND) || earlier.status().equals(HistoryEntry.ANSWERED))
          .flatMap(HistoryEntry::jobHandle);
      if (found.isPresent()) {
        // Found before: the name stands for the task its create made, on the provider it was sent to.
        String sentTo = found.get().providerId();
        session.providerFlag().filter(named -> !named.equalsIgnoreCase(sentTo)).ifPresent(named -> {
          throw CliException.usage(text + " was sent to provider " + sentTo + ", not " + named,
              "leave out --provider, or give --provider " + sentTo);
        });
        String taskId = found.get().taskId().value();
        // Its task is on the server its create went to: another server's task of the same id is another task.
        RecordedServer.elsewhere(session, entry.get(), sentTo).ifPresent(made -> {
          throw CliException.usage(text + " was sent to " + made + " (the task history), but this command asks "
                  + RecordedServer.asked(session) + ": the task " + taskId + " it made is on that server, and a task"
                  + " of the same id here is another",
              "add --base-url " + made + ", with that server's key in " + session.keyVariable());
        });
        session.unansweredOut(entry.get().out());
        // Said of the create the history recorded under that name: the name is the history's, not a task's.
        output.note("the create the history recorded as " + text + (answered ? " was answered: it made task "
            : " made a task that has since been found: task ") + taskId);
        Optional<HistoryEntry> known = HistoryRecord.known(session, found.get().providerId(), taskId, output);
        return new Earlier(known.isPresent() ? taskId : found.get().encode(), found.get().providerId(),
            "the task history", known);
      }
      return new Earlier(reference, entry.map(HistoryEntry::provider).orElse(null), "the task history",
          Optional.empty(), entry, entry.isEmpty() ? text : null);
    }

    /** The session's client, on the provider the handle or the history names unless one was chosen. */
    VidgenClient client(Session session) {
      return session.client(providerHint, hintSource, true);
    }

    /**
     * What {@code client} resumes the task from: the history's handle when the history knows the
     * task on the client's provider (a named provider other than the history's reads the id as a
     * bare one of its own), else the text as given.
     */
    String resumeFrom(VidgenClient client) {
      String providerId = client.provider().id();
      return known.filter(entry -> entry.provider().equals(providerId)).map(HistoryEntry::handle).orElse(text);
    }
  }

  /**
   * One status read of the target's task.
   *
   * @throws TaskFailedException when the task failed
   */
  /**
   * {@link #readStatus(Target)} that, interrupted (Ctrl-C, a SIGTERM), says so with what was {@code
   * left} undone and the command to run {@code again}.
   */
  static TaskSnapshot readStatus(Target target, String left, String again, Output output) {
    try (ShutdownNotice interrupted = InterruptNotice.armRead(target.handle(), left, again, output)) {
      return readStatus(target);
    }
  }

  static TaskSnapshot readStatus(Target target) {
    TaskSnapshot snapshot;
    try {
      snapshot = target.client().status(target.handle());
    } catch (RuntimeException failed) {
      target.hint().give(Optional.empty());
      throw failed;
    }
    target.hint().give(Optional.of(snapshot));
    if (snapshot.status() == TaskStatus.FAILED) {
      throw new TaskFailedException(target.handle(), snapshot);
    }
    return snapshot;
  }

  /**
   * The client, the task it is about, when this machine submitted the task, its record in the task
   * history, and the note that waits for the first read's answer.
   */
  record Target(VidgenClient client, JobHandle handle, Optional<HistoryRecord> history, LaterHint hint) {
    Target(VidgenClient client, JobHandle handle, Optional<HistoryRecord> history) {
      this(client, handle, history, LaterHint.NONE);
    }

    /** Runs {@code work} (a wait, a download) and records how the task ended, when the history has it. */
    int recorded(IntSupplier work) {
      return history.map(record -> record.finish(work)).orElseGet(work::getAsInt);
    }
  }
}
