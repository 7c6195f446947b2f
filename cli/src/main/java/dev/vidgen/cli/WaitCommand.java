package dev.vidgen.cli;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vidgen wait TASK_ID}: waits for a task made earlier (perhaps by another process) and saves its video. */
@Command(name = "wait", sortOptions = false,
    description = "Wait for a task created earlier (such as with generate --no-wait) and save its video.")
final class WaitCommand extends TaskCommand {
  @Option(names = "--out", paramLabel = "FILE",
      description = "Where to save the video (default: <task-id>.mp4 here; a folder keeps that name).")
  Path out;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "How long to wait, counted from the task's creation, such as 90s, 10m or 1h (default: 10m).")
  Duration timeout;

  @Override
  int run(Session session, Output output) {
    Finisher.requireWritable(session.context(), out);
    Target target = open(session);
    return Finisher.awaitAndSave(session, target.client(), target.handle(), out, timeout, output);
  }
}
