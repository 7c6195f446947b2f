package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import dev.vidgen.testkit.toapis.Lifecycle;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How long a task ran, as {@code generate} says it and the history keeps it ({@code took_s}), comes from the
 * provider's own times ({@code created_at}, {@code completed_at}) when its answer gives them: a wait that saw the end
 * late (here a status answer held 4 s; a laptop's sleep alike) does not count its own lateness as the task's run.
 */
class TookFromProviderTimesTest {
  private static final String KEY = "sk-test" + "6".repeat(44);

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY)
      .server(settings -> settings.lifecycle(Lifecycle.byTime(Duration.ZERO, Duration.ofSeconds(1)))).start();
  private final FakeToApisServer fake = cli.fake();

  @Test
  void aTaskSeenEndedLateIsRecordedAsRunningAsLongAsTheProviderSays() {
    // The first status read finds the task running and answers 4 s later; the task completed 1 s after its creation.
    fake.inject(Endpoint.STATUS, Fault.slow(Duration.ofSeconds(4)));

    CliRun.Result made = vidgen("generate", "--image", "product.png", "--prompt", "late look", "--out", "late.mp4",
        "--json");

    assertThat(made.exitCode()).as(made.all()).isZero();
    assertThat(made.err()).as("not the 0:04 this machine waited").contains(" completed after 0:01")
        .doesNotContain(" completed after 0:04");
    Map<String, Object> line = historyOf((String) made.json().get("task_id"));
    assertThat(line).containsEntry("status", "completed");
    assertThat(((Number) line.get("took_s")).doubleValue()).as("completed_at less created_at: %s", line)
        .isEqualTo(1.0);
  }

  private CliRun.Result vidgen(String... args) {
    String[] all = Stream.concat(Stream.of(args),
        Stream.of("--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--retry-delay", "1ms"))
        .toArray(String[]::new);
    CliRun.Result result = cli.vidgen().run(all);
    assertThat(result.all()).as("the key is never printed").doesNotContain(KEY).doesNotContain(KEY.substring(3));
    return result;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> historyOf(String taskId) {
    List<?> tasks = (List<?>) vidgen("history", "--json").json().get("tasks");
    return tasks.stream().map(task -> (Map<String, Object>) task).filter(task -> taskId.equals(task.get("task_id")))
        .findFirst().orElseThrow(() -> new AssertionError(taskId + " is not in the history: " + tasks));
  }
}
