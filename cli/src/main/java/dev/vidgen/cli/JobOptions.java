package dev.vidgen.cli;

import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.ImageInput;
import dev.vidgen.core.domain.VideoJob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/** The options that describe a job, shared by {@code validate}, {@code quote} and {@code generate}. */
final class JobOptions {
  static final String DEFAULT_MODEL = "grok-video-1.5-preview";

  // Not "ID": bash completion keeps one list per label, and --provider's "ID" would replace the models.
  @Option(names = "--model", paramLabel = "MODEL", defaultValue = DEFAULT_MODEL, completionCandidates = ModelIds.class,
      description = "The model (default: ${DEFAULT-VALUE}); vidgen models lists them.")
  String model;

  @Option(names = "--prompt", paramLabel = "TEXT",
      description = "What should happen in the video; - reads it from standard input.")
  String prompt;

  @Option(names = "--prompt-file", paramLabel = "FILE",
      description = "Read the prompt from this UTF-8 text file (instead of --prompt).")
  Path promptFile;

  @Option(names = "--image", paramLabel = "URL|FILE",
      description = "An input image: an http(s) URL, or a local file that is uploaded first (repeatable, in order);"
          + " Seedance 2 also takes data: URLs and asset://ID.")
  List<String> images = new ArrayList<>();

  @Option(names = "--video", paramLabel = "URL|FILE",
      description = "An input video (reference or the source of an edit): an http(s) URL, or a local MP4, MOV or"
          + " WebM file of at most 50 MB that is uploaded first (repeatable, in order).")
  List<String> videos = new ArrayList<>();

  @Option(names = "--seconds", paramLabel = "N", converter = SecondsConverter.class,
      description = "The duration in seconds (default: the model's); 0 or -1 asks for an automatic length where the"
          + " model takes one (vidgen models MODEL tells).")
  Integer seconds;

  @Option(names = "--aspect-ratio", paramLabel = "R", description = "Such as 16:9 (default: the model's).")
  String aspectRatio;

  @Option(names = "--resolution", paramLabel = "R", description = "Such as 720p (default: the model's).")
  String resolution;

  @Option(names = "--mode", paramLabel = "MODE",
      description = "text-to-video (t2v), image-to-video (i2v), reference-to-video (r2v) or video-edit (edit);"
          + " default: from the inputs.")
  String mode;

  @Option(names = "--param", paramLabel = "KEY=VALUE",
      description = "An extra provider parameter passed through as is, such as seed=42 (repeatable).")
  List<String> params = new ArrayList<>();

  /**
   * The job these options describe; local image paths are read against the working directory.
   *
   * @throws CliException (exit 2) when an option cannot be read at all
   */
  VideoJob toJob(CliContext context) {
    VideoJob.Builder job = VideoJob.builder(model.strip())
        .prompt(PromptSource.read(prompt, promptFile, context))
        .seconds(seconds)
        .aspectRatio(aspectRatio)
        .resolution(resolution);
    if (mode != null) {
      job.mode(GenerationMode.parse(mode).orElseThrow(() -> CliException.usage(
          "--mode '" + mode + "' is not a mode",
          "use one of " + Stream.of(GenerationMode.values()).map(GenerationMode::id).collect(Collectors.joining(", ")))));
    }
    for (String image : images) {
      job.image(image(image, context));
    }
    for (String video : videos) {
      job.video(video(video, context));
    }
    for (String param : params) {
      KeyValue pair = KeyValue.parse("--param", param);
      job.param(pair.key(), ParamValues.read(pair.key(), pair.value()));
    }
    return job.build();
  }

  private static java.net.URI video(String text, CliContext context) {
    ImageInput input;
    try {
      input = ImageInput.parse(text);
    } catch (IllegalArgumentException e) {
      throw CliException.usage("--video: " + e.getMessage().replace("image", "video"),
          assetHint(text) + "give an http(s) URL or the path of a local MP4, MOV or WebM file");
    }
    return input instanceof ImageInput.Local local
        ? context.resolve(local.path()).toUri()
        : ((ImageInput.Remote) input).url();
  }

  private static ImageInput image(String text, CliContext context) {
    ImageInput input;
    try {
      input = ImageInput.parse(text);
    } catch (IllegalArgumentException e) {
      // The library's words already say what to give for a blank one; the hint says it once, not twice.
      String message = text.isBlank() ? "--image is blank" : "--image: " + e.getMessage();
      throw CliException.usage(message, assetHint(text) + "give an http(s) URL or the path of a local image file");
    }
    return input instanceof ImageInput.Local local ? ImageInput.file(context.resolve(local.path())) : input;
  }

  /** For an {@code asset:} text that names no asset, how to name one; otherwise nothing. */
  private static String assetHint(String text) {
    return text.trim().regionMatches(true, 0, "asset:", 0, 6)
        ? "name an uploaded asset as asset://ID (its id from the provider), or " : "";
  }
}
