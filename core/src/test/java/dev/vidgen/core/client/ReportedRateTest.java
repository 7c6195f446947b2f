package dev.vidgen.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.port.Balance;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The balance check says once when the provider prices its credits at another rate than vidgen's 200 a dollar. */
class ReportedRateTest {
  private final ClientFixture fixture = new ClientFixture();

  @AfterEach
  void close() {
    fixture.close();
  }

  private static Balance at(String creditsPerUsd) {
    return new Balance(BigDecimal.valueOf(10_000), BigDecimal.ONE, false,
        creditsPerUsd == null ? null : new BigDecimal(creditsPerUsd));
  }

  private void submit() {
    fixture.client.submitAsync(Jobs.valid());
    fixture.advance(Duration.ofSeconds(1));
  }

  @Test
  void anotherRateIsWarnedOnceSayingWhatVidgenAssumes() {
    fixture.provider.balanceAnswers(at("100"), at("100"));
    fixture.provider.createAnswers(TaskSnapshot.queued(TaskId.of("t-1")), TaskSnapshot.queued(TaskId.of("t-2")));

    submit();
    fixture.advance(Duration.ofMinutes(6)); // the next submit reads the balances again
    submit();

    assertThat(fixture.listener.warnings()).filteredOn(warning -> warning.startsWith("balance.rate"))
        .singleElement().asString().contains("the provider reports 100 credits per US dollar, but vidgen assumes 200",
            "quotes, budgets and this balance check may be off by that factor");
  }

  @Test
  void aRateStatedThatIsNoPositiveNumberIsWarnedOnceAsReplacedByVidgensOwn() {
    Balance zero = new Balance(BigDecimal.valueOf(10_000), BigDecimal.ONE, false, null, "0");
    fixture.provider.balanceAnswers(zero, zero);
    fixture.provider.createAnswers(TaskSnapshot.queued(TaskId.of("t-1")), TaskSnapshot.queued(TaskId.of("t-2")));

    submit();
    fixture.advance(Duration.ofMinutes(6)); // the next submit reads the balances again
    submit();

    assertThat(fixture.listener.warnings()).filteredOn(warning -> warning.startsWith("balance.rate"))
        .singleElement().asString().contains("the provider states 0 credits per US dollar, which is no usable rate"
            + " (it is not above zero; a rate must be a finite number above zero, at most 1000000000000): vidgen"
            + " assumes 200, as when the provider states none");
  }

  @Test
  void aRateStatedTooLargeToUseIsWarnedAsSuchNotAsBelowZero() {
    Balance huge = new Balance(BigDecimal.valueOf(10_000), BigDecimal.ONE, false, null, "1e400");
    fixture.provider.balanceAnswers(huge);
    fixture.provider.createAnswers(TaskSnapshot.queued(TaskId.of("t-1")));

    submit();

    assertThat(fixture.listener.warnings()).filteredOn(warning -> warning.startsWith("balance.rate"))
        .singleElement().asString().contains("the provider states 1e400 credits per US dollar, which is no usable"
            + " rate (it is too large to use; a rate must be a finite number above zero, at most 1000000000000):"
            + " vidgen assumes 200").doesNotContain("it must be above zero");
  }

  @Test
  void vidgensOwnRateOrNoneDrawsNoWarning() {
    fixture.provider.balanceAnswers(at("200.0"));
    fixture.provider.createAnswers(TaskSnapshot.queued(TaskId.of("t-1")));

    submit();

    assertThat(fixture.listener.warnings()).noneMatch(warning -> warning.startsWith("balance.rate"));
  }
}
