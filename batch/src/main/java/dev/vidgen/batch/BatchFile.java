package dev.vidgen.batch;

import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.ImageInput;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.json.JsonTrees;
import dev.vidgen.core.json.MalformedJsonException;
import dev.vidgen.core.text.Utf8Text;
import dev.vidgen.core.validation.Violation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a jobs file: one JSON object per line with the fields {@code model}, {@code prompt},
 * {@code images}, {@code seconds}, {@code aspect_ratio}, {@code resolution}, {@code mode},
 * {@code params}, and optionally {@code id} and {@code out}. Blank lines are skipped. Every
 * problem of every line is reported; nothing is checked against a model's rules here.
 */
public final class BatchFile {
  /** The model of a line that names none, as on the command line. */
  public static final String DEFAULT_MODEL = "grok-video-1.5-preview";
  /** The fields a line may have. */
  public static final Set<String> FIELDS =
      Set.of("id", "out", "model", "prompt", "images", "videos", "seconds", "aspect_ratio", "resolution", "mode",
          "params");

  private BatchFile() {}

  /**
   * Reads {@code jobsFile}; relative image and video paths are taken from the file's folder.
   *
   * @throws Utf8Text.NotUtf8Exception naming the first line that is not UTF-8 text
   */
  public static List<BatchLine> read(Path jobsFile) throws IOException {
    Path base = jobsFile.toAbsolutePath().getParent();
    String text = Utf8Text.decode(Files.readAllBytes(jobsFile));
    try (BufferedReader lines = new BufferedReader(new StringReader(text))) {
      return parse(lines.lines().toList(), base);
    }
  }

