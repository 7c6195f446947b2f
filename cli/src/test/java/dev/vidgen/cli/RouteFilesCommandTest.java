package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Route files on the command line (--routes, VIDGEN_ROUTES), retired models and dry runs without a key. */
class RouteFilesCommandTest {
  private static final String ACME = """
      {"routes": [{"id": "acme-video-2", "family": "Acme",
                   "modes": {"text-to-video": {}, "image-to-video": {"images": {"min": 1, "max": 1}}},
                   "seconds": {"one_of": [5, 10], "default": 5},
                   "aspect_ratios": {"one_of": ["16:9", "9:16"], "default": "16:9"},
                   "resolutions": {"one_of": ["720p", "1080p"], "default": "720p"},
                   "max_prompt_chars": 2000,
                   "price": {"per_second_usd": "0.05"}}],
       "patch": {"seedance-2": {"price": {"per_second_usd": "0.04"}}},
       "remove": ["kling-v3"]}
      """;
  private static final String FAST_MOCK_DOWNLOADS = "mock.duration=300ms";

  @TempDir Path dir;
  private FakeToApisServer fake;

  @BeforeEach
  void start() throws IOException {
    Files.writeString(dir.resolve("acme.json"), ACME);
    java.util.Set<String> listed = new java.util.LinkedHashSet<>(dev.vidgen.core.domain.RouteCatalog.builtIn().ids());
    listed.add("acme-video-2"); // the key may use the model the route file adds
    fake = FakeToApisServer.builder().unlimitedBalance().videoModels(listed).start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  @SuppressWarnings("unchecked")
  void modelsListsTheRoutesOfAFileAndWhereEachCameFrom() {
    CliRun.Result text = CliRun.in(dir).run("models", "--provider", "mock", "--routes", "acme.json");
    CliRun.Result json = CliRun.in(dir).run("models", "--json", "--provider", "mock", "--routes", "acme.json");

    assertThat(text.exitCode()).as(text.all()).isZero();
    String acmeLine = text.out().lines().filter(line -> line.startsWith("acme-video-2 ")).findFirst().orElseThrow();
    assertThat(acmeLine).contains("t2v i2v(1)", "5, 10 (default 5)", "$0.05 per second", dir.resolve("acme.json").toString());
    assertThat(text.out().lines().filter(line -> line.startsWith("seedance-2 ")).findFirst().orElseThrow())
        .contains("$0.04 per second", "built-in, patched by " + dir.resolve("acme.json"));
    assertThat(text.out().lines()).noneMatch(line -> line.startsWith("kling-v3 "));
    assertThat(text.out()).contains("choose veo3.1-fast, seedance-2 instead");
    List<Map<String, Object>> models = (List<Map<String, Object>>) json.json().get("models");
    assertThat(models).filteredOn(model -> model.get("id").equals("acme-video-2")).singleElement()
        .satisfies(model -> assertThat(model).containsEntry("origin", dir.resolve("acme.json").toString())
            .containsEntry("family", "Acme").containsEntry("retired", null));
  }

  @Test
  @SuppressWarnings("unchecked")
  void modelsMarksRetiredModels() {
    CliRun.Result text = CliRun.in(dir).run("models", "--provider", "mock");
    CliRun.Result json = CliRun.in(dir).run("models", "--json", "--provider", "mock");

    assertThat(text.out()).contains("sora-2-vvip (retired)", "sora-2-official (retired)",
        "sora-2-vvip was retired on 2026-09-24 (OpenAI ended Sora 2 and its Videos API on 2026-09-24);"
            + " choose veo3.1-fast, seedance-2, kling-v3 instead; --allow-retired sends it anyway.");
    List<Map<String, Object>> models = (List<Map<String, Object>>) json.json().get("models");
    assertThat(models).filteredOn(model -> model.get("id").equals("sora-2-vvip")).singleElement()
        .satisfies(model -> assertThat(model).containsEntry("retired", "2026-09-24")
            .containsEntry("origin", "built-in"));
  }

  @Test
  void generatesOnTheMockFromRouteFilesNamedInVidgenRoutes() throws IOException {
    Files.writeString(dir.resolve("cheaper.json"), "{\"patch\": {\"acme-video-2\": {\"price\": {\"per_second_usd\": \"0.01\"}}}}");

    CliRun.Result result = CliRun.in(dir).env("VIDGEN_ROUTES", "acme.json" + File.pathSeparator + "cheaper.json")
        .run("generate", "--json", "--provider", "mock", "--set", FAST_MOCK_DOWNLOADS, "--poll-interval", "50ms",
            "--model", "acme-video-2", "--prompt", "a fox in the snow", "--seconds", "10", "--out", "fox.mp4");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.json()).containsEntry("model", "acme-video-2").containsEntry("credits", 20.0);
    assertThat(dir.resolve("fox.mp4")).isNotEmptyFile();
  }

