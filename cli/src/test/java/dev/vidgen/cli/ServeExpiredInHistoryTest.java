package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vidgen.core.json.JsonTrees;
import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.TaskHistory;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import dev.vidgen.testkit.toapis.Lifecycle;
import dev.vidgen.testkit.toapis.TaskScript;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A task the playground made whose video's link expired before it could be saved, against a fake ToAPIs whose clock is
 * two days behind (so its links are past their expiry) and whose file host has let the video go: the history keeps it
 * as generate and batch do, so {@code vidgen history} and {@code vidgen status} mark it expired and offer no download,
 * also after a restart of the playground tried its link again.
 */
class ServeExpiredInHistoryTest {
  private static final Clock TWO_DAYS_AGO = Clock.offset(Clock.systemUTC(), Duration.ofDays(-2));
  private static final Pattern URL = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/)");
  /** The playground's token, given as a script gives it. */
  private static final String TOKEN = "serve-expired-in-history-0123456789";

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(FakeToApisServer.DEFAULT_KEY)
      .server(settings -> settings.clock(TWO_DAYS_AGO)).start();
  private final FakeToApisServer fake = cli.fake();

  @Test
  @Timeout(180)
  void aPlaygroundTaskWhoseLinkExpiredIsMarkedExpiredByHistoryAndStatusNotOfferedForDownload() throws Exception {
    fake.inject(Endpoint.FILE, Fault.status(404), 50); // the file host has let it go
    fake.nextTask(TaskScript.completes().taking(Lifecycle.byPolls(0, 1)));
    String job = "{\"model\":\"seedance-2\",\"prompt\":\"expire one\",\"seconds\":5}";
    serving(url -> {
      HttpResponse<String> made = post(url + "api/generate", job);
      assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    });
    String taskId = fake.taskIds().get(0);
    Map<String, Object> row = historyOf(taskId);
    CliRun.Result text = run("history");

    assertThat(row).as("completed, as generate and batch record it").containsEntry("status", "completed")
        .containsEntry("file", null).containsEntry("source", "serve").containsEntry("result", "expired")
        .containsEntry("next", null);
    String expiredAt = (String) row.get("result_expired_at");
    assertThat(Instant.parse(expiredAt)).as("the link's expiry, to the second").isBefore(Instant.now());
    assertThat(text.out()).as(text.all()).contains(taskId, "- (result expired " + expiredAt + ")",
            "A result expired before its video was saved can no longer be saved: generate the job again.")
        .doesNotContain("(not saved)", "save it with", "vidgen download");

    CliRun.Result status = run("status", taskId, "--json");

    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.json()).as(status.all()).containsEntry("result", "expired")
        .containsEntry("result_expired_at", expiredAt);
    assertThat((String) status.json().get("next")).contains("it cannot be saved any more; generate it again")
        .doesNotContain("vidgen download");

    // Started again within the day, the playground tries the link once more: the history still marks it expired.
    int polls = fake.pollsOf(taskId);
    Instant updated = latest(taskId).orElseThrow().updatedAt();
    // Until its read answers, its card is what the history says of it.
    fake.inject(Endpoint.STATUS, Fault.slow(Duration.ofSeconds(2)), 100);
    AtomicReference<Map<String, Object>> card = new AtomicReference<>();
    serving(url -> {
      card.set(cardOf(url, taskId));
      await().atMost(Duration.ofSeconds(60)).until(() -> fake.pollsOf(taskId) > polls
          && latest(taskId).filter(entry -> entry.updatedAt().isAfter(updated)).isPresent());
    });

    assertThat((String) card.get().get("problem")).as("the page's card: %s", card).contains("expired");
    assertThat((String) card.get().get("next")).as("the page's card: %s", card).contains("generate it again")
        .doesNotContain("vidgen download");
    assertThat(historyOf(taskId)).containsEntry("result", "expired").containsEntry("next", null);
    assertThat(run("history").out()).contains("- (result expired ").doesNotContain("(not saved)", "save it with");
  }

  /** Runs {@code vidgen serve} on the fake while {@code use} gets its address, then stops it. */
  private void serving(ThrowingConsumer use) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context = new CliContext(Map.of("VIDGEN_HOME", cli.home().toString(),
        "TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY, "TOAPIS_BASE_URL", fake.baseUrl(),
        "VIDGEN_PLAYGROUND_TOKEN", TOKEN),
        new PrintWriter(out, true), new PrintWriter(err, true), () -> false, cli.dir());
    AtomicInteger exit = new AtomicInteger(-1);
    Thread server = new Thread(() -> exit.set(Main.run(context, "serve", "--port", "0")), "vidgen-serve-under-test");
    server.start();
    try {
      String url = await().atMost(Duration.ofSeconds(30)).until(() -> urlIn(out.toString()), found -> found != null);
      use.accept(url);
      // Followed to its end: its video's link found expired, and the history written.
      await().atMost(Duration.ofSeconds(60)).until(() -> !fake.taskIds().isEmpty()
          && latest(fake.taskIds().get(0)).filter(entry -> entry.status().equals("completed")).isPresent());
    } finally {
      server.interrupt();
      server.join(20_000);
    }
    assertThat(exit.get()).as(err.toString()).isZero();
  }

  /** The task as the history has it now, if it has it. */
  private Optional<HistoryEntry> latest(String taskId) {
    return TaskHistory.in(cli.home()).find("toapis", taskId);
  }

  private CliRun.Result run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--base-url", fake.baseUrl()));
    return cli.vidgen().run(all.toArray(String[]::new));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> historyOf(String taskId) {
    List<?> tasks = (List<?>) run("history", "--json").json().get("tasks");
    return tasks.stream().map(task -> (Map<String, Object>) task).filter(task -> taskId.equals(task.get("task_id")))
        .findFirst().orElseThrow(() -> new AssertionError(taskId + " is not in the history: " + tasks));
  }

  /** Task {@code taskId}'s card, as the playground at {@code url} lists it in its history. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> cardOf(String url, String taskId) throws Exception {
    HttpResponse<String> read = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "api/history"))
        .header(PrintedToken.HEADER, TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
    List<?> tasks = (List<?>) JsonTrees.tryParseObject(read.body()).orElseThrow().get("tasks");
    return tasks.stream().map(task -> (Map<String, Object>) task).filter(task -> taskId.equals(task.get("task_id")))
        .findFirst().orElseThrow(() -> new AssertionError(taskId + " has no card: " + read.body()));
  }

  private static HttpResponse<String> post(String url, String body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json").header(PrintedToken.HEADER, TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String urlIn(String text) {
    Matcher match = URL.matcher(text);
    return match.find() ? match.group(1) : null;
  }

  /** What is done with the playground's address while it runs. */
  private interface ThrowingConsumer {
    void accept(String url) throws Exception;
  }
}
