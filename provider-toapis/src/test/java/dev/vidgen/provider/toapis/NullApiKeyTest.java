package dev.vidgen.provider.toapis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.error.ProviderConfigurationException;
import dev.vidgen.core.port.ApiKey;
import dev.vidgen.core.port.ProviderConfig;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A key given as null (a tenant's key missing from an app's store) is refused as a blank one is, rather than taken
 * as "none" and replaced by this process's {@code TOAPIS_API_KEY}, perhaps another account's; a configuration that
 * never calls {@code apiKey} still reads the variable.
 */
class NullApiKeyTest {
  private static final String MISSING_FROM_THE_STORE = null;

  /** The process's TOAPIS_API_KEY holds another tenant's key, which {@code toapis} accepts. */
  private static Function<String, String> environmentWithTheKeyOf(FakeToApisServer toapis) {
    return Map.of(ToApisConfig.API_KEY_ENV, toapis.apiKey())::get;
  }

  @Test
  void aNullKeyInTheGenericConfigurationIsRefusedAndNothingIsSentWithTheEnvironmentsKey() {
    try (FakeToApisServer toapis = FakeToApisServer.start()) {
      assertThatThrownBy(() -> {
        ProviderConfig config = ProviderConfig.builder().apiKey(MISSING_FROM_THE_STORE).baseUrl(toapis.baseUrl())
            .build();
        try (ToApisVideoProvider provider =
            new ToApisVideoProvider(ToApisConfig.from(config, environmentWithTheKeyOf(toapis)))) {
          ToApisTesting.await(provider.balance());
        }
      }).isInstanceOf(ProviderConfigurationException.class)
          .hasMessageContaining("the API key given is null")
          .hasMessageContaining("give the key itself (keys look like sk-…), or leave apiKey uncalled");

      assertThat(toapis.requests()).as("nothing sent with the environment's key").isEmpty();
    }
  }

  @Test
  void aNullKeyInTheTypedConfigurationIsRefusedNamingTheVariableItWouldHaveRead() {
    for (Runnable given : new Runnable[] {
        () -> ToApisConfig.builder().apiKey(MISSING_FROM_THE_STORE), () -> ToApisConfig.builder().apiKey((ApiKey) null)}) {
      assertThatThrownBy(given::run).isInstanceOf(ProviderConfigurationException.class)
          .hasMessageContaining("the toapis API key given is null")
          .hasMessageContaining("would send this process's TOAPIS_API_KEY (perhaps another account's)")
          .hasMessageContaining("or leave apiKey uncalled to read TOAPIS_API_KEY");
    }
    assertThatThrownBy(() -> ProviderConfig.builder().apiKey((ApiKey) null))
        .isInstanceOf(ProviderConfigurationException.class).hasMessageContaining("the API key given is null");
  }

  @Test
  void aConfigurationThatNeverCallsApiKeyStillSendsTheEnvironmentsKey() {
    try (FakeToApisServer toapis = FakeToApisServer.start()) {
      ProviderConfig config = ProviderConfig.builder().baseUrl(toapis.baseUrl()).build();

      try (ToApisVideoProvider provider =
          new ToApisVideoProvider(ToApisConfig.from(config, environmentWithTheKeyOf(toapis)))) {
        ToApisTesting.await(provider.balance());
      }

      assertThat(toapis.requests()).as("the balance read, with TOAPIS_API_KEY's key").isNotEmpty()
          .allSatisfy(request -> assertThat(request.authorization()).contains("Bearer " + toapis.apiKey()));
    }
  }

  @Test
  void aBlankKeyIsStillRefused() {
    assertThatThrownBy(() -> ProviderConfig.builder().apiKey(" ")).isInstanceOf(ProviderConfigurationException.class)
        .hasMessageContaining("the API key given is blank");
    assertThatThrownBy(() -> ToApisConfig.builder().apiKey("")).isInstanceOf(ProviderConfigurationException.class)
        .hasMessageContaining("the toapis API key given is blank");
  }
}
