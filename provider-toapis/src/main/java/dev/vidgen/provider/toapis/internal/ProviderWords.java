package dev.vidgen.provider.toapis.internal;

import dev.vidgen.core.text.SafeText;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What an answer that is no task says instead: its {@code error} object's message and code ({@code
 * {"error":{"code":"internal_error","message":…}}}), an {@code error} given as a string, or the {@code message} of
 * ToAPIs' refusal shape ({@code {"success":false,"message":…}}), quoted for an error message.
 *
 * @param message the provider's message, made safe and cut short; null when it gave none
 * @param code the provider's code, made safe and cut short; null when it gave none
 */
record ProviderWords(String message, String code) {

  /** The words {@code answer} carries, made safe by {@code clean} (which masks the API key) and cut short. */
  static ProviderWords in(TaskDto answer, UnaryOperator<String> clean) {
    String message = null;
    String code = null;
    if (answer.error() instanceof Map<?, ?> error) {
      message = firstNonBlank(Lenient.scalar(error.get("message")), Lenient.scalar(error.get("msg")),
          Lenient.scalar(error.get("detail")));
      code = firstNonBlank(Lenient.scalar(error.get("code")), Lenient.scalar(error.get("type")));
    } else if (answer.error() != null) {
      message = firstNonBlank(Lenient.scalar(answer.error()));
    }
    if (message == null) {
      message = firstNonBlank(Lenient.scalar(answer.message()));
    }
    return new ProviderWords(
        message == null ? null : SafeText.clip(clean.apply(message), ErrorMapper.MESSAGE_CHARS - 200),
        code == null ? null : SafeText.clip(clean.apply(code), ErrorMapper.WORD_CHARS));
  }

  /** Whether the answer carries an error ({@code error} set) or says {@code success: false}. */
  static boolean saysItFailed(TaskDto answer) {
    return answer.error() != null || Boolean.FALSE.equals(answer.success());
  }

  /** {@code the provider says "…" (code …)}, or {@code it gave no reason}. */
  String quoted() {
    if (message == null) {
      return code == null ? "it gave no reason" : "the provider gave only the code " + code;
    }
    return "the provider says \"" + message + "\"" + (code == null ? "" : " (code " + code + ")");
  }

  /** Whether the provider gave a message or a code. */
  boolean any() {
    return message != null || code != null;
  }

  private static String firstNonBlank(String... candidates) {
    for (String candidate : candidates) {
      if (candidate != null && !candidate.isBlank()) {
        return candidate.strip();
      }
    }
    return null;
  }
}
