package dev.vidgen.core.client;

import static dev.vidgen.core.client.ClientFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.BudgetExceededException;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.pricing.Budget;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A job refused before anything is sent (its model not in the key's live list) never holds budget that a job
 * submitted beside it needs, while two jobs that both pass their checks still never take more than the budget.
 */
class BudgetTakenAfterChecksTest {
  private static final String LISTED = "grok-video-1.5";

  /** A valid job on grok-video-1.5: 5 s at $0.01 a second, 10 credits. */
  private static VideoJob tenCredits() {
    return VideoJob.builder(LISTED).prompt("a red kite over the sea").image("https://images.test/kite.png")
        .seconds(5).build();
  }

  private static ClientFixture client(long credits, CompletableFuture<Set<String>> liveList) {
    return new ClientFixture(new ScriptedProvider().liveModelsAnsweredBy(liveList),
        builder -> builder.budget(Budget.ofCredits(BigDecimal.valueOf(credits))));
  }

  @Test
  void jobsRefusedByTheLiveModelListDoNotMakeAValidJobBesideThemOverBudget() {
    CompletableFuture<Set<String>> liveList = new CompletableFuture<>();
    try (ClientFixture fixture = client(40, liveList)) {
      // Two 20-credit jobs on a model the key lacks and a 10-credit one it has, all at once under 40 credits.
      CompletableFuture<JobHandle> unlisted1 = fixture.client.submitAsync(Jobs.valid());
      CompletableFuture<JobHandle> unlisted2 = fixture.client.submitAsync(Jobs.valid());
      CompletableFuture<JobHandle> valid = fixture.client.submitAsync(tenCredits());

      liveList.complete(Set.of(LISTED));

      assertThat(failureOf(unlisted1)).isInstanceOf(InvalidJobException.class)
          .hasMessageContaining("live model list");
      assertThat(failureOf(unlisted2)).isInstanceOf(InvalidJobException.class);
      assertThat(valid).as("10 credits fit a budget of 40 that nothing was spent from")
          .succeedsWithin(Duration.ofSeconds(5));
      assertThat(fixture.provider.creates()).as("one create: the valid job's").singleElement()
          .satisfies(create -> assertThat(create.job().model()).isEqualTo(LISTED));
      assertThat(fixture.client.remainingBudget().remaining()).as("only the valid job's price is taken")
          .hasValueSatisfying(left -> assertThat(left).isEqualByComparingTo("30"));
    }
  }

  @Test
  void twoJobsThatPassTheirChecksTogetherStillNeverTakeMoreThanTheBudget() {
    CompletableFuture<Set<String>> liveList = new CompletableFuture<>();
    try (ClientFixture fixture = client(30, liveList)) {
      CompletableFuture<JobHandle> first = fixture.client.submitAsync(Jobs.valid());
      CompletableFuture<JobHandle> second = fixture.client.submitAsync(Jobs.valid());

      liveList.complete(Set.of(Jobs.MODEL));

      assertThat(first).succeedsWithin(Duration.ofSeconds(5));
      assertThat(failureOf(second)).isInstanceOf(BudgetExceededException.class)
          .hasMessageContaining("costs 20 credits but 10 credits of the budget are left")
          .hasMessageContaining("nothing was sent");
      assertThat(fixture.provider.count("create")).as("20 + 20 would pass the budget of 30").isEqualTo(1);
    }
  }

  @Test
  void aJobOverTheWholeBudgetIsStillRefusedAtOnceBeforeTheListIsRead() {
    CompletableFuture<Set<String>> liveList = new CompletableFuture<>();
    try (ClientFixture fixture = client(10, liveList)) {
      CompletableFuture<JobHandle> tooDear = fixture.client.submitAsync(Jobs.valid());

      assertThat(failureOf(tooDear)).isInstanceOf(BudgetExceededException.class)
          .hasMessageContaining("the budget is 10 credits");
      assertThat(fixture.provider.calls()).as("nothing read or sent").isEmpty();
    }
  }
}
