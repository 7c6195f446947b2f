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
 * Turns what ToAPIs says about a task, from polling or from a webhook, into one {@link
 * TaskSnapshot}. {@code cancelled}, {@code canceled}, {@code expired} and {@code error} end the
 * task as failed with that word; statuses outside the known ones (such as {@code submitted}) count
 * as still queued, with the provider's word kept in {@link TaskSnapshot#rawStatus()}. A task's
 * {@code model} and {@code created_at} are kept as its origin. Text from the server (the word, the
 * model, the failure's code and message) is made safe to print.
 */
public final class TaskSnapshots {
  private TaskSnapshots() {}

  /**
   * The snapshot a create or status answer describes.
   *
   * @param fallbackId the id asked for, used when the answer names none; null for a create
   * @throws UnreadableResponseException when no task id is given, or a completed task names no video (one
   *     whose video URL is unusable is a completed snapshot with a {@link TaskSnapshot#resultProblem()})
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
    Map<?, ?> legacy = legacyEntry(task.data());
    String id = firstNonBlank(task.id(), task.taskId(), legacy == null ? null : Lenient.text(legacy.get("task_id")));
    if (id == null && fallbackId != null) {
      id = fallbackId.value();
    }
    if (id == null) {
      throw new UnreadableResponseException("the answer names no task id");
    }
    String status = firstNonBlank(task.status(), legacy == null ? null : Lenient.text(legacy.get("status")));
    String model = firstNonBlank(task.model(), legacy == null ? null : Lenient.text(legacy.get("model")));
    String createdAt = firstNonBlank(task.createdAt(), legacy == null ? null : Lenient.text(legacy.get("created_at")));
    return snapshot(TaskId.of(id), status, task.progress(), task.result(), task.error(),
        new Ending(task.expiresAt(), task.videoUrl()), clean, secret)
        .withOrigin(model == null ? null : SafeText.clip(clean.apply(model), ErrorMapper.WORD_CHARS),
            Lenient.instant(createdAt));
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
    String model = firstNonBlank(task.model());
    return snapshot(TaskId.of(id), task.status(), task.progress(), task.result(), task.error(),
        new Ending(task.expiresAt(), null), SafeText::clean, text -> false)
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
          : e.getMessage() + ": " + SafeText.clip(clean.apply(e.text.strip()), ErrorMapper.WORD_CHARS);
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
    List<TaskResultFileDto> files = result == null ? null : result.data();
    TaskResultFileDto first = files == null || files.isEmpty() ? null : files.get(0);
    boolean inResult = first != null && first.url() != null && !first.url().isBlank();
    String text = inResult ? first.url() : ending.videoUrl();
    if (text == null || text.isBlank()) {
      throw new UnreadableResponseException("task " + id + " is completed but names no video at result.data[0].url");
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
    return new VideoAsset(url, inResult ? first.format() : null, ending.expiry());
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
