package dev.vidgen.cli;

import dev.vidgen.core.client.SaveTargets;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.text.SafeText;
import dev.vidgen.serve.history.TaskHistory;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;

/**
 * Where {@code --out} says the video goes, as typed: {@code -} is stdout; a trailing {@code /}
 * or an existing folder is a folder (made when missing) that gets {@code <task-id>.<format>};
 * anything else is the file itself, which must not exist yet unless {@code --force} is given.
 *
 * @param text the value as given; null means the working folder
 */
record OutTarget(String text) {
  /** The working folder: the video is named after its task. */
  static final OutTarget HERE = new OutTarget(null);

  /** How the free space of the video's folder is read: the file store's figure; a test's own to tell a full disk. */
  static SaveTargets.FreeSpace freeSpace = SaveTargets.FreeSpace.OF_FILE_STORE;

  /**
   * Why this user may not replace an existing file, {@link SaveTargets#whyNotReplaceable}; a test's own to tell a
   * shared folder's refusal, which root never meets.
   */
  static Function<Path, Optional<String>> whyNotReplaceable = SaveTargets::whyNotReplaceable;

  /** Reads {@code --out}; picocli keeps the text, so a trailing {@code /} is not lost. */
  static final class Converter implements ITypeConverter<OutTarget> {
    @Override
    public OutTarget convert(String value) {
      if (value.isBlank()) {
        throw CliException.usage("--out is empty", "give a file, a folder ending in /, or - for stdout");
      }
      if (!value.equals("-")) {
        ForeignOutPaths.refuse("--out", value);
      }
      try {
        if (!value.equals("-")) {
          Path.of(value);
        }
      } catch (InvalidPathException e) {
        throw CliException.usage("--out '" + value + "' is not a usable path: " + e.getReason(),
            "give a file, a folder ending in /, or - for stdout");
      }
      return new OutTarget(value);
    }
  }

  /** {@code target} when given, else {@link #HERE}. */
  static OutTarget orHere(OutTarget target) {
    return target == null ? HERE : target;
  }

  /** Whether the video goes to stdout. */
  boolean isStdout() {
    return "-".equals(text);
  }

  /**
   * The value for a command vidgen prints: absolute and normalised, so that it works pasted in any
   * folder, keeping a folder's trailing separator; {@code -} stays; null for the working folder.
   */
  String forCommands(CliContext context) {
    if (text == null || isStdout()) {
      return text;
    }
    String path = path(context).toString();
    boolean folderMark = text.endsWith("/") || text.endsWith(java.io.File.separator);
    return folderMark && !path.endsWith(java.io.File.separator) ? path + java.io.File.separator : path;
  }

  /** Whether the video goes into a folder, under its task's name. */
  boolean isFolder(CliContext context) {
    if (text == null) {
      return true;
    }
    return !isStdout() && (text.endsWith("/") || text.endsWith(java.io.File.separator)
        || Files.isDirectory(context.resolve(Path.of(text))));
  }

  /** The folder or file named, read against the working folder. */
  Path path(CliContext context) {
    return context.resolve(Path.of(text == null ? "." : text));
  }

  /** The file the video of {@code taskId} goes to (never for stdout). */
  Path file(CliContext context, TaskId taskId, String format) {
    Path path = path(context);
    return isFolder(context) ? path.resolve(fileName(taskId, format)) : path;
  }

  /** "{@code <task-id>.<format>}", with an unsafe id made safe first. */
  static String fileName(TaskId taskId, String format) {
    return SafeText.fileStem(taskId.value()) + "." + dev.vidgen.core.domain.VideoAsset.extensionOf(format);
  }

  /**
   * Checks, before anything is sent, that the video can be written here: the nearest existing
   * folder on the way accepts a file and has room for a video, no file stands where a folder must be, the name
   * (and the longer temporary one) fits, and an existing file is replaced only with {@code force}, and only when
   * this user may replace it.
   *
   * @throws CliException (exit 2, nothing sent) saying what is wrong and what to do
   */
  void requireWritable(CliContext context, boolean force) {
    requireWritable(context, force, null, null);
  }

  /**
   * {@link #requireWritable(CliContext, boolean)} for the video of task {@code taskId} (null when no
   * task exists yet) on the server this command asks: an existing file, which may be another task's paid video, is
   * refused with a free path beside it to save this one to, {@code --force} named only as replacing that file.
   */
  void requireWritable(Session session, boolean force, String taskId) {
    requireWritable(session.context(), force, HistoryRecord.baseUrl(session), taskId);
  }

  /**
   * Refuses, even with {@code --force}, vidgen's own files as the video's path: the task history, its lock, the
   * markers of running commands. A video saved there would replace the record of every paid task and the same-job
   * check. Other files in the data folder (the playground's videos) are the user's.
   */
  private static void requireOutsideDataFolder(CliContext context, Path path, String taskId) {
    vidgensOwnFile(context, path).ifPresent(history -> {
      throw refused("cannot save the video to " + path + ": it is vidgen's own file, " + (real(path).equals(history)
              ? "the task history" : "beside the task history " + history) + " (a video there would replace what"
              + " vidgen keeps of every paid task); nothing was " + (taskId == null ? "sent" : "written"),
          "choose another --out");
    });
  }

