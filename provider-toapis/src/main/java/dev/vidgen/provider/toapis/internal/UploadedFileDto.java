package dev.vidgen.provider.toapis.internal;

import com.squareup.moshi.Json;

/** An uploaded file; {@code url} goes into generation requests. */
public record UploadedFileDto(
    String id, String url, @Json(name = "mime_type") String mimeType, String size) {}
