package dev.vidgen.cli;

import dev.vidgen.core.port.ApiKey;
import java.util.List;
import java.util.Map;

/** The API keys an environment holds: the value of each {@code *_API_KEY} variable set, as a command reads it. */
final class EnvironmentKeys {
  private EnvironmentKeys() {}

  /** Each key of {@code env}, to be masked wherever vidgen shows or keeps text a provider may have echoed it in. */
  static List<ApiKey> of(Map<String, String> env) {
    return env.entrySet().stream()
        .filter(variable -> variable.getKey().endsWith("_API_KEY") && !variable.getValue().isBlank())
        .map(variable -> ApiKey.of(variable.getValue().strip())).toList();
  }
}
