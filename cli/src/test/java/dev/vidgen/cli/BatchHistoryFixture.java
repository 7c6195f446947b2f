package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.fixtures.Images;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Batches and the task history they fill, against a fake ToAPIs: a {@link CliOnFakeToApis} on the fake's default key
 * whose working folder also holds {@code still.png}, runs given the fake's address, and jobs files each in a folder of
 * its own. Held in a {@code @RegisterExtension} field; all is removed after the test.
 */
final class BatchHistoryFixture implements AfterEachCallback {
  private final CliOnFakeToApis cli;

  private BatchHistoryFixture(CliOnFakeToApis cli) {
    this.cli = cli;
  }

  /** Makes the folders, writes the still (640 x 360) and starts the fake. */
  static BatchHistoryFixture start() {
    return start(UnaryOperator.identity());
  }

  /** As {@link #start()}, the fake started with {@code server} settings beyond its key (its clock, say). */
  static BatchHistoryFixture start(UnaryOperator<FakeToApisServer.Builder> server) {
    CliOnFakeToApis cli = CliOnFakeToApis.builder(FakeToApisServer.DEFAULT_KEY).server(server).start();
    try {
      Images.png(640, 360).writeTo(cli.dir().resolve("still.png"));
    } catch (RuntimeException | Error e) {
      cli.close();
      throw e;
    }
    return new BatchHistoryFixture(cli);
  }

  /** The fake every run is given. */
  FakeToApisServer fake() {
    return cli.fake();
  }

  /** The working folder of every run, holding {@code still.png}. */
  Path dir() {
    return cli.dir();
  }

  /** The vidgen home of every run, which holds the task history. */
  Path home() {
    return cli.home();
  }

  /** Runs vidgen with {@code args} and then {@code --base-url} of the fake. */
  CliRun.Result run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--base-url", fake().baseUrl()));
    return cli.vidgen().run(all.toArray(String[]::new));
  }

  /** The task {@code taskId} as {@code history --json} lists it; the test fails where it is not listed. */
  @SuppressWarnings("unchecked")
  Map<String, Object> historyOf(String taskId) {
    List<?> tasks = (List<?>) run("history", "--json").json().get("tasks");
    return tasks.stream().map(task -> (Map<String, Object>) task).filter(task -> taskId.equals(task.get("task_id")))
        .findFirst().orElseThrow(() -> new AssertionError(taskId + " is not in the history: " + tasks));
  }

  /** {@code folder/jobs.jsonl} holding {@code lines}, a copy of the still beside it. */
  Path jobs(String folder, String... lines) {
    Path jobs = dir().resolve(folder).resolve("jobs.jsonl");
    try {
      Files.createDirectories(jobs.getParent());
      Files.copy(dir().resolve("still.png"), jobs.resolveSibling("still.png"));
      Files.write(jobs, List.of(lines));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + jobs, e);
    }
    return jobs;
  }

  /** Runs {@code vidgen batch jobs --poll-interval 20ms} and then {@code more}, which must end with exit 0. */
  CliRun.Result batchDone(Path jobs, String... more) {
    List<String> args = new ArrayList<>(List.of("batch", jobs.toString(), "--poll-interval", "20ms"));
    args.addAll(List.of(more));
    CliRun.Result batch = run(args.toArray(String[]::new));
    assertThat(batch.exitCode()).as(batch.all()).isZero();
    return batch;
  }

  /** Runs the batch of {@code jobs} with its first create dropped after it made the task, so that it ends unknown. */
  void leftUnknown(Path jobs) {
    fake().inject(Endpoint.CREATE, Fault.dropAfterProcessing(), 1); // the task is made and billed; no answer comes
    CliRun.Result batch = run("batch", jobs.toString(), "--poll-interval", "20ms", "--retry-delay", "1ms");
    assertThat(batch.exitCode()).as(batch.all()).isEqualTo(ExitCodes.UNKNOWN_OUTCOME);
  }

  /**
   * Runs the batch of {@code jobs} as a dry run, then for real with {@code --json}: both end with exit 0 and say
   * {@code said} once, the real run adding that it pays again; the real run's {@code history_takes}.
   */
  @SuppressWarnings("unchecked")
  List<Map<String, Object>> warnedTwiceOf(Path jobs, String said) {
    CliRun.Result dry = run("batch", jobs.toString(), "--dry-run");
    CliRun.Result again = run("batch", jobs.toString(), "--poll-interval", "20ms", "--json");

    assertThat(dry.exitCode()).as(dry.all()).isZero();
    assertThat(dry.err()).containsOnlyOnce(said);
    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(again.err()).containsOnlyOnce(said).contains("does not hold it back: it sends it and pays for it again");
    return (List<Map<String, Object>>) again.json().get("history_takes");
  }

  @Override
  public void afterEach(ExtensionContext context) {
    cli.close();
  }
}
