package dev.vidgen.core.validation;

import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.text.BrokenCharacters;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Errors for the text of a job that holds broken characters (unpaired UTF-16 surrogates): its prompt, model,
 * settings and each parameter's name and text, each of which would go out with {@code ?} in their place.
 */
final class BrokenTexts {
  private BrokenTexts() {}

  /** Adds to {@code found} an error for each text of {@code job} that holds a broken character. */
  static void check(VideoJob job, List<Violation> found) {
    check("model", job.model(), found);
    check("prompt", job.prompt(), found);
    check("aspect_ratio", job.aspectRatio(), found);
    check("resolution", job.resolution(), found);
    checkParams(job.params(), found);
  }

  /** Adds to {@code found} an error for each name or text of {@code params} ({@code params.NAME}) with one. */
  static void checkParams(Map<String, Object> params, List<Violation> found) {
    for (Map.Entry<String, Object> param : params.entrySet()) {
      check("params." + param.getKey(), param.getKey(), found);
      checkValue("params." + param.getKey(), param.getValue(), found);
    }
  }

  private static void checkValue(String field, Object value, List<Violation> found) {
    if (value instanceof String text) {
      check(field, text, found);
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        checkValue(field + "[" + i + "]", list.get(i), found);
      }
    } else if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String inner = field + "." + entry.getKey();
        check(inner, String.valueOf(entry.getKey()), found);
        checkValue(inner, entry.getValue(), found);
      }
    }
  }

  /** Adds to {@code found} an error for {@code text}, named {@code given}, when it holds a broken character. */
  static void check(String given, String text, List<Violation> found) {
    Optional<BrokenCharacters.Found> seen = BrokenCharacters.in(text);
    if (seen.isEmpty()) {
      return; // every validation looks at each text: nothing more is made for whole ones
    }
    // A parameter's name may hold one too: named with U+FFFD there, so that the words themselves stay whole.
    String field = given.codePoints().map(c -> Character.isSurrogate((char) c) && c < 0x10000 ? 0xFFFD : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    boolean said = found.stream()
        .anyMatch(v -> v.field().equals(field) && v.code().equals(ViolationCodes.TEXT_BROKEN_CHARACTER));
    if (said) {
      return;
    }
    BrokenCharacters.Found broken = seen.get();
    found.add(Violation.error(field, ViolationCodes.TEXT_BROKEN_CHARACTER, "U+"
        + String.format("%04X", (int) broken.first()) + " at position " + broken.position(),
        "whole characters (no unpaired UTF-16 surrogate)", BrokenCharacters.words(field, broken)));
  }
}