  @Test
  void aRouteThatReplacesABuiltInOneWholeIsSaidToInItsSheet() throws IOException {
    Files.writeString(dir.resolve("replace.json"), "{\"routes\": [{\"id\": \"kling-v2-6\", \"modes\":"
        + " {\"text-to-video\": {}}, \"seconds\": {\"one_of\": [5, 10], \"default\": 5}}]}");

    CliRun.Result sheet = CliRun.in(dir).run("models", "kling-v2-6", "--provider", "mock", "--routes", "replace.json");
    CliRun.Result other = CliRun.in(dir).run("models", "wan2.6", "--provider", "mock", "--routes", "replace.json");

    assertThat(sheet.exitCode()).as(sheet.all()).isZero();
    assertThat(sheet.out()).contains("it replaces the built-in route whole, so the hints, rules and limits it does not"
        + " give are gone");
    assertThat(other.out()).doesNotContain("replaces the built-in route");
  }

  @Test
  void aRouteFileNamedInVidgenRoutesAndAgainWithRoutesIsReadOnceWithAWarning() throws IOException {
    Files.writeString(dir.resolve("fewer.json"), "{\"remove\": [\"wan2.6\"]}");

    CliRun.Result result = CliRun.in(dir).env("VIDGEN_ROUTES", "acme.json" + File.pathSeparator + "fewer.json")
        .run("validate", "--provider", "mock", "--routes", dir.resolve("fewer.json").toString(), "--model",
            "acme-video-2", "--prompt", "a fox", "--seconds", "10");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.err()).contains("warning: the route file " + dir.resolve("fewer.json") + " is named twice"
        + " (VIDGEN_ROUTES and --routes); it is read once").doesNotContain("unknown route");

