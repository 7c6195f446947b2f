package dev.vidgen.serve;

import dev.vidgen.core.domain.ImageInput;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.json.JsonTrees;
import dev.vidgen.core.port.RequestPreview;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The page's job as text to paste elsewhere: a {@code vidgen generate} command and a cURL command.
 * Every argument is quoted for a POSIX shell; the key is never written, only the variable it is read
 * from ({@code $TOAPIS_API_KEY}, or another provider's), which the shell fills in.
 */
final class Commands {
  private Commands() {}

  /**
   * {@code vidgen generate --model … --prompt '…' …} followed by the server's own options (such as {@code --provider mock}),
   * each word quoted as {@link #word} quotes it.
   */
  static String vidgen(VideoJob job, List<String> extraOptions) {
    return vidgen(job, extraOptions, Map.of());
  }

  /**
   * {@link #vidgen(VideoJob, List)} with the parameters {@code asTyped} that are not JSON, kept as typed: the
   * command line refuses them as the page does, rather than running the job without them.
   */
  static String vidgen(VideoJob job, List<String> extraOptions, Map<String, String> asTyped) {
    List<String> words = new ArrayList<>(List.of("vidgen", "generate", "--model", job.model()));
    if (job.prompt() != null && !job.prompt().isEmpty()) {
      words.addAll(List.of("--prompt", job.prompt()));
    }
    for (ImageInput image : job.images()) {
      words.addAll(List.of("--image", image instanceof ImageInput.Local local ? local.path().toString() : image.toString()));
    }
    for (URI video : job.videos()) {
      words.addAll(List.of("--video", VideoJob.isLocalVideo(video) ? localVideo(video) : video.toString()));
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
    new TreeMap<>(asTyped).forEach((key, text) -> words.addAll(List.of("--param", key + "=" + text)));
    words.addAll(extraOptions);
    // As the command line prints commands: a word with a control or direction character in $'…' quotes, escaped.
    return String.join(" ", words.stream().map(Commands::word).toList());
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

  /**
   * A local video's {@code file:} URI as the path {@code --video} takes; the URI's own path where this system cannot
   * name the file (a C locale, where Java 17 names files in US-ASCII).
   */
  private static String localVideo(URI video) {
    try {
      return Path.of(video).toString();
    } catch (IllegalArgumentException unnameable) { // InvalidPathException among them
      return video.getPath() != null ? video.getPath() : video.toString();
    }
  }

  /** The path every create URL of the provider ends with; its uploads go to {@link #UPLOAD_PATH} beside it. */
  private static final String CREATE_PATH = "/v1/videos/generations";
  private static final String UPLOAD_PATH = "/v1/uploads/images";

  /** {@link #curl(RequestPreview, VideoJob, String, BasicCredentials)} for a preview whose Basic credentials are not known. */
  static String curl(RequestPreview preview, VideoJob job, String keyVariable) {
    return curl(preview, job, keyVariable, BasicCredentials.OTHER);
  }

  /**
   * cURL commands sending {@code preview} (masked) with the key from {@code $KEY_VARIABLE} in its
   * {@code Authorization} header, under the preview's own scheme (see {@link #keyHeader}): first one
   * upload per local image of {@code job} (multipart {@code file}), each answer's {@code data.url}
   * kept in a shell variable that the create's body then holds where the preview says {@code
   * upload://NAME}; the create is sent only when every upload gave a URL. Where uploads have no
   * known address (the mock), a note says what to upload first. The body's hidden characters are written as
   * JSON escapes, as {@link VisibleJson} shows them.
   */
  static String curl(RequestPreview preview, VideoJob job, String keyVariable, BasicCredentials basic) {
    return curl(preview, job, keyVariable, basic, KeyPlaces.NONE);
  }

  /**
   * {@link #curl(RequestPreview, VideoJob, String, BasicCredentials)} for a preview whose key stands masked in
   * {@code places}: there, in a header other than {@code Authorization} ({@code X-House-Key: hq-…}) or in the URL,
   * the copy carries {@code $KEY_VARIABLE} instead. Without a variable ({@code keyVariable} null or blank) the key's
   * places stay masked, and a comment says the command is refused so.
   */
  static String curl(RequestPreview preview, VideoJob job, String keyVariable, BasicCredentials basic,
      KeyPlaces keyPlaces) {
    boolean named = keyVariable != null && !keyVariable.isBlank();
    String masked = keyPlaces.masked();
    Map.Entry<String, String> authorization = preview.headers().entrySet().stream()
        .filter(header -> header.getKey().equalsIgnoreCase("Authorization")).findFirst().orElse(null);
    // Other headers holding the masked key, each as its -H word with the variable in the key's place.
    Map<String, String> withKey = new TreeMap<>();
    List<String> leftMasked = new ArrayList<>();
    if (masked != null && !masked.isEmpty()) {
      new TreeMap<>(preview.headers()).forEach((name, value) -> {
        if ((authorization == null || !name.equals(authorization.getKey())) && keyPlaces.headers().contains(name)
            && value != null && value.contains(masked)) {
          String word = named && name.matches("[A-Za-z0-9-]+") ? withVariable(name + ": " + value, masked, keyVariable)
              : null;
          if (word == null) {
            leftMasked.add("the " + name + " header");
          } else {
            withKey.put(name, word);
          }
        }
      });
    }
    String url = masked == null || masked.isEmpty() || !keyPlaces.url() || !preview.url().contains(masked)
        ? quote(preview.url())
        : named ? withVariable(preview.url(), masked, keyVariable) : null;
    if (url == null) {
      leftMasked.add("the URL");
      url = quote(preview.url());
    }
    String written = authorization == null ? (!withKey.isEmpty() ? withKey.values().iterator().next()
            : named ? "\"Authorization: Bearer $" + keyVariable + "\"" : quote("Authorization: Bearer <key>"))
        : named ? keyHeader(authorization.getKey(), authorization.getValue(), keyVariable, basic) : null;
    boolean asShown = authorization != null && written == null;
    String keyHeader = asShown ? quote(authorization.getKey() + ": " + authorization.getValue()) : written;
    StringBuilder text = new StringBuilder();
    boolean http = preview.url().startsWith("http://") || preview.url().startsWith("https://");
    if (!http) {
      text.append("# The mock provider answers only inside vidgen; with TOAPIS_API_KEY set,\n")
          .append("# vidgen serve shows the real ToAPIs request here.\n");
    }
    if (asShown && named) {
      text.append("# The ").append(authorization.getKey()).append(" header stands as the preview showed it, masked:\n")
          .append("# put in its credentials as the provider documents them, with the key from $")
          .append(keyVariable).append(".\n");
    } else if (asShown) {
      leftMasked.add(0, "the " + authorization.getKey() + " header");
    }
    if (!leftMasked.isEmpty()) {
      String places = leftMasked.size() == 1 ? leftMasked.get(0) : String.join(", ",
          leftMasked.subList(0, leftMasked.size() - 1)) + " and " + leftMasked.get(leftMasked.size() - 1);
      String show = leftMasked.size() == 1 ? " shows" : " show";
      text.append("# Not runnable as copied: ").append(places)
          .append(named ? show + " the key masked in a way the shell cannot fill in;\n"
              : show + " the key masked, and the provider names no variable to read it from;\n")
          .append("# put the key in by hand, as the provider documents it, or the provider refuses the request.\n");
    }
    Map<Path, String> variables = new LinkedHashMap<>();
    for (ImageInput image : job.images()) {
      if (image instanceof ImageInput.Local local) {
        variables.putIfAbsent(local.path().toAbsolutePath().normalize(), "IMAGE_" + (variables.size() + 1));
      }
    }
    String body = quote(preview.body());
    String reference = "\"" + RequestPreview.STAND_IN_REFERENCE + "\"";
    if (body.contains(reference)) {
      // Each copy is another create: a reference of its own, so that looking one up never finds another's task.
      text.append("# A client reference of this create's own, to look its task up by later\n")
          .append("REF=vg-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \\n')\n");
      body = body.replace(reference, "\"'\"$REF\"'\"");
    }
    if (!variables.isEmpty() && http && preview.url().endsWith(CREATE_PATH)) {
      String uploadUrl = preview.url().substring(0, preview.url().length() - CREATE_PATH.length()) + UPLOAD_PATH;
      variables.forEach((file, variable) -> text.append("# Upload ").append(file.getFileName())
          .append(" and keep the URL it answers with (data.url)\n")
          .append(variable).append("=$(curl -sS --fail -X POST ").append(quote(uploadUrl))
          .append(" \\\n  -H ").append(keyHeader)
          .append(" \\\n  -F ").append(quote("file=@" + formFile(file)))
          .append(" \\\n  | sed -n 's/.*\"url\" *: *\"\\([^\"]*\\)\".*/\\1/p' | sed 's#\\\\/#/#g')\n"));
      body = withUploadedUrls(body, job, variables);
      text.append("# Create the task with those URLs, once every upload gave one\n")
          .append(variables.values().stream().map(variable -> "[ -n \"$" + variable + "\" ] && ")
              .collect(Collectors.joining()));
    } else {
      List<Path> local = localImages(job);
      List<String> shown = dev.vidgen.core.text.UploadNames.of(local);
      Map<Path, String> names = new LinkedHashMap<>();
      for (int i = 0; i < local.size(); i++) {
        names.putIfAbsent(local.get(i).toAbsolutePath().normalize(), shown.get(i));
      }
      for (Path file : variables.keySet()) {
        String name = names.get(file);
        text.append("# Upload ").append(name).append(" first and put its URL where the body says upload://")
            .append(name).append(" (vidgen generate does both for you).\n");
      }
    }
    text.append("curl -X ").append(quote(preview.method())).append(' ').append(url);
    Map<String, String> headers = new TreeMap<>(preview.headers());
    headers.forEach((name, value) -> {
      text.append(" \\\n  -H ");
      if (authorization != null && name.equals(authorization.getKey())) {
        text.append(keyHeader);
      } else if (withKey.containsKey(name)) {
        text.append(withKey.get(name));
      } else {
        text.append(quote(name + ": " + value));
      }
    });
    // As the preview shows it: hidden characters as JSON escapes, which the server reads back as the same text.
    text.append(" \\\n  --data-raw ").append(VisibleJson.of(body));
    return text.toString();
  }

  /**
   * The copied command's {@code -H} word for the preview's key header {@code name: shown} (masked): the
   * preview's scheme followed by {@code $KEY_VARIABLE} ({@code Bearer $TOAPIS_API_KEY}), or the variable
   * alone when the value had no scheme. A {@code Basic} value is Base64 of the credentials, so the shell
   * encodes them when they are the key ({@code printf '%s' "$KEY_VARIABLE" | base64}) or the key and an empty
   * password; null for other credentials, or a scheme that is no plain word: the header stays as shown.
   */
  private static String keyHeader(String name, String shown, String keyVariable, BasicCredentials basic) {
    String value = shown == null ? "" : shown.strip();
    int space = value.indexOf(' ');
    String scheme = space < 0 ? "" : value.substring(0, space);
    if (!name.matches("[A-Za-z0-9-]+") || !scheme.matches("([A-Za-z][A-Za-z0-9_-]*)?")) {
      return null;
    }
    String variable = "$" + keyVariable;
    if (scheme.equalsIgnoreCase("Basic")) {
      return switch (basic) {
        case KEY -> "\"" + name + ": " + scheme + " $(printf '%s' \"" + variable + "\" | base64 | tr -d '\\n')\"";
        case KEY_AND_EMPTY_PASSWORD ->
            "\"" + name + ": " + scheme + " $(printf '%s:' \"" + variable + "\" | base64 | tr -d '\\n')\"";
        case OTHER -> null;
      };
    }
    return "\"" + name + ": " + (scheme.isEmpty() ? "" : scheme + " ") + variable + "\"";
  }

  /**
   * {@code text} as one double-quoted shell word with {@code $KEY_VARIABLE} wherever {@code masked} stood, the rest
   * kept as it reads ({@code "X-House-Key: $HOUSE_API_KEY"}); null when {@code text} holds a control character, which
   * such a word cannot carry as it is.
   */
  private static String withVariable(String text, String masked, String keyVariable) {
    if (text.chars().anyMatch(Character::isISOControl)) {
      return null;
    }
    StringBuilder word = new StringBuilder("\"");
    String[] parts = text.split(java.util.regex.Pattern.quote(masked), -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        // ${NAME} where a letter follows, which the shell would read as part of the name
        word.append(parts[i].matches("[A-Za-z0-9_].*") ? "${" + keyVariable + "}" : "$" + keyVariable);
      }
      word.append(parts[i].replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$").replace("`", "\\`"));
    }
    return word.append('"').toString();
  }

  /**
   * The quoted body with each local image's stand-in ({@code upload://NAME}, in the order of the
   * job's images) replaced by its variable, spliced out of the single quotes: {@code '"$IMAGE_1"'}.
   */
  private static String withUploadedUrls(String quotedBody, VideoJob job, Map<Path, String> variables) {
    StringBuilder spliced = new StringBuilder(quotedBody);
    java.util.Iterator<String> names = dev.vidgen.core.text.UploadNames.of(localImages(job)).iterator();
    int from = 0;
    for (ImageInput image : job.images()) {
      if (image instanceof ImageInput.Local local) {
        String standIn = standIn(names.next());
        int at = spliced.indexOf(standIn, from);
        if (at < 0) {
          continue; // the route sends this image elsewhere or not at all: nothing to replace
        }
        String variable = "'\"$" + variables.get(local.path().toAbsolutePath().normalize()) + "\"'";
        spliced.replace(at, at + standIn.length(), variable);
        from = at + variable.length();
      }
    }
    return spliced.toString();
  }

  /** The paths of {@code job}'s local images, in their order. */
  private static List<Path> localImages(VideoJob job) {
    return job.images().stream().filter(ImageInput.Local.class::isInstance)
        .map(image -> ((ImageInput.Local) image).path()).toList();
  }

  /**
   * How the quoted body shows a local image of that name, as {@code VidgenClient.preview} writes it: {@code upload://}
   * and the name as it reads, within the body's single quotes.
   */
  private static String standIn(String name) {
    return dev.vidgen.core.text.UploadNames.inJson(name).replace("'", "'\\''");
  }

  /** A file for curl's {@code -F name=@FILE}: as it is, or in double quotes when it holds a character curl reads there. */
  private static String formFile(Path file) {
    String path = file.toString();
    return path.matches("[^;,\"\\\\]*") ? path : "\"" + path.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /**
   * {@code word} as one word of a command the playground prints for a terminal (a {@code next}), quoted as the
   * command line quotes it: as {@link #quote}, but a word holding a control character in {@code $'…'} quotes with
   * that character escaped ({@code \x1B}), never raw.
   */
  static String word(String word) {
    return dev.vidgen.core.text.SafeText.command(word);
  }

  /** {@code word} as one POSIX shell word: bare when safe, else in single quotes. */
  static String quote(String word) {
    if (!word.isEmpty() && word.matches("[A-Za-z0-9_./:@%+=,-]+")) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
