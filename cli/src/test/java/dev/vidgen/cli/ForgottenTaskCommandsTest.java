package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Coming back to tasks days later: a task the provider has let go (HTTP 404) whose video is saved, one
 * whose video was never saved, a link a download found expired, a server that cannot be reached, and the history's
 * sums once the first take of a create sent again is claimed.
 */
class ForgottenTaskCommandsTest {
  private static final String KEY = "sk-test" + "6".repeat(44);

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();
  private final Path dir = cli.dir();
  private final Path home = cli.home();
  private FakeToApisServer fake = cli.fake();

  private CliRun.Result vidgen(String... args) {
    return on(fake.baseUrl(), args);
  }

  private CliRun.Result on(String baseUrl, String... args) {
    String[] all = Stream.concat(Stream.of(args),
        Stream.of("--base-url", baseUrl, "--poll-interval", "20ms", "--retry-delay", "1ms")).toArray(String[]::new);
    CliRun.Result result = cli.vidgen().run(all);
    assertThat(result.all()).as("the key is never printed").doesNotContain(KEY).doesNotContain(KEY.substring(3));
    return result;
  }

  /** A task made and its video saved here, named after the task. */
  private String savedTask() {
    CliRun.Result made = vidgen("generate", "--json", "--image", "product.png", "--prompt", "slow push-in");
    assertThat(made.exitCode()).as(made.all()).isZero();
    String taskId = (String) made.json().get("task_id");
    assertThat(dir.resolve(taskId + ".mp4")).isNotEmptyFile();
    return taskId;
  }

  @Test
  void aSavedVideoOfATaskTheProviderNoLongerKeepsIsSaidSavedAndWaitAndDownloadEndWithExitZero() {
    String taskId = savedTask();
    fake.inject(Endpoint.STATUS, Fault.status(404), 10_000); // days later: the provider has let the task go

    CliRun.Result download = vidgen("download", taskId);
    int readsBefore = fake.requests(Endpoint.STATUS).size();
    CliRun.Result waited = vidgen("wait", taskId, "--timeout", "5s");
    int readsOfWait = fake.requests(Endpoint.STATUS).size() - readsBefore;
    CliRun.Result status = vidgen("status", taskId);

    Path file = dir.resolve(taskId + ".mp4").toAbsolutePath();
    for (CliRun.Result nothingToDo : List.of(download, waited)) {
      assertThat(nothingToDo.exitCode()).as(nothingToDo.all()).isZero();
      assertThat(nothingToDo.err()).contains("the provider no longer keeps task " + taskId + " (made moments ago;"
          + " results are kept 24 hours)", "its video is already saved at " + file, "nothing was downloaded")
          .doesNotContain("check the task id");
    }
    assertThat(readsOfWait).as("read once, not read again for a minute").isEqualTo(1);
    assertThat(fake.requests(Endpoint.FILE)).as("downloaded by generate only").hasSize(1);
    assertThat(status.exitCode()).as("a not-found, as documented: " + status.all()).isEqualTo(5);
    assertThat(status.err()).contains("the provider no longer keeps task " + taskId,
        "its video is saved at " + file, "nothing is left to do").doesNotContain("check the task id");
  }

  @Test
  void aTaskRecordedDaysAgoAndNeverSavedIsSaidGoneWithItsVideoLostAndTheHistoryExplainsTheRow() throws IOException {
    CliRun.Result made = vidgen("generate", "--json", "--no-wait", "--image", "product.png", "--prompt", "p");
    String taskId = (String) made.json().get("task_id");
    ageHistory(Duration.ofDays(9));
    fake.inject(Endpoint.STATUS, Fault.status(404), 10_000);

    CliRun.Result status = vidgen("status", taskId);
    CliRun.Result download = vidgen("download", taskId);
    CliRun.Result history = vidgen("history");

    assertThat(status.exitCode()).as(status.all()).isEqualTo(5);
    assertThat(download.exitCode()).as(download.all()).isEqualTo(5);
    assertThat(download.err()).contains("its video was never saved and is lost: generate it again");
    assertThat(status.err()).contains("the provider no longer keeps task " + taskId + " (made 9 days ago; results are"
        + " kept 24 hours); its video was never saved and is lost: generate it again (vidgen history --json shows its"
        + " settings)").doesNotContain("check the task id");
    assertThat(history.out()).as(history.all()).contains("not_found")
        .contains("A not_found row is a task the provider no longer knows");
  }

  @Test
  void waitOfATaskRecordedDaysAgoAndNeverSavedBelievesTheFirstNotFoundAndSaysItIsLost() throws IOException {
    CliRun.Result made = vidgen("generate", "--json", "--no-wait", "--image", "product.png", "--prompt", "p");
    String taskId = (String) made.json().get("task_id");
    ageHistory(Duration.ofDays(9));
    fake.inject(Endpoint.STATUS, Fault.status(404), 10_000);
    int readsBefore = fake.requests(Endpoint.STATUS).size();

    CliRun.Result waited = vidgen("wait", taskId);

    assertThat(fake.requests(Endpoint.STATUS).size() - readsBefore)
        .as("older than the provider keeps results: one read, no grace for a task made moments ago").isEqualTo(1);
    assertThat(waited.exitCode()).as(waited.all()).isEqualTo(5);
    assertThat(waited.err()).contains("the provider no longer keeps task " + taskId + " (made 9 days ago; results are"
        + " kept 24 hours); its video was never saved and is lost: generate it again")
        .doesNotContain("check the task id").doesNotContain("read again a few times");
  }

