package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.core.json.JsonTrees;
import dev.vidgen.core.text.SafeText;
import dev.vidgen.journal.jdbc.Journals;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch left with work to do gives a script the same batch command as {@code next_command} (trial HD, F2): after its
 * {@code --timeout} (exit 7) and in the {@code interrupted} object of a SIGTERM (exit 143); run as it is, it goes on
 * and pays for nothing again. A create still unanswered at the {@code --timeout} is given 30 s more at most, then
 * left to be looked up by the next run, never sent again (F3).
 */
class BatchNextCommandTest {
  @TempDir Path dir;

  private static String job(String id) {
    return "{\"id\": \"" + id + "\", \"prompt\": \"" + id + " turns\", \"images\": [\"https://img.example/" + id
        + ".png\"], \"seconds\": 10}";
  }

  /** Runs a command as vidgen printed it (its first word, vidgen, left out), as a script would run it. */
  private static CliRun.Result runPrinted(CliRun cli, String command) {
    List<String> words = ShellWords.split(command);
    assertThat(words.get(0)).isEqualTo("vidgen");
    return cli.run(words.subList(1, words.size()).toArray(String[]::new));
  }

  @Test
  void aBatchLeftByItsTimeoutGivesTheSameCommandThatGoesOnWithoutPayingAgain() throws Exception {
    Path jobs = Files.write(dir.resolve("jobs.jsonl"), List.of(job("a"), job("b")));
    Path videos = dir.resolve("out videos");

    CliRun.Result timed = CliRun.in(dir).run("batch", jobs.toString(), "--provider", "mock", "--set",
        "mock.duration=2s", "--poll-interval", "50ms", "--concurrency", "1", "--out-dir", videos.toString(),
        "--timeout", "300ms", "--json");

    assertThat(timed.exitCode()).as(timed.all()).isEqualTo(ExitCodes.DEADLINE);
    String same = (String) timed.json().get("next_command");
    assertThat(same).as(timed.all()).isEqualTo(SafeText.command("vidgen", "batch", jobs.toString(), "--journal",
        dir.resolve("jobs.journal").toString(), "--out-dir", videos.toString(), "--concurrency", "1", "--timeout",
        "PT0.3S", "--provider", "mock"));

    CliRun.Result again = runPrinted(CliRun.in(dir), same);

    assertThat(again.exitCode()).as("it runs and goes on: " + again.all()).isIn(ExitCodes.DONE, ExitCodes.DEADLINE);
    try (JobStore journal = Journals.open(dir.resolve("jobs.journal").toString())) {
      assertThat(journal.entries("jobs.jsonl")).filteredOn(e -> e.key().equals("a")).extracting(Entry::attempts)
          .as("a's task followed, not paid again").containsExactly(1);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aBatchTimeoutGivesACreateStillUnansweredItsGraceThenLeavesItToBeLookedUpNotSentAgain() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (FakeToApisServer fake = FakeToApisServer.builder().unlimitedBalance().start()) {
      fake.inject(Endpoint.CREATE, Fault.answerHeldUntil(release, Duration.ofMinutes(4))); // made, its answer held
      Path jobs = Files.write(dir.resolve("jobs.jsonl"),
          List.of("{\"id\": \"a\", \"model\": \"seedance-2\", \"prompt\": \"a turns\", \"seconds\": 5}"));
      CliRun cli = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY);

      long started = System.nanoTime();
      CliRun.Result timed = cli.run("batch", jobs.toString(), "--base-url", fake.baseUrl(), "--poll-interval", "20ms",
          "--timeout", "2s", "--json");
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(timed.exitCode()).as(timed.all()).isEqualTo(ExitCodes.DEADLINE);
      assertThat(took).as("30 s past --timeout at most, not the create's 2 min call timeout")
          .isLessThan(Duration.ofSeconds(60));
      assertThat((String) ((Map<String, Object>) timed.json().get("error")).get("message"))
          .contains("1 whose create got no answer, looked up by its client reference first next run");
      assertThat((String) timed.json().get("next_command")).startsWith("vidgen batch " + jobs);
      release.countDown();

      CliRun.Result again = cli.run("batch", jobs.toString(), "--base-url", fake.baseUrl(), "--poll-interval", "20ms",
          "--json");

      assertThat(again.exitCode()).as(again.all()).isZero();
      assertThat(fake.creates()).as("found by its client reference, never sent again").hasSize(1);
    } finally {
      release.countDown();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aBatchStoppedBySigtermGivesTheSameCommandInItsInterruptedObject() throws Exception {
    try (FakeToApisServer fake = FakeToApisServer.builder().unlimitedBalance().start()) {
      fake.inject(Endpoint.STATUS, Fault.stall(), 1_000); // the tasks run on when the stop comes
      Path jobs = Files.write(dir.resolve("jobs.jsonl"), List.of(job("a")));
      CliRun cli = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY)
          .env("VIDGEN_HOME", dir.resolve("home").toString());
      Path out = dir.resolve("out.json");
      Process process = cli.startProcess(out, dir.resolve("err.txt"), List.of("batch", jobs.toString(), "--base-url",
          fake.baseUrl(), "--json"));
      try {
        await().atMost(Duration.ofSeconds(60)).until(() -> fake.creates().size() == 1
            && fake.creates().get(0).taskId() != null);
        process.destroy(); // SIGTERM
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("ended after SIGTERM").isTrue();
      } finally {
        process.destroyForcibly();
      }

      assertThat(process.exitValue()).isEqualTo(143);
      Map<String, Object> json = (Map<String, Object>) JsonTrees.tryParse(Files.readString(out, StandardCharsets.UTF_8))
          .orElseThrow();
      assertThat(json).containsEntry("status", "interrupted");
      String same = (String) json.get("next_command");
      assertThat(same).as(json.toString()).startsWith("vidgen batch " + jobs)
          .contains("--journal " + dir.resolve("jobs.journal"), "--base-url " + fake.baseUrl())
          .doesNotContain(FakeToApisServer.DEFAULT_KEY);

      fake.clearFaults();
      CliRun.Result again = runPrinted(cli, same + " --poll-interval 20ms");

      assertThat(again.exitCode()).as(again.all()).isZero();
      assertThat(fake.creates()).as("the task made before the stop followed, not paid again").hasSize(1);
    }
  }
}
