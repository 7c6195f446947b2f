package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A create that got no answer and was not found when looked up may still be listed late as a paid task. A later
 * {@code generate} of the same job counts that take against {@code --max-credits} as the run that lost the answer
 * did, with {@code --again} and in its dry run alike, and its own resends get only what the earlier take leaves;
 * without {@code --again} its dry run tells the same-job refusal the real run gives, also for an {@code --out} that
 * holds the job's video.
 */
class LaterRunOfUnknownTakeTest {
  @TempDir Path dir;

  @Test
  void aLaterRunWithAgainCountsTheEarlierTakeOfUnknownOutcomeAgainstMaxCredits() throws Exception {
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      loseTheAnswer(fake);

      CliRun.Result held = generate(fake, "40", "--again");

      assertThat(held.exitCode()).as("over the limit with the earlier take counted: " + held.all())
          .isEqualTo(ExitCodes.OVER_BUDGET);
      assertThat(held.err()).contains("an earlier take of the same job (the create vidgen history lists as"
          + " unanswered-vg-", "may still be listed late as a paid task (40 credits): 80 credits in all, but"
          + " --max-credits is 40; nothing was sent", "raise --max-credits to 80");
      assertThat(fake.requests(Endpoint.CREATE)).as("the take of unknown outcome is not paid for twice by rerunning")
          .hasSize(1);

      CliRun.Result covered = generate(fake, "80", "--again");
      assertThat(covered.exitCode()).as(covered.all()).isZero();
      assertThat(covered.err()).contains("counted against --max-credits 80: an earlier take of the same job",
          "80 credits in all");
      assertThat(fake.requests(Endpoint.CREATE)).hasSize(2);
    }
  }

  @Test
  void theDryRunWithAgainCountsTheEarlierTakeAsTheRealRunDoes() throws Exception {
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      loseTheAnswer(fake);

      CliRun.Result dryRun = generate(fake, "40", "--again", "--dry-run");

      assertThat(dryRun.exitCode()).as(dryRun.all()).isEqualTo(ExitCodes.OVER_BUDGET);
      assertThat(dryRun.err()).contains("may still be listed late as a paid task (40 credits): 80 credits in all,"
          + " but --max-credits is 40; nothing was sent (a dry run; the real run would refuse it the same way)");
      assertThat(dryRun.out()).doesNotContain("price");
      assertThat(fake.requests(Endpoint.CREATE)).hasSize(1);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theDryRunOfTheSameJobWithoutAgainTellsTheSameJobRefusalOfTheRealRun() throws Exception {
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      loseTheAnswer(fake);

      CliRun.Result dryRun = generate(fake, "80", "--dry-run");
      CliRun.Result json = generate(fake, "80", "--dry-run", "--json");
      CliRun.Result real = generate(fake, "80");

      assertThat(real.exitCode()).as(real.all()).isEqualTo(ExitCodes.OTHER);
      assertThat(dryRun.exitCode()).as("the dry run's exit is the real run's: " + dryRun.all())
          .isEqualTo(ExitCodes.OTHER);
      assertThat(dryRun.err()).contains("the same job was submitted", "as the create vidgen history lists as"
          + " unanswered-vg-", "nothing was sent (a dry run; the real run would refuse it the same way)",
          "or add --again to pay 40 credits");
      assertThat(dryRun.out()).doesNotContain("price");
      assertThat((Map<String, Object>) json.json().get("error")).containsEntry("kind", "same_job");
      assertThat((Map<String, Object>) json.json().get("same_job")).containsKey("unanswered");
      assertThat(fake.requests(Endpoint.CREATE)).as("nothing sent after the lost create").hasSize(1);
    }
  }

  @Test
  void thisRunsOwnResendIsHeldToWhatTheEarlierTakeLeavesOfMaxCredits() throws Exception {
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      loseTheAnswer(fake);
      fake.inject(Endpoint.CREATE, Fault.dropBeforeProcessing(), 1);

      // 40 of the earlier take and 40 of this one fit 100; one more take of 40 would make 120.
      CliRun.Result lostAgain = generate(fake, "100", "--again");

      assertThat(lostAgain.exitCode()).as(lostAgain.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
      assertThat(lostAgain.err()).contains("counted against --max-credits 100", "was not sent again",
          "another take costs 40 credits and 20 credits of the budget are left");
      assertThat(fake.requests(Endpoint.CREATE)).as("the earlier take and this run's one: no third take")
          .hasSize(2);
    }
  }

  @Test
  void thisRunsOwnResendGoesWhenMaxCreditsHoldsEveryTake() throws Exception {
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      loseTheAnswer(fake);
      fake.inject(Endpoint.CREATE, Fault.dropBeforeProcessing(), 1);

      CliRun.Result resent = generate(fake, "120", "--again");

      assertThat(resent.exitCode()).as(resent.all()).isZero();
      assertThat(fake.requests(Endpoint.CREATE)).as("the lost create of this run sent again").hasSize(3);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theDryRunOfAnOutHoldingThisJobsVideoTellsTheSameJobRefusalOfTheRealRun() throws Exception {
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      CliRun.Result saved = generate(fake, "40");
      assertThat(saved.exitCode()).as(saved.all()).isZero();
      assertThat(dir.resolve("kite.mp4")).isRegularFile();

      CliRun.Result real = generate(fake, "40");
      CliRun.Result dryRun = generate(fake, "40", "--dry-run");
      CliRun.Result json = generate(fake, "40", "--dry-run", "--json");

      assertThat(real.exitCode()).as(real.all()).isEqualTo(ExitCodes.OTHER);
      assertThat(dryRun.exitCode()).as("the dry run's exit is the real run's: " + dryRun.all())
          .isEqualTo(ExitCodes.OTHER);
      assertThat(dryRun.err()).contains("the same job was submitted", "nothing was sent (a dry run; the real run"
          + " would refuse it the same way) — its video is", "or add --again to pay 40 credits ($0.20) for another"
          + " take, with another --out");
      assertThat(real.err()).contains("nothing was sent — its video is");
      assertThat(dryRun.out()).doesNotContain("price");
      assertThat((Map<String, Object>) json.json().get("error")).containsEntry("kind", "same_job");
      assertThat(fake.requests(Endpoint.CREATE)).as("only the first run's create").hasSize(1);
    }
  }

  @Test
  void theDryRunOfAnExtendWhoseOutHoldsItsVideoTellsTheSameJobRefusalOfTheRealRun() throws Exception {
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      CliRun vidgen = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY)
          .env("VIDGEN_HOME", dir.resolve("home").toString());
      CliRun.Result source = vidgen.run("generate", "--model", "grok-video-1.0", "--prompt", "a red kite rises",
          "--poll-interval", "20ms", "--out", "source/", "--json", "--base-url", fake.baseUrl());
      assertThat(source.exitCode()).as(source.all()).isZero();
      List<String> extend = List.of("extend", (String) source.json().get("task_id"), "--prompt", "the kite climbs",
          "--out", "kite.mp4", "--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--retry-delay", "1ms");
      CliRun.Result first = vidgen.run(extend.toArray(String[]::new));
      assertThat(first.exitCode()).as(first.all()).isZero();

      List<String> dryRun = new ArrayList<>(extend);
      dryRun.add("--dry-run");
      CliRun.Result dry = vidgen.run(dryRun.toArray(String[]::new));

      assertThat(dry.exitCode()).as("the real run's exit, same_job: " + dry.all()).isEqualTo(ExitCodes.OTHER);
      assertThat(dry.err()).contains("nothing was sent (a dry run; the real run would refuse it the same way) — its"
          + " video is " + dir.resolve("kite.mp4"));
      assertThat(fake.requests(Endpoint.EXTEND)).as("extended once").hasSize(1);
    }
  }

  /** The first run: its create read and dropped, looked up and not found, and not sent again at 40 credits. */
  private void loseTheAnswer(FakeToApisServer fake) throws Exception {
    fake.inject(Endpoint.CREATE, Fault.dropBeforeProcessing(), 1);
    CliRun.Result lost = generate(fake, "40");
    assertThat(lost.exitCode()).as(lost.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    assertThat(lost.err()).contains("was not sent again", "may still arrive late as a paid task (40 credits)");
    assertThat(fake.requests(Endpoint.CREATE)).hasSize(1);
  }

  private CliRun.Result generate(FakeToApisServer fake, String maxCredits, String... more) throws Exception {
    List<String> all = new ArrayList<>(List.of("generate", "--model", "seedance-2", "--prompt", "a kite turns",
        "--seconds", "5", "--max-credits", maxCredits, "--routes", routes().toString(), "--out",
        dir.resolve("kite.mp4").toString(), "--base-url", fake.baseUrl(), "--poll-interval", "20ms",
        "--retry-delay", "1ms"));
    all.addAll(List.of(more));
    return CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY)
        .env("VIDGEN_HOME", dir.resolve("home").toString()).run(all.toArray(String[]::new));
  }

  /** seedance-2 at $0.04 a second: 40 credits for 5 s. */
  private Path routes() throws Exception {
    return Files.writeString(dir.resolve("routes.json"),
        "{\"patch\": {\"seedance-2\": {\"price\": {\"per_second_usd\": \"0.04\"}}}}");
  }
}
