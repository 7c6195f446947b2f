package dev.vidgen.provider.toapis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.error.ProviderUnavailableException;
import dev.vidgen.core.error.ServerErrorException;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A balance read against a server that hangs or keeps failing ends within the client's balance timeout. */
@Timeout(20)
class BalanceTimeoutOverHttpTest {
  private static final Duration BOUND = Duration.ofMillis(800);

  @RegisterExtension
  final ToApisOverHttp http = ToApisOverHttp.builder()
      .client(client -> client.environmentRoutes(false).balanceTimeout(BOUND, "raise it with --timeout")).start();
  private final FakeToApisServer toapis = http.server();
  private final VidgenClient client = http.client();

  @Test
  void aBalanceThatNeverAnswersEndsAtTheTimeoutNamingWhatSetsIt() {
    toapis.inject(Endpoint.BALANCE, Fault.stall());
    toapis.inject(Endpoint.USER_BALANCE, Fault.stall());

    assertThatThrownBy(client::balances).isInstanceOf(ProviderUnavailableException.class)
        .hasMessageContaining("no answer within 800 ms (raise it with --timeout); the balance read was abandoned");
  }

  @Test
  void aBalanceAnsweredWithServerErrorsEndsAtTheTimeoutWithTheLastOne() {
    toapis.inject(Endpoint.USER_BALANCE, Fault.serverError(), 1_000);
    toapis.inject(Endpoint.BALANCE, Fault.serverError(), 1_000);

    assertThatThrownBy(client::balance).isInstanceOf(ServerErrorException.class);
    assertThat(toapis.requests()).as("tries stop with the read").allSatisfy(request ->
        assertThat(request.receivedAt()).isBefore(toapis.requests().get(0).receivedAt().plus(BOUND)));
  }
}
