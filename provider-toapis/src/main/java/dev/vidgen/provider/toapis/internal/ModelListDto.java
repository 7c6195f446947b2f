package dev.vidgen.provider.toapis.internal;

import java.util.List;

/**
 * The answer of {@code GET /v1/models}: {@code success}, {@code object} ({@code list}) and {@code
 * data}; a refusal may carry only {@code success:false} and {@code message}.
 */
public record ModelListDto(Boolean success, String message, String object, List<ModelDto> data) {}
