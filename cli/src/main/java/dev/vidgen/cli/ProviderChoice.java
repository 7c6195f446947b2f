package dev.vidgen.cli;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which provider a command talks to and why: {@code --provider}, else {@code VIDGEN_PROVIDER},
 * else the provider named by an encoded job handle, else {@code toapis} when {@code
 * TOAPIS_API_KEY} is set, else the offline {@code mock} (with a notice).
 *
 * @param source how the choice was made, for {@code --verbose} and messages
 * @param fellBackToMock whether nothing chose a provider and the mock was taken
 */
record ProviderChoice(String id, String source, boolean fellBackToMock) {
  static final String TOAPIS = "toapis";
  static final String MOCK = "mock";
  static final String PROVIDER_VARIABLE = "VIDGEN_PROVIDER";
  static final String KEY_VARIABLE = "TOAPIS_API_KEY";
  static final String BASE_URL_VARIABLE = "TOAPIS_BASE_URL";
  static final String DEFAULT_BASE_URL = "https://toapis.com";

  ProviderChoice {
    Objects.requireNonNull(id, "id == null");
    id = id.strip().toLowerCase(Locale.ROOT);
  }

  /**
   * The provider for one command.
   *
   * @param flag the value of {@code --provider}, or null
   * @param fromHandle the provider an encoded job handle names, or null
   */
  static ProviderChoice choose(String flag, CliContext context, String fromHandle) {
    if (flag != null && !flag.isBlank()) {
      return new ProviderChoice(flag, "--provider", false);
    }
    Optional<String> variable = context.variable(PROVIDER_VARIABLE);
    if (variable.isPresent()) {
      return new ProviderChoice(variable.get(), PROVIDER_VARIABLE, false);
    }
    if (fromHandle != null && !fromHandle.isBlank()) {
      return new ProviderChoice(fromHandle, "the job handle", false);
    }
    if (context.variable(KEY_VARIABLE).isPresent()) {
      return new ProviderChoice(TOAPIS, KEY_VARIABLE + " is set", false);
    }
    return new ProviderChoice(MOCK, "no " + KEY_VARIABLE + " is set", true);
  }

  /** The base URL: {@code --base-url}, else {@code TOAPIS_BASE_URL}, else {@value #DEFAULT_BASE_URL}. */
  static String baseUrl(String flag, CliContext context) {
    if (flag != null && !flag.isBlank()) {
      return flag.strip();
    }
    return context.variable(BASE_URL_VARIABLE).orElse(DEFAULT_BASE_URL);
  }

  boolean isToApis() {
    return TOAPIS.equals(id);
  }
}
