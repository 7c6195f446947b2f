package dev.vidgen.provider.toapis.internal;

import com.squareup.moshi.Json;

/** One listed model; only its {@code id} matters to vidgen. */
public record ModelDto(String id, String object, @Json(name = "owned_by") String ownedBy) {}
