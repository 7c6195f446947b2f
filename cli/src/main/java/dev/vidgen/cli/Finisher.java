package dev.vidgen.cli;

import dev.vidgen.core.client.AwaitOptions;
import dev.vidgen.core.client.ExistingTarget;
import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.ProgressListener;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.TaskStatus;
import dev.vidgen.core.domain.VideoAsset;
import dev.vidgen.core.error.DownloadFailedException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** Waits for a task, saves its video and prints the result; shared by {@code generate}, {@code wait} and {@code download}. */
final class Finisher {
  private Finisher() {}

  /**
   * Waits for {@code handle} (showing progress on stderr), then saves and reports the video; {@code
   * justCreated} when this run's create made the task (so it is known to run before the first status read).
   */
  static int awaitAndSave(Session session, VidgenClient client, JobHandle handle, OutTarget out, boolean force,
      Duration timeout, boolean justCreated, Output output) {
    return awaitAndSave(session, client, handle, out, force, timeout, timeout, justCreated, output);
  }

  /**
   * {@link #awaitAndSave(Session, VidgenClient, JobHandle, OutTarget, boolean, Duration, boolean, Output)} whose
   * download ends {@code saveBy} after the task's creation (the {@code --timeout} given; null: not bounded).
   */
  static int awaitAndSave(Session session, VidgenClient client, JobHandle handle, OutTarget out, boolean force,
      Duration timeout, Duration saveBy, boolean justCreated, Output output) {
    CliContext context = session.context();
    session.learnDurations();
    TaskSnapshot done;
    AtomicReference<TaskStatus> lastSeen = new AtomicReference<>(justCreated ? TaskStatus.QUEUED : null);
    try (ProgressPrinter progress =
            new ProgressPrinter(output.err(), context.stderrIsTerminal().getAsBoolean(), handle.taskId().value());
        ShutdownNotice interrupted = InterruptNotice.arm(handle, Failures.resumeCommand(handle, session), progress,
            () -> Optional.ofNullable(lastSeen.get()), output);
        SlowStatusNotice slowReads = SlowStatusNotice.watch(client, handle, Failures.resumeCommand(handle, session),
            output)) {
      session.releaseHeldNotice();
      output.beforeNotes(progress::clearLine);
      try {
        done = client.await(handle, new AwaitOptions(timeout, new ProgressListener() {
          @Override
          public void onProgress(TaskSnapshot snapshot, Duration elapsed) {
            lastSeen.set(snapshot.status());
            progress.onProgress(snapshot, elapsed);
            if (snapshot.status() == TaskStatus.COMPLETED) {
              session.ran(elapsed); // for the completed snapshot: how long the task ran
            }
            session.statusSeen(snapshot);
          }

          @Override
          public void onCompletedAfterPause(TaskSnapshot snapshot, Duration elapsed, Duration pause) {
            lastSeen.set(snapshot.status());
            progress.onCompletedAfterPause(snapshot, elapsed, pause);
            session.ran(null); // it may have ended at any moment of the pause
            session.statusSeen(snapshot);
          }
        }));
      } finally {
        output.beforeNotes(null);
      }
    }
    return save(session, client, handle, done, out, force, deadline(handle, saveBy), output);
  }

  /**
   * What ends the download {@code saveBy} after the task's creation (as {@code --timeout} counts): no try of it starts
   * from then on, and one under way is given a bounded time to end; null when {@code saveBy} is null.
   */
  private static CompletableFuture<Void> deadline(JobHandle handle, Duration saveBy) {
    if (saveBy == null) {
      return null;
    }
    CompletableFuture<Void> deadline = new CompletableFuture<>();
    Duration left = Duration.between(Instant.now(), handle.submittedAt().plus(saveBy));
    if (left.isNegative() || left.isZero()) {
      deadline.complete(null);
    } else {
      CompletableFuture.delayedExecutor(left.toMillis(), TimeUnit.MILLISECONDS).execute(() -> deadline.complete(null));
    }
    return deadline;
  }

