package dev.vidgen.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every batch journal ({@link JobStore}) must do, whatever it is kept in, as JUnit 5 tests:
 * adding jobs once, refusing changed content, handing each job to one worker at a time under a
 * lease, refusing writes from an outdated reading, keeping every field. Extend it and return a
 * fresh journal from {@link #newStore()}; each test uses its own batch name, so one database may
 * serve every test.
 */
public abstract class JobStoreContract {
  /** The instant the tests' clocks start at. */
  protected static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  /** The journal under test, opened before each test and closed after it. */
  protected JobStore store;
  /** A batch name no other test uses. */
  protected String batch;

  /** A fresh journal; it may hold other batches, never this test's {@link #batch}. */
  protected abstract JobStore newStore() throws Exception;

  /** For subclasses, one per journal under test. */
  protected JobStoreContract() {}

  @BeforeEach
  void open() throws Exception {
    store = newStore();
    batch = "batch-" + System.nanoTime();
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  /** {@code count} pending jobs of {@code batch}, keyed {@code job-1}, {@code job-2}, … in line order. */
  public static List<Entry> jobs(String batch, int count) {
    List<Entry> entries = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      entries.add(Entry.pending(batch, "job-" + i, i, "fp-" + i, "grok-video-1.5-preview", "/videos/job-" + i + ".mp4",
          new BigDecimal("20"), T0));
    }
    return entries;
  }

  @Test
  void addsNewJobsOnceAndLeavesJobsItHoldsAsTheyAre() {
    store.enroll(batch, jobs(batch, 3));
    Entry first = store.entries(batch).get(0);
    store.update(first.toBuilder().state(State.SUBMITTING).attempts(1).build()).orElseThrow();

    List<Entry> again = store.enroll(batch, jobs(batch, 4));

    assertThat(again).extracting(Entry::key).containsExactly("job-1", "job-2", "job-3", "job-4");
    assertThat(again.get(0).state()).isEqualTo(State.SUBMITTING);
  }

  @Test
  void keepsThePriceAJobWasSentAtNotTheOneItWasFirstTakenInAt() {
    store.enroll(batch, jobs(batch, 2));
    Entry first = store.entries(batch).get(0);

    store.update(first.toBuilder().state(State.SUBMITTING).attempts(1).credits(new BigDecimal("100")).build())
        .orElseThrow();

    assertThat(store.entries(batch)).extracting(Entry::credits)
        .containsExactly(new BigDecimal("100"), new BigDecimal("20"));
    Entry sent = store.entries(batch).get(0);
    store.update(sent.toBuilder().state(State.SUBMITTED).taskId("t1").credits(null).build()).orElseThrow();
    assertThat(store.entries(batch).get(0).credits()).as("an unknown price stays unknown, not zero").isNull();
  }

  @Test
  void refusesAKnownKeyWithOtherContentAndAddsNothing() {
    store.enroll(batch, jobs(batch, 2));
    List<Entry> changed = new ArrayList<>(jobs(batch, 3));
    Entry second = changed.get(1);
    changed.set(1, Entry.pending(batch, second.key(), 2, "another-fp", second.model(), second.out(), null, T0));

    assertThatThrownBy(() -> store.enroll(batch, changed))
        .isInstanceOf(JobStore.ConflictException.class)
        .hasMessageContaining("job-2");
    assertThat(store.entries(batch)).hasSize(2);
  }

  @Test
  void handsEachJobToOneWorkerAtATime() {
    store.enroll(batch, jobs(batch, 5));

    List<Entry> a = store.claim(batch, "worker-a", 3, T0, T0.plusSeconds(60));
    List<Entry> b = store.claim(batch, "worker-b", 3, T0, T0.plusSeconds(60));
    List<Entry> c = store.claim(batch, "worker-c", 3, T0, T0.plusSeconds(60));

    assertThat(a).extracting(Entry::key).containsExactly("job-1", "job-2", "job-3");
    assertThat(b).extracting(Entry::key).containsExactly("job-4", "job-5");
    assertThat(c).isEmpty();
    assertThat(a).allMatch(e -> "worker-a".equals(e.worker()));
  }

  @Test
  void handsADeadWorkersJobsToAnotherAfterTheLeaseButNeverBackToItsHolder() {
    store.enroll(batch, jobs(batch, 2));
    store.claim(batch, "dead", 2, T0, T0.plusSeconds(60));

    assertThat(store.claim(batch, "alive", 2, T0.plusSeconds(59), T0.plusSeconds(120))).isEmpty();
    assertThat(store.claim(batch, "dead", 2, T0.plusSeconds(61), T0.plusSeconds(120))).isEmpty();
    assertThat(store.claim(batch, "alive", 2, T0.plusSeconds(61), T0.plusSeconds(120)))
        .extracting(Entry::worker).containsExactly("alive", "alive");
  }

  @Test
  void keepsHowManyTasksTheTakesOfAnUnknownJobMayHaveMadeUntilItsStateChanges() {
    store.enroll(batch, jobs(batch, 1));
    Entry held = store.claim(batch, "w", 1, T0, T0.plusSeconds(60)).get(0);

    Entry unknown = store.update(held.toBuilder().state(State.UNKNOWN).possibleTasks(2).build()).orElseThrow();

    assertThat(store.entries(batch).get(0).possibleTasks()).isEqualTo(2);
    Entry pending = store.update(unknown.toBuilder().state(State.PENDING).build()).orElseThrow();
    assertThat(pending.possibleTasks()).as("sent again: its next create counts its own takes").isEqualTo(1);
  }

  @Test
  void keepsTheTagOfTheKeyACreateWentOutWithUntilAnotherCreateOrAReturnToNeverSent() {
    store.enroll(batch, jobs(batch, 1));
    Entry held = store.claim(batch, "w", 1, T0, T0.plusSeconds(60)).get(0);
    assertThat(held.keyTag()).as("never sent: no key").isNull();

    Entry sending = store.update(held.toBuilder().state(State.SUBMITTING).attempts(1).clientReference("vgb-1")
        .keyTag("0a1b2c3d").build()).orElseThrow();
    Entry submitted = store.update(sending.toBuilder().state(State.SUBMITTED).taskId("task_1").build()).orElseThrow();

    assertThat(submitted.keyTag()).isEqualTo("0a1b2c3d");
    assertThat(store.entries(batch).get(0).keyTag()).isEqualTo("0a1b2c3d");
    assertThat(store.entries(batch).get(0).sentWithAnotherKey("ffff0000")).isTrue();
    assertThat(store.entries(batch).get(0).sentWithAnotherKey("0a1b2c3d")).isFalse();
  }

  @Test
  void handsOutAgainAFailedJobWithoutATaskMovedBackToPendingKeepingItsTriesAndEarlierTakes() {
    store.enroll(batch, jobs(batch, 2));
    List<Entry> held = store.claim(batch, "w", 2, T0, T0.plusSeconds(60));
    // Sent again after it was unknown (two earlier takes), then refused: failed, no task; job-2's task failed.
    Entry refused = store.update(held.get(0).toBuilder().state(State.FAILED).attempts(3).possibleTasks(3)
        .reason("rejected", "refused").claim(null, null).build()).orElseThrow();
    store.update(held.get(1).toBuilder().state(State.FAILED).attempts(1).taskId("t-2")
        .reason("generation_failed", "failed").claim(null, null).build()).orElseThrow();
    assertThat(store.claim(batch, "w2", 2, T0.plusSeconds(1), T0.plusSeconds(61))).as("final").isEmpty();

    store.update(refused.toBuilder().state(State.PENDING).reason(null, null).build()).orElseThrow();

    assertThat(store.claim(batch, "w2", 2, T0.plusSeconds(2), T0.plusSeconds(62))).singleElement().satisfies(e -> {
      assertThat(e.key()).isEqualTo("job-1");
      assertThat(e.state()).isEqualTo(State.PENDING);
      assertThat(e.attempts()).isEqualTo(3);
      assertThat(e.possibleTasks()).as("its earlier takes stay told").isEqualTo(3);
      assertThat(e.reasonCode()).isNull();
    });
    assertThat(store.entries(batch).get(1).taskId()).isEqualTo("t-2");
  }

  @Test
  void refusesAWriteMadeFromAnOutdatedReading() {
    store.enroll(batch, jobs(batch, 1));
    Entry held = store.claim(batch, "slow", 1, T0, T0.plusSeconds(10)).get(0);
    store.claim(batch, "fast", 1, T0.plusSeconds(11), T0.plusSeconds(70));

    assertThat(store.update(held.toBuilder().state(State.SUBMITTING).build())).isEmpty();
    assertThat(store.entries(batch).get(0).state()).isEqualTo(State.PENDING);
  }

  @Test
  void keepsEveryFieldOfAWriteAndCountsItsVersion() {
    store.enroll(batch, jobs(batch, 1));
    Entry held = store.claim(batch, "w", 1, T0, T0.plusSeconds(60)).get(0);
    Entry next = held.toBuilder().state(State.SUBMITTED).attempts(2).clientReference("vgb-1").taskId("task_9")
        .handle("vg1.abc").video("https://files.example/9.mp4", T0.plusSeconds(86_400)).reason("code", "why")
        .updatedAt(T0.plusSeconds(5)).build();

    Entry stored = store.update(next).orElseThrow();

    assertThat(stored.version()).isEqualTo(held.version() + 1);
    assertThat(store.entries(batch).get(0)).isEqualTo(stored);
    assertThat(stored).usingRecursiveComparison().ignoringFields("version").isEqualTo(next);
  }

  @Test
  void extendsLeasesWithoutChangingVersionsAndReleasesThemAtTheEnd() {
    store.enroll(batch, jobs(batch, 2));
    List<Entry> held = store.claim(batch, "w", 2, T0, T0.plusSeconds(10));

    assertThat(store.renew(batch, "w", T0.plusSeconds(100))).isEqualTo(2);
    assertThat(store.claim(batch, "other", 2, T0.plusSeconds(50), T0.plusSeconds(60))).isEmpty();
    assertThat(store.update(held.get(0).toBuilder().state(State.SUBMITTING).build())).isPresent();

    assertThat(store.releaseAll(batch, "w")).isEqualTo(2);
    assertThat(store.claim(batch, "other", 2, T0.plusSeconds(50), T0.plusSeconds(60))).hasSize(2);
  }

  @Test
  void movesOnlyUnknownJobsBackToPendingWhenAsked() {
    store.enroll(batch, jobs(batch, 3));
    List<Entry> held = store.claim(batch, "w", 3, T0, T0.plusSeconds(10));
    store.update(held.get(0).toBuilder().state(State.UNKNOWN).reason("interrupted_submit", "?").build());
    store.update(held.get(1).toBuilder().state(State.FAILED).reason("content_policy_violation", "no").build());

    assertThat(store.resubmitUnknown(batch, T0.plusSeconds(1))).isEqualTo(1);
    assertThat(store.entries(batch)).extracting(Entry::state)
        .containsExactly(State.PENDING, State.FAILED, State.PENDING);
    assertThat(store.entries(batch).get(0).reasonCode()).isNull();
  }

  @Test
  void dropsJobsWithoutATaskThatAreGoneAndGivesJobsNeverSentTheirNewContent() {
    store.enroll(batch, jobs(batch, 6));
    List<Entry> all = store.entries(batch);
    // Tried once and refused without a task (a 429): pending again, but tried.
    store.update(all.get(0).toBuilder().attempts(1).build()).orElseThrow();
    store.update(all.get(3).toBuilder().state(State.SUBMITTED).attempts(1).taskId("task_4").build()).orElseThrow();
    store.update(all.get(5).toBuilder().attempts(1).build()).orElseThrow();
    List<Entry> now = new ArrayList<>(jobs(batch, 3));
    now.set(2, Entry.pending(batch, "job-3", 7, "another-fp", "another-model", "/videos/other.mp4", null, T0));
    // job-6 was tried: it keeps its content and stays pending, and the runner refuses such a file.
    now.add(Entry.pending(batch, "job-6", 6, "another-fp-6", "grok-video-1.5-preview", "/videos/job-6.mp4", null, T0));
    now.remove(0);

    List<Entry> changed = store.followFile(batch, now, T0.plusSeconds(10));

    assertThat(changed).extracting(Entry::key, Entry::fingerprint).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("job-1", "fp-1"), org.assertj.core.groups.Tuple.tuple("job-3", "fp-3"),
        org.assertj.core.groups.Tuple.tuple("job-5", "fp-5"));
    assertThat(store.entries(batch)).as("nothing is deleted")
        .extracting(Entry::key, Entry::state).containsExactly(
            org.assertj.core.groups.Tuple.tuple("job-1", State.DROPPED), org.assertj.core.groups.Tuple.tuple("job-2", State.PENDING),
            org.assertj.core.groups.Tuple.tuple("job-4", State.SUBMITTED), org.assertj.core.groups.Tuple.tuple("job-5", State.DROPPED),
            org.assertj.core.groups.Tuple.tuple("job-6", State.PENDING), org.assertj.core.groups.Tuple.tuple("job-3", State.PENDING));
    Entry third = store.entries(batch).get(5);
    assertThat(third).extracting(Entry::fingerprint, Entry::seq, Entry::model, Entry::out)
        .containsExactly("another-fp", 7, "another-model", "/videos/other.mp4");
    assertThat(third.version()).as("a changed job's version keeps rising").isGreaterThan(all.get(2).version());
    assertThat(store.entries(batch).get(0).attempts()).as("a dropped job keeps what is known of it").isEqualTo(1);
    assertThat(store.claim(batch, "w", 10, T0.plusSeconds(11), T0.plusSeconds(70))).extracting(Entry::key)
        .as("dropped jobs are not handed out").containsExactly("job-2", "job-4", "job-6", "job-3");
  }

  @Test
  void bringsADroppedJobBackWhenItsLineReturns() {
    store.enroll(batch, jobs(batch, 2));
    store.followFile(batch, jobs(batch, 1), T0);
    Entry dropped = store.entries(batch).get(1);

    assertThat(store.followFile(batch, jobs(batch, 2), T0.plusSeconds(1))).isEmpty();

    Entry back = store.entries(batch).get(1);
    assertThat(back.state()).isEqualTo(State.PENDING);
    assertThat(back.version()).isGreaterThan(dropped.version());
    assertThat(store.enroll(batch, jobs(batch, 2))).hasSize(2);
  }

  @Test
  void refusesAWriteFromAReadingOfAJobWhoseContentWasChangedSince() {
    store.enroll(batch, jobs(batch, 1));
    Entry stale = store.claim(batch, "slow", 1, T0, T0.plusSeconds(10)).get(0);
    Entry changed = Entry.pending(batch, "job-1", 1, "fp-new", stale.model(), stale.out(), null, T0);
    // The slow worker's lease lapsed, and a run of an edited file gave the job new content.
    assertThat(store.followFile(batch, List.of(changed), T0.plusSeconds(11))).hasSize(1);
    Entry fresh = store.claim(batch, "fast", 1, T0.plusSeconds(12), T0.plusSeconds(70)).get(0);

    assertThat(store.update(stale.toBuilder().state(State.SUBMITTING).attempts(1).build()))
        .as("the slow worker read the old content").isEmpty();
    assertThat(fresh.fingerprint()).isEqualTo("fp-new");
    assertThat(store.update(fresh.toBuilder().state(State.SUBMITTING).attempts(1).build())).isPresent();
  }

  @Test
  void refusesAWriteFromAReadingOfAJobDroppedSince() {
    store.enroll(batch, jobs(batch, 1));
    Entry stale = store.claim(batch, "slow", 1, T0, T0.plusSeconds(10)).get(0);
    // The slow worker's lease lapsed, and a run of a file without the line dropped the job.
    assertThat(store.followFile(batch, List.of(), T0.plusSeconds(11))).hasSize(1);

    assertThat(store.update(stale.toBuilder().state(State.SUBMITTING).attempts(1).build()))
        .as("a dropped job is not sent from an older reading").isEmpty();
    assertThat(store.entries(batch).get(0).state()).isEqualTo(State.DROPPED);
  }

  @Test
  void leavesAJobAWorkerHoldsUntilItsLeaseEnds() {
    store.enroll(batch, jobs(batch, 1));
    store.claim(batch, "w", 1, T0, T0.plusSeconds(60));

    assertThat(store.followFile(batch, List.of(), T0.plusSeconds(30))).isEmpty();
    assertThat(store.followFile(batch, List.of(), T0.plusSeconds(61))).extracting(Entry::key)
        .containsExactly("job-1");
    assertThat(store.entries(batch)).extracting(Entry::state).containsExactly(State.DROPPED);
  }

  @Test
  void neverHandsOutFinishedJobs() {
    store.enroll(batch, jobs(batch, 3));
    for (Entry e : store.claim(batch, "w", 3, T0, T0.plusSeconds(10))) {
      store.update(e.toBuilder().state(State.SUBMITTING).build())
          .flatMap(s -> store.update(s.toBuilder().state(State.UNKNOWN).claim(null, null).build()));
    }

    assertThat(store.claim(batch, "w2", 3, T0.plusSeconds(20), T0.plusSeconds(30))).isEmpty();
  }
}
