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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A command's --timeout bounds the download of a finished task too (trial GX, F1): past it no download try and no
 * outage ride-out starts, and the video, paid for, is left to be saved later with its link kept.
 */
class DeadlineBoundsDownloadCommandTest {
  private static final String KEY = "sk-test" + "9".repeat(44);
  /** Far below the 10 min a download otherwise rides out of an unreachable host (or its 1,000 tries). */
  private static final Duration ENDS_BY = Duration.ofSeconds(15);

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();
  private final Path dir = cli.dir();
  private final FakeToApisServer fake = cli.fake();

  @Test
  @SuppressWarnings("unchecked")
  void generateWithATimeoutStopsRidingOutAnUnreachableVideoHostAtItsDeadlineAndSaysHowToSaveTheVideo() {
    fake.inject(Endpoint.FILE, Fault.dropBeforeProcessing(), 100_000); // the video host never answers

    long started = System.nanoTime();
    CliRun.Result timed = cli.vidgen().run(Stream.of("generate", "--json", "--image", "product.png", "--prompt",
        "slow push-in", "--out", "clip.mp4", "--base-url", fake.baseUrl(), "--poll-interval", "20ms",
        "--retry-delay", "1ms", "--timeout", "3s").toArray(String[]::new));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(timed.exitCode()).as(timed.all()).isEqualTo(ExitCodes.DEADLINE);
    assertThat(took).as("ended at its --timeout, not after riding out the outage").isLessThan(ENDS_BY);
    Map<String, Object> error = (Map<String, Object>) timed.json().get("error");
    String taskId = fake.taskIds().get(0);
    assertThat((String) error.get("message")).as(timed.all())
        .contains("task " + taskId, "completed and is paid for, but its video was not saved by the deadline");
    assertThat((String) error.get("next")).contains("save its video with: vidgen download " + taskId);
    assertThat((String) timed.json().get("next_command")).startsWith("vidgen download " + taskId)
        .contains("clip.mp4");
    assertThat(timed.all()).doesNotContain(KEY);
    assertThat(dir.resolve("clip.mp4")).doesNotExist();
    assertThat(fake.creates()).as("one create, paid once").hasSize(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aBatchTimeoutLeavesAVideoItsHostWillNotServeUnsavedWithItsLinkAndTheNextRunSavesIt() throws Exception {
    Path jobs = Files.write(dir.resolve("jobs.jsonl"), List.of(
        "{\"id\": \"a\", \"model\": \"seedance-2\", \"prompt\": \"a turns\", \"seconds\": 5}"));
    fake.inject(Endpoint.FILE, Fault.dropBeforeProcessing(), 100_000);

    long started = System.nanoTime();
    CliRun.Result timed = cli.vidgen().run("batch", jobs.toString(), "--base-url", fake.baseUrl(),
        "--poll-interval", "20ms", "--retry-delay", "1ms", "--timeout", "3s", "--json");
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(timed.exitCode()).as(timed.all()).isEqualTo(ExitCodes.DEADLINE);
    assertThat(took).as("ended at its --timeout, not after riding out the outage").isLessThan(ENDS_BY);
    Map<String, Object> error = (Map<String, Object>) timed.json().get("error");
    assertThat(error).containsEntry("code", "batch.timeout");
    assertThat((String) error.get("message")).as(timed.all())
        .contains("1 whose video is ready but was not saved by the deadline, its link kept in the journal");
    List<Map<String, Object>> left = (List<Map<String, Object>>) timed.json().get("jobs");
    assertThat(left).singleElement().satisfies(job -> {
      assertThat(job).containsEntry("state", "submitted");
      assertThat((String) job.get("reason")).contains("is ready but was not saved by the run's deadline",
          "run again to save it");
    });
    assertThat(timed.json()).as("completed, its video not saved").containsEntry("unsaved", 1.0);
    assertThat(timed.all()).doesNotContain(KEY);

    fake.clearFaults();
    CliRun.Result resumed = cli.vidgen().run("batch", jobs.toString(), "--base-url", fake.baseUrl(),
        "--poll-interval", "20ms", "--retry-delay", "1ms");

    assertThat(resumed.exitCode()).as(resumed.all()).isZero();
    assertThat(fake.creates()).as("the video saved from the kept task, nothing paid again").hasSize(1);
  }
}