  /** Reads lines of a jobs file; relative image and video paths are taken from {@code baseDir}. */
  public static List<BatchLine> parse(List<String> lines, Path baseDir) {
    List<BatchLine> result = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String text = lines.get(i);
      if (text.isBlank()) {
        continue;
      }
      result.add(parseLine(i + 1, text, baseDir));
    }
    return List.copyOf(result);
  }

  static BatchLine parseLine(int number, String text, Path baseDir) {
    Object parsed;
    try {
      parsed = JsonTrees.parse(text.startsWith("\uFEFF") ? text.substring(1) : text);
    } catch (MalformedJsonException e) {
      return broken(number, text, "line.not_json", "line " + number + " is not valid JSON: " + e.getMessage());
    }
    if (!(parsed instanceof Map<?, ?> raw)) {
      return broken(number, text, "line.not_object",
          "line " + number + " is not a JSON object; write one job per line as {\"model\": …, \"prompt\": …}");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> fields = (Map<String, Object>) raw;
    LineReader reader = new LineReader(number, fields, baseDir);
    return reader.read(Fingerprints.of(fields));
  }

  private static BatchLine broken(int number, String text, String code, String message) {
    return new BatchLine(number, null, null, null, Fingerprints.ofText(text),
        List.of(Violation.error("line", code, null, "a JSON object on one line", message)));
  }

  /** Turns one line's fields into a job, collecting every problem. */
  private static final class LineReader {
    private final int number;
    private final Map<String, Object> fields;
    private final Path baseDir;
    private final List<Violation> problems = new ArrayList<>();

    LineReader(int number, Map<String, Object> fields, Path baseDir) {
      this.number = number;
      this.fields = fields;
      this.baseDir = baseDir;
    }

    BatchLine read(String fingerprint) {
      for (String name : fields.keySet()) {
        if (!FIELDS.contains(name)) {
          problem(name, "line.unknown_field", name,
              name + " is not a job field; use " + String.join(", ", List.of("id", "out", "model", "prompt",
                  "images", "videos", "seconds", "aspect_ratio", "resolution", "mode", "params")));
        }
      }
      String id = text("id", true);
      if (id != null && (id.isBlank() || id.length() > 120 || id.chars().anyMatch(Character::isISOControl))) {
        problem("id", "line.bad_id", id, "id must be 1 to 120 printable characters");
        id = null;
      }
      String out = text("out", false);
      String model = text("model", false);
      VideoJob.Builder job = VideoJob.builder(model == null || model.isBlank() ? DEFAULT_MODEL : model.trim());
      job.prompt(text("prompt", false));
      job.images(images());
      videos(job);
      job.seconds(seconds());
      job.aspectRatio(text("aspect_ratio", false));
      job.resolution(text("resolution", false));
      String mode = text("mode", false);
      if (mode != null) {
        GenerationMode.parse(mode).ifPresentOrElse(job::mode, () -> problem("mode", "line.bad_mode", mode,
            "mode " + mode + " is not a mode; use text-to-video, image-to-video, reference-to-video or video-edit"));
      }
      Object params = fields.get("params");
      if (params instanceof Map<?, ?> map) {
        map.forEach((key, value) -> {
          if (value == null) {
            problem("params." + key, "line.null_param", "null", "params." + key + " is null; leave it out instead");
          } else {
            job.param(key.toString(), plain(value));
          }
        });
      } else if (params != null) {
        problem("params", "line.type", params.toString(), "params must be an object such as {\"seed\": 7}");
      }
      VideoJob built = problems.stream().anyMatch(Violation::isError) ? null : job.build();
      return new BatchLine(number, id, built, out, fingerprint, problems);
    }

    private String text(String name, boolean numberAllowed) {
      Object value = fields.get(name);
      if (value == null || value instanceof String) {
        return (String) value;
      }
      if (numberAllowed && (value instanceof Long || value instanceof java.math.BigInteger)) {
        return value.toString();
      }
      if (numberAllowed && value instanceof BigDecimal number) {
        return number.toPlainString();
      }
      problem(name, "line.type", value.toString(), name + " must be a string");
      return null;
    }

    private Integer seconds() {
      Object value = fields.get("seconds");
      if (value == null) {
        return null;
      }
      try {
        if (value instanceof Long number) {
          return Math.toIntExact(number);
        }
        if (value instanceof String text && !text.strip().matches("[+-]?[0-9]+(\\.[0-9]+)?")) {
          // ASCII digits only, as the CLI's --seconds: BigDecimal would also read 1e1 and other scripts' digits (６).
          problem("seconds", "line.type", text, "seconds must be a whole number; give digits only, such as 10");
          return null;
        }
        BigDecimal number = value instanceof BigDecimal n ? n : new BigDecimal(value.toString().strip());
        return number.intValueExact();
      } catch (ArithmeticException | NumberFormatException e) {
        problem("seconds", "line.type", value.toString(), "seconds must be a whole number such as 10");
        return null;
      }
    }

    private List<ImageInput> images() {
      List<ImageInput> images = new ArrayList<>();
      for (Item item : items("images")) {
        try {
          ImageInput image = ImageInput.parse(item.text());
          if (image instanceof ImageInput.Local local) {
            image = ImageInput.file(fromBaseDir(local.path()));
          }
          images.add(image);
        } catch (IllegalArgumentException e) {
          problem(item.field(), "line.bad_image", item.text(), item.field() + ": " + e.getMessage());
        }
      }
      return images;
    }

    /** Adds the line's input videos: http(s) URLs, or local files (read from the jobs file's folder). */
    private void videos(VideoJob.Builder job) {
      for (Item item : items("videos")) {
        try {
          ImageInput parsed = ImageInput.parse(item.text());
          if (parsed instanceof ImageInput.Local local) {
            job.video(fromBaseDir(local.path()));
          } else {
            job.video(((ImageInput.Remote) parsed).url());
          }
        } catch (IllegalArgumentException e) {
          problem(item.field(), "line.bad_video", item.text(),
              item.field() + ": " + e.getMessage().replace("image", "video"));
        }
      }
    }

    private Path fromBaseDir(Path path) {
      return path.isAbsolute() || baseDir == null ? path : baseDir.resolve(path).normalize();
    }

    /** The texts of the list {@code name} (one text is read as a list of one); any other item is a problem. */
    private List<Item> items(String name) {
      Object value = fields.get(name);
      List<Item> texts = new ArrayList<>();
      if (value == null) {
        return texts;
      }
      List<?> items = value instanceof List<?> list ? list : List.of(value);
      for (int i = 0; i < items.size(); i++) {
        String field = name + "[" + i + "]";
        if (items.get(i) instanceof String text) {
          texts.add(new Item(field, text));
        } else {
          problem(field, "line.type", String.valueOf(items.get(i)), field + " must be a URL or a file path in quotes");
        }
      }
      return texts;
    }

    /** One text of a list field, with its name such as {@code images[1]}. */
    private record Item(String field, String text) {}

    private void problem(String field, String code, String given, String message) {
      problems.add(Violation.error(field, code, given, null, "line " + number + ": " + message));
    }

    /** The value as a parameter: numbers exactly as written ({@code 0.05} stays {@code 0.05}). */
    private static Object plain(Object value) {
      if (value instanceof List<?> list) {
        return list.stream().map(item -> item == null ? "" : plain(item)).toList();
      }
      if (value instanceof Map<?, ?> map) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k.toString(), v == null ? "" : plain(v)));
        return copy;
      }
      return value;
    }
  }
}
