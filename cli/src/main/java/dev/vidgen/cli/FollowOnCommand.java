package dev.vidgen.cli;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.FollowOn;
import dev.vidgen.core.domain.FollowOnKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vidgen extend TASK} and {@code vidgen remix TASK}: a follow-on job that starts from an
 * earlier task (its id or its {@code vg1.} handle), checked against the route's follow-on rules,
 * quoted, sent, waited for and saved like any job.
 */
abstract class FollowOnCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "TASK", description = "The earlier task: its id, or the vg1. handle vidgen printed.")
  String task;

  @Option(names = "--prompt", paramLabel = "TEXT", description = "What the new video should do.")
  String prompt;

  @Option(names = "--prompt-file", paramLabel = "FILE", description = "Read the prompt from this UTF-8 text file.")
  Path promptFile;

  @Option(names = "--model", paramLabel = "ID",
      description = "The model of the earlier task (needed with a bare task id; a vg1. handle carries it).")
  String model;

  @Option(names = "--size", paramLabel = "SIZE", description = "The size (aspect ratio) the model takes, such as 16:9.")
  String size;

  @Option(names = "--out", paramLabel = "FILE", converter = OutTarget.Converter.class,
      description = "Where to save the video: a file, a folder (ending in /) that gets <task-id>.mp4, or - for stdout.")
  OutTarget out;

  @Option(names = "--force", description = "Replace the --out file when it exists.")
  boolean force;

  @Option(names = "--no-wait", description = "Stop once the task is created; print its id for vidgen wait.")
  boolean noWait;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "How long to wait in all, such as 90s, 10m or 1h (default: 10m).")
  Duration timeout;

  abstract FollowOnKind kind();

  @Override
  int run(Session session, Output output) {
    if (out != null) {
      session.keepForResume("--out", out.text());
    }
    if (!noWait) {
      OutTarget.orHere(out).requireWritable(session.context(), force);
    }
    FollowOn followOn = FollowOn.prompt(PromptSource.read(prompt, promptFile, session.context()));
    if (model != null) {
      followOn = followOn.withModel(model.strip());
    }
    if (size != null) {
      followOn = followOn.withSize(size.strip());
    }
    VidgenClient client = session.onlineClient();
    JobHandle handle = kind() == FollowOnKind.EXTEND ? client.extend(task, followOn) : client.remix(task, followOn);
    session.remember(handle);
    dev.vidgen.core.domain.VideoJob asRecorded = dev.vidgen.core.domain.VideoJob.builder(handle.model())
        .prompt(followOn.prompt()).aspectRatio(followOn.size()).build();
    HistoryRecord history = HistoryRecord.start(session, handle, asRecorded, kind().id(), output);
    String resume = Failures.resumeCommand(handle, session);
    if (noWait) {
      Map<String, Object> json = Views.taskJson(handle, null);
      json.put("status", "queued");
      output.object(json);
      Map<String, String> fields = new LinkedHashMap<>(Views.taskFields(handle, null));
      fields.put("status", "queued (submitted; not waited for)");
      fields.put("next", resume);
      output.fields(fields);
      return ExitCodes.DONE;
    }
    output.note(kind().id() + " of " + task + ": task " + handle.taskId() + " submitted (" + handle.model() + ", "
        + Views.price(handle.quote()) + "); if this stops, go on with: " + resume);
    return history.finish(() -> Finisher.awaitAndSave(session, client, handle, out, force, timeout, output));
  }

  @Override
  boolean writesVideoToStdout() {
    return out != null && out.isStdout() && !noWait;
  }

  /** {@code vidgen extend TASK}. */
  @Command(name = "extend", sortOptions = false,
      description = "Extend an earlier task's video (models that take it: vidgen models; grok-video-1.0 today).")
  static final class Extend extends FollowOnCommand {
    @Override
    FollowOnKind kind() {
      return FollowOnKind.EXTEND;
    }
  }

  /** {@code vidgen remix TASK}. */
  @Command(name = "remix", sortOptions = false,
      description = "Remix an earlier task's video with a new prompt (grok-video-1.0; Sora routes are retired).")
  static final class Remix extends FollowOnCommand {
    @Override
    FollowOnKind kind() {
      return FollowOnKind.REMIX;
    }
  }
}
