package dev.vidgen.cli;

import dev.vidgen.core.port.ApiKey;
import dev.vidgen.core.port.VideoProviders;
import dev.vidgen.core.text.SafeText;
import java.util.List;
import java.util.Map;

/**
 * The provider factories on the class path that failed to load, each named with its cause, as core's selection
 * reports them; read before the command line falls back to a provider nothing named, which it then does not do.
 */
final class ProviderLoadFailures {
  private ProviderLoadFailures() {}

  /**
   * Each factory of the class path that could not be loaded or made, or whose id is not a provider id: its
   * type name and cause, as core's selection says it, with every {@code *_API_KEY} value of {@code env} masked.
   */
  static List<String> of(Map<String, String> env) {
    return VideoProviders.loadFailures().stream().map(text -> masked(text, env)).toList();
  }

  /** {@code text} with each key the environment holds masked, in clear or encoded, and key-shaped words too. */
  private static String masked(String text, Map<String, String> env) {
    List<ApiKey> keys = EnvironmentKeys.anyLength(env);
    return SafeText.clean(text, List.of(), shown -> {
      String hidden = shown;
      for (ApiKey key : keys) {
        hidden = key.maskIn(hidden);
      }
      return hidden;
    });
  }
}
