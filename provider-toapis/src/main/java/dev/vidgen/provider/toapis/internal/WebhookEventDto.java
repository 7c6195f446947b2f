package dev.vidgen.provider.toapis.internal;

import com.squareup.moshi.Json;

/** A webhook delivery: {@code id} ({@code evt_…}), {@code type} and the task in {@code data}. */
public record WebhookEventDto(
    String id, String type, @Json(name = "created_at") String createdAt, WebhookTaskDto data) {}
