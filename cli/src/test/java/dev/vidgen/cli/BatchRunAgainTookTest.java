package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A batch run again that saves a video an earlier run could not: that run found the task ended, it did not see it
 * end, so the history keeps no run time for it ({@code took_s} null), which later waits would learn as the task's.
 */
class BatchRunAgainTookTest {
  private static final String LINE = "{\"id\": \"r1\", \"prompt\": \"run again shot\", \"images\": [\"still.png\"],"
      + " \"seconds\": 10}";

  @RegisterExtension
  final BatchHistoryFixture batches = BatchHistoryFixture.start();
  private final FakeToApisServer fake = batches.fake();

  @Test
  void aTaskARunAgainFindsEndedKeepsNoRunTime() {
    Path jobs = batches.jobs("bR", LINE);
    // The video link serves a page, not the video: the first run's task completes and its video is not saved.
    fake.inject(Endpoint.FILE, Fault.answer(200, "text/html", "<html>not here</html>"), 1_000);
    CliRun.Result first = batches.run("batch", jobs.toString(), "--poll-interval", "20ms", "--retry-delay", "1ms");
    assertThat(first.all()).as(first.all()).contains("is ready but was not saved");
    String task = fake.taskIds().get(0);
    assertThat(batches.historyOf(task)).as("the first run saved nothing").containsEntry("file", null);
    fake.clearFaults();

    batches.batchDone(jobs);

    Map<String, Object> again = batches.historyOf(task);
    assertThat(again).as("saved by the second run").containsEntry("status", "completed");
    assertThat(again.get("file")).as("%s", again).isNotNull();
    assertThat(again.get("took_s")).as("the second run found the task ended; when it ended is not known: %s", again)
        .isNull();
    assertThat(fake.creates()).as("paid once").hasSize(1);
  }

  @Test
  void aTaskTheRunSentAndFollowedKeepsHowLongItRan() {
    batches.batchDone(batches.jobs("bF", LINE));

    Map<String, Object> line = batches.historyOf(fake.taskIds().get(0));

    assertThat(line).containsEntry("status", "completed");
    assertThat((Double) line.get("took_s")).as("%s", line).isNotNull().isPositive().isLessThan(60.0);
  }
}
