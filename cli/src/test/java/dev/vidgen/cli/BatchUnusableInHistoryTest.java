package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A batch task that completed with a video link vidgen does not fetch (not http(s)), in the task history, against a
 * fake ToAPIs: recorded as {@code generate} records it, completed, priced and marked unusable with why, and a later
 * {@code status} keeps that.
 */
class BatchUnusableInHistoryTest {
  @RegisterExtension
  final BatchHistoryFixture batches = BatchHistoryFixture.start();
  private final FakeToApisServer fake = batches.fake();

  @ParameterizedTest
  @ValueSource(strings = {"file:///etc/passwd", "ftp://files.example.com/v.mp4"})
  void aBatchTaskWhoseLinkIsUnusableIsRecordedCompletedPricedAndUnusableAsGenerateRecordsIt(String link)
      throws Exception {
    Path jobs = Files.writeString(batches.dir().resolve("jobs.jsonl"), "{\"id\": \"u1\", \"prompt\": \"unusable one\","
        + " \"images\": [\"product.png\"], \"seconds\": 10}\n");
    fake.inject(Endpoint.STATUS, Fault.answer(200, "application/json",
        "{\"status\":\"completed\",\"result\":{\"data\":[{\"url\":\"" + link + "\"}]}}"), 1_000);

    CliRun.Result batch = batches.run("batch", jobs.toString(), "--poll-interval", "20ms", "--retry-delay", "1ms");
    String taskId = fake.taskIds().get(0);
    Map<String, Object> row = batches.historyOf(taskId);
    CliRun.Result text = batches.run("history");

    assertThat(batch.out()).as(batch.all()).contains("result_unusable 1", "charge likely: its task completed");
    assertThat(row).as("completed and priced as generate records it, not failed with the charge unknown")
        .containsEntry("status", "completed").containsEntry("credits", 20.0).containsEntry("file", null)
        .containsEntry("source", "batch").containsEntry("result", "unusable").containsEntry("next", null)
        .doesNotContainKey("charge");
    String problem = (String) row.get("result_problem");
    assertThat(problem).as("why alone, as generate keeps it").contains(link)
        .doesNotContain("is completed, but", "docs/errors.md", "give the line a new id");
    assertThat(text.out()).as(text.all()).containsPattern(taskId + " .* completed \\(batch\\) .*- \\(result link"
        + " unusable\\)").contains("20 credits ($0.10)", "provider's dashboard")
        .doesNotContain("charge unknown", "save it with");

    CliRun.Result status = batches.run("status", taskId, "--json");
    Map<String, Object> afterStatus = batches.historyOf(taskId);

    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.json()).as(status.all()).containsEntry("result", "unusable");
    assertThat(afterStatus).as("a later status keeps the mark, not \"not saved\"").containsEntry("status", "completed")
        .containsEntry("result", "unusable").containsEntry("result_problem", problem);
    assertThat(fake.requests(Endpoint.FILE)).as("never fetched").isEmpty();
  }
}
