package dev.vidgen.provider.toapis.internal;

import java.util.List;

/**
 * The answer of {@code GET /v1/models}: {@code success}, {@code object} ({@code list}) and {@code
 * data}; a refusal may carry only {@code success:false} and {@code message}. Each entry of {@code data}
 * is read as it comes (an object with an {@code id}, or anything else, which is skipped), so that one odd
 * entry does not make the whole list unreadable.
 */
public record ModelListDto(Boolean success, String message, String object, List<Object> data) {}
