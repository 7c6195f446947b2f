package dev.vidgen.serve;

import dev.vidgen.core.domain.ImageInput;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.json.JsonTrees;
import dev.vidgen.core.port.RequestPreview;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The page's job as text to paste elsewhere: a {@code vidgen generate} command and a cURL command.
 * Every argument is quoted for a POSIX shell; the key is never written, only {@code
 * $TOAPIS_API_KEY}, which the shell fills in.
 */
final class Commands {
  private Commands() {}

  /** {@code vidgen generate --model … --prompt '…' …} followed by the server's own options (such as {@code --provider mock}). */
  static String vidgen(VideoJob job, List<String> extraOptions) {
    List<String> words = new ArrayList<>(List.of("vidgen", "generate", "--model", job.model()));
    if (job.prompt() != null && !job.prompt().isEmpty()) {
      words.addAll(List.of("--prompt", job.prompt()));
    }
    for (ImageInput image : job.images()) {
      words.addAll(List.of("--image", image instanceof ImageInput.Local local ? local.path().toString() : image.toString()));
    }
    for (URI video : job.videos()) {
      words.addAll(List.of("--video", VideoJob.isLocalVideo(video) ? Path.of(video).toString() : video.toString()));
    }
    job.requestedMode().ifPresent(mode -> words.addAll(List.of("--mode", mode.id())));
    if (job.seconds() != null) {
      words.addAll(List.of("--seconds", job.seconds().toString()));
    }
    if (job.aspectRatio() != null) {
      words.addAll(List.of("--aspect-ratio", job.aspectRatio()));
    }
    if (job.resolution() != null) {
      words.addAll(List.of("--resolution", job.resolution()));
    }
    job.params().forEach((key, value) -> words.addAll(List.of("--param", key + "=" + paramText(value))));
    words.addAll(extraOptions);
    return String.join(" ", words.stream().map(Commands::quote).toList());
  }

  /**
   * A parameter's value as {@code --param} reads it back: JSON for anything but text, and text as
   * it is unless {@code --param} would read it as something else (then quoted as JSON).
   */
  static String paramText(Object value) {
    if (value instanceof String text) {
      boolean readOtherwise = text.strip().matches("true|false|-?[0-9]+([.][0-9]+)?([eE][-+]?[0-9]+)?")
          || text.strip().startsWith("{") || text.strip().startsWith("[") || text.strip().startsWith("\"");
      return readOtherwise ? JsonTrees.write(text) : text;
    }
    return JsonTrees.write(value);
  }

  /** A cURL command sending {@code preview} with the key from {@code $TOAPIS_API_KEY}, with notes on what it needs first. */
  static String curl(RequestPreview preview, VideoJob job) {
    StringBuilder text = new StringBuilder();
    if (!preview.url().startsWith("http://") && !preview.url().startsWith("https://")) {
      text.append("# The mock provider answers only inside vidgen; with TOAPIS_API_KEY set,\n")
          .append("# vidgen serve shows the real ToAPIs request here.\n");
    }
    for (ImageInput image : job.images()) {
      if (image instanceof ImageInput.Local local) {
        String name = local.path().getFileName().toString();
        text.append("# Upload ").append(name).append(" first and put its URL where the body says upload://")
            .append(name).append(" (vidgen generate does both for you).\n");
      }
    }
    text.append("curl -X ").append(quote(preview.method())).append(' ').append(quote(preview.url()));
    Map<String, String> headers = new TreeMap<>(preview.headers());
    headers.forEach((name, value) -> {
      text.append(" \\\n  -H ");
      if (name.equalsIgnoreCase("Authorization")) {
        text.append("\"Authorization: Bearer $TOAPIS_API_KEY\"");
      } else {
        text.append(quote(name + ": " + value));
      }
    });
    text.append(" \\\n  --data-raw ").append(quote(preview.body()));
    return text.toString();
  }

  /** {@code word} as one POSIX shell word: bare when safe, else in single quotes. */
  static String quote(String word) {
    if (!word.isEmpty() && word.matches("[A-Za-z0-9_./:@%+=,-]+")) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
