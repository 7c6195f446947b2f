package dev.vidgen.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.serve.PlaygroundFixture.Answer;
import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Lifecycle;
import dev.vidgen.testkit.toapis.TaskScript;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The playground on a test server (not the provider's own address) after an upgrade, with the lines an older vidgen
 * serve wrote: no base URL and no key tag. Such a line counts as this server's: its task is followed, and its job is
 * the same job here.
 */
class OlderServeLinesTest {
  private static final String MODEL = "grok-video-1.5-preview";
  private static final String IMAGE = "https://cdn.example.test/pg1.png";

  @TempDir Path folder;

  private final FakeToApisServer fake = FakeToApisServer.builder().lifecycle(Duration.ZERO, Duration.ofMinutes(5))
      .start();
  @RegisterExtension final PlaygroundFixture on = new PlaygroundFixture(() -> folder, fake);

  @Test
  void aPlaygroundTaskAnOlderServeLeftRunningIsFollowedAndSavedByTheNextServe() {
    VidgenClient client = on.client(on.toApisClient().build());
    fake.nextTask(TaskScript.completes().taking(Lifecycle.byPolls(0, 1)));
    VideoJob job = job("pg1 playground inflight");
    JobHandle handle = client.submit(job);
    String id = handle.taskId().value();
    // As the older vidgen serve left it when stopped: in progress, with neither its server nor its key's tag.
    on.history().record(HistoryEntry.submitted(handle, job, "serve").withStatus("in_progress", Instant.now()));
    assertThat(on.history().find(id).orElseThrow()).extracting(HistoryEntry::baseUrl, HistoryEntry::keyTag)
        .containsOnlyNulls();

    on.startOnFake(MODEL);

    Path saved = folder.resolve("videos").resolve(id + ".mp4");
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(saved).exists());
    assertThat(fake.pollsOf(id)).as("the new playground asked its server").isPositive();
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(on.task(id))
        .containsEntry("status", "completed").containsEntry("file", saved.toAbsolutePath().normalize().toString()));
  }

  @Test
  void aJobAnOlderServeMadeIsTheSameJobOnThisServerAndIsNotPaidAgain() {
    Instant minuteAgo = Instant.now().minusSeconds(60);
    VideoJob job = job("pg2 finished");
    on.history().record(HistoryEntry.submitted(new JobHandle("toapis", dev.vidgen.core.domain.TaskId.of("video_old"),
            MODEL, dev.vidgen.core.pricing.PriceQuote.unknown(MODEL, "test"), minuteAgo, null, 1), job, "serve")
        .completed(folder.resolve("videos").resolve("video_old.mp4").toString(), minuteAgo.plusSeconds(30)));
    on.startOnFake(MODEL);

    Answer again = on.answer("/api/generate", "{\"model\":\"" + MODEL + "\",\"prompt\":\"pg2 finished\",\"seconds\":10,"
        + "\"images\":[{\"url\":\"" + IMAGE + "\"}]}");

    assertThat(again.status()).as(again.body()).isEqualTo(409);
    assertThat(again.body()).contains("\"code\":\"same_job\"", "video_old",
        "that take was recorded without its server by an older vidgen, so it counts as a take on any server, this"
            + " one too", "\\\"again\\\": true");
    assertThat(fake.requests(Endpoint.CREATE)).as("nothing paid again").isEmpty();
  }

  private static VideoJob job(String prompt) {
    return VideoJob.builder(MODEL).prompt(prompt).image(IMAGE).seconds(10).build();
  }
}
