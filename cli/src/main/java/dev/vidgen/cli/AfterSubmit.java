package dev.vidgen.cli;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * What a command that makes a task does once the provider has it ({@code generate}, {@code
 * extend}, {@code remix}): its options ({@code --out}, {@code --force}, {@code --no-wait},
 * {@code --timeout}) and the way on, printed before the wait so that the task id is never lost.
 */
final class AfterSubmit {
  @Option(names = "--out", paramLabel = "FILE|FOLDER/|-", converter = OutTarget.Converter.class,
      description = "Where to save the video: a file, a folder (ending in / or existing; made if missing) that gets"
          + " <task-id>.mp4, or - for stdout (default: <task-id>.mp4 here).")
  OutTarget out;

  @Option(names = "--force", description = "Replace the --out file when it exists (without it, vidgen refuses).")
  boolean force;

  @Option(names = "--no-wait", description = "Stop once the task is created; print its id for vidgen wait.")
  boolean noWait;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "How long to wait in all, such as 90s, 10m or 1h (default: 10m).")
  Duration timeout;

  /**
   * Before anything is sent: keeps {@code --out} (and {@code --force}) for printed commands and checks
   * the video could be saved there, with {@code --no-wait} too when {@code --out} names the place the
   * printed {@code vidgen wait} will save it.
   */
  void beforeSubmit(Session session, dev.vidgen.core.domain.VideoJob job) {
    refuseOwnInput(session, job);
    beforeSubmit(session);
  }

  /**
   * For a dry run: the real run's checks of {@code --out} (and of {@code job}'s inputs as its place, when given),
   * so that a place the real run refuses is refused here too (exit 2), saying so; nothing is kept for commands.
   */
  void checkAsTheRealRun(Session session, dev.vidgen.core.domain.VideoJob job) {
    try {
      if (job != null) {
        refuseOwnInput(session, job);
      }
      requireOut(session);
    } catch (CliException refused) {
      throw new CliException(refused.exitCode(), refused.kind(), refused.getMessage() + " (a dry run; the real run"
          + " would refuse it the same way)", refused.next());
    }
  }

  /**
   * {@link #checkAsTheRealRun(Session, dev.vidgen.core.domain.VideoJob)}, where a fixed {@code --out} that holds a
   * file gets the real run's refusal: {@code sameJobAt} (given the file) throws the same-job refusal (exit 1) when it
   * holds this job's video, said here as a dry run's; else the file is refused as in the way. {@code again} skips that.
   */
  void checkAsTheRealRun(Session session, dev.vidgen.core.domain.VideoJob job, boolean again,
      java.util.function.Consumer<Path> sameJobAt) {
    try {
      checkAsTheRealRun(session, job);
    } catch (CliException refused) {
      Optional<Path> existing = again || !refused.kind().equals("output") ? Optional.empty() : existingOutFile(session);
      try {
        existing.ifPresent(sameJobAt);
      } catch (CliException same) {
        throw new CliException(same.exitCode(), same.kind(), same.getMessage() + " (a dry run; the real run would"
            + " refuse it the same way)", same.next(), same.fields());
      }
      throw refused;
    }
  }

  /** Refuses, even with {@code --force}, an {@code --out} file that is one of {@code job}'s own inputs. */
  private void refuseOwnInput(Session session, dev.vidgen.core.domain.VideoJob job) {
    if (out != null && !out.isStdout() && !out.isFolder(session.context())) {
      Path target = OutTarget.real(out.path(session.context()).toAbsolutePath().normalize());
      for (Path input : LocalFiles.of(job)) {
        if (OutTarget.real(input.toAbsolutePath().normalize()).equals(target)) {
          // Even with --force: the input is read for the upload, and its only copy may be this one.
          throw CliException.usage("--out " + out.text() + " is this job's own input " + input + ": the video would"
              + " be saved over it; nothing was sent", "choose another --out");
        }
      }
    }
  }

  void beforeSubmit(Session session) {
    refuseTimeoutWithoutWait();
    if (out != null) {
      session.keepForResume("--out", out.forCommands(session.context()));
      if (force) {
        session.keepForResume("--force");
      }
    }
    requireOut(session);
  }

  /**
   * Where the real run would save the video, as a dry run's {@code file} says it: the absolute file (named
   * {@code <task-id>.mp4} in a folder), {@code -} for standard output, or null when {@code --no-wait} saves nothing.
   */
  String dryRunFile(Session session) {
    if (noWait && out == null) {
      return null;
    }
    OutTarget where = OutTarget.orHere(out);
    if (where.isStdout()) {
      return "-";
    }
    Path path = where.path(session.context()).toAbsolutePath().normalize();
    return (where.isFolder(session.context()) ? path.resolve("<task-id>.mp4") : path).toString();
  }

  /** {@link #dryRunFile} as a dry run's {@code file} line reads it. */
  String dryRunFileLine(Session session) {
    String file = dryRunFile(session);
    return file == null ? "none: --no-wait saves nothing (vidgen wait TASK saves it)"
        : file.equals("-") ? "- (standard output)" : file;
  }

  /** Checks the video could be saved where it goes, unless {@code --no-wait} without {@code --out} saves nothing. */
  private void requireOut(Session session) {
    if (!noWait || out != null) {
      OutTarget.orHere(out).requireWritable(session.context(), force);
    }
  }

  /**
   * The file {@code --out} names when it exists and {@code --force} was not given, which {@link #beforeSubmit}
   * refuses unless it is this job's video; empty for a folder, standard output or a free path.
   */
  Optional<Path> existingOutFile(Session session) {
    if (out == null || force || out.isStdout() || out.isFolder(session.context())) {
      return Optional.empty();
    }
    Path file = out.path(session.context()).toAbsolutePath().normalize();
    return java.nio.file.Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  /**
   * {@code --timeout} bounds this command's wait, and {@code --no-wait} has none: taken silently, the pair would
   * read as a wait that never came. Checked before a dry run too, so that one passes only where the real run would.
   */
  void refuseTimeoutWithoutWait() {
    if (noWait && timeout != null) {
      throw CliException.usage("--timeout bounds how long this command waits for the video, and --no-wait does not"
          + " wait; nothing was sent", "leave out --timeout here, and give it to vidgen wait TASK when you wait");
    }
  }

  /** Reports the task (and returns) with {@code --no-wait}; else says how to go on, waits and saves. */
  int finish(Session session, VidgenClient client, JobHandle handle, HistoryRecord history, String what, Output output) {
    String resume = Failures.resumeCommand(handle, session);
    if (noWait) {
      // The create's answer, when the provider gave its status and progress; else queued, as a new task is.
      dev.vidgen.core.domain.TaskSnapshot answer = session.lastSeen(handle);
      if (answer != null && history != null && answer.status() != dev.vidgen.core.domain.TaskStatus.FAILED) {
        history.seen(answer); // the history says what the answer said (running, or done and not saved yet), not queued
      }
      Map<String, Object> json = Views.taskJson(handle, answer);
      if (answer == null) {
        json.put("status", "queued");
      }
      json.putAll(session.balanceJson(handle));
      json.put("next_command", resume); // the wait that follows the task, as the text's next line gives it
      if (!session.warnings().isEmpty()) {
        json.put("warnings", session.warnings());
      }
      output.object(json);
      Map<String, String> fields = new LinkedHashMap<>(Views.taskFields(handle, answer));
      boolean queued = answer == null || answer.status() == dev.vidgen.core.domain.TaskStatus.QUEUED;
      fields.put("status", (queued ? "queued" : Views.status(answer)) + " (submitted; not waited for)");
      fields.put("next", resume);
      output.fields(fields);
      return ExitCodes.DONE;
    }
    String submitted = what + "task " + handle.taskId() + " submitted (" + handle.model() + ", "
        + Views.price(handle.quote()) + "); if this stops, go on with: " + resume;
    if (!session.claimSubmittedLine()) {
      // A Ctrl-C that waited for the create's answer told the task already.
    } else if (output.json()) {
      output.note(submitted);
    } else {
      output.line(submitted);
    }
    return history.finish(() -> Finisher.awaitAndSave(session, client, handle, out, force, timeout, true, output));
  }

  /** Whether the video goes to stdout (then every message goes to stderr). */
  boolean videoToStdout() {
    return out != null && out.isStdout() && !noWait;
  }
}