  /**
   * Saves the video of the completed {@code snapshot} and reports it. When saving fails, the
   * {@link SaveFailedException} keeps the snapshot and the {@code vidgen download} command that
   * finishes the job.
   */
  static int save(Session session, VidgenClient client, JobHandle handle, TaskSnapshot snapshot, OutTarget out,
      boolean force, Output output) {
    return save(session, client, handle, snapshot, out, force, null, output);
  }

  /** {@link #save(Session, VidgenClient, JobHandle, TaskSnapshot, OutTarget, boolean, Output)} ended by {@code deadline} (null: none). */
  private static int save(Session session, VidgenClient client, JobHandle handle, TaskSnapshot snapshot, OutTarget out,
      boolean force, CompletionStage<?> deadline, Output output) {
    CliContext context = session.context();
    session.taskCompleted();
    OutTarget where = OutTarget.orHere(out);
    String format = snapshot.result().map(VideoAsset::format).orElse("mp4");
    Path file = where.isStdout() ? null : where.file(context, handle.taskId(), format);
    // Printed commands name the file by its absolute path: they are often pasted in another folder.
    String commandOut = where.isStdout() ? "-" : file.toAbsolutePath().normalize().toString();
    String saveAgain = Failures.downloadCommand(handle, session, "--out", commandOut);
    try (ShutdownNotice interrupted = ShutdownNotice.arm("vidgen-interrupted-save", () -> {
      try {
        // The process ends: the download's own clean-up will not run, so its temporary file goes now.
        client.deletePartialDownloads();
      } finally {
        InterruptNotice.tellSaving(handle, saveAgain, where.isStdout(), output);
      }
    })) {
      if (where.isStdout()) {
        long size = toStdout(context, client, handle, snapshot, format, output);
        session.savedToStdout();
        report(session, handle, snapshot, "-", "stdout (" + Views.size(size) + ")", output);
      } else {
        Optional<SavedBefore> before = force ? Optional.empty() : SavedBefore.of(session, handle.taskId().value(), file);
        if (before.isPresent()) {
          // Run again (a retried CI step): the file is this task's video already, so there is nothing to download.
          output.note(file + " already holds this task's video, saved " + before.get().savedAt().truncatedTo(
              java.time.temporal.ChronoUnit.SECONDS) + " (UTC) as the history says; nothing was downloaded"
              + " (--force downloads it again)");
          session.foundSaved(before.get().file(), before.get().savedAt());
          report(session, handle, snapshot, before.get().file().toString(),
              shown(context, where.text(), before.get().file()) + sizeOf(before.get().file()), output);
          return ExitCodes.DONE;
        }
        Optional<SavedBefore> savedBeside = force || !where.isFolder(context) ? Optional.empty()
            : SavedBefore.of(session, handle.taskId().value(), firstBeside(file, handle.taskId().value()));
        if (savedBeside.isPresent()) {
          // The file named after the task holds another video (a task id given out again), and this task's own was
          // saved beside it by an earlier run: nothing to download again.
          output.note(savedBeside.get().file() + " already holds this task's video, saved " + savedBeside.get().savedAt()
              .truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " (UTC) as the history says, beside " + file
              + ", which holds another; nothing was downloaded (--force downloads it again)");
          session.foundSaved(savedBeside.get().file(), savedBeside.get().savedAt());
          report(session, handle, snapshot, savedBeside.get().file().toString(),
              shown(context, where.text(), savedBeside.get().file()) + sizeOf(savedBeside.get().file()), output);
          return ExitCodes.DONE;
        }
        java.util.Optional<String> special = dev.vidgen.core.client.SaveTargets.notARegularFile(file);
        if (special.isPresent()) {
          // A link or a device named after the task in the --out folder: kept, as a file there is, even with --force.
          throw new CliException(ExitCodes.OTHER, "output", file + " is " + special.get() + "; it was kept and this"
              + " video was not saved (saving would replace it)", "save it elsewhere");
        }
        if (force && where.isFolder(context) && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
          // The name is the task's, known only once the task was made: a file of that name this user may not replace
          // (another user's, in a shared folder) could not be checked before sending, and is refused before the
          // download, which would fail at the end; the way on downloads the video beside it under a free name.
          Optional<String> kept = OutTarget.whyNotReplaceable.apply(file);
          if (kept.isPresent()) {
            throw DownloadFailedException.failsThereAgain(handle.taskId(), file, "--force cannot replace the file"
                + " named after the task: " + kept.get() + "; it was kept and nothing was downloaded",
                "under another name beside it", null);
          }
        }
        // A file standing there now was saved since this job's --out was checked (by another run perhaps): it
        // may be another paid video, or this very one from a run waiting for the same task. The video is downloaded
        // all the same, and the file there is kept: it counts as this task's only once the history records it so,
        // never for holding the same bytes (another task's video can, as every mock video does).
        boolean standing = Files.exists(file) && !force;
        makeFolder(file.getParent());
        // Without --force a file that another run writes there while this video downloads is kept, not replaced.
        Path saved;
        try {
          saved = withProgress(context, client, handle, output, () -> download(client, handle, snapshot, file,
              force ? ExistingTarget.REPLACE : ExistingTarget.KEEP, deadline));
        } catch (DownloadFailedException taken) {
          Optional<SavedBefore> savedMeanwhile = taken.getCause() instanceof FileAlreadyExistsException
              ? SavedBefore.of(session, handle.taskId().value(), file) : Optional.empty();
          if (savedMeanwhile.isPresent()) {
            // A run waiting for the same task saved its video there meanwhile, and the history records it as this
            // task's: it is saved.
            output.note(file + " already holds this task's video, saved " + savedMeanwhile.get().savedAt().truncatedTo(
                ChronoUnit.SECONDS) + " (UTC) by another run of the same task, as the history says;"
                + " nothing else was saved");
            session.foundSaved(savedMeanwhile.get().file(), savedMeanwhile.get().savedAt());
            report(session, handle, snapshot, savedMeanwhile.get().file().toString(),
                shown(context, where.text(), savedMeanwhile.get().file()) + sizeOf(savedMeanwhile.get().file()), output);
            return ExitCodes.DONE;
          }
          if (standing && taken.getCause() instanceof java.nio.file.FileAlreadyExistsException
              && where.isFolder(context)) {
            // The name is vidgen's own choice in the --out folder, and another video holds it (a task id the provider
            // gave out before, say): this paid video is saved beside it under a free name, the other kept.
            Path beside = besides(file, handle);
            saved = withProgress(context, client, handle, output,
                () -> download(client, handle, snapshot, beside, ExistingTarget.KEEP, deadline));
            output.note(file + " already holds another video (not this task's), which was kept; this one is saved as "
                + beside.getFileName());
            session.saved(saved);
            report(session, handle, snapshot, saved.toString(), shown(context, where.text(), saved) + sizeOf(saved),
                output);
            return ExitCodes.DONE;
          }
          if (standing && taken.getCause() instanceof java.nio.file.FileAlreadyExistsException) {
            throw new CliException(ExitCodes.OTHER, "output", file + " already exists (written since this job's --out"
                + " was checked, by another run perhaps, and not recorded as this task's video); it was kept and this"
                + " video was not saved", "save it elsewhere");
          }
          throw taken;
        }
        session.saved(saved);
        report(session, handle, snapshot, saved.toString(), shown(context, where.text(), saved) + sizeOf(saved), output);
      }
      return ExitCodes.DONE;
    } catch (StdoutNotWritten e) {
      // Standard output took no video, and may take none again: the way on saves it to a file instead.
      String instead = context.workingDir().resolve(OutTarget.fileName(handle.taskId(), format)).toString();
      throw new SaveFailedException(e.failure, snapshot, Failures.downloadCommand(handle, session, "--out", instead));
    } catch (RuntimeException e) {
      // A file standing there now may be another task's paid video: the command saves beside it, never over it.
      String elsewhere = where.isStdout() || !Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? commandOut
          : besides(file, handle).toAbsolutePath().normalize().toString();
      List<String> more = new ArrayList<>(List.of("--out", elsewhere));
      throw new SaveFailedException(e, snapshot,
          Failures.downloadCommand(handle, session, more.toArray(String[]::new)));
    }
  }

