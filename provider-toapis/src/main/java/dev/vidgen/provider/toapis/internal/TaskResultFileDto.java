package dev.vidgen.provider.toapis.internal;

import com.squareup.moshi.Json;

/** One file of a task's result; the video is the first. */
public record TaskResultFileDto(
    String url, String format, @Json(name = "last_frame_url") String lastFrameUrl) {}
