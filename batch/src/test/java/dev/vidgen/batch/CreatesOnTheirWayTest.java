package dev.vidgen.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class CreatesOnTheirWayTest {
  private final CreatesOnTheirWay creates = new CreatesOnTheirWay();

  @Test
  void aStopCountsOnlyTheCreatesReallyOnTheirWayAndStopsTheOthersAtOnce() {
    creates.start();
    CompletableFuture<Void> waitingOutA429 = creates.stopSignal();
    waitingOutA429.whenComplete((any, failure) -> creates.stoppedUnsent()); // as its job does when told it made nothing
    creates.start();
    CompletableFuture<Void> onTheWire = creates.stopSignal();

    int onTheirWay = creates.close();

    assertThat(onTheirWay).as("the one on the wire").isEqualTo(1);
    assertThat(waitingOutA429).isDone();
    assertThat(onTheWire).as("told too; its answer still comes").isDone();
    assertThat(creates.count()).as("both counted until their jobs are journaled").isEqualTo(2);
  }

  @Test
  void aStoppedCreateWhoseJobIsAlreadyJournaledIsNotSubtractedTwice() {
    creates.start();
    CompletableFuture<Void> waitingOutA429 = creates.stopSignal();
    waitingOutA429.whenComplete((any, failure) -> {
      creates.stoppedUnsent();
      creates.settled(true, true); // its return to pending journaled at once, as the io thread may do
    });
    creates.start();
    creates.stopSignal();

    assertThat(creates.close()).as("the one on the wire is still awaited").isEqualTo(1);
  }

  @Test
  void aSignalTakenAfterTheStopIsDoneAndAnAnsweredCreatesSignalIsLetGo() {
    CompletableFuture<Void> answered = creates.stopSignal();
    creates.forget(answered);

    creates.close();

    assertThat(answered).as("forgotten: nothing holds it").isNotDone();
    assertThat(creates.stopSignal()).isDone();
  }
}
