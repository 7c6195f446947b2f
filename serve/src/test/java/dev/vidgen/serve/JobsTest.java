package dev.vidgen.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.Operation;
import dev.vidgen.core.policy.PollSchedule;
import dev.vidgen.core.policy.RetryPolicy;
import dev.vidgen.provider.mock.MockVideoProvider;
import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.TaskHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the playground follows its tasks through an outage longer than the client's retries. */
class JobsTest {
  @TempDir Path folder;

  private final List<Map<String, Object>> published = new CopyOnWriteArrayList<>();
  private VidgenClient client;

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
  }

  @Test
  void anOutageLongerThanTheRetriesIsFollowedThroughAndTheVideoSaved() throws Exception {
    MockVideoProvider mock = MockVideoProvider.builder().duration(Duration.ofMillis(300)).build();
    client = VidgenClient.builder().provider(mock)
        .pollSchedule(PollSchedule.builder().firstDelay(Duration.ofMillis(50)).minInterval(Duration.ofMillis(50))
            .maxInterval(Duration.ofMillis(100)).build())
        .retryPolicy(RetryPolicy.builder().transientRetries(1).transientBackoff(Duration.ofMillis(10),
            Duration.ofMillis(20)).jitter(0).build())
        .build();
    TaskHistory history = TaskHistory.in(folder.resolve("home"));
    Jobs jobs = new Jobs(client, history, Files.createDirectories(folder.resolve("videos")), Clock.systemUTC(),
        published::add, Duration.ofMillis(200));
    // The balance read before the create takes one failure; each follow makes two attempts at a
    // status read: the first two follows give up, the third gets through.
    mock.script().fail(Operation.READ, 5, FailureKind.UNAVAILABLE);

    HistoryEntry entry = jobs.submit(VideoJob.builder("grok-video-1.5-preview").prompt("Slow push-in")
        .image("https://example.com/a.png").build()).get();

    await().atMost(Duration.ofSeconds(20)).until(() -> history.find(entry.taskId())
        .filter(HistoryEntry::isFinished).isPresent());
    HistoryEntry done = history.find(entry.taskId()).orElseThrow();
    assertThat(done.status()).isEqualTo("completed");
    assertThat(Path.of(done.file())).exists();
    assertThat(published).as("the page was told, at each stop, that it would be followed again")
        .filteredOn(task -> String.valueOf(task.get("next")).contains("following it again in")).hasSize(2);
  }

  @Test
  void aClosedPlaygroundFollowsNothingMore() throws Exception {
    MockVideoProvider mock = fastFailingClient();
    Jobs jobs = new Jobs(client, TaskHistory.in(folder.resolve("home")), Files.createDirectories(folder.resolve("videos")),
        Clock.systemUTC(), published::add, Duration.ofMillis(100));
    mock.script().fail(Operation.READ, 1_000, FailureKind.UNAVAILABLE);
    HistoryEntry entry = jobs.submit(aJob()).get();
    await().atMost(Duration.ofSeconds(20)).until(() -> jobs.find(entry.taskId())
        .filter(live -> live.problem() != null).isPresent());

    jobs.close();
    int calls = mock.calls().size();

    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> mock.calls().size() == calls);
  }

  @Test
  void anOutageAtTheEndOfTheDeadlineIsNotWaitedOut() throws Exception {
    MockVideoProvider mock = fastFailingClient();
    // This clock reads a minute before the task's two hours are up: a pause would outlast them.
    Clock late = Clock.offset(Clock.systemUTC(), Jobs.DEADLINE.minusMinutes(1));
    Jobs jobs = new Jobs(client, TaskHistory.in(folder.resolve("home")), Files.createDirectories(folder.resolve("videos")),
        late, published::add, Duration.ofMinutes(2));
    mock.script().fail(Operation.READ, 1_000, FailureKind.UNAVAILABLE);

    HistoryEntry entry = jobs.submit(aJob()).get();

    await().atMost(Duration.ofSeconds(20)).until(() -> jobs.find(entry.taskId())
        .filter(live -> live.problem() != null).isPresent());
    assertThat(jobs.find(entry.taskId()).orElseThrow().next()).contains("start vidgen serve again")
        .doesNotContain("following it again");
  }

  private MockVideoProvider fastFailingClient() {
    MockVideoProvider mock = MockVideoProvider.builder().duration(Duration.ofMillis(300)).build();
    client = VidgenClient.builder().provider(mock)
        .pollSchedule(PollSchedule.builder().firstDelay(Duration.ofMillis(50)).minInterval(Duration.ofMillis(50))
            .maxInterval(Duration.ofMillis(100)).build())
        .retryPolicy(RetryPolicy.builder().transientRetries(0).jitter(0).build())
        .build();
    return mock;
  }

  private static VideoJob aJob() {
    return VideoJob.builder("grok-video-1.5-preview").prompt("Slow push-in").image("https://example.com/a.png").build();
  }

  @Test
  void aKeyProblemIsNotAnOutageAndIsNotFollowedAgain() throws Exception {
    MockVideoProvider mock = MockVideoProvider.builder().duration(Duration.ofMillis(300)).build();
    client = VidgenClient.builder().provider(mock)
        .pollSchedule(PollSchedule.builder().firstDelay(Duration.ofMillis(50)).minInterval(Duration.ofMillis(50))
            .maxInterval(Duration.ofMillis(100)).build())
        .build();
    TaskHistory history = TaskHistory.in(folder.resolve("home"));
    Jobs jobs = new Jobs(client, history, Files.createDirectories(folder.resolve("videos")), Clock.systemUTC(),
        published::add, Duration.ofMillis(100));
    mock.script().fail(Operation.READ, 1_000, FailureKind.AUTHENTICATION);

    HistoryEntry entry = jobs.submit(VideoJob.builder("grok-video-1.5-preview").prompt("Slow push-in")
        .image("https://example.com/a.png").build()).get();

    await().atMost(Duration.ofSeconds(20)).until(() -> jobs.find(entry.taskId())
        .filter(live -> live.problem() != null).isPresent());
    int reads = mock.calls().size();
    // A key problem is not an outage: no pause and no new follow, for ten times the pause.
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> mock.calls().size() == reads);
    assertThat(history.find(entry.taskId()).orElseThrow().isFinished()).isFalse();
  }
}