  /** The client's download, ended by {@code deadline} when one is given. */
  private static Path download(VidgenClient client, JobHandle handle, TaskSnapshot snapshot, Path file,
      ExistingTarget existing, CompletionStage<?> deadline) {
    return deadline == null ? client.download(handle, snapshot, file, existing)
        : client.download(handle, snapshot, file, existing, deadline);
  }

  /** Runs {@code download}, showing its bytes so far on stderr while it goes on (see {@link DownloadProgress}). */
  private static Path withProgress(CliContext context, VidgenClient client, JobHandle handle, Output output,
      Supplier<Path> download) {
    try (DownloadProgress progress = DownloadProgress.show(client, handle, context.stderrIsTerminal().getAsBoolean(),
        output)) {
      return download.get();
    }
  }

  /** A free file beside {@code file} named after the task, such as {@code clip-video_ab12.mp4}. */
  static Path besides(Path file, JobHandle handle) {
    return besides(file, handle.taskId().value());
  }

  /** {@link #besides(Path, JobHandle)} for the task called {@code taskId}. */
  static Path besides(Path file, String taskId) {
    Path candidate = firstBeside(file, taskId);
    String name = candidate.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    String ending = dot > 0 ? name.substring(dot) : "";
    for (int n = 2; Files.exists(candidate, java.nio.file.LinkOption.NOFOLLOW_LINKS) && n < 100; n++) {
      candidate = file.resolveSibling(stem + "-" + n + ending);
    }
    return candidate;
  }

