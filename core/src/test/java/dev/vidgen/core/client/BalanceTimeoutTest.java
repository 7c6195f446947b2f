package dev.vidgen.core.client;

import static dev.vidgen.core.client.ClientFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.ProviderUnavailableException;
import dev.vidgen.core.error.RateLimitedException;
import dev.vidgen.core.error.ServerErrorException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.port.Balance;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code client.balance()} and {@code balances()} end within the client's balance timeout, retries included; the
 * check before a create waits 20 s at most.
 */
@Timeout(30)
class BalanceTimeoutTest {
  private ClientFixture fixture = new ClientFixture();

  @AfterEach
  void closeClient() {
    fixture.close();
  }

  @Test
  void aBalanceReadThatNeverAnswersEndsAtTheTimeoutSayingWhatWasAbandoned() {
    CompletableFuture<Balance> hung = new CompletableFuture<>();
    fixture.provider.balanceAnswers(hung);

    CompletableFuture<Balance> read = fixture.client.balanceAsync();
    fixture.advance(Duration.ofSeconds(59));
    assertThat(read).as("still within the 60 s default").isNotDone();
    fixture.advance(Duration.ofSeconds(1));

    assertThat(failureOf(read)).isInstanceOf(ProviderUnavailableException.class)
        .hasMessageContaining("no answer within 1 min (VidgenClient.Builder.balanceTimeout); the balance read was"
            + " abandoned: try again later");
    assertThat(((ProviderException) failureOf(read)).kind()).isEqualTo(FailureKind.NO_RESPONSE);
    assertThat(hung).as("the abandoned try is cancelled, so its connection is let go").isCancelled();
  }

  @Test
  void aReadThatBeginsAsTheClientClosesEndsInsteadOfWaitingForTimersThatAreGone() {
    CompletableFuture<Balance> hung = new CompletableFuture<>();
    fixture.provider.balanceAnswers(hung);
    // The close comes while the read is being started, after it passed the client's closed check.
    fixture.provider.onBalance(fixture.client::close);

    CompletableFuture<Balance> read = fixture.client.balanceAsync();

    assertThat(read).as("ended by the close, not left running").isCancelled();
  }

  @Test
  void aServerThatKeepsFailingEndsTheReadAtTheTimeoutWithItsLastFailure() {
    fixture.close();
    fixture = new ClientFixture(new ScriptedProvider(), builder -> builder.balanceTimeout(Duration.ofSeconds(3)));
    fixture.provider.balanceAnswers(ScriptedProvider.failure(FailureKind.SERVER_ERROR),
        new CompletableFuture<Balance>());

    CompletableFuture<Balance> read = fixture.client.balanceAsync();
    fixture.advance(Duration.ofSeconds(3));

    assertThat(read).isDone();
    assertThat(failureOf(read)).isInstanceOf(ServerErrorException.class);
    assertThat(fixture.provider.balanceReads()).isEqualTo(2);
  }

  @Test
  void aRetryThatWouldComeAfterTheTimeoutIsNotWaitedFor() {
    fixture.provider.balanceAnswers(ScriptedProvider.failure(FailureKind.RATE_LIMITED, Duration.ofSeconds(90)),
        new Balance(java.math.BigDecimal.TEN, java.math.BigDecimal.ONE, false));

    CompletableFuture<Balance> read = fixture.client.balanceAsync();
    fixture.advance(Duration.ZERO);

    assertThat(failureOf(read)).as("ended at once: the server asked for 90 s, past the 60 s the read may take")
        .isInstanceOf(RateLimitedException.class);
    assertThat(fixture.provider.balanceReads()).isOne();
  }

  @Test
  void theChecksBalanceReadThatNeverAnswersLetsTheJobGoOnAfter20SecondsWithAWarning() {
    fixture.provider.balanceAnswers(new CompletableFuture<Balance>());
    fixture.provider.createAnswers(dev.vidgen.core.domain.TaskSnapshot.queued(dev.vidgen.core.domain.TaskId.of("t-1")));

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid());
    fixture.advance(Duration.ofSeconds(19));
    assertThat(fixture.provider.count("create")).as("still waiting for the balance").isZero();
    assertThat(fixture.listener.warnings()).noneMatch(warning -> warning.startsWith("balance.unreadable"));
    fixture.advance(Duration.ofSeconds(1));