    CliRun.Result twiceInTheVariable = CliRun.in(dir).env("VIDGEN_ROUTES", "fewer.json" + File.pathSeparator
        + "acme.json" + File.pathSeparator + "fewer.json")
        .run("validate", "--provider", "mock", "--model", "acme-video-2", "--prompt", "a fox", "--seconds", "10");
    assertThat(twiceInTheVariable.exitCode()).as(twiceInTheVariable.all()).isZero();
    assertThat(twiceInTheVariable.err()).contains("is named twice (VIDGEN_ROUTES); it is read once");
  }

  @Test
  void aMissingRouteFileNamedInVidgenRoutesSaysWhereItWasNamed() {
    CliRun.Result result = CliRun.in(dir).env("VIDGEN_ROUTES", "acme.json" + File.pathSeparator + "gone.json")
        .run("validate", "--provider", "mock", "--model", "acme-video-2", "--prompt", "a fox", "--seconds", "10");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(result.err()).contains("gone.json: no such file", "check the path VIDGEN_ROUTES holds; nothing was sent")
        .doesNotContain("fix the route file").doesNotContain("does not exist");
  }

  @Test
  void sendsARouteOfAFileToToApisSpelledInTheStandardWire() {
    CliRun.Result result = CliRun.in(dir).env("TOAPIS_API_KEY", fake.apiKey())
        .run("generate", "--json", "--no-wait", "--base-url", fake.baseUrl(), "--routes", "acme.json",
            "--model", "acme-video-2", "--prompt", "a fox in the snow", "--seconds", "10", "--aspect-ratio", "9:16");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(fake.lastCreate().orElseThrow().json()).containsEntry("model", "acme-video-2")
        .containsEntry("duration", 10L).containsEntry("aspect_ratio", "9:16").containsEntry("resolution", "720p");
  }

  @Test
  void aDocumentedPriceThatAFileChangedIsToldBesideTheBuiltInOneBeforeAnythingIsPaid() throws IOException {
    Files.writeString(dir.resolve("cheap.json"), "{\"patch\": {\"grok-video-1.5-preview\": {\"price\":"
        + " {\"per_request_usd\": {\"10\": \"0.01\", \"15\": \"0.15\"}}}}}");
    String told = "this price comes from built-in, patched by " + dir.resolve("cheap.json") + ", and vidgen's built-in"
        + " route of grok-video-1.5-preview (toapis' documented price) gives 20 credits ($0.10)";

    CliRun.Result quote = CliRun.in(dir).env("TOAPIS_API_KEY", fake.apiKey()).run("quote", "--base-url",
        fake.baseUrl(), "--routes", "cheap.json", "--prompt", "p", "--image", "https://img.example/a.png");
    CliRun.Result sent = CliRun.in(dir).env("TOAPIS_API_KEY", fake.apiKey()).run("generate", "--no-wait",
        "--base-url", fake.baseUrl(), "--routes", "cheap.json", "--prompt", "p", "--image", "https://img.example/a.png",
        "--max-credits", "2");

    CliRun.Result dryRun = CliRun.in(dir).env("TOAPIS_API_KEY", fake.apiKey()).run("generate", "--dry-run",
        "--base-url", fake.baseUrl(), "--routes", "cheap.json", "--prompt", "p", "--image", "https://img.example/a.png");

    assertThat(quote.exitCode()).as(quote.all()).isZero();
    assertThat(quote.out()).contains("2 credits ($0.01)", told);
    assertThat(dryRun.exitCode()).as(dryRun.all()).isZero();
    assertThat(dryRun.out()).as("the dry run, run before paying, says it too").contains("2 credits ($0.01)", told);
    assertThat(sent.exitCode()).as(sent.all()).isZero();
    assertThat(sent.err()).contains("sending: grok-video-1.5-preview (image-to-video), 2 credits ($0.01) (per request,"
        + " 10 s (the route's default); " + told + ")");

    Files.writeString(dir.resolve("jobs.jsonl"), "{\"id\": \"a\", \"prompt\": \"a\", \"images\": [\"https://img.example/a.png\"]}\n"
        + "{\"id\": \"b\", \"prompt\": \"b\", \"images\": [\"https://img.example/b.png\"]}\n");
    CliRun.Result batch = CliRun.in(dir).env("TOAPIS_API_KEY", fake.apiKey()).run("batch", "jobs.jsonl", "--dry-run",
        "--base-url", fake.baseUrl(), "--routes", "cheap.json");
    assertThat(batch.exitCode()).as(batch.all()).isZero();
    assertThat(batch.err()).as("told once for the model, before anything is sent")
        .containsOnlyOnce("price of grok-video-1.5-preview: this price comes from built-in, patched by "
            + dir.resolve("cheap.json") + " (vidgen's built-in route of grok-video-1.5-preview has toapis'"
            + " documented price): per request, 10 s (the route's default): 2 credits ($0.01) by the file, 20 credits"
            + " ($0.10) by the built-in route; every line on it is planned at the file's price");
  }

  @Test
  void aBatchTellsTheFilesPriceBesideTheBuiltInOneForEachLengthItsLinesUse() throws IOException {
    Files.writeString(dir.resolve("team.json"), "{\"patch\": {\"grok-video-1.5-preview\": {\"price\":"
        + " {\"per_request_usd\": {\"10\": \"0.125\", \"15\": \"0.20\"}}}}}");
    Files.writeString(dir.resolve("jobs.jsonl"), "{\"id\": \"a\", \"prompt\": \"a\", \"images\":"
        + " [\"https://img.example/a.png\"], \"seconds\": 10}\n{\"id\": \"b\", \"prompt\": \"b\", \"images\":"
        + " [\"https://img.example/b.png\"], \"seconds\": 15}\n{\"id\": \"c\", \"prompt\": \"c\", \"images\":"
        + " [\"https://img.example/c.png\"], \"seconds\": 15}\n");

    CliRun.Result batch = CliRun.in(dir).env("TOAPIS_API_KEY", fake.apiKey()).run("batch", "jobs.jsonl", "--dry-run",
        "--base-url", fake.baseUrl(), "--routes", "team.json");

    assertThat(batch.exitCode()).as(batch.all()).isZero();
    assertThat(batch.err()).as("the file's price beside the built-in one, for the 10 s and the 15 s lines")
        .containsOnlyOnce("price of grok-video-1.5-preview: this price comes from built-in, patched by "
            + dir.resolve("team.json") + " (vidgen's built-in route of grok-video-1.5-preview has toapis'"
            + " documented price): per request, 10 s: 25 credits ($0.125) by the file, 20 credits ($0.10) by the"
            + " built-in route; per request, 15 s: 40 credits ($0.20) by the file, 30 credits ($0.15) by the built-in"
            + " route; every line on it is planned at the file's price");
  }

  @ParameterizedTest
  @ValueSource(strings = {"models", "validate", "quote", "generate", "balance", "batch"})
  void aBadRouteFileStopsEveryCommandButThoseFollowingTasksWithExit2AndTheLoadersMessage(String command)
      throws IOException {
    Files.writeString(dir.resolve("bad.json"), "{\"routes\": [{\"id\": \"acme\", \"modes\": {\"text-to-movie\": {}},"
        + " \"seconds\": {\"one_of\": [5], \"default\": 5}}]}");
    Files.writeString(dir.resolve("jobs.jsonl"), "{\"prompt\": \"p\", \"images\": [\"https://img.example/a.png\"]}\n");
    List<String> args = switch (command) {
      case "batch" -> List.of(command, "jobs.jsonl");
      case "models", "balance" -> List.of(command);
      default -> List.of(command, "--prompt", "p", "--image", "https://img.example/a.png");
    };

    CliRun.Result result = CliRun.in(dir).env("TOAPIS_API_KEY", fake.apiKey())
        .run(concat(args, "--base-url", fake.baseUrl(), "--routes", "bad.json"));

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).contains(dir.resolve("bad.json") + ": routes[0].modes.text-to-movie: unknown mode"
        + " \"text-to-movie\"; allowed modes: text-to-video, image-to-video, reference-to-video, video-edit");
    if (command.equals("models")) {
      assertThat(result.err()).as("models never sends a job").contains("fix the route file")
          .doesNotContain("nothing was sent");
    } else {
      assertThat(result.err()).contains("; nothing was sent");
    }
    assertThat(fake.requests()).as("nothing sent").isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"generate", "batch"})
  void aHintTheProviderCannotUseRefusesJobsOnThatRouteWithExit2BeforeAnythingIsSent(String command)
      throws IOException {
    Files.writeString(dir.resolve("jobs.jsonl"), "{\"model\": \"acme-video-2\", \"prompt\": \"p\"}\n");
    Files.writeString(dir.resolve("typo.json"), ACME.replace("\"max_prompt_chars\": 2000,",
        "\"max_prompt_chars\": 2000, \"hints\": {\"toapis\": {\"duration_feild\": \"seconds\"}},"));

    CliRun.Result result = CliRun.in(dir).env("TOAPIS_API_KEY", fake.apiKey())
        .run(concat(command.equals("batch") ? List.of(command, "jobs.jsonl") : List.of(command,
            "--model", "acme-video-2", "--prompt", "a fox in the snow", "--no-wait"), "--base-url", fake.baseUrl(),
            "--routes", "typo.json"));

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).contains("warning: the hints of a route cannot be used with provider toapis:"
        + " acme-video-2: hints.toapis: unknown key duration_feild; allowed: aspect_ratio_field, client_reference,"
        + " duration_as_string, duration_field, image_field, images_by_mode, legacy_inputs, mode_field, mode_values,"
        + " resolution_field, resolution_values, single_image, videos_by_mode (from ", "typo.json",
        "other models are not affected");
    assertThat(result.all()).contains("the route acme-video-2 (from ", "typo.json) cannot be used with provider"
        + " toapis", "jobs on it are refused until its hints are fixed");
    assertThat(fake.creates()).as("no create").isEmpty();
  }

  @Test
  void aHintOneRouteCannotUseLeavesJobsOnOtherModelsAlone() throws IOException {
    Files.writeString(dir.resolve("typo.json"), ACME.replace("\"max_prompt_chars\": 2000,",
        "\"max_prompt_chars\": 2000, \"hints\": {\"toapis\": {\"duration_feild\": \"seconds\"}},"));

    CliRun.Result result = CliRun.in(dir).env("TOAPIS_API_KEY", fake.apiKey()).run("generate", "--json",
        "--model", "seedance-2", "--prompt", "a fox in the snow", "--seconds", "5", "--no-wait", "--base-url",
        fake.baseUrl(), "--routes", "typo.json");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.err()).contains("acme-video-2: hints.toapis: unknown key duration_feild");
    assertThat(fake.creates()).singleElement().satisfies(create -> assertThat(create.body()).contains("seedance-2"));
  }

  /** Writes typo.json (ACME with {@code typo} added) and submits a job without it; gives the task id. */
  private String submittedBeside(String typo) throws IOException {
    Files.writeString(dir.resolve("typo.json"), ACME.replace("\"max_prompt_chars\": 2000,",
        "\"max_prompt_chars\": 2000, " + typo));
    CliRun.Result submitted = CliRun.in(dir).env("TOAPIS_API_KEY", fake.apiKey())
        .run("generate", "--json", "--no-wait", "--base-url", fake.baseUrl(), "--prompt", "p", "--image",
            "https://img.example/a.png");
    return (String) submitted.json().get("task_id");
  }

  @Test
  void aHintTheProviderCannotUseDoesNotKeepAPaidTaskFromBeingFollowed() throws IOException {
    String taskId = submittedBeside("\"hints\": {\"toapis\": {\"duration_feild\": \"seconds\"}},");

    for (List<String> command : List.of(List.of("status", taskId), List.of("quote", "--prompt", "p", "--image",
        "https://img.example/a.png"))) {
      CliRun.Result result = CliRun.in(dir).env("TOAPIS_API_KEY", fake.apiKey())
          .run(concat(command, "--base-url", fake.baseUrl(), "--routes", "typo.json"));

      assertThat(result.exitCode()).as(result.all()).isZero();
      assertThat(result.err()).contains("warning: the hints of a route cannot be used with provider toapis:"
          + " acme-video-2:", "jobs on those routes are refused until the route file is fixed");
    }
  }

  @Test
  void aRouteFileThatCannotBeReadDoesNotKeepAPaidTaskFromBeingFollowedButStopsJobs() throws IOException {
    String taskId = submittedBeside("\"secs\": 5,");

    CliRun.Result status = CliRun.in(dir).env("TOAPIS_API_KEY", fake.apiKey())
        .run("status", taskId, "--base-url", fake.baseUrl(), "--routes", "typo.json");
    CliRun.Result generate = CliRun.in(dir).env("TOAPIS_API_KEY", fake.apiKey())
        .run("generate", "--no-wait", "--base-url", fake.baseUrl(), "--routes", "typo.json", "--prompt", "p",
            "--image", "https://img.example/a.png");

    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.err()).contains("warning: " + dir.resolve("typo.json")).contains("secs")
        .contains("the route files are left out (the built-in models are used), so that the task can still be"
            + " followed and saved");
    assertThat(status.all()).as("a command it prints does not name the file left out again").contains("vidgen ")
        .doesNotContain("--routes " + dir.resolve("typo.json"));
    assertThat(generate.exitCode()).as("a job is not sent on a catalog the user did not mean").isEqualTo(2);
    assertThat(fake.creates()).hasSize(1);
  }

  @Test
  void everyProblemOfARouteFileIsListedOnALineOfItsOwn() throws IOException {
    Files.writeString(dir.resolve("bad.json"), "{\"routes\": [{\"id\": \"acme\", \"modes\": {\"t2v\": {}},"
        + " \"seconds\": {\"one_of\": [5], \"default\": 5}}], \"remove\": [\"ghost\"]}");

    CliRun.Result text = CliRun.in(dir).run("models", "--provider", "mock", "--routes", "bad.json");
    CliRun.Result json = CliRun.in(dir).run("models", "--provider", "mock", "--routes", "bad.json", "--json");

    assertThat(text.exitCode()).as(text.all()).isEqualTo(2);
    assertThat(text.err().lines().filter(line -> line.startsWith("vidgen: " + dir.resolve("bad.json"))))
        .hasSize(2).anySatisfy(line -> assertThat(line).contains("routes[0].modes.t2v: unknown mode"))
        .anySatisfy(line -> assertThat(line).contains("remove[0]: remove of an unknown route \"ghost\""));
    assertThat(text.err()).contains("2 problems in " + dir.resolve("bad.json") + " (listed above)");
    @SuppressWarnings("unchecked")
    Map<String, Object> error = (Map<String, Object>) json.json().get("error");
    assertThat(error).containsEntry("message", "2 problems in " + dir.resolve("bad.json") + " (each in problems)");
    assertThat(json.json().get("problems")).as("a list a script can read, as violations are").asList()
        .extracting(problem -> (Object) ((Map<?, ?>) problem).get("path"))
        .containsExactly("routes[0].modes.t2v", "remove[0]");
    assertThat(json.err().split("remove of an unknown route", -1)).as("each told once: " + json.err()).hasSize(2);

    Files.writeString(dir.resolve("also-bad.json"), "{\"remove\": [\"phantom\"]}");
    CliRun.Result two = CliRun.in(dir).run("models", "--provider", "mock", "--routes", "bad.json", "--routes",
        "also-bad.json");
    assertThat(two.err()).as("the count names no one file of two").contains("3 problems in 2 route files (listed above)");
  }

  @Test
  void problemsInARouteFileOfVidgenRoutesAndOneOfRoutesEndWithAdviceNamingBothFiles() throws IOException {
    Files.writeString(dir.resolve("shared.json"), "{\"remove\": [\"phantom\"]}");
    Files.writeString(dir.resolve("mine.json"), "{\"remove\": [\"ghost\"]}");

    CliRun.Result result = CliRun.in(dir).env("VIDGEN_ROUTES", "shared.json")
        .run("models", "--provider", "mock", "--routes", "mine.json");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).contains("2 problems in 2 route files (listed above) — fix the route files"
        + " (docs/routes.md shows the format, docs/routes.schema.json its schema): " + dir.resolve("shared.json")
        + " (VIDGEN_ROUTES), " + dir.resolve("mine.json") + " (--routes)")
        .doesNotContain("which VIDGEN_ROUTES names").as("models never sends a job").doesNotContain("nothing was sent");
  }

  @Test
  void aMissingRouteFileIsNamed() {
    CliRun.Result result = CliRun.in(dir).run("models", "--provider", "mock", "--routes", "nope.json");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains(dir.resolve("nope.json") + ": no such file");
  }

  @Test
  void aRouteFileThatDoesNotExistOrIsAFolderIsAPathToCheckWhereItWasGivenNotAFileToFix() throws IOException {
    java.nio.file.Files.createDirectories(dir.resolve("routes-folder"));

    CliRun.Result missing = CliRun.in(dir).run("models", "--provider", "mock", "--routes", "nope.json", "--json");
    CliRun.Result folder = CliRun.in(dir).env("VIDGEN_ROUTES", "routes-folder").run("models", "--provider", "mock");

    assertThat(missing.exitCode()).as(missing.all()).isEqualTo(2);
    assertThat((String) ((java.util.Map<?, ?>) missing.json().get("error")).get("message"))
        .isEqualTo(dir.resolve("nope.json") + ": no such file");
    assertThat((String) ((java.util.Map<?, ?>) missing.json().get("error")).get("next"))
        .as("the message says it is missing; the advice does not say it again")
        .isEqualTo("check the path given to --routes");
    assertThat(folder.exitCode()).as(folder.all()).isEqualTo(2);
    assertThat(folder.err()).contains(dir.resolve("routes-folder") + " is a folder, not a route file: check the path"
        + " VIDGEN_ROUTES holds").doesNotContain("fix the route file").doesNotContain("nothing was sent");
  }

  @Test
  void refusesARetiredModelUnlessAllowed() {
    String[] job = {"validate", "--provider", "mock", "--model", "sora-2-vvip", "--prompt", "a lighthouse", "--seconds", "8"};

    CliRun.Result refused = CliRun.in(dir).run(job);
    CliRun.Result allowed = CliRun.in(dir).run(concat(List.of(job), "--allow-retired"));

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(2);
    assertThat(refused.all()).contains("sora-2-vvip was retired on 2026-09-24 (OpenAI ended Sora 2 and its Videos API"
        + " on 2026-09-24); choose veo3.1-fast, seedance-2 or kling-v3 instead");
    assertThat(allowed.exitCode()).as(allowed.all()).isZero();
    assertThat(allowed.all()).contains("it is sent anyway because retired routes are allowed");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aRetirementDayStillToComeLetsTheModelWorkWithAWarning() throws IOException {
    Files.writeString(dir.resolve("later.json"), "{\"patch\": {\"seedance-2-fast\": {\"retired\": {\"on\": \"2999-06-01\","
        + " \"note\": \"the fast tier ends\", \"instead\": [\"seedance-2\"]}}}}");

    CliRun.Result validate = CliRun.in(dir).run("validate", "--provider", "mock", "--routes", "later.json",
        "--model", "seedance-2-fast", "--prompt", "a lighthouse", "--seconds", "5");
    CliRun.Result models = CliRun.in(dir).run("models", "--provider", "mock", "--routes", "later.json");
    CliRun.Result json = CliRun.in(dir).run("models", "--json", "--provider", "mock", "--routes", "later.json");

    assertThat(validate.exitCode()).as(validate.all()).isZero();
    assertThat(validate.all()).contains("seedance-2-fast will be retired on 2999-06-01 (the fast tier ends)")
        .doesNotContain("was retired");
    assertThat(models.out()).contains("seedance-2-fast (retired from 2999-06-01)",
        "seedance-2-fast works until it is retired on 2999-06-01 (the fast tier ends); choose seedance-2 before then.");
    List<Map<String, Object>> listed = (List<Map<String, Object>>) json.json().get("models");
    assertThat(listed).filteredOn(model -> model.get("id").equals("seedance-2-fast")).singleElement()
        .satisfies(model -> assertThat(model).containsEntry("retired", null).containsEntry("retiring", "2999-06-01"));
  }

  @Test
  void aPatchWithRetiredNullBringsARetiredModelBack() throws IOException {
    Files.writeString(dir.resolve("back.json"), "{\"patch\": {\"sora-2\": {\"retired\": null}}}");

    CliRun.Result result = CliRun.in(dir).run("validate", "--provider", "mock", "--routes", "back.json",
        "--model", "sora-2", "--prompt", "a lighthouse", "--seconds", "10");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.all()).doesNotContain("retired");
  }

  @Test
  void aRouteFileWithAByteOrderMarkIsRead() throws IOException {
    Files.write(dir.resolve("bom.json"), ("\uFEFF" + ACME).getBytes(java.nio.charset.StandardCharsets.UTF_8));

    CliRun.Result result = CliRun.in(dir).run("validate", "--provider", "mock", "--routes", "bom.json",
        "--model", "acme-video-2", "--prompt", "a lighthouse", "--seconds", "5");

    assertThat(result.exitCode()).as(result.all()).isZero();
  }

  @Test
  void anInsteadThatNamesNoModelIsRefusedWhenTheFileIsRead() throws IOException {
    Files.writeString(dir.resolve("nope.json"), "{\"patch\": {\"seedance-2-fast\": {\"retired\": {\"on\": \"2026-01-01\","
        + " \"note\": \"gone\", \"instead\": [\"nope-model\"]}}}}");

    CliRun.Result result = CliRun.in(dir).run("validate", "--provider", "mock", "--routes", "nope.json",
        "--model", "seedance-2", "--prompt", "a lighthouse", "--seconds", "5");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).contains(dir.resolve("nope.json") + ": patch.seedance-2-fast.retired.instead[0]: instead names"
        + " \"nope-model\", which is not a route", "; vidgen models lists the known ids");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aDryRunOnToApisNeedsNoKeyAndShowsItAbsent() {
    CliRun.Result json = CliRun.in(dir).run("generate", "--provider", "toapis", "--dry-run", "--json",
        "--base-url", fake.baseUrl(), "--prompt", "slow push-in", "--image", "https://img.example/p.png");
    CliRun.Result text = CliRun.in(dir).run("generate", "--provider", "toapis", "--dry-run",
        "--base-url", fake.baseUrl(), "--prompt", "slow push-in", "--image", "https://img.example/p.png");

    assertThat(json.exitCode()).as(json.all()).isZero();
    Map<String, Object> request = (Map<String, Object>) json.json().get("request");
    assertThat((Map<String, Object>) request.get("headers"))
        .containsEntry("Authorization", "Bearer <absent: TOAPIS_API_KEY is not set>");
    assertThat(request).containsEntry("api_key", "absent").containsEntry("url", fake.baseUrl() + "/v1/videos/generations");
    assertThat((Map<String, Object>) request.get("body")).containsEntry("model", "grok-video-1.5-preview")
        .containsEntry("seconds", "10");
    assertThat(text.exitCode()).as(text.all()).isZero();
    assertThat(text.out()).contains("dry run: nothing was sent (no create, and no read of a model list or a balance)", "Authorization: Bearer <absent: TOAPIS_API_KEY is not set>");
    assertThat(text.all()).doesNotContain("sk-offline");
    assertThat(fake.requests()).as("nothing sent").isEmpty();
  }

  @Test
  void theWayOnOfAJobOnARouteFileWorksFromAnotherFolder(@TempDir Path home, @TempDir Path elsewhere) {
    CliRun.Result submitted = CliRun.in(dir).env("TOAPIS_API_KEY", fake.apiKey()).env("VIDGEN_HOME", home.toString())
        .run("generate", "--no-wait", "--base-url", fake.baseUrl(), "--routes", "acme.json", "--model", "acme-video-2",
            "--prompt", "a fox in the snow", "--seconds", "10");
    assertThat(submitted.exitCode()).as(submitted.all()).isZero();
    String next = submitted.out().lines().filter(line -> line.startsWith("next ")).findFirst().orElseThrow()
        .substring("next ".length()).strip();
    assertThat(next).as("the route file as the user gave it could not be found from another folder")
        .contains("--routes " + dir.resolve("acme.json"));

    List<String> words = ShellWords.split(next);
    CliRun.Result waited = CliRun.in(elsewhere).env("TOAPIS_API_KEY", fake.apiKey()).env("VIDGEN_HOME", home.toString())
        .run(concat(words.subList(1, words.size()), "--poll-interval", "20ms"));

    assertThat(waited.exitCode()).as(waited.all()).isZero();
    assertThat(waited.err()).as("the route file was found").doesNotContain("warning", "no such file");
    assertThat(elsewhere.resolve(fake.taskIds().get(0) + ".mp4")).isNotEmptyFile();
  }

  @Test
  void theLookUpOfAnUnansweredCreateOnARouteFileNamesTheFileFromAnyFolder(@TempDir Path home,
      @TempDir Path elsewhere) {
    fake.inject(dev.vidgen.testkit.toapis.Endpoint.CREATE, dev.vidgen.testkit.toapis.Fault.dropAfterProcessing());
    // The look-up that follows a create without an answer fails too, so the job stays unknown.
    fake.inject(dev.vidgen.testkit.toapis.Endpoint.STATUS, dev.vidgen.testkit.toapis.Fault.unavailable(), 20);
    CliRun.Result unanswered = CliRun.in(dir).env("TOAPIS_API_KEY", fake.apiKey()).env("VIDGEN_HOME", home.toString())
        .run("generate", "--no-wait", "--base-url", fake.baseUrl(), "--routes", "acme.json", "--model", "seedance-2",
            "--prompt", "a fox in the snow", "--seconds", "5", "--retry-delay", "1ms");
    fake.clearFaults();
    String reference = fake.lastCreate().orElseThrow().clientReference().orElseThrow();
    String lookUp = "vidgen status unanswered-" + reference + " --base-url " + fake.baseUrl() + " --routes "
        + dir.resolve("acme.json");

    assertThat(unanswered.exitCode()).as(unanswered.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    assertThat(unanswered.err()).contains("look it up with " + lookUp + " before you send it again");
    assertThat(dev.vidgen.serve.history.TaskHistory.in(home).find("unanswered-" + reference).orElseThrow().error())
        .as("what the history keeps for later").contains(lookUp);

    List<String> words = ShellWords.split(lookUp);
    CliRun.Result found = CliRun.in(elsewhere).env("TOAPIS_API_KEY", fake.apiKey()).env("VIDGEN_HOME", home.toString())
        .run(words.subList(1, words.size()).toArray(String[]::new));

    assertThat(found.exitCode()).as(found.all()).isZero();
    assertThat(found.err()).doesNotContain("warning", "no such file")
        .contains("made a task that has since been found: task " + fake.taskIds().get(0));
  }

  private static String[] concat(List<String> first, String... more) {
    return java.util.stream.Stream.concat(first.stream(), java.util.stream.Stream.of(more)).toArray(String[]::new);
  }
}
