package dev.vidgen.cli;

import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vidgen wait TASK_ID}: waits for a task made earlier (perhaps by another process) and saves its video. */
@Command(name = "wait", sortOptions = false,
    description = "Wait for a task created earlier (such as with generate --no-wait) and save its video.")
final class WaitCommand extends TaskCommand {
  @Option(names = "--out", paramLabel = "FILE", converter = OutTarget.Converter.class,
      description = "Where to save the video: a file, a folder (ending in / or existing; made if missing) that gets"
          + " <task-id>.mp4, or - for stdout (default: <task-id>.mp4 here).")
  OutTarget out;

  @Option(names = "--force", description = "Replace the --out file when it exists (without it, vidgen refuses).")
  boolean force;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "How long to wait, counted from the task's creation, such as 90s, 10m or 1h (default: 10m).")
  Duration timeout;

  @Override
  int run(Session session, Output output) {
    if (out != null) {
      session.keepForResume("--out", out.text());
    }
    OutTarget.orHere(out).requireWritable(session.context(), force);
    Target target = open(session, output);
    return target.recorded(
        () -> Finisher.awaitAndSave(session, target.client(), target.handle(), out, force, timeout, output));
  }

  @Override
  boolean writesVideoToStdout() {
    return out != null && out.isStdout();
  }
}
