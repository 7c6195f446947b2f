package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.TaskHistory;
import dev.vidgen.testkit.fixtures.Images;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command on the offline mock provider, run in this JVM. */
class MockCommandsTest {
  private static final String[] FAST = {"--set", "mock.duration=300ms", "--poll-interval", "50ms"};

  @TempDir Path dir;
  private Path image;

  @BeforeEach
  void writeImage() {
    image = Images.png(640, 360).writeTo(dir.resolve("product.png"));
  }

  private CliRun cli() {
    return CliRun.in(dir);
  }

  private static String[] fast(String... args) {
    String[] all = new String[args.length + FAST.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(FAST, 0, all, args.length, FAST.length);
    return all;
  }

  @Test
  @SuppressWarnings("unchecked")
  void generateTellsTheJobsValidationWarningsAsValidateDoes() {
    CliRun.Result result = cli().run(fast("generate", "--json", "--provider", "mock", "--no-wait", "--allow-retired",
        "--model", "sora-2-vvip", "--prompt", "a lighthouse", "--seconds", "8", "--param", "motion_boost=3"));

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.err()).contains("vidgen: warning: model: sora-2-vvip was retired on 2026-09-24",
        "it is sent anyway because retired routes are allowed", "motion_boost");
    List<Map<String, Object>> warnings = (List<Map<String, Object>>) result.json().get("warnings");
    assertThat(warnings).extracting(warning -> warning.get("code")).contains("model.retired", "param.unknown");
  }

  @Test
  void fallsBackToTheMockWithANoticeWhenNoKeyIsSet() {
    CliRun.Result result = cli().run("models");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.err()).contains("no TOAPIS_API_KEY is set, so the offline mock provider is used");
    assertThat(result.err().lines().filter(line -> line.contains("mock provider"))).hasSize(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void liveModelsOnTheMockSayWhyNotInsteadOfAnUnexpectedError() {
    CliRun.Result result = cli().run("models", "--provider", "mock", "--live", "--json");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OTHER);
    Map<String, Object> error = (Map<String, Object>) result.json().get("error");
    assertThat(error).containsEntry("kind", "unsupported");
    assertThat((String) error.get("message")).startsWith("provider mock does not list the models a key may use")
        .contains("the mock made from its settings lists no live models: no setting gives it a list")
        .as("no Java builder method on the command line").doesNotContain("MockVideoProvider.Builder");
    assertThat((String) error.get("next")).contains("leave out --live", "--provider toapis");
  }

  @Test
  void listsModelsInAnAlignedTableWithPrices() {
    CliRun.Result result = cli().run("models", "--provider", "mock");

    assertThat(result.exitCode()).as(result.all()).isZero();
    List<String> lines = result.out().lines().toList();
    assertThat(lines.get(0)).startsWith("MODEL").contains("SECONDS", "PRICE");
    String grok = lines.stream().filter(l -> l.startsWith("grok-video-1.5-preview ")).findFirst().orElseThrow();
    assertThat(grok).contains("i2v(1)", "10, 15 (default 10)", "$0.10 for 10 s, $0.15 for 15 s")
        .as("a price per request of that duration, not per 10 seconds").doesNotContain("/10 s");
    assertThat(grok.indexOf("i2v")).isEqualTo(lines.get(0).indexOf("MODES"));
    assertThat(grok).as("the ratio sent when a job gives none").contains("16:9* 9:16");
    String seedance = lines.stream().filter(l -> l.startsWith("seedance-2 ")).findFirst().orElseThrow();
    assertThat(seedance).as("no ratio is sent by default: none marked").doesNotContain(":9*").contains("720p*");
    assertThat(result.out()).contains("* marks the ratio and resolution sent when a job gives none");
    assertThat(result.err()).doesNotContain("mock provider is used");
  }

  @Test
  @SuppressWarnings("unchecked")
  void listsModelsAsOneJsonObject() {
    CliRun.Result result = cli().run("models", "--json", "--provider", "mock");

    assertThat(result.exitCode()).as(result.all()).isZero();
    List<Map<String, Object>> models = (List<Map<String, Object>>) result.json().get("models");
    Map<String, Object> grok = models.stream()
        .filter(m -> m.get("id").equals("grok-video-1.5-preview")).findFirst().orElseThrow();
    assertThat(grok).containsEntry("modes", List.of("image-to-video"))
        .containsEntry("seconds", List.of(10.0, 15.0))
        .containsEntry("aspect_ratios", List.of("16:9", "9:16", "3:2", "2:3", "1:1"));
    assertThat((Map<String, Object>) grok.get("price")).containsEntry("kind", "per_request");
  }

