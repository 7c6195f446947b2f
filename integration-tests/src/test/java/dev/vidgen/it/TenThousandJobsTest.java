package dev.vidgen.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.client.AwaitOptions;
import dev.vidgen.core.client.GenerationResult;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.TaskStatus;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.provider.mock.MockCall;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Waiting costs a timer, not a thread: ten thousand jobs in flight at once on a handful of threads. */
class TenThousandJobsTest {
  private static final int JOBS = 10_000;
  private static final int MAX_NEW_THREADS = 16;

  @TempDir Path folder;

  @Test
  void tenThousandJobsInFlightAllCompleteOnAtMostSixteenThreads() throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int before = threads.getThreadCount();
    threads.resetPeakThreadCount();
    MockWorld world = new MockWorld(builder -> builder.duration(Duration.ofMinutes(2)));
    VideoJob job = MockWorld.jobWithoutReference();
    List<CompletableFuture<GenerationResult>> running = new ArrayList<>(JOBS);

    try (VidgenClient client = world.client()) {
      for (int i = 0; i < JOBS; i++) {
        running.add(client.generateAsync(job, folder.resolve("video-" + i + ".mp4"), AwaitOptions.defaults()));
      }
      assertThat(world.mock.calls(MockCall.Method.CREATE)).hasSize(JOBS);
      assertThat(running).noneMatch(CompletableFuture::isDone);
      assertThat(world.time.pendingTasks()).as("one poll timer per job").isEqualTo(JOBS);

      world.time.advanceUntilIdle(Duration.ofMinutes(15));

      assertThat(running).allMatch(future -> future.isDone() && !future.isCompletedExceptionally());
      assertThat(running).allMatch(future -> future.join().snapshot().status() == TaskStatus.COMPLETED);
    }

    int peak = threads.getPeakThreadCount();
    assertThat(peak - before)
        .as("threads started while %d jobs ran (%d before, peak %d)", JOBS, before, peak)
        .isLessThanOrEqualTo(MAX_NEW_THREADS);
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files.filter(file -> file.getFileName().toString().endsWith(".mp4")).count()).isEqualTo(JOBS);
    }
  }
}