    assertThat(fixture.listener.warnings()).filteredOn(warning -> warning.startsWith("balance.unreadable"))
        .singleElement().asString().contains("could not be read (no answer within 20 s); the job is sent without a"
            + " balance check");
    assertThat(fixture.provider.count("create")).as("sent at 20 s, not after the provider's call timeout").isOne();
    assertThat(submit).isCompleted();
  }

  @Test
  void aCreateRightAfterTheClientsOwnBalanceReadTimedOutIsNotHeldForASecondRead() {
    fixture.close();
    fixture = new ClientFixture(new ScriptedProvider(), builder -> builder.balanceTimeout(Duration.ofSeconds(20)));
    fixture.provider.balanceAnswers(new CompletableFuture<Balance>(), new CompletableFuture<Balance>());
    fixture.provider.createAnswers(dev.vidgen.core.domain.TaskSnapshot.queued(dev.vidgen.core.domain.TaskId.of("t-1")));
    CompletableFuture<?> ownRead = fixture.client.balancesAsync(); // the playground's read before a Generate
    fixture.advance(Duration.ofSeconds(20));
    assertThat(failureOf(ownRead)).isInstanceOf(ProviderUnavailableException.class);

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid());
    fixture.advance(Duration.ZERO);

    assertThat(fixture.provider.count("create")).as("sent at once: one 20 s wait for a hanging balance, not two")
        .isOne();
    assertThat(submit).isCompleted();
    assertThat(fixture.provider.balanceReads()).as("the check did not read again").isOne();
    assertThat(fixture.listener.warnings()).as("the caller of the read that failed was told; no second warning")
        .noneMatch(warning -> warning.startsWith("balance.unreadable"));
  }

  @Test
  void aCreateRightAfterTheClientsOwnSingleBalanceReadTimedOutIsNotHeldForASecondRead() {
    fixture.close();
    fixture = new ClientFixture(new ScriptedProvider(), builder -> builder.balanceTimeout(Duration.ofSeconds(20)));
    fixture.provider.balanceAnswers(new CompletableFuture<Balance>(), new CompletableFuture<Balance>());
    fixture.provider.createAnswers(dev.vidgen.core.domain.TaskSnapshot.queued(dev.vidgen.core.domain.TaskId.of("t-1")));
    CompletableFuture<Balance> ownRead = fixture.client.balanceAsync(); // balance(), not balances()
    fixture.advance(Duration.ofSeconds(20));
    assertThat(failureOf(ownRead)).isInstanceOf(ProviderUnavailableException.class);

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid());
    fixture.advance(Duration.ZERO);

    assertThat(fixture.provider.count("create")).as("sent at once: one 20 s wait for a hanging balance, not two")
        .isOne();
    assertThat(submit).isCompleted();
    assertThat(fixture.provider.balanceReads()).as("the check did not read again").isOne();
  }

  @Test
  void aRefusedKeyInTheClientsOwnSingleBalanceReadStillStopsTheJobAtTheChecksRead() {
    fixture.provider.balanceAnswers(ScriptedProvider.failure(FailureKind.AUTHENTICATION));
    CompletableFuture<Balance> ownRead = fixture.client.balanceAsync();
    fixture.advance(Duration.ZERO);
    assertThat(failureOf(ownRead)).isInstanceOf(dev.vidgen.core.error.AuthenticationException.class);

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid());
    fixture.advance(Duration.ZERO);

    assertThat(failureOf(submit)).as("a 401 starts no respite").isInstanceOf(
        dev.vidgen.core.error.AuthenticationException.class);
    assertThat(fixture.provider.count("create")).isZero();
  }

  @Test
  void aBalanceThatTimedOutIsNotWaitedForByTheNextJobButIsReadAgainAMinuteLater() {
    fixture.provider.balanceAnswers(new CompletableFuture<Balance>(), new CompletableFuture<Balance>(),
        new CompletableFuture<Balance>());
    fixture.provider.createAnswers(dev.vidgen.core.domain.TaskSnapshot.queued(dev.vidgen.core.domain.TaskId.of("t-1")),
        dev.vidgen.core.domain.TaskSnapshot.queued(dev.vidgen.core.domain.TaskId.of("t-2")),
        dev.vidgen.core.domain.TaskSnapshot.queued(dev.vidgen.core.domain.TaskId.of("t-3")));
    fixture.client.submitAsync(Jobs.valid());
    fixture.advance(Duration.ofSeconds(20));
    assertThat(fixture.provider.count("create")).isOne();

    CompletableFuture<JobHandle> next = fixture.client.submitAsync(Jobs.valid());
    fixture.advance(Duration.ZERO);
    assertThat(next).as("not held another 20 s").isCompleted();
    assertThat(fixture.provider.balanceReads()).isOne();
    assertThat(fixture.listener.warnings()).filteredOn(warning -> warning.startsWith("balance.unreadable"))
        .as("each job sent unchecked says so, in the same words").hasSize(2)
        .satisfies(said -> assertThat(said.get(1)).isEqualTo(said.get(0)));

    fixture.advance(Duration.ofSeconds(61)); // past AccountFunds.UNREAD_RESPITE
    CompletableFuture<JobHandle> later = fixture.client.submitAsync(Jobs.valid());
    fixture.advance(Duration.ZERO);
    assertThat(fixture.provider.balanceReads()).as("a job a minute later reads again").isEqualTo(2);
    assertThat(later).as("and waits for that read").isNotDone();
    fixture.advance(Duration.ofSeconds(20));
    assertThat(later).isCompleted();
  }

  @Test
  void aRefusedKeyInTheClientsOwnReadStillStopsTheJobAtTheChecksRead() {
    fixture.provider.balanceAnswers(ScriptedProvider.failure(FailureKind.AUTHENTICATION));
    CompletableFuture<?> ownRead = fixture.client.balancesAsync();
    fixture.advance(Duration.ZERO);
    assertThat(failureOf(ownRead)).isInstanceOf(dev.vidgen.core.error.AuthenticationException.class);

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid());
    fixture.advance(Duration.ZERO);

    assertThat(failureOf(submit)).isInstanceOf(dev.vidgen.core.error.AuthenticationException.class);
    assertThat(fixture.provider.count("create")).isZero();
  }

  @Test
  void aTimeoutThatIsNotPositiveIsRefusedSayingSo() {
    assertThatThrownBy(() -> VidgenClient.builder().balanceTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("balanceTimeout must be positive, was PT0S");
  }
}
