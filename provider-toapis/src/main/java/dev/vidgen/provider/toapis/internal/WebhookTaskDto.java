package dev.vidgen.provider.toapis.internal;

import com.squareup.moshi.Json;

/**
 * The task inside a webhook: {@code status} is {@code SUCCESS} or {@code FAILURE} and
 * {@code progress} a string such as {@code "100%"}, unlike polling. {@code progress} is read as any
 * JSON value: a cosmetic field of another shape must not make a task's final event unreadable.
 */
public record WebhookTaskDto(
    @Json(name = "task_id") String taskId,
    @Json(name = "client_business_id") String clientBusinessId,
    @Json(name = "task_type") String taskType,
    String model,
    String status,
    Object progress,
    TaskResultDto result,
    Object error,
    @Json(name = "expires_at") String expiresAt,
    @Json(name = "submitted_at") String submittedAt,
    @Json(name = "finished_at") String finishedAt) {}
