package dev.vidgen.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vidgen.core.client.AwaitOptions;
import dev.vidgen.core.client.GenerationResult;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.policy.PollSchedule;
import dev.vidgen.provider.mock.MockVideoProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client's own scheduler and download threads, on the real clock, with short mock tasks. */
class RealTimeTest {
  @TempDir Path folder;

  @Test
  void runsJobsOnItsOwnThreadsAndStopsThemWhenClosed() {
    MockVideoProvider mock = MockVideoProvider.builder().duration(Duration.ofMillis(300)).build();
    PollSchedule quick = PollSchedule.builder()
        .firstDelay(Duration.ofMillis(100))
        .minInterval(Duration.ofMillis(50))
        .maxInterval(Duration.ofMillis(200))
        .budget(Duration.ofMillis(100), 50)
        .deadline(Duration.ofSeconds(20))
        .build();
    List<CompletableFuture<GenerationResult>> jobs = new ArrayList<>();

    try (VidgenClient client = VidgenClient.builder().provider(mock).pollSchedule(quick).build()) {
      for (int i = 0; i < 20; i++) {
        jobs.add(client.generateAsync(MockWorld.jobWithoutReference(), folder.resolve(i + ".mp4"), AwaitOptions.defaults()));
      }

      await().atMost(Duration.ofSeconds(20)).until(() -> jobs.stream().allMatch(CompletableFuture::isDone));

      assertThat(jobs).allSatisfy(job -> assertThat(job.join().file()).exists());
      assertThat(vidgenThreads()).isPositive().isLessThanOrEqualTo(6);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> vidgenThreads() == 0);
  }

  private static long vidgenThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.isAlive() && thread.getName().startsWith("vidgen-"))
        .count();
  }
}
