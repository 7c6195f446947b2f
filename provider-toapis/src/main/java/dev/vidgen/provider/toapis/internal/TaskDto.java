package dev.vidgen.provider.toapis.internal;

import com.squareup.moshi.Json;

/**
 * A task as {@code POST /v1/videos/generations} and {@code GET /v1/videos/generations/{id}}
 * return it. Every field may be missing; numbers that are sometimes strings are read as text.
 *
 * @param taskId the legacy spelling of {@code id}
 * @param error an object with {@code code} (number or string) and {@code message}, or a string
 * @param data the legacy create answer {@code {"code":200,"data":[{"task_id":…}]}}
 * @param success with {@code message}, ToAPIs' refusal shape {@code {"success":false,"message":…}}; read as any
 *     JSON value, so that only a literal {@code false} counts
 */
public record TaskDto(
    String id,
    @Json(name = "task_id") String taskId,
    String model,
    String status,
    String progress,
    @Json(name = "created_at") String createdAt,
    @Json(name = "completed_at") String completedAt,
    @Json(name = "expires_at") String expiresAt,
    TaskResultDto result,
    Object error,
    @Json(name = "client_business_id") String clientBusinessId,
    Object data,
    @Json(name = "video_url") String videoUrl,
    Object success,
    Object message) {}
