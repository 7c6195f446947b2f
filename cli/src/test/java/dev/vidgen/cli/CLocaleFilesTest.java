package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * File names with letters beyond ASCII, met by a run in a C locale (LC_ALL=C, as cron or {@code env -i} run it),
 * where Java 17 names files in US-ASCII and cannot make a path of such a name.
 */
class CLocaleFilesTest {
  @RegisterExtension final CliOnFakeToApis cli = CliOnFakeToApis.builder(FakeToApisServer.DEFAULT_KEY).start();

  @Test
  void aHistoryHoldingFilesThisLocaleCannotNameStillListsFollowsAndHoldsBackItsTasks() {
    // Made in a UTF-8 locale (this JVM's): one saved as ürün.mp4, one done but not saved, bound for ürün2.mp4.
    CliRun.Result saved = here().run("generate", "--json", "--image", "product.png", "--prompt", "saved one",
        "--out", "\u00fcr\u00fcn.mp4");
    CliRun.Result unsaved = here().run("generate", "--json", "--no-wait", "--image", "product.png", "--prompt",
        "unsaved one", "--out", "\u00fcr\u00fcn2.mp4");
    assertThat(saved.exitCode()).as(saved.all()).isZero();
    assertThat(unsaved.exitCode()).as(unsaved.all()).isZero();
    String savedId = (String) saved.json().get("task_id");
    String unsavedId = (String) unsaved.json().get("task_id");
    // The history knows it is done, not saved.
    await().atMost(Duration.ofSeconds(60)).until(() -> here().run("status", unsavedId).out().contains("completed"));
    int creates = cli.fake().requests(Endpoint.CREATE).size();

    CliRun.Result history = inC().runProcess("history");
    CliRun.Result json = inC().runProcess("history", "--json");
    CliRun.Result status = inC().runProcess("status", savedId);
    CliRun.Result again = inC().runProcess("generate", "--image", "product.png", "--prompt", "saved one",
        "--out", "c.mp4");

    assertThat(history.exitCode()).as(history.all()).isZero();
    assertThat(history.out()).contains(savedId, unsavedId, "/\u00fcr\u00fcn.mp4", "--out '");
    assertThat(history.err()).contains("cannot name the file", "LC_ALL=C.UTF-8");
    assertThat(json.exitCode()).as(json.all()).isZero();
    assertThat((List<Map<String, Object>>) json.json().get("tasks")).extracting(task -> task.get("task_id"))
        .contains(savedId, unsavedId);
    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.out()).contains(savedId, "completed");
    assertThat(again.exitCode()).as("the same job is still found, so not paid twice: " + again.all())
        .isEqualTo(ExitCodes.OTHER);
    assertThat(again.err()).contains(savedId, "LC_ALL=C.UTF-8").doesNotContain("unexpected error");
    assertThat(cli.fake().requests(Endpoint.CREATE)).hasSize(creates);
  }

  @Test
  void statusSaysThatTheOutItsNextCommandNamesNeedsAUtf8Locale() {
    CliRun.Result made = here().run("generate", "--json", "--no-wait", "--image", "product.png", "--prompt",
        "bound for a name beyond ASCII", "--out", "\u00fcr\u00fcn4.mp4");
    assertThat(made.exitCode()).as(made.all()).isZero();
    String taskId = (String) made.json().get("task_id");

    CliRun.Result status = inC().runProcess("status", taskId);

    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.out()).contains("--out ");
    assertThat(status.err()).contains("the next command saves to ", "cannot name the file",
        "run with a UTF-8 locale (LC_ALL=C.UTF-8 vidgen ...");
  }

  @Test
  void aBatchWhoseFilesThisLocaleCannotNameIsRefusedBeforeAnythingIsSent() throws IOException {
    Files.writeString(cli.dir().resolve("jobs.jsonl"),
        "{\"id\": \"\u00fcr\u00fcn-\u0130tme\", \"model\": \"grok-video-1.5-preview\", \"prompt\": \"p\","
            + " \"images\": [\"https://example.com/a.png\"]}\n"
            + "{\"id\": \"\u5546\u54c1\", \"model\": \"grok-video-1.5-preview\", \"prompt\": \"q\","
            + " \"images\": [\"https://example.com/a.png\"]}\n", StandardCharsets.UTF_8);

    CliRun.Result batch = inC().runProcess("batch", "jobs.jsonl", "--max-credits", "100");

    assertThat(batch.exitCode()).as(batch.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(batch.all()).contains("cannot be named in this locale", "LC_ALL=C.UTF-8", "\u00fcr\u00fcn-\u0130tme.mp4")
        .doesNotContain("unexpected error");
    assertThat(cli.fake().requests(Endpoint.CREATE)).isEmpty();
  }

  @Test
  void thePlaygroundListsSuchFilesAndKeepsSuchUploadsUnderAnAsciiName() throws Exception {
    CliRun.Result saved = here().run("generate", "--json", "--image", "product.png", "--prompt", "saved one",
        "--out", "\u00fcr\u00fcn.mp4");
    assertThat(saved.exitCode()).as(saved.all()).isZero();
    Path out = cli.dir().resolve("serve.out");
    Path err = cli.dir().resolve("serve.err");
    Process process = inC().startProcess(out, err, List.of("serve", "--port", "0"));
    try {
      String url = await().atMost(Duration.ofSeconds(60)).until(() -> urlIn(Files.readString(out)), found -> found != null);
      HttpClient http = HttpClient.newHttpClient();
      String token = PrintedToken.in(Files.readString(out));
      HttpResponse<String> history = http.send(HttpRequest.newBuilder(URI.create(url + "api/history"))
          .header(PrintedToken.HEADER, token).build(),
          HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> upload = http.send(HttpRequest.newBuilder(URI.create(url + "api/uploads"))
          .header("X-File-Name", "%C3%BCr%C3%BCn%20g%C3%B6rseli.png").header(PrintedToken.HEADER, token)
          .POST(HttpRequest.BodyPublishers.ofFile(cli.dir().resolve("product.png"))).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(history.statusCode()).as(history.body()).isEqualTo(200);
      assertThat(history.body()).contains((String) saved.json().get("task_id"));
      assertThat(upload.statusCode()).as(upload.body()).isBetween(200, 201);
      assertThat(upload.body()).contains("_r_n_g_rseli.png");
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void aWorkingFolderThisLocaleCannotNameStopsEveryCommandWithTheCauseAndTheWayOut() throws IOException {
    Path folder = Files.createDirectories(cli.dir().resolve("m\u00fc\u015fteri"));

    CliRun.Result balance = CliRun.in(folder).env("LC_ALL", "C").env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY)
        .env("TOAPIS_BASE_URL", cli.fake().baseUrl()).runProcess("balance");
    CliRun.Result mock = CliRun.in(folder).env("LC_ALL", "C")
        .runProcess("generate", "--provider", "mock", "--prompt", "p", "--model", "grok-video-1.5-preview");

    assertThat(balance.exitCode()).as(balance.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(balance.err()).contains("the working folder's name cannot be read in this locale", "teri (in ANSI_X3.4-1968)",
        "LC_ALL=C.UTF-8", "nothing was sent").doesNotContain("jar");
    assertThat(mock.exitCode()).as(mock.all()).isEqualTo(ExitCodes.INVALID_JOB);
    try (var siblings = Files.list(cli.dir())) {
      assertThat(siblings.map(path -> path.getFileName().toString())).noneMatch(name -> name.contains("?"));
    }
    assertThat(cli.fake().requests(Endpoint.BALANCE)).isEmpty();
    CliRun.Result version = CliRun.in(folder).env("LC_ALL", "C").runProcess("--version");
    assertThat(version.exitCode()).as("--version reads and writes no file: " + version.all()).isZero();
  }

  @Test
  void theWorkingFolderCheckTellsALocaleThatCannotReadItsNameFromAFolderSinceGone() {
    String ascii = "ANSI_X3.4-1968";

    assertThat(WorkingFolder.problem(System.getProperty("java.io.tmpdir"), ascii)).isEmpty();
    assertThat(WorkingFolder.problem("/tmp/m????teri-not-there", ascii)).get().satisfies(problem -> {
      assertThat(problem.exitCode()).isEqualTo(ExitCodes.INVALID_JOB);
      assertThat(problem.getMessage()).contains("cannot be read in this locale", "/tmp/m????teri-not-there",
          ascii, "nothing was sent");
      assertThat(problem.next()).contains("LC_ALL=C.UTF-8", "bin/vidgen");
    });
    assertThat(WorkingFolder.problem("/tmp/gone-folder-not-there", "UTF-8")).get()
        .satisfies(problem -> assertThat(problem.getMessage()).contains("no longer exists"));
  }

  @Test
  void anArgumentThisLocaleCannotReadIsAdvisedTheWayAroundThatFitsIt() {
    CliRun.Result image = inC().runProcess("generate", "--provider", "mock", "--prompt", "p",
        "--image", "\u00fcr\u00fcn.png");
    CliRun.Result prompt = inC().runProcess("generate", "--provider", "mock", "--prompt", "\u00fcr\u00fcn");

    assertThat(image.exitCode()).as(image.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(image.err()).contains("the value of --image", "LC_ALL=C.UTF-8", "a name in ASCII letters")
        .doesNotContain("give the prompt");
    assertThat(prompt.err()).contains("the value of --prompt", "--prompt-file FILE or --prompt -");
    assertThat(Main.otherWay("--seconds")).isEmpty();
    assertThat(Main.onlyAsksAboutVidgen(new String[] {"generate", "--help"})).isTrue();
    assertThat(Main.onlyAsksAboutVidgen(new String[] {"completion", "bash"})).isTrue();
    assertThat(Main.onlyAsksAboutVidgen(new String[] {"generate", "--prompt", "help"})).isFalse();
  }

  /** A run with this test's history and the fake, in this JVM's UTF-8 locale. */
  private CliRun here() {
    return cli.vidgen().env("TOAPIS_BASE_URL", cli.fake().baseUrl());
  }

  /** The same, as a process in a C locale: US-ASCII file names for Java 17. */
  private CliRun inC() {
    return here().env("LC_ALL", "C");
  }

  private static final Pattern URL = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/)");

  private static String urlIn(String text) {
    Matcher match = URL.matcher(text);
    return match.find() ? match.group(1) : null;
  }
}
