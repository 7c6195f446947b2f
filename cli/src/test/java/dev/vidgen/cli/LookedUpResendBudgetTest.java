package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A create that got no answer, looked up by its client reference and not found, may still be listed late as a paid
 * task: before it is sent again, that take counts against {@code --max-credits} at its quote, the same way in
 * {@code generate}, in a batch's own run, in a later run of the batch and in its dry run.
 */
class LookedUpResendBudgetTest {
  @TempDir Path dir;

  @Test
  void generateDoesNotSendACreateAgainWhenTheTakeLookedUpAndTheResendWouldGoOverMaxCredits() throws Exception {
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.inject(Endpoint.CREATE, Fault.dropBeforeProcessing(), 1); // read, then no answer and no task

      CliRun.Result held = generate(fake, "40");

      assertThat(held.exitCode()).as("unknown, as a resend after a server error the limit stops: " + held.all())
          .isEqualTo(ExitCodes.PROVIDER_ERROR);
      assertThat(fake.requests(Endpoint.CREATE)).as("the take looked up may still be a task: not paid twice")
          .hasSize(1);
      assertThat(held.err()).contains("was not sent again", "may still arrive late as a paid task (40 credits)",
          "another take costs 40 credits", "raise the budget (--max-credits on the command line)",
          "look it up by client reference");
    }
  }

  @Test
  void generateSendsItAgainWhenMaxCreditsCoversBothTakesAndSaysWhatTheFirstMayHaveCost() throws Exception {
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.inject(Endpoint.CREATE, Fault.dropBeforeProcessing(), 1);

      CliRun.Result sent = generate(fake, "80");

      assertThat(sent.exitCode()).as(sent.all()).isZero();
      assertThat(fake.requests(Endpoint.CREATE)).hasSize(2);
      assertThat(sent.all()).contains("may also have made a paid task, up to 40 credits more");
    }
  }

  @Test
  void aBatchCountsTheTakeLookedUpBeforeItsResendInTheSameRun() throws Exception {
    Path jobs = jobs("a", "b");
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.inject(Endpoint.CREATE, Fault.dropBeforeProcessing(), 1); // a's first take

      CliRun.Result run = batch(fake, jobs, "--max-credits", "80");

      assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.OVER_BUDGET);
      assertThat(fake.requests(Endpoint.CREATE)).as("a twice (its first take may be a task), b held back")
          .hasSize(2);
      assertThat(run.out()).contains("left     line 2 (b", "the client's budget held it back");
      assertThat(run.err()).contains("this run sent 2 creates, which took 80 credits of it",
          "seedance-2 at 40 credits did not fit the 0 credits left");
    }
  }

  @Test
  void aLaterRunAndItsDryRunCountTheTakeLookedUpAlikeAndKeepCountingItOnceSent() throws Exception {
    Path jobs = jobs("a", "b");
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.inject(Endpoint.CREATE, Fault.dropBeforeProcessing(), 1);
      // The default look-up grace (about a minute) outlasts the timeout: a is left being sent, b is not sent.
      CliRun.Result stopped = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run("batch",
          jobs.toString(), "--concurrency", "1", "--routes", routes().toString(), "--base-url", fake.baseUrl(),
          "--poll-interval", "20ms", "--timeout", "1s");
      assertThat(stopped.exitCode()).as(stopped.all()).isEqualTo(ExitCodes.DEADLINE);
      assertThat(fake.requests(Endpoint.CREATE)).hasSize(1);

      CliRun.Result dryRun = batch(fake, jobs, "--max-credits", "80", "--dry-run");
      CliRun.Result run = batch(fake, jobs, "--max-credits", "80");

      assertThat(dryRun.exitCode()).as(dryRun.all()).isEqualTo(ExitCodes.OVER_BUDGET);
      assertThat(dryRun.err()).contains("the batch may cost 120 credits (40 credits of it for earlier takes of"
          + " unknown outcome", "but --max-credits is 80; nothing was sent");
      assertThat(run.exitCode()).as("the real run says what its dry run said: " + run.all())
          .isEqualTo(ExitCodes.OVER_BUDGET);
      assertThat(run.err()).contains("the batch may cost 120 credits");
      assertThat(fake.requests(Endpoint.CREATE)).as("nothing sent").hasSize(1);

      CliRun.Result covered = batch(fake, jobs, "--max-credits", "120");
      assertThat(covered.exitCode()).as(covered.all()).isZero();
      assertThat(fake.requests(Endpoint.CREATE)).as("a sent again with its reference, b sent").hasSize(3);

      CliRun.Result afterwards = batch(fake, jobs, "--max-credits", "80", "--dry-run");
      assertThat(afterwards.exitCode()).as("the journal still knows the take looked up: " + afterwards.all())
          .isEqualTo(ExitCodes.OVER_BUDGET);
      assertThat(afterwards.err()).contains("the batch may cost 120 credits (40 credits of it for earlier takes");
    }
  }

  private CliRun.Result generate(FakeToApisServer fake, String maxCredits) throws Exception {
    return CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY)
        .env("VIDGEN_HOME", dir.resolve("home").toString()).run("generate", "--model", "seedance-2", "--prompt",
            "a kite turns", "--seconds", "5", "--max-credits", maxCredits, "--routes", routes().toString(),
            "--out", dir.resolve("kite.mp4").toString(), "--base-url", fake.baseUrl(), "--poll-interval", "20ms",
            "--retry-delay", "1ms");
  }

  private CliRun.Result batch(FakeToApisServer fake, Path jobs, String... more) throws Exception {
    List<String> all = new ArrayList<>(List.of("batch", jobs.toString(), "--concurrency", "1", "--routes",
        routes().toString(), "--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--retry-delay", "1ms"));
    all.addAll(List.of(more));
    return CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run(all.toArray(String[]::new));
  }

  /** seedance-2 at $0.04 a second: 40 credits for 5 s. */
  private Path routes() throws Exception {
    return Files.writeString(dir.resolve("routes.json"),
        "{\"patch\": {\"seedance-2\": {\"price\": {\"per_second_usd\": \"0.04\"}}}}");
  }

  private Path jobs(String... ids) throws Exception {
    List<String> lines = new ArrayList<>();
    for (String id : ids) {
      lines.add("{\"id\": \"" + id + "\", \"model\": \"seedance-2\", \"prompt\": \"" + id + " turns\", \"seconds\": 5}");
    }
    return Files.write(dir.resolve("jobs.jsonl"), lines);
  }
}
