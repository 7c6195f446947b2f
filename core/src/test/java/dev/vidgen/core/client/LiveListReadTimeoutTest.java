package dev.vidgen.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A live model list that never answers holds a command back once, by its read timeout counted from the read. */
class LiveListReadTimeoutTest {

  @Test
  void aSecondCheckOfAnOverdueReadEndsAtOnceInsteadOfWaitingTheTimeoutAgain() {
    try (ClientFixture fixture = new ClientFixture(new ScriptedProvider().liveModelsNeverAnswered(), builder -> {})) {
      CompletableFuture<Void> first = fixture.client.checkModelAvailableAsync(Jobs.MODEL);
      fixture.advance(Duration.ofSeconds(19));
      assertThat(first).as("waits for the list up to its timeout").isNotDone();
      fixture.advance(Duration.ofSeconds(1));
      assertThat(first).as("goes on unchecked after 20 s").isCompleted();

      // A dry run checks the model, then names the model it would send: the same read, already overdue.
      CompletableFuture<Void> second = fixture.client.checkModelAvailableAsync(Jobs.MODEL);

      assertThat(second).as("not another 20 s").isCompleted();
      assertThat(fixture.provider.calls()).as("one read of the list").containsOnlyOnce("models");
      assertThat(fixture.listener.warnings()).as("the same failure, in the same words (a command tells it once)")
          .containsOnly("live_models.unreadable: the live model list of " + ScriptedProvider.ID
              + " could not be read (no answer within 20 s); " + Jobs.MODEL + " is not checked against it");
    }
  }

  @Test
  void aCheckThatJoinsAReadOnItsWayWaitsOnlyWhatIsLeftOfItsTimeout() {
    try (ClientFixture fixture = new ClientFixture(new ScriptedProvider().liveModelsNeverAnswered(), builder -> {})) {
      CompletableFuture<Void> first = fixture.client.checkModelAvailableAsync(Jobs.MODEL);
      fixture.advance(Duration.ofSeconds(15));
      CompletableFuture<Void> joined = fixture.client.checkModelAvailableAsync(Jobs.MODEL);

      fixture.advance(Duration.ofSeconds(5));

      assertThat(first).isCompleted();
      assertThat(joined).as("20 s after the read went out, not after it joined").isCompleted();
      assertThat(fixture.provider.calls()).containsOnlyOnce("models");
    }
  }
}
