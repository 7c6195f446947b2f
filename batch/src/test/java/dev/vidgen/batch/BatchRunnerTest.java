package dev.vidgen.batch;

import static dev.vidgen.batch.ScriptedBackend.PLAIN_MODEL;
import static dev.vidgen.batch.ScriptedBackend.REFERENCE_MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.batch.journal.InMemoryJobStore;
import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.TaskFailedException;
import dev.vidgen.core.domain.TaskFailure;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoAsset;
import dev.vidgen.core.error.AmbiguousSubmitException;
import dev.vidgen.core.error.AuthenticationException;
import dev.vidgen.core.error.DownloadFailedException;
import dev.vidgen.core.error.ProviderErrorDetails;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.ResultExpiredException;
import dev.vidgen.core.policy.FailureCase;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.FailureTable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BatchRunnerTest {
  /** An instant as the journal's reasons print it, to the second. */
  private static final String INSTANT = "20\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";

  private static final String BATCH = "jobs.jsonl";

  @TempDir Path dir;

  private final InMemoryJobStore store = new InMemoryJobStore();
  private final ScriptedBackend backend = new ScriptedBackend(store, BATCH);
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stopScheduler() {
    scheduler.shutdownNow();
  }

  @Test
  void writesSubmittingBeforeTheCreateAndSubmittedBeforeThePolling() {
    BatchPlan plan = plan(line("a", PLAIN_MODEL), line("b", REFERENCE_MODEL));

    BatchReport report = runner(4, false).run(plan);

    assertThat(report.count(State.COMPLETED)).isEqualTo(2);
    assertThat(backend.calls).contains("submit a while submitting ref=null", "await a while submitted",
        "await b while submitted");
    assertThat(backend.calls).anyMatch(call -> call.matches("submit b while submitting ref=vgb-[0-9a-f]+"));
    Entry b = entry("b");
    assertThat(b.clientReference()).startsWith("vgb-");
    assertThat(b.taskId()).isNotNull();
    assertThat(Path.of(b.file())).exists().isEqualTo(dir.resolve("out").resolve("b.mp4"));
  }

  @Test
  void aPlanWithInvalidLinesIsRefusedWholeUnlessTheyAreToBeSkipped() {
    BatchPlan plan = plan(line("a", PLAIN_MODEL), "{\"id\":\"b\",\"prompt\":");
    assertThat(plan.invalid()).hasSize(1);

    assertThatThrownBy(() -> runner(2, false).run(plan)).isInstanceOf(BatchRunner.InvalidLinesException.class)
        .hasMessageContaining("1 of 2 lines of batch jobs.jsonl are invalid (line 2: ")
        .hasMessageContaining("nothing was sent");
    assertThat(backend.calls).as("nothing sent").noneMatch(call -> call.startsWith("submit"));

    BatchReport report = BatchRunner.builder().backend(backend).store(store).scheduler(scheduler)
        .requeueDelay(Duration.ofMillis(1)).worker("test-worker").skipInvalid(true).build().run(plan);
    assertThat(report.count(State.COMPLETED)).isEqualTo(1);
  }

  @Test
  void aJournalLostBesideItsVideosIsRefusedBeforeAnythingIsPaidAgain() {
    BatchPlan plan = plan(line("a", PLAIN_MODEL), line("b", PLAIN_MODEL));
    runner(2, false).run(plan);
    assertThat(dir.resolve("out").resolve(ResultsManifest.FILE)).as("the videos name their journal").exists();
    int sent = (int) backend.calls.stream().filter(call -> call.startsWith("submit")).count();
    InMemoryJobStore lost = new InMemoryJobStore();

    assertThatThrownBy(() -> BatchRunner.builder().backend(new ScriptedBackend(lost, BATCH)).store(lost)
        .scheduler(scheduler).worker("test-worker").build().run(plan))
        .isInstanceOf(ResultsManifest.StaleJournalException.class).hasMessageContaining("nothing was sent");
    assertThat(backend.calls.stream().filter(call -> call.startsWith("submit"))).hasSize(sent);
    assertThat(lost.entries(BATCH)).as("nothing journaled either").isEmpty();
  }

  @Test
  void aRunOnAnotherJournalIsRefusedOnceTheFirstHasStartedEvenBeforeItJournaledAJob() throws Exception {
    BatchPlan plan = plan(line("a", PLAIN_MODEL), line("b", PLAIN_MODEL));
    Path fileA = Files.createFile(dir.resolve("a.journal"));
    JobStore journalA = journalKeptIn(store, fileA);
    // The first run's start: it has checked the folder and claimed it; none of its jobs is journaled yet.
    ResultsManifest.in(dir.resolve("out")).checkAndClaim(plan, journalA, false);
    assertThat(store.entries(BATCH)).isEmpty();

    InMemoryJobStore other = new InMemoryJobStore();
    ScriptedBackend otherBackend = new ScriptedBackend(other, BATCH);
    JobStore journalB = journalKeptIn(other, Files.createFile(dir.resolve("b.journal")));
    assertThatThrownBy(() -> BatchRunner.builder().backend(otherBackend).store(journalB).scheduler(scheduler)
        .worker("second").build().run(plan))
        .isInstanceOf(ResultsManifest.StaleJournalException.class)
        .hasMessageContaining("has none of its jobs (missing, emptied, or another journal); nothing was sent")
        .hasMessageContaining("That journal still exists: go on with --journal " + fileA);
    assertThat(otherBackend.calls).as("nothing paid twice").noneMatch(call -> call.startsWith("submit"));

    // The first run goes on on its own journal, and a second worker on that journal is not held up either.
    BatchReport report = BatchRunner.builder().backend(backend).store(journalA).scheduler(scheduler)
        .worker("first").build().run(plan);
    assertThat(report.count(State.COMPLETED)).isEqualTo(2);
  }

  @Test
  void aRunKilledOnceItsFirstCreateWentOutLeavesResultsThatRefuseItsJournalLost() throws Exception {
    BatchPlan plan = plan(line("a", PLAIN_MODEL), line("b", PLAIN_MODEL));
    Path manifest = dir.resolve("out").resolve(ResultsManifest.FILE);
    java.util.concurrent.atomic.AtomicReference<String> atTheFirstCreate = new java.util.concurrent.atomic.AtomicReference<>();
    for (String key : List.of("a", "b")) {
      backend.submitScript.put(key, job -> {
        try {
          atTheFirstCreate.compareAndSet(null, Files.readString(manifest));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        return CompletableFuture.completedFuture(backend.handle(job, null));
      });
    }
    runner(1, false).run(plan);
    // What a run killed (kill -9) as its first create went out leaves: the manifest as it was then, no video yet
    // (the task is made and paid for); then its journal is lost, and a new, empty one takes its place.
    Files.writeString(manifest, atTheFirstCreate.get());
    for (PlannedJob job : plan.jobs()) {
      Files.delete(job.out());
    }
    InMemoryJobStore lost = new InMemoryJobStore();
    ScriptedBackend again = new ScriptedBackend(lost, BATCH);

    assertThatThrownBy(() -> BatchRunner.builder().backend(again).store(lost).scheduler(scheduler)
        .worker("test-worker").build().run(plan))
        .isInstanceOf(ResultsManifest.StaleJournalException.class)
        .hasMessageContaining("holds results of batch " + BATCH)
        .hasMessageContaining("has none of its jobs (missing, emptied, or another journal); nothing was sent");
    assertThat(again.count("submit")).as("nothing paid twice").isZero();
    assertThat(lost.entries(BATCH)).as("nothing journaled either").isEmpty();
  }

  @Test
  void aRunKilledBeforeItsManifestSaidHowFarItGotStillRefusesItsJournalLostAndKeepsItsVideos() throws Exception {
    BatchPlan plan = plan(line("a", PLAIN_MODEL), line("b", PLAIN_MODEL));
    // What a run killed midway leaves when its manifest is the one its start wrote (progress 0; so it was before runs
    // recorded their progress at their first create): the video it saved, and then its journal lost, an empty one
    // (in memory here, described as the lost one was) in its place.
    ResultsManifest.in(dir.resolve("out")).checkAndClaim(plan, store, false);
    assertThat(store.entries(BATCH)).isEmpty();
    Path video = plan.jobs().get(0).out();
    Files.createDirectories(video.getParent());
    Files.writeString(video, "a's paid video");
    java.nio.file.attribute.FileTime savedAt = Files.getLastModifiedTime(video);
    InMemoryJobStore lost = new InMemoryJobStore();
    assertThat(lost.describe()).isEqualTo(store.describe());
    ScriptedBackend again = new ScriptedBackend(lost, BATCH);

    assertThatThrownBy(() -> BatchRunner.builder().backend(again).store(lost).scheduler(scheduler)
        .worker("test-worker").build().run(plan))
        .isInstanceOf(ResultsManifest.StaleJournalException.class)
        .hasMessageContaining("has none of its jobs (missing, emptied, or another journal); nothing was sent");
    assertThat(again.count("submit")).as("nothing paid twice").isZero();
    assertThat(lost.entries(BATCH)).as("nothing journaled either").isEmpty();
    assertThat(Files.readString(video)).as("the saved video is not replaced").isEqualTo("a's paid video");
    assertThat(Files.getLastModifiedTime(video)).isEqualTo(savedAt);
    assertThat(plan.jobs().get(1).out()).doesNotExist();
  }

  @Test
  void aFirstRunIntoAFolderOfOtherFilesRunsAndLeavesThemAlone() throws Exception {
    BatchPlan plan = plan(line("a", PLAIN_MODEL), line("b", PLAIN_MODEL));
    Path other = dir.resolve("out").resolve("other.mp4");
    Files.createDirectories(other.getParent());
    Files.writeString(other, "someone's video");

    BatchReport report = runner(2, false).run(plan);

    assertThat(report.count(State.COMPLETED)).isEqualTo(2);
    assertThat(Files.readString(other)).isEqualTo("someone's video");
  }

  @Test
  void aManifestThatCannotBeWrittenBeforeTheFirstCreateStopsTheRunWithNothingSent() {
    BatchPlan plan = plan(line("a", PLAIN_MODEL), line("b", PLAIN_MODEL));
    Path manifest = dir.resolve("out").resolve(ResultsManifest.FILE);
    // Once the run has started, the manifest can no longer be replaced (a directory stands in its place).
    JobStore journal = beforeFirstClaim(now -> {
      try {
        Files.delete(manifest);
        Files.createDirectories(manifest.resolve("kept"));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });

    assertThatThrownBy(() -> BatchRunner.builder().backend(backend).store(journal).scheduler(scheduler)
        .worker("test-worker").build().run(plan))
        .isInstanceOf(ResultsManifest.WriteException.class).hasMessageContaining("cannot write " + manifest);
    assertThat(backend.count("submit")).as("nothing sent").isZero();
    assertThat(store.entries(BATCH)).extracting(Entry::state).containsOnly(State.PENDING);
    assertThat(store.entries(BATCH)).extracting(Entry::worker).as("let go for the next run").containsOnlyNulls();
  }

  /** {@code inner}, described and located as an SQLite journal kept in {@code file} would be. */
  private static JobStore journalKeptIn(JobStore inner, Path file) {
    return new ForwardingStore(inner) {
      @Override
      public String describe() {
        return "the journal " + file;
      }

      @Override
      public java.util.Optional<Path> file() {
        return java.util.Optional.of(file);
      }
    };
  }

  @Test
  void keepsAtMostConcurrencyJobsInFlight() throws Exception {
    backend.holdAwaits = true;
    Semaphore awaiting = new Semaphore(0);
    backend.awaitScript.clear();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ids.add("j" + i);
      String id = "j" + i;
      backend.awaitScript.put(id, handle -> {
        CompletableFuture<TaskSnapshot> held = new CompletableFuture<>();
        backend.heldAwaits.add(held);
        awaiting.release();
        return held;
      });
    }
    BatchPlan plan = plan(ids.stream().map(id -> line(id, PLAIN_MODEL)).toArray(String[]::new));
    CompletableFuture<BatchReport> run = CompletableFuture.supplyAsync(() -> runner(3, false).run(plan));

    for (int released = 0; released < 10; released++) {
      int expectedWaiting = Math.min(3, 10 - released);
      assertThat(awaiting.tryAcquire(released == 0 ? 3 : expectedWaiting == 3 ? 1 : 0, 10, TimeUnit.SECONDS))
          .as("awaits started").isTrue();
      CompletableFuture<TaskSnapshot> oldest = backend.heldAwaits.remove(0);
      String task = "task-" + (released + 1);
      oldest.complete(ScriptedBackend.completed(TaskId.of(task)));
    }

    BatchReport report = run.get(10, TimeUnit.SECONDS);
    assertThat(report.count(State.COMPLETED)).isEqualTo(10);
    assertThat(backend.maxInFlight.get()).isEqualTo(3);
  }

  @Test
  void aTimeoutStopsWaitingAndKeepsEveryTaskIdInTheJournalForTheNextRun() throws Exception {
    backend.holdAwaits = true; // the tasks never finish in this run
    BatchPlan plan = plan(line("a", PLAIN_MODEL), line("b", REFERENCE_MODEL), line("c", PLAIN_MODEL));
    BatchRunner timed = BatchRunner.builder().backend(backend).store(store).concurrency(2).scheduler(scheduler)
        .worker("test-worker").timeout(Duration.ofMillis(200)).build();

    BatchReport report = CompletableFuture.supplyAsync(() -> timed.run(plan)).get(10, TimeUnit.SECONDS);

    assertThat(timed.timedOut()).isTrue();
    assertThat(report.finished()).isFalse();
    for (String sent : List.of("a", "b")) {
      assertThat(entry(sent).state()).as(sent).isEqualTo(State.SUBMITTED);
      assertThat(entry(sent).taskId()).as("the paid task id of " + sent + " is kept").isNotNull();
      assertThat(report.leftOver().get(entry(sent).key())).contains("still running when the run's time ran out",
          "its id is in the journal");
    }
    assertThat(entry("c").state()).as("not sent once the time was up").isEqualTo(State.PENDING);
    assertThat(report.leftOver().get(entry("c").key())).isEqualTo("not sent: the run's time ran out; the next run sends it");
    assertThat(backend.calls.stream().filter(call -> call.startsWith("submit"))).hasSize(2);

    backend.holdAwaits = false;
    BatchReport next = runner(2, false).run(plan);

    assertThat(next.count(State.COMPLETED)).isEqualTo(3);
    assertThat(backend.calls.stream().filter(call -> call.startsWith("submit"))).as("a and b are not paid again")
        .hasSize(3);
  }

  @Test
  void theSameRunnerRunAgainAfterItsTimeSendsAndFollowsAgain() throws Exception {
    backend.holdAwaits = true;
    BatchPlan plan = plan(line("a", PLAIN_MODEL), line("c", PLAIN_MODEL));
    BatchRunner timed = BatchRunner.builder().backend(backend).store(store).concurrency(1).scheduler(scheduler)
        .worker("test-worker").timeout(Duration.ofSeconds(2)).build();
    BatchReport first = CompletableFuture.supplyAsync(() -> timed.run(plan)).get(10, TimeUnit.SECONDS);
    assertThat(first.finished()).isFalse();
    assertThat(entry("c").state()).isEqualTo(State.PENDING);

    backend.holdAwaits = false;
    BatchReport second = CompletableFuture.supplyAsync(() -> timed.run(plan)).get(10, TimeUnit.SECONDS);

    assertThat(second.count(State.COMPLETED)).as("the deadline was the first run's, not the runner's").isEqualTo(2);
    assertThat(timed.timedOut()).isFalse();
    assertThat(backend.calls.stream().filter(call -> call.startsWith("submit"))).as("a is not paid again").hasSize(2);
  }

  @Test
  void aTimeoutWhileAnUnansweredCreateIsLookedUpLeavesItSubmittingAndTheNextRunLooksItUp() throws Exception {
    BatchPlan plan = plan(line("b", REFERENCE_MODEL));
    // As the client does: the create got no answer, and its look-up by reference ends when the submit is stopped.
    backend.submitScript.put("b", job -> {
      CompletableFuture<JobHandle> create = new CompletableFuture<>();
      backend.stopSending.whenComplete((stopped, failure) -> create.completeExceptionally(new AmbiguousSubmitException(
          ProviderErrorDetails.of("scripted", 0, null, "its look-up was stopped"), "any", null)));
      return create;
    });
    BatchRunner timed = BatchRunner.builder().backend(backend).store(store).scheduler(scheduler)
        .worker("test-worker").timeout(Duration.ofMillis(200)).build();

    BatchReport report = CompletableFuture.supplyAsync(() -> timed.run(plan)).get(10, TimeUnit.SECONDS);

    String reference = entry("b").clientReference();
    assertThat(reference).isNotNull();
    assertThat(entry("b").state()).as("not unknown: the next run can look it up").isEqualTo(State.SUBMITTING);
    assertThat(report.count(State.UNKNOWN)).isZero();
    assertThat(report.unfinished()).extracting(Entry::key).containsExactly(entry("b").key());
    assertThat(report.leftOver().get(entry("b").key())).contains("looked up by client reference " + reference,
        "when the run's time ran out", "the next run looks it up before sending anything");

    backend.submitScript.clear();
    backend.lookups.put(reference, Optional.empty());
    BatchReport next = runner(1, false).run(plan);

    assertThat(backend.calls).containsSubsequence("find " + reference, "submit b while submitting ref=" + reference);
    assertThat(backend.count("submit")).as("sent again once, after the look-up found nothing").isEqualTo(2);
    assertThat(next.count(State.COMPLETED)).isEqualTo(1);
  }

  @Test
  void aTimeoutDuringTheLookUpOfAnEarlierCreateEndsItAndLeavesTheJobSubmitting() throws Exception {
    BatchPlan plan = plan(line("a", REFERENCE_MODEL));
    seed(plan, b -> b.state(State.SUBMITTING).attempts(1).clientReference("ref-1"));
    backend.holdLookups = true; // a look-up waiting out its grace
    BatchRunner timed = BatchRunner.builder().backend(backend).store(store).scheduler(scheduler)
        .worker("test-worker").timeout(Duration.ofMillis(200)).build();

    BatchReport report = CompletableFuture.supplyAsync(() -> timed.run(plan)).get(10, TimeUnit.SECONDS);

    assertThat(timed.timedOut()).isTrue();
    assertThat(entry("a").state()).isEqualTo(State.SUBMITTING);
    assertThat(entry("a").clientReference()).isEqualTo("ref-1");
    assertThat(report.leftOver().get(entry("a").key())).contains("looking it up by client reference ref-1 had not"
        + " ended when the run's time ran out", "stays submitting");
    assertThat(backend.count("submit")).as("nothing sent").isZero();
  }

  @Test
  void aCreateWaitingOutA429WhenTheTimeRunsOutIsLeftWithTheTimeoutsReason() throws Exception {
    BatchPlan plan = plan(line("a", PLAIN_MODEL));
    // As the client does: a create waiting for its backoff ends unsent when the submit is stopped.
    backend.submitScript.put("a", job -> {
      CompletableFuture<JobHandle> create = new CompletableFuture<>();
      backend.stopSending.whenComplete((stopped, failure) -> create.completeExceptionally(
          new dev.vidgen.core.client.SubmitNotSentException("refused with a 429; not sent again", 1)));
      return create;
    });
    BatchRunner timed = BatchRunner.builder().backend(backend).store(store).scheduler(scheduler)
        .worker("test-worker").timeout(Duration.ofMillis(200)).build();

    BatchReport report = CompletableFuture.supplyAsync(() -> timed.run(plan)).get(10, TimeUnit.SECONDS);

    assertThat(entry("a").state()).isEqualTo(State.PENDING);
    assertThat(report.leftOver().get(entry("a").key())).isEqualTo("not sent: the run's time ran out; the next run sends it");
  }

  @Test
  void aTimeoutThatIsNotPositiveIsRefused() {
    assertThatThrownBy(() -> BatchRunner.builder().timeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout must be positive");
  }

  @Test
  void keepsTellingTheElapsedTimeWhileAJobRunsWithoutChange() throws Exception {
    backend.holdAwaits = true;
    Semaphore ticks = new Semaphore(0);
    List<BatchProgress> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    BatchListener listener = new BatchListener() {
      @Override
      public void onProgress(BatchProgress progress) {
        seen.add(progress);
        ticks.release();
      }
    };
    BatchPlan plan = plan(line("a", PLAIN_MODEL));
    BatchRunner runner = BatchRunner.builder().backend(backend).store(store).scheduler(scheduler)
        .progressEvery(Duration.ofMillis(5)).listener(listener).build();
    CompletableFuture<BatchReport> run = CompletableFuture.supplyAsync(() -> runner.run(plan));

    for (int tick = 0; tick < 10_000 && backend.heldAwaits.isEmpty(); tick++) {
      assertThat(ticks.tryAcquire(1, 10, TimeUnit.SECONDS)).as("progress told while the job starts").isTrue();
    }
    assertThat(backend.heldAwaits).as("the job is being polled").hasSize(1);
    assertThat(ticks.tryAcquire(20, 10, TimeUnit.SECONDS)).as("progress told again and again").isTrue();
    BatchProgress early = seen.get(0);
    BatchProgress late = seen.get(seen.size() - 1);
    assertThat(late.done()).isZero();
    assertThat(late.elapsed()).isGreaterThan(early.elapsed());
    backend.heldAwaits.get(0).complete(ScriptedBackend.completed(TaskId.of("task-1")));
    assertThat(run.get(10, TimeUnit.SECONDS).count(State.COMPLETED)).isEqualTo(1);
  }

  @Test
  void aListenerThatThrowsFailsNeitherTheJournalsWritesNorTheRun() {
    BatchPlan plan = plan(line("a", PLAIN_MODEL), line("b", PLAIN_MODEL), line("c", REFERENCE_MODEL));
    BatchListener listener = new BatchListener() {
      @Override
      public void onWritten(dev.vidgen.batch.journal.JobStore.Entry entry) {
        throw new AssertionError("a progress bar's failed assertion");
      }

      @Override
      public void onProgress(BatchProgress progress) {
        throw new IllegalStateException("a progress bar's bug");
      }
    };

    BatchReport report = BatchRunner.builder().backend(backend).store(store).concurrency(3).scheduler(scheduler)
        .requeueDelay(Duration.ofMillis(1)).worker("test-worker").listener(listener).build().run(plan);

    assertThat(report.count(State.COMPLETED)).as("every job made and saved, each task journaled").isEqualTo(3);
  }

  @Test
  void neverShowsAFinishedJobAsStillInFlight() {
    BatchPlan plan = plan(line("a", PLAIN_MODEL), line("b", PLAIN_MODEL), line("c", REFERENCE_MODEL));
    List<BatchProgress> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    BatchListener listener = recording(seen);

    BatchReport report = BatchRunner.builder().backend(backend).store(store).concurrency(3).scheduler(scheduler)
        .requeueDelay(Duration.ofMillis(1)).worker("test-worker").listener(listener).build().run(plan);

    assertThat(report.count(State.COMPLETED)).isEqualTo(3);
    assertThat(seen).isNotEmpty().allSatisfy(p -> assertThat(p.done() + p.inFlight())
        .as("done %d + in flight %d of %d", p.done(), p.inFlight(), p.total()).isLessThanOrEqualTo(p.total()));
    assertThat(seen.get(seen.size() - 1).inFlight()).isZero();
  }

  @Test
  void countsEachJobOnceInTheStateItReachedIncludingJobsFinishedInAnEarlierRun() {
    runner(2, false).run(plan(line("done", PLAIN_MODEL)));
    BatchPlan plan = plan(line("done", PLAIN_MODEL), line("a", PLAIN_MODEL), line("b", PLAIN_MODEL),
        line("c", PLAIN_MODEL), line("d", PLAIN_MODEL));
    backend.submitScript.put("b", job -> CompletableFuture.failedFuture(new AmbiguousSubmitException(
        ProviderErrorDetails.of("scripted", 0, null, "no answer"), null, null)));
    backend.awaitScript.put("c", handle -> CompletableFuture.failedFuture(new TaskFailedException(handle,
        TaskSnapshot.failed(handle.taskId(), new TaskFailure("content_policy_violation", "refused")))));
    List<BatchProgress> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    BatchListener listener = recording(seen);

    BatchReport report = BatchRunner.builder().backend(backend).store(store).concurrency(2).scheduler(scheduler)
        .worker("test-worker").listener(listener).build().run(plan);

    assertThat(seen.get(0).completed()).as("the job finished before").isEqualTo(1);
    BatchProgress last = seen.get(seen.size() - 1);
    assertThat(List.of(last.total(), last.completed(), last.failed(), last.unknown(), last.inFlight()))
        .containsExactly(5, 3, 1, 1, 0);
    assertThat(List.of(report.count(State.COMPLETED), report.count(State.FAILED), report.count(State.UNKNOWN)))
        .containsExactly(3, 1, 1);
  }

  @Test
  void recoversAJobCaughtMidCreateByItsClientReference() {
    BatchPlan plan = plan(line("a", REFERENCE_MODEL));
    seed(plan, b -> b.state(State.SUBMITTING).attempts(1).clientReference("ref-1"));
    backend.lookups.put("ref-1", Optional.of(TaskSnapshot.inProgress(TaskId.of("t-9"), 40)));
    backend.promptByTask.put("t-9", "a");

    BatchReport report = runner(2, false).run(plan);

    assertThat(backend.calls).containsExactly("find ref-1", "await a while submitted", "download a");
    assertThat(entry("a").state()).isEqualTo(State.COMPLETED);
    assertThat(entry("a").taskId()).isEqualTo("t-9");
    assertThat(report.finished()).isTrue();
  }

  @Test
  void tellsTheListenerBeforeLookingUpAJobCaughtMidCreate() {
    BatchPlan plan = plan(line("a", REFERENCE_MODEL));
    seed(plan, b -> b.state(State.SUBMITTING).attempts(1).clientReference("ref-1"));
    backend.lookups.put("ref-1", Optional.empty());
    List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
    BatchListener listener = new BatchListener() {
      @Override
      public void onLookingUp(Entry entry) {
        told.add(entry.key() + " " + entry.clientReference() + " after " + backend.calls);
      }
    };

    BatchRunner.builder().backend(backend).store(store).scheduler(scheduler).worker("test-worker")
        .listener(listener).build().run(plan);

    assertThat(told).as("said before the look-up starts").containsExactly(entry("a").key() + " ref-1 after []");
  }

  @Test
  void aCreateRefusedByTheBudgetBeforeItWentOutIsNotCountedAsTried() {
    BatchPlan plan = plan(line("a", PLAIN_MODEL));
    backend.submitScript.put("a", job -> CompletableFuture.failedFuture(
        new dev.vidgen.core.error.BudgetExceededException(backend.quote(job), java.math.BigDecimal.ZERO)));

    BatchReport report = runner(1, false).run(plan);

    assertThat(entry("a").state()).isEqualTo(State.PENDING);
    assertThat(entry("a").attempts()).as("nothing was sent").isZero();
    assertThat(report.leftOver().get(entry("a").key())).contains("nothing was sent")
        .as("the client's own budget held it back: no provider refused it")
        .startsWith("not sent: the client's budget held it back: ").doesNotContain("refused");
  }

  @Test
  void sendsAJobAgainWithTheSameReferenceWhenTheProviderKnowsNoSuchTask() {
    BatchPlan plan = plan(line("a", REFERENCE_MODEL));
    seed(plan, b -> b.state(State.SUBMITTING).attempts(1).clientReference("ref-1"));
    backend.lookups.put("ref-1", Optional.empty());

    runner(2, false).run(plan);

    assertThat(backend.count("submit")).isEqualTo(1);
    assertThat(backend.calls).contains("submit a while submitting ref=ref-1");
    assertThat(entry("a").state()).isEqualTo(State.COMPLETED);
    assertThat(entry("a").attempts()).isEqualTo(2);
  }

  @Test
  void aJobSentAgainAfterItsLookUpFoundNothingKeepsTheTakeLookedUpAmongItsPossibleTasks() {
    BatchPlan plan = plan(line("a", REFERENCE_MODEL));
    seed(plan, b -> b.state(State.SUBMITTING).attempts(1).clientReference("ref-1"));
    backend.lookups.put("ref-1", Optional.empty());

    runner(2, false).run(plan);

    assertThat(entry("a").state()).isEqualTo(State.COMPLETED);
    assertThat(entry("a").possibleTasks()).as("the take looked up may still be listed late as a paid task")
        .isEqualTo(2);
    assertThat(JobHandle.decode(entry("a").handle()).possibleExtraTasks())
        .as("told with the task by every later run, and counted against --max-credits").isOne();
  }

  @Test
  void aResendAfterALookUpThatTheBudgetHoldsBackLeavesTheTakeLookedUpCounted() {
    BatchPlan plan = plan(line("a", REFERENCE_MODEL));
    seed(plan, b -> b.state(State.SUBMITTING).attempts(1).clientReference("ref-1"));
    backend.lookups.put("ref-1", Optional.empty());
    backend.submitScript.put("a", job -> CompletableFuture.failedFuture(
        new dev.vidgen.core.error.BudgetExceededException(backend.quote(job), java.math.BigDecimal.ZERO)));

    runner(1, false).run(plan);

    assertThat(entry("a").state()).isEqualTo(State.PENDING);
    assertThat(entry("a").possibleTasks()).as("the next run still counts the take of unknown outcome").isEqualTo(2);
  }

  @Test
  void aJobCaughtMidCreateWithAnotherKeysTagIsNotSentAgainWhenThisKeyFindsNoTaskOfItsReference() {
    BatchPlan plan = plan(line("a", REFERENCE_MODEL));
    seed(plan, b -> b.state(State.SUBMITTING).attempts(1).clientReference("ref-1").keyTag("aaaa1111"));
    backend.lookups.put("ref-1", Optional.empty());

    BatchReport report = keyedRunner("bbbb2222", false).run(plan);

    assertThat(backend.count("submit")).as("another account may hold its task").isZero();
    assertThat(backend.calls).containsExactly("find ref-1");
    assertThat(entry("a").state()).as("looked up again by the next run").isEqualTo(State.SUBMITTING);
    assertThat(entry("a").reasonCode()).isEqualTo("another_key");
    assertThat(report.leftOver().get(entry("a").key())).contains("aaaa1111", "bbbb2222", "ref-1",
        "a run of this batch with that key", "--resubmit-unknown");
    assertThat(report.finished()).isFalse();

    // The first key's account holds the task: that key's run finds it and follows it, paying nothing again.
    backend.lookups.put("ref-1", Optional.of(TaskSnapshot.inProgress(TaskId.of("t-9"), 40)));
    backend.promptByTask.put("t-9", "a");
    keyedRunner("aaaa1111", false).run(plan);

    assertThat(backend.count("submit")).isZero();
    assertThat(entry("a").state()).isEqualTo(State.COMPLETED);
    assertThat(entry("a").taskId()).isEqualTo("t-9");
  }

  @Test
  void aJobCaughtMidCreateWithAnotherKeysTagIsSentAnewOnlyWhenAskedWithResubmitUnknown() {
    BatchPlan plan = plan(line("a", REFERENCE_MODEL));
    seed(plan, b -> b.state(State.SUBMITTING).attempts(1).clientReference("ref-1").keyTag("aaaa1111"));
    backend.lookups.put("ref-1", Optional.empty());
    keyedRunner("bbbb2222", false).run(plan);
    assertThat(backend.count("submit")).isZero();

    keyedRunner("bbbb2222", true).run(plan);

    assertThat(backend.calls).as("looked up once more first").containsSubsequence("find ref-1", "find ref-1",
        "submit a while submitting ref=ref-1");
    assertThat(backend.count("submit")).isEqualTo(1);
    assertThat(entry("a").state()).isEqualTo(State.COMPLETED);
    assertThat(entry("a").keyTag()).as("the take that made its task").isEqualTo("bbbb2222");
  }

  @Test
  void aJobCaughtMidCreateWithTheSameKeysTagIsSentAgainAndOneFoundWithAnotherIsFollowedUnderThisKey() {
    BatchPlan plan = plan(line("a", REFERENCE_MODEL), line("b", REFERENCE_MODEL));
    journal(plan, "a", b -> b.state(State.SUBMITTING).attempts(1).clientReference("ref-a").keyTag("bbbb2222"));
    journal(plan, "b", b -> b.state(State.SUBMITTING).attempts(1).clientReference("ref-b").keyTag("aaaa1111"));
    backend.lookups.put("ref-a", Optional.empty());
    backend.lookups.put("ref-b", Optional.of(TaskSnapshot.inProgress(TaskId.of("t-b"), 40)));
    backend.promptByTask.put("t-b", "b");

    keyedRunner("bbbb2222", false).run(plan);

    assertThat(backend.calls).contains("submit a while submitting ref=ref-a");
    assertThat(backend.count("submit")).isEqualTo(1);
    assertThat(entry("a").state()).isEqualTo(State.COMPLETED);
    assertThat(entry("b").state()).as("a key made anew for the same account").isEqualTo(State.COMPLETED);
    assertThat(entry("b").keyTag()).isEqualTo("bbbb2222");
  }

  @Test
  void aTaskNotFoundThatAnotherKeyMadeKeepsItsJobOpenAndSaysSo() {
    BatchPlan plan = plan(line("a", PLAIN_MODEL));
    seed(plan, b -> b.state(State.SUBMITTED).attempts(1).taskId("t-1").keyTag("aaaa1111"));
    backend.promptByTask.put("t-1", "a");
    backend.awaitScript.put("a", handle -> CompletableFuture.failedFuture(new dev.vidgen.core.error.TaskNotFoundException(
        ProviderErrorDetails.of("scripted", 404, "task_not_found", "no such task"), null)));

    // An hour after its create (seeded at the epoch): long before a task not found is taken as gone.
    Clock anHourOn = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), Instant.EPOCH.plusSeconds(3600)));
    BatchReport report = BatchRunner.builder().backend(backend).store(store).scheduler(scheduler).worker("test-worker")
        .clock(anHourOn).keyTag("bbbb2222").build().run(plan);

    assertThat(entry("a").state()).isEqualTo(State.SUBMITTED);
    assertThat(report.leftOver().get(entry("a").key())).contains("another API key", "aaaa1111", "bbbb2222",
        "stays open");
    assertThat(backend.count("submit a")).isZero();
  }

  @Test
  void aCreateKeepsTheTagOfTheKeyItWentOutWith() {
    BatchPlan plan = plan(line("a", REFERENCE_MODEL));

    keyedRunner("cccc3333", false).run(plan);

    assertThat(entry("a").state()).isEqualTo(State.COMPLETED);
    assertThat(entry("a").keyTag()).isEqualTo("cccc3333");
  }

  private BatchRunner keyedRunner(String keyTag, boolean resubmitUnknown) {
    return BatchRunner.builder().backend(backend).store(store).concurrency(2).resubmitUnknown(resubmitUnknown)
        .scheduler(scheduler).requeueDelay(Duration.ofMillis(1)).worker("test-worker").keyTag(keyTag).build();
  }

  @Test
  void whileItsCreateWaitsOutA429TheJournalSaysNoneIsOnItsWayAndTakesItBackDurablyBeforeTheNextTakeLeaves()
      throws Exception {
    CompletableFuture<JobHandle> answer = new CompletableFuture<>();
    backend.submitScript.put("a", job -> {
      backend.takes.waiting(Duration.ofSeconds(30));
      return answer;
    });
    BatchPlan plan = plan(line("a", PLAIN_MODEL));
    CompletableFuture<BatchReport> run = CompletableFuture.supplyAsync(() -> runner(1, false).run(plan));

    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> entry("a").createWaiting());
    assertThat(entry("a").state()).isEqualTo(State.SUBMITTING);
    assertThat(entry("a").reason()).contains("waits 30 s to be sent again; none is on its way");

    backend.takes.sendingAgain().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(entry("a").createWaiting()).as("taken off before the next take leaves").isFalse();
    assertThat(entry("a").reasonCode()).isNull();

    answer.complete(backend.handle(plan.jobs().get(0).job(), null));
    assertThat(run.get(10, TimeUnit.SECONDS).count(State.COMPLETED)).isEqualTo(1);
  }

  @Test
  void whileItsCreateWaitsItsTurnUnderTheRateLimitTheJournalSaysNoneIsOnItsWayAndCountsItNotTriedUntilItLeaves()
      throws Exception {
    CompletableFuture<JobHandle> answer = new CompletableFuture<>();
    backend.submitScript.put("a", job -> {
      backend.takes.waitingTurn(Duration.ofSeconds(12));
      return answer;
    });
    BatchPlan plan = plan(line("a", PLAIN_MODEL));
    CompletableFuture<BatchReport> run = CompletableFuture.supplyAsync(() -> runner(1, false).run(plan));

    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> entry("a").createWaiting());
    assertThat(entry("a").reason()).contains("waits its turn under the rate limit (about 12 s); none is on its way");
    assertThat(entry("a").attempts()).as("nothing of it has left yet").isZero();

    backend.takes.sendingAgain().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(entry("a").createWaiting()).as("taken off before the take leaves").isFalse();
    assertThat(entry("a").state()).isEqualTo(State.SUBMITTING);
    assertThat(entry("a").attempts()).as("counted as tried once it leaves").isEqualTo(1);

    answer.complete(backend.handle(plan.jobs().get(0).job(), null));
    assertThat(run.get(10, TimeUnit.SECONDS).count(State.COMPLETED)).isEqualTo(1);
    assertThat(entry("a").attempts()).isEqualTo(1);
  }

  @Test
  void whileItsCreateWaitsForOneOfTheProvidersConnectionsTheJournalSaysNoneIsOnItsWayAndANextRunSendsIt()
      throws Exception {
    CompletableFuture<JobHandle> answer = new CompletableFuture<>();
    backend.submitScript.put("a", job -> {
      backend.takes.waitingForConnection();
      return answer;
    });
    BatchPlan plan = plan(line("a", PLAIN_MODEL));
    CompletableFuture<BatchReport> run = CompletableFuture.supplyAsync(() -> runner(1, false).run(plan));

    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> entry("a").createWaiting());
    Entry killedThere = entry("a");
    assertThat(killedThere.state()).isEqualTo(State.SUBMITTING);
    assertThat(killedThere.reason()).contains("waits for one of the provider's connections; none is on its way");
    assertThat(killedThere.attempts()).as("nothing of it has left yet").isZero();

    // A kill -9 now leaves the journal so; the next run (a new process, its lease gone) reads it.
    InMemoryJobStore after = new InMemoryJobStore();
    PlannedJob job = plan.jobs().get(0);
    Entry enrolled = after.enroll(BATCH, List.of(Entry.pending(BATCH, job.key(), job.line(), job.fingerprint(),
        job.job().model(), job.out().toString(), job.quote().credits(), Instant.EPOCH))).get(0);
    after.update(enrolled.toBuilder().state(killedThere.state()).attempts(killedThere.attempts())
        .reason(killedThere.reasonCode(), killedThere.reason()).updatedAt(Instant.EPOCH).build()).orElseThrow();
    ScriptedBackend next = new ScriptedBackend(after, BATCH);
    BatchReport report = BatchRunner.builder().backend(next).store(after).concurrency(1).resubmitUnknown(false)
        .scheduler(scheduler).requeueDelay(Duration.ofMillis(1)).worker("test-worker").build().run(plan);

    assertThat(next.count("submit")).as("sent without --resubmit-unknown").isEqualTo(1);
    assertThat(next.calls).as("nothing looked up: none was on its way").noneMatch(call -> call.startsWith("find"));
    assertThat(report.count(State.UNKNOWN)).isZero();
    assertThat(report.count(State.COMPLETED)).isEqualTo(1);

    backend.takes.sendingAgain().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(entry("a").createWaiting()).as("taken off before the take leaves").isFalse();
    assertThat(entry("a").attempts()).as("counted as tried once it leaves").isEqualTo(1);
    answer.complete(backend.handle(plan.jobs().get(0).job(), null));
    assertThat(run.get(10, TimeUnit.SECONDS).count(State.COMPLETED)).isEqualTo(1);
  }

  @Test
  void aTakeRefusedWith429ThatThenWaitsItsTurnKeepsCountingAsTried() throws Exception {
    CompletableFuture<JobHandle> answer = new CompletableFuture<>();
    backend.submitScript.put("a", job -> {
      backend.takes.waiting(Duration.ofSeconds(2));
      return answer;
    });
    BatchPlan plan = plan(line("a", PLAIN_MODEL));
    CompletableFuture<BatchReport> run = CompletableFuture.supplyAsync(() -> runner(1, false).run(plan));
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> entry("a").createWaiting());
    backend.takes.sendingAgain().toCompletableFuture().get(10, TimeUnit.SECONDS);

    backend.takes.waitingTurn(Duration.ofSeconds(1));
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> entry("a").createWaiting());

    assertThat(entry("a").reason()).contains("waits its turn under the rate limit");
    assertThat(entry("a").attempts()).as("its first take went out and was refused").isEqualTo(1);
    backend.takes.sendingAgain().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(entry("a").createWaiting()).isFalse();
    assertThat(entry("a").attempts()).isEqualTo(1);
    answer.complete(backend.handle(plan.jobs().get(0).job(), null));
    assertThat(run.get(10, TimeUnit.SECONDS).count(State.COMPLETED)).isEqualTo(1);
  }

  @Test
  void aJobKilledWhileItsCreateWaitedItsTurnIsSentAgainNotCalledUnknown() {
    BatchPlan plan = plan(line("a", PLAIN_MODEL), line("b", REFERENCE_MODEL));
    journal(plan, "a", b -> b.state(State.SUBMITTING).attempts(0)
        .reason(JobStore.CREATE_WAITING, "its create waits its turn under the rate limit (about 3 s)"));
    journal(plan, "b", b -> b.state(State.SUBMITTING).attempts(0).clientReference("ref-b")
        .reason(JobStore.CREATE_WAITING, "its create waits its turn under the rate limit (about 3 s)"));

    BatchReport report = runner(2, false).run(plan);

    assertThat(backend.count("submit")).as("both sent, without --resubmit-unknown").isEqualTo(2);
    assertThat(backend.calls).as("nothing looked up: none was on its way").noneMatch(call -> call.startsWith("find"));
    assertThat(report.count(State.COMPLETED)).isEqualTo(2);
    assertThat(entry("a").attempts()).as("sent once").isEqualTo(1);
  }

  @Test
  void aJobWhoseFirstCreateStillWaitedItsTurnWhenItsRunEndedTakesItsChangedLineAsAJobNeverSentDoes() {
    BatchPlan before = plan(line("a", REFERENCE_MODEL), line("b", PLAIN_MODEL));
    journal(before, "a", b -> b.state(State.SUBMITTING).attempts(0).clientReference("ref-a")
        .reason(JobStore.CREATE_WAITING, "its create waits its turn under the rate limit (about 3 s)"));
    journal(before, "b", b -> b.state(State.SUBMITTING).attempts(0)
        .reason(JobStore.CREATE_WAITING, "its create waits its turn under the rate limit (about 3 s)"));
    BatchPlan edited = plan("{\"id\":\"a\",\"model\":\"" + REFERENCE_MODEL + "\",\"prompt\":\"a edited\"}");

    BatchReport report = runner(2, false).run(edited);

    assertThat(backend.calls).as("nothing looked up: none was on its way").noneMatch(call -> call.startsWith("find"));
    assertThat(backend.count("submit")).as("only the edited line is sent, once").isEqualTo(1);
    Entry a = entry("a");
    assertThat(a.state()).isEqualTo(State.COMPLETED);
    assertThat(a.fingerprint()).as("sent as the line is now").isEqualTo(edited.jobs().get(0).fingerprint());
    assertThat(a.clientReference()).as("a reference of its own, not the one never sent").isNotEqualTo("ref-a");
    assertThat(entry("b").state()).as("its line is gone and nothing of it was sent").isEqualTo(State.DROPPED);
    assertThat(report.count(State.UNKNOWN)).isZero();
  }

  @Test
  void aJobWhoseCreateLeftAndWasRefusedWith429BeforeItWaitedIsStillRefusedWhenItsLineChanged() {
    BatchPlan before = plan(line("a", PLAIN_MODEL));
    seed(before, b -> b.state(State.SUBMITTING).attempts(1).reason(JobStore.CREATE_WAITING, "waits 30 s"));
    BatchPlan edited = plan("{\"id\":\"a\",\"model\":\"" + PLAIN_MODEL + "\",\"prompt\":\"a edited\"}");

    assertThatThrownBy(() -> runner(2, false).run(edited)).isInstanceOf(JobStore.ConflictException.class)
        .hasMessageContaining("job a (line 1)").hasMessageContaining("with other content")
        .hasMessageContaining("nothing was sent");
    assertThat(backend.calls).isEmpty();
  }

  @Test
  void aChangedJobWhoseFirstCreateWaitsItsTurnUnderAnotherWorkersLiveLeaseIsLeftToIt() {
    BatchPlan before = plan(line("a", PLAIN_MODEL));
    Instant leaseEnd = Instant.now().plusSeconds(600);
    seed(before, b -> b.state(State.SUBMITTING).attempts(0).claim("other-worker", leaseEnd)
        .reason(JobStore.CREATE_WAITING, "its create waits its turn under the rate limit (about 3 s)"));
    BatchPlan edited = plan("{\"id\":\"a\",\"model\":\"" + PLAIN_MODEL + "\",\"prompt\":\"a edited\"}");

    assertThatThrownBy(() -> runner(2, false).run(edited)).isInstanceOf(JobStore.ConflictException.class)
        .hasMessageContaining("worker other-worker holds it");
    assertThatThrownBy(() -> runner(2, false).run(plan(line("x", PLAIN_MODEL))))
        .isInstanceOf(JobStore.ConflictException.class).hasMessageContaining("(a, line 1, submitting)");
    assertThat(backend.calls).isEmpty();
    assertThat(entry("a").state()).isEqualTo(State.SUBMITTING);
  }

  @Test
  void aJobKilledWhileItsCreateWaitedOutA429IsSentAgainNotCalledUnknown() {
    BatchPlan plan = plan(line("a", PLAIN_MODEL));
    seed(plan, b -> b.state(State.SUBMITTING).attempts(1).reason(JobStore.CREATE_WAITING, "waits 30 s"));

    assertThat(BatchPreview.read(plan, store, false, Instant.now()).jobs().get(0).action())
        .as("what a dry run says of it").isEqualTo(BatchPreview.Action.SEND);

    BatchReport report = runner(2, false).run(plan);

    assertThat(backend.count("submit")).as("sent again without --resubmit-unknown").isEqualTo(1);
    assertThat(entry("a").state()).isEqualTo(State.COMPLETED);
    assertThat(report.finished()).isTrue();
  }

  @Test
  void reportsAJobCaughtMidCreateWithoutAReferenceAsUnknownAndSendsNothing() {
    BatchPlan plan = plan(line("a", PLAIN_MODEL));
    seed(plan, b -> b.state(State.SUBMITTING).attempts(1));

    BatchReport report = runner(2, false).run(plan);

    assertThat(backend.calls).isEmpty();
    Entry a = entry("a");
    assertThat(a.state()).isEqualTo(State.UNKNOWN);
    assertThat(a.reasonCode()).isEqualTo("interrupted_submit");
    assertThat(a.reason()).contains("--resubmit-unknown", "dashboard");
    assertThat(report.finished()).isTrue();
  }

  @Test
  void sendsUnknownJobsAgainOnlyWhenAsked() {
    BatchPlan plan = plan(line("a", PLAIN_MODEL), line("b", PLAIN_MODEL));
    seed(plan, b -> b.state(State.SUBMITTING).attempts(1));
    runner(2, false).run(plan);
    runner(2, false).run(plan);
    assertThat(backend.calls).doesNotContain("submit a while submitting ref=null");

    runner(2, true).run(plan);

    assertThat(backend.calls.stream().filter(c -> c.startsWith("submit a"))).hasSize(1);
    assertThat(entry("a").state()).isEqualTo(State.COMPLETED);
  }

  @Test
  void aJobCaughtMidCreateWhoseVideoWasSavedAnotherWayIsNotSentAgainEvenWhenUnknownJobsAre() throws Exception {
    BatchPlan plan = plan(line("a", PLAIN_MODEL));
    seed(plan, b -> b.state(State.SUBMITTING).attempts(1));
    Path rescued = plan.jobs().get(0).out();
    java.nio.file.Files.createDirectories(rescued.getParent());
    java.nio.file.Files.writeString(rescued, "found and saved by hand");

    runner(2, true).run(plan);

    assertThat(backend.count("submit")).isZero();
    assertThat(entry("a").state()).isEqualTo(State.UNKNOWN);
    assertThat(entry("a").reasonCode()).isEqualTo("video_exists");
  }

  @Test
  @org.junit.jupiter.api.Timeout(60)
  void noCreateGoesOutOnceSendingStoppedAndTheJobStaysPending() {
    BatchPlan plan = plan(line("a", PLAIN_MODEL), line("b", PLAIN_MODEL));
    BatchRunner runner = runner(2, false);
    assertThat(runner.stopSending()).as("none on its way yet").isZero();

    BatchReport report = runner.run(plan);

    assertThat(backend.count("submit")).isZero();
    assertThat(report.count(State.PENDING)).isEqualTo(2);
  }

  @Test
  @org.junit.jupiter.api.Timeout(60)
  void aStopWhileACreateWaitsToBeSentAgainPutsItsJobBackToPendingNotUnknown() throws Exception {
    BatchPlan plan = plan(line("a", PLAIN_MODEL));
    java.util.concurrent.CountDownLatch sent = new java.util.concurrent.CountDownLatch(1);
    backend.submitScript.put("a", job -> {
      // As the client does: a create answered 429 waits for its backoff, and ends as not sent once told to stop.
      CompletableFuture<JobHandle> waiting = new CompletableFuture<>();
      backend.stopSending.whenComplete((any, failure) -> waiting.completeExceptionally(
          new dev.vidgen.core.client.SubmitNotSentException("not sent again", 1)));
      sent.countDown();
      return waiting;
    });
    BatchRunner runner = runner(1, false);
    CompletableFuture<BatchReport> run = CompletableFuture.supplyAsync(() -> runner.run(plan));
    assertThat(sent.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(runner.createsOnTheirWay()).isEqualTo(1);

    runner.stopSending();

    assertThat(runner.awaitCreatesAnswered(Duration.ofSeconds(10))).as("settled at once, not after the backoff").isTrue();
    BatchReport report = run.get(10, TimeUnit.SECONDS);
    assertThat(entry("a").state()).as("surely not made: the next run sends it, no --resubmit-unknown needed")
        .isEqualTo(State.PENDING);
    assertThat(entry("a").attempts()).as("its one take went out (and was refused)").isEqualTo(1);
    assertThat(report.count(State.UNKNOWN)).isZero();
    assertThat(backend.count("submit")).isEqualTo(1);
  }

  @Test
  @org.junit.jupiter.api.Timeout(60)
  void aStopLetsGoOfTheJobsNeverSentAtOnceAndKeepsTheHoldOnAJobWithATaskUntilItsLeaseEnds() throws Exception {
    BatchPlan plan = plan(line("a", PLAIN_MODEL), line("b", PLAIN_MODEL));
    java.util.concurrent.CountDownLatch followed = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch queued = new java.util.concurrent.CountDownLatch(1);
    CompletableFuture<TaskSnapshot> task = new CompletableFuture<>();
    backend.awaitScript.put("a", handle -> {
      followed.countDown();
      return task; // its task runs on at the provider
    });
    backend.submitScript.put("b", job -> {
      // Queued behind the rate limit: it ends as not sent once told to stop.
      CompletableFuture<JobHandle> waiting = new CompletableFuture<>();
      backend.stopSending.whenComplete((any, failure) -> waiting.completeExceptionally(
          new dev.vidgen.core.client.SubmitNotSentException("not sent", 0)));
      queued.countDown();
      return waiting;
    });
    BatchRunner runner = runner(2, false);
    assertThat(runner.releaseUnsent(Duration.ofSeconds(1))).as("nothing to let go before a stop").isZero();
    CompletableFuture<BatchReport> run = CompletableFuture.supplyAsync(() -> runner.run(plan));
    assertThat(followed.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(queued.await(10, TimeUnit.SECONDS)).isTrue();

    runner.stopSending();
    assertThat(runner.awaitCreatesAnswered(Duration.ofSeconds(10))).isTrue();
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> entry("b").state() == State.PENDING);
    int released = runner.releaseUnsent(Duration.ofSeconds(10));

    assertThat(released).isEqualTo(1);
    assertThat(entry("b").worker()).as("never sent: another run may send it at once").isNull();
    assertThat(entry("a").state()).isEqualTo(State.SUBMITTED);
    assertThat(entry("a").worker()).as("its task is followed by this run until the lease ends").isEqualTo("test-worker");
    assertThat(backend.count("submit")).as("b's take never left").isEqualTo(2);
    task.complete(ScriptedBackend.completed(TaskId.of(entry("a").taskId())));
    run.get(10, TimeUnit.SECONDS);
  }

  @Test
  void aCreateCancelledOtherwiseThanByTheStopIsUnknownNotSentAgain() {
    BatchPlan plan = plan(line("a", PLAIN_MODEL));
    // As VidgenClient.close() does to a submit whose create may be on the wire.
    backend.submitScript.put("a", job -> CompletableFuture.failedFuture(new java.util.concurrent.CancellationException()));

    runner(1, false).run(plan);

    assertThat(entry("a").state()).as("it may have been paid for").isEqualTo(State.UNKNOWN);
  }

  @Test
  void aClientClosedUnderAnUnansweredCreateLeavesAJobWithAReferenceSubmittingAndTheNextRunLooksItUp()
      throws Exception {
    BatchPlan plan = plan(line("a", REFERENCE_MODEL), line("b", PLAIN_MODEL));
    java.util.concurrent.CountDownLatch sent = new java.util.concurrent.CountDownLatch(2);
    java.util.Map<String, CompletableFuture<JobHandle>> creates = new java.util.concurrent.ConcurrentHashMap<>();
    for (String key : List.of("a", "b")) {
      backend.submitScript.put(key, job -> {
        CompletableFuture<JobHandle> create = new CompletableFuture<>();
        creates.put(key, create);
        sent.countDown();
        return create;
      });
    }
    CompletableFuture<BatchReport> run = CompletableFuture.supplyAsync(() -> runner(2, false).run(plan));
    assertThat(sent.await(10, TimeUnit.SECONDS)).isTrue();
    String reference = entry("a").clientReference();
    assertThat(reference).startsWith("vgb-");

    // As VidgenClient.close() does to a create still unanswered after its closeWait: ambiguous, naming the reference.
    backend.closed = true;
    creates.forEach((key, create) -> create.completeExceptionally(new AmbiguousSubmitException(
        ProviderErrorDetails.of("scripted", 0, null, "the create was on its way when the client was closed"),
        key.equals("a") ? reference : null, null)));
    BatchReport report = run.get(10, TimeUnit.SECONDS);

    assertThat(entry("a").state()).as("not unknown: its reference can settle it").isEqualTo(State.SUBMITTING);
    assertThat(entry("a").clientReference()).isEqualTo(reference);
    assertThat(report.leftOver().get(entry("a").key())).contains("client reference " + reference,
        "when the client was closed", "the next run looks it up before sending anything");
    assertThat(entry("b").state()).as("no reference to look it up by").isEqualTo(State.UNKNOWN);
    assertThat(report.stopReason()).hasValueSatisfying(why -> assertThat(why).contains("the client was closed"));

    backend.closed = false; // a new client
    backend.submitScript.clear();
    backend.lookups.put(reference, Optional.of(TaskSnapshot.inProgress(TaskId.of("t-9"), 40)));
    BatchReport next = runner(2, false).run(plan);

    assertThat(backend.calls).contains("find " + reference);
    assertThat(backend.count("submit a")).as("found by its reference, not paid twice").isEqualTo(1);
    assertThat(backend.count("submit b")).as("unknown is sent again only when asked").isEqualTo(1);
    assertThat(entry("a").state()).isEqualTo(State.COMPLETED);
    assertThat(entry("a").taskId()).isEqualTo("t-9");
    assertThat(next.count(State.UNKNOWN)).isEqualTo(1);
  }

  @Test
  void anUnknownJobWhoseVideoWasSavedAnotherWayIsNotSentAgainNorItsFileReplaced() throws Exception {
    BatchPlan plan = plan(line("a", PLAIN_MODEL), line("b", PLAIN_MODEL));
    seed(plan, b -> b.state(State.SUBMITTING).attempts(1));
    runner(2, false).run(plan);
    Path rescued = plan.jobs().get(0).out();
    java.nio.file.Files.createDirectories(rescued.getParent());
    java.nio.file.Files.writeString(rescued, "the video found with vidgen wait --out");

    BatchPreview preview = BatchPreview.read(plan, store, true, Instant.now());
    runner(2, true).run(plan);

    assertThat(preview.jobs()).extracting(job -> job.job().key() + " " + job.action().id())
        .containsExactly("a keep", "b done");
    assertThat(backend.calls.stream().filter(c -> c.startsWith("submit a"))).as("a would be paid twice").isEmpty();
    assertThat(entry("a").state()).isEqualTo(State.UNKNOWN);
    assertThat(entry("a").reason()).contains("its video file " + rescued + " exists", "move or delete the file");
    assertThat(java.nio.file.Files.readString(rescued)).isEqualTo("the video found with vidgen wait --out");
  }

  @Test
  void retryFailedSendsAgainOnlyTheFailedJobsThatNeverHadATaskKeepingTheirEarlierTakes() {
    BatchPlan plan = plan(line("refused", PLAIN_MODEL), line("resent", PLAIN_MODEL), line("charged", PLAIN_MODEL));
    int[] tries = {0};
    backend.submitScript.put("refused", job -> ++tries[0] == 1
        ? CompletableFuture.failedFuture(ProviderException.of(FailureKind.REJECTED,
            ProviderErrorDetails.of("scripted", 400, "invalid_request", "image unreadable"), null))
        : CompletableFuture.completedFuture(backend.handle(job, null)));
    backend.awaitScript.put("charged", handle -> CompletableFuture.failedFuture(new TaskFailedException(handle,
        TaskSnapshot.failed(handle.taskId(), new TaskFailure("generation_failed", "could not render")))));
    // Sent again after it was unknown (two earlier takes may each have made a task), then refused: no task.
    journal(plan, "resent", b -> b.state(State.FAILED).attempts(3).possibleTasks(3)
        .reason("rejected", "refused after --resubmit-unknown"));
    runner(1, false).run(plan);
    String chargedTask = entry("charged").taskId();
    assertThat(entry("refused").state()).isEqualTo(State.FAILED);
    assertThat(entry("refused").taskId()).as("its create made no task").isNull();
    assertThat(chargedTask).as("its task failed").isNotNull();

    BatchReport without = runner(1, false).run(plan);
    assertThat(without.count(State.FAILED)).as("final without the option").isEqualTo(3);
    assertThat(backend.count("submit refused")).isEqualTo(1);
    BatchPreview preview = BatchPreview.read(plan, store, false, true, Instant.now());
    BatchReport retried = BatchRunner.builder().backend(backend).store(store).scheduler(scheduler)
        .requeueDelay(Duration.ofMillis(1)).worker("test-worker").retryFailed(true).build().run(plan);

    assertThat(preview.jobs()).extracting(job -> job.job().key() + " " + job.action().id())
        .containsExactly("refused send", "resent send", "charged keep");
    assertThat(backend.count("submit refused")).as("sent once more").isEqualTo(2);
    assertThat(backend.count("submit resent")).isEqualTo(1);
    assertThat(backend.count("submit charged")).as("only its first create: its task may have been charged")
        .isEqualTo(1);
    assertThat(retried.count(State.COMPLETED)).isEqualTo(2);
    assertThat(entry("charged").state()).isEqualTo(State.FAILED);
    assertThat(entry("charged").taskId()).isEqualTo(chargedTask);
    assertThat(JobHandle.decode(entry("resent").handle()).possibleExtraTasks())
        .as("its two earlier takes are told as its task's extra tasks, not lost").isEqualTo(2);
    assertThat(JobHandle.decode(entry("refused").handle()).possibleExtraTasks()).as("no earlier take").isZero();
  }

  @Test
  void retryFailedSendsTheChangedLineOfAFailedJobOfWhichNothingWasMadeButNotOfOneWithEarlierTakes() {
    BatchPlan first = plan(line("refused", PLAIN_MODEL), line("resent", PLAIN_MODEL));
    journal(first, "refused", b -> b.state(State.FAILED).attempts(1).clientReference("ref-1")
        .reason("invalid_request_error", "the prompt violates a rule"));
    // Sent again after it was unknown (two earlier takes may each have made a task), then refused: no task.
    journal(first, "resent", b -> b.state(State.FAILED).attempts(3).possibleTasks(3)
        .reason("rejected", "refused after --resubmit-unknown"));
    String refusedEdited = "{\"id\":\"refused\",\"model\":\"" + PLAIN_MODEL + "\",\"prompt\":\"refused, kinder\"}";
    BatchPlan edited = plan(refusedEdited, line("resent", PLAIN_MODEL));

    assertThatThrownBy(() -> runner(1, false).run(edited)).isInstanceOf(JobStore.ConflictException.class)
        .hasMessageContaining("job refused (line 1) failed in in-memory journal before any task existed"
            + " (invalid_request_error), and its line changed since: nothing was created for it, so the changed line"
            + " may take its place; nothing was sent")
        .hasMessageNotContaining("put the line back")
        .satisfies(refused -> assertThat(((JobStore.ConflictException) refused).next())
            .hasValue("run the same command with --retry-failed to send it as it is now"));
    BatchPreview preview = BatchPreview.read(edited, store, false, true, Instant.now());
    BatchReport retried = BatchRunner.builder().backend(backend).store(store).scheduler(scheduler)
        .requeueDelay(Duration.ofMillis(1)).worker("test-worker").retryFailed(true).build().run(edited);

    assertThat(preview.replaced()).extracting(Entry::key).containsExactly("refused");
    assertThat(preview.jobs()).extracting(job -> job.job().key() + " " + job.action().id())
        .containsExactly("refused send", "resent send");
    assertThat(retried.forgotten()).as("told as replaced").extracting(Entry::key).containsExactly("refused");
    assertThat(backend.count("submit refused")).as("its changed line, sent once").isEqualTo(1);
    assertThat(entry("refused").fingerprint()).isEqualTo(edited.jobs().get(0).fingerprint());
    assertThat(entry("refused").state()).isEqualTo(State.COMPLETED);
    assertThat(entry("refused").attempts()).as("the refused take belonged to the old line").isEqualTo(1);
    assertThat(entry("resent").state()).isEqualTo(State.COMPLETED);

    // A failed job whose earlier takes may have made tasks keeps its content, even with the option.
    journal(first, "resent", b -> b.state(State.FAILED).attempts(3).possibleTasks(3).taskId(null).handle(null)
        .reason("rejected", "refused after --resubmit-unknown"));
    BatchPlan resentEdited = plan(refusedEdited, "{\"id\":\"resent\",\"model\":\"" + PLAIN_MODEL
        + "\",\"prompt\":\"resent, kinder\"}");
    assertThatThrownBy(() -> BatchRunner.builder().backend(backend).store(store).scheduler(scheduler)
        .worker("test-worker").retryFailed(true).build().run(resentEdited))
        .isInstanceOf(JobStore.ConflictException.class)
        .hasMessageContaining("job resent (line 2) is in in-memory journal as failed (tried 3 times) with other"
            + " content")
        .hasMessageContaining("put the line back");
    assertThat(backend.count("submit resent")).isEqualTo(1);
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
  void aPreviewNamesExactlyTheJobsTheRunThenSendsAndWritesNothing(boolean resubmitUnknown) {
    BatchPlan old = plan(line("done", PLAIN_MODEL), line("unknown", PLAIN_MODEL), line("failed", PLAIN_MODEL),
        line("submitted", PLAIN_MODEL), line("gone", PLAIN_MODEL), line("edited", PLAIN_MODEL),
        line("lost", REFERENCE_MODEL));
    journal(old, "done", b -> b.state(State.COMPLETED).attempts(1).taskId("t-done"));
    journal(old, "unknown", b -> b.state(State.UNKNOWN).attempts(1));
    journal(old, "failed", b -> b.state(State.FAILED).attempts(1).taskId("t-failed"));
    JobHandle handle = backend.handle(old.jobs().get(3).job(), null);
    journal(old, "submitted", b -> b.state(State.SUBMITTED).attempts(1).taskId(handle.taskId().value())
        .handle(handle.encode()));
    journal(old, "gone", b -> b);
    journal(old, "edited", b -> b);
    journal(old, "lost", b -> b.state(State.SUBMITTING).attempts(1).clientReference("ref-lost"));
    backend.lookups.put("ref-lost", Optional.empty());
    BatchPlan plan = plan(line("done", PLAIN_MODEL), line("unknown", PLAIN_MODEL), line("failed", PLAIN_MODEL),
        line("submitted", PLAIN_MODEL), "{\"id\":\"edited\",\"model\":\"" + PLAIN_MODEL + "\",\"prompt\":\"edited\","
            + "\"seconds\":15}", line("new", PLAIN_MODEL), line("lost", REFERENCE_MODEL));
    List<Entry> before = store.entries(BATCH);

    BatchPreview preview = BatchPreview.read(plan, store, resubmitUnknown, Instant.now());

    assertThat(store.entries(BATCH)).as("the preview wrote nothing").isEqualTo(before);
    assertThat(preview.jobs()).extracting(job -> job.job().key() + " " + job.action().id()).containsExactly(
        "done done", "unknown " + (resubmitUnknown ? "send" : "keep"), "failed keep", "submitted follow",
        "edited send", "new send", "lost look up");
    assertThat(preview.dropped()).extracting(Entry::key).containsExactly("gone");
    assertThat(preview.replaced()).extracting(Entry::key).containsExactly("edited");

    BatchReport report = runner(2, resubmitUnknown).run(plan);

    // "lost" is not found by its reference (the scripted backend knows no such task), so it is sent again.
    List<String> sent = backend.calls.stream().filter(call -> call.startsWith("submit "))
        .map(call -> call.split(" ")[1]).toList();
    assertThat(sent).containsExactlyInAnyOrderElementsOf(preview.jobs().stream()
        .filter(job -> job.action() == BatchPreview.Action.SEND || job.action() == BatchPreview.Action.LOOK_UP)
        .map(job -> job.job().key()).toList());
    assertThat(backend.calls).contains("find ref-lost");
    assertThat(report.forgotten()).extracting(Entry::key).containsExactlyInAnyOrder("gone", "edited");
  }

  @Test
  void aPreviewRefusesWhatTheRunWouldRefuse() {
    BatchPlan old = plan(line("a", PLAIN_MODEL), line("b", PLAIN_MODEL));
    journal(old, "a", b -> b.state(State.COMPLETED).attempts(1).taskId("t-a"));
    journal(old, "b", b -> b.state(State.SUBMITTED).attempts(1).taskId("t-b"));

    assertThatThrownBy(() -> BatchPreview.read(plan(line("a", PLAIN_MODEL)), store, false, Instant.now()))
        .isInstanceOf(JobStore.ConflictException.class).hasMessageContaining("does not have (b, line 2, submitted, task t-b)");
    assertThatThrownBy(() -> BatchPreview.read(plan(line("a", REFERENCE_MODEL), line("b", PLAIN_MODEL)), store, false,
        Instant.now())).isInstanceOf(JobStore.ConflictException.class).hasMessageContaining("job a (line 1)");
  }

  @Test
  void aPaidJobWhoseOwnLineIsNowInvalidIsLeftAsItIsByARunOfTheValidLines() {
    BatchPlan old = plan(line("a", PLAIN_MODEL), line("b", PLAIN_MODEL));
    journal(old, "b", b -> b.state(State.SUBMITTED).attempts(1).taskId("t-b"));
    BatchPlan edited = plan(line("a", PLAIN_MODEL),
        "{\"id\":\"b\",\"model\":\"" + PLAIN_MODEL + "\",\"prompt\":\"b\",\"params\":{\"x\":null}}");
    assertThat(edited.invalid()).extracting(BatchLine::id).containsExactly("b");

    assertThatCode(() -> BatchPreview.read(edited, store, false, Instant.now())).doesNotThrowAnyException();
    BatchReport report = BatchRunner.builder().backend(backend).store(store).scheduler(scheduler)
        .requeueDelay(Duration.ofMillis(1)).worker("test-worker").skipInvalid(true).build().run(edited);

    assertThat(report.count(State.COMPLETED)).isEqualTo(1);
    assertThat(entry("b").state()).as("b's task is left as it is, for its line put back").isEqualTo(State.SUBMITTED);
    assertThat(entry("b").taskId()).isEqualTo("t-b");
    assertThat(backend.calls).noneMatch(call -> call.contains(" b "));
  }

  @Test
  void aJobWhoseCreateMayHaveGoneOutIsRefusedWhenItsOwnLineIsNowInvalidNamingThatLine() {
    BatchPlan old = plan(line("a", PLAIN_MODEL), line("b", PLAIN_MODEL));
    journal(old, "b", b -> b.state(State.SUBMITTING).attempts(1));
    BatchPlan edited = plan(line("a", PLAIN_MODEL),
        "{\"id\":\"b\",\"model\":\"" + PLAIN_MODEL + "\",\"prompt\":\"b\",\"params\":{\"x\":null}}");
    BatchRunner skipping = BatchRunner.builder().backend(backend).store(store).scheduler(scheduler)
        .requeueDelay(Duration.ofMillis(1)).worker("test-worker").skipInvalid(true).build();

    assertThatThrownBy(() -> skipping.run(edited)).isInstanceOf(JobStore.ConflictException.class)
        .hasMessageContaining("job b (line 2) is invalid in this jobs file, and in-memory journal holds it as submitting")
        .hasMessageContaining("put the line back as it was sent").hasMessageNotContaining("does not have");
    assertThat(backend.calls).as("nothing sent").noneMatch(call -> call.startsWith("submit"));
  }

  @Test
  void aJobTheFileLacksAtTheNumberOfAnUnreadableLineSaysThatLineIsInvalid() {
    BatchPlan old = plan(line("a", PLAIN_MODEL), line("b", PLAIN_MODEL));
    journal(old, "b", b -> b.state(State.SUBMITTED).attempts(1).taskId("t-b"));
    BatchPlan edited = plan(line("a", PLAIN_MODEL), "{\"id\":\"b\",\"prompt\":");

    assertThatThrownBy(() -> BatchPreview.read(edited, store, false, Instant.now()))
        .isInstanceOf(JobStore.ConflictException.class)
        .hasMessageContaining("(b, line 2, submitted, task t-b; line 2 of this file is invalid, with no id to tell"
            + " whether it is this job's line)");
  }

  @Test
  void pollsASubmittedJobToTheEndWithoutCreatingItAgain() {
    BatchPlan plan = plan(line("a", PLAIN_MODEL));
    JobHandle handle = backend.handle(plan.jobs().get(0).job(), null);
    seed(plan, b -> b.state(State.SUBMITTED).attempts(1).taskId(handle.taskId().value()).handle(handle.encode()));

    runner(2, false).run(plan);

    assertThat(backend.calls).containsExactly("await a while submitted", "download a");
    assertThat(entry("a").state()).isEqualTo(State.COMPLETED);
  }

  @Test
  void followsAPaidTaskWhoseModelTheKeyNoLongerHasAndSendsNothing() {
    BatchPlan before = plan(line("a", PLAIN_MODEL));
    JobHandle handle = backend.handle(before.jobs().get(0).job(), null);
    seed(before, b -> b.state(State.SUBMITTED).attempts(1).taskId(handle.taskId().value()).handle(handle.encode()));
    backend.unlisted.add(PLAIN_MODEL);

    BatchPlan now = plan(line("a", PLAIN_MODEL));
    BatchReport report = runner(2, false).run(now);

    assertThat(now.invalid()).as("refused by the model check alone, before the journal is read").hasSize(1);
    assertThat(backend.calls).containsExactly("await a while submitted", "download a");
    assertThat(entry("a").state()).isEqualTo(State.COMPLETED);
    assertThat(report.files()).hasSize(1);
  }

  @Test
  void stillRefusesALineOfAModelTheKeyNoLongerHasWhenItsJobNeedsACreate() {
    BatchPlan before = plan(line("a", PLAIN_MODEL), line("b", PLAIN_MODEL));
    journal(before, "b", b -> b.state(State.SUBMITTED).attempts(1).taskId("task-b"));
    backend.unlisted.add(PLAIN_MODEL);

    BatchPlan now = plan(line("a", PLAIN_MODEL), line("b", PLAIN_MODEL)).following(store.entries(BATCH));

    assertThat(now.invalid()).extracting(BatchLine::number).containsExactly(1);
    assertThat(now.followedOnly()).extracting(PlannedJob::key).containsExactly("b");
    assertThatThrownBy(() -> runner(2, false).run(now)).isInstanceOf(BatchRunner.InvalidLinesException.class)
        .hasMessageContaining("1 of 2 lines");
    assertThat(backend.calls).isEmpty();
  }

  @Test
  void aLineRefusedForItsOwnSakeIsNeverFollowedEvenWithATask() {
    BatchPlan before = plan(line("a", PLAIN_MODEL));
    seed(before, b -> b.state(State.SUBMITTED).attempts(1).taskId("task-a"));
    backend.unlisted.add(PLAIN_MODEL);

    BatchPlan now = plan(line("a", PLAIN_MODEL), line("a", PLAIN_MODEL)).following(store.entries(BATCH));

    assertThat(now.followedOnly()).extracting(PlannedJob::line).containsExactly(1);
    assertThat(now.followable()).as("line 2 repeats line 1's id").isEmpty();
    assertThat(now.invalid()).extracting(BatchLine::number).containsExactly(2);
  }

  @Test
  void leavesFinishedJobsAloneWhenRunAgain() {
    BatchPlan plan = plan(line("a", PLAIN_MODEL), line("b", PLAIN_MODEL));
    runner(2, false).run(plan);
    backend.calls.clear();

    BatchReport again = runner(2, false).run(plan);

    assertThat(backend.calls).isEmpty();
    assertThat(again.count(State.COMPLETED)).isEqualTo(2);
    assertThat(again.files()).hasSize(2);
  }

  @Test
  void reportsAnExpiredResultAndNeverFetchesItAgain() {
    BatchPlan plan = plan(line("a", PLAIN_MODEL));
    VideoAsset asset = new VideoAsset(URI.create("https://files.example/a.mp4"), "mp4", Instant.EPOCH);
    backend.downloadScript.put("a", target -> CompletableFuture.failedFuture(
        new ResultExpiredException(TaskId.of("task-1"), asset, Instant.EPOCH.plusSeconds(1))));

    runner(2, false).run(plan);
    runner(2, false).run(plan);

    assertThat(backend.count("download")).isEqualTo(1);
    assertThat(entry("a").state()).isEqualTo(State.FAILED);
    assertThat(entry("a").reasonCode()).isEqualTo("result_expired");
  }

  @Test
  void aVideoTheSameFolderCannotHoldIsLeftWithASaveElsewhereNotARunAgainThatFailsTheSameWay() {
    BatchPlan plan = plan(line("a", PLAIN_MODEL));
    backend.downloadScript.put("a", target -> CompletableFuture.failedFuture(DownloadFailedException.failsThereAgain(
        TaskId.of("task-1"), target, "the video (6.0 MB) is larger than the whole file system at " + target.getParent()
            + " (2.0 MB, No space left on device): freeing space there cannot make room for it",
        "in a folder on another file system with room for 6.0 MB", null)));

    BatchReport report = runner(2, false).run(plan);

    String left = report.leftOver().get(entry("a").key());
    assertThat(left).contains("is ready but was not saved", "larger than the whole file system",
        "save it in a folder on another file system with room for 6.0 MB: run the batch again with --out-dir"
            + " OTHER_FOLDER", "vidgen download " + entry("a").taskId() + " --out OTHER_FOLDER/a.mp4",
        "so neither pays again").doesNotContain("run again to download it");
  }

  @Test
  void aJobWhoseJournalWriteFailedSaysWhyInWordsNotAJavaClassName() {
    BatchPlan plan = plan(line("a", PLAIN_MODEL));
    JobStore failing = new ForwardingStore(store) {
      @Override
      public Optional<Entry> update(Entry entry) {
        if (entry.state() == State.COMPLETED) {
          throw new JournalDown("the journal's disk is full");
        }
        return super.update(entry);
      }
    };
    BatchRunner runner = BatchRunner.builder().backend(backend).store(failing).concurrency(1).scheduler(scheduler)
        .requeueDelay(Duration.ofMillis(1)).build();

    String left;
    try {
      left = runner.run(plan).leftOver().get(entry("a").key());
    } catch (RuntimeException runFailed) {
      left = runFailed.getMessage();
    }

    assertThat(left).contains("the journal's disk is full").doesNotContain("JournalDown", "dev.vidgen",
        "Exception");
  }

  /** A journal failure of a store's own class, as a database journal's is. */
  private static final class JournalDown extends RuntimeException {
    private static final long serialVersionUID = 1L;

    JournalDown(String message) {
      super(message);
    }
  }

  @Test
  void aResultLinkThatCannotBeFetchedKeepsTheJobOpenAndTheNextRunReadsTheTaskAgain() {
    BatchPlan plan = plan(line("a", PLAIN_MODEL));
    backend.downloadScript.put("a", target -> CompletableFuture.failedFuture(ProviderException.of(
        FailureKind.NOT_FOUND, ProviderErrorDetails.of("scripted", 404, null, "no such file"), null)));

    runner(2, false).run(plan);

    assertThat(entry("a").state()).isEqualTo(State.SUBMITTED);
    assertThat(entry("a").videoUrl()).as("the link is forgotten").isNull();
    backend.downloadScript.remove("a");
    backend.calls.clear();

    runner(2, false).run(plan);

    assertThat(backend.calls).containsExactly("await a while submitted", "download a");
    assertThat(entry("a").state()).isEqualTo(State.COMPLETED);
    assertThat(backend.count("submit")).isZero();
  }

  @Test
  void turnsAnUnansweredCreateIntoUnknown() {
    BatchPlan plan = plan(line("a", PLAIN_MODEL));
    backend.submitScript.put("a", job -> CompletableFuture.failedFuture(new AmbiguousSubmitException(
        ProviderErrorDetails.of("scripted", 0, null, "no answer"), null, null)));

    BatchReport report = runner(2, false).run(plan);

    assertThat(entry("a").state()).isEqualTo(State.UNKNOWN);
    assertThat(entry("a").reasonCode()).isEqualTo("ambiguous_submit");
    assertThat(entry("a").reason()).contains("no answer")
        .containsPattern("\\(attempt 1, " + PLAIN_MODEL + "\\) went out (at " + INSTANT + "|between " + INSTANT + " and "
            + INSTANT + ") \\(UTC\\)")
        .doesNotContainPattern("between (" + INSTANT + ") and \\1")
        .contains("--resubmit-unknown");
    assertThat(report.finished()).isTrue();
  }

  @Test
  void stopsSendingOnAnAuthenticationFailureAndLeavesTheRestPending() {
    BatchPlan plan = plan(line("a", PLAIN_MODEL), line("b", PLAIN_MODEL), line("c", PLAIN_MODEL));
    backend.submitScript.put("a", job -> CompletableFuture.failedFuture(
        ProviderException.of(FailureKind.AUTHENTICATION, ProviderErrorDetails.of("scripted", 401, null, "bad key"), null)));

    BatchReport report = runner(1, false).run(plan);

    assertThat(report.stopCause()).isInstanceOf(AuthenticationException.class);
    assertThat(backend.count("submit")).isEqualTo(1);
    assertThat(report.count(State.PENDING)).isEqualTo(3);
    assertThat(report.finished()).isFalse();
  }

  @Test
  void sendsAgainLaterWhenTheProviderRefusedWithoutCreating() {
    BatchPlan plan = plan(line("a", PLAIN_MODEL));
    int[] tries = {0};
    backend.submitScript.put("a", job -> ++tries[0] == 1
        ? CompletableFuture.failedFuture(ProviderException.of(FailureKind.RATE_LIMITED,
            ProviderErrorDetails.of("scripted", 429, "rate_limit_exceeded", "slow down"), null))
        : CompletableFuture.completedFuture(backend.handle(job, null)));
    BatchRunner runner = runner(2, false);

    runner.run(plan);

    assertThat(runner.createsOnTheirWay()).isZero();
    assertThat(tries[0]).isEqualTo(2);
    assertThat(entry("a").state()).isEqualTo(State.COMPLETED);
  }

  @ParameterizedTest
  @EnumSource(FailureKind.class)
  void aCreateThatKeepsFailingEndsWhereTheFailureTableSays(FailureKind kind) {
    BatchPlan plan = plan(line("a", PLAIN_MODEL));
    backend.submitScript.put("a", job -> CompletableFuture.failedFuture(
        ProviderException.of(kind, ProviderErrorDetails.of("scripted", 0, null, "refused"), null)));
    BatchRunner runner = runner(1, false);

    BatchReport report = runner.run(plan);

    assertThat(runner.createsOnTheirWay()).as("every create's answer was journaled and counted off").isZero();
    FailureTable.Row row = FailureTable.row(kind);
    State expected = switch (row.jobBeforeTask()) {
      case MARK_UNKNOWN -> State.UNKNOWN;
      case FAIL_JOB -> State.FAILED;
      case TRY_AGAIN -> State.PENDING;
    };
    assertThat(entry("a").state()).as(kind + " -> " + row).isEqualTo(expected);
    assertThat(report.stopCause() != null).as("stops the run").isEqualTo(row.stopsRun());
  }

  @Test
  void anAmbiguousCreateIsMarkedUnknownAsTheFailureTableSays() {
    assertThat(FailureTable.row(FailureCase.AMBIGUOUS_CREATE).jobBeforeTask()).isEqualTo(FailureTable.JobStep.MARK_UNKNOWN);
  }

  @Test
  void aTaskNotFoundWhilePollingKeepsTheJobOpenAndTheNextRunChecksItAgain() {
    BatchPlan plan = plan(line("a", PLAIN_MODEL));
    backend.awaitScript.put("a", handle -> CompletableFuture.failedFuture(ProviderException.of(FailureKind.NOT_FOUND,
        ProviderErrorDetails.of("scripted", 404, "task_not_found", "no such task"), null)));

    BatchReport first = runner(1, false).run(plan);

    assertThat(entry("a").state()).isEqualTo(State.SUBMITTED);
    assertThat(first.finished()).isFalse();
    assertThat(backend.count("submit")).isEqualTo(1);

    backend.awaitScript.remove("a");
    runner(1, false).run(plan);

    assertThat(entry("a").state()).isEqualTo(State.COMPLETED);
    assertThat(backend.count("submit")).as("the task was never created again").isEqualTo(1);
  }

  @Test
  void aTaskStillNotFoundDaysAfterItsCreateFailsItsJobInsteadOfKeepingEveryRunOpen() {
    BatchPlan plan = plan(line("a", PLAIN_MODEL));
    backend.awaitScript.put("a", handle -> CompletableFuture.failedFuture(new dev.vidgen.core.error.TaskNotFoundException(
        ProviderErrorDetails.of("scripted", 404, "task_not_found", "no such task"), null)));
    runner(1, false).run(plan);
    assertThat(entry("a").state()).as("soon after its create a 404 may be a passing fault").isEqualTo(State.SUBMITTED);

    Clock threeDaysOn = Clock.offset(Clock.systemUTC(), Duration.ofDays(3));
    BatchReport later = BatchRunner.builder().backend(backend).store(store).concurrency(1).scheduler(scheduler)
        .worker("test-worker").clock(threeDaysOn).build().run(plan);

    assertThat(entry("a").state()).isEqualTo(State.FAILED);
    assertThat(entry("a").reasonCode()).isEqualTo("task_gone");
    assertThat(entry("a").reason()).contains("gone", "new id", "pays again");
    assertThat(later.finished()).as("the run ends; its exit says a job failed").isTrue();
    assertThat(backend.count("submit")).as("never created again on its own").isEqualTo(1);
  }

  @Test
  void recordsTheProvidersReasonWhenATaskFails() {
    BatchPlan plan = plan(line("a", PLAIN_MODEL));
    backend.awaitScript.put("a", handle -> CompletableFuture.failedFuture(new TaskFailedException(handle,
        TaskSnapshot.failed(handle.taskId(), new TaskFailure("content_policy_violation", "refused")))));

    BatchReport report = runner(2, false).run(plan);

    assertThat(entry("a").state()).isEqualTo(State.FAILED);
    assertThat(report.failuresByReason()).containsEntry("content_policy_violation", 1);
    assertThat(report.finished()).isTrue();
  }

  @Test
  void namesEveryChangedLineOfAFinishedJobAtOnce() {
    runner(2, false).run(plan(line("a", PLAIN_MODEL), line("b", PLAIN_MODEL)));
    backend.calls.clear();

    BatchPlan changed = plan("{\"id\":\"a\",\"model\":\"" + PLAIN_MODEL + "\",\"prompt\":\"a again\"}",
        "{\"id\":\"b\",\"model\":\"" + PLAIN_MODEL + "\",\"prompt\":\"b again\"}");

    assertThatThrownBy(() -> runner(2, false).run(changed)).isInstanceOf(JobStore.ConflictException.class)
        .hasMessageContaining("job a (line 1) is in in-memory journal as completed (tried 1 time) with other content, and so are b, line 2");
    assertThat(backend.calls).isEmpty();
  }

  @Test
  void refusesAJournalThatHoldsOtherContentUnderTheSameIdAndSendsNothing() {
    runner(2, false).run(plan(line("a", PLAIN_MODEL)));
    backend.calls.clear();

    BatchPlan changed = plan("{\"id\":\"a\",\"model\":\"" + PLAIN_MODEL + "\",\"prompt\":\"something else\"}");

    assertThatThrownBy(() -> runner(2, false).run(changed))
        .isInstanceOf(JobStore.ConflictException.class)
        .hasMessageContaining("job a");
    assertThat(backend.calls).isEmpty();
  }

  @Test
  void dropsJobsWithoutATaskWhoseLinesAreGoneChangesThoseNeverSentAndSendsTheFileAsItIsNow() {
    BatchPlan first = plan(line("a", PLAIN_MODEL), line("b", PLAIN_MODEL), line("c", PLAIN_MODEL));
    Instant now = Instant.now();
    store.enroll(BATCH, first.jobs().stream().map(job -> Entry.pending(BATCH, job.key(), job.line(), job.fingerprint(),
        job.job().model(), job.out().toString(), job.quote().credits(), now)).toList());
    BatchPlan edited = plan(line("a", PLAIN_MODEL), "{\"id\":\"b\",\"model\":\"" + PLAIN_MODEL + "\",\"prompt\":\"b again\"}",
        line("d", PLAIN_MODEL));

    BatchReport report = runner(2, false).run(edited);

    assertThat(report.forgotten()).extracting(Entry::key).containsExactly("b", "c");
    assertThat(report.count(State.COMPLETED)).isEqualTo(3);
    assertThat(store.entries(BATCH)).extracting(Entry::key, Entry::state).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("a", State.COMPLETED), org.assertj.core.groups.Tuple.tuple("b", State.COMPLETED),
        org.assertj.core.groups.Tuple.tuple("c", State.DROPPED), org.assertj.core.groups.Tuple.tuple("d", State.COMPLETED));
    assertThat(entry("b").fingerprint()).isEqualTo(edited.jobs().get(1).fingerprint());
    assertThat(backend.calls).filteredOn(call -> call.startsWith("submit"))
        .extracting(call -> call.substring(7, 8)).containsExactlyInAnyOrder("a", "b", "d");
  }

  @Test
  void refusesBeforeWritingAnythingWhenASentJobThatIsNotFinishedIsNotInTheFile() {
    BatchPlan first = plan(line("a", PLAIN_MODEL));
    seed(first, b -> b.state(State.SUBMITTED).attempts(1).taskId("task-a"));

    assertThatThrownBy(() -> runner(2, false).run(plan(line("x", PLAIN_MODEL))))
        .isInstanceOf(JobStore.ConflictException.class)
        .hasMessageContaining("does not have (a, line 1, submitted, task task-a)").hasMessageContaining("nothing was sent");
    assertThat(store.entries(BATCH)).extracting(Entry::key).containsExactly("a");
    assertThat(backend.calls).isEmpty();
  }

  @Test
  void leavesAJobNeverSentThatAnotherWorkerHoldsAndRefusesBeforeWritingAnything() {
    BatchPlan first = plan(line("a", PLAIN_MODEL), line("b", PLAIN_MODEL));
    Instant now = Instant.now();
    store.enroll(BATCH, first.jobs().stream().map(job -> Entry.pending(BATCH, job.key(), job.line(), job.fingerprint(),
        job.job().model(), job.out().toString(), job.quote().credits(), now)).toList());
    store.claim(BATCH, "other-worker", 1, now, now.plusSeconds(600));

    assertThatThrownBy(() -> runner(2, false).run(plan(line("x", PLAIN_MODEL))))
        .isInstanceOf(JobStore.ConflictException.class)
        .hasMessageContaining("job a (was line 1) has no task yet").hasMessageContaining("worker other-worker holds it")
        .hasMessageContaining("nothing was written");
    assertThat(store.entries(BATCH)).extracting(Entry::key).containsExactly("a", "b");
    assertThat(backend.calls).isEmpty();
  }

  @Test
  void saysWhomItWaitsForWhenOnlyJobsAnotherWorkerHoldsAreLeftAndTakesThemOverAfterTheLease() {
    BatchPlan plan = plan(line("a", PLAIN_MODEL));
    Instant leaseEnd = Instant.now().plusMillis(300);
    seed(plan, b -> b.claim("stopped-worker", leaseEnd));
    List<String> waits = new ArrayList<>();
    BatchListener listener = new BatchListener() {
      @Override
      public void onWaiting(int jobs, List<String> workers, Instant until) {
        waits.add(jobs + " " + workers + " " + until);
      }
    };

    BatchReport report = BatchRunner.builder().backend(backend).store(store).concurrency(2).scheduler(scheduler)
        .idlePoll(Duration.ofMillis(50)).listener(listener).worker("test-worker").build().run(plan);

    assertThat(waits).containsExactly("1 [stopped-worker] " + leaseEnd);
    assertThat(report.count(State.COMPLETED)).isEqualTo(1);
    assertThat(entry("a").worker()).isNull();
  }

  @Test
  void aWorkerWaitingForAnotherCountsTheJobsTheOtherFinishesNotItsOwnAlone() {
    BatchPlan plan = plan(line("a", PLAIN_MODEL), line("b", PLAIN_MODEL), line("c", PLAIN_MODEL));
    Instant leaseEnd = Instant.now().plusSeconds(3); // an old run, counting its own jobs only, ends when it lapses
    journal(plan, "b", b -> b.claim("other-worker", leaseEnd));
    journal(plan, "c", b -> b.claim("other-worker", leaseEnd));
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    BatchListener listener = new BatchListener() {
      @Override
      public void onWaiting(int jobs, List<String> workers, Instant until) {
        finishAsTheOtherWorker("b"); // the other worker finishes b while this one waits
      }

      @Override
      public void onProgress(BatchProgress progress) {
        seen.add(progress.done() + "/" + progress.total());
        if (progress.done() == 2) {
          finishAsTheOtherWorker("c");
        }
      }
    };

    BatchReport report = BatchRunner.builder().backend(backend).store(store).concurrency(2).scheduler(scheduler)
        .idlePoll(Duration.ofMillis(20)).listener(listener).worker("test-worker").build().run(plan);

    assertThat(seen).as("b, finished by the other worker, is counted while this one waits").contains("2/3");
    assertThat(report.count(State.COMPLETED)).isEqualTo(3);
    assertThat(backend.calls.stream().filter(call -> call.startsWith("submit"))).as("only a sent here").hasSize(1);
  }

  private void finishAsTheOtherWorker(String key) {
    Entry held = entry(key);
    if (held.state() != State.COMPLETED) {
      store.update(held.toBuilder().state(State.COMPLETED).taskId("task-" + key).updatedAt(Instant.now()).build());
    }
  }

  @Test
  void twoWorkersThatEachLeaveAJobDoNotWaitForEachOtherForever() throws Exception {
    BatchPlan plan = plan(line("k", PLAIN_MODEL), line("m", PLAIN_MODEL));
    for (String key : List.of("k", "m")) {
      backend.awaitScript.put(key, handle -> CompletableFuture.failedFuture(
          new dev.vidgen.core.client.DeadlineExceededException(handle, null, Duration.ofMinutes(30))));
    }
    Instant now = Instant.now();
    store.enroll(BATCH, plan.jobs().stream().map(job -> Entry.pending(BATCH, job.key(), job.line(), job.fingerprint(),
        job.job().model(), job.out().toString(), job.quote().credits(), now)).toList());

    CompletableFuture<BatchReport> a = CompletableFuture.supplyAsync(() -> worker("A").run(plan));
    CompletableFuture<BatchReport> b = CompletableFuture.supplyAsync(() -> worker("B").run(plan));

    assertThat(CompletableFuture.allOf(a, b)).as("both runs end").succeedsWithin(Duration.ofSeconds(20));
    assertThat(a.join().unfinished()).extracting(Entry::key).containsExactlyInAnyOrder("k", "m");
    assertThat(store.entries(BATCH)).allSatisfy(e -> assertThat(e.worker()).as("no hold is left").isNull());
  }

  @Test
  void aJobAnotherCopyChangedDoesNotEndAOneSlotRunBeforeItsOtherJobs() {
    BatchPlan mine = plan(line("a", PLAIN_MODEL), line("b", PLAIN_MODEL), line("c", PLAIN_MODEL));
    PlannedJob changed = plan("{\"id\":\"a\",\"model\":\"" + PLAIN_MODEL + "\",\"prompt\":\"a new\"}").jobs().get(0);
    Entry changedEntry = Entry.pending(BATCH, changed.key(), changed.line(), changed.fingerprint(), changed.job().model(),
        changed.out().toString(), changed.quote().credits(), Instant.now());
    JobStore racing = beforeFirstClaim(now -> {
      List<Entry> all = store.entries(BATCH);
      store.followFile(BATCH, List.of(changedEntry, all.get(1), all.get(2)), now);
    });

    BatchReport report = BatchRunner.builder().backend(backend).store(racing).concurrency(1).scheduler(scheduler)
        .requeueDelay(Duration.ofMillis(1)).idlePoll(Duration.ofMillis(20)).worker("test-worker").build().run(mine);

    assertThat(report.count(State.COMPLETED)).isEqualTo(2);
    assertThat(report.unfinished()).extracting(Entry::key).containsExactly("a");
  }

  @Test
  void aJobFoundSubmittingAndLeftForAnotherWorkerKeepsTheTimeItsCreateWentOut() {
    backend.awaitScript.put("k", handle -> CompletableFuture.failedFuture(
        new dev.vidgen.core.client.DeadlineExceededException(handle, null, Duration.ofMinutes(30))));
    BatchPlan plan = plan(line("k", PLAIN_MODEL), line("p", PLAIN_MODEL), line("s", PLAIN_MODEL));
    Instant sent = Instant.parse("2024-01-01T10:00:00Z");
    store.enroll(BATCH, plan.jobs().stream().map(job -> Entry.pending(BATCH, job.key(), job.line(), job.fingerprint(),
        job.job().model(), job.out().toString(), job.quote().credits(), sent)).toList());
    Entry s = store.entries(BATCH).get(2);
    store.update(s.toBuilder().state(State.SUBMITTING).attempts(1).updatedAt(sent).build()).orElseThrow();
    // k ends held and is let go; worker B takes it, so this one-slot worker's next claim brings p and s,
    // and s, over its limit, is let go until p is done.
    JobStore shared = beforeClaim(2, now -> store.claim(BATCH, "B", 1, now, now.plusSeconds(600)));

    BatchRunner.builder().backend(backend).store(shared).concurrency(1).scheduler(scheduler)
        .requeueDelay(Duration.ofMillis(1)).idlePoll(Duration.ofMillis(20)).worker("A").build().run(plan);

    assertThat(entry("s").state()).isEqualTo(State.UNKNOWN);
    assertThat(entry("s").reason()).as("the reason gives the time the create went out").contains("2024-01-01T10:00");
  }

  @Test
  void aWorkerEndsTellingTheBatchsFinalCountsWithTheJobsAnotherWorkerFinished() {
    BatchPlan plan = plan(line("a", PLAIN_MODEL), line("b", PLAIN_MODEL), line("c", PLAIN_MODEL));
    Instant enrolled = Instant.now();
    store.enroll(BATCH, plan.jobs().stream().map(job -> Entry.pending(BATCH, job.key(), job.line(), job.fingerprint(),
        job.job().model(), job.out().toString(), job.quote().credits(), enrolled)).toList());
    // Once this one-slot worker is done with its first job, worker B takes the other two and finishes them.
    JobStore shared = beforeClaim(2, now -> store.claim(BATCH, "B", 2, now, now.plusSeconds(600)).forEach(held ->
        store.update(held.toBuilder().state(State.COMPLETED).taskId("task-of-b-" + held.key()).claim(null, null)
            .updatedAt(now).build()).orElseThrow()));
    List<BatchProgress> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

    BatchRunner.builder().backend(backend).store(shared).concurrency(1).scheduler(scheduler)
        .requeueDelay(Duration.ofMillis(1)).idlePoll(Duration.ofMillis(20)).worker("A").listener(recording(seen))
        .build().run(plan);

    assertThat(store.entries(BATCH)).as("B finished two").filteredOn(e -> e.taskId().startsWith("task-of-b-")).hasSize(2);
    assertThat(seen.get(seen.size() - 1)).as("the last progress told, just before the summary")
        .satisfies(last -> {
          assertThat(last.completed()).isEqualTo(3);
          assertThat(last.done()).isEqualTo(last.total());
          assertThat(last.inFlight()).isZero();
        });
  }

  @Test
  void jobsLeftForLaterCostNoJournalWritesWhileTheRestRun() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      String id = String.format("j%03d", i);
      lines.add(line(id, PLAIN_MODEL));
      if (i < 20) {
        backend.awaitScript.put(id, handle -> CompletableFuture.failedFuture(
            new dev.vidgen.core.client.DeadlineExceededException(handle, null, Duration.ofMinutes(30))));
      }
    }
    java.util.concurrent.atomic.AtomicInteger updates = new java.util.concurrent.atomic.AtomicInteger();
    JobStore counting = new ForwardingStore(store) {
      @Override
      public Optional<Entry> update(Entry entry) {
        updates.incrementAndGet();
        return super.update(entry);
      }
    };

    BatchReport report = BatchRunner.builder().backend(backend).store(counting).concurrency(4).scheduler(scheduler)
        .requeueDelay(Duration.ofMillis(1)).worker("w").build().run(plan(lines.toArray(String[]::new)));

    assertThat(report.count(State.COMPLETED)).isEqualTo(80);
    assertThat(updates.get()).as("the writes of the jobs' own steps, not more").isLessThanOrEqualTo(5 * 100);
  }

  @Test
  void neverSendsItsOwnContentUnderAJobAnotherCopyOfTheFileChangedMeanwhile() {
    BatchPlan mine = plan(line("a", PLAIN_MODEL), line("b", PLAIN_MODEL));
    BatchPlan theirs = plan(line("a", PLAIN_MODEL), "{\"id\":\"b\",\"model\":\"" + PLAIN_MODEL + "\",\"prompt\":\"b new\"}");
    PlannedJob changed = theirs.jobs().get(1);
    Entry changedEntry = Entry.pending(BATCH, changed.key(), changed.line(), changed.fingerprint(), changed.job().model(),
        changed.out().toString(), changed.quote().credits(), Instant.now());
    // Another worker, started on the edited file, rewrites b just before this worker's first claim.
    JobStore racing = beforeFirstClaim(now -> store.followFile(BATCH, List.of(store.entries(BATCH).get(0), changedEntry), now));

    BatchReport report = BatchRunner.builder().backend(backend).store(racing).concurrency(2).scheduler(scheduler)
        .requeueDelay(Duration.ofMillis(1)).worker("test-worker").build().run(mine);

    assertThat(backend.calls).noneMatch(call -> call.startsWith("submit b"));
    assertThat(report.leftOver()).containsKey("b");
    assertThat(report.leftOver().get("b")).contains("another copy of the jobs file");
    assertThat(entry("b").fingerprint()).isEqualTo(changed.fingerprint());
    assertThat(entry("b").state()).isEqualTo(State.PENDING);
  }

  @Test
  void dropsAJobRefusedWithoutATaskWhenItsLineIsGoneButRefusesToChangeIt() {
    BatchPlan first = plan(line("a", PLAIN_MODEL), line("b", PLAIN_MODEL));
    // Sent once and refused with a 402: no task, pending again, tried.
    seed(first, b -> b.state(State.PENDING).attempts(1).reason("insufficient_quota", "no credits"));

    assertThatThrownBy(() -> runner(2, false).run(plan(
        "{\"id\":\"a\",\"model\":\"" + PLAIN_MODEL + "\",\"prompt\":\"a changed\"}", line("b", PLAIN_MODEL))))
        .isInstanceOf(JobStore.ConflictException.class).hasMessageContaining("job a (line 1) is in in-memory journal")
        .hasMessageContaining("as pending (tried 1 time) with other content");
    assertThat(store.entries(BATCH)).extracting(Entry::key).containsExactly("a");

    BatchReport report = runner(2, false).run(plan(line("b", PLAIN_MODEL)));

    assertThat(report.forgotten()).extracting(Entry::key).containsExactly("a");
    assertThat(entry("a").state()).isEqualTo(State.DROPPED);
    assertThat(report.count(State.COMPLETED)).isEqualTo(1);
    assertThat(report.finished()).isTrue();
    assertThat(backend.calls).noneMatch(call -> call.startsWith("submit a"));
  }

  @Test
  void anUnknownJobWhoseLineIsGoneStaysUnknownWhenTheFilesUnknownJobsAreSentAgain() {
    BatchPlan first = plan(line("k", PLAIN_MODEL), line("b", PLAIN_MODEL));
    seed(first, b -> b.state(State.UNKNOWN).attempts(1).reason("ambiguous_submit", "no answer"));

    BatchReport report = runner(2, true).run(plan(line("b", PLAIN_MODEL)));

    assertThat(entry("k").state()).isEqualTo(State.UNKNOWN);
    assertThat(entry("k").reasonCode()).as("still says why it may exist").isEqualTo("ambiguous_submit");
    assertThat(report.forgotten()).isEmpty();
    assertThat(backend.calls).noneMatch(call -> call.startsWith("submit k"));
    BatchReport restored = runner(2, false).run(first);
    assertThat(entry("k").state()).as("its line back, it is still not sent without the flag").isEqualTo(State.UNKNOWN);
    assertThat(restored.count(State.COMPLETED)).isEqualTo(1);
  }

  @Test
  void aJobOfTheFileThatAnotherCopyDroppedMeanwhileIsReportedLeft() {
    BatchPlan mine = plan(line("a", PLAIN_MODEL), line("b", PLAIN_MODEL));
    // Another worker, on a copy of the file without line b, drops it just before this worker's first claim.
    JobStore racing = beforeFirstClaim(now -> store.followFile(BATCH, List.of(store.entries(BATCH).get(0)), now));

    BatchReport report = BatchRunner.builder().backend(backend).store(racing).concurrency(2).scheduler(scheduler)
        .requeueDelay(Duration.ofMillis(1)).worker("test-worker").build().run(mine);

    assertThat(report.finished()).isFalse();
    assertThat(report.unfinished()).extracting(Entry::key).containsExactly("b");
    assertThat(report.leftOver().get("b")).contains("dropped by a run of another copy of the jobs file");
    assertThat(backend.calls).noneMatch(call -> call.startsWith("submit b"));
  }

  @Test
  void aTaskMadeWhileTheJournalIsOutOfReachIsToldAndTheRunWaitsForTheCreatesOnTheirWayBeforeItFails() {
    java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean();
    CompletableFuture<Void> answerA = new CompletableFuture<>();
    CompletableFuture<Void> answerB = new CompletableFuture<>();
    // a is answered once b's create is out; b only after the run found its journal gone.
    backend.submitScript.put("a", job -> answerA.thenApply(ignored -> backend.handle(job, null)));
    backend.submitScript.put("b", job -> {
      answerA.complete(null);
      return answerB.thenApplyAsync(ignored -> backend.handle(job, null));
    });
    JobStore flaky = new ForwardingStore(store) {
      @Override
      public List<Entry> claim(String batch, String worker, int limit, Instant now, Instant leaseUntil) {
        if (down.get()) {
          // b's answer comes a moment after the run found its journal gone, as a slow create's would.
          answerB.completeAsync(() -> null, CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
          throw new IllegalStateException("journal out of reach");
        }
        return super.claim(batch, worker, limit, now, leaseUntil);
      }

      @Override
      public Optional<Entry> update(Entry entry) {
        if (entry.state() == State.SUBMITTED) {
          down.set(true); // the database goes away as the first task is written
        }
        if (down.get()) {
          throw new IllegalStateException("journal out of reach");
        }
        return super.update(entry);
      }

      @Override
      public int releaseAll(String batch, String worker) {
        if (down.get()) {
          throw new IllegalStateException("journal out of reach");
        }
        return super.releaseAll(batch, worker);
      }
    };
    java.util.Map<String, String> told = new java.util.concurrent.ConcurrentHashMap<>();
    BatchRunner runner = BatchRunner.builder().backend(backend).store(flaky).concurrency(2).scheduler(scheduler)
        .requeueDelay(Duration.ofMillis(1)).listener(new BatchListener() {
          @Override
          public void onTaskNotJournaled(Entry entry, String taskId, Throwable cause) {
            told.put(entry.key(), taskId + " (" + cause.getMessage() + ")");
          }
        }).build();

    assertThatThrownBy(() -> runner.run(plan(line("a", PLAIN_MODEL), line("b", PLAIN_MODEL))))
        .hasMessageContaining("journal out of reach");

    // Both tasks were told by the time the run failed, b's though it was answered only after the journal failed.
    assertThat(told).containsOnlyKeys("a", "b");
    assertThat(told.values()).allMatch(task -> task.matches("task-\\d+ \\(.*journal out of reach\\)"));
    assertThat(told.get("a")).isNotEqualTo(told.get("b"));
    assertThat(backend.count("submit")).isEqualTo(2);
  }

  @Test
  void aCreateHeldBackForAConnectionWhenTheJournalFailsIsToldNeverSentThoughTheJournalStillHasItBeingSent() {
    java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean();
    backend.submitScript.put("a", job -> {
      dev.vidgen.core.client.CreateTakes takes = backend.takes;
      down.set(true); // the disk fills as the create waits for one of the provider's connections
      takes.waitingForConnection();
      // As the client does: the take leaves only once its mark is off in the journal; it cannot be, so none leaves.
      CompletableFuture<JobHandle> create = new CompletableFuture<>();
      takes.sendingAgain().whenComplete((heard, failure) -> {
        if (failure == null) {
          create.complete(backend.handle(job, null));
        } else {
          create.completeExceptionally(new dev.vidgen.core.client.SubmitNotSentException("the create was not sent:"
              + " it waited for a connection, and the caller could not record that it was leaving"));
        }
      });
      return create;
    });
    JobStore full = new ForwardingStore(store) {
      @Override
      public List<Entry> claim(String batch, String worker, int limit, Instant now, Instant leaseUntil) {
        if (down.get()) {
          throw new IllegalStateException("disk full");
        }
        return super.claim(batch, worker, limit, now, leaseUntil);
      }

      @Override
      public Optional<Entry> update(Entry entry) {
        if (down.get()) {
          throw new IllegalStateException("disk full");
        }
        return super.update(entry);
      }

      @Override
      public int releaseAll(String batch, String worker) {
        if (down.get()) {
          throw new IllegalStateException("disk full");
        }
        return super.releaseAll(batch, worker);
      }
    };
    java.util.Map<String, Entry> neverSent = new java.util.concurrent.ConcurrentHashMap<>();
    BatchRunner runner = BatchRunner.builder().backend(backend).store(full).concurrency(1).scheduler(scheduler)
        .requeueDelay(Duration.ofMillis(1)).listener(new BatchListener() {
          @Override
          public void onNotSentNotJournaled(Entry entry, Throwable cause) {
            neverSent.put(entry.key(), entry);
          }
        }).build();

    assertThatThrownBy(() -> runner.run(plan(line("a", PLAIN_MODEL)))).hasMessageContaining("disk full");

    // Told before the run failed; the journal has it as it was when its create was handed over: being sent.
    assertThat(neverSent).containsOnlyKeys("a");
    assertThat(neverSent.get("a").state()).isEqualTo(State.SUBMITTING);
    assertThat(entry("a").state()).isEqualTo(State.SUBMITTING);
    assertThat(entry("a").createWaiting()).isFalse();
    assertThat(JobRun.neverSent(neverSent.get("a"))).contains("never sent", "no task of it exists",
        "the next run tells it unknown");
  }

  // ---- helpers

  /** A runner as worker {@code name} on the shared journal, looking for work every 20 ms. */
  private BatchRunner worker(String name) {
    return BatchRunner.builder().backend(backend).store(store).concurrency(1).scheduler(scheduler)
        .requeueDelay(Duration.ofMillis(1)).idlePoll(Duration.ofMillis(20)).worker(name).build();
  }

  /** The journal, where {@code otherWorker} runs once just before this worker's first claim. */
  private JobStore beforeFirstClaim(java.util.function.Consumer<Instant> otherWorker) {
    return beforeClaim(1, otherWorker);
  }

  /** The journal, where {@code otherWorker} runs once just before this worker's claim number {@code n}. */
  private JobStore beforeClaim(int n, java.util.function.Consumer<Instant> otherWorker) {
    return new ForwardingStore(store) {
      private int claims;

      @Override
      public List<Entry> claim(String batch, String worker, int limit, Instant now, Instant leaseUntil) {
        if (++claims == n) {
          otherWorker.accept(now);
        }
        return super.claim(batch, worker, limit, now, leaseUntil);
      }
    };
  }

  /** A listener that adds every progress report to {@code seen}. */
  private static BatchListener recording(List<BatchProgress> seen) {
    return new BatchListener() {
      @Override
      public void onProgress(BatchProgress progress) {
        seen.add(progress);
      }
    };
  }

  private static String line(String id, String model) {
    return "{\"id\":\"" + id + "\",\"model\":\"" + model + "\",\"prompt\":\"" + id + "\"}";
  }

  private BatchPlan plan(String... lines) {
    return new BatchPlanner(backend).plan(BATCH, BatchFile.parse(List.of(lines), dir), dir.resolve("out"));
  }

  private BatchRunner runner(int concurrency, boolean resubmitUnknown) {
    return BatchRunner.builder()
        .backend(backend)
        .store(store)
        .concurrency(concurrency)
        .resubmitUnknown(resubmitUnknown)
        .scheduler(scheduler)
        .requeueDelay(Duration.ofMillis(1))
        .worker("test-worker")
        .build();
  }

  /** Puts the plan's first job in the journal as a crashed run would have left it. */
  private void seed(BatchPlan plan, UnaryOperator<Entry.Builder> state) {
    PlannedJob job = plan.jobs().get(0);
    Entry pending = Entry.pending(BATCH, job.key(), job.line(), job.fingerprint(), job.job().model(),
        job.out().toString(), job.quote().credits(), Instant.EPOCH);
    Entry enrolled = store.enroll(BATCH, List.of(pending)).get(0);
    store.update(state.apply(enrolled.toBuilder()).updatedAt(Instant.EPOCH).build()).orElseThrow();
  }

  /** Puts the job {@code key} of {@code plan} in the journal in the state {@code state} gives it. */
  private void journal(BatchPlan plan, String key, UnaryOperator<Entry.Builder> state) {
    PlannedJob job = plan.jobs().stream().filter(j -> j.key().equals(key)).findFirst().orElseThrow();
    Entry pending = Entry.pending(BATCH, job.key(), job.line(), job.fingerprint(), job.job().model(),
        job.out().toString(), job.quote().credits(), Instant.EPOCH);
    Entry enrolled = store.enroll(BATCH, List.of(pending)).stream().filter(e -> e.key().equals(key)).findFirst()
        .orElseThrow();
    store.update(state.apply(enrolled.toBuilder()).updatedAt(Instant.EPOCH).build()).orElseThrow();
  }

  private Entry entry(String key) {
    return store.entries(BATCH).stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow();
  }
}
