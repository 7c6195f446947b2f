package dev.vidgen.provider.toapis.internal;

import java.util.List;

/** {@code result} of a finished task: {@code {"type":"video","data":[{"url":…,"format":"mp4"}]}}. */
public record TaskResultDto(String type, List<TaskResultFileDto> data) {}
