package dev.vidgen.provider.toapis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.error.ProviderConfigurationException;
import dev.vidgen.core.port.ProviderConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToApisConfigTest {
  private static final String KEY = "sk-config0123456789abcdefghijklmnopqrstuvwxyzABCD";

  @Test
  void readsTheKeyAndBaseUrlFromTheEnvironmentWhenTheConfigHasNone() {
    Map<String, String> env = Map.of("TOAPIS_API_KEY", KEY, "TOAPIS_BASE_URL", "https://toapis.cn");

    ToApisConfig config = ToApisConfig.from(ProviderConfig.empty(), env::get);

    assertThat(config.apiKey().reveal()).isEqualTo(KEY);
    assertThat(config.baseUrl()).isEqualTo(URI.create("https://toapis.cn/"));
  }

  @Test
  void aBaseUrlVariableSetButEmptyIsRefusedRatherThanTakenAsTheRealService() {
    Map<String, String> env = Map.of("TOAPIS_API_KEY", KEY, "TOAPIS_BASE_URL", "");

    assertThatThrownBy(() -> ToApisConfig.from(ProviderConfig.empty(), env::get))
        .isInstanceOf(ProviderConfigurationException.class)
        .hasMessageStartingWith("TOAPIS_BASE_URL is set but empty; unset it to use https://toapis.com, or give the URL");
    assertThat(ToApisConfig.from(ProviderConfig.builder().baseUrl("https://toapis.cn").build(), env::get).baseUrl())
        .as("a base URL in the configuration does not read the variable").isEqualTo(URI.create("https://toapis.cn/"));
  }

  @Test
  void theConfigurationWinsOverTheEnvironment() {
    Map<String, String> env = Map.of("TOAPIS_API_KEY", "sk-from-env", "TOAPIS_BASE_URL", "https://toapis.cn");
    ProviderConfig given = ProviderConfig.builder().apiKey(KEY).baseUrl("https://toapis.com").build();

    ToApisConfig config = ToApisConfig.from(given, env::get);

    assertThat(config.apiKey().reveal()).isEqualTo(KEY);
    assertThat(config.baseUrl()).isEqualTo(URI.create("https://toapis.com/"));
  }

  @Test
  void defaultsSuitManyJobsAtOnce() {
    ToApisConfig config = ToApisConfig.from(ProviderConfig.builder().apiKey(KEY).build(), name -> null);

    assertThat(config.baseUrl()).isEqualTo(URI.create("https://toapis.com/"));
    assertThat(config.maxRequests()).isEqualTo(ToApisConfig.DEFAULT_MAX_REQUESTS);
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.callTimeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(config.httpClient()).isEmpty();
  }

  @Test
  void apiCallsGetReadAndWriteTimeoutsOnlyWhenSetOrWithoutACallTimeout() {
    ToApisConfig defaults = ToApisConfig.from(ProviderConfig.builder().apiKey(KEY).build(), name -> null);
    ToApisConfig set = ToApisConfig.from(ProviderConfig.builder().apiKey(KEY)
        .set("timeout.read", "15s").set("timeout.write", "20s").build(), name -> null);
    ToApisConfig noCallLimit = ToApisConfig.from(ProviderConfig.builder().apiKey(KEY)
        .set("timeout.call", "0s").build(), name -> null);

    assertThat(defaults.apiReadTimeout()).isZero();
    assertThat(defaults.apiWriteTimeout()).isZero();
    assertThat(defaults.writeTimeout()).isEqualTo(ToApisConfig.DEFAULT_SILENCE_TIMEOUT);
    assertThat(set.apiReadTimeout()).isEqualTo(Duration.ofSeconds(15)).isEqualTo(set.readTimeout());
    assertThat(set.apiWriteTimeout()).isEqualTo(Duration.ofSeconds(20)).isEqualTo(set.writeTimeout());
    assertThat(noCallLimit.apiReadTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(noCallLimit.apiWriteTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(set.toBuilder().callTimeout(Duration.ZERO).build().apiReadTimeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(defaults.toBuilder().build().apiReadTimeout()).isZero();
  }

  @Test
  void theProvidersDispatcherAllowsThatManyRequestsPerHost() {
    ToApisConfig config = ToApisConfig.builder().apiKey(KEY).maxRequests(2000).build();

    HttpClients clients = new HttpClients(config, dev.vidgen.provider.toapis.internal.HttpLog.toSlf4j(config.apiKey()));

    assertThat(clients.api.dispatcher().getMaxRequestsPerHost()).isEqualTo(2000);
    assertThat(clients.api.dispatcher().getMaxRequests()).isEqualTo(2000);
    assertThat(clients.files.dispatcher()).isSameAs(clients.api.dispatcher());
    assertThat(clients.api.retryOnConnectionFailure()).as("one attempt per call").isFalse();
    assertThat(clients.api.followSslRedirects()).isFalse();
    clients.close();
  }

  @Test
  void anAppsOwnClientIsSharedAndLeftRunning() {
    okhttp3.OkHttpClient app = new okhttp3.OkHttpClient();
    ToApisConfig config = ToApisConfig.builder().apiKey(KEY).httpClient(app).build();

    HttpClients clients = new HttpClients(config, dev.vidgen.provider.toapis.internal.HttpLog.toSlf4j(config.apiKey()));
    clients.close();

    assertThat(clients.api.dispatcher()).isSameAs(app.dispatcher());
    assertThat(app.dispatcher().executorService().isShutdown()).isFalse();
  }

  @Test
  void readsTimeoutAndConcurrencySettings() {
    ProviderConfig given = ProviderConfig.builder().apiKey(KEY)
        .set("timeout.connect", "500ms").set("timeout.read", "2m").set("timeout.write", "PT30S")
        .set("timeout.call", "0s").set("max_requests", "64").build();

    ToApisConfig config = ToApisConfig.from(given, name -> null);

    assertThat(config.connectTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.readTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.writeTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.callTimeout()).isZero();
    assertThat(config.maxRequests()).isEqualTo(64);
  }

  @Test
  void aTrailingV1IsDroppedSinceEveryPathHasIt() {
    assertThat(ToApisConfig.builder().apiKey(KEY).baseUrl("https://toapis.com/v1/").build().baseUrl())
        .isEqualTo(URI.create("https://toapis.com/"));
    assertThat(ToApisConfig.builder().apiKey(KEY).baseUrl("https://gw.example/toapis").build().baseUrl())
        .isEqualTo(URI.create("https://gw.example/toapis/"));
  }

  @Test
  void anUnknownSettingIsNamedWithTheKnownOnes() {
    ProviderConfig given = ProviderConfig.builder().apiKey(KEY).set("timeout.raed", "5s").build();

    assertThatThrownBy(() -> ToApisConfig.from(given, name -> null))
        .isInstanceOf(ProviderConfigurationException.class)
        .hasMessageContaining("timeout.raed")
        .hasMessageContaining("timeout.read");
  }

  @Test
  void aMisspeltSettingGetsTheNearestOne() {
    ProviderConfig given = ProviderConfig.builder().apiKey(KEY).set("timeout.red", "5s").build();

    assertThatThrownBy(() -> ToApisConfig.from(given, name -> null))
        .isInstanceOf(ProviderConfigurationException.class)
        .hasMessageContaining("unknown toapis setting [timeout.red] (did you mean timeout.read?); the settings are [");
    assertThatThrownBy(() -> ToApisConfig.from(
            ProviderConfig.builder().apiKey(KEY).set("colour", "red").build(), name -> null))
        .isInstanceOf(ProviderConfigurationException.class).hasMessageNotContaining("did you mean");
  }

  @Test
  void anotherProvidersSettingsAreLeftAlone() {
    ProviderConfig given = ProviderConfig.builder().apiKey(KEY).set("mock.duration", "3s").build();

    assertThat(ToApisConfig.from(given, name -> null).maxRequests()).isEqualTo(ToApisConfig.DEFAULT_MAX_REQUESTS);
    assertThatThrownBy(() -> ToApisConfig.from(
            ProviderConfig.builder().apiKey(KEY).set("max_request", "8").build(), name -> null))
        .isInstanceOf(ProviderConfigurationException.class).hasMessageContaining("max_request");
  }

  @Test
  void badValuesNameTheSettingAndWhatIsAllowed() {
    assertThatThrownBy(() -> ToApisConfig.from(
            ProviderConfig.builder().apiKey(KEY).set("timeout.read", "soon").build(), name -> null))
        .isInstanceOf(ProviderConfigurationException.class)
        .hasMessageContaining("timeout.read").hasMessageContaining("30s");
    assertThatThrownBy(() -> ToApisConfig.from(
            ProviderConfig.builder().apiKey(KEY).set("max_requests", "lots").build(), name -> null))
        .isInstanceOf(ProviderConfigurationException.class)
        .hasMessageContaining("whole number");
    assertThatThrownBy(() -> ToApisConfig.builder().apiKey(KEY).maxRequests(0))
        .isInstanceOf(ProviderConfigurationException.class);
    assertThatThrownBy(() -> ToApisConfig.builder().apiKey(KEY).baseUrl("https://toapis.com/?x=1").build())
        .isInstanceOf(ProviderConfigurationException.class).hasMessageContaining("query");
    assertThatThrownBy(() -> ToApisConfig.builder().apiKey(KEY).baseUrl("ftp://toapis.com").build())
        .isInstanceOf(ProviderConfigurationException.class).hasMessageContaining("not an http(s) URL");
  }

  @Test
  void digitsOfOtherScriptsAreRefusedNamingTheSettingAndTheAsciiDigitsToGive() {
    assertThatThrownBy(() -> ToApisConfig.from(
            ProviderConfig.builder().apiKey(KEY).set("max_requests", "６").build(), name -> null))
        .isInstanceOf(ProviderConfigurationException.class)
        .hasMessageStartingWith("toapis setting max_requests must be a whole number, such as 1024, not '６'; give"
            + " ASCII digits 0-9 such as 6, not full-width or other scripts' digits");
    assertThatThrownBy(() -> ToApisConfig.from(
            ProviderConfig.builder().apiKey(KEY).set("max_requests", " ١٦ ").build(), name -> null))
        .isInstanceOf(ProviderConfigurationException.class)
        .hasMessageContaining("max_requests", "not ' ١٦ '; give ASCII digits 0-9 such as 16,");
    assertThatThrownBy(() -> ToApisConfig.from(
            ProviderConfig.builder().apiKey(KEY).set("max_answer_size", "６MB").build(), name -> null))
        .isInstanceOf(ProviderConfigurationException.class)
        .hasMessageStartingWith("toapis setting max_answer_size must be a size such as 8MB, 512KB or 1048576"
            + " (bytes), not '６MB'; give ASCII digits 0-9 such as 6MB, not full-width or other scripts' digits");
    assertThat(ToApisConfig.from(ProviderConfig.builder().apiKey(KEY).set("max_requests", " 6 ").build(), name -> null)
        .maxRequests()).as("ASCII digits, spaces around them ignored").isEqualTo(6);
  }

  @Test
  void aKeyPastedIntoTheWrongSettingIsNotEchoedInTheRefusal() {
    String pasted = "sk-PASTEDKEY1234567890abcdef";
    for (String setting : java.util.List.of("timeout.read", "max_requests", "max_answer_size", "rate_tier")) {
      assertThatThrownBy(() -> ToApisConfig.from(
              ProviderConfig.builder().apiKey(KEY).set(setting, pasted).build(), name -> null))
          .as(setting).isInstanceOf(ProviderConfigurationException.class)
          .hasMessageContaining(setting).hasMessageNotContaining("PASTEDKEY");
    }
  }

  @Test
  void aBaseUrlWhosePathHoldsTheKeyIsRefusedWithTheKeyMasked() {
    for (String baseUrl : java.util.List.of("http://127.0.0.1:20350/" + KEY, "https://gw.example/" + KEY + "/v1",
        "https://gw.example/x/" + KEY.toUpperCase(java.util.Locale.ROOT), "https://gw.example/%73k-" + KEY.substring(3),
        "https://" + KEY.toLowerCase(java.util.Locale.ROOT) + ".example")) {
      assertThatThrownBy(() -> ToApisConfig.from(
              ProviderConfig.builder().apiKey(KEY).baseUrl(baseUrl).build(), name -> null))
          .as(baseUrl).isInstanceOf(ProviderConfigurationException.class)
          .hasMessageContaining("must not contain the API key or anything shaped like one (sk-…)")
          .hasMessageContaining("https://toapis.com").hasMessageContaining("TOAPIS_API_KEY")
          .hasMessageNotContaining(KEY.substring(3)).hasMessageNotContaining(KEY.substring(3).toLowerCase(java.util.Locale.ROOT));
    }
  }

  @Test
  void aBaseUrlWhosePathHoldsAnotherKeyShapedWordOrAnOddKeyIsRefusedToo() {
    String other = "sk-other0123456789abcdefghijklmnopqrstuvwxyzABCD";
    String odd = "my-gateway-token-20261205";

    assertThatThrownBy(() -> ToApisConfig.builder().apiKey(KEY).baseUrl("https://gw.example/" + other).build())
        .isInstanceOf(ProviderConfigurationException.class).hasMessageContaining("must not contain the API key")
        .hasMessageNotContaining(other.substring(3));
    assertThatThrownBy(() -> ToApisConfig.builder().apiKey(odd).baseUrl("https://gw.example/" + odd).build())
        .isInstanceOf(ProviderConfigurationException.class).hasMessageContaining("must not contain the API key")
        .hasMessageNotContaining(odd);
    assertThatThrownBy(() -> ToApisConfig.builder().apiKey(odd).baseUrl("ftp://gw.example/" + odd).build())
        .as("not a URL at all: still masked").isInstanceOf(ProviderConfigurationException.class)
        .hasMessageContaining("not an http(s) URL").hasMessageNotContaining(odd);
    assertThat(ToApisConfig.builder().apiKey(KEY).baseUrl("https://gw.example/sk-video-2/v1").build().baseUrl())
        .as("a path word that is not key-shaped").isEqualTo(URI.create("https://gw.example/sk-video-2/"));
  }

  @Test
  void aMissingKeySaysWhereToPutIt() {
    assertThatThrownBy(() -> ToApisConfig.from(ProviderConfig.empty(), name -> null))
        .isInstanceOf(ProviderConfigurationException.class)
        .hasMessageContaining("TOAPIS_API_KEY")
        .hasMessageContaining("https://toapis.com/console/token");
  }

  @Test
  void toBuilderKeepsEverything() {
    ToApisConfig config = ToApisConfig.builder().apiKey(KEY).baseUrl("https://toapis.cn")
        .readTimeout(Duration.ofSeconds(7)).maxRequests(33).build();

    ToApisConfig copy = config.toBuilder().build();

    assertThat(copy.toString()).isEqualTo(config.toString());
    assertThat(copy.apiKey()).isEqualTo(config.apiKey());
  }

  @Test
  void aBlankKeyIsAConfigurationErrorThatSaysSo() {
    for (Runnable given : new Runnable[] {
        () -> ProviderConfig.builder().apiKey(""), () -> ProviderConfig.builder().apiKey("  "),
        () -> ToApisConfig.builder().apiKey("")}) {
      assertThatThrownBy(given::run).isInstanceOf(ProviderConfigurationException.class)
          .hasMessageContaining("API key given is blank (such as")
          .hasMessageContaining("give the key itself (keys look like sk-…")
          .hasMessageContaining("docs/errors.md#provider-configuration");
    }
    assertThatThrownBy(() -> ToApisConfig.from(ProviderConfig.builder().build(), Map.of("TOAPIS_API_KEY", "")::get))
        .isInstanceOf(ProviderConfigurationException.class).hasMessageContaining("toapis needs an API key: set TOAPIS_API_KEY");
  }
}
