package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A batch task whose video's link expired before it was saved, in the task history, against a fake ToAPIs whose clock
 * is two days behind (so its links are past their expiry) and whose file host has let the video go: recorded as
 * {@code generate} records it, completed, priced and marked expired, and a later {@code status} keeps that.
 */
class BatchExpiredInHistoryTest {
  private static final Clock TWO_DAYS_AGO = Clock.offset(Clock.systemUTC(), Duration.ofDays(-2));

  @RegisterExtension
  final BatchHistoryFixture batches = BatchHistoryFixture.start(settings -> settings.clock(TWO_DAYS_AGO));
  private final FakeToApisServer fake = batches.fake();

  @Test
  void aBatchTaskWhoseLinkExpiredIsRecordedCompletedPricedAndExpiredAsGenerateRecordsIt() throws Exception {
    Path jobs = Files.writeString(batches.dir().resolve("jobs.jsonl"), "{\"id\": \"e1\", \"prompt\": \"expire one\","
        + " \"images\": [\"product.png\"], \"seconds\": 10}\n");
    fake.inject(Endpoint.FILE, Fault.status(404), 20); // the file host has let it go

    CliRun.Result batch = batches.run("batch", jobs.toString(), "--poll-interval", "20ms", "--retry-delay", "1ms");
    String taskId = fake.taskIds().get(0);
    Map<String, Object> row = batches.historyOf(taskId);
    CliRun.Result text = batches.run("history");

    assertThat(batch.out()).as(batch.all()).contains("charge likely: its task completed");
    assertThat(row).as("completed and priced as generate records it, not failed with the charge unknown")
        .containsEntry("status", "completed").containsEntry("credits", 20.0).containsEntry("file", null)
        .containsEntry("source", "batch").containsEntry("result", "expired").doesNotContainKey("charge");
    String expiredAt = (String) row.get("result_expired_at");
    assertThat(Instant.parse(expiredAt)).as("the link's expiry, to the second").isBefore(Instant.now());
    assertThat(text.out()).as(text.all()).contains(taskId, "completed (batch)", "20 credits ($0.10)",
        "- (result expired " + expiredAt + ")").doesNotContain("charge unknown");

    CliRun.Result status = batches.run("status", taskId, "--json");
    Map<String, Object> afterStatus = batches.historyOf(taskId);

    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.json()).as(status.all()).containsEntry("result", "expired")
        .containsEntry("result_expired_at", expiredAt);
    assertThat(afterStatus).as("a later status keeps the mark, not \"not saved\"").containsEntry("status", "completed")
        .containsEntry("result", "expired").containsEntry("result_expired_at", expiredAt);
    assertThat(batches.run("history").out()).contains("- (result expired " + expiredAt + ")")
        .doesNotContain("(not saved)");
  }
}
