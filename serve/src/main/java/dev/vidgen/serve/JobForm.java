package dev.vidgen.serve;

import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.ImageInput;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.json.JsonTrees;
import dev.vidgen.core.json.LooksLikeJson;
import dev.vidgen.core.json.MalformedJsonException;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.text.SafeText;
import dev.vidgen.core.validation.ValidationReport;
import dev.vidgen.core.validation.Violation;
import dev.vidgen.serve.history.HistoryEntry;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads the page's form, sent as JSON, into a {@link VideoJob}: {@code model}, {@code mode},
 * {@code prompt}, {@code seconds}, {@code aspect_ratio}, {@code resolution}, {@code images} (each
 * {@code {"upload": id}} or {@code {"url": "https://…"}}), {@code videos} (each {@code {"url":
 * "https://…"}}) and {@code params}; {@code again} (true) says that the same job as a recent take
 * is meant, to be paid for again, and {@code again_after} names the take that was confirmed (the page
 * always sends it); {@code quoted_credits} is the price the page showed for the job (a number of
 * credits, or {@code "unknown"}), which a Generate must still cost. Only the shape is checked here (a field it does not know is
 * refused, not dropped); the model's rules are the validator's.
 */
final class JobForm {
  /** What to do about a body that is not one JSON object: true for the page and for a caller of the API alike. */
  static final String SEND_ONE_OBJECT = "send one JSON object, such as {\"model\": \"grok-video-1.5-preview\","
      + " \"prompt\": \"…\"}, as docs/playground.md shows";

  /** The form's fields, in the order the page shows them. */
  static final List<String> FIELDS =
      List.of("model", "mode", "prompt", "seconds", "aspect_ratio", "resolution", "images", "videos", "params", "again",
          "again_after", "quoted_credits");

  private JobForm() {}

  /**
   * {@code body} as the JSON object a form is.
   *
   * @throws Refusal (400) saying what the body is instead: empty, not JSON (where reading stopped, and why), or
   *     JSON of another kind
   */
  static Map<String, Object> object(String body) {
    if (body == null || body.isBlank()) {
      throw new Refusal(400, null, "the request has no body; the form is one JSON object", SEND_ONE_OBJECT);
    }
    Object value;
    try {
      value = JsonTrees.parse(body);
    } catch (MalformedJsonException e) {
      // Moshi's reason (cut short, trailing text, a key twice, not JSON at all) and where reading stopped.
      throw new Refusal(400, null, "the form is not valid JSON: " + SafeText.clip(SafeText.clean(e.getMessage()), 300),
          SEND_ONE_OBJECT);
    }
    if (value instanceof Map<?, ?>) {
      @SuppressWarnings("unchecked")
      Map<String, Object> form = (Map<String, Object>) value;
      return form;
    }
    String kind = value instanceof List<?> ? "a list" : value instanceof String ? "a string"
        : value instanceof Boolean ? "true or false" : value == null ? "null" : "a number";
    throw new Refusal(400, null, "the form is JSON but " + kind + ", not an object", SEND_ONE_OBJECT);
  }

