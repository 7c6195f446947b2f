package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Paths from the environment ({@code VIDGEN_ROUTES}, {@code VIDGEN_HOME}, {@code XDG_DATA_HOME}, {@code HOME}) with
 * letters beyond ASCII, met by a run in a C locale, where Java 17 cannot make a path of such a name: refused or
 * warned of as the same path given as an argument is, never an unexpected error.
 */
class CLocaleEnvironmentPathsTest {
  @RegisterExtension final CliOnFakeToApis cli = CliOnFakeToApis.builder(FakeToApisServer.DEFAULT_KEY).start();

  @Test
  void aRouteFileThatVidgenRoutesNamesAndThisLocaleCannotIsARouteProblemThatOnlyWarnsWhenSavingAPaidVideo()
      throws IOException {
    Path routes = Files.writeString(cli.dir().resolve("prix \u00e9t\u00e9.json"), "{\"routes\": []}\n",
        StandardCharsets.UTF_8);
    String taskId = completedTask();
    int creates = cli.fake().requests(Endpoint.CREATE).size();

    CliRun.Result generate = inC().env("VIDGEN_ROUTES", routes.toString())
        .runProcess("generate", "--image", "product.png", "--prompt", "p", "--out", "c.mp4");
    CliRun.Result download = inC().env("VIDGEN_ROUTES", routes.toString())
        .runProcess("download", taskId, "--out", "saved.mp4");

    assertThat(generate.exitCode()).as(generate.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(generate.err()).contains("cannot name this file", "ANSI_X3.4-1968", "LC_ALL=C.UTF-8",
        "VIDGEN_ROUTES", "nothing was sent").doesNotContain("unexpected error", "Malformed input");
    assertThat(cli.fake().requests(Endpoint.CREATE)).hasSize(creates);
    assertThat(download.exitCode()).as(download.all()).isZero();
    assertThat(download.err()).contains("warning: ", "cannot name this file", "the route files are left out")
        .doesNotContain("unexpected error");
    assertThat(cli.dir().resolve("saved.mp4")).isNotEmptyFile();
  }

  @Test
  void aDataFolderThisLocaleCannotNameStopsWhatWouldSendOrShowJobsAndOnlyWarnsWhenSavingAPaidVideo()
      throws IOException {
    Path home = Files.createDirectories(cli.dir().resolve("h\u00f4me"));
    String taskId = completedTask();
    int creates = cli.fake().requests(Endpoint.CREATE).size();

    CliRun.Result generate = inC().env("VIDGEN_HOME", home.toString())
        .runProcess("generate", "--json", "--image", "product.png", "--prompt", "p", "--out", "c.mp4");
    CliRun.Result history = inC().env("VIDGEN_HOME", home.toString()).runProcess("history");
    CliRun.Result serve = inC().env("VIDGEN_HOME", home.toString()).runProcess("serve", "--port", "0");
    CliRun.Result download = inC().env("VIDGEN_HOME", home.toString())
        .runProcess("download", taskId, "--out", "saved.mp4");

    assertThat(generate.exitCode()).as(generate.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(generate.out()).contains("\"kind\":\"usage\"", "VIDGEN_HOME (", "names the data folder",
        "LC_ALL=C.UTF-8", "nothing was sent").doesNotContain("internal");
    assertThat(cli.fake().requests(Endpoint.CREATE)).hasSize(creates);
    assertThat(history.exitCode()).as(history.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(history.err()).contains("VIDGEN_HOME (", "LC_ALL=C.UTF-8").doesNotContain("unexpected error");
    assertThat(serve.exitCode()).as(serve.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(serve.err()).contains("VIDGEN_HOME (", "LC_ALL=C.UTF-8").doesNotContain("unexpected error");
    assertThat(download.exitCode()).as(download.all()).isZero();
    assertThat(download.err()).contains("warning: VIDGEN_HOME (", "neither reads nor records the task history",
        "LC_ALL=C.UTF-8").doesNotContain("unexpected error");
    assertThat(cli.dir().resolve("saved.mp4")).isNotEmptyFile();
  }

  @Test
  void aDataFolderThisLocaleCannotNameKeepsNoCommandThatNeverUsesTheHistoryFromRunning() throws IOException {
    Path home = Files.createDirectories(cli.dir().resolve("h\u00f4me"));

    CliRun.Result models = inC().env("VIDGEN_HOME", home.toString()).runProcess("models");
    CliRun.Result live = inC().env("VIDGEN_HOME", home.toString()).runProcess("models", "--live", "--json");
    CliRun.Result validate = inC().env("VIDGEN_HOME", home.toString())
        .runProcess("validate", "--image", "product.png", "--prompt", "p");
    CliRun.Result quote = inC().env("VIDGEN_HOME", home.toString())
        .runProcess("quote", "--json", "--image", "product.png", "--prompt", "p");
    CliRun.Result balance = inC().env("VIDGEN_HOME", home.toString()).runProcess("balance");
    CliRun.Result completion = inC().env("VIDGEN_HOME", home.toString()).runProcess("completion", "bash");
    CliRun.Result version = inC().env("VIDGEN_HOME", home.toString()).runProcess("--version");

    Map<String, CliRun.Result> runs = new LinkedHashMap<>();
    runs.put("models", models);
    runs.put("models --live", live);
    runs.put("validate", validate);
    runs.put("quote", quote);
    runs.put("balance", balance);
    runs.put("completion", completion);
    runs.put("--version", version);
    Map<String, Integer> exits = new LinkedHashMap<>();
    runs.forEach((command, run) -> exits.put(command, run.exitCode()));
    assertThat(exits).as(exits.keySet().stream().map(command -> command + ": " + runs.get(command).all())
        .collect(Collectors.joining("\n"))).allSatisfy((command, exit) -> assertThat(exit).as(command).isZero());
    runs.forEach((command, run) -> assertThat(run.all()).as(command)
        .doesNotContain("names the data folder", "task history", "unexpected error"));
    assertThat(models.out()).contains("grok-video");
    assertThat(live.json()).containsKey("models");
    assertThat(cli.fake().requests(Endpoint.MODELS)).isNotEmpty();
    assertThat(validate.out()).contains("valid: ");
    assertThat(quote.json()).containsEntry("known", true).containsKey("credits");
    assertThat(balance.out()).contains("remaining");
    assertThat(cli.fake().requests(Endpoint.BALANCE)).isNotEmpty();
    assertThat(completion.out()).contains("vidgen");
    assertThat(cli.fake().requests(Endpoint.CREATE)).isEmpty();
    try (var inHome = Files.list(home)) {
      assertThat(inHome).as("nothing written in the data folder").isEmpty();
    }
  }

  @Test
  void aHomeOrXdgDataHomeThisLocaleCannotNameIsToldByItsName() throws IOException {
    Path home = Files.createDirectories(cli.dir().resolve("h\u00f4me"));

    CliRun.Result byHome = cli.withoutHome().env("LC_ALL", "C").env("TOAPIS_BASE_URL", cli.fake().baseUrl())
        .env("HOME", home.toString()).runProcess("history");
    CliRun.Result byXdg = cli.withoutHome().env("LC_ALL", "C").env("TOAPIS_BASE_URL", cli.fake().baseUrl())
        .env("HOME", cli.dir().toString()).env("XDG_DATA_HOME", home.resolve("data").toString())
        .runProcess("history");

    assertThat(byHome.exitCode()).as(byHome.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(byHome.err()).contains("HOME (", "names the data folder", "LC_ALL=C.UTF-8")
        .doesNotContain("unexpected error");
    assertThat(byXdg.exitCode()).as(byXdg.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(byXdg.err()).contains("XDG_DATA_HOME (", "names the data folder", "LC_ALL=C.UTF-8")
        .doesNotContain("unexpected error");
  }

  /** The id of a task made and completed in this JVM's UTF-8 locale, not yet saved. */
  private String completedTask() {
    CliRun.Result made = here().run("generate", "--json", "--no-wait", "--image", "product.png", "--prompt",
        "made before");
    assertThat(made.exitCode()).as(made.all()).isZero();
    String taskId = (String) made.json().get("task_id");
    await().atMost(Duration.ofSeconds(60)).until(() -> here().run("status", taskId).out().contains("completed"));
    return taskId;
  }

  /** A run with this test's history and the fake, in this JVM's UTF-8 locale. */
  private CliRun here() {
    return cli.vidgen().env("TOAPIS_BASE_URL", cli.fake().baseUrl());
  }

  /** The same, as a process in a C locale: US-ASCII file names for Java 17. */
  private CliRun inC() {
    return here().env("LC_ALL", "C");
  }
}