  /** The first name {@link #besides(Path, String)} tries: {@code clip-video_ab12.mp4} beside {@code clip.mp4}. */
  private static Path firstBeside(Path file, String taskId) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    String ending = dot > 0 ? name.substring(dot) : "";
    return file.resolveSibling(stem + "-" + taskId.replaceAll("[^A-Za-z0-9._-]", "_") + ending);
  }

  /** {@link #save(Session, VidgenClient, JobHandle, TaskSnapshot, OutTarget, boolean, Output)} for a plain path. */
  static int save(
      Session session, VidgenClient client, JobHandle handle, TaskSnapshot snapshot, Path out, Output output) {
    return save(session, client, handle, snapshot, out == null ? null : new OutTarget(out.toString()), false, output);
  }

  /**
   * Checks before anything is sent that the video could be saved under {@code out}.
   *
   * @throws CliException (exit 2) when it could not
   */
  static void requireWritable(CliContext context, Path out) {
    OutTarget.orHere(out == null ? null : new OutTarget(out.toString())).requireWritable(context, true);
  }

  private static void report(Session session, JobHandle handle, TaskSnapshot snapshot, String file, String shownFile,
      Output output) {
    Map<String, Object> json = Views.taskJson(handle, snapshot);
    json.put("file", file);
    json.putAll(session.balanceJson(handle));
    if (!session.warnings().isEmpty()) {
      json.put("warnings", session.warnings()); // such as create.resent: a first create that may have made a task
    }
    output.object(json);
    Map<String, String> fields = new LinkedHashMap<>(Views.taskFields(handle, snapshot));
    fields.put("file", shownFile);
    output.fields(fields);
  }

  /** Downloads into a private temporary folder (checked like any download), then copies to stdout. */
  private static long toStdout(CliContext context, VidgenClient client, JobHandle handle, TaskSnapshot snapshot,
      String format, Output output) {
    Path folder = null;
    try {
      folder = StdoutTempFolders.create(Path.of(System.getProperty("java.io.tmpdir")), java.time.Instant.now());
      // Removed at exit once empty, should a Ctrl-C stop the download (its file is deleted then).
      folder.toFile().deleteOnExit();
      Path target = folder.resolve(OutTarget.fileName(handle.taskId(), format));
      // Registered after the folder, so deleted before it at exit, should a Ctrl-C stop the copy to stdout.
      target.toFile().deleteOnExit();
      Path file;
      try {
        file = withProgress(context, client, handle, output, () -> client.download(handle, snapshot, target));
      } catch (RuntimeException e) {
        // The temporary file is vidgen's own: the failure is said of standard output, where the video was to go.
        if (dev.vidgen.core.concurrent.AsyncFailures.unwrap(e) instanceof DownloadFailedException failed) {
          if (failed.getCause() instanceof IOException local) {
            // The temporary file took no video (a full disk, a file-size limit): --out - again would fail the same.
            throw new StdoutNotWritten(new DownloadFailedException(handle.taskId(), target, "the video could not be"
                + " written to the temporary file it goes through on its way there ("
                + dev.vidgen.core.text.IoReasons.of(local) + ")", failed).savedTo("standard output"));
          }
          throw failed.savedTo("standard output");
        }
        throw e;
      }
      OutputStream stdout = context.videoOut();
      long size;
      try {
        size = Files.copy(file, stdout);
        stdout.flush();
      } catch (IOException e) {
        throw new StdoutNotWritten(handle, file, e);
      }
      // A PrintStream (System.out is one) keeps its write errors to itself: asked, so that a closed pipe or a full
      // disk is not taken for a video delivered.
      if (stdout instanceof PrintStream print && print.checkError()) {
        throw new StdoutNotWritten(handle, file, null);
      }
      return size;
    } catch (IOException e) {
      throw new UncheckedIOException("could not make a temporary folder for the video: " + e.getMessage(), e);
    } finally {
      deleteQuietly(folder);
    }
  }

  /**
   * The video was downloaded whole but standard output did not take it, or the temporary file it goes through took
   * none: either way the way on saves it to a file.
   */
  private static final class StdoutNotWritten extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final DownloadFailedException failure;

    /** A video that never reached standard output: {@code failure} says why. */
    StdoutNotWritten(DownloadFailedException failure) {
      super(failure);
      this.failure = failure;
    }

    StdoutNotWritten(JobHandle handle, Path file, IOException cause) {
      super(cause);
      String why = cause == null || cause.getMessage() == null || cause.getMessage().isBlank()
          ? "it is closed, such as a pipe whose reader has ended, or full" : cause.getMessage().strip();
      this.failure = new DownloadFailedException(handle.taskId(), file,
          "the video could not be written to standard output (" + why + ")", cause).savedTo("standard output");
    }
  }

  private static void makeFolder(Path folder) {
    if (folder == null || Files.isDirectory(folder)) {
      return;
    }
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      // Said in words (a file stands where the folder goes), not as the bare path Java's exception holds.
      Path inTheWay = folder;
      while (inTheWay != null && !Files.exists(inTheWay, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        inTheWay = inTheWay.getParent();
      }
      String why = inTheWay != null && !Files.isDirectory(inTheWay)
          ? inTheWay + " is a file, not a folder" : dev.vidgen.core.text.IoReasons.of(e);
      throw new CliException(ExitCodes.OTHER, "output", "cannot create the folder " + folder + ": " + why,
          "choose another --out (a path whose folders are folders)");
    }
  }

  private static void deleteQuietly(Path folder) {
    if (folder == null) {
      return;
    }
    try (var files = Files.list(folder)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(folder);
    } catch (IOException e) {
      folder.toFile().deleteOnExit();
    }
  }

  /**
   * The file as people read it: as an absolute path when {@code given} ({@code --out}) was one or
   * the working directory is the root, else relative to the working directory when it is inside it, starting
   * {@code ./} when its first folder starts with {@code ~}.
   */
  private static String shown(CliContext context, String given, Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    boolean givenAbsolute = given != null && !given.isBlank() && Path.of(given.strip()).isAbsolute();
    boolean underRoot = context.workingDir().getParent() == null;
    if (givenAbsolute || underRoot || !absolute.startsWith(context.workingDir()) || absolute.equals(context.workingDir())) {
      return absolute.toString();
    }
    String relative = context.workingDir().relativize(absolute).toString();
    // A folder named ~ here would read as the home folder: ./ says it is the working folder's.
    return relative.startsWith("~") ? "./" + relative : relative;
  }

  private static String sizeOf(Path file) {
    try {
      return " (" + Views.size(Files.size(file)) + ")";
    } catch (IOException e) {
      return "";
    }
  }
}
