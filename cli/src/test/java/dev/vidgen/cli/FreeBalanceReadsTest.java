package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A balance that does not answer, read only to inform (a batch's first look, a dry run's): waited for 20 s at most, as
 * the check before a create, and said as a warning without the Java setting's name. The balance's own
 * minute stays for {@code vidgen balance} and the Java API.
 */
class FreeBalanceReadsTest {
  @RegisterExtension final CliOnFakeToApis cli = CliOnFakeToApis.builder(FakeToApisServer.DEFAULT_KEY).start();

  @Test
  @Timeout(50) // the client's balance timeout (1 min) would end it
  void aDryRunWhoseBalanceDoesNotAnswerWarnsAfter20sAndGoesOn() {
    stallTheBalance();

    CliRun.Result dryRun = here().run("generate", "--dry-run", "--image", "product.png", "--prompt", "drybal");

    assertThat(dryRun.exitCode()).as(dryRun.all()).isZero();
    assertThat(dryRun.err()).contains("warning: the balance could not be read (", "no answer within 20 s",
        "the real run reads it again before it sends").doesNotContain("VidgenClient.Builder");
    assertThat(cli.fake().requests(Endpoint.CREATE)).as("a dry run").isEmpty();
  }

  @Test
  @Timeout(50) // the first read's minute would end it
  void aBatchWhoseFirstBalanceReadDoesNotAnswerWarnsAfter20sAndGoesOn() throws Exception {
    Path jobs = Files.writeString(cli.dir().resolve("jobs.jsonl"),
        "{\"id\": \"a\", \"prompt\": \"a turns\", \"images\": [\"https://img.example/a.png\"]}\n");
    stallTheBalance();

    CliRun.Result batch = here().run("batch", jobs.toString(), "--concurrency", "1", "--poll-interval", "20ms",
        "--retry-delay", "1ms");

    assertThat(batch.exitCode()).as(batch.all()).isZero();
    assertThat(batch.err()).contains("warning: the balance could not be read (", "no answer within 20 s",
        "the batch goes on without a balance check for a minute, then reads it again before a create")
        .doesNotContain("VidgenClient.Builder");
    assertThat(cli.fake().requests(Endpoint.CREATE)).hasSize(1);
  }

  @Test
  @Timeout(50)
  void aBatchWhoseFirstBalanceReadTimedOutSendsItsFirstCreateWithoutReadingItAgainAndSaysSoOnce() throws Exception {
    Path jobs = Files.writeString(cli.dir().resolve("jobs.jsonl"),
        "{\"id\": \"a\", \"prompt\": \"a turns\", \"images\": [\"https://img.example/a.png\"]}\n");
    stallTheBalance();

    CliRun.Result batch = here().run("batch", jobs.toString(), "--concurrency", "1", "--poll-interval", "20ms",
        "--retry-delay", "1ms");

    assertThat(batch.exitCode()).as(batch.all()).isZero();
    assertThat(cli.fake().requests(Endpoint.BALANCE)).as("the check before the create did not read it again (20 s"
        + " more when it hangs again)").hasSize(1);
    assertThat(cli.fake().requests(Endpoint.CREATE)).hasSize(1);
    assertThat(batch.err()).containsOnlyOnce("could not be read")
        .as("the batch's own warning only: no second one that the job is sent without a check")
        .doesNotContain("the job is sent without a balance check");
  }

  /** The key's and the account's balance answer nothing, once each (the reads after them are answered). */
  private void stallTheBalance() {
    cli.fake().inject(Endpoint.BALANCE, Fault.stall());
    cli.fake().inject(Endpoint.USER_BALANCE, Fault.stall());
  }

  /** A run with this test's history, on the fake. */
  private CliRun here() {
    return cli.vidgen().env("TOAPIS_BASE_URL", cli.fake().baseUrl());
  }
}
