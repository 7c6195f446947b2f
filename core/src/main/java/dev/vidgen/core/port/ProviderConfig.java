package dev.vidgen.core.port;

import dev.vidgen.core.policy.Durations;
import dev.vidgen.core.text.SafeText;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings for creating a provider: string settings by name (such as {@code base_url} or
 * {@code timeout.read}) and, separately, the API key. {@code toString} never shows the key, nor a
 * setting named like a secret ({@code …secret…}, {@code …token…}, {@code …password…}, {@code …key…}),
 * a URL's user info, query or fragment, or any key-shaped value.
 */
public final class ProviderConfig {
  /** The base URL setting, such as {@code https://api.example.com}. */
  public static final String BASE_URL = "base_url";

  private final Map<String, String> settings;
  private final ApiKey apiKey;

  private ProviderConfig(Map<String, String> settings, ApiKey apiKey) {
    this.settings = Map.copyOf(settings);
    this.apiKey = apiKey;
  }

  /** No settings and no key. */
  public static ProviderConfig empty() {
    return new ProviderConfig(Map.of(), null);
  }

  /** A builder with no settings and no key. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this configuration. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.settings.putAll(settings);
    builder.apiKey = apiKey;
    return builder;
  }

  /** The setting called {@code name}, if given. */
  public Optional<String> get(String name) {
    return Optional.ofNullable(settings.get(name));
  }

  /**
   * The setting as a duration in vidgen's one grammar ({@code 30s}, {@code 1h30m}, {@code 500ms} or
   * ISO-8601 such as {@code PT30S}; see {@link Durations}), if given.
   *
   * @throws IllegalArgumentException naming the accepted forms when it is not a duration
   */
  public Optional<Duration> duration(String name) {
    return get(name).map(text -> {
      try {
        return Durations.parse(text);
      } catch (IllegalArgumentException notADuration) {
        // Said without the value when it looks like a key pasted into the wrong setting.
        throw new IllegalArgumentException(SafeText.mask(notADuration.getMessage()));
      }
    });
  }

  /** All settings. */
  public Map<String, String> settings() {
    return settings;
  }

  /** The API key, if given. */
  public Optional<ApiKey> apiKey() {
    return Optional.ofNullable(apiKey);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ProviderConfig config
        && config.settings.equals(settings)
        && Objects.equals(config.apiKey, apiKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(settings, apiKey);
  }

  @Override
  public String toString() {
    Map<String, String> shown = new LinkedHashMap<>();
    settings.forEach((name, value) ->
        shown.put(name, looksSecret(name) ? "…" : SafeText.mask(withoutUrlSecrets(value))));
    return "ProviderConfig" + shown + (apiKey == null ? "" : " with " + apiKey);
  }

  /** A URL's text with its user info ({@code name:password@}), query and fragment hidden: any may hold a secret. */
  private static String withoutUrlSecrets(String value) {
    if (!value.contains("://")) {
      return value;
    }
    return SafeText.withoutUrlSecrets(value);
  }

  /** Whether a setting's name says it holds a secret (a webhook secret, a token, a password), never shown. */
  private static boolean looksSecret(String name) {
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    return lower.contains("secret") || lower.contains("token") || lower.contains("password") || lower.contains("key");
  }

  /** Builds a {@link ProviderConfig}; not thread-safe. */
  public static final class Builder {
    private final Map<String, String> settings = new LinkedHashMap<>();
    private ApiKey apiKey;

    private Builder() {}

    /** Sets the setting {@code name} to {@code value}, replacing an earlier value; neither may be null. */
    public Builder set(String name, String value) {
      settings.put(Objects.requireNonNull(name, "name == null"), Objects.requireNonNull(value, "value == null"));
      return this;
    }

    /** Sets {@link #BASE_URL}, where the provider sends its requests; the provider's default when not set. */
    public Builder baseUrl(String baseUrl) {
      return set(BASE_URL, baseUrl);
    }

    /** The API key the provider sends; null (the default) for none. */
    public Builder apiKey(ApiKey apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /**
     * The API key as text, stripped of surrounding spaces; null (the default) for none.
     *
     * @throws dev.vidgen.core.error.ProviderConfigurationException if {@code apiKey} is blank
     */
    public Builder apiKey(String apiKey) {
      if (apiKey != null && apiKey.isBlank()) {
        throw new dev.vidgen.core.error.ProviderConfigurationException("the API key given is blank (such as an"
            + " environment variable that is set but empty); give the key itself (keys look like sk-…)");
      }
      this.apiKey = apiKey == null ? null : ApiKey.of(apiKey);
      return this;
    }

    /** A configuration with these settings and this key. */
    public ProviderConfig build() {
      return new ProviderConfig(settings, apiKey);
    }
  }
}
