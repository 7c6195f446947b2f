package dev.vidgen.cli;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.FollowOn;
import dev.vidgen.core.domain.FollowOnKind;
import java.nio.file.Path;
import dev.vidgen.core.domain.VideoJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
      description = "The model of the earlier task (needed with a bare id of a task this machine's history does not"
          + " know; a vg1. handle carries it).")
  String model;

  @Option(names = "--size", paramLabel = "SIZE", description = "The size (aspect ratio) the model takes, such as 16:9.")
  String size;

  @Mixin AfterSubmit after;

  abstract FollowOnKind kind();

  @Override
  boolean sendsJobs() {
    return true;
  }

  @Override
  int run(Session session, Output output) {
    after.beforeSubmit(session);
    FollowOn followOn = FollowOn.prompt(PromptSource.read(prompt, promptFile, session.context()));
    if (model != null) {
      followOn = followOn.withModel(model.strip());
    }
    if (size != null) {
      followOn = followOn.withSize(size.strip());
    }
    TaskCommand.Earlier earlier = TaskCommand.Earlier.read(session, task, output);
    VidgenClient client = earlier.client(session);
    String from = earlier.resumeFrom(client);
    JobHandle handle = kind() == FollowOnKind.EXTEND ? client.extend(from, followOn) : client.remix(from, followOn);
    session.remember(handle);
    VideoJob asRecorded = VideoJob.builder(handle.model()).prompt(followOn.prompt()).aspectRatio(followOn.size()).build();
    HistoryRecord history = HistoryRecord.start(session, handle, asRecorded, kind().id(), output);
    return after.finish(session, client, handle, history, kind().id() + " of " + task + ": ", output);
  }

  @Override
  boolean writesVideoToStdout() {
    return after.videoToStdout();
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
