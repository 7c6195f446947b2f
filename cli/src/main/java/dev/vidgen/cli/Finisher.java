package dev.vidgen.cli;

import dev.vidgen.core.client.AwaitOptions;
import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.TaskSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Waits for a task, saves its video and prints the result; shared by {@code generate}, {@code wait} and {@code download}. */
final class Finisher {
  private Finisher() {}

  /** Waits for {@code handle} (showing progress on stderr), then saves and reports the video. */
  static int awaitAndSave(
      Session session, VidgenClient client, JobHandle handle, Path out, Duration timeout, Output output) {
    CliContext context = session.context();
    TaskSnapshot done;
    try (ProgressPrinter progress =
        new ProgressPrinter(output.err(), context.stderrIsTerminal().getAsBoolean(), handle.taskId().value())) {
      done = client.await(handle, new AwaitOptions(timeout, progress));
    }
    return save(session, client, handle, done, out, output);
  }

  /** Saves the video of the completed {@code snapshot} and reports it. */
  static int save(
      Session session, VidgenClient client, JobHandle handle, TaskSnapshot snapshot, Path out, Output output) {
    Path target = target(session.context(), out, handle, snapshot);
    Path file = client.download(handle, snapshot, target);
    session.saved(file);
    Map<String, Object> json = Views.taskJson(handle, snapshot);
    json.put("file", file.toString());
    output.object(json);
    Map<String, String> fields = new LinkedHashMap<>(Views.taskFields(handle, snapshot));
    fields.put("file", shown(session.context(), file) + sizeOf(file));
    output.fields(fields);
    return ExitCodes.DONE;
  }

  /**
   * Where the video goes: {@code --out} (inside it when it is a directory), else {@code
   * <task-id>.<format>} in the working directory. Missing parent directories are created.
   */
  static Path target(CliContext context, Path out, JobHandle handle, TaskSnapshot snapshot) {
    String format = snapshot.result().map(v -> v.format()).orElse("mp4");
    String defaultName = handle.taskId().value().replaceAll("[^A-Za-z0-9._-]", "_") + "." + format;
    Path target = out == null ? context.resolve(Path.of(defaultName)) : context.resolve(out);
    if (Files.isDirectory(target)) {
      target = target.resolve(defaultName);
    }
    Path parent = target.getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      try {
        Files.createDirectories(parent);
      } catch (IOException e) {
        throw new CliException(ExitCodes.OTHER, "output", "cannot create the folder " + parent + ": " + e.getMessage(),
            "choose another --out");
      }
    }
    return target;
  }

  /**
   * Checks before anything is sent that the video could be saved under {@code out}: the nearest
   * existing folder on its way must be a writable folder.
   *
   * @throws CliException (exit 1) when it could not
   */
  static void requireWritable(CliContext context, Path out) {
    Path target = context.resolve(out == null ? Path.of(".") : out);
    Path existing = Files.isDirectory(target) ? target : target.getParent();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
      throw new CliException(ExitCodes.OTHER, "output",
          "cannot save the video to " + target + ": " + (existing == null ? "no folder" : existing)
              + " is not a writable folder; nothing was sent",
          "choose another --out");
    }
  }

  /** The file as people read it: relative to the working directory when it is inside it. */
  private static String shown(CliContext context, Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    return absolute.startsWith(context.workingDir()) && !absolute.equals(context.workingDir())
        ? context.workingDir().relativize(absolute).toString()
        : absolute.toString();
  }

  private static String sizeOf(Path file) {
    try {
      return " (" + Views.size(Files.size(file)) + ")";
    } catch (IOException e) {
      return "";
    }
  }
}
