package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code vidgen history} after a create answered with a server error and sent again blindly: the first take, which may
 * be a paid task, stays in sight and is priced once, on the row of the task the take sent again made.
 */
class ResentTakeHistoryTest {
  private static final String KEY = "sk-test" + "8".repeat(44);

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();
  private final FakeToApisServer fake = cli.fake();

  private CliRun.Result vidgen(String... args) {
    CliRun.Result result = cli.vidgen().run(args);
    assertThat(result.all()).as("the key is never printed").doesNotContain(KEY).doesNotContain(KEY.substring(3));
    return result;
  }

  @Test
  @SuppressWarnings("unchecked")
  void theFirstTakeOfACreateSentAgainIsPricedOnceOnItsTasksRowAndItsOwnRowSaysSo() {
    fake.inject(Endpoint.CREATE, Fault.answer(500, "application/json",
        "{\"error\":{\"code\":\"internal_error\",\"message\":\"upstream hiccup\"}}"), 1);
    CliRun.Result made = vidgen("generate", "--json", "--no-wait", "--image", "product.png", "--prompt", "p",
        "--base-url", fake.baseUrl(), "--retry-delay", "1ms");
    assertThat(made.exitCode()).as(made.all()).isZero();
    String taskId = (String) made.json().get("task_id");

    CliRun.Result table = vidgen("history");
    List<String> rows = table.out().lines().filter(line -> line.contains("grok-video")).toList();
    assertThat(rows).as(table.all()).hasSize(2);
    String taskRow = rows.stream().filter(row -> row.startsWith(taskId)).findFirst().orElseThrow();
    String takeRow = rows.stream().filter(row -> row.startsWith("unanswered-")).findFirst().orElseThrow();
    assertThat(taskRow).as("the task and its create's first take, once").contains("20 credits ($0.10)",
        "+1 earlier take may be a paid task");
    assertThat(takeRow).as("the first take stays in sight, but its price is not said a second time")
        .contains("unknown", "counted on task " + taskId + "'s row").doesNotContain("20 credits");
    assertThat(table.out()).contains("is counted once, as the \"+1 earlier take\" of its task's row");

    List<Map<String, Object>> tasks = (List<Map<String, Object>>) vidgen("history", "--json").json().get("tasks");
    Map<String, Object> task = tasks.stream().filter(t -> taskId.equals(t.get("task_id"))).findFirst().orElseThrow();
    Map<String, Object> take = tasks.stream().filter(t -> "unknown".equals(t.get("status"))).findFirst().orElseThrow();
    assertThat(task).containsEntry("possible_extra_tasks", 1.0).containsEntry("possible_extra_credits", 20.0);
    assertThat(take).as("kept, and named as counted on the task's row, as the playground's JSON does")
        .containsEntry("counted_on", taskId).containsEntry("charge", "unknown")
        .containsEntry("credits", null).containsEntry("usd", null);
    double credits = tasks.stream().mapToDouble(t -> t.get("credits") instanceof Number n ? n.doubleValue() : 0).sum()
        + tasks.stream().mapToDouble(t -> t.get("possible_extra_credits") instanceof Number n ? n.doubleValue() : 0)
            .sum();
    assertThat(credits).as("the task and its first take, each counted once: " + tasks).isEqualTo(40.0);
  }
}
