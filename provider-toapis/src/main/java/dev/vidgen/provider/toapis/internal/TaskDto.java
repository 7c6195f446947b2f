package dev.vidgen.provider.toapis.internal;

import com.squareup.moshi.Json;

/**
 * A task as {@code POST /v1/videos/generations} and {@code GET /v1/videos/generations/{id}}
 * return it. Every field may be missing; numbers that are sometimes strings are read as text.
 *
 * @param taskId the legacy spelling of {@code id}
 * @param error an object with {@code code} (number or string) and {@code message}, or a string
 * @param data the legacy create answer {@code {"code":200,"data":[{"task_id":…}]}}
 * @param progressValue {@code progress}, read as any JSON value: an optional field of another shape is unknown,
 *     never a reason to leave a finished video unsaved (the same for the times below)
 * @param success with {@code message}, ToAPIs' refusal shape {@code {"success":false,"message":…}}; read as any
 *     JSON value, so that only a literal {@code false} counts
 */
public record TaskDto(
    String id,
    @Json(name = "task_id") String taskId,
    String model,
    String status,
    @Json(name = "progress") Object progressValue,
    @Json(name = "created_at") Object createdAtValue,
    @Json(name = "completed_at") Object completedAtValue,
    @Json(name = "expires_at") Object expiresAtValue,
    TaskResultDto result,
    Object error,
    @Json(name = "client_business_id") String clientBusinessId,
    Object data,
    @Json(name = "video_url") String videoUrl,
    Object success,
    Object message) {

  /** The progress as text (a number or a string), null when missing or of another shape ({@code true}, an object). */
  public String progress() {
    return Lenient.scalar(progressValue);
  }

  /** {@code created_at} as text, null when missing or of another shape. */
  public String createdAt() {
    return Lenient.scalar(createdAtValue);
  }

  /** {@code completed_at} as text, null when missing or of another shape. */
  public String completedAt() {
    return Lenient.scalar(completedAtValue);
  }

  /** {@code expires_at} as text, null when missing or of another shape. */
  public String expiresAt() {
    return Lenient.scalar(expiresAtValue);
  }
}
