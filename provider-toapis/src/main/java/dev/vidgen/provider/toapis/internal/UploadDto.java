package dev.vidgen.provider.toapis.internal;

/** The answer of {@code POST /v1/uploads/images}: {@code success}, {@code message}, {@code data}. */
public record UploadDto(Boolean success, String message, UploadedFileDto data) {}
