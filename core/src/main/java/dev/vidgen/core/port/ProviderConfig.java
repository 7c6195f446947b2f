package dev.vidgen.core.port;

import dev.vidgen.core.error.ProviderConfigurationException;
import dev.vidgen.core.policy.Durations;
import dev.vidgen.core.text.SafeText;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings for creating a provider: string settings by name (such as {@code base_url} or
 * {@code timeout.read}) and, separately, the API key. {@code toString} never shows the key, nor a
 * setting named like a secret ({@code …secret…}, {@code …token…}, {@code …password…}, {@code …key…}),
 * a URL's user info, query or fragment, or any key-shaped value. It may also carry the {@link #clock()} of
 * the client the provider is made for, so that a provider that keeps time (the mock) keeps the client's.
 */
public final class ProviderConfig {
  /** The base URL setting, such as {@code https://api.example.com}. */
  public static final String BASE_URL = "base_url";

  private final Map<String, String> settings;
  private final ApiKey apiKey;
  private final Clock clock;

  private ProviderConfig(Map<String, String> settings, ApiKey apiKey, Clock clock) {
    this.settings = Map.copyOf(settings);
    this.apiKey = apiKey;
    this.clock = clock;
  }

  /** No settings and no key. */
  public static ProviderConfig empty() {
    return new ProviderConfig(Map.of(), null, null);
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
    builder.clock = clock;
    return builder;
  }

  /**
   * A copy that carries {@code clock}, unless this configuration carries a clock already (which is kept): how
   * a client and vidgen's Guice module give a provider they create the client's clock.
   */
  public ProviderConfig withClockIfAbsent(Clock clock) {
    Objects.requireNonNull(clock, "clock == null");
    return this.clock != null ? this : new ProviderConfig(settings, apiKey, clock);
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

  /**
   * The clock the provider should keep time by, if given: the client's (a virtual one in tests). A provider that
   * keeps no time of its own ignores it; one that does (the mock's task status) uses it instead of the system clock.
   */
  public Optional<Clock> clock() {
    return Optional.ofNullable(clock);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ProviderConfig config
        && config.settings.equals(settings)
        && Objects.equals(config.apiKey, apiKey)
        && Objects.equals(config.clock, clock);
  }

  @Override
  public int hashCode() {
    return Objects.hash(settings, apiKey, clock);
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
    private Clock clock;

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

    /**
     * The API key the provider sends. Left uncalled, there is none, and a provider may read its own environment
     * variable instead.
     *
     * @throws ProviderConfigurationException if {@code apiKey} is null
     */
    public Builder apiKey(ApiKey apiKey) {
      if (apiKey == null) {
        throw nullKey();
      }
      this.apiKey = apiKey;
      return this;
    }

    /**
     * The API key as text, stripped of surrounding spaces. Left uncalled, there is none, and a provider may read its
     * own environment variable instead.
     *
     * @throws ProviderConfigurationException if {@code apiKey} is null or blank
     */
    public Builder apiKey(String apiKey) {
      if (apiKey == null) {
        throw nullKey();
      }
      if (apiKey.isBlank()) {
        throw new ProviderConfigurationException("the API key given is blank (such as an"
            + " environment variable that is set but empty); give the key itself (keys look like sk-…)");
      }
      this.apiKey = ApiKey.of(apiKey);
      return this;
    }

    /** A null key is refused, as a blank one is: taken as "none", the provider would use whatever key its process has. */
    private static ProviderConfigurationException nullKey() {
      return new ProviderConfigurationException("the API key given is null (such as a key missing from the app's"
          + " own store); a null key is refused rather than taken as none, which would have the provider send the key"
          + " in its environment variable (perhaps another account's): give the key itself (keys look like sk-…), or"
          + " leave apiKey uncalled to have the provider read its environment variable");
    }

    /** The clock the provider keeps time by ({@link ProviderConfig#clock()}); null (the default) for the client's or the system's. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** A configuration with these settings, this key and this clock. */
    public ProviderConfig build() {
      return new ProviderConfig(settings, apiKey, clock);
    }
  }
}
