package dev.vidgen.provider.toapis;

import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.text.BrokenCharacters;
import dev.vidgen.core.validation.ValidationReport;
import dev.vidgen.core.validation.Violation;
import dev.vidgen.core.validation.ViolationCodes;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The backstop for a caller that skipped validation: a request body whose text holds a broken character (half of an
 * emoji), which the UTF-8 encoder would send as "?", is refused before it is encoded, naming where it is.
 */
final class BrokenBodyText {
  private BrokenBodyText() {}

  /**
   * {@code body}, the body of a request for {@code model}, as it is.
   *
   * @throws InvalidJobException when a name or text in it holds a broken character; nothing is sent
   */
  static <T> T refusedOrSame(T body, String model) {
    Optional<Violation> broken = first("body", body);
    if (broken.isPresent()) {
      throw new InvalidJobException(new ValidationReport(model, null, List.of(broken.get())));
    }
    return body;
  }

  private static Optional<Violation> first(String path, Object value) {
    if (value instanceof String text) {
      return BrokenCharacters.in(text).map(found -> Violation.error(path, ViolationCodes.TEXT_BROKEN_CHARACTER,
          String.format("U+%04X", (int) found.first()), "whole characters",
          BrokenCharacters.words(path, found) + "; nothing was sent"));
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String key = String.valueOf(entry.getKey());
        String inner = path + "." + (BrokenCharacters.in(key).isPresent() ? "(a name)" : key);
        Optional<Violation> found = first(inner, key).or(() -> first(inner, entry.getValue()));
        if (found.isPresent()) {
          return found;
        }
      }
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        Optional<Violation> found = first(path + "[" + i + "]", list.get(i));
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }
}
