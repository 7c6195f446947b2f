package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vidgen.testkit.fixtures.Images;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vidgen history} after real {@code generate} runs, and {@code vidgen serve} started and stopped as people do. */
class HistoryAndServeCommandsTest {
  private static final Pattern URL = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/)");
  /** A playground's token as a script gives it (VIDGEN_PLAYGROUND_TOKEN). */
  private static final String TOKEN = "history-and-serve-commands-0123456789";

  @TempDir Path dir;
  @TempDir Path home;

  @BeforeEach
  void writeImage() {
    Images.png(640, 360).writeTo(dir.resolve("product.png"));
  }

  private CliRun cli() {
    return CliRun.in(dir).env("VIDGEN_HOME", home.toString());
  }

  @Test
  void aTaskIdOfThousandsOfCharactersIsCutInTheTableAndWholeInJson() {
    String longId = "video_" + "x".repeat(5000);
    dev.vidgen.serve.history.TaskHistory.in(home).record(dev.vidgen.serve.history.HistoryEntry.submitted(
        new dev.vidgen.core.client.JobHandle("mock", dev.vidgen.core.domain.TaskId.of(longId), "grok-video-1.5-preview",
            dev.vidgen.core.pricing.PriceQuote.unknown("grok-video-1.5-preview", "test"), java.time.Instant.now(), null),
        dev.vidgen.core.domain.VideoJob.builder("grok-video-1.5-preview").prompt("p").build(), "generate"));

    CliRun.Result table = cli().run("history");
    CliRun.Result json = cli().run("history", "--json");

    assertThat(table.out().lines()).as(table.all()).allSatisfy(line -> assertThat(line.length()).isLessThan(300));
    assertThat(table.out()).contains("video_" + "x".repeat(73) + "…");
    assertThat(json.out()).contains(longId);
  }

  @Test
  void aRowOlderThanTwoDaysShowsWhenToTheMinuteAsTheNewerRowsDo() {
    java.time.Instant threeDaysAgo = java.time.Instant.now().minus(Duration.ofDays(3))
        .truncatedTo(java.time.temporal.ChronoUnit.DAYS).plusSeconds(12 * 3600 + 34 * 60 + 56);
    dev.vidgen.serve.history.TaskHistory.in(home).record(dev.vidgen.serve.history.HistoryEntry.submitted(
        new dev.vidgen.core.client.JobHandle("mock", dev.vidgen.core.domain.TaskId.of("video_old"),
            "grok-video-1.5-preview", dev.vidgen.core.pricing.PriceQuote.unknown("grok-video-1.5-preview", "test"),
            threeDaysAgo, null),
        dev.vidgen.core.domain.VideoJob.builder("grok-video-1.5-preview").prompt("p").build(), "generate"));

    CliRun.Result table = cli().run("history");

    String day = threeDaysAgo.toString().substring(0, 10);
    assertThat(table.out()).as(table.all()).contains(day + " 12:34 UTC").doesNotContain("12:34:");
  }

  @Test
  void listsWhatGenerateMadeNewestFirstWithStatusPriceAndFile() {
    CliRun.Result first = cli().run("generate", "--provider", "mock", "--image", "product.png", "--prompt", "push in",
        "--out", "first.mp4", "--set", "mock.duration=0s", "--poll-interval", "10ms");
    assertThat(first.exitCode()).as(first.all()).isZero();
    CliRun.Result second = cli().run("generate", "--provider", "mock", "--image", "product.png", "--prompt", "orbit",
        "--seconds", "15", "--no-wait");
    assertThat(second.exitCode()).as(second.all()).isZero();

    CliRun.Result history = cli().run("history");
    assertThat(history.exitCode()).as(history.all()).isZero();
    List<String> lines = history.out().lines().toList();
    assertThat(lines.get(0)).startsWith("TASK").contains("MODEL", "STATUS", "PRICE", "FILE", "WHEN");
    assertThat(lines.get(1)).contains("grok-video-1.5-preview", "queued", "30 credits ($0.15)", "just now");
    assertThat(lines.get(2)).contains("completed", "20 credits ($0.10)", dir.resolve("first.mp4").toString());

    Map<String, Object> json = cli().run("history", "--json").json();
    List<?> tasks = (List<?>) json.get("tasks");
    assertThat(tasks).hasSize(2);
    Map<?, ?> newest = (Map<?, ?>) tasks.get(0);
    assertThat(newest.get("status")).isEqualTo("queued");
    assertThat(((Map<?, ?>) newest.get("settings")).get("prompt")).isEqualTo("orbit");
    assertThat(second.out()).contains((String) newest.get("task_id"));

    CliRun.Result limited = cli().run("history", "--limit", "1");
    Map<String, Object> limitedJson = cli().run("history", "--json", "--limit", "1").json();
    assertThat(limited.out()).as("says that one was left out").contains("The 1 newest of 2 tasks; --limit 0 lists them all.");
    assertThat((List<?>) limitedJson.get("tasks")).hasSize(1);
    assertThat(limitedJson.get("total")).isEqualTo(2.0);
    assertThat(json.get("total")).isEqualTo(2.0);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aSavedFileDeletedSinceIsMarkedMissingWithHowToSaveItAgain() throws IOException {
    CliRun.Result made = cli().run("generate", "--provider", "mock", "--image", "product.png", "--prompt", "push in",
        "--out", "gone.mp4", "--set", "mock.duration=0s", "--poll-interval", "10ms");
    assertThat(made.exitCode()).as(made.all()).isZero();
    CliRun.Result kept = cli().run("generate", "--provider", "mock", "--image", "product.png", "--prompt", "orbit",
        "--out", "kept.mp4", "--set", "mock.duration=0s", "--poll-interval", "10ms");
    assertThat(kept.exitCode()).as(kept.all()).isZero();
    Files.delete(dir.resolve("gone.mp4"));

    CliRun.Result text = cli().run("history");
    CliRun.Result json = cli().run("history", "--json");

    assertThat(text.exitCode()).as(text.all()).isZero();
    List<String> lines = text.out().lines().toList();
    assertThat(lines.get(1)).as(text.all()).contains(dir.resolve("kept.mp4").toString()).doesNotContain("(missing)");
    assertThat(lines.get(2)).as(text.all()).contains("completed", dir.resolve("gone.mp4") + " (missing)");
    assertThat(text.out()).as(text.all()).containsPattern("Task \\S+ is done but its saved file "
        + Pattern.quote(dir.resolve("gone.mp4").toString()) + " is gone \\(deleted or moved\\); save it again with:"
        + " vidgen download \\S+ --provider mock --out ");
    List<Map<String, Object>> tasks = (List<Map<String, Object>>) json.json().get("tasks");
    assertThat(tasks.get(0)).containsEntry("file_missing", false).containsEntry("next", null);
    assertThat(tasks.get(1)).containsEntry("file_missing", true);
    assertThat((String) tasks.get(1).get("next")).startsWith("vidgen download ");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aPlaygroundTaskIsSavedFromTheHistoryToThePlaygroundsVideosWithTheServerItWasMadeOn() {
    // As the playground records a task it made on a test server (vidgen serve --base-url http://127.0.0.1:…).
    String videos = home.resolve("playground").resolve("videos") + java.io.File.separator;
    dev.vidgen.core.client.JobHandle handle = new dev.vidgen.core.client.JobHandle("toapis",
        dev.vidgen.core.domain.TaskId.of("video_pg3"), "grok-video-1.5-preview",
        dev.vidgen.core.pricing.PriceQuote.unknown("grok-video-1.5-preview", "test"), java.time.Instant.now(), null);
    dev.vidgen.serve.history.TaskHistory.in(home).record(dev.vidgen.serve.history.HistoryEntry.submitted(handle,
            dev.vidgen.core.domain.VideoJob.builder("grok-video-1.5-preview").prompt("p").build(), "serve")
        .withOut(videos).withBaseUrl("http://127.0.0.1:21250/").foundCompleted(null, java.time.Instant.now()));

    // Read from a shell with the key set and no base URL: pasted as printed, it must reach the same test server.
    CliRun.Result text = cli().env("TOAPIS_API_KEY", "sk-test" + "7".repeat(44)).run("history");
    CliRun.Result json = cli().env("TOAPIS_API_KEY", "sk-test" + "7".repeat(44)).run("history", "--json");

    String command = "vidgen download video_pg3 --provider toapis --out " + videos
        + " --base-url http://127.0.0.1:21250/";
    assertThat(text.out()).as(text.all()).contains("Task video_pg3 is done but its video was not saved; save it with: "
        + command);
    assertThat((List<Map<String, Object>>) json.json().get("tasks")).singleElement()
        .satisfies(task -> assertThat(task).containsEntry("next", command));
  }

  @Test
  void saysWhereTheHistoryWillBeWhenItIsEmpty() {
    CliRun.Result history = cli().run("history");
    assertThat(history.exitCode()).isZero();
    assertThat(history.out()).contains("No tasks yet", home.resolve("history.jsonl").toString());
    assertThat(history.out()).as("every command that records its tasks there is named, batch too")
        .contains("No tasks yet; vidgen generate, extend, remix, batch and serve (the playground) record theirs in "
            + home.resolve("history.jsonl"));
  }

  @Test
  void serveStopsCleanlyOnSigtermAsOnCtrlC() throws Exception {
    Path out = dir.resolve("serve.out");
    Path err = dir.resolve("serve.err");
    Process process = cli().startProcess(out, err, List.of("serve", "--port", "0"));
    try {
      String url = await().atMost(Duration.ofSeconds(60)).until(() -> urlIn(Files.readString(out)), found -> found != null);
      String token = PrintedToken.in(Files.readString(out));
      assertThat(token).as("the printed address holds a random token").matches("[A-Za-z0-9_-]{43}");
      // Opened as printed: the cookie is set and the browser sent on to the page, the token out of the address bar.
      HttpResponse<String> opened = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(url + "?token=" + token)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(opened.statusCode()).isEqualTo(303);
      assertThat(opened.headers().firstValue("Location")).contains("/");
      String cookie = opened.headers().firstValue("Set-Cookie").orElseThrow().replaceAll(";.*", "");
      assertThat(cookie).isEqualTo("vidgen_token_" + URI.create(url).getPort() + "=" + token);
      HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
          .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("vidgen playground");
      HttpResponse<String> tokenless = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(url + "api/history")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(tokenless.statusCode()).as("another user of the machine, without the token").isEqualTo(401);
      assertThat(tokenless.body()).contains("token_required");
      process.destroy();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("serve ends after SIGTERM").isTrue();
      assertThat(Files.readString(err, StandardCharsets.UTF_8)).contains("the playground stopped");
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void openHandsTheBrowserAPageOfThisUsersAloneNotTheTokenThatPsWouldShow() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path args = dir.resolve("browser-args.txt");
    Path browser = Files.writeString(bin.resolve("xdg-open"), "#!/bin/sh\nprintf '%s\\n' \"$@\" > " + args + "\n");
    browser.toFile().setExecutable(true);
    Path out = dir.resolve("serve.out");
    Path err = dir.resolve("serve.err");
    Process process = cli().env("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"))
        .startProcess(out, err, List.of("serve", "--port", "0", "--open"));
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(args) && Files.size(args) > 0);
      String token = PrintedToken.in(Files.readString(out));
      String given = Files.readString(args).strip();
      assertThat(given).as("what every user's ps shows").startsWith("file:").doesNotContain(token);
      Path page = Path.of(URI.create(given));
      assertThat(Files.readString(page)).contains("?token=" + token);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(page)))
          .isEqualTo("rw-------");
      process.destroy();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("serve ends after SIGTERM").isTrue();
      assertThat(page).as("removed when serve ends").doesNotExist();
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void warnsWhenAskedToListenBeyondThisMachine() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context = new CliContext(Map.of("VIDGEN_HOME", home.toString()), new PrintWriter(out, true),
        new PrintWriter(err, true), () -> false, dir);
    AtomicInteger exit = new AtomicInteger(-1);
    Thread server = new Thread(() -> exit.set(Main.run(context, "serve", "--port", "0", "--bind", "0.0.0.0")));
    server.start();
    await().atMost(Duration.ofSeconds(30)).until(() -> urlIn(out.toString()) != null);
    assertThat(err.toString()).contains("warning: listening on 0.0.0.0, not only on this machine");
    server.interrupt();
    server.join(20_000);
    assertThat(exit.get()).as(err.toString()).isZero();
  }

  @Test
  void theCopiedCommandCarriesTheRouteFilesAndChecksAndRunsFromAnotherFolder() throws Exception {
    Files.writeString(dir.resolve("acme.json"), """
        {"routes": [{"id": "acme-video-2", "family": "Acme", "modes": {"text-to-video": {}},
                     "seconds": {"one_of": [5, 10], "default": 5}, "price": {"per_second_usd": "0.05"}}]}
        """);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context = new CliContext(Map.of("VIDGEN_HOME", home.toString()), new PrintWriter(out, true),
        new PrintWriter(err, true), () -> false, dir);
    AtomicInteger exit = new AtomicInteger(-1);
    Thread server = new Thread(() -> exit.set(
        Main.run(context, "serve", "--port", "0", "--provider", "mock", "--routes", "acme.json", "--no-model-check")));
    server.start();
    String command;
    try {
      String url = await().atMost(Duration.ofSeconds(30)).until(() -> urlIn(out.toString()), found -> found != null);
      HttpResponse<String> check = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "api/check"))
          .header("Content-Type", "application/json").header(PrintedToken.HEADER, PrintedToken.in(out.toString()))
          .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"acme-video-2\",\"prompt\":\"a red kite\",\"seconds\":10}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(check.statusCode()).as(check.body()).isEqualTo(200);
      command = (String) ((Map<?, ?>) dev.vidgen.core.json.JsonTrees.parse(check.body())).get("command");
    } finally {
      server.interrupt();
      server.join(20_000);
    }
    assertThat(exit.get()).as(err.toString()).isZero();
    assertThat(command).startsWith("vidgen generate --model acme-video-2 ")
        .as("every option the playground runs with, so the pasted command behaves the same")
        .endsWith("--provider mock --routes " + dir.resolve("acme.json") + " --no-model-check");

    Path elsewhere = Files.createDirectories(home.resolve("elsewhere"));
    List<String> words = ShellWords.split(command);
    List<String> args = new java.util.ArrayList<>(words.subList(1, words.size()));
    args.addAll(List.of("--out", "kite.mp4", "--set", "mock.duration=0s", "--poll-interval", "10ms"));
    CliRun.Result pasted = CliRun.in(elsewhere).env("VIDGEN_HOME", home.toString()).run(args.toArray(String[]::new));
    assertThat(pasted.exitCode()).as(pasted.all()).isZero();
    assertThat(pasted.out()).contains("acme-video-2");
    assertThat(elsewhere.resolve("kite.mp4")).isNotEmptyFile();
  }

  @Test
  void refusesAShortPlaygroundTokenWithoutRepeatingIt() {
    CliRun.Result result = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> cli().env("VIDGEN_PLAYGROUND_TOKEN", "hunter2").run("serve", "--port", "0"),
        "serve must refuse the token, not listen with it");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).contains("VIDGEN_PLAYGROUND_TOKEN is not a usable playground token",
        "at least 22 characters").doesNotContain("hunter2");
    assertThat(result.out()).as("no page was announced").doesNotContain("http://127.0.0.1:");
  }

  @Test
  void refusesAPortThatIsNotOne() {
    CliRun.Result result = cli().run("serve", "--port", "70000");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--port 70000 is not a port");
  }

  @Test
  void aPortInUseIsSaidOnceInItsOwnWords() throws IOException {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      CliRun.Result result = cli().run("serve", "--port", String.valueOf(taken.getLocalPort()));

      assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
      assertThat(result.err()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort())
          .contains("choose another --port").doesNotContain("[ERROR]").doesNotContain("Failed to start Javalin");
    }
  }

  @Test
  void aHistoryThatCannotBeReadStopsServeWithAdviceThatMovesTheHistoryNotTheVideos() throws IOException {
    Path history = Files.createDirectories(home.resolve("history.jsonl")); // a folder where the file should be

    CliRun.Result result = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> cli().run("serve", "--port", "0"), "serve must stop, not listen, when its history cannot be read");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
    assertThat(result.err()).contains("cannot read the task history " + history)
        .contains("set VIDGEN_HOME to another folder").contains("--out moves only the uploads and videos")
        .doesNotContain("give vidgen serve --out");
    assertThat(result.out()).as("no page was announced").doesNotContain("http://127.0.0.1:");
  }

  @Test
  void theRouteFilesOfVidgenRoutesAndRoutesAreFollowedWhileThePlaygroundRuns() throws Exception {
    Path acme = Files.writeString(dir.resolve("acme.json"), """
        {"routes": [{"id": "acme-video-2", "family": "Acme", "modes": {"text-to-video": {}},
                     "seconds": {"one_of": [5, 10], "default": 5}, "price": {"per_second_usd": "0.05"}}]}
        """);
    Path price = Files.writeString(dir.resolve("price.json"),
        "{\"patch\": {\"acme-video-2\": {\"price\": {\"per_second_usd\": \"0.05\"}}}}");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context = new CliContext(Map.of("VIDGEN_HOME", home.toString(), "VIDGEN_ROUTES", acme.toString(),
        "VIDGEN_PLAYGROUND_TOKEN", TOKEN),
        new PrintWriter(out, true), new PrintWriter(err, true), () -> false, dir);
    AtomicInteger exit = new AtomicInteger(-1);
    Thread server = new Thread(() -> exit.set(
        Main.run(context, "serve", "--port", "0", "--provider", "mock", "--routes", "price.json", "--no-model-check")));
    server.start();
    try {
      String url = await().atMost(Duration.ofSeconds(30)).until(() -> urlIn(out.toString()), found -> found != null);
      String job = "{\"model\":\"acme-video-2\",\"prompt\":\"a red kite\",\"seconds\":10}";
      assertThat(check(url, job).body()).contains("\"credits\":100");

      Files.writeString(price, "{\"patch\": {\"acme-video-2\": {\"price\": {\"per_second_usd\": \"0.10\"}}}}");
      assertThat(check(url, job).body()).as("the edit of --routes' file").contains("\"credits\":200");

      Files.writeString(acme, Files.readString(acme).replace("\"default\": 5", "\"default\": 7"));
      HttpResponse<String> refused = check(url, job);
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
      assertThat(refused.body()).as("the file of VIDGEN_ROUTES, broken").contains("invalid_routes",
          acme + ": routes[0].seconds.default: default 7 is not in one_of");
    } finally {
      server.interrupt();
      server.join(20_000);
    }
    assertThat(exit.get()).as(err.toString()).isZero();
  }

  private static HttpResponse<String> check(String url, String job) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "api/check"))
        .header("Content-Type", "application/json").header(PrintedToken.HEADER, TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString(job)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String urlIn(String text) throws IOException {
    Matcher match = URL.matcher(text);
    return match.find() ? match.group(1) : null;
  }
}
