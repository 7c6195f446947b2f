package dev.vidgen.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.FollowOn;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.error.BudgetExceededException;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.pricing.Budget;
import dev.vidgen.core.pricing.PriceQuote;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the library says when it refuses a follow-on before anything is sent: a budget refusal names the extend and
 * the one way out (no routes file can price a follow-on), and a follow-on with no model names the job, not "unknown".
 */
class FollowOnRefusalWordsTest {
  private final ScriptedProvider provider = new ScriptedProvider();
  private final ClientFixture fixture = new ClientFixture(provider,
      builder -> builder.checkModelAvailability(false).budget(Budget.ofUsd(new BigDecimal("1.00"))));

  @AfterEach
  void closeClient() {
    fixture.close();
  }

  @Test
  void anExtendOfUnknownPriceUnderABudgetNamesTheExtendAndAllowUnknownPricesNotARoutesFile() {
    String earlier = new JobHandle(ScriptedProvider.ID, TaskId.of("task-1"), "grok-video-1.0",
        PriceQuote.unknown("grok-video-1.0", "test"), fixture.time.now(), null).encode();

    Throwable refused = ClientFixture.failureOf(fixture.client.extendAsync(earlier, FollowOn.prompt("higher")));

    assertThat(refused).isInstanceOf(BudgetExceededException.class);
    assertThat(refused.getMessage()).startsWith("an extend on grok-video-1.0 costs an unknown price but the budget is")
        .contains("no routes file can price an extend", "allowUnknownPrices(true)", "nothing was sent")
        .doesNotContain("state the price in a routes file", "a patch of");
    assertThat(provider.calls()).as("nothing sent").doesNotContain("createFollowOn");
  }

  @Test
  void aFollowOnOfABareIdWithNoModelNamesTheJobRatherThanAnUnknownModel() {
    Throwable refused = ClientFixture.failureOf(fixture.client.remixAsync("task-9", FollowOn.prompt("night")));

    assertThat(refused).isInstanceOf(InvalidJobException.class);
    assertThat(refused.getMessage()).startsWith("invalid remix of task-9 (1 problem): model: the earlier task was"
        + " given by its bare id").doesNotContain("for unknown");
    assertThat(provider.calls()).as("nothing sent").doesNotContain("createFollowOn");
  }
}
