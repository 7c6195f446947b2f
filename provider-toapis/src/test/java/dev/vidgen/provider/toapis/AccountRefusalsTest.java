package dev.vidgen.provider.toapis;

import static dev.vidgen.provider.toapis.ToApisTesting.await;
import static dev.vidgen.provider.toapis.ToApisTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.error.AuthenticationException;
import dev.vidgen.core.error.ProviderErrorDetails;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.ServerErrorException;
import dev.vidgen.core.port.Balances;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.math.BigDecimal;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Account reads answered HTTP 200 with {@code success: false}: the provider's refusal, the key's only when it says so. */
class AccountRefusalsTest {
  @RegisterExtension
  final ToApisOverHttp http =
      ToApisOverHttp.builder().server(fake -> fake.videoModels(Set.of("seedance-2"))).start();
  private final FakeToApisServer toapis = http.server();
  private final ToApisVideoProvider provider = http.provider();

  private static String refusal(String message) {
    return "{\"success\":false,\"message\":\"" + message + "\"}";
  }

  @Test
  void aModelListRefusedWithoutBlamingTheKeyIsTheProvidersRefusalInItsWords() {
    toapis.inject(Endpoint.MODELS, Fault.answer(200, "application/json", refusal("model list failed\\u001b[31m")));

    Throwable error = failure(provider.liveModels());

    assertThat(error).isInstanceOf(ServerErrorException.class).isNotInstanceOf(AuthenticationException.class);
    assertThat(((ProviderException) error).httpStatus()).isEqualTo(200);
    assertThat(((ProviderException) error).details().code()).isEqualTo(ProviderErrorDetails.ACCOUNT_REFUSED);
    assertThat(error.getMessage()).contains("the provider refused to give the model list")
        .contains("model list failed").contains("did not say that the key is wrong").doesNotContain("\u001b");
  }

  @Test
  void aBalanceRefusedWithoutBlamingTheKeyIsTheProvidersRefusalAndOneSayingSoIsTheKeys() {
    toapis.inject(Endpoint.BALANCE, Fault.answer(200, "application/json", refusal("token quota query failed")));
    assertThat(failure(provider.balance())).isInstanceOf(ServerErrorException.class)
        .hasMessageContaining("token quota query failed");

    toapis.inject(Endpoint.BALANCE, Fault.answer(200, "application/json", refusal("invalid token")));
    assertThat(failure(provider.balance())).isInstanceOf(AuthenticationException.class);
  }

  @Test
  void aRefusalThatBlamesAMissingOrInvalidKeyInOtherWordsIsTheKeys() {
    for (String words : new String[] {"Invalid or missing token", "missing token", "No API key provided",
        "token is required", "invalid/expired API key", "Bad access token"}) {
      toapis.inject(Endpoint.BALANCE, Fault.answer(200, "application/json", refusal(words)));
      assertThat(failure(provider.balance())).as(words).isInstanceOf(AuthenticationException.class);
    }

    for (String words : new String[] {"token quota query failed", "no balance for this token yet", "key rotation in progress"}) {
      toapis.inject(Endpoint.BALANCE, Fault.answer(200, "application/json", refusal(words)));
      assertThat(failure(provider.balance())).as(words).isNotInstanceOf(AuthenticationException.class);
    }
  }

  @Test
  void anAccountBalanceRefusedSoStillLeavesTheKeysBalance() {
    toapis.keyBalance(new BigDecimal("700"));
    toapis.inject(Endpoint.USER_BALANCE, Fault.answer(200, "application/json", refusal("query failed")));

    Balances balances = await(provider.balances());

    assertThat(balances.key().remaining()).contains(new BigDecimal("700"));
  }
}
