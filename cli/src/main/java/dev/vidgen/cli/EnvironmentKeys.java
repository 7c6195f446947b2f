package dev.vidgen.cli;

import dev.vidgen.core.port.ApiKey;
import dev.vidgen.core.text.KeyMask;
import java.util.List;
import java.util.Map;

/** The API keys an environment holds: the value of each {@code *_API_KEY} variable set, as a command reads it. */
final class EnvironmentKeys {
  private EnvironmentKeys() {}

  /**
   * Each value of {@code env} that can be a real key, to be masked wherever vidgen shows or keeps text a provider may
   * have echoed it in. A value too short to be a real one ({@link KeyMask#isShort}, such as {@code ollama} or
   * {@code demo} in an unrelated variable) is left out: it would blank that word, a field name or a path in all output.
   */
  static List<ApiKey> of(Map<String, String> env) {
    return anyLength(env).stream().filter(key -> !KeyMask.isShort(key.reveal())).toList();
  }

  /** Each value of {@code env}, short ones too (masked only as whole words): for a provider factory's load failure. */
  static List<ApiKey> anyLength(Map<String, String> env) {
    return env.entrySet().stream()
        .filter(variable -> variable.getKey().endsWith("_API_KEY") && !variable.getValue().isBlank())
        .map(variable -> ApiKey.of(variable.getValue().strip())).toList();
  }
}
