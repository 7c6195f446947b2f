package dev.vidgen.journal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.batch.BatchFile;
import dev.vidgen.batch.BatchListener;
import dev.vidgen.batch.BatchPlan;
import dev.vidgen.batch.BatchReport;
import dev.vidgen.batch.BatchRunner;
import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.policy.PollSchedule;
import dev.vidgen.provider.mock.MockVideoProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch whose client is closed while it runs, with a real client and journal. */
class ClosedClientBatchTest {
  @TempDir Path dir;

  private final VidgenClient client = VidgenClient.builder()
      .provider(MockVideoProvider.builder().duration(Duration.ofMinutes(5)).build())
      .pollSchedule(PollSchedule.builder().firstDelay(Duration.ofMillis(20)).minInterval(Duration.ofMillis(20)).build())
      .build();

  @Test
  void aClientClosedAsACreateIsAboutToGoLeavesTheJobPendingAndTheReportSaysWhy() throws Exception {
    // Closed right after the first job is journaled as submitting, before its create is handed to the client.
    BatchReport report = runClosing((entry, close) -> {
      if (entry.state() == State.SUBMITTING) {
        close.accept(entry, null);
      }
    }, 1);

    assertThat(report.entries()).extracting(Entry::state).as("no create went out: none is left submitting")
        .containsOnly(State.PENDING);
    assertThat(report.entries()).extracting(Entry::attempts).containsOnly(0);
    assertThat(report.stopReason()).hasValueSatisfying(reason -> assertThat(reason)
        .startsWith("the client was closed while the batch ran"));
    assertThat(report.stopped()).as("no provider error stopped it").isEmpty();
  }

  @Test
  void aClientClosedWhileATaskRunsKeepsItsIdAndTheReportSaysWhy() throws Exception {
    BatchReport report = runClosing((entry, close) -> {
      if (entry.state() == State.SUBMITTED) {
        new Thread(() -> close.accept(entry, null)).start();
      }
    }, 3);

    assertThat(report.entries()).filteredOn(e -> e.state() == State.SUBMITTED).isNotEmpty()
        .allSatisfy(e -> assertThat(e.taskId()).isNotNull());
    assertThat(report.entries()).extracting(Entry::state).doesNotContain(State.SUBMITTING, State.UNKNOWN);
    assertThat(report.stopReason()).hasValueSatisfying(reason -> assertThat(reason)
        .contains("the client was closed while the batch ran", "tasks made keep their ids in the journal"));
  }

  /** Runs three jobs, {@code onWritten} given each write and a way to close the client. */
  private BatchReport runClosing(BiConsumer<Entry, BiConsumer<Entry, Void>> onWritten, int concurrency)
      throws Exception {
    List<String> lines = List.of(
        "{\"id\": \"j0\", \"prompt\": \"a kite\", \"images\": [\"https://img.example/0.png\"]}",
        "{\"id\": \"j1\", \"prompt\": \"a boat\", \"images\": [\"https://img.example/1.png\"]}",
        "{\"id\": \"j2\", \"prompt\": \"a cat\", \"images\": [\"https://img.example/2.png\"]}");
    BatchPlan plan = BatchRunner.plan(client, "closed", BatchFile.parse(lines, dir), dir.resolve("videos"));
    BatchListener listener = new BatchListener() {
      @Override
      public void onWritten(Entry entry) {
        onWritten.accept(entry, (e, unused) -> client.close());
      }
    };
    try (JobStore store = Journals.open(dir.resolve("batch.journal").toString())) {
      BatchRunner runner = BatchRunner.builder().client(client).store(store).concurrency(concurrency)
          .listener(listener).build();
      try {
        return runner.run(plan);
      } finally {
        runner.shutdown();
        client.close();
      }
    }
  }
}