  @Test
  void validatesAGoodJob() {
    CliRun.Result result = cli().run("validate", "--provider", "mock", "--image", "product.png", "--prompt", "push in");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.out()).startsWith("valid: grok-video-1.5-preview (image-to-video)");
  }

  @Test
  @SuppressWarnings("unchecked")
  void listsEveryProblemOfABadJobWithExit2() {
    CliRun.Result result = cli().run("validate", "--json", "--provider", "mock",
        "--prompt", "push in", "--seconds", "12", "--aspect-ratio", "4:3", "--image", "product.png");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    Map<String, Object> json = result.json();
    List<Map<String, Object>> violations = (List<Map<String, Object>>) json.get("violations");
    assertThat(violations).extracting(v -> v.get("field")).contains("seconds", "aspect_ratio");
    assertThat(violations).allSatisfy(v -> assertThat(v).containsKeys("field", "code", "message"));
    assertThat((Map<String, Object>) json.get("error")).containsEntry("kind", "invalid_job");
  }

  @Test
  void printsOneLinePerProblemForPeople() {
    CliRun.Result result = cli().run("validate", "--provider", "mock", "--prompt", "p", "--seconds", "12",
        "--image", "product.png");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("error: seconds: 12 is not offered", "choose 10 or 15", "nothing was sent");
  }

  @Test
  void quotesAJobInCreditsAndDollars() {
    CliRun.Result text = cli().run("quote", "--provider", "mock", "--image", "product.png", "--prompt", "p",
        "--seconds", "15");
    CliRun.Result json = cli().run("quote", "--json", "--provider", "mock", "--image", "product.png",
        "--prompt", "p", "--seconds", "15");

    assertThat(text.exitCode()).as(text.all()).isZero();
    assertThat(text.out()).contains("price  30 credits ($0.15)");
    assertThat(json.json()).containsEntry("credits", 30.0).containsEntry("usd", 0.15)
        .containsEntry("model", "grok-video-1.5-preview");
    assertThat(json.out()).contains("\"usd\":0.15");
  }

  @Test
  void aDryRunAndAQuoteTellTheModeTheInputsChoseAndThatMode() {
    CliRun.Result withImage = cli().run("generate", "--dry-run", "--provider", "mock", "--model", "veo3.1-fast",
        "--image", "product.png", "--prompt", "a lighthouse");
    CliRun.Result promptOnly = cli().run("quote", "--provider", "mock", "--model", "veo3.1-fast",
        "--prompt", "a lighthouse");
    CliRun.Result asked = cli().run("quote", "--json", "--provider", "mock", "--model", "veo3.1-fast",
        "--mode", "r2v", "--image", "product.png", "--image", "product.png", "--image", "product.png",
        "--prompt", "a lighthouse");

    assertThat(withImage.exitCode()).as(withImage.all()).isZero();
    assertThat(withImage.out()).contains("mode   image-to-video (from the inputs; --mode chooses another)");
    assertThat(promptOnly.out()).contains("mode   text-to-video (from the inputs");
    assertThat(asked.exitCode()).as(asked.all()).isZero();
    assertThat(asked.json()).containsEntry("mode", "reference-to-video");
    CliRun.Result grok = cli().run("quote", "--provider", "mock", "--image", "product.png", "--prompt", "p");
    assertThat(grok.out()).as("one mode only: nothing to choose").contains("mode   image-to-video\n");
  }

  @Test
  void aBudgetRefusingAnAutomaticLengthAdvisesALengthNotARouteFileWhereTheModelHasAPrice() throws IOException {
    Path routes = dir.resolve("priced.json");
    java.nio.file.Files.writeString(routes, "{\"patch\": {\"seedance-2\": {\"price\": {\"per_second_usd\": \"0.04\"}}}}");
    CliRun.Result refused = cli().run("generate", "--provider", "mock", "--model", "seedance-2", "--seconds", "-1",
        "--prompt", "a lighthouse", "--max-credits", "10", "--routes", routes.toString());
    CliRun.Result unpriced = cli().run("generate", "--provider", "mock", "--model", "seedance-2", "--seconds", "-1",
        "--prompt", "a lighthouse", "--max-credits", "10");

    assertThat(refused.exitCode()).as(refused.all()).isNotZero();
    assertThat(refused.err()).contains("automatic length", "nothing was sent",
        "give a length with --seconds (vidgen models seedance-2 lists them) to have it priced,"
            + " or add --allow-unknown-prices")
        .doesNotContain("route file");
    assertThat(unpriced.exitCode()).as(unpriced.all()).isNotZero();
    assertThat(unpriced.err()).as("no length would price a model without a price: the route file comes first")
        .contains("no price is documented", "give the model's price in a route file")
        .doesNotContain("give a length");
  }

  @Test
  void quotesAnUnknownPriceSayingWhyOnce() {
    CliRun.Result text = cli().run("quote", "--provider", "mock", "--model", "veo3.1-fast", "--prompt", "a lighthouse");

    assertThat(text.exitCode()).as(text.all()).isZero();
    assertThat(text.out()).containsPattern("price +unknown\n");
    String basis = text.out().lines().filter(line -> line.startsWith("basis")).findFirst().orElseThrow()
        .replaceFirst("basis +", "");
    assertThat(basis).isNotBlank();
    assertThat(text.out().split(java.util.regex.Pattern.quote(basis), -1)).hasSize(2);
  }

  @Test
  void validateAndQuoteOnTheMockSayNothingOfAKeysModelListItHasNot() {
    for (String command : List.of("validate", "quote")) {
      CliRun.Result text = cli().run(command, "--provider", "mock", "--model", "seedance-2", "--prompt", "a lighthouse",
          "--seconds", "5");

      assertThat(text.exitCode()).as(text.all()).isZero();
      assertThat(text.all()).as(command).doesNotContain("live model list", "this key");
    }
  }

  @Test
  void aMistypedMockSettingIsAdvisedWithTheMocksSettingsNotAKey() {
    CliRun.Result result = cli().run("balance", "--provider", "mock", "--set", "mock.durtion=1s");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).contains("mock.durtion",
        "the mock takes mock.duration, mock.seed, mock.credits, mock.fail and mock.create_error")
        .doesNotContain("MOCK_API_KEY", "--base-url");
  }

  @Test
  void rejectsAMalformedOptionWithExit2AndAHint() {
    CliRun.Result result = cli().run("quote", "--provider", "mock", "--seconds", "ten");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--seconds", "ten", "vidgen quote --help");
  }

  @Test
  void rejectsAnUnknownCommandNamingTheCommands() {
    CliRun.Result result = cli().run("genrate", "--json");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).contains("'genrate' is not a vidgen command", "generate", "batch");
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.json()).containsKey("error");
  }

  @Test
  void rejectsAnUnknownModeNamingTheModes() {
    CliRun.Result result = cli().run("quote", "--json", "--provider", "mock", "--mode", "sideways");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--mode 'sideways' is not a mode", "image-to-video");
    assertThat(result.json()).containsKey("error");
  }

  @Test
  void generatesAnMp4OnTheMock() throws IOException {
    CliRun.Result result = cli().run(fast("generate", "--provider", "mock", "--image", "product.png",
        "--prompt", "slow push-in", "--out", "videos/product.mp4"));

    assertThat(result.exitCode()).as(result.all()).isZero();
    Path video = dir.resolve("videos/product.mp4");
    assertThat(Mp4Files.boxes(video)).startsWith("ftyp");
    assertThat(result.out()).contains("submitted", "status    completed", "file      videos/product.mp4 (");
  }

  @Test
  void drawsAProgressBarOnlyWhenStderrIsATerminal() {
    String[] job = fast("generate", "--provider", "mock", "--image", "product.png", "--prompt", "p");

    CliRun.Result onTerminal = cli().terminal(true).run(job);
    CliRun.Result inALog = cli().run(job);

    assertThat(onTerminal.exitCode()).as(onTerminal.all()).isZero();
    assertThat(onTerminal.err()).as(onTerminal.all()).contains("\rtask video_mock_", "[#", "100%  completed");
    assertThat(inALog.exitCode()).as(inALog.all()).isZero();
    assertThat(inALog.err()).as(inALog.all()).doesNotContain("\r").doesNotContain("[#")
        .containsPattern("vidgen: task video_mock_\\S+ completed after \\d+:\\d\\d");
  }

  @Test
  void savesUnderTheTaskIdByDefault() {
    CliRun.Result result = cli().run(fast("generate", "--json", "--provider", "mock", "--image", "product.png",
        "--prompt", "p"));

    assertThat(result.exitCode()).as(result.all()).isZero();
    Map<String, Object> json = result.json();
    assertThat(json).containsEntry("status", "completed").containsEntry("credits", 20.0)
        .containsKeys("task_id", "model", "video_url", "file", "usd");
    assertThat(Path.of((String) json.get("file"))).isEqualTo(dir.resolve(json.get("task_id") + ".mp4"));
    assertThat(result.err()).contains("task " + json.get("task_id") + " submitted");
  }

  @Test
  void previewsTheExactRequestOnADryRunAndSendsNothing() {
    CliRun.Result result = cli().run("generate", "--dry-run", "--json", "--provider", "mock",
        "--image", "product.png", "--prompt", "p", "--seconds", "15");

    assertThat(result.exitCode()).as(result.all()).isZero();
    @SuppressWarnings("unchecked")
    Map<String, Object> request = (Map<String, Object>) result.json().get("request");
    assertThat(request).containsEntry("method", "POST").containsKeys("url", "body");
    assertThat(request.get("body")).asString().contains("seconds=15", "upload://product.png");
    assertThat(dir.toFile().list()).containsExactly("product.png");
  }

  @Test
  void refusesAJobOverTheBudgetWithExit8() {
    CliRun.Result result = cli().run("generate", "--json", "--provider", "mock", "--image", "product.png",
        "--prompt", "p", "--seconds", "15", "--max-credits", "20");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(8);
    @SuppressWarnings("unchecked")
    Map<String, Object> error = (Map<String, Object>) result.json().get("error");
    assertThat(error).containsEntry("kind", "budget_exceeded").containsEntry("exit_code", 8.0);
    assertThat(result.json()).doesNotContainKey("task_id").containsEntry("model", "grok-video-1.5-preview")
        .containsEntry("credits", 30.0).containsEntry("usd", 0.15);
  }

  @Test
  void aBudgetRefusalBeforeAnySpendingSaysTheBudgetNotWhatItHasLeft() {
    CliRun.Result real = cli().run("generate", "--provider", "mock", "--image", "product.png", "--prompt", "p",
        "--seconds", "15", "--max-credits", "20");
    CliRun.Result dry = cli().run("generate", "--dry-run", "--provider", "mock", "--image", "product.png", "--prompt",
        "p", "--seconds", "15", "--max-credits", "20");

    for (CliRun.Result result : List.of(real, dry)) {
      assertThat(result.exitCode()).as(result.all()).isEqualTo(8);
      assertThat(result.err()).contains("grok-video-1.5-preview costs 30 credits but the budget is 20 credits;")
          .doesNotContain("credits left");
    }
  }

  @Test
  void waitsInALaterRunForATaskCreatedWithNoWait() throws IOException {
    CliRun.Result submitted = cli().run(fast("generate", "--no-wait", "--json", "--provider", "mock",
        "--image", "product.png", "--prompt", "p"));
    assertThat(submitted.exitCode()).as(submitted.all()).isZero();
    String taskId = (String) submitted.json().get("task_id");
    assertThat(submitted.json()).containsEntry("status", "queued");

    CliRun.Result waited = cli().run(fast("wait", taskId, "--provider", "mock", "--json"));

    assertThat(waited.exitCode()).as(waited.all()).isZero();
    assertThat(waited.json()).containsEntry("task_id", taskId).containsEntry("status", "completed");
    assertThat(Mp4Files.boxes(dir.resolve(taskId + ".mp4"))).startsWith("ftyp");
  }

  @Test
  void downloadWithoutOutSavesTheVideoHereNamedAfterItsTaskAsWaitDoesAndWithoutAHistoryNeverClaimsAFileThere() throws IOException {
    CliRun.Result made = cli().run(fast("generate", "--json", "--provider", "mock", "--image", "product.png",
        "--prompt", "p", "--out", "first.mp4"));
    assertThat(made.exitCode()).as(made.all()).isZero();
    String taskId = (String) made.json().get("task_id");

    CliRun.Result download = cli().run("download", taskId, "--provider", "mock", "--json");

    assertThat(download.exitCode()).as(download.all()).isZero();
    assertThat(download.json()).containsEntry("file", dir.resolve(taskId + ".mp4").toString());
    assertThat(Mp4Files.boxes(dir.resolve(taskId + ".mp4"))).startsWith("ftyp");
    // Run again with no task history (this run's environment has no home): nothing records that file as this task's,
    // and equal bytes do not make it so (every mock video has the same bytes), so it is kept and the video saved beside.
    CliRun.Result again = cli().run("download", taskId, "--provider", "mock", "--json");
    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(again.json().get("file")).as(again.all()).isNotEqualTo(dir.resolve(taskId + ".mp4").toString());
    assertThat(again.err()).contains(taskId + ".mp4 already holds another video (not this task's), which was kept");
    assertThat(Mp4Files.boxes(Path.of((String) again.json().get("file")))).startsWith("ftyp");
  }

  @Test
  void aWaitWithoutTimeoutGivesATaskOlderThanTheUsualDeadlineTheUsualTimeFromNow(@TempDir Path home) {
    CliRun.Result submitted = cli().env("VIDGEN_HOME", home.toString()).run("generate", "--no-wait", "--json",
        "--provider", "mock", "--set", "mock.duration=1500ms", "--image", "product.png", "--prompt", "p");
    String taskId = (String) submitted.json().get("task_id");
    TaskHistory history = TaskHistory.in(home);
    JobHandle handle = history.find(taskId).flatMap(HistoryEntry::jobHandle).orElseThrow();
    JobHandle anHourOld = new JobHandle(handle.providerId(), handle.taskId(), handle.model(), handle.quote(),
        Instant.now().minus(Duration.ofHours(1)), handle.clientReference());
    history.record(HistoryEntry.submitted(anHourOld,
        VideoJob.builder(handle.model()).prompt("p").image("https://example.com/a.png").build(), "generate"));

    CliRun.Result waited = cli().env("VIDGEN_HOME", home.toString())
        .run("wait", taskId, "--poll-interval", "50ms", "--json");

    assertThat(waited.exitCode()).as("not stopped at its first poll: " + waited.all()).isZero();
    assertThat(waited.json()).containsEntry("status", "completed");
  }

  @Test
  void aMockTasksPrintedAndRecordedCommandsCarryNoBaseUrlTheMockIgnored(@TempDir Path home) {
    String server = "http://127.0.0.1:22550";
    CliRun.Result submitted = cli().env("VIDGEN_HOME", home.toString()).env("TOAPIS_BASE_URL", server)
        .run(fast("generate", "--no-wait", "--json", "--provider", "mock", "--base-url", server, "--image",
            "product.png", "--prompt", "p"));
    CliRun.Result text = cli().env("VIDGEN_HOME", home.toString())
        .run(fast("generate", "--no-wait", "--provider", "mock", "--base-url", server, "--image", "product.png",
            "--prompt", "q"));
    String taskId = (String) submitted.json().get("task_id");
    TaskHistory history = TaskHistory.in(home);
    HistoryEntry recorded = history.find(taskId).orElseThrow();
    // As an earlier vidgen recorded a mock task: with the base URL it ignored, done, its video not saved.
    history.record(recorded.withBaseUrl(server).foundCompleted(null, Instant.now()));

    CliRun.Result listed = cli().env("VIDGEN_HOME", home.toString()).env("TOAPIS_BASE_URL", server).run("history");

    assertThat(submitted.exitCode()).as(submitted.all()).isZero();
    assertThat(submitted.all()).doesNotContain("--base-url");
    assertThat(text.exitCode()).as(text.all()).isZero();
    assertThat(text.out()).contains("vidgen wait ").doesNotContain("--base-url");
    assertThat(recorded.baseUrl()).as("recorded without the URL the mock ignored").isNull();
    assertThat(listed.out()).as(listed.all())
        .contains("Task " + taskId + " is done but its video was not saved; save it with: vidgen download " + taskId
            + " --provider mock --out ")
        .doesNotContain("--base-url");
  }

  @Test
  void anImageUrlOnThisMachineIsWarnedAboutBeforeAnythingIsSent() {
    CliRun.Result result = cli().run("generate", "--provider", "mock", "--image", "http://localhost/x.png",
        "--prompt", "a", "--dry-run");
    CliRun.Result json = cli().run("validate", "--provider", "mock", "--image", "http://192.168.1.5/x.png",
        "--prompt", "a", "--json");

    assertThat(result.exitCode()).as("a warning, not a refusal " + result.all()).isZero();
    assertThat(result.err()).contains("warning: images[0]: http://localhost/x.png names this machine (or a private"
        + " network), which the provider cannot reach", "give the file's path and vidgen uploads it");
    assertThat(json.exitCode()).as(json.all()).isZero();
    assertThat(json.all()).contains("image.url_not_public");
  }

  @Test
  void resumesFromAnEncodedHandleWithItsProvider() {
    CliRun.Result submitted = cli().run(fast("generate", "--no-wait", "--json", "--provider", "mock",
        "--image", "product.png", "--prompt", "p"));
    String handle = (String) submitted.json().get("handle");

    CliRun.Result status = cli().env("TOAPIS_API_KEY", "sk-unused").run("status", handle, "--json");

    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.json()).containsEntry("provider", "mock").containsEntry("model", "grok-video-1.5-preview")
        .containsEntry("credits", 20.0);
  }

  @Test
  void statusOfAHandleThisMachineDoesNotKnowSaysToWaitWithTheHandleNotTheBareId(@TempDir Path elsewhere) {
    CliRun.Result submitted = cli().run("generate", "--no-wait", "--json", "--provider", "mock",
        "--set", "mock.duration=10m", "--image", "product.png", "--prompt", "p");
    String handle = (String) submitted.json().get("handle");
    String taskId = (String) submitted.json().get("task_id");

    CliRun.Result status = cli().env("VIDGEN_HOME", elsewhere.toString()).run("status", handle);
    CliRun.Result here = cli().run("status", taskId, "--provider", "mock");

    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.out()).as("the handle keeps the model and price").contains("vidgen wait " + handle);
    assertThat(here.out()).as("this machine's history knows the bare id").contains("vidgen wait " + taskId);
    CliRun.Result statusJson = cli().env("VIDGEN_HOME", elsewhere.toString()).run("status", handle, "--json");
    CliRun.Result hereJson = cli().run("status", taskId, "--provider", "mock", "--json");
    assertThat(statusJson.json()).as("--json's next is the text's").containsEntry("next", nextLine(status));
    assertThat(hereJson.json()).containsEntry("next", nextLine(here));
  }

  /** The value of the text output's {@code next} line. */
  private static String nextLine(CliRun.Result result) {
    return result.out().lines().filter(line -> line.startsWith("next ")).map(line -> line.substring(4).strip())
        .findFirst().orElseThrow(() -> new AssertionError("no next line in: " + result.all()));
  }

  @Test
  void aFileGivenByItsAbsolutePathIsShownByItAndARelativeOneRelatively() {
    Path absolute = dir.resolve("abs.mp4").toAbsolutePath();

    CliRun.Result byAbsolute = cli().run("generate", "--provider", "mock", "--image", "product.png", "--prompt", "p",
        "--out", absolute.toString());
    CliRun.Result byRelative = cli().run("generate", "--provider", "mock", "--image", "product.png", "--prompt", "q",
        "--out", "rel.mp4");

    assertThat(byAbsolute.exitCode()).as(byAbsolute.all()).isZero();
    assertThat(byAbsolute.out()).containsPattern("file +" + java.util.regex.Pattern.quote(absolute.toString()));
    assertThat(byRelative.exitCode()).as(byRelative.all()).isZero();
    assertThat(byRelative.out()).containsPattern("file +rel\\.mp4");
  }

  @Test
  void downloadSaysToWaitWhenTheTaskIsNotFinished() {
    CliRun.Result submitted = cli().run("generate", "--no-wait", "--json", "--provider", "mock",
        "--set", "mock.duration=10m", "--image", "product.png", "--prompt", "p");
    String taskId = (String) submitted.json().get("task_id");

    CliRun.Result download = cli().run("download", taskId, "--out", "x.mp4", "--provider", "mock");

    assertThat(download.exitCode()).isEqualTo(1);
    assertThat(download.err()).contains("not finished yet", "vidgen wait " + taskId);
    assertThat(dir.resolve("x.mp4")).doesNotExist();

    CliRun.Result json = cli().run("download", taskId, "--out", "x.mp4", "--provider", "mock", "--json");
    assertThat(json.json().get("status")).as("the status just read, as the message says it: " + json.all())
        .isIn("queued", "in_progress");
  }

  @Test
  void stopsAtTheDeadlineWithExit7AndTheTaskId() {
    CliRun.Result result = cli().run("generate", "--provider", "mock", "--set", "mock.duration=10m",
        "--poll-interval", "50ms", "--timeout", "300ms", "--image", "product.png", "--prompt", "p");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(7);
    String taskId = result.out().lines().filter(l -> l.startsWith("task ")).findFirst().orElseThrow().split(" ")[1];
    assertThat(result.err()).contains("vidgen wait " + taskId + " --provider mock");
  }

}
