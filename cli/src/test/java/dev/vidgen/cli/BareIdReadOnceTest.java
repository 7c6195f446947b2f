package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code status}, {@code download} and {@code wait} of a task id the history does not know, while the history has a
 * create that got no answer: the note naming that create uses the command's own read, so each read goes out once
 * (the counts in the messages are what the server got), and {@code --verbose} shows every status read.
 */
class BareIdReadOnceTest {
  private static final String KEY = "sk-test" + "8".repeat(44);

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();
  private final Path home = cli.home();
  private final FakeToApisServer fake = cli.fake();
  private String note;
  private String taskId;

  /** A create the fake made a task of but whose answer was lost: the history has its note, not the task. */
  @BeforeEach
  void anUnansweredCreate() {
    fake.inject(Endpoint.CREATE, Fault.dropAfterProcessing());
    CliRun.Result unanswered = run("generate", "--image", "product.png", "--prompt", "slow push-in", "--no-wait");
    assertThat(unanswered.exitCode()).as(unanswered.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    fake.clearFaults();
    Matcher named = Pattern.compile("unanswered-noref-vg-[0-9a-f-]+").matcher(run("history").out());
    assertThat(named.find()).isTrue();
    note = named.group();
    taskId = fake.taskIds().get(0);
  }

  private CliRun.Result run(String... args) {
    String[] all = Stream.concat(Stream.of(args),
        Stream.of("--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--retry-delay", "1ms"))
        .toArray(String[]::new);
    return cli.withoutHome().env("VIDGEN_HOME", home.toString()).run(all);
  }

  private int reads() {
    return (int) fake.requests(Endpoint.STATUS).stream().filter(request -> request.path().endsWith("/" + taskId))
        .count();
  }

  @Test
  void aStatusRateLimitedIsReadOnceAsItsMessageSays() {
    fake.inject(Endpoint.STATUS, Fault.rateLimited(Duration.ofSeconds(90)), 10);

    CliRun.Result status = run("status", taskId);

    assertThat(status.exitCode()).as(status.all()).isEqualTo(ExitCodes.RATE_LIMITED);
    assertThat(status.err()).contains("rate limited at the first try, which vidgen did not retry");
    assertThat(reads()).as("one read, none sent inside the 90 s the server asked for").isEqualTo(1);
    assertThat(status.err()).as("the note still names the open create").contains(taskId + " is not in the task"
        + " history, which has 1 create on toapis that got no answer: " + note);
  }

  @Test
  void aDownloadRateLimitedIsReadOnce() {
    fake.inject(Endpoint.STATUS, Fault.rateLimited(Duration.ofSeconds(90)), 10);

    CliRun.Result download = run("download", taskId, "--out", "v.mp4");

    assertThat(download.exitCode()).as(download.all()).isEqualTo(ExitCodes.RATE_LIMITED);
    assertThat(reads()).isEqualTo(1);
  }

  @Test
  void aStatusUnderServerErrorsRunsItsRetriesOnceAsItsMessageCounts() {
    fake.inject(Endpoint.STATUS, Fault.serverError(), 100);

    CliRun.Result status = run("status", taskId);

    assertThat(status.exitCode()).as(status.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    assertThat(status.err()).contains("still failing after 4 tries");
    assertThat(reads()).as("the tries the message counts, and no more").isEqualTo(4);
  }

  @Test
  void aStatusReadIsShownByVerboseAndSentOnce() {
    CliRun.Result status = run("status", taskId, "--verbose");

    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(reads()).isEqualTo(1);
    assertThat(status.err()).containsPattern("status of " + taskId + ": [a-z_]+( \\d+%)? \\(status read answered at"
        + " \\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\\)").doesNotContain(KEY);
    assertThat(status.err()).contains("which has 1 create on toapis that got no answer: " + note);
  }

  @Test
  void aWaitShowsEachOfItsReadsAndSendsNoneForTheNote() {
    CliRun.Result waited = run("wait", taskId, "--out", "w.mp4", "--verbose");

    assertThat(waited.exitCode()).as(waited.all()).isZero();
    long shown = waited.err().lines().filter(line -> line.contains("status of " + taskId + ": ")
        && line.contains("(status read answered at ")).count();
    assertThat(shown).as("one line per read the server got").isEqualTo(reads()).isPositive();
    assertThat(waited.err()).containsPattern("status of " + taskId + ": completed( 100%)? \\(status read answered at ")
        .contains("which has 1 create on toapis that got no answer: " + note).doesNotContain(KEY);
  }
}
