package dev.vidgen.journal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.batch.BatchFile;
import dev.vidgen.batch.BatchPlan;
import dev.vidgen.batch.BatchReport;
import dev.vidgen.batch.BatchRunner;
import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.batch.journal.JobStore.State;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.policy.PollSchedule;
import dev.vidgen.provider.mock.MockVideoProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a batch leaves in its videos folder, with a real client and journal. */
class BatchLeftoversTest {
  @TempDir Path dir;

  @Test
  void aBatchRemovesWhatKilledDownloadsOfItsJobsLeftAndNothingElse() throws Exception {
    Path videos = Files.createDirectories(dir.resolve("videos"));
    Path stale = Files.write(videos.resolve(".j0.mp4.1f2e.part"), new byte[] {1, 2, 3});
    Path staleToo = Files.write(videos.resolve(".j1.mp4.9c.part"), new byte[] {4, 5});
    Path notOurs = Files.write(videos.resolve(".notes.mp4.1f2e.part"), new byte[] {6});
    VidgenClient client = VidgenClient.builder()
        .provider(MockVideoProvider.builder().duration(Duration.ofMillis(50)).build())
        .pollSchedule(PollSchedule.builder().firstDelay(Duration.ofMillis(20)).minInterval(Duration.ofMillis(20))
            .build())
        .build();
    List<String> lines = List.of(
        "{\"id\": \"j0\", \"prompt\": \"a kite\", \"images\": [\"https://img.example/0.png\"]}",
        "{\"id\": \"j1\", \"prompt\": \"a boat\", \"images\": [\"https://img.example/1.png\"]}");
    BatchPlan plan = BatchRunner.plan(client, "leftovers", BatchFile.parse(lines, dir), videos);

    BatchReport report;
    try (JobStore store = Journals.open(dir.resolve("batch.journal").toString())) {
      BatchRunner runner = BatchRunner.builder().client(client).store(store).concurrency(2).build();
      try {
        report = runner.run(plan);
      } finally {
        runner.shutdown();
        client.close();
      }
    }

    assertThat(report.count(State.COMPLETED)).isEqualTo(2);
    assertThat(videos.resolve("j0.mp4")).isRegularFile();
    assertThat(videos.resolve("j1.mp4")).isRegularFile();
    assertThat(stale).doesNotExist();
    assertThat(staleToo).doesNotExist();
    assertThat(notOurs).exists();
  }
}
