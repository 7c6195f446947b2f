package dev.vidgen.provider.toapis;

import dev.vidgen.core.error.ProviderConfigurationException;
import dev.vidgen.core.port.ApiKey;
import dev.vidgen.core.port.ProviderConfig;
import dev.vidgen.core.text.AsciiDigits;
import dev.vidgen.core.text.EditDistance;
import dev.vidgen.core.text.SafeText;
import dev.vidgen.provider.toapis.internal.BaseUrls;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Everything the ToAPIs provider needs: the API key, the base URL, timeouts, how many requests may
 * run at once, and optionally an {@link OkHttpClient} of the app's (for proxies, TLS or a shared
 * pool). A key or base URL left out is read from {@value #API_KEY_ENV} and {@value #BASE_URL_ENV}.
 * Immutable and thread-safe; {@code toString} never shows the key.
 */
public final class ToApisConfig {
  /** The international service. */
  public static final String DEFAULT_BASE_URL = "https://toapis.com";
  /** The service for mainland China (same paths). */
  public static final String CHINA_BASE_URL = "https://toapis.cn";
  /** The environment variable read when no key is configured. */
  public static final String API_KEY_ENV = "TOAPIS_API_KEY";
  /** The environment variable read when no base URL is configured. */
  public static final String BASE_URL_ENV = "TOAPIS_BASE_URL";

  /** Setting: time to open a connection ({@code 10s} by default). */
  public static final String CONNECT_TIMEOUT = "timeout.connect";
  /**
   * Setting: longest silence while reading an answer. File uploads and result downloads use {@link
   * #DEFAULT_SILENCE_TIMEOUT} unless it is set; other API calls use it only when it is set (or when
   * there is no call timeout), since the call timeout already bounds them.
   */
  public static final String READ_TIMEOUT = "timeout.read";
  /** Setting: longest stall while sending a request; defaults as {@value #READ_TIMEOUT}. */
  public static final String WRITE_TIMEOUT = "timeout.write";
  /**
   * The read and write timeouts of file uploads and result downloads (which have no call timeout)
   * and of other API calls when {@value #CALL_TIMEOUT} is {@code 0s}: 60 s.
   */
  public static final Duration DEFAULT_SILENCE_TIMEOUT = Duration.ofSeconds(60);
  /** Setting: the whole of one API call, uploads and downloads excepted ({@code 120s}; {@code 0s} for none). */
  public static final String CALL_TIMEOUT = "timeout.call";
  /**
   * Setting: HTTP calls in flight at once, in total and per host, each on a thread of its own
   * ({@value #DEFAULT_MAX_REQUESTS} by default); the others wait their turn in a queue.
   */
  public static final String MAX_REQUESTS = "max_requests";
  /**
   * The default of {@value #MAX_REQUESTS}: enough for ToAPIs' default rate group (5 creates/s and 50
   * reads/s at a few hundred milliseconds a call) while keeping a whole JVM with 10,000 jobs in
   * flight to about 16 threads. See {@code docs/providers/toapis.md}.
   */
  public static final int DEFAULT_MAX_REQUESTS = 5;
  /** Setting: the account's rate-limit group, {@code default}, {@code vip} or {@code svip} ({@code default}). */
  public static final String RATE_TIER = "rate_tier";

  /** Setting: the largest API answer read, such as {@code 8MB} (the default), {@code 512KB} or bytes. */
  public static final String MAX_ANSWER_SIZE = "max_answer_size";
  /** The default of {@value #MAX_ANSWER_SIZE}: 8 MiB, thousands of times a status answer. */
  public static final long DEFAULT_MAX_ANSWER_BYTES = 8L * 1024 * 1024;

  /**
   * Setting: the proxy for https URLs, {@code http://[USER:PASSWORD@]HOST:PORT} ({@link ToApisProxy}); Java's
   * {@code https.proxyHost}, when set, wins. The CLI fills it from {@code HTTPS_PROXY}.
   */
  public static final String HTTPS_PROXY = "https_proxy";
  /** Setting: the proxy for http URLs, as {@value #HTTPS_PROXY}; Java's {@code http.proxyHost}, when set, wins. */
  public static final String HTTP_PROXY = "http_proxy";
  /** Setting: hosts reached without those proxies, a comma list of names, {@code .domains}, {@code host:port} or {@code *}. */
  public static final String NO_PROXY = "no_proxy";

  /** A size as {@value #MAX_ANSWER_SIZE} takes it, in ASCII digits ({@code \d} is 0-9 only). */
  private static final Pattern SIZE = Pattern.compile("(?i)\\s*(\\d{1,12})\\s*(b|kb|kib|mb|mib|gb|gib)?\\s*");

  static final List<String> SETTINGS = List.of(
      ProviderConfig.BASE_URL, CONNECT_TIMEOUT, READ_TIMEOUT, WRITE_TIMEOUT, CALL_TIMEOUT, MAX_REQUESTS,
      MAX_ANSWER_SIZE, RATE_TIER, HTTPS_PROXY, HTTP_PROXY, NO_PROXY);

  private final HttpUrl baseUrl;
  private final ApiKey apiKey;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration writeTimeout;
  private final Duration callTimeout;
  private final int maxRequests;
  private final ToApisRateTier rateTier;
  private final long maxAnswerBytes;
  private final OkHttpClient httpClient;
  private final ToApisProxy httpsProxy;
  private final ToApisProxy httpProxy;
  private final String noProxy;
  private final Clock clock;

  private ToApisConfig(Builder builder, HttpUrl baseUrl, ApiKey apiKey) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
    this.connectTimeout = builder.connectTimeout;
    this.readTimeout = builder.readTimeout;
    this.writeTimeout = builder.writeTimeout;
    this.callTimeout = builder.callTimeout;
    this.maxRequests = builder.maxRequests;
    this.rateTier = builder.rateTier;
    this.maxAnswerBytes = builder.maxAnswerBytes;
    this.httpClient = builder.httpClient;
    this.httpsProxy = builder.httpsProxy;
    this.httpProxy = builder.httpProxy;
    this.noProxy = builder.noProxy;
    this.clock = builder.clock;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder(System::getenv);
  }

  /**
   * The configuration a generic {@link ProviderConfig} describes: its key, and the settings
   * {@code base_url}, {@code timeout.connect}, {@code timeout.read}, {@code timeout.write},
   * {@code timeout.call}, {@code max_requests}, {@code max_answer_size}, {@code rate_tier}, {@code https_proxy},
   * {@code http_proxy} and {@code no_proxy}. Settings of other
   * providers (a prefix such as {@code mock.}) are ignored.
   *
   * @throws ProviderConfigurationException for an unknown setting, a bad value, no key, or an
   *     unsafe base URL
   */
  public static ToApisConfig from(ProviderConfig config) {
    return from(config, System::getenv);
  }

  static ToApisConfig from(ProviderConfig config, Function<String, String> environment) {
    Objects.requireNonNull(config, "config == null");
    Set<String> unknown = new LinkedHashSet<>();
    for (String name : config.settings().keySet()) {
      if (!SETTINGS.contains(name) && !belongsToAnotherProvider(name)) {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      List<String> near = unknown.stream().map(ToApisConfig::nearestSetting).flatMap(Optional::stream).distinct()
          .toList();
      throw new ProviderConfigurationException("unknown toapis " + (unknown.size() == 1 ? "setting " : "settings ")
          + unknown + (near.isEmpty() ? "" : " (did you mean " + String.join(" or ", near) + "?)") + "; the settings are "
          + SETTINGS);
    }
    Builder builder = new Builder(environment);
    config.apiKey().ifPresent(builder::apiKey);
    config.get(ProviderConfig.BASE_URL).ifPresent(builder::baseUrl);
    duration(config, CONNECT_TIMEOUT).ifPresent(builder::connectTimeout);
    duration(config, READ_TIMEOUT).ifPresent(builder::readTimeout);
    duration(config, WRITE_TIMEOUT).ifPresent(builder::writeTimeout);
    duration(config, CALL_TIMEOUT).ifPresent(builder::callTimeout);
    config.get(MAX_REQUESTS).ifPresent(text -> builder.maxRequests(integer(MAX_REQUESTS, text)));
    config.get(RATE_TIER).ifPresent(text -> builder.rateTier(ToApisRateTier.parse(text).orElseThrow(() ->
        new ProviderConfigurationException("toapis setting " + RATE_TIER + " must be default, vip or svip, not '"
            + SafeText.mask(text) + "'"))));
    config.get(MAX_ANSWER_SIZE).ifPresent(text -> builder.maxAnswerBytes(bytes(MAX_ANSWER_SIZE, text)));
    config.get(HTTPS_PROXY).filter(text -> !text.isBlank())
        .ifPresent(text -> builder.httpsProxy(ToApisProxy.parse(text, "toapis setting " + HTTPS_PROXY)));
    config.get(HTTP_PROXY).filter(text -> !text.isBlank())
        .ifPresent(text -> builder.httpProxy(ToApisProxy.parse(text, "toapis setting " + HTTP_PROXY)));
    config.get(NO_PROXY).ifPresent(builder::noProxy);
    return builder.build();
  }

  /** A builder that starts from this configuration. */
  public Builder toBuilder() {
    Builder builder = new Builder(name -> null);
    builder.apiKey = apiKey;
    builder.baseUrl = baseUrl.toString();
    builder.connectTimeout = connectTimeout;
    builder.readTimeout = readTimeout;
    builder.writeTimeout = writeTimeout;
    builder.callTimeout = callTimeout;
    builder.maxRequests = maxRequests;
    builder.rateTier = rateTier;
    builder.maxAnswerBytes = maxAnswerBytes;
    builder.httpClient = httpClient;
    builder.httpsProxy = httpsProxy;
    builder.httpProxy = httpProxy;
    builder.noProxy = noProxy;
    builder.clock = clock;
    return builder;
  }

  /** The base URL, ending in {@code /}, such as {@code https://toapis.com/}. */
  public URI baseUrl() {
    return baseUrl.uri();
  }

  HttpUrl httpBaseUrl() {
    return baseUrl;
  }

  /** The API key; use {@link ApiKey#masked()} to show it. */
  public ApiKey apiKey() {
    return apiKey;
  }

  /** The longest wait to open a connection; 10 s by default. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /**
   * The longest silence while reading, for uploads, result downloads and API calls without a call
   * timeout ({@link #DEFAULT_SILENCE_TIMEOUT} unless set); other API calls use it only when set.
   */
  public Duration readTimeout() {
    return readTimeout != null ? readTimeout : DEFAULT_SILENCE_TIMEOUT;
  }

  /** The longest stall while sending; defaults and applies as {@link #readTimeout()} does. */
  public Duration writeTimeout() {
    return writeTimeout != null ? writeTimeout : DEFAULT_SILENCE_TIMEOUT;
  }

  /**
   * The read timeout of API calls: as set, else none while the call timeout bounds each call. A
   * timeout on every read inside a call that is bounded anyway would only wake Okio's watchdog
   * thread at each read (see {@code docs/providers/toapis.md}, Timeouts).
   */
  Duration apiReadTimeout() {
    return readTimeout != null ? readTimeout : withinCallLimit();
  }

  /** The write timeout of API calls, chosen as {@link #apiReadTimeout()} is. */
  Duration apiWriteTimeout() {
    return writeTimeout != null ? writeTimeout : withinCallLimit();
  }

  private Duration withinCallLimit() {
    return callTimeout.isZero() ? DEFAULT_SILENCE_TIMEOUT : Duration.ZERO;
  }

  /** The limit for one whole API call; zero means none. Uploads and downloads have no call limit. */
  public Duration callTimeout() {
    return callTimeout;
  }

  /** Requests in flight at once (in total and per host). */
  public int maxRequests() {
    return maxRequests;
  }

  /** The account's rate-limit group, whose limits the provider reports. */
  public ToApisRateTier rateTier() {
    return rateTier;
  }

  /** The largest API answer read, in bytes; a larger one fails the call (result files are not capped). */
  public long maxAnswerBytes() {
    return maxAnswerBytes;
  }

  /** The app's own client, when one was given; the provider derives its clients from it. */
  public Optional<OkHttpClient> httpClient() {
    return Optional.ofNullable(httpClient);
  }

  /** The proxy for https URLs, when one is configured (Java's {@code https.proxyHost} wins over it). */
  public Optional<ToApisProxy> httpsProxy() {
    return Optional.ofNullable(httpsProxy);
  }

  /** The proxy for http URLs, when one is configured (Java's {@code http.proxyHost} wins over it). */
  public Optional<ToApisProxy> httpProxy() {
    return Optional.ofNullable(httpProxy);
  }

  /** The hosts reached without the configured proxies, as {@value #NO_PROXY} gives them; empty for none. */
  public String noProxy() {
    return noProxy == null ? "" : noProxy;
  }

  /** The clock used to read {@code Retry-After} dates. */
  public Clock clock() {
    return clock;
  }

  @Override
  public String toString() {
    // The base URL cannot hold the key (build refuses it); masked all the same.
    return "ToApisConfig[" + SafeText.mask(apiKey.maskIn(baseUrl.toString())) + ", key " + apiKey.masked()
        + ", connect " + connectTimeout
        + ", read " + (readTimeout != null ? readTimeout : DEFAULT_SILENCE_TIMEOUT + " (uploads, downloads)")
        + ", call " + callTimeout + ", maxRequests " + maxRequests
        + ", maxAnswerBytes " + maxAnswerBytes
        + (httpsProxy == null ? "" : ", https proxy " + httpsProxy)
        + (httpProxy == null ? "" : ", http proxy " + httpProxy)
        + (httpClient == null ? "" : ", app client") + "]";
  }

  /** {@code mock.duration} is another provider's; {@code timeout.raed} or {@code toapis.x} is a typo here. */
  /** The setting {@code name} was likely meant as ({@code timeout.read} for {@code timeout.red}), if one is near. */
  private static Optional<String> nearestSetting(String name) {
    String typed = name.strip().toLowerCase(Locale.ROOT);
    int allowed = Math.max(2, typed.length() / 4);
    return SETTINGS.stream().filter(setting -> EditDistance.between(typed, setting) <= allowed)
        .min(Comparator.comparingInt(setting -> EditDistance.between(typed, setting)));
  }

  private static boolean belongsToAnotherProvider(String name) {
    int dot = name.indexOf('.');
    String prefix = dot > 0 ? name.substring(0, dot) : "";
    return !prefix.isEmpty() && !prefix.equals("timeout") && !prefix.equals(ToApisProviderFactory.ID);
  }

  private static Optional<Duration> duration(ProviderConfig config, String name) {
    try {
      return config.duration(name);
    } catch (IllegalArgumentException e) {
      throw new ProviderConfigurationException("toapis setting " + name + ": " + e.getMessage());
    }
  }

  private static int integer(String name, String text) {
    String digits = text.strip();
    // ASCII digits only: Integer.parseInt would also read full-width and other scripts' digits (６, ٦) as 6.
    if (AsciiDigits.isWhole(digits)) {
      try {
        return Integer.parseInt(digits);
      } catch (NumberFormatException tooLarge) {
        // Refused below.
      }
    }
    throw new ProviderConfigurationException("toapis setting " + name + " must be a whole number, such as 1024, not '"
        + SafeText.mask(text) + "'" + inAsciiDigits(text, AsciiDigits.inAscii(digits), AsciiDigits::isWhole, "1024"));
  }

  /** "8MB", "512KB", "1GB" (units of 1024) or a number of bytes. */
  private static long bytes(String name, String text) {
    Matcher size = SIZE.matcher(text);
    if (!size.matches()) {
      throw new ProviderConfigurationException("toapis setting " + name
          + " must be a size such as 8MB, 512KB or 1048576 (bytes), not '" + SafeText.mask(text) + "'"
          + inAsciiDigits(text, AsciiDigits.inAscii(text).strip(), ascii -> SIZE.matcher(ascii).matches(), "8MB"));
    }
    String unit = size.group(2) == null ? "b" : size.group(2).toLowerCase(Locale.ROOT);
    long factor = switch (unit.charAt(0)) {
      case 'k' -> 1024L;
      case 'm' -> 1024L * 1024;
      case 'g' -> 1024L * 1024 * 1024;
      default -> 1L;
    };
    return Long.parseLong(size.group(1)) * factor;
  }

  /**
   * For a value written in full-width or another script's digits, the advice to give ASCII digits, with {@code ascii}
   * (the value in ASCII digits) as the example when {@code readable} takes it, else {@code example}; "" otherwise.
   */
  private static String inAsciiDigits(String text, String ascii, Predicate<String> readable, String example) {
    return AsciiDigits.hasOtherDigits(text) ? "; give ASCII digits 0-9 such as "
        + (readable.test(ascii) ? ascii : example) + ", not full-width or other scripts' digits" : "";
  }

  /** Builds a {@link ToApisConfig}; not thread-safe. */
  public static final class Builder {
    private final Function<String, String> environment;
    private ApiKey apiKey;
    private String baseUrl;
    private Duration connectTimeout = Duration.ofSeconds(10);
    /** Null until set: the defaults then differ for uploads and downloads and for other API calls. */
    private Duration readTimeout;
    private Duration writeTimeout;
    private Duration callTimeout = Duration.ofSeconds(120);
    private int maxRequests = DEFAULT_MAX_REQUESTS;
    private ToApisRateTier rateTier = ToApisRateTier.DEFAULT;
    private long maxAnswerBytes = DEFAULT_MAX_ANSWER_BYTES;
    private OkHttpClient httpClient;
    private ToApisProxy httpsProxy;
    private ToApisProxy httpProxy;
    private String noProxy;
    private Clock clock = Clock.systemUTC();
    private Builder(Function<String, String> environment) {
      this.environment = environment;
    }

    /**
     * The API key ({@code sk-…}); when this is not called, {@value ToApisConfig#API_KEY_ENV} is read.
     *
     * @throws ProviderConfigurationException if {@code apiKey} is null or blank
     */
    public Builder apiKey(String apiKey) {
      if (apiKey == null) {
        throw nullKey();
      }
      if (apiKey.isBlank()) {
        throw new ProviderConfigurationException("the toapis API key given is blank (such as " + API_KEY_ENV
            + " set but empty); give the key itself (keys look like sk-…; make one at https://toapis.com/console/token),"
            + " or leave it out to read " + API_KEY_ENV);
      }
      return apiKey(ApiKey.of(apiKey));
    }

    /**
     * The API key; when this is not called, {@value ToApisConfig#API_KEY_ENV} is read when the configuration is built.
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

    /** A null key is refused, as a blank one is: taken as "none", it would bill whatever key this process has. */
    private static ProviderConfigurationException nullKey() {
      return new ProviderConfigurationException("the toapis API key given is null (such as a key missing from the"
          + " app's own store); a null key is refused rather than taken as none, which would send this process's "
          + API_KEY_ENV + " (perhaps another account's): give the key itself (keys look like sk-…), or leave apiKey"
          + " uncalled to read " + API_KEY_ENV);
    }

    /** The base URL; without one, {@value ToApisConfig#BASE_URL_ENV} is read, else {@value ToApisConfig#DEFAULT_BASE_URL}. */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    /**
     * The longest wait to open a connection; 10 s by default, zero for none.
     *
     * @throws ProviderConfigurationException if {@code timeout} is negative
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = requireTimeout(CONNECT_TIMEOUT, timeout);
      return this;
    }

    /**
     * The longest silence while reading an answer; where it applies, and the defaults when it is not set,
     * are as {@link ToApisConfig#READ_TIMEOUT} says.
     *
     * @throws ProviderConfigurationException if {@code timeout} is negative
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = requireTimeout(READ_TIMEOUT, timeout);
      return this;
    }

    /**
     * The longest stall while sending a request; applies, and defaults, as the read timeout does.
     *
     * @throws ProviderConfigurationException if {@code timeout} is negative
     */
    public Builder writeTimeout(Duration timeout) {
      this.writeTimeout = requireTimeout(WRITE_TIMEOUT, timeout);
      return this;
    }

    /**
     * The limit for one whole API call, uploads and downloads excepted; 120 s by default, zero for none.
     *
     * @throws ProviderConfigurationException if {@code timeout} is negative
     */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = requireTimeout(CALL_TIMEOUT, timeout);
      return this;
    }

    /** Requests in flight at once, in total and per host (OkHttp's own default is 5 per host). */
    public Builder maxRequests(int maxRequests) {
      if (maxRequests < 1) {
        throw new ProviderConfigurationException(MAX_REQUESTS + " must be at least 1, not " + maxRequests);
      }
      this.maxRequests = maxRequests;
      return this;
    }

    /** The largest API answer read, in bytes ({@value ToApisConfig#DEFAULT_MAX_ANSWER_BYTES} by default). */
    public Builder maxAnswerBytes(long maxAnswerBytes) {
      if (maxAnswerBytes < 1024) {
        throw new ProviderConfigurationException(MAX_ANSWER_SIZE + " must be at least 1KB, not " + maxAnswerBytes
            + " bytes");
      }
      this.maxAnswerBytes = maxAnswerBytes;
      return this;
    }

    /**
     * The app's client. The provider derives its own clients from it (sharing its dispatcher and
     * connection pool) and adds its headers, timeouts and logging; closing the provider leaves
     * the app's client running.
     */
    public Builder httpClient(OkHttpClient httpClient) {
      this.httpClient = httpClient;
      return this;
    }

    /**
     * The proxy for https URLs (null for none): loopback never goes through it, and Java's {@code https.proxyHost},
     * when set, wins over it. An app's client with a {@code proxy} of its own keeps that one.
     */
    public Builder httpsProxy(ToApisProxy proxy) {
      this.httpsProxy = proxy;
      return this;
    }

    /** The proxy for http URLs (null for none), as {@link #httpsProxy}; Java's {@code http.proxyHost} wins over it. */
    public Builder httpProxy(ToApisProxy proxy) {
      this.httpProxy = proxy;
      return this;
    }

    /** Hosts reached without those proxies: a comma list of names, {@code .domains}, {@code host:port} or {@code *}. */
    public Builder noProxy(String hosts) {
      this.noProxy = hosts;
      return this;
    }

    /** The clock used to read {@code Retry-After} dates; the system clock (UTC) by default. Must not be null. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** The account's rate-limit group (default {@link ToApisRateTier#DEFAULT}). */
    public Builder rateTier(ToApisRateTier rateTier) {
      this.rateTier = Objects.requireNonNull(rateTier, "rateTier == null");
      return this;
    }

    /**
     * The configuration.
     *
     * @throws ProviderConfigurationException when there is no key, the key cannot go in a header,
     *     the base URL is unsafe (user info, a query, the key or a key-shaped word in it, or plain http
     *     to a host other than loopback), or none is
     *     given and {@value ToApisConfig#BASE_URL_ENV} is set but empty
     */
    public ToApisConfig build() {
      ApiKey key = apiKey != null ? apiKey : fromEnvironment(API_KEY_ENV).map(ApiKey::of).orElseThrow(() ->
          new ProviderConfigurationException("toapis needs an API key: set " + API_KEY_ENV
              + " or give one in the provider configuration (keys look like sk-…; make one at "
              + "https://toapis.com/console/token)"));
      requireHeaderSafe(key);
      String fromEnvironment = baseUrl == null ? environment.apply(BASE_URL_ENV) : null;
      if (fromEnvironment != null && fromEnvironment.isBlank()) {
        // Not the default: a script meant for a test server must not reach the real service.
        throw new ProviderConfigurationException(BASE_URL_ENV + " is set but empty; unset it to use "
            + DEFAULT_BASE_URL + ", or give the URL");
      }
      String source = baseUrl != null ? "the toapis base URL" : BASE_URL_ENV;
      String text = baseUrl != null ? baseUrl : fromEnvironment(BASE_URL_ENV).orElse(null);
      HttpUrl url = BaseUrls.parse(
          text != null ? text : DEFAULT_BASE_URL, text != null ? source : "the default base URL", key);
      return new ToApisConfig(this, url, key);
    }

    private Optional<String> fromEnvironment(String name) {
      String value = environment.apply(name);
      return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static void requireHeaderSafe(ApiKey key) {
      if (!key.reveal().chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
        throw new ProviderConfigurationException("the toapis API key " + key.masked()
            + " contains spaces, line breaks or non-ASCII characters; copy it again from "
            + "https://toapis.com/console/token");
      }
    }

    private static Duration requireTimeout(String name, Duration timeout) {
      Objects.requireNonNull(timeout, name + " == null");
      if (timeout.isNegative()) {
        throw new ProviderConfigurationException(name + " must not be negative: " + timeout);
      }
      return timeout;
    }
  }
}
