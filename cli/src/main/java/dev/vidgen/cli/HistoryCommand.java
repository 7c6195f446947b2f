package dev.vidgen.cli;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.files.DanglingLinks;
import dev.vidgen.core.text.Plural;
import dev.vidgen.core.text.SafeText;
import dev.vidgen.serve.history.BaseUrls;
import dev.vidgen.serve.history.CountedOn;
import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.ReplacedVideos;
import dev.vidgen.serve.history.RunMarker;
import dev.vidgen.serve.history.SavesElsewhere;
import dev.vidgen.serve.history.TaskHistory;
import dev.vidgen.serve.history.UnusableResults;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vidgen history}: the tasks this machine submitted, newest first. */
@Command(name = "history", sortOptions = false,
    description = "List the tasks this machine submitted (generate, extend, remix, the playground, batch), newest"
        + " first: id, model, status, price, file, when."
        + " Kept in VIDGEN_HOME, else $XDG_DATA_HOME/vidgen, else ~/.local/share/vidgen.")
final class HistoryCommand extends ClientCommand {
  @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
      description = "Show at most N tasks (default: ${DEFAULT-VALUE}; 0 for all).")
  int limit;

  @Option(names = "--close", paramLabel = "UNANSWERED",
      description = "Close the unknown entry of a create that got no answer (unanswered-...) once the tasks claimed for"
          + " it with --made-by are all it made: its other takes made none, as the provider's dashboard shows.")
  String close;

  @Option(names = "--no-task",
      description = "With --close: the create made no task (the provider's dashboard shows none), so its entry is"
          + " closed with none claimed and the same job is no longer asked about; if it did make one, that task's"
          + " charge is not tracked.")
  boolean noTask;

  @Option(names = UnansweredClose.OTHER_KEY_CHECKED,
      description = "With --close and --no-task: close the entry of a create sent with another API key than this"
          + " command's (its key tag differs), on your word that that key's account shows no such task; this key"
          + " cannot see that account's tasks.")
  boolean otherKeyChecked;

  /** Words the command does not take, read only to say what was meant (picocli's own error names an index). */
  @Parameters(hidden = true, arity = "0..*")
  List<String> stray = new ArrayList<>();

  /** The common options that only bear on sending jobs, which history never does. */
  private static final List<String> SENDING_OPTIONS = List.of("--allow-retired", "--allow-unknown-prices",
      "--no-model-check", "--no-blind-resend");

  /**
   * Leaves the common options that only bear on sending jobs out of {@code history --help}; they are
   * still accepted (common options go before or after any command) and change nothing here.
   */
  static void hideSendingOptions(CommandSpec history) {
    for (String name : SENDING_OPTIONS) {
      OptionSpec option = history.findOption(name);
      if (option != null && !option.hidden()) {
        history.remove(option);
        history.addOption(option.toBuilder().hidden(true).build());
      }
    }
  }

  /**
   * A note named with a base URL other than the server its create went to is not closed: closing reads no server,
   * but the command names another one, as a claim with --made-by there would (refused too).
   */
  private void refuseAnotherServersNote(Session session, TaskHistory history, String name) {
    if (!session.setupOptions().contains("--base-url")) {
      return;
    }
    // The server asked is --base-url's, else TOAPIS_BASE_URL's: the advice leaves out whichever named it.
    boolean byVariable = ProviderChoice.flag(root.baseUrl) == null;
    Optional<String> variable = session.context().variable(ProviderChoice.BASE_URL_VARIABLE).map(String::strip)
        .filter(value -> !value.isEmpty());
    Optional<HistoryEntry> note;
    try {
      note = history.find(name);
    } catch (RuntimeException unreadable) {
      return; // said by the close, which reads it again
    }
    if (note.isEmpty()) {
      return;
    }
    HistoryEntry entry = note.get();
    Optional<String> made = RecordedServer.elsewhere(session, entry, entry.provider());
    if (made.isEmpty()) {
      return;
    }
    boolean variableElsewhere = variable.filter(url -> !BaseUrls.sameServer(
        entry.provider(), entry.baseUrl(), url)).isPresent();
    String without = byVariable ? "with " + ProviderChoice.BASE_URL_VARIABLE + " unset"
        : variableElsewhere ? "without --base-url and with " + ProviderChoice.BASE_URL_VARIABLE + " unset"
        : "without --base-url";
    throw CliException.usage(name + " was sent to " + made.get() + " (the task history), but this command asks "
        + RecordedServer.asked(session) + (byVariable ? " (set by " + ProviderChoice.BASE_URL_VARIABLE + ")" : "")
        + "; nothing was closed", "close it with --base-url " + made.get() + ", or " + without
        + " (closing reads no server)");
  }

  @Override
  int run(Session session, Output output) {
    if (!stray.isEmpty()) {
      String word = stray.get(0);
      if (noTask && close == null) {
        throw CliException.usage("--no-task goes with --close", "give the create it is about after --close:"
            + " vidgen history --close " + word + " --no-task");
      }
      if (close != null) {
        throw CliException.usage("--close takes one name, and '" + word + "' is one more",
            "close one create at a time: vidgen history --close " + close + (noTask ? " --no-task" : ""));
      }
      throw CliException.usage("vidgen history takes no argument, but was given '" + word + "'",
          "to close a create that got no answer: vidgen history --close " + word + " (add --no-task when it made no"
              + " task); to list the tasks: vidgen history [--limit N]");
    }
    if (limit < 0) {
      throw CliException.usage("--limit " + limit + " is negative", "give how many tasks to show, such as --limit 50, or 0 for all");
    }
    if (noTask && close == null) {
      throw CliException.usage("--no-task goes with --close", "give the create it is about: vidgen history --close"
          + " unanswered-... --no-task");
    }
    if (otherKeyChecked && !noTask) {
      throw CliException.usage(UnansweredClose.OTHER_KEY_CHECKED + " goes with --close and --no-task", "give the"
          + " create it is about: vidgen history --close unanswered-... --no-task " + UnansweredClose.OTHER_KEY_CHECKED);
    }
    // A route file named here changes nothing shown, but one that cannot be used is told, not passed over.
    session.warnOfUnusableRouteFiles("the history shows each task's price as kept when it was sent, so nothing here"
        + " changes");
    TaskHistory history = HistoryRecord.settledHistory(session.context()).orElseThrow(() -> new CliException(
        ExitCodes.OTHER, "history", "no history folder: " + TaskHistory.whyNoDataFolder(session.context().env()),
        "set VIDGEN_HOME to a folder for vidgen's history"));
    if (close != null) {
      refuseAnotherServersNote(session, history, close.strip());
      // Whose word --no-task is: the key the environment holds for the note's provider, compared with the note's.
      UnansweredClose.Closer closer = new UnansweredClose.Closer(
          provider -> AnotherKeys.tagInEnvironment(session.context(), provider), otherKeyChecked);
      return UnansweredClose.close(history, close.strip(), noTask, closer, output);
    }

    List<HistoryEntry> entries;
    // The tasks whose own lines cannot be read, listed from the readable note of the create that made each.
    Map<HistoryEntry, String> readFromNote = new HashMap<>();
    try {
      history.tasksReadFromNotes().forEach((note, task) -> readFromNote.put(task, note));
      entries = new ArrayList<>(history.entries());
      entries.addAll(readFromNote.keySet());
      entries.sort(Comparator.comparing(HistoryEntry::submittedAt).reversed());
    } catch (java.io.UncheckedIOException unreadable) {
      throw new CliException(ExitCodes.OTHER, "history", unreadable.getMessage(), unreadableNext(history));
    }
    int total = entries.size();
    // The earlier takes claimed since, counted once for the whole history: each row then looks its task up.
    Map<String, Integer> claimed = ClaimedTakes.claimedByTask(entries);
    if (limit > 0 && entries.size() > limit) {
      entries = entries.subList(0, limit);
    }
    List<Map<String, Object>> tasks = new ArrayList<>();
    // The notes of runs still in their uploads or checks (their markers held): no create has left for them yet.
    java.util.Set<String> running = new java.util.HashSet<>();
    entries.stream().filter(entry -> RunMarker.isRunning(history, entry)).forEach(entry -> running.add(entry.taskId()));
    entries.forEach(entry -> {
      Map<String, Object> task = entry.toJson();
      task.put("running", running.contains(entry.taskId()));
      if (readFromNote.containsKey(entry)) {
        // What the note knows (model, price, --out, server); where the task stands now, no line can say.
        task.put("status", READ_FROM_NOTE);
        task.put("read_from_note", readFromNote.get(entry));
      }
      if (chargeUnknown(entry)) {
        task.put("charge", Views.FAILED_CHARGE); // credits and usd are the quote, not what was spent
      }
      task.putAll(entry.worstCase());
      // Earlier takes of the task's create that may each be a paid task of their own, kept in its handle.
      int extraTakes = openExtraTakes(entry, claimed);
      if (extraTakes > 0) {
        task.put("possible_extra_tasks", extraTakes);
        task.put("possible_extra_credits", entry.credits() == null ? null
            : entry.credits().multiply(BigDecimal.valueOf(extraTakes)));
      }
      // A found create's price is its task's, and the first take of a create sent again is in its task's
      // possible_extra_credits: null here, with counted_on (as the playground's JSON has it), so a sum counts it once.
      CountedOn.mark(task, entry);
      if (task.get("credits") == null && HistoryTotals.pricedOnItsOwn(task)) {
        task.put("price", HistoryTotals.UNKNOWN_PRICE); // no total counts it: what it cost is not known
      }
      for (String dollars : List.of("usd", "usd_at_most")) {
        if (task.get(dollars) instanceof BigDecimal amount) {
          task.put(dollars, Views.usdJson(amount)); // as every --json writes dollars, whatever the history line holds
        }
      }
      ExpiredResults.of(entry).ifPresent(at -> {
        task.put("result", "expired"); // completed and charged as such, but its video can no longer be saved
        task.put("result_expired_at", at.toString());
      });
      UnusableResults.of(entry).ifPresent(why -> {
        task.put("result", "unusable"); // completed and charged as such, with a link vidgen does not fetch
        task.put("result_problem", why);
      });
      StdoutResults.of(entry).ifPresent(at -> {
        task.put("result", "stdout"); // written whole to standard output: no file, and nothing went wrong
        task.put("result_written_at", at.toString());
        task.put("error", null);
      });
      Optional<SavedFileState> state = fileState(session, entry);
      if (entry.file() != null) {
        // deleted or moved since (as status tells it)
        task.put("file_missing", state.orElse(null) == SavedFileState.MISSING);
        // saved (still its video), changed (written since, so no longer known to be) or missing, as wait checks it
        task.put("file_state", state.map(SavedFileState::json).orElse(null));
      }
      boolean toSave = unsaved(entry) || ClaimedVideo.MAY_BE.in(entry).isPresent() || notSavedNow(state);
      task.put("next", toSave ? saveCommand(entry, session, SavesElsewhere.of(entry).isPresent()) : null);
      tasks.add(task);
    });
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("history_file", history.file().toString());
    // How many there are in all, so that a script sees when --limit (20 by default) left some out.
    json.put("total", total);
    int unreadable = history.unreadableLines();
    // Lines another vidgen wrote (or a hand changed) are not shown, and not checked for the same job: said, not hidden.
    json.put("unreadable_lines", unreadable);
    HistoryTotals totals = HistoryTotals.of(tasks);
    json.putAll(totals.json());
    json.put("tasks", tasks);
    output.object(json);
    if (unreadable > 0) {
      // Said in the number of the lines, and "listed (status unreadable)" only when a row is.
      String holds = Plural.word(unreadable, "a task it holds", "a task they hold");
      output.note(dev.vidgen.core.text.Plural.count(unreadable, "line") + " of " + history.file() + " could not be"
          + " read (written by another version of vidgen, or changed by hand) and "
          + Plural.word(unreadable, "is", "are") + " not shown; " + (readFromNote.isEmpty()
              ? holds + " is listed, and noticed as the same job, only from a later line or note of it that is still"
                  + " readable"
              : holds + " is listed (status " + READ_FROM_NOTE + ") from the note of the create that made it, and"
                  + " noticed as the same job only when a later note of it, still readable, names it"));
    }
    entries.stream().map(HistoryCommand::unnameableFile).flatMap(java.util.Optional::stream).findFirst()
        .ifPresent(file -> output.note("a task's file is listed as the history keeps it, but "
            + LocalePaths.cannotName(file) + " (nor others like it) to look at it; " + LocalePaths.NEXT
            + " to reach it"));
    if (entries.isEmpty()) {
      Optional<DanglingLinks.DanglingLink> link = DanglingLinks.on(history.file().getParent());
      // A link to a folder that does not exist lets no folder be made through it: named with where it leads.
      Optional<String> unwritable = link.map(DanglingLinks.DanglingLink::words).or(() -> unwritable(history));
      String fix = link.map(found -> "create " + found.missing() + ", or set VIDGEN_HOME to a folder this user may"
          + " write").orElse("fix its permissions, or set VIDGEN_HOME to a folder this user may write");
      output.line((unreadable > 0 ? "No task line can be read" : "No tasks yet") + unwritable.map(why -> ", and "
          + history.file() + " cannot be written: " + why + ", so " + RECORDING_COMMANDS + " cannot record"
          + " theirs there; " + fix).orElse("; " + RECORDING_COMMANDS + " record theirs in " + history.file()));
      return ExitCodes.DONE;
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("TASK", "MODEL", "STATUS", "PRICE", "FILE", "WHEN"));
    Instant now = Instant.now();
    for (HistoryEntry entry : entries) {
      // A create found later is paid once, on its task's own row: its price is not shown twice.
      String price = entry.status().equals(HistoryEntry.FOUND) ? "- (on its task's row)"
          : entry.status().equals(HistoryEntry.CLOSED) ? "- (no task found, as told)"
          : ResentTakes.countedOn(entry).isPresent()
              ? "- (counted on task " + cell(ResentTakes.countedOn(entry).get()) + "'s row)"
          : UnansweredClose.isSeveral(entry) ? UnansweredClose.worstCasePrice(entry)
          : chargeUnknown(entry) ? Views.failedPrice(entry.credits(), entry.usd())
          : price(entry.credits(), entry.usd());
      int extra = openExtraTakes(entry, claimed);
      if (extra > 0) {
        price += extra == 1 ? " (+1 earlier take may be a paid task)" : " (+" + extra + " earlier takes may be paid tasks)";
      }
      String file = entry.file() != null ? entry.file() + fileState(session, entry).map(state -> switch (state) {
        case SAVED -> "";
        case MISSING -> " (missing)";
        case CHANGED -> " (changed since saved)";
      }).orElse("")
          : ExpiredResults.of(entry).map(at -> "- (result expired " + at + ")")
              .or(() -> UnusableResults.of(entry).map(why -> "- (result link unusable)"))
              .or(() -> StdoutResults.of(entry).map(at -> "- (written to standard output)"))
              .or(() -> ClaimedVideo.MAY_BE.in(entry).map(path -> "- (not recorded; a file at " + path + " may be it)"))
              .or(() -> ReplacedVideos.of(entry).map(replaced -> "- (saved, since replaced)"))
              .orElse(unsaved(entry) ? "- (not saved)" : "-");
      String status = (running.contains(entry.taskId()) ? "running"
          : readFromNote.containsKey(entry) ? READ_FROM_NOTE : entry.status()) + (entry.batch() == null ? "" : " (batch)");
      rows.add(List.of(cell(entry.taskId()), entry.model(), status, price, file, ago(entry.submittedAt(), now)));
    }
    output.table(rows);
    output.line(totals.line());
    if (total > entries.size()) {
      output.line("The " + entries.size() + " newest of " + total + " tasks; --limit 0 lists them all.");
    }
    if (entries.stream().anyMatch(entry -> ExpiredResults.of(entry).isPresent())) {
      output.line("A result expired before its video was saved can no longer be saved: generate the job again.");
    }
    if (entries.stream().anyMatch(entry -> UnusableResults.of(entry).isPresent())) {
      output.line("A result link unusable is a completed task whose video link vidgen does not fetch (not http(s)): "
          + UnusableResults.NEXT + ".");
    }
    for (HistoryEntry entry : entries) {
      Optional<String> mayBe = ClaimedVideo.MAY_BE.in(entry);
      if (mayBe.isPresent()) {
        output.line("Task " + entry.taskId() + " is done, and " + mayBe.get() + " may be its video (written after"
            + " its create went out, but another task of the history names that file too); if it is not, save it"
            + " with: " + saveCommand(entry, session));
      } else if (unsaved(entry) && SavesElsewhere.of(entry).isPresent()) {
        // The same --out fails the same way (a video larger than its file system, a file-size limit): not offered alone.
        output.line("Task " + entry.taskId() + " is done, but " + SavesElsewhere.advice(SavesElsewhere.of(entry).get(),
            saveCommand(entry, session), saveCommand(entry, session, true)));
      } else if (unsaved(entry) && ReplacedVideos.of(entry).isPresent()) {
        ReplacedVideos.Replaced replaced = ReplacedVideos.of(entry).get();
        output.line("Task " + entry.taskId() + " is done; its video was saved to " + replaced.file() + ", which now"
            + " holds the video of task " + replaced.byTask() + " (saved over it); save it again with: "
            + saveCommand(entry, session));
      } else if (unsaved(entry)) {
        output.line("Task " + entry.taskId() + " is done but its video was not saved; save it with: "
            + saveCommand(entry, session));
      } else if (fileState(session, entry).orElse(null) == SavedFileState.MISSING) {
        output.line("Task " + entry.taskId() + " is done but its saved file " + entry.file() + " is gone (deleted or"
            + " moved); save it again with: " + saveCommand(entry, session));
      } else if (fileState(session, entry).orElse(null) == SavedFileState.CHANGED) {
        output.line("Task " + entry.taskId() + " is done but its saved file " + entry.file() + " was written since it"
            + " was saved, so it is no longer known to hold its video; save it again with: "
            + saveCommand(entry, session));
      }
    }
    entries.stream().filter(entry -> entry.batch() != null).findFirst().ifPresent(entry -> output.line("A (batch) row"
        + " is a task of vidgen batch (such as " + SafeText.clip(SafeText.clean(entry.batch().words()), 300) + "): its"
        + " journal follows it and saves its video, and running the same batch command again goes on with it."));
    if (entries.stream().anyMatch(entry -> entry.status().equals("failed") && entry.credits() != null)) {
      output.line("A failed task shows its quote: " + Views.FAILED_CHARGE_WORDS + ".");
    }
    if (entries.stream().anyMatch(entry -> entry.status().equals(HistoryEntry.CLOSED))) {
      output.line("A closed row is a create that got no answer, closed with --no-task: on your word it made no task;"
          + " if it did make one, that task's charge is not tracked.");
    }
    if (entries.stream().anyMatch(ForgottenTasks::isGone)) {
      output.line(ForgottenTasks.NOT_FOUND_LINE);
    }
    if (entries.stream().anyMatch(entry -> ResentTakes.countedOn(entry).isPresent())) {
      output.line("An unknown row counted on a task's row is its create's first take, answered with a server error"
          + " before the take sent again made that task: it may be a paid task of its own (the provider's dashboard"
          + " shows it), and is counted once, as the \"+1 earlier take\" of its task's row.");
    }
    // A set, so that many rows read from notes are each looked up among the rows shown, not searched for.
    Set<HistoryEntry> shown = readFromNote.isEmpty() ? Set.of() : new HashSet<>(entries);
    readFromNote.entrySet().stream().filter(task -> shown.contains(task.getKey())).findFirst().ifPresent(task ->
        output.line("An " + READ_FROM_NOTE + " row is a task whose own line in the history cannot be read, listed from"
            + " the readable note of the create that made it (such as " + cell(task.getValue()) + "): its model, price,"
            + " --out and server are the note's; vidgen status " + cell(task.getKey().taskId()) + " reads where it"
            + " stands now."));
    if (!running.isEmpty()) {
      output.line("A running row is a job whose run is still in its uploads or checks: no create has been sent for it"
          + " yet, and the same job is held back until that run ends.");
    }
    if (entries.stream().anyMatch(entry -> entry.status().equals(HistoryEntry.UNKNOWN) && entry.credits() != null
        && !running.contains(entry.taskId()))) {
      output.line("An unknown row is a create whose answer did not say whether a task was made (none came, or a server"
          + " error or a gateway's page did): it may have made a paid task, so its charge is unknown until the task is"
          + " found (vidgen wait TASK_ID --made-by ROW), or the row closed with vidgen history --close ROW --no-task"
          + " once the provider's dashboard shows it made none.");
    }
    if (entries.stream().anyMatch(entry -> entry.isReservation() && !running.contains(entry.taskId()))) {
      output.line("An unknown row whose note says only that its submit began has no later line: its run stopped, or"
          + " could not write the history after that note (a full disk, say), before its create's answer was"
          + " recorded; a task it made was printed by that run, and vidgen status TASK_ID --made-by ROW records it.");
    }
    return ExitCodes.DONE;
  }

  /**
   * What to do about a history that cannot be read: a data folder that is a file, or a folder where the history's file
   * would be, is named as such; else the file is to be made readable.
   */
  private static String unreadableNext(TaskHistory history) {
    Path file = history.file();
    Path folder = nearestExisting(file.getParent());
    if (folder != null && Files.isRegularFile(folder)) {
      return folder + " is a file, not a folder, so the data folder " + file.getParent() + " cannot be there: move"
          + " the file aside, or set VIDGEN_HOME to a folder";
    }
    if (Files.isDirectory(file)) {
      return file + " is a folder, not the history's file: move it aside (the history starts again, and the same jobs"
          + " no longer ask before they pay), or set VIDGEN_HOME to another folder";
    }
    return "make the file readable (or move it aside: the history starts again, and the same jobs no longer ask before"
        + " they pay), or set VIDGEN_HOME to another folder";
  }

  /** {@code path} or its nearest ancestor that exists; null when none does. */
  private static Path nearestExisting(Path path) {
    Path at = path;
    while (at != null && !Files.exists(at)) {
      at = at.getParent();
    }
    return at;
  }

  /**
   * Why the data folder of {@code history} cannot take a line, when it plainly cannot (its nearest existing folder is
   * not writable, or is a file); empty when it looks writable.
   */
  private static Optional<String> unwritable(TaskHistory history) {
    Path folder = history.file().getParent();
    Path existing = nearestExisting(folder);
    if (existing == null) {
      return Optional.empty();
    }
    if (!Files.isDirectory(existing)) {
      return Optional.of(existing + " is a file, not a folder");
    }
    Path target = Files.exists(history.file()) ? history.file() : existing;
    return Files.isWritable(target) ? Optional.empty()
        : Optional.of(target + " cannot be written by this user (its permissions, or a read-only file system)");
  }

  /**
   * How many earlier takes of {@code entry}'s create may each be a paid task of their own: those its handle keeps, less
   * those claimed since with --made-by, which have their own priced rows ({@code claimed}: by the task they are
   * earlier takes of).
   */
  private static int openExtraTakes(HistoryEntry entry, Map<String, Integer> claimed) {
    int kept = entry.jobHandle().map(JobHandle::possibleExtraTasks).orElse(0);
    return kept == 0 ? 0 : Math.max(0, kept - claimed.getOrDefault(entry.taskId(), 0));
  }

  /**
   * Whether {@code entry} is a completed task whose video was not saved and may still be: not noted as
   * expired or as having an unusable link.
   */
  private static boolean unsaved(HistoryEntry entry) {
    return entry.status().equals("completed") && entry.file() == null && ExpiredResults.of(entry).isEmpty()
        && UnusableResults.of(entry).isEmpty() && StdoutResults.of(entry).isEmpty()
        && ClaimedVideo.MAY_BE.in(entry).isEmpty();
  }

  /**
   * Where {@code entry}'s saved file stands ({@link SavedFileState}: still its video, written since, or gone); a name
   * this locale cannot check (a C locale, other letters) is taken as saved; empty without a file.
   */
  private static Optional<SavedFileState> fileState(Session session, HistoryEntry entry) {
    try {
      return SavedFileState.of(session.context(), entry);
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  /** Whether a saved file's {@code state} says the video is no longer there (changed or missing). */
  private static boolean notSavedNow(Optional<SavedFileState> state) {
    return state.filter(found -> found != SavedFileState.SAVED).isPresent();
  }

  /**
   * The {@code vidgen download} command that saves {@code entry}'s video, with the provider and the server the
   * task was made on: the base URL the history keeps with it, else (the provider's own address, or a line written
   * before it was kept) this command's own. Pasted later, in another shell, it still reaches that server.
   */
  private static String saveCommand(HistoryEntry entry, Session session) {
    return saveCommand(entry, session, false);
  }

  /** {@link #saveCommand(HistoryEntry, Session)}, its {@code --out} in another folder when {@code elsewhere}. */
  private static String saveCommand(HistoryEntry entry, Session session, boolean elsewhere) {
    // The --out the task was submitted with (the playground's videos folder for its tasks), when the history kept
    // it; for a playground task an older vidgen recorded without it, the playground's videos folder as the history
    // shows it, as vidgen serve advises; else the working folder (the task names the file).
    String kept = entry.out() == null ? playgroundFolder(entry, session).orElseGet(session::workingFolderOut)
        : AdvisedOut.of(session.context(), entry.baseUrl(), entry.out(), entry.taskId());
    String out = elsewhere ? SavesElsewhere.otherOut(kept) : kept;
    List<String> more = new ArrayList<>(List.of("--provider", entry.provider(), "--out", out));
    List<String> setup = session.setupOptions();
    if (entry.baseUrl() != null) {
      int given = setup.indexOf("--base-url");
      if (given >= 0) {
        setup.subList(given, Math.min(given + 2, setup.size())).clear();
      }
      more.addAll(List.of("--base-url", entry.baseUrl()));
    }
    more.addAll(setup);
    // No session: --provider is always given here, not only when this command was given it.
    return Failures.taskCommand("download", entry.taskId(), entry.provider(), null, more.toArray(String[]::new));
  }

  /** The playground's videos folder for {@code entry}, a playground task recorded without --out ({@link PlaygroundVideos}). */
  private static Optional<String> playgroundFolder(HistoryEntry entry, Session session) {
    if (!"serve".equals(entry.source())) {
      return Optional.empty();
    }
    try {
      return HistoryRecord.history(session.context())
          .flatMap(history -> PlaygroundVideos.folderOf(entry, history.entries()));
    } catch (RuntimeException unreadable) {
      return Optional.empty(); // the working folder, as before
    }
  }

  /** {@code entry}'s file (or the --out it was made for) when this locale cannot name it (a C locale, other letters). */
  private static java.util.Optional<String> unnameableFile(HistoryEntry entry) {
    return java.util.stream.Stream.of(entry.file(), entry.out()).filter(name -> !LocalePaths.canName(name)).findFirst();
  }

  /** Whether what {@code entry} cost is not known: a failed task, or a create that got no answer (it may have made none). */
  private static boolean chargeUnknown(HistoryEntry entry) {
    return entry.status().equals("failed") || entry.status().equals(HistoryEntry.UNKNOWN);
  }

  /** The status of a task listed from its create's note: its own line cannot be read, so where it stands is not known. */
  static final String READ_FROM_NOTE = "unreadable";

  /** The commands that record the tasks they make in the history, as an empty history names them. */
  static final String RECORDING_COMMANDS = "vidgen generate, extend, remix, batch and serve (the playground)";

  /** A task id as the table shows it: cut after {@link #ID_WIDTH} characters (a server may send one of thousands; --json has it whole). */
  static String cell(String taskId) {
    return taskId.length() <= ID_WIDTH ? taskId : taskId.substring(0, ID_WIDTH - 1) + "…";
  }

  private static final int ID_WIDTH = 80;

  private static String price(BigDecimal credits, BigDecimal usd) {
    return credits == null ? "unknown" : Views.credits(credits) + " (" + Views.usd(usd) + ")";
  }

  /** The date and time older rows show: to the minute, as the newer ones' "5 min ago" is. */
  private static final java.time.format.DateTimeFormatter TO_THE_MINUTE =
      java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC);

  /** "just now", "5 min ago", "3 h ago", else the date and time in UTC to the minute ("2026-11-29 22:12 UTC"). */
  static String ago(Instant then, Instant now) {
    Duration age = Duration.between(then, now);
    if (age.isNegative() || age.toSeconds() < 60) {
      return "just now";
    }
    if (age.toMinutes() < 60) {
      return age.toMinutes() + " min ago";
    }
    if (age.toHours() < 48) {
      return age.toHours() + " h ago";
    }
    return TO_THE_MINUTE.format(then);
  }
}