  @Test
  @SuppressWarnings("unchecked")
  void afterADownloadFoundTheLinkExpiredStatusSaysSoAndNamesWhereTheSettingsShow() {
    java.time.Clock twoDaysAgo = java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofDays(-2));
    fake = cli.restartFake(settings -> settings.clock(twoDaysAgo));
    CliRun.Result made = vidgen("generate", "--json", "--no-wait", "--image", "product.png", "--prompt", "p");
    String taskId = (String) made.json().get("task_id");
    CliRun.Result read = vidgen("status", taskId);
    for (int reads = 1; reads < 5 && !read.out().contains("completed"); reads++) {
      read = vidgen("status", taskId);
    }
    fake.inject(Endpoint.FILE, Fault.status(404)); // the file host has let it go

    CliRun.Result download = vidgen("download", taskId);
    CliRun.Result status = vidgen("status", taskId);
    CliRun.Result json = vidgen("status", taskId, "--json");

    assertThat(download.exitCode()).as(download.all()).isEqualTo(1);
    assertThat(download.err()).contains("results are kept 24 hours; vidgen history --json shows its settings");
    assertThat(download.err().split("generate it again", -1)).as("said once: " + download.err()).hasSize(2);
    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.out()).contains("before the video was saved (a download found it so, as the task history says):"
        + " it cannot be saved any more; generate it again (vidgen history --json shows its settings)")
        .doesNotContain("tries it once");
    assertThat(json.json()).as(json.all()).containsEntry("result", "expired").containsKey("result_expired_at");
    assertThat(fake.requests(Endpoint.FILE)).as("tried once, never again").hasSize(1);
  }

  @Test
  void aConnectionFailureOnATaskWhoseVideoIsSavedSaysWhereItIsRatherThanOfferingADownloadThere() throws IOException {
    String taskId = savedTask();
    String unreachable;
    try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      unreachable = "http://127.0.0.1:" + closed.getLocalPort();
    }

    CliRun.Result status = on(unreachable, "status", taskId, "--timeout", "5s");

    assertThat(status.exitCode()).as(status.all()).isNotZero();
    assertThat(status.err()).as(status.all()).contains("no connection could be made to")
        .contains("its video is saved at " + dir.resolve(taskId + ".mp4").toAbsolutePath())
        .doesNotContain("vidgen download");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aClaimedFirstTakeOfACreateSentAgainIsCountedOnceInTheJsonSums() {
    fake.inject(Endpoint.CREATE, Fault.answer(500, "application/json",
        "{\"error\":{\"code\":\"internal_error\",\"message\":\"upstream hiccup\"}}").afterProcessing(), 1);
    CliRun.Result made = vidgen("generate", "--json", "--no-wait", "--image", "product.png", "--prompt", "p");
    assertThat(made.exitCode()).as(made.all()).isZero();
    String resent = (String) made.json().get("task_id");
    String hidden = fake.taskIds().stream().filter(id -> !id.equals(resent)).findFirst().orElseThrow();
    List<Map<String, Object>> before = (List<Map<String, Object>>) vidgen("history", "--json").json().get("tasks");
    String note = (String) before.stream().filter(task -> "unknown".equals(task.get("status"))).findFirst()
        .orElseThrow().get("task_id");

    CliRun.Result claimed = vidgen("wait", hidden, "--made-by", note);
    List<Map<String, Object>> tasks = (List<Map<String, Object>>) vidgen("history", "--json", "--limit", "0").json()
        .get("tasks");
    CliRun.Result table = vidgen("history");

    assertThat(claimed.exitCode()).as(claimed.all()).isZero();
    assertThat(fake.creates()).as("two tasks made, 40 credits").hasSize(2);
    BigDecimal sum = tasks.stream().map(task -> task.get("credits")).filter(credits -> credits != null)
        .map(credits -> new BigDecimal(credits.toString())).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal possible = tasks.stream().map(task -> task.get("possible_extra_credits")).filter(c -> c != null)
        .map(credits -> new BigDecimal(credits.toString())).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(sum).as("each task's price once: " + tasks).isEqualByComparingTo("40");
    assertThat(possible).as("the earlier take has its own row now: " + tasks).isEqualByComparingTo("0");
    Map<String, Object> found = tasks.stream().filter(task -> note.equals(task.get("task_id"))).findFirst().orElseThrow();
    assertThat(found).containsEntry("status", "found").containsEntry("counted_on", hidden);
    Map<String, Object> task = tasks.stream().filter(t -> resent.equals(t.get("task_id"))).findFirst().orElseThrow();
    assertThat(task).doesNotContainKey("possible_extra_tasks");
    assertThat(table.out()).as(table.all()).doesNotContain("earlier take may be a paid task");
  }

  /** The history as if its tasks were made {@code age} ago (the operator comes back days later). */
  private void ageHistory(Duration age) throws IOException {
    AgedHistory.age(home, age);
  }
}
