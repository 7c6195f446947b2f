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
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A create that got no answer leaves a script a way on (trial HD): the same job run again gives the look-up by client
 * reference that its words name as {@code next_command} (F1), and {@code --timeout} bounds a create that hangs, which
 * is given at most 30 s past it and then left unknown, exit 7, never sent again (F3).
 */
class UnansweredCreateWayOnTest {
  private static final String KEY = "sk-test" + "7".repeat(44);
  /** The deadline, its 30 s grace and a JVM's start, far below the create's own 2 min call timeout. */
  private static final Duration ENDS_BY = Duration.ofSeconds(60);

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();
  private final FakeToApisServer fake = cli.fake();

  private CliRun.Result vidgen(String... args) {
    String[] all = Stream.concat(Stream.of(args), Stream.of("--base-url", fake.baseUrl())).toArray(String[]::new);
    return cli.vidgen().run(all);
  }

  /**
   * seedance-2 (which takes a client reference) at 40 credits for 5 s, with a routes file that prices it; its
   * --max-credits leaves no room for a create sent again after a look-up that found nothing.
   */
  private CliRun.Result seedance(String... more) throws Exception {
    Path routes = Files.writeString(cli.dir().resolve("routes.json"),
        "{\"patch\": {\"seedance-2\": {\"price\": {\"per_second_usd\": \"0.04\"}}}}");
    return vidgen(Stream.concat(Stream.of("generate", "--model", "seedance-2", "--prompt", "a kite turns", "--seconds",
        "5", "--max-credits", "40", "--routes", routes.toString(), "--out", "kite.mp4", "--poll-interval", "20ms", "--retry-delay", "1ms",
        "--json"), Stream.of(more)).toArray(String[]::new));
  }

  /** Runs a command as vidgen printed it (its first word, vidgen, left out), as a script would run it. */
  private CliRun.Result runPrinted(String command) {
    List<String> words = ShellWords.split(command);
    assertThat(words.get(0)).isEqualTo("vidgen");
    return cli.vidgen().run(words.subList(1, words.size()).toArray(String[]::new));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theSameJobAfterAnUnansweredCreateGivesItsLookUpAsTheNextCommand() throws Exception {
    fake.inject(Endpoint.CREATE, Fault.dropBeforeProcessing(), 1); // read and dropped: no answer ever comes
    CliRun.Result lost = seedance();
    assertThat(lost.exitCode()).as(lost.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);

    CliRun.Result again = seedance();

    assertThat(again.exitCode()).as(again.all()).isEqualTo(ExitCodes.OTHER);
    Map<String, Object> error = (Map<String, Object>) again.json().get("error");
    assertThat(error).containsEntry("kind", "same_job");
    String lookUp = (String) again.json().get("next_command");
    assertThat(lookUp).as(again.all()).startsWith("vidgen status unanswered-vg-")
        .contains("--base-url " + fake.baseUrl()).doesNotContain(KEY);
    assertThat((String) error.get("next")).as("the command its words name, alone")
        .contains("look it up with " + lookUp + " (by its client reference)");

    CliRun.Result looked = runPrinted(lookUp);

    assertThat(looked.exitCode()).as("it runs as it is: " + looked.all()).isNotEqualTo(ExitCodes.INVALID_JOB);
    assertThat(looked.all()).contains("unanswered-vg-");
    assertThat(fake.creates()).as("nothing sent again").hasSize(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCreateStillUnansweredPastTheTimeoutAndItsGraceEndsWithExit7AndItsLookUp() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    fake.inject(Endpoint.CREATE, Fault.answerHeldUntil(release, Duration.ofMinutes(4))); // made, its answer held
    try {
      long started = System.nanoTime();
      CliRun.Result timed = seedance("--timeout", "2s");
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(timed.exitCode()).as(timed.all()).isEqualTo(ExitCodes.DEADLINE);
      assertThat(took).as("the create is given 30 s past --timeout, not its 2 min call timeout").isLessThan(ENDS_BY);
      Map<String, Object> error = (Map<String, Object>) timed.json().get("error");
      assertThat(error).containsEntry("kind", "deadline_exceeded");
      assertThat((String) error.get("message")).contains("had no answer by the --timeout of 2 s and 30 s more",
          "a task may exist and be billed");
      assertThat(timed.json()).containsEntry("task_id", null).containsEntry("status", "unknown");
      String lookUp = (String) timed.json().get("next_command");
      assertThat(lookUp).as(timed.all())
          .startsWith("vidgen status " + timed.json().get("unanswered") + " --base-url " + fake.baseUrl());
      assertThat((String) error.get("next")).contains("look it up with " + lookUp);
      assertThat(timed.all()).doesNotContain(KEY);

      CliRun.Result same = seedance();
      assertThat(same.exitCode()).as("the same job is not paid again: " + same.all()).isEqualTo(ExitCodes.OTHER);
      assertThat(same.json()).containsEntry("next_command", lookUp);

      CliRun.Result looked = runPrinted(lookUp);
      assertThat(looked.exitCode()).as(looked.all()).isZero();
      assertThat(looked.all()).as("found by its client reference").contains(fake.taskIds().get(0));
      assertThat(fake.creates()).as("one create, never sent again").hasSize(1);
    } finally {
      release.countDown();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCreateWithoutAClientReferenceStillUnansweredPastTheTimeoutSaysWhereToLook() {
    CountDownLatch release = new CountDownLatch(1);
    fake.inject(Endpoint.CREATE, Fault.answerHeldUntil(release, Duration.ofMinutes(4)));
    try {
      long started = System.nanoTime();
      CliRun.Result timed = vidgen("generate", "--image", "product.png", "--prompt", "slow push-in", "--out",
          "clip.mp4", "--poll-interval", "20ms", "--retry-delay", "1ms", "--timeout", "2s", "--json");
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(timed.exitCode()).as(timed.all()).isEqualTo(ExitCodes.DEADLINE);
      assertThat(took).isLessThan(ENDS_BY);
      Map<String, Object> error = (Map<String, Object>) timed.json().get("error");
      assertThat((String) error.get("next")).as("what the user can do, as after a SIGTERM")
          .contains("check the provider's dashboard before you send it again", "vidgen wait TASK_ID --made-by "
              + timed.json().get("unanswered"));
      assertThat(timed.json()).as("a placeholder is no command to run as it is").containsEntry("next_command", null)
          .containsEntry("client_reference", null);
      assertThat(fake.creates()).as("never sent again").hasSize(1);
    } finally {
      release.countDown();
    }
  }
}
