package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A batch stopped by the provider's HTTP 402 partway, against the fake ToAPIs, with no other worker: a job the run
 * never got to says it was not sent because the run stopped at the 402, not that another worker put it back.
 */
class BatchStoppedByQuotaTest {
  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(FakeToApisServer.DEFAULT_KEY)
      .server(server -> server.unlimitedBalance()).start();

  @Test
  @SuppressWarnings("unchecked")
  void aJobTheRunNeverGotToAfterA402SaysSoAndToTopUpNotThatAnotherWorkerPutItBack() throws Exception {
    Path jobs = cli.dir().resolve("jobs.jsonl");
    Files.write(jobs, List.of(line("q-01", "waves"), line("q-02", "dunes"), line("q-03", "sky")));
    FakeToApisServer fake = cli.fake();
    fake.inject(Endpoint.CREATE, Fault.slow(Duration.ofMillis(1))); // the first create is answered as usual
    fake.inject(Endpoint.CREATE, Fault.error(402, "insufficient_quota", "insufficient quota"));

    CliRun.Result json = cli.vidgen().run("batch", jobs.toString(), "--base-url", fake.baseUrl(), "--concurrency",
        "1", "--poll-interval", "20ms", "--json");

    assertThat(json.exitCode()).as(json.all()).isEqualTo(ExitCodes.OVER_BUDGET);
    Map<String, Object> third = ((List<Map<String, Object>>) json.json().get("jobs")).stream()
        .filter(job -> "q-03".equals(job.get("id"))).findFirst().orElseThrow(() -> new AssertionError(json.all()));
    assertThat(third).containsEntry("state", "pending").containsEntry("attempts", 0.0);
    assertThat((String) third.get("reason")).contains("not sent: this run stopped at another job's 402 (too few"
        + " credits) before sending it, so nothing was sent or billed for it; top up the balance, then run the same"
        + " command again").doesNotContain("another worker");
    assertThat(json.all()).doesNotContain("another worker's --retry-failed");
    assertThat(fake.creates()).as("the answered create and the refused one").hasSize(2);
  }

  private static String line(String id, String prompt) {
    return "{\"id\": \"" + id + "\", \"model\": \"seedance-2\", \"prompt\": \"" + prompt + "\", \"seconds\": 5}";
  }
}
