package dev.vidgen.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CreatesOnTheirWayTest {
  private final CreatesOnTheirWay creates = new CreatesOnTheirWay();

  /** A create handed to a client that, like vidgen's, ends it as unsent when the stop comes before it left. */
  private CreatesOnTheirWay.Create heldBackOnStop() {
    CreatesOnTheirWay.Create create = creates.start();
    creates.handOver(create).whenComplete((any, failure) -> creates.stoppedUnsent(create));
    creates.handedOver();
    return create;
  }

  /** A create handed to the client and on the wire: the stop does not end it. */
  private CreatesOnTheirWay.Create onTheWire() {
    CreatesOnTheirWay.Create create = creates.start();
    creates.handOver(create);
    creates.handedOver();
    return create;
  }

  @Test
  void aStopCountsOnlyTheCreatesReallyOnTheirWayAndStopsTheOthersAtOnce() {
    heldBackOnStop();
    onTheWire();
    CreatesOnTheirWay.Create journaling = creates.start(); // its journal step not done: it was never handed over

    int onTheirWay = creates.close();

    assertThat(onTheirWay).as("the one on the wire; not the one held back nor the one still being journaled")
        .isEqualTo(1);
    assertThat(creates.handOver(journaling)).as("too late to go out").isNull();
    assertThat(creates.count()).as("all three counted until their jobs are journaled").isEqualTo(3);
    assertThat(creates.onTheirWay()).isEqualTo(1);
    assertThat(creates.unsentAfterAll()).isZero();
  }

  @Test
  void aStoppedCreateWhoseJobIsAlreadyJournaledIsNotSubtractedTwice() {
    CreatesOnTheirWay.Create waitingOutA429 = creates.start();
    creates.handOver(waitingOutA429).whenComplete((any, failure) -> {
      creates.stoppedUnsent(waitingOutA429);
      creates.settled(waitingOutA429, true); // its return to pending journaled at once, as the io thread may do
    });
    creates.handedOver();
    onTheWire();

    assertThat(creates.close()).as("the one on the wire is still awaited").isEqualTo(1);
    assertThat(creates.count()).isEqualTo(1);
  }

  @Test
  void anAnsweredCreatesSignalIsLetGoAndNoCreateStartsAfterTheStop() {
    CreatesOnTheirWay.Create create = creates.start();
    CompletableFuture<Void> answered = creates.handOver(create);
    creates.handedOver();
    creates.answered(create);

    creates.close();

    assertThat(answered).as("answered: not told").isNotDone();
    assertThat(creates.start()).isNull();
    creates.reopen();
    assertThat(creates.start()).as("a new run after one whose time ran out").isNotNull();
  }

  @Test
  void aStopWaitsForACreateBeingHandedToTheClientSoThatItIsToldAndNotCountedOnItsWay() throws Exception {
    CreatesOnTheirWay creates = new CreatesOnTheirWay(Duration.ofMinutes(5)); // longer than any slow machine's pause
    CreatesOnTheirWay.Create create = creates.start();
    CountDownLatch handedOut = new CountDownLatch(1);
    CountDownLatch clientListens = new CountDownLatch(1);
    Thread job = new Thread(() -> {
      CompletableFuture<Void> stop = creates.handOver(create);
      handedOut.countDown();
      try {
        clientListens.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      // The client registers its stop listener only now: a stop that did not wait would miss it.
      stop.whenComplete((any, failure) -> creates.stoppedUnsent(create));
      creates.handedOver();
    });
    job.start();
    assertThat(handedOut.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Integer> closing = CompletableFuture.supplyAsync(creates::close);
    await().atMost(Duration.ofSeconds(10)).until(() -> creates.closed());
    assertThat(closing).as("waits for the hand-over").isNotDone();

    clientListens.countDown();

    assertThat(closing.get(10, TimeUnit.SECONDS)).as("held back by the stop it waited to give").isZero();
    job.join(10_000);
  }

  @Test
  void aCreateCountedOnItsWayThatTurnsOutHeldBackIsToldApart() {
    CreatesOnTheirWay.Create create = onTheWire();

    assertThat(creates.close()).isEqualTo(1);
    creates.stoppedUnsent(create); // held back by its provider after all, a moment later

    assertThat(creates.unsentAfterAll()).isEqualTo(1);
    assertThat(creates.onTheirWay()).isZero();
  }
}