  /**
   * The job the form describes, with what was wrong with the shape of its duration.
   *
   * @throws Refusal (400) naming the field whose shape is wrong
   */
  static Read read(String body, Uploads uploads) {
    Map<String, Object> form = object(body);
    List<String> unknown = form.keySet().stream().filter(key -> !FIELDS.contains(key)).sorted()
        .map(JobForm::shown).toList();
    if (!unknown.isEmpty()) {
      // A misspelt field would otherwise be dropped, and the job sent with its default.
      throw new Refusal(400, "form", "the form has no field" + (unknown.size() == 1 ? " " : "s ")
          + String.join(", ", unknown) + "; its fields are "
          + String.join(", ", FIELDS), "a model's own parameters go under params, such as {\"params\": {\"seed\": 7}}");
    }
    String model = text(form, "model");
    if (model == null || model.isBlank()) {
      throw new Refusal(400, "model", "choose a model", null);
    }
    VideoJob.Builder job = VideoJob.builder(model.strip())
        .prompt(text(form, "prompt"))
        .aspectRatio(blankToNull(text(form, "aspect_ratio")))
        .resolution(blankToNull(text(form, "resolution")));
    List<Violation> shape = new ArrayList<>();
    Object seconds = form.get("seconds");
    if (seconds != null && !(seconds instanceof String text && text.isBlank())) {
      // A duration that is no whole number is a violation beside the others, not a refusal that hides them.
      wholeSeconds(seconds).ifPresentOrElse(job::seconds, () -> shape.add(Violation.error("seconds",
          "seconds.not_whole", String.valueOf(seconds), "a positive whole number of seconds, such as 10",
          "seconds must be a positive whole number of seconds, such as 10 (or 0 or -1 for an automatic length, where"
              + " the model takes one); was " + seconds + (seconds instanceof String given && !isDecimal(given.strip())
              ? "; give digits only, such as 10" : ""))));
    }
    String mode = blankToNull(text(form, "mode"));
    if (mode != null) {
      job.mode(GenerationMode.parse(mode).orElseThrow(() -> new Refusal(400, "mode", "no such mode: " + mode, null)));
    }
    Object images = form.get("images");
    if (images instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        job.image(image(list.get(i), i, uploads));
      }
    } else if (images != null) {
      throw new Refusal(400, "images", "images must be a list", null);
    }
    Object videos = form.get("videos");
    if (videos instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        job.video(video(list.get(i), i));
      }
    } else if (videos != null) {
      throw new Refusal(400, "videos", "videos must be a list", null);
    }
    Object params = form.get("params");
    if (params instanceof Map<?, ?> map) {
      map.forEach((key, value) -> {
        if (value != null && HistoryEntry.holdsShortenedInline(value)) {
          // Copied from a job of the history, which keeps a long inline file shortened: it would send a stand-in.
          shape.add(Violation.error("params." + key, "param.shortened_inline", "a shortened inline file",
              "the file itself", "params." + key + " holds an inline file the history kept shortened (data:…,elided-…);"
                  + " give the file itself again"));
        } else if (value instanceof String text && quotedBracketText(text).isPresent()) {
          // The way to send a text that starts with [ or { (as --param's): in double quotes, which are taken off.
          job.param(key.toString(), quotedBracketText(text).get());
        } else if (value instanceof String text && LooksLikeJson.whyNot(text).isPresent()) {
          // A field the page reads as JSON when it can, and else as text: sent, it would be paid for as a string.
          String json = LooksLikeJson.quoted(text).orElse(null);
          shape.add(Violation.error("params." + key, "param.not_json", text.strip(),
              "JSON, or a text in double quotes when it starts with [ or {",
              "params." + key + ": " + text.strip() + " starts with " + text.strip().charAt(0) + " as JSON does, but is"
                  + " not JSON: " + LooksLikeJson.whyNot(text).get() + "; write it as JSON"
                  + (json == null ? ", with double quotes around each key and text" : ", such as " + json)
                  + " (a text meant as it is goes in double quotes, which are taken off: \"" + text.strip() + "\")"));
        } else if (value != null) {
          job.param(key.toString(), value);
        } else {
          shape.add(Violation.error("params." + key, "param.null", "null", "a value",
              "params." + key + " is null; leave it out instead"));
        }
      });
    } else if (params != null) {
      // Dropped, the job would be sent (and paid for) without what the caller asked of it.
      throw new Refusal(400, "params", "params must be an object of the model's own parameters, such as {\"seed\": 7};"
          + " was " + got(params), "send params as a JSON object, not a string or a list");
    }
    Object again = form.get("again");
    if (again != null && !(again instanceof Boolean)) {
      throw new Refusal(400, "again", "again must be true or false; was " + got(again),
          "send \"again\": true to pay for another take of the same job, or leave it out");
    }
    Object after = form.get("again_after");
    if (after != null && !(after instanceof String named && !named.isBlank() && named.length() <= 200)) {
      throw new Refusal(400, "again_after", "again_after must be the task id of the take the confirmation named;"
          + " was " + got(after), "send the task_id of the 409 same_job answer's same_job, or leave it out");
    }
    if (after != null && !Boolean.TRUE.equals(again)) {
      throw new Refusal(400, "again_after", "again_after goes with \"again\": true; again was "
          + (again == null ? "left out" : again),
          "send \"again\": true with it to pay for another take, or leave both out");
    }
    return new Read(job.build(), List.copyOf(shape), Boolean.TRUE.equals(again),
        after == null ? null : ((String) after).strip(), quoted(form.get("quoted_credits")));
  }

  /**
   * The form's job and what was wrong with the shape of a field the job then leaves out (such as
   * {@code seconds}), reported with the validator's violations; {@code again} when the form says
   * that another take of the same job is meant, {@code againAfter} the take that confirmation
   * named (null when it named none), and {@code quoted} the price the page showed (null when not sent).
   */
  private static Quoted quoted(Object value) {
    if (value == null) {
      return null;
    }
    if ("unknown".equals(value)) {
      return new Quoted(null);
    }
    if (value instanceof Number number) {
      BigDecimal credits = new BigDecimal(number.toString());
      if (credits.signum() >= 0) {
        return new Quoted(credits);
      }
    }
    throw new Refusal(400, "quoted_credits", "quoted_credits must be the credits the page showed for the job, a"
        + " number of 0 or more, or \"unknown\"; was " + got(value),
        "send the check's quote.credits (or \"unknown\" when its quote was not known), or leave it out");
  }

  /** The price the page showed for the job: {@code credits}, or null when it showed the price as unknown. */
  record Quoted(BigDecimal credits) {
    /** Whether {@code now}, the job's price at Generate, is not what the page showed. */
    boolean differsFrom(PriceQuote now) {
      if (credits == null || !now.isKnown()) {
        return (credits == null) == now.isKnown();
      }
      return credits.compareTo(now.credits()) != 0;
    }
  }

  record Read(VideoJob job, List<Violation> shape, boolean again, String againAfter, Quoted quoted) {
    /** {@code report} with the shape's violations first. */
    ValidationReport withShape(ValidationReport report) {
      if (shape.isEmpty()) {
        return report;
      }
      List<Violation> all = new ArrayList<>(shape);
      all.addAll(report.violations());
      return new ValidationReport(report.model(), report.mode(), all);
    }
  }

  /**
   * A duration given as a JSON number or as a string of ASCII digits with an optional fraction of zeros, surrounding
   * spaces ignored as the CLI's {@code --seconds} ignores them ({@code 10}, {@code 10.0}, {@code "10"}, {@code "10.0"},
   * {@code " 10 "}): a positive whole number.
   */
  private static Optional<Integer> wholeSeconds(Object seconds) {
    if (seconds instanceof String text && !isDecimal(text.strip())) {
      // BigDecimal would also read an exponent (1e1) and other scripts' digits (６, ٦), which the CLI refuses.
      return Optional.empty();
    }
    try {
      BigDecimal value = new BigDecimal(seconds.toString().strip());
      // 0 and -1 ask for an automatic length: the model's rules say whether it takes one.
      if (value.compareTo(BigDecimal.ONE.negate()) >= 0 && value.compareTo(BigDecimal.valueOf(100_000)) < 0
          && value.stripTrailingZeros().scale() <= 0) {
        return Optional.of(value.intValueExact());
      }
    } catch (NumberFormatException | ArithmeticException notWhole) {
      // Not a whole number.
    }
    return Optional.empty();
  }

  /** Plain decimal notation in ASCII digits: an optional sign and fraction, no exponent. */
  private static boolean isDecimal(String text) {
    return text.matches("[+-]?[0-9]+(\\.[0-9]+)?");
  }

  private static ImageInput image(Object item, int index, Uploads uploads) {
    String field = "images[" + index + "]";
    if (item instanceof Map<?, ?> map && map.get("upload") instanceof String id) {
      return ImageInput.file(uploads.find(id).orElseThrow(() -> new Refusal(400, field,
          field + ": no upload " + SafeText.clip(id, 40) + " is kept here (an upload of a"
              + " playground since stopped, or an id never given)", "upload the image again")).file());
    }
    if (item instanceof Map<?, ?> map && map.get("url") instanceof String url && !url.isBlank()) {
      URI image;
      try {
        image = URI.create(url.strip());
      } catch (IllegalArgumentException e) {
        throw new Refusal(400, field, field + ": not a URL: " + url, "give an https:// address of a JPEG, PNG or WebP image");
      }
      // A path is a file on this machine: the page sends files through its upload, never by name.
      if (image.getScheme() == null || image.getScheme().equalsIgnoreCase("file")) {
        throw new Refusal(400, field, field + ": the playground takes images by http(s) address or by upload, not "
            + url, "upload the file with the page's image field, or give an https:// address");
      }
      return new ImageInput.Remote(image);
    }
    throw new Refusal(400, field, field + ": an image is {\"url\": \"https://…\"} or {\"upload\": ID}, not "
        + got(item), "give each image of \"images\" as {\"url\": \"https://…\"} or {\"upload\": ID} (the id POST"
        + " /api/uploads answered)");
  }

  /** What a form gave in place of an object such as {@code {"url": …}}, in a few words for the refusal. */
  private static String got(Object item) {
    if (item instanceof String text) {
      String printable = text.replaceAll("[^\\p{Graph} ]", "?");
      return "a string (\"" + (printable.length() > 60 ? printable.substring(0, 60) + "…" : printable) + "\")";
    }
    if (item instanceof Map<?, ?> map) {
      return map.isEmpty() ? "an empty object" : "an object with " + map.keySet().stream()
          .map(key -> shown(String.valueOf(key))).limit(5).collect(Collectors.joining(", "))
          + (map.keySet().stream().anyMatch(key -> key.equals("url") || key.equals("upload"))
              ? " (\"url\" and \"upload\" are strings, not blank)" : "");
    }
    return item == null ? "null" : item instanceof List<?> ? "a list" : item instanceof Boolean ? "a boolean"
        : item instanceof Number ? "a number" : "a " + item.getClass().getSimpleName();
  }

  /** An input video by its address ({@code {"url": "https://…"}}): the page takes no local video files. */
  private static URI video(Object item, int index) {
    String field = "videos[" + index + "]";
    if (item instanceof Map<?, ?> map && map.get("url") instanceof String url && !url.isBlank()) {
      URI video;
      try {
        video = URI.create(url.strip());
      } catch (IllegalArgumentException e) {
        throw new Refusal(400, field, field + ": not a URL: " + url, "give an https:// address of an MP4, MOV or WebM video");
      }
      // A file: URI is a local video to the client, which would read and upload it: never from a page.
      if (video.getScheme() == null || VideoJob.isLocalVideo(video)) {
        throw new Refusal(400, field, field + ": the playground takes videos by http(s) address only, not " + url,
            "a local video goes through vidgen generate --video FILE");
      }
      return video;
    }
    throw new Refusal(400, field, field + ": a video is {\"url\": \"https://…\"}, not " + got(item),
        "give each video of \"videos\" as {\"url\": \"https://…\"}; a local video goes through vidgen generate --video FILE");
  }

  /** A field name from the request, quoted as the answer shows it: printable and short. */
  private static String shown(String key) {
    String printable = key.replaceAll("[^\\p{Graph} ]", "?");
    return "'" + (printable.length() > 40 ? printable.substring(0, 40) + "…" : printable) + "'";
  }

  /** A text field of the form; a number, list or object there is refused rather than sent as its text. */
  private static String text(Map<String, Object> form, String key) {
    Object value = form.get(key);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw new Refusal(400, key, key + " must be a string; was " + got(value), null);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  /**
   * The text inside {@code text} when it is a JSON string in double quotes whose text starts with {@code [} or
   * {@code {} (as {@code --param} reads {@code "[draft] hi"}); empty otherwise, so other quoted texts go as they are.
   */
  private static Optional<String> quotedBracketText(String text) {
    String value = text.strip();
    if (value.length() < 2 || !value.startsWith("\"") || !value.endsWith("\"")) {
      return Optional.empty();
    }
    return JsonTrees.tryParse(value).filter(String.class::isInstance).map(String.class::cast)
        .filter(inner -> inner.strip().startsWith("[") || inner.strip().startsWith("{"));
  }
}
