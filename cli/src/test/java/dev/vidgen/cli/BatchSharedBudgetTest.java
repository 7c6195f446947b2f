package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.postgres.ThrowawayPostgres;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two workers of one batch on a PostgreSQL journal, started together with one {@code --max-credits} that pays for
 * each line once, against the fake ToAPIs answering some creates 500 after making their tasks (each resend may be a
 * second paid task): together they send no more creates than the limit pays for, and what held them back says that
 * the batch's workers spent the budget together.
 */
class BatchSharedBudgetTest {
  private static ThrowawayPostgres postgres;
  private static String unavailable;

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(FakeToApisServer.DEFAULT_KEY)
      .server(server -> server.unlimitedBalance()).start();

  @BeforeAll
  static void startPostgres() {
    try {
      postgres = ThrowawayPostgres.start(List.of("fsync=off"));
    } catch (ThrowawayPostgres.UnavailableException e) {
      unavailable = e.getMessage() + " (.ci/run installs Debian's postgresql package)";
    }
  }

  @AfterAll
  static void stopPostgres() {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void twoWorkersStartedTogetherKeepOneLimitAndEachStopsAtItWithExit8() throws Exception {
    Assumptions.assumeTrue(postgres != null, () -> unavailable);
    Path jobs = cli.dir().resolve("jobs.jsonl");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      lines.add("{\"id\": \"m" + i + "\", \"model\": \"grok-video-1.5-preview\", \"prompt\": \"small budget " + i
          + "\", \"images\": [\"https://cdn.example.com/m" + i + ".png\"], \"seconds\": 10}");
    }
    Files.write(jobs, lines);
    FakeToApisServer fake = cli.fake();
    fake.inject(Endpoint.CREATE, Fault.serverError().afterProcessing(), 3);
    CyclicBarrier together = new CyclicBarrier(2);
    List<CompletableFuture<CliRun.Result>> workers = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      workers.add(CompletableFuture.supplyAsync(() -> {
        CliRun run = cli.withoutHome();
        try {
          together.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        return run.run("batch", jobs.toString(), "--base-url", fake.baseUrl(), "--journal", postgres.url(),
            "--out-dir", cli.dir().resolve("out").toString(), "--concurrency", "2", "--poll-interval", "20ms",
            "--max-credits", "200");
      }));
    }
    List<CliRun.Result> results = new ArrayList<>();
    for (CompletableFuture<CliRun.Result> worker : workers) {
      results.add(worker.get(120, TimeUnit.SECONDS));
    }

    // 200 credits pay for 10 takes at 20 credits; each worker alone would have let itself resend its 500s too.
    assertThat(fake.creates()).as(results.toString()).hasSize(10);
    assertThat(results).allSatisfy(result -> assertThat(result.exitCode()).as(result.err())
        .isIn(ExitCodes.OVER_BUDGET, ExitCodes.UNKNOWN_OUTCOME));
    assertThat(String.join("\n", results.stream().map(CliRun.Result::err).toList()))
        .as("what held the workers back says whose takes spent the budget")
        .containsAnyOf("of the batch's budget, which the batch's workers on this journal spent together",
            "the batch's budget of 200 credits is spent by the batch's workers");
  }
}
