package dev.vidgen.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A wait whose process did not run for a while (a laptop's sleep; on virtual time, a clock jump that leaves the timers
 * due meanwhile to run late) does not count the sleep as the task's run: the provider's own times say how long it ran
 * when its answer gives them, and otherwise the run is not known, so the route learns nothing from it, also when the
 * sleep came before a read that still found the task running (trial GU, F3).
 */
class RunTimeAfterPauseTest {
  private static final TaskId TASK = TaskId.of("task-1");

  private final ClientFixture fixture = new ClientFixture();
  private final ScriptedProvider provider = fixture.provider;
  private final List<String> told = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeClient() {
    fixture.close();
  }

  @Test
  void aTaskSeenCompletedAfterASleepTeachesNothingAndIsToldAsSeenAfterAPause() {
    provider.statusAnswers(TaskSnapshot.queued(TASK), ScriptedProvider.completed("task-1"));
    JobHandle handle = fixture.handle("task-1");
    CompletableFuture<TaskSnapshot> done = waitTelling(handle);

    fixture.advance(Duration.ofSeconds(6)); // the first read, at about 5 s, finds it queued
    fixture.time.sleep(Duration.ofSeconds(150)); // the next read, due at about 15 s, goes out at 156 s
    fixture.advance(Duration.ofSeconds(1));

    assertThat(done).isCompletedWithValue(ScriptedProvider.completed("task-1"));
    assertThat(told).hasSize(2);
    assertThat(told.get(1)).as("not a run of 2:36").startsWith("completed after a pause of ");
    long pause = Long.parseLong(told.get(1).replaceAll("\\D+", ""));
    assertThat(pause).as("the read was due at about 15 s and went out at 156 s").isBetween(130L, 152L);
    assertThat(fixture.client.routeDurations().count(handle.model()))
        .as("it may have ended at any moment of the sleep").isZero();
  }

  @Test
  void aSleepBeforeAReadThatStillFindsItRunningAlsoLeavesHowLongItRanUnknown() {
    provider.statusAnswers(TaskSnapshot.queued(TASK), TaskSnapshot.inProgress(TASK, 30),
        ScriptedProvider.completed("task-1"));
    JobHandle handle = fixture.handle("task-1");
    CompletableFuture<TaskSnapshot> done = waitTelling(handle);

    fixture.advance(Duration.ofSeconds(6)); // the first read, at about 5 s, finds it queued
    fixture.time.sleep(Duration.ofSeconds(25)); // the next read, due at about 15 s, goes out at 31 s
    fixture.advance(Duration.ofSeconds(1));
    assertThat(told).hasSize(2).element(1).asString().startsWith("in_progress ");
    fixture.advance(Duration.ofSeconds(60)); // a read on time sees it completed

    assertThat(done).isCompletedWithValue(ScriptedProvider.completed("task-1"));
    assertThat(told).hasSize(3);
    assertThat(told.get(2)).as("not a run that includes the sleep").startsWith("completed after a pause of ");
    long pause = Long.parseLong(told.get(2).replaceAll("\\D+", ""));
    assertThat(pause).as("the read was due at about 15 s and went out at 31 s").isBetween(10L, 20L);
    assertThat(fixture.client.routeDurations().count(handle.model())).as("nothing learned from it").isZero();
  }

  @Test
  void theProvidersOwnTimesSayHowLongItRanEvenAcrossASleep() {
    JobHandle handle = fixture.handle("task-1");
    Instant created = handle.submittedAt();
    provider.statusAnswers(TaskSnapshot.queued(TASK), completedWithTimes(created, created.plusSeconds(60)));
    CompletableFuture<TaskSnapshot> done = waitTelling(handle);

    fixture.advance(Duration.ofSeconds(6));
    fixture.time.sleep(Duration.ofSeconds(150));
    fixture.advance(Duration.ofSeconds(1));

    assertThat(done).isCompleted();
    assertThat(told).element(1).isEqualTo("completed 60 s");
    assertThat(fixture.client.routeDurations().count(handle.model())).isEqualTo(1);
    assertThat(fixture.client.routeDurations().learned(handle.model()).quantile(1)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void theProvidersTimesOutsideWhatThisMachineSawAreNotTrusted() {
    // The local measure: the second read, about 15 s after the creation (the schedule's jitter is ±10 %).
    assertThat(toldRunOf(-30)).as("a completion before the creation").isBetween(13L, 17L);
    assertThat(toldRunOf(3 * 3600)).as("longer than this machine measured").isBetween(13L, 17L);
    assertThat(toldRunOf(0)).as("no run at all").isBetween(13L, 17L);
    assertThat(toldRunOf(2)).as("ended before a read at about 5 s found it queued").isBetween(13L, 17L);
    assertThat(toldRunOf(12)).as("a believable run").isEqualTo(12L);
  }

  @Test
  void aWaitWhoseReadsComeOnTimeLearnsAsBefore() {
    provider.statusAnswers(TaskSnapshot.queued(TASK), ScriptedProvider.completed("task-1"));
    JobHandle handle = fixture.handle("task-1");
    CompletableFuture<TaskSnapshot> done = waitTelling(handle);

    fixture.advance(Duration.ofSeconds(20));

    assertThat(done).isCompleted();
    assertThat(told.get(1)).startsWith("completed ").doesNotContain("pause");
    assertThat(fixture.client.routeDurations().count(handle.model())).isEqualTo(1);
  }

  /**
   * The run, in seconds, told for a task queued at the first read (about 5 s) and completed at the second (about 15 s),
   * whose answer says it completed {@code reported} seconds after its creation.
   */
  private long toldRunOf(long reported) {
    told.clear();
    JobHandle handle = fixture.handle("task-1");
    provider.replaceStatusAnswers(TaskSnapshot.queued(TASK),
        completedWithTimes(handle.submittedAt(), handle.submittedAt().plusSeconds(reported)));
    CompletableFuture<TaskSnapshot> done = waitTelling(handle);
    fixture.advance(Duration.ofSeconds(20));
    assertThat(done).isCompleted();
    assertThat(told).hasSize(2);
    assertThat(told.get(1)).startsWith("completed ").endsWith(" s").doesNotContain("pause");
    return Long.parseLong(told.get(1).replaceAll("\\D+", ""));
  }

  private static TaskSnapshot completedWithTimes(Instant created, Instant completed) {
    return ScriptedProvider.completed("task-1").withOrigin(null, created).withCompletedAt(completed);
  }

  private CompletableFuture<TaskSnapshot> waitTelling(JobHandle handle) {
    return fixture.client.awaitAsync(handle, AwaitOptions.defaults().withListener(new ProgressListener() {
      @Override
      public void onProgress(TaskSnapshot snapshot, Duration elapsed) {
        told.add(snapshot.status().id() + " " + elapsed.toSeconds() + " s");
      }

      @Override
      public void onCompletedAfterPause(TaskSnapshot snapshot, Duration elapsed, Duration pause) {
        told.add(snapshot.status().id() + " after a pause of " + pause.toSeconds() + " s");
      }
    }));
  }
}