  /**
   * The task history's file when {@code path} is one of vidgen's own files (the history, its lock, the markers of
   * running commands), followed through links; empty for any other path.
   */
  static Optional<Path> vidgensOwnFile(CliContext context, Path path) {
    Optional<Path> history = TaskHistory.dataFolder(context.env())
        .map(folder -> real(TaskHistory.in(folder).file()));
    if (history.isEmpty()) {
      return Optional.empty();
    }
    Path file = history.get();
    Path target = real(path.toAbsolutePath().normalize());
    boolean own = target.equals(file) || target.equals(file.resolveSibling(file.getFileName() + ".lock"))
        || target.startsWith(file.resolveSibling("running"));
    return own ? history : Optional.empty();
  }

  /** {@code path} with the links of its longest existing part followed, so that a link to the data folder is seen. */
  static Path real(Path path) {
    Path existing = path;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return path;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(path));
    } catch (java.io.IOException | RuntimeException unreadable) {
      return path;
    }
  }

  private void requireWritable(CliContext context, boolean force, String baseUrl, String taskId) {
    if (isStdout()) {
      if (context.videoOut() instanceof TerminalOutput terminal && terminal.isTerminal()) {
        // A video's bytes garble a terminal, and a server's may hold escape sequences that retitle or recolour it.
        throw refused("--out - writes the video's bytes to standard output, which is a terminal here; nothing was "
            + (taskId == null ? "sent" : "written"), "redirect it (> clip.mp4, or | a player that reads -), or give"
            + " --out FILE");
      }
      return;
    }
    Path path = path(context);
    boolean folder = isFolder(context);
    requireOutsideDataFolder(context, path, taskId);
    if (!folder) {
      // Even with --force: saving renames a new file into place, which would replace a link or a device, not write to it.
      dev.vidgen.core.client.SaveTargets.notARegularFile(path).ifPresent(what -> {
        throw refused("cannot save the video to " + path + ": it is " + what + ", and a video is saved as a new file"
            + " renamed into place, which would replace it; nothing was " + (taskId == null ? "sent" : "written"),
            "give the path of a regular file, or --out - to write the video to standard output");
      });
    }
    if (!folder && Files.exists(path) && !force) {
      if (SavedBefore.of(context, baseUrl, taskId, path).isPresent()) {
        return; // this task's own video, saved there before: the command says so once the task is read
      }
      if (taskId != null) {
        throw refused(path + " already exists (it may be another task's paid video); nothing was written",
            "save this task's video beside it with --out " + Finisher.besides(path, shortId(taskId)).toAbsolutePath().normalize()
                + ", or add --force to replace that file");
      }
      throw refused(path + " already exists; nothing was sent",
          "add --force to replace it, or choose another --out (a folder ending in / names the file after the task)");
    }
    Path existing = folder ? path : path.getParent();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null || !Files.isDirectory(existing)) {
      throw refused("cannot save the video to " + path + ": " + (existing == null ? "no folder on the way exists"
          : existing + " is a file, not a folder") + "; nothing was sent", "choose another --out");
    }
    Path on = existing;
    // An empty file fits on a full disk: the free space is read as well, so that no video is paid for that cannot fit.
    SaveTargets.whyNoVideoFits(existing, freeSpace).ifPresent(why -> {
      throw refused("cannot save the video to " + path + ": the folder " + on + " " + why + "; nothing was "
          + (taskId == null ? "sent" : "written"), SaveTargets.lacksRoom(why) ? "free space on that disk,"
          + " or choose another --out on a disk with room" : "choose another --out in a folder this user may write");
    });
    if (!folder && force && Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      // A file of another user in a shared (sticky) folder cannot be replaced, --force or not.
      whyNotReplaceable.apply(path).ifPresent(why -> {
        throw refused("cannot replace " + path + " with the video: " + why + "; nothing was "
            + (taskId == null ? "sent" : "written"), "choose another --out, such as a new name beside it or a"
            + " folder ending in / (the file is then named after the task)");
      });
    }
    if (!folder) {
      // A name the file system takes may still leave no room for the longer temporary name the video is written to.
      dev.vidgen.core.client.SaveTargets.nameTooLong(path).ifPresent(why -> {
        throw refused("cannot save the video to " + path + ": " + why + "; nothing was "
            + (taskId == null ? "sent" : "written"), "choose a shorter --out");
      });
    }
  }

  /** A task id as given, or the id inside an encoded handle ({@code vg1.…}; an id may only start so). */
  private static String shortId(String taskId) {
    return dev.vidgen.core.client.JobHandle.tryDecode(taskId).map(handle -> handle.taskId().value()).orElse(taskId);
  }

  private static CliException refused(String message, String next) {
    return new CliException(ExitCodes.INVALID_JOB, "output", message, next);
  }

  @Override
  public String toString() {
    return Objects.requireNonNullElse(text, ".");
  }
}
