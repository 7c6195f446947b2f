package dev.vidgen.provider.toapis.internal;

import dev.vidgen.core.domain.TaskFailure;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.TaskStatus;
import dev.vidgen.core.domain.VideoAsset;
import dev.vidgen.core.text.SafeText;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Turns what ToAPIs says about a task, from polling, from a webhook or in answer to a create, into
 * one {@link TaskSnapshot}. {@code cancelled}, {@code canceled}, {@code expired} and {@code error} end the
 * task as failed with that word; statuses outside the known ones (such as {@code submitted}) count
 * as still queued, with the provider's word kept in {@link TaskSnapshot#rawStatus()}. A task's
 * {@code model} and {@code created_at} are kept as its origin, and a completed task's {@code completed_at} as when it
 * completed. Text from the server (the word, the model, the failure's code and message) is made safe to print.
 */
public final class TaskSnapshots {
  private TaskSnapshots() {}

  /**
   * The snapshot a status answer describes ({@link #fromCreate} reads a create's).
   *
   * @param fallbackId the id asked for, used when the answer names none; null when none was asked for
   * @throws UnreadableResponseException when no task id is given, when the answer is not the task (it names no
   *     status, and no task id either or an error or {@code success: false}: never read as queued), or a completed
   *     task names no video (one whose video URL is unusable is a completed snapshot with a {@link
   *     TaskSnapshot#resultProblem()})
   */
  public static TaskSnapshot fromTask(TaskDto task, TaskId fallbackId) throws UnreadableResponseException {
    return fromTask(task, fallbackId, SafeText::clean);
  }

  /**
   * As {@link #fromTask(TaskDto, TaskId)}, with the server's words (a status word, a failure's code
   * and message) made safe by {@code clean}, such as one that also masks the configured API key.
   */
  public static TaskSnapshot fromTask(TaskDto task, TaskId fallbackId, UnaryOperator<String> clean)
      throws UnreadableResponseException {
    return fromTask(task, fallbackId, clean, text -> false);
  }

  /**
   * As {@link #fromTask(TaskDto, TaskId, UnaryOperator)}; a video URL that {@code secret} finds a secret in
   * (the configured API key) is unusable: never shown whole, never fetched, so that the key goes nowhere else.
   */
  public static TaskSnapshot fromTask(TaskDto task, TaskId fallbackId, UnaryOperator<String> clean,
      java.util.function.Predicate<String> secret) throws UnreadableResponseException {
    return read(task, fallbackId, clean, secret, true);
  }

  /**
   * The snapshot the answer to a create, an extend or a remix describes, or a look-up by client reference (which
   * stands in for a create's lost answer): only a task id is needed. The create's documented answer has no
   * {@code result}, so one that says completed without naming a video is no final word: it is read as still
   * running ({@link TaskStatus#IN_PROGRESS}, the provider's word kept in {@link TaskSnapshot#rawStatus()}), and the
   * status read by id, which must name the video, decides. Any other answer reads as {@link #fromTask} reads it.
   *
   * @throws UnreadableResponseException when no task id is given
   */
  public static TaskSnapshot fromCreate(TaskDto task, UnaryOperator<String> clean,
      java.util.function.Predicate<String> secret) throws UnreadableResponseException {
    return read(task, null, clean, secret, false);
  }

  /**
   * Whether a create's answer is the server's refusal rather than a task: its {@code success} is literally
   * {@code false} and it names no task id ({@code id} or {@code task_id}) at its top, nor at any depth inside
   * {@code data} or {@code error}. ToAPIs refuses so on its upload and account endpoints, with HTTP 200.
   */
  public static boolean isRefusal(TaskDto task) {
    return Boolean.FALSE.equals(task.success()) && firstNonBlank(task.id(), task.taskId()) == null
        && !namesId(task.data(), 0) && !namesId(task.error(), 0);
  }

  /** Whether {@code value} holds a non-blank {@code id} or {@code task_id} anywhere within {@code depth}'s bound. */
  private static boolean namesId(Object value, int depth) {
    if (depth > MAX_DEPTH) {
      return true; // too deep to tell: not called a refusal
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (("id".equals(entry.getKey()) || "task_id".equals(entry.getKey()))
            && firstNonBlank(Lenient.text(entry.getValue())) != null) {
          return true;
        }
        if (namesId(entry.getValue(), depth + 1)) {
          return true;
        }
      }
    } else if (value instanceof List<?> list) {
      for (Object item : list) {
        if (namesId(item, depth + 1)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The first non-blank {@code id} or {@code task_id} within {@code value}, depth first; null for none. */
  private static String idIn(Object value, int depth) {
    if (depth > MAX_DEPTH) {
      return null;
    }
    if (value instanceof Map<?, ?> map) {
      String own = firstNonBlank(Lenient.text(map.get("id")), Lenient.text(map.get("task_id")));
      if (own != null) {
        return own;
      }
      for (Object inner : map.values()) {
        String found = idIn(inner, depth + 1);
        if (found != null) {
          return found;
        }
      }
    } else if (value instanceof List<?> list) {
      for (Object item : list) {
        String found = idIn(item, depth + 1);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /**
   * The task an answer wraps in a {@code data} object ({@code {"success":true,"data":{"id":…,"status":…}}}, as
   * ToAPIs wraps its upload and account answers), when the answer names neither an id nor a status of its own and
   * the object names either; null otherwise.
   */
  private static TaskDto enveloped(TaskDto task) {
    if (!(task.data() instanceof Map<?, ?> inner) || firstNonBlank(task.id(), task.taskId(), task.status()) != null) {
      return null;
    }
    TaskDto wrapped;
    try {
      wrapped = Json.moshi().adapter(TaskDto.class).fromJsonValue(inner);
    } catch (RuntimeException unreadable) {
      return null;
    }
    return wrapped != null && firstNonBlank(wrapped.id(), wrapped.taskId(), wrapped.status()) != null ? wrapped : null;
  }

  /** How deep {@link #namesId} looks; JSON nested deeper is not called a refusal. */
  private static final int MAX_DEPTH = 32;

  private static TaskSnapshot read(TaskDto task, TaskId fallbackId, UnaryOperator<String> clean,
      java.util.function.Predicate<String> secret, boolean needsVideo) throws UnreadableResponseException {
    TaskDto enveloped = enveloped(task);
    if (enveloped != null) {
      return read(enveloped, fallbackId, clean, secret, needsVideo);
    }
    Map<?, ?> legacy = legacyEntry(task.data());
    String id = firstNonBlank(task.id(), task.taskId(), legacy == null ? null : Lenient.text(legacy.get("task_id")),
        legacy == null ? null : Lenient.text(legacy.get("id")));
    String status = firstNonBlank(task.status(), legacy == null ? null : Lenient.text(legacy.get("status")));
    if (needsVideo && status == null && (id == null || ProviderWords.saysItFailed(task))) {
      // {"error":{…}}, {"success":false,…} or {} with HTTP 200: no word about the task, so never read as queued.
      String names = id == null ? "no task id and no status" : "no status";
      throw new UnreadableResponseException(ProviderWords.saysItFailed(task)
          ? "the status answer is an error, not the task (it names " + names + "): "
              + ProviderWords.in(task, clean).quoted()
          : "the status answer is not the task (it names " + names + "); " + ProviderWords.in(task, clean).quoted());
    }
    if (id == null && fallbackId == null) {
      // An answer naming its task's id anywhere in data or error is that task (as isRefusal reads it): kept, and
      // the status read by that id decides the rest.
      id = firstNonBlank(idIn(task.data(), 0), idIn(task.error(), 0));
    }
    if (id == null && fallbackId != null) {
      id = fallbackId.value();
    }
    if (id == null) {
      ProviderWords said = ProviderWords.in(task, clean);
      throw new UnreadableResponseException("the answer names no task id" + (said.any() ? "; " + said.quoted() : ""));
    }
    checkUsable(id, secret);
    String model = firstNonBlank(task.model(), legacy == null ? null : Lenient.text(legacy.get("model")));
    String createdAt = firstNonBlank(task.createdAt(), legacy == null ? null : Lenient.text(legacy.get("created_at")));
    String completedAt = firstNonBlank(task.completedAt(),
        legacy == null ? null : Lenient.text(legacy.get("completed_at")));
    Ending ending = new Ending(task.expiresAt(), task.videoUrl());
    boolean notFinal = !needsVideo && statusOf(status) == TaskStatus.COMPLETED
        && videoText(task.result(), ending) == null;
    TaskSnapshot snapshot = notFinal
        ? new TaskSnapshot(TaskId.of(id), TaskStatus.IN_PROGRESS, Lenient.percent(task.progress()),
            SafeText.clip(clean.apply(status.strip()), ErrorMapper.WORD_CHARS), null, null)
        : snapshot(TaskId.of(id), status, task.progress(), task.result(), task.error(), ending, clean, secret);
    TaskSnapshot withOrigin = snapshot.withOrigin(
        model == null ? null : SafeText.clip(clean.apply(model), ErrorMapper.WORD_CHARS), Lenient.instant(createdAt));
    // Only a completed task's: how long it ran is read from it (the wait checks it against its own clock).
    return snapshot.status() == TaskStatus.COMPLETED ? withOrigin.withCompletedAt(Lenient.instant(completedAt))
        : withOrigin;
  }

  /**
   * Refuses a task id vidgen could neither keep nor use: one holding the API key (in any form), which would
   * be shown, kept in the history and named in files; or {@code .} or {@code ..}, which cannot stand as a
   * path segment of the status address. A create so answered is ambiguous: its task may exist.
   */
  private static void checkUsable(String id, java.util.function.Predicate<String> secret)
      throws UnreadableResponseException {
    if (secret.test(id)) {
      throw new UnreadableResponseException("the answer's task id holds the API key (not shown); vidgen neither"
          + " keeps nor shows such an id");
    }
    if (id.strip().equals(".") || id.strip().equals("..")) {
      throw new UnreadableResponseException("the answer's task id is \"" + id.strip() + "\", which cannot be read"
          + " back (it is no usable path segment)");
    }
  }

  /**
   * The snapshot a webhook's {@code data} describes: {@code SUCCESS} is completed, {@code FAILURE}
   * failed, {@code "100%"} is 100; its {@code model} and {@code submitted_at} are the task's origin.
   *
   * @throws UnreadableResponseException when no task id is given, or a completed task names no video (one
   *     whose video URL is unusable is a completed snapshot with a {@link TaskSnapshot#resultProblem()})
   */
  public static TaskSnapshot fromWebhook(WebhookTaskDto task) throws UnreadableResponseException {
    String id = firstNonBlank(task.taskId());
    if (id == null) {
      throw new UnreadableResponseException("the webhook names no data.task_id");
    }
    // No key is at hand here: an id or a video link holding anything shaped like one is refused, as polling
    // refuses one holding the configured key.
    checkUsable(id, SafeText::holdsKeyShape);
    String model = firstNonBlank(task.model());
    return snapshot(TaskId.of(id), task.status(), Lenient.text(task.progress()), task.result(), task.error(),
        new Ending(task.expiresAt(), null), SafeText::clean, SafeText::holdsKeyShape)
        .withOrigin(model == null ? null : SafeText.clip(SafeText.clean(model), ErrorMapper.WORD_CHARS),
            Lenient.instant(task.submittedAt()));
  }

  /** The status a provider word stands for; unknown words are {@link TaskStatus#QUEUED}. */
  public static TaskStatus statusOf(String raw) {
    return switch (Lenient.word(raw)) {
      case "completed", "success", "succeeded" -> TaskStatus.COMPLETED;
      case "failed", "failure", "cancelled", "canceled", "expired", "error" -> TaskStatus.FAILED;
      // Words other APIs use for a running task: read as running, the word kept in rawStatus().
      case "in_progress", "processing", "running", "generating" -> TaskStatus.IN_PROGRESS;
      default -> TaskStatus.QUEUED;
    };
  }

  /** The words that end a task other than plain failure: the failure then carries the word as its code. */
  private static boolean isEndingWord(String raw) {
    return switch (Lenient.word(raw)) {
      case "cancelled", "canceled", "expired", "error" -> true;
      default -> false;
    };
  }

  private static boolean isKnown(String raw) {
    return switch (Lenient.word(raw)) {
      case "completed", "success", "succeeded", "failed", "failure", "in_progress", "queued" -> true;
      default -> false;
    };
  }

  /**
   * When a completed task's links end, and where its video is when {@code result} names none.
   *
   * @param expiresAt the answer's {@code expires_at}; none is guessed when it is missing (from
   *     {@code completed_at} and the documented 24 hours, say): a guess would make vidgen give up a
   *     paid video without trying its link, and trying costs nothing
   * @param videoUrl a top-level {@code video_url}, which some model pages show beside or instead of {@code result}
   */
  private record Ending(String expiresAt, String videoUrl) {
    java.time.Instant expiry() {
      return Lenient.instant(expiresAt);
    }
  }

  private static TaskSnapshot snapshot(
      TaskId id, String rawStatus, String progress, TaskResultDto result, Object error, Ending ending,
      UnaryOperator<String> clean, java.util.function.Predicate<String> secret) throws UnreadableResponseException {
    TaskStatus status = statusOf(rawStatus);
    String word = rawStatus == null || rawStatus.isBlank() || isKnown(rawStatus) ? null
        : SafeText.clip(clean.apply(rawStatus.strip()), ErrorMapper.WORD_CHARS);
    return switch (status) {
      case COMPLETED -> completed(id, word, result, ending, clean, secret);
      case FAILED -> new TaskSnapshot(id, status, Lenient.percent(progress), word, null,
          failure(error, isEndingWord(rawStatus) ? Lenient.word(rawStatus) : null, clean));
      default -> new TaskSnapshot(id, status, Lenient.percent(progress), word, null, null);
    };
  }

  /**
   * A completed task with its video; one whose video URL is not an absolute http(s) URL stays completed
   * (the provider's verdict, a paid task) with the URL's problem as its {@link TaskSnapshot#resultProblem()},
   * and is never fetched. Reading it again gives the same answer, so it is no passing fault.
   */
  private static TaskSnapshot completed(TaskId id, String word, TaskResultDto result, Ending ending,
      UnaryOperator<String> clean, java.util.function.Predicate<String> secret) throws UnreadableResponseException {
    try {
      return new TaskSnapshot(id, TaskStatus.COMPLETED, 100, word, video(id, result, ending, secret), null);
    } catch (UnusableUrlException e) {
      String problem = e.text.isBlank() ? e.getMessage()
          : e.getMessage() + ": " + SafeText.clip(clean.apply(SafeText.withoutUserInfo(e.text.strip())),
              ErrorMapper.WORD_CHARS);
      return new TaskSnapshot(id, TaskStatus.COMPLETED, 100, word, null, new TaskFailure(RESULT_UNUSABLE, problem));
    }
  }

  /** The code of the {@link TaskFailure} a completed task with an unusable video URL carries. */
  public static final String RESULT_UNUSABLE = "result_unusable";

  /** A video URL the answer names that is not an absolute http(s) URL with a host. */
  private static final class UnusableUrlException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String text;

    UnusableUrlException(String reason, String text) {
      super(reason, null, false, false);
      this.text = text;
    }
  }

  private static VideoAsset video(TaskId id, TaskResultDto result, Ending ending,
      java.util.function.Predicate<String> secret) throws UnreadableResponseException, UnusableUrlException {
    TaskResultFileDto first = firstFile(result);
    boolean inResult = first != null && first.url() != null && !first.url().isBlank();
    String text = videoText(result, ending);
    if (text == null) {
      // The provider's own verdict, so the words are about a done task whose answer lacks its link, not an outage.
      throw new UnreadableResponseException("the provider says task " + id + " is done (completed) but names no"
          + " video to download (no result.data[0].url, no video_url); a later read of the task may name it");
    }
    if (secret.test(text)) {
      // Not shown either: the key may be in it percent-encoded, which no masking of the key's own text would catch.
      throw new UnusableUrlException("the provider named a video URL that carries this client's API key, which"
          + " vidgen sends nowhere but to the API itself, so it is neither fetched nor shown", "");
    }
    URI url;
    try {
      url = ServerUrls.web(text, "the provider named a video URL");
    } catch (UnreadableResponseException e) {
      throw new UnusableUrlException(e.getMessage(), text);
    }
    String format = inResult ? first.format() : null;
    return new VideoAsset(url, format == null || format.isBlank() ? formatByEnding(url) : format, ending.expiry());
  }

  /**
   * The video format the URL's path ends with ({@code .webm}, {@code .mov}, {@code .m4v}), for a result that names
   * none; null (MP4, the default) for any other ending.
   */
  private static String formatByEnding(URI url) {
    String path = url.getPath() == null ? "" : url.getPath().toLowerCase(java.util.Locale.ROOT);
    for (String ending : List.of("webm", "mov", "m4v")) {
      if (path.endsWith("." + ending)) {
        return ending;
      }
    }
    return null;
  }

  /** The video URL's text an answer names ({@code result.data[0].url}, else {@code video_url}); null for none. */
  private static String videoText(TaskResultDto result, Ending ending) {
    TaskResultFileDto first = firstFile(result);
    String text = first != null && first.url() != null && !first.url().isBlank() ? first.url() : ending.videoUrl();
    return text == null || text.isBlank() ? null : text;
  }

  private static TaskResultFileDto firstFile(TaskResultDto result) {
    List<TaskResultFileDto> files = result == null ? null : result.data();
    return files == null || files.isEmpty() ? null : files.get(0);
  }

  /** The failure {@code error} describes; {@code word} (such as {@code cancelled}) is the code when it names none. */
  private static TaskFailure failure(Object error, String word, UnaryOperator<String> clean) {
    String code = null;
    String message = null;
    if (error instanceof Map<?, ?> map) {
      code = firstNonBlank(Lenient.text(map.get("code")), Lenient.text(map.get("type")));
      message = Lenient.text(map.get("message"));
    } else if (error != null) {
      message = Lenient.text(error);
    }
    String fallback = word == null ? "failed" : word;
    return new TaskFailure(
        code == null ? fallback : SafeText.clip(clean.apply(code), ErrorMapper.WORD_CHARS),
        message == null || message.isBlank()
            ? (word == null ? "ToAPIs gave no reason" : "ToAPIs reports the task as " + word)
            : SafeText.clip(clean.apply(message), ErrorMapper.MESSAGE_CHARS));
  }

  private static Map<?, ?> legacyEntry(Object data) {
    if (data instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> map) {
      return map;
    }
    return null;
  }

  private static String firstNonBlank(String... candidates) {
    for (String candidate : candidates) {
      if (candidate != null && !candidate.isBlank()) {
        return candidate.strip();
      }
    }
    return null;
  }
}
