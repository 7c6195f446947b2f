package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import dev.vidgen.testkit.toapis.Lifecycle;
import dev.vidgen.testkit.toapis.ReceivedRequest;
import dev.vidgen.testkit.toapis.TaskScript;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The commands besides generate's endings, against the fake ToAPIs, run in this JVM, each with a
 * task history of its own (as a user has), which {@code status}, {@code wait} and {@code download}
 * read and bring up to date.
 */
class ToApisCommandsTest {
  private static final String KEY = "sk-test" + "5".repeat(44);

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY)
      .server(settings -> settings.requestIdHeader("X-Request-Id")).start();
  private final Path dir = cli.dir();
  private final Path home = cli.home();
  private FakeToApisServer fake = cli.fake();

  private CliRun.Result vidgen(String... args) {
    return vidgen(false, args);
  }

  private CliRun.Result vidgen(boolean terminal, String... args) {
    String[] all = Stream.concat(Stream.of(args),
        Stream.of("--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--retry-delay", "1ms"))
        .toArray(String[]::new);
    CliRun.Result result = cli.vidgen()
        .terminal(terminal).run(all);
    assertThat(result.all()).as("the key is never printed").doesNotContain(KEY).doesNotContain(KEY.substring(3));
    return result;
  }

  private String submitted(String... more) {
    String[] args = Stream.concat(
        Stream.of("generate", "--no-wait", "--json", "--image", "product.png", "--prompt", "slow push-in"),
        Stream.of(more)).toArray(String[]::new);
    CliRun.Result result = vidgen(args);
    assertThat(result.exitCode()).as(result.all()).isZero();
    return (String) result.json().get("task_id");
  }

  @Test
  void usesToApisWhenAKeyIsSetAndUploadsTheLocalImageFirst() {
    CliRun.Result result = vidgen("generate", "--json", "--image", "product.png", "--prompt", "slow push-in",
        "--seconds", "15", "--aspect-ratio", "9:16");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.err()).doesNotContain("mock");
    assertThat(fake.requests(Endpoint.UPLOAD)).hasSize(1);
    Map<String, Object> body = fake.lastCreate().orElseThrow().json();
    assertThat(body).containsEntry("model", "grok-video-1.5-preview").containsEntry("seconds", "15")
        .containsEntry("aspect_ratio", "9:16");
    assertThat(body.get("images")).asInstanceOf(InstanceOfAssertFactories.LIST)
        .singleElement().asString().startsWith("https://");
    assertThat(result.json()).containsEntry("credits", 30.0).containsEntry("usd", 0.15);
  }

  @Test
  void sendsAnInlineImageAndAStoredAssetAsSeedanceFramesWithoutUploadingEither() {
    String inline = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==";
    CliRun.Result result = vidgen("generate", "--no-wait", "--json", "--model", "seedance-2", "--prompt", "the dancer turns",
        "--image", inline, "--image", "asset://asset-20261201-kite");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(fake.requests(Endpoint.UPLOAD)).isEmpty();
    assertThat(fake.lastCreate().orElseThrow().json().get("image_with_roles"))
        .isEqualTo(java.util.List.of(Map.of("url", inline, "role", "first_frame"),
            Map.of("url", "asset://asset-20261201-kite", "role", "last_frame")));
  }

  @Test
  void printsTheTaskIdAndStopsWithNoWait() {
    CliRun.Result result = vidgen("generate", "--no-wait", "--image", "product.png", "--prompt", "p");

    assertThat(result.exitCode()).as(result.all()).isZero();
    String taskId = fake.taskIds().get(0);
    assertThat(result.out()).contains("task      " + taskId, "next      vidgen wait " + taskId);
    assertThat(fake.pollsOf(taskId)).isZero();
    assertThat(dir.toFile().list()).containsExactly("product.png");
  }

  @Test
  void noWaitJsonGivesTheStatusAndProgressTheCreateAnswered() {
    CliRun.Result result = vidgen("generate", "--no-wait", "--json", "--image", "product.png", "--prompt", "p");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.json()).containsEntry("task_id", fake.taskIds().get(0)).containsEntry("status", "queued")
        .containsEntry("progress", 0.0);
  }

  @Test
  void noWaitRecordsWhatTheCreateAnsweredNotQueued() {
    // A provider that answers a create with the task already running.
    fake.inject(Endpoint.CREATE, Fault.answer(200, "application/json", "{\"id\":\"video_running\",\"object\":"
        + "\"generation.task\",\"model\":\"grok-video-1.5-preview\",\"status\":\"in_progress\",\"progress\":30,"
        + "\"created_at\":" + java.time.Instant.now().getEpochSecond() + "}"), 1);

    CliRun.Result result = vidgen("generate", "--no-wait", "--json", "--image", "product.png", "--prompt", "p");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.json()).containsEntry("task_id", "video_running").containsEntry("status", "in_progress");
    Map<String, Object> history = vidgen("history", "--json").json();
    assertThat(history.get("tasks")).asList().singleElement()
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("status", "in_progress");
  }

  @Test
  void aWaitEndedByA401KeepsTheLastStatusAndProgressItSawInItsJson() {
    fake = cli.restartFake(settings -> settings.lifecycle(Lifecycle.byPolls(0, 3)));
    String taskId = submitted();
    fake.inject(Endpoint.STATUS, Fault.slow(java.time.Duration.ZERO), 1); // the first read is answered: 25%
    fake.inject(Endpoint.STATUS, Fault.status(401), 20);

    CliRun.Result result = vidgen("wait", taskId, "--json", "--verbose");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.AUTHENTICATION);
    assertThat(result.err()).contains("status of " + taskId + ": in_progress 25%");
    assertThat(result.json()).containsEntry("task_id", taskId).containsEntry("status", "in_progress")
        .containsEntry("progress", 25.0).containsKey("error");
  }

  @Test
  @SuppressWarnings("unchecked")
  void previewsTheExactRequestWithTheKeyMaskedAndSendsNothing() {
    CliRun.Result json = vidgen("generate", "--dry-run", "--json", "--image", "https://example.com/p.png",
        "--prompt", "slow push-in", "--param", "seed=42");
    CliRun.Result text = vidgen("generate", "--dry-run", "--image", "https://example.com/p.png",
        "--prompt", "slow push-in", "--param", "seed=42");

    assertThat(json.exitCode()).as(json.all()).isZero();
    Map<String, Object> request = (Map<String, Object>) json.json().get("request");
    assertThat(request).containsEntry("method", "POST")
        .containsEntry("url", fake.baseUrl() + "/v1/videos/generations");
    assertThat((Map<String, Object>) request.get("headers")).containsEntry("Authorization", "Bearer sk-…");
    assertThat((Map<String, Object>) request.get("body")).containsEntry("model", "grok-video-1.5-preview")
        .containsEntry("images", List.of("https://example.com/p.png")).containsEntry("seed", 42.0);
    assertThat(json.json()).containsEntry("credits", 20.0).containsEntry("dry_run", true);
    assertThat(text.out()).contains("dry run: no create was sent (only free reads, such as the model list and the balance)", "POST " + fake.baseUrl() + "/v1/videos/generations",
        "Authorization: Bearer sk-…", "\"seed\":42");
    assertThat(fake.requests()).as("nothing but the free reads a create makes first: the model list, the balances")
        .allSatisfy(sent -> assertThat(sent.endpoint()).isIn(Endpoint.MODELS, Endpoint.BALANCE, Endpoint.USER_BALANCE));
  }

  @Test
  @SuppressWarnings("unchecked")
  void previewsAnAutomaticLengthAsTheNumberTheModelTakesWithNoPrice() {
    CliRun.Result json = vidgen("generate", "--dry-run", "--json", "--model", "seedance-2-5", "--prompt", "waves",
        "--seconds", "-1");
    CliRun.Result text = vidgen("generate", "--dry-run", "--model", "seedance-2", "--prompt", "waves",
        "--seconds", "0");
    CliRun.Result refused = vidgen("generate", "--dry-run", "--model", "seedance-2-5", "--prompt", "waves",
        "--seconds", "0");

    assertThat(json.exitCode()).as(json.all()).isZero();
    assertThat((Map<String, Object>) ((Map<String, Object>) json.json().get("request")).get("body"))
        .containsEntry("model", "seedance-2-5").containsEntry("duration", -1.0);
    assertThat(json.out()).contains("\"duration\":-1").doesNotContain("\"duration\":\"-1\"");
    assertThat(json.json().get("credits")).as("an automatic length has no price").isNull();
    assertThat(text.exitCode()).as(text.all()).isZero();
    assertThat(text.out()).contains("\"duration\":0").contains("automatic");
    assertThat(refused.exitCode()).as(refused.all()).isNotZero();
    assertThat(refused.err()).contains("seconds: 0 is not offered by seedance-2-5; choose 4 to 30, or -1 for an"
        + " automatic length");
    assertThat(fake.requests()).as("nothing but the free reads a create makes first: the model list, the balances")
        .allSatisfy(sent -> assertThat(sent.endpoint()).isIn(Endpoint.MODELS, Endpoint.BALANCE, Endpoint.USER_BALANCE));
  }

  @Test
  void keepsParameterNumbersExactlyAsGivenInTheRequestBody() {
    String[] job = {"generate", "--dry-run", "--image", "https://example.com/p.png", "--prompt", "p",
        "--param", "metadata={\"x\":1,\"cfg\":0.05}", "--param", "weight=0.05"};
    CliRun.Result json = vidgen(concat(job, "--json"));
    CliRun.Result text = vidgen(job);

    assertThat(json.exitCode()).as(json.all()).isZero();
    assertThat(json.out()).contains("\"metadata\":{\"x\":1,\"cfg\":0.05}", "\"weight\":0.05");
    assertThat(text.out()).contains("\"metadata\":{\"x\":1,\"cfg\":0.05}", "\"weight\":0.05");
    assertThat(fake.requests()).as("nothing but the free reads a create makes first: the model list, the balances")
        .allSatisfy(sent -> assertThat(sent.endpoint()).isIn(Endpoint.MODELS, Endpoint.BALANCE, Endpoint.USER_BALANCE));
  }

  private static String[] concat(String[] args, String... more) {
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }

  @Test
  void reportsStatusInJsonAndForPeople() {
    String taskId = submitted();

    CliRun.Result json = vidgen("status", taskId, "--json");
    CliRun.Result text = vidgen("status", taskId);

    assertThat(json.exitCode()).as(json.all()).isZero();
    assertThat(json.json()).containsEntry("task_id", taskId).containsEntry("status", "queued")
        .containsKeys("progress", "video_url", "usd")
        .as("a bare id of a task in the history: its model and price come from there")
        .containsEntry("model", "grok-video-1.5-preview").containsEntry("credits", 20.0);
    assertThat(text.out()).contains("task      " + taskId, "status    in_progress 50%", "vidgen wait " + taskId,
        "price     20 credits ($0.10)");
    assertThat(historyOf(taskId)).containsEntry("status", "in_progress");
  }

  @Test
  void aWaitThatEndsBeforeTheTaskDoesLeavesTheLastStatusItSawInTheHistory() {
    fake.nextTask(TaskScript.neverFinishes());

    CliRun.Result result = vidgen("generate", "--json", "--image", "product.png", "--prompt", "p", "--timeout", "1s");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(7);
    assertThat(historyOf((String) result.json().get("task_id"))).as("not the queued of its create")
        .containsEntry("status", "in_progress");
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> historyOf(String taskId) {
    List<?> tasks = (List<?>) vidgen("history", "--json").json().get("tasks");
    return tasks.stream().map(task -> (Map<String, Object>) task).filter(task -> taskId.equals(task.get("task_id")))
        .findFirst().orElseThrow(() -> new AssertionError(taskId + " is not in the history: " + tasks));
  }

  @Test
  void aTaskWhoseVideoWasSavedStaysCompletedWhenTheProviderLaterCallsItFailedAndIsNotPaidForAgain() {
    CliRun.Result made = vidgen("generate", "--json", "--image", "product.png", "--prompt", "flip", "--out", "flip.mp4");
    String taskId = (String) made.json().get("task_id");
    assertThat(made.exitCode()).as(made.all()).isZero();
    fake.inject(Endpoint.STATUS, Fault.answer(200, "application/json", "{\"id\":\"" + taskId + "\",\"object\":"
        + "\"generation.task\",\"model\":\"grok-video-1.5-preview\",\"status\":\"failed\",\"progress\":100,"
        + "\"created_at\":1764800000,\"error\":{\"code\":\"generation_failed\",\"message\":\"changed its mind\"}}"));

    CliRun.Result status = vidgen("status", taskId);
    CliRun.Result again = vidgen("generate", "--json", "--image", "product.png", "--prompt", "flip", "--out", "again.mp4");

    assertThat(status.err()).contains("the provider now reports task " + taskId + " failed (")
        .contains("but its video was saved to " + dir.resolve("flip.mp4") + "; the task history keeps it completed");
    assertThat(historyOf(taskId)).containsEntry("status", "completed").containsEntry("file",
        dir.resolve("flip.mp4").toString());
    assertThat(again.exitCode()).as(again.all()).isEqualTo(1);
    assertThat(again.err()).contains("the same job was submitted");
    assertThat(fake.requests(Endpoint.CREATE)).as("paid once").hasSize(1);
  }

  @Test
  void aStatusAnsweredLateDoesNotUndoATaskAnotherCommandSawCompleteAndSaved() throws Exception {
    fake = cli.restartFake(settings -> settings.lifecycle(Lifecycle.byPolls(0, 1)));
    String taskId = submitted();
    // The status read is taken while the task runs and answered only once the download below saved the video;
    // the download's read finds it done.
    CountDownLatch videoSaved = new CountDownLatch(1);
    fake.inject(Endpoint.STATUS, Fault.answerHeldUntil(videoSaved, java.time.Duration.ofSeconds(60)), 1);
    java.util.concurrent.CompletableFuture<CliRun.Result> late =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> vidgen("status", taskId));
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
        .until(() -> !fake.requests(Endpoint.STATUS).isEmpty() || late.isDone());

    CliRun.Result saved = vidgen("download", taskId, "--out", "dl.mp4");
    assertThat(late).as("the status's answer is still on its way while the video is saved").isNotDone();
    videoSaved.countDown();
    CliRun.Result status = late.get(60, java.util.concurrent.TimeUnit.SECONDS);
    CliRun.Result again = vidgen("generate", "--json", "--image", "product.png", "--prompt", "slow push-in");

    assertThat(saved.exitCode()).as(saved.all()).isZero();
    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.out()).contains("in_progress");
    assertThat(historyOf(taskId)).as("the late reading does not undo the saved end")
        .containsEntry("status", "completed").containsEntry("file", dir.resolve("dl.mp4").toString());
    assertThat(again.exitCode()).as(again.all()).isEqualTo(1);
    assertThat(again.err()).contains("the same job was submitted", dir.resolve("dl.mp4").toString())
        .doesNotContain("last seen in progress");
    assertThat(fake.requests(Endpoint.CREATE)).as("paid once").hasSize(1);
  }

  @Test
  void aStatusAnsweredLateSaysTheHistoryHasTheTaskSavedAndAdvisesNoSecondDownload() throws Exception {
    fake = cli.restartFake(settings -> settings.lifecycle(Lifecycle.byPolls(0, 1)));
    String taskId = submitted();
    // Read while the task runs and answered only once a download saved the video meanwhile.
    CountDownLatch videoSaved = new CountDownLatch(1);
    fake.inject(Endpoint.STATUS, Fault.answerHeldUntil(videoSaved, java.time.Duration.ofSeconds(60)), 1);
    java.util.concurrent.CompletableFuture<CliRun.Result> late =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> vidgen("status", taskId));
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
        .until(() -> !fake.requests(Endpoint.STATUS).isEmpty() || late.isDone());
    CliRun.Result saved = vidgen("download", taskId, "--out", "dl.mp4");
    assertThat(late).as("the status's answer is still on its way while the video is saved").isNotDone();
    videoSaved.countDown();

    CliRun.Result status = late.get(60, java.util.concurrent.TimeUnit.SECONDS);

    String file = dir.resolve("dl.mp4").toString();
    assertThat(saved.exitCode()).as(saved.all()).isZero();
    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.out()).as("the reading is shown as read").contains("in_progress");
    assertThat(status.err()).contains("this read found the task in_progress, but the task history already has it"
        + " completed, saved at " + file + " (recorded by another command since this read was sent)");
    assertThat(status.out()).as("no wait that would save a second copy").doesNotContain("vidgen wait")
        .contains("the video is saved at " + file);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aFailedTaskShowsItsQuoteAsAQuoteWithItsChargeUnknownNotAsPaid() {
    fake.nextTask(TaskScript.fails("generation_failed", "refused by the content policy"));
    CliRun.Result generated = vidgen("generate", "--image", "product.png", "--prompt", "slow push-in");
    String taskId = fake.taskIds().get(0);

    CliRun.Result status = vidgen("status", taskId, "--json");
    CliRun.Result waited = vidgen("wait", taskId);
    CliRun.Result history = vidgen("history");
    Map<String, Object> entry = historyOf(taskId);

    String said = "the task was quoted 20 credits ($0.10), and whether the provider charges a failed task is not"
        + " documented, so the charge is unknown (vidgen balance shows what is left)";
    assertThat(generated.exitCode()).as(generated.all()).isEqualTo(ExitCodes.TASK_FAILED);
    assertThat(generated.err()).contains(said);
    assertThat(waited.exitCode()).as(waited.all()).isEqualTo(ExitCodes.TASK_FAILED);
    assertThat(waited.err()).contains(said);
    assertThat(status.exitCode()).as(status.all()).isEqualTo(ExitCodes.TASK_FAILED);
    assertThat(status.json()).containsEntry("status", "failed").containsEntry("credits", 20.0)
        .containsEntry("charge", "unknown");
    assertThat((String) ((Map<String, Object>) status.json().get("error")).get("next")).endsWith(said);
    assertThat(history.out()).containsPattern(taskId + " +grok-video-1.5-preview +failed +quoted 20 credits"
        + " \\(\\$0.10\\), charge unknown ")
        .contains("A failed task shows its quote: whether the provider charges a failed task is not documented");
    assertThat(entry).containsEntry("status", "failed").containsEntry("credits", 20.0)
        .containsEntry("charge", "unknown");

    CliRun.Result completed = vidgen("generate", "--json", "--again", "--image", "product.png", "--prompt",
        "slow push-in");
    assertThat(completed.json()).as("a completed task has no such doubt").doesNotContainKey("charge");
    assertThat(historyOf(fake.taskIds().get(1))).doesNotContainKey("charge");
  }

  @Test
  void aFailedTaskAndAVideoNotSavedTellTheBalanceReadBeforeTheCreateAsASuccessDoes() {
    fake.nextTask(TaskScript.fails("generation_failed", "refused by the content policy"));
    CliRun.Result failed = vidgen("generate", "--json", "--image", "product.png", "--prompt", "a failed one");
    fake.inject(Endpoint.FILE, Fault.status(403));
    CliRun.Result unsaved = vidgen("generate", "--json", "--image", "product.png", "--prompt", "an unsaved one",
        "--out", "late.mp4");

    assertThat(failed.exitCode()).as(failed.all()).isEqualTo(ExitCodes.TASK_FAILED);
    assertThat(failed.json()).containsEntry("credits_left_before", 10000.0).containsEntry("credits_left_after", 9980.0);
    assertThat(unsaved.exitCode()).as(unsaved.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    assertThat(unsaved.json()).containsKeys("credits_left_before", "credits_left_after");
    assertThat(((Number) unsaved.json().get("credits_left_before")).doubleValue()
        - ((Number) unsaved.json().get("credits_left_after")).doubleValue()).as("vidgen's count").isEqualTo(20.0);
  }

  @Test
  void aPriceIsTheSameJsonNumberInSuccessAndFailureObjectsOfEveryCommand() {
    fake.nextTask(TaskScript.fails("generation_failed", "refused by the content policy"));
    CliRun.Result failed = vidgen("generate", "--json", "--image", "product.png", "--prompt", "slow push-in");
    CliRun.Result completed = vidgen("generate", "--json", "--again", "--image", "product.png", "--prompt",
        "slow push-in");
    CliRun.Result quoted = vidgen("quote", "--json", "--image", "product.png", "--prompt", "slow push-in");
    CliRun.Result status = vidgen("status", fake.taskIds().get(0), "--json");
    CliRun.Result history = vidgen("history", "--json");

    assertThat(failed.exitCode()).as(failed.all()).isEqualTo(ExitCodes.TASK_FAILED);
    assertThat(completed.exitCode()).as(completed.all()).isZero();
    for (CliRun.Result run : List.of(failed, completed, quoted, status, history)) {
      assertThat(run.out()).as("the route's price is written \"0.10\"; every object says 0.1: " + run.out())
          .contains("\"usd\":0.1").doesNotContainPattern("\"usd\":0\\.10\\b");
    }
  }

  /** A task submitted and read until it failed ("refused by the content policy"). */
  private String failedTaskSeen() {
    fake.nextTask(TaskScript.fails("generation_failed", "refused by the content policy"));
    String taskId = submitted();
    vidgen("status", taskId);
    vidgen("status", taskId);
    return taskId;
  }

  @Test
  void statusOfAFailedTaskExitsWith6() {
    String taskId = failedTaskSeen();

    CliRun.Result result = vidgen("status", taskId, "--json");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(6);
    @SuppressWarnings("unchecked")
    Map<String, Object> error = (Map<String, Object>) result.json().get("error");
    assertThat(error).containsEntry("kind", "task_failed").containsEntry("code", "generation_failed");
    assertThat((String) error.get("message")).contains("refused by the content policy");
    assertThat(result.json()).containsEntry("status", "failed");
    Map<String, Object> entry = historyOf(taskId);
    assertThat(entry).containsEntry("status", "failed");
    assertThat((String) entry.get("error")).contains("refused by the content policy");
  }

  @Test
  void statusOfAFailedTaskShowsTheTaskTableWithItsReasonAndQuote() {
    String taskId = failedTaskSeen();

    CliRun.Result result = vidgen("status", taskId);

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.TASK_FAILED);
    assertThat(result.out()).as(result.all()).containsPattern("task +" + taskId)
        .containsPattern("status +failed \\(generation_failed.*refused by the content policy")
        .containsPattern("model +grok-video-1.5-preview")
        .containsPattern("price +quoted 20 credits \\(\\$0.10\\), charge unknown");
    assertThat(result.err()).contains("refused by the content policy");

    fake.inject(Endpoint.STATUS, Fault.stall());
    CliRun.Result outOfTime = vidgen("status", taskId, "--timeout", "300ms");
    assertThat(outOfTime.err()).as(outOfTime.all()).contains("the task had already failed (so the task history says)")
        .doesNotContain("may still finish");
  }

  @Test
  void aStatusReadOutOfTimeNamesTheCommandsOptionAndDoesNotSayACompletedTaskMayStillFinish() {
    String taskId = submitted();
    CliRun.Result waited = vidgen("wait", taskId, "--out", "done.mp4");
    assertThat(waited.exitCode()).as(waited.all()).isZero();
    fake.inject(Endpoint.STATUS, Fault.stall());

    CliRun.Result result = vidgen("status", taskId, "--timeout", "300ms");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    // Its video is saved: said so, rather than a download at the address that just failed.
    assertThat(result.err()).contains("no answer within 300 ms (raise it with --timeout)",
            "the task completed and its video is saved at " + dir.resolve("done.mp4").toAbsolutePath())
        .doesNotContain("vidgen download").doesNotContain("VidgenClient.Builder").doesNotContain("may still finish");
  }

  @Test
  void waitsForATaskByItsIdAndSavesTheVideo() throws IOException {
    String taskId = submitted();

    CliRun.Result result = vidgen("wait", taskId, "--json");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.json()).containsEntry("task_id", taskId).containsEntry("status", "completed")
        .containsEntry("file", dir.resolve(taskId + ".mp4").toString()).containsKey("video_url")
        .containsEntry("model", "grok-video-1.5-preview").containsEntry("credits", 20.0);
    assertThat(Mp4Files.boxes(dir.resolve(taskId + ".mp4"))).startsWith("ftyp");
    Map<String, Object> entry = historyOf(taskId);
    assertThat(entry).containsEntry("status", "completed").containsEntry("file", dir.resolve(taskId + ".mp4").toString());
    assertThat(entry.get("took_s")).as("a later command does not know when the task ended").isNull();
    assertThat(vidgen("history").out()).contains(taskId, "completed", "20 credits ($0.10)", taskId + ".mp4");
  }

  @Test
  void aWaitRidesOutAnOutageOfStatusReadsAndSavesTheVideo() throws IOException {
    String taskId = submitted();
    fake.inject(Endpoint.STATUS, Fault.serverError(), 8);

    CliRun.Result result = vidgen("wait", taskId, "--json");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.json()).containsEntry("task_id", taskId).containsEntry("status", "completed");
    assertThat(result.err()).contains("vidgen: warning: task " + taskId + ": its status could not be read (",
        "the task is kept and read again in 20 ms (a wait rides out 10 min of failing reads)");
    assertThat(Mp4Files.boxes(dir.resolve(taskId + ".mp4"))).startsWith("ftyp");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aStatusAnswerTooLargeForTheSettingGivesTheWaitThatReadsLargerOnesNotTheSameGenerate() {
    // One status read answered with more than the 8 MiB vidgen reads; the reads after it are of the usual size.
    String huge = "{\"id\":\"x\",\"padding\":\"" + "a".repeat(9 * 1024 * 1024) + "\"}";
    fake.inject(Endpoint.STATUS, Fault.answer(200, "application/json", huge), 1);

    CliRun.Result generated = vidgen("generate", "--json", "--image", "product.png", "--prompt", "slow push-in",
        "--out", "clip.mp4");

    String taskId = fake.taskIds().get(0);
    assertThat(generated.exitCode()).as(generated.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    Map<String, Object> error = (Map<String, Object>) generated.json().get("error");
    assertThat((String) error.get("next")).as(generated.all()).contains("vidgen wait " + taskId
        + " --set max_answer_size=64MB --base-url " + fake.baseUrl() + " --out " + dir.resolve("clip.mp4"))
        .doesNotContain("run again");

    // The command as printed goes on with the task: the same generate would be refused as the same job.
    List<String> words = ShellWords.split(((String) error.get("next")).replaceFirst("^.*?(?=vidgen wait)", ""));
    CliRun.Result resumed = cli.vidgen()
        .run(Stream.concat(words.subList(1, words.size()).stream(), Stream.of("--poll-interval", "20ms"))
            .toArray(String[]::new));
    assertThat(resumed.exitCode()).as(resumed.all()).isZero();
    assertThat(dir.resolve("clip.mp4")).isNotEmptyFile();
    assertThat(fake.creates()).as("paid once").hasSize(1);

    // status and wait of a task whose answer is too large say the same way on.
    for (List<String> command : List.of(List.of("status", taskId), List.of("wait", taskId, "--out", "again.mp4"))) {
      fake.inject(Endpoint.STATUS, Fault.answer(200, "application/json", huge), 1);
      CliRun.Result again = vidgen(command.toArray(String[]::new));
      assertThat(again.exitCode()).as(again.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
      assertThat(again.err()).contains("vidgen wait " + taskId + " --set max_answer_size=64MB --base-url "
          + fake.baseUrl()).doesNotContain("then run again");
    }
  }

  @Test
  void aWaitWhoseDeadlineComesWhileItsReadIsRetriedSaysTheProviderFailedNotThatTheTaskRuns() {
    String taskId = submitted();
    // Each read is answered 429 "come back in 1 s", so the deadline (0.5 s) comes while the first read waits to retry.
    fake.inject(Endpoint.STATUS, Fault.rateLimited(java.time.Duration.ofSeconds(1)), 100_000);

    CliRun.Result result = vidgen("wait", taskId, "--timeout", "500ms");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.RATE_LIMITED);
    assertThat(result.err()).contains("HTTP 429").doesNotContain("still running");
  }

  @Test
  void downloadsACompletedTask() throws IOException {
    String taskId = submitted();
    vidgen("status", taskId);
    vidgen("status", taskId);

    CliRun.Result result = vidgen("download", taskId, "--out", "saved/clip.mp4", "--json");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.json()).containsEntry("file", dir.resolve("saved/clip.mp4").toString());
    assertThat(Mp4Files.boxes(dir.resolve("saved/clip.mp4"))).startsWith("ftyp");
    assertThat(historyOf(taskId)).containsEntry("status", "completed")
        .containsEntry("file", dir.resolve("saved/clip.mp4").toString());
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"file:///etc/passwd", "ftp://files.example.com/v.mp4"})
  @SuppressWarnings("unchecked")
  void aCompletedTaskWhoseVideoLinkIsNotHttpIsRecordedCompletedAndNotSentBackToWait(String link) {
    fake.inject(Endpoint.STATUS, Fault.answer(200, "application/json",
        "{\"status\":\"completed\",\"result\":{\"data\":[{\"url\":\"" + link + "\"}]}}"), 1_000);

    CliRun.Result generated = vidgen("generate", "--image", "product.png", "--prompt", "file url", "--out", "fu.mp4",
        "--json");

    assertThat(generated.exitCode()).as(generated.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    String said = generated.err().lines().filter(line -> line.contains("result link cannot be used:")).findFirst()
        .orElseThrow(() -> new AssertionError(generated.all()));
    assertThat(said).contains("task " + generated.json().get("task_id") + " is completed", link,
        "provider's dashboard").doesNotContain("may still finish", "vidgen wait", "vidgen download");
    assertThat(generated.json()).containsEntry("status", "completed").containsEntry("result", "unusable")
        .doesNotContainKey("download_command");
    assertThat((Map<String, Object>) generated.json().get("error")).containsEntry("kind", "result_unusable");
    String taskId = (String) generated.json().get("task_id");
    assertThat(historyOf(taskId)).containsEntry("status", "completed").containsEntry("file", null)
        .containsEntry("result", "unusable").containsEntry("next", null);
    assertThat((String) historyOf(taskId).get("result_problem")).contains(link);
    assertThat(vidgen("history").out()).containsPattern(taskId + " .* completed .*- \\(result link unusable\\)")
        .contains("provider's dashboard").doesNotContain("save it with");

    CliRun.Result status = vidgen("status", taskId);
    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.out()).contains("completed (its result link cannot be used)", link, "provider's dashboard")
        .doesNotContain("vidgen wait", "vidgen download", "may still finish");

    CliRun.Result waited = vidgen("wait", taskId, "--out", "fu.mp4");
    assertThat(waited.exitCode()).as(waited.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    assertThat(waited.err()).contains("is completed", link, "provider's dashboard")
        .doesNotContain("vidgen wait", "may still finish");
    assertThat(fake.requests(Endpoint.FILE)).as("never fetched").isEmpty();
    assertThat(dir.resolve("fu.mp4")).doesNotExist();
    assertThat(historyOf(taskId)).containsEntry("status", "completed").containsEntry("result", "unusable");

    CliRun.Result same = vidgen("generate", "--image", "product.png", "--prompt", "file url", "--out", "fu.mp4");
    assertThat(same.err()).as("the same job asked about: " + same.all()).contains("its video link cannot be used",
        "provider's dashboard").doesNotContain("vidgen download");
    assertThat(fake.creates()).as("not paid twice").hasSize(1);
  }

  @Test
  void aBaseUrlFromTheEnvironmentIsRepeatedInTheCommandsPrintedSoThatAPastedOneReachesTheSameServer() {
    // Pasted into a shell without TOAPIS_BASE_URL, a command without it would go to toapis.com.
    java.util.function.Function<String[], CliRun.Result> fromEnvironment = args -> CliRun.in(dir)
        .env("TOAPIS_API_KEY", KEY).env("VIDGEN_HOME", home.toString()).env("TOAPIS_BASE_URL", fake.baseUrl())
        .run(args);
    CliRun.Result sent = fromEnvironment.apply(new String[] {"generate", "--no-wait", "--image", "product.png",
        "--prompt", "slow push-in", "--retry-delay", "1ms"});
    assertThat(sent.exitCode()).as(sent.all()).isZero();
    String taskId = sent.out().lines().filter(line -> line.startsWith("task ")).findFirst().orElseThrow()
        .substring("task".length()).strip();

    assertThat(sent.out()).as(sent.all()).containsPattern("next +vidgen wait " + taskId + " .*--base-url "
        + java.util.regex.Pattern.quote(fake.baseUrl()));
    for (int read = 0; read < 3; read++) {
      assertThat(fromEnvironment.apply(new String[] {"status", taskId}).exitCode()).isZero();
    }
    assertThat(historyOf(taskId)).containsEntry("status", "completed");
    assertThat((String) historyOf(taskId).get("next")).as("the history's command too")
        .startsWith("vidgen download " + taskId).contains("--base-url " + fake.baseUrl());
  }

  @Test
  void aCompletedTaskWithoutItsVideoIsGivenTheDownloadCommandInTheHistory() {
    String taskId = submitted();
    vidgen("status", taskId);
    vidgen("status", taskId);
    vidgen("status", taskId);
    assertThat(historyOf(taskId)).containsEntry("status", "completed").containsEntry("file", null);

    String command = "vidgen download " + taskId + " --provider toapis --out " + dir + java.io.File.separator
        + " --base-url " + fake.baseUrl();
    assertThat(historyOf(taskId)).containsEntry("next", command);
    assertThat(vidgen("history").out()).containsPattern(taskId + " .* completed .*- \\(not saved\\)")
        .contains("Task " + taskId + " is done but its video was not saved; save it with: " + command);

    vidgen("download", taskId, "--out", "late.mp4");
    assertThat(historyOf(taskId)).as("saved now").containsEntry("next", null);
    assertThat(vidgen("history").out()).doesNotContain("save it with");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theHistorysCommandToSaveAVideoNamesTheServerAndProviderTheTaskWasMadeOnWhateverHistoryRunsWith() {
    String taskId = submitted(); // made on the fake's loopback base URL
    for (int reads = 0; reads < 5 && !"completed".equals(historyOf(taskId).get("status")); reads++) {
      vidgen("status", taskId);
    }
    assertThat(historyOf(taskId)).containsEntry("status", "completed").containsEntry("base_url", fake.baseUrl());
    // Read where the key is set but no base URL (a shell of later), or another one: pasted, the command must not
    // send the task id with the key to toapis.com or to that other server.
    CliRun plain = cli.vidgen();
    CliRun.Result text = plain.run("history");
    CliRun.Result json = plain.run("history", "--json");
    CliRun.Result elsewhere = plain.run("history", "--json", "--base-url", "http://127.0.0.1:9/");

    String command = "vidgen download " + taskId + " --provider toapis --out " + dir + java.io.File.separator
        + " --base-url " + fake.baseUrl();
    assertThat(text.out()).as(text.all()).contains("save it with: " + command);
    for (CliRun.Result listed : List.of(json, elsewhere)) {
      assertThat(listed.exitCode()).as(listed.all()).isZero();
      assertThat((List<Map<String, Object>>) listed.json().get("tasks")).singleElement().satisfies(task -> {
        assertThat(task).containsEntry("next", command).containsEntry("base_url", fake.baseUrl());
      });
    }
    assertThat(elsewhere.out()).doesNotContain("127.0.0.1:9/");
  }

  @Test
  @SuppressWarnings("unchecked")
  void anExpiredResultPointsAtTheHistorysSettingsOnlyForATaskTheHistoryHas() throws IOException {
    java.time.Clock twoDaysAgo = java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofDays(-2));
    fake = cli.restartFake(settings -> settings.clock(twoDaysAgo));
    String taskId = submitted();
    for (int reads = 0; reads < 5 && !"completed".equals(historyOf(taskId).get("status")); reads++) {
      vidgen("status", taskId);
    }
    fake.inject(Endpoint.FILE, Fault.status(404), 2); // the file host has let it go, for both downloads

    CliRun.Result known = vidgen("download", taskId, "--out", "known.mp4", "--json");
    // The same id pasted on a machine whose history never had it (made elsewhere): it has no settings to show.
    Path otherHome = Files.createDirectories(dir.resolve("other-home"));
    CliRun.Result bare = cli.withoutHome().env("VIDGEN_HOME", otherHome.toString())
        .run("download", taskId, "--out", "bare.mp4", "--json", "--base-url", fake.baseUrl(), "--retry-delay", "1ms");

    assertThat(known.exitCode()).as(known.all()).isEqualTo(1);
    assertThat(known.err()).contains("generate it again (see docs/errors.md#result-expired) — results are kept 24"
        + " hours; vidgen history --json shows its settings");
    assertThat((String) ((Map<String, Object>) known.json().get("error")).get("next"))
        .isEqualTo("results are kept 24 hours; vidgen history --json shows its settings");
    assertThat(bare.exitCode()).as(bare.all()).isEqualTo(1);
    String bareNext = (String) ((Map<String, Object>) bare.json().get("error")).get("next");
    assertThat(bareNext).endsWith("use the job's settings (vidgen history does not have this task;"
        + " the provider's dashboard may show them)").doesNotContain("settings vidgen history shows");
    assertThat(bare.err()).contains(bareNext).doesNotContain("settings vidgen history shows");
    for (CliRun.Result expired : List.of(known, bare)) {
      assertThat(expired.err().split("generate it again", -1)).as("said once: " + expired.err()).hasSize(2);
    }
  }

  @Test
  void aVideoSavedOverAnotherTasksLeavesThatTaskNotSavedInTheHistory() {
    CliRun.Result first = vidgen("generate", "--image", "product.png", "--prompt", "first", "--out", "one.mp4",
        "--json");
    String firstTask = (String) first.json().get("task_id");
    assertThat(historyOf(firstTask)).containsEntry("file", dir.resolve("one.mp4").toString());

    CliRun.Result second = vidgen("generate", "--image", "product.png", "--prompt", "second", "--out", "one.mp4",
        "--force", "--json");

    assertThat(second.exitCode()).as(second.all()).isZero();
    String secondTask = (String) second.json().get("task_id");
    assertThat(historyOf(secondTask)).containsEntry("file", dir.resolve("one.mp4").toString());
    assertThat(historyOf(firstTask)).as("its video was replaced").containsEntry("file", null)
        .containsEntry("status", "completed");
    assertThat(vidgen("status", firstTask).out()).contains("vidgen download " + firstTask)
        .doesNotContain("the video is saved at");
  }

  @Test
  void aDownloadAfterAFailedSaveFillsInTheFileAndKeepsHowLongTheTaskRan() {
    fake.inject(Endpoint.FILE, Fault.status(403));
    CliRun.Result generated = vidgen("generate", "--image", "product.png", "--prompt", "p", "--out", "late.mp4", "--json");
    assertThat(generated.exitCode()).as(generated.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    String taskId = (String) generated.json().get("task_id");
    Map<String, Object> unsaved = historyOf(taskId);
    assertThat(unsaved).containsEntry("status", "completed").containsEntry("file", null);
    assertThat(unsaved.get("took_s")).as("generate's own wait saw the task finish").isNotNull();

    CliRun.Result download = vidgen("download", taskId, "--out", "late.mp4");

    assertThat(download.exitCode()).as(download.all()).isZero();
    assertThat(historyOf(taskId)).containsEntry("file", dir.resolve("late.mp4").toString())
        .containsEntry("took_s", unsaved.get("took_s"));
  }

  @Test
  void aMovResultThatIsAnErrorPageIsNotSavedAndTheDownloadCommandThenSavesTheVideo() throws IOException {
    // seedance-2-5 with output_format mov: the result names format "mov"; its link first answers a CDN's error page.
    fake.inject(Endpoint.FILE, Fault.answer(200, "text/html", "<html><title>Access denied</title></html>"));

    CliRun.Result generated = vidgen("generate", "--model", "seedance-2-5", "--prompt", "waves at dusk",
        "--param", "output_format=mov", "--out", "sea.mov", "--json");

    String taskId = fake.taskIds().get(0);
    assertThat(generated.exitCode()).as(generated.all()).isEqualTo(ExitCodes.OTHER);
    assertThat(generated.err()).contains("the provider sent 41 bytes that are not a MOV video: they are an HTML page",
        "vidgen download " + taskId + " --out " + dir.resolve("sea.mov"));
    assertThat(generated.err()).as("the same command fails the same way until the link serves the video: not promised")
        .contains("its video link served no such video; the link may serve it later: try again with vidgen download",
            "get the video from the provider's dashboard").doesNotContain("save its video with");
    assertThat(dir.toFile().list()).as("neither the page nor its .part").containsExactly("product.png");
    assertThat(historyOf(taskId)).containsEntry("status", "completed").containsEntry("file", null);

    CliRun.Result saved = vidgen("download", taskId, "--out", "sea.mov");

    assertThat(saved.exitCode()).as(saved.all()).isZero();
    assertThat(Mp4Files.boxes(dir.resolve("sea.mov"))).contains("moov", "mdat");
    assertThat(historyOf(taskId)).containsEntry("file", dir.resolve("sea.mov").toString());
  }

  @Test
  void aHandleCutShortIsRefusedWithoutAReadOfATaskByItsText() {
    CliRun.Result made = vidgen("generate", "--no-wait", "--json", "--image", "product.png", "--prompt", "p");
    String handle = (String) made.json().get("handle");
    int reads = fake.requests(Endpoint.STATUS).size();

    CliRun.Result status = vidgen("status", handle.substring(0, 50));

    assertThat(status.exitCode()).as(status.all()).isEqualTo(2);
    assertThat(status.err()).contains("starts as a job handle does but cannot be read as one: it was cut short or"
        + " changed").contains("give the handle exactly as vidgen printed it").doesNotContain("reading it as a task id");
    assertThat(fake.requests(Endpoint.STATUS)).hasSize(reads);
    assertThat(vidgen("status", handle).exitCode()).isZero();
  }

  @Test
  void aTaskIdThatStartsLikeAHandleIsFollowedByTheNextStepGeneratePrinted() throws IOException {
    fake.taskIdPrefix("vg1.444a"); // ids are opaque: this one decodes as no handle
    CliRun.Result made = vidgen("generate", "--no-wait", "--image", "product.png", "--prompt", "p");
    String taskId = fake.taskIds().get(0);
    String next = made.out().lines().filter(line -> line.startsWith("next")).findFirst().orElseThrow().substring(4)
        .strip();
    assertThat(next).as(made.all()).startsWith("vidgen wait " + taskId + " ");

    CliRun.Result status = vidgen("status", taskId);
    // The next step as printed, word for word (it names the base URL), with only a faster poll added.
    CliRun.Result waited = cli.vidgen()
        .run(Stream.concat(Stream.of(next.substring("vidgen ".length()).split(" ")),
            Stream.of("--poll-interval", "20ms")).toArray(String[]::new));
    CliRun.Result downloaded = vidgen("download", taskId, "--out", "again.mp4");

    for (CliRun.Result run : List.of(status, waited, downloaded)) {
      assertThat(run.exitCode()).as(run.all()).isZero();
      assertThat(run.err()).doesNotContain("not a readable job handle");
    }
    assertThat(Mp4Files.boxes(dir.resolve(taskId + ".mp4"))).contains("moov", "mdat");
    assertThat(Mp4Files.boxes(dir.resolve("again.mp4"))).contains("moov", "mdat");
    assertThat(historyOf(taskId)).containsEntry("model", "grok-video-1.5-preview").containsEntry("status", "completed");

    java.nio.file.Files.delete(home.resolve("history.jsonl")); // another machine, say
    CliRun.Result unknown = vidgen("status", taskId);
    assertThat(unknown.exitCode()).as(unknown.all()).isZero();
    assertThat(unknown.err()).contains("'" + taskId + "' is not a readable job handle; reading it as a task id");
    assertThat(unknown.out()).contains("task      " + taskId, "completed");
  }

  @Test
  void aTaskIdThatStartsLikeAHistoryNameIsReadAsTheTaskItIs() throws IOException {
    fake.taskIdPrefix("unanswered-noref-vg-");
    String taskId = submitted();

    CliRun.Result status = vidgen("status", taskId);
    CliRun.Result waited = vidgen("wait", taskId, "--out", "waited.mp4");
    CliRun.Result downloaded = vidgen("download", taskId, "--out", "again.mp4");

    for (CliRun.Result run : List.of(status, waited, downloaded)) {
      assertThat(run.exitCode()).as(run.all()).isZero();
      assertThat(run.err()).doesNotContain("cannot be looked up", "client reference");
    }
    assertThat(Mp4Files.boxes(dir.resolve("waited.mp4"))).contains("moov", "mdat");
    assertThat(Mp4Files.boxes(dir.resolve("again.mp4"))).contains("moov", "mdat");
    assertThat(historyOf(taskId)).containsEntry("status", "completed")
        .containsEntry("file", dir.resolve("again.mp4").toString());

    java.nio.file.Files.delete(home.resolve("history.jsonl")); // another machine, say
    CliRun.Result unknown = vidgen("wait", taskId, "--out", "elsewhere.mp4");
    assertThat(unknown.exitCode()).as(unknown.all()).isZero();
    assertThat(unknown.err()).contains(taskId + " is not in the task history", "reading it as a task id");
    assertThat(dir.resolve("elsewhere.mp4")).isRegularFile();
  }

  @Test
  void aTaskIdShapedLikeANameWithAReferenceIsReadByItsIdWhenTheHistoryHoldsNoSuchName() throws IOException {
    fake.taskIdPrefix("unanswered-vg-");
    String taskId = submitted();
    java.nio.file.Files.delete(home.resolve("history.jsonl")); // another machine, say

    CliRun.Result status = vidgen("status", taskId, "--json");

    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.json()).containsEntry("task_id", taskId);
    assertThat(status.err()).contains(taskId + " is not in the task history, and the provider has a task with that id")
        .doesNotContain("looking it up by client reference");
  }

  @Test
  void textThatNamesNoTaskIsStillRefusedBeforeAnythingIsSent() {
    int before = fake.requests().size();

    CliRun.Result blank = vidgen("status", " ");
    CliRun.Result climbing = vidgen("wait", "..");

    assertThat(blank.exitCode()).as(blank.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(blank.err()).contains("blank");
    assertThat(climbing.exitCode()).as(climbing.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(climbing.err()).contains("is not a task id");
    assertThat(fake.requests()).hasSize(before);
  }

  @Test
  void anIdTheHistoryDoesNotKnowIsReadWithTheModelItsAnswerNamesAndLeavesTheHistoryAlone() {
    String known = submitted();
    CliRun.Result elsewhere = cli.withoutHome()
        .run("generate", "--image", "product.png", "--prompt", "p", "--no-wait", "--json", "--base-url", fake.baseUrl());
    String stranger = (String) elsewhere.json().get("task_id");
    assertThat(stranger).as(elsewhere.all()).isNotNull().isNotEqualTo(known);
    String answered = fake.lastCreate().orElseThrow().model();

    CliRun.Result status = vidgen("status", stranger, "--json");
    CliRun.Result text = vidgen("status", stranger);
    CliRun.Result waited = vidgen("wait", stranger, "--out", "stranger.mp4", "--json");

    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.json()).as("the history has no model for it; the provider's answer names one")
        .containsEntry("model", answered).containsEntry("credits", null);
    assertThat(text.out()).as(text.all()).contains("model     " + answered).doesNotContain("model     unknown");
    assertThat(waited.json()).as(waited.all()).containsEntry("model", answered).containsEntry("status", "completed");
    List<?> tasks = (List<?>) vidgen("history", "--json").json().get("tasks");
    List<Object> ids = tasks.stream().map(task -> (Object) ((Map<?, ?>) task).get("task_id")).toList();
    assertThat(ids).containsExactly(known);
  }

  @Test
  void balanceTimeoutEndsAReadThatGetsNoAnswerAndNamesTheOption() {
    fake.inject(Endpoint.BALANCE, Fault.stall());
    fake.inject(Endpoint.USER_BALANCE, Fault.stall());

    CliRun.Result result = vidgen("balance", "--timeout", "400ms");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(5);
    assertThat(result.err()).contains("no answer within 400 ms (raise it with --timeout)")
        .contains("give the read longer with --timeout (it had 400 ms)")
        .doesNotContain("VidgenClient.Builder").doesNotContain("the provider or the network failed");
    assertThat(result.err().split("try again later", -1)).as("said once: " + result.err()).hasSize(2);
  }

  @Test
  void aBalanceReadPastTheProvidersReadTimeoutSaysHowLongItWaitedInWordsNotTheOption() {
    fake.inject(Endpoint.BALANCE, Fault.stall(), 20);
    fake.inject(Endpoint.USER_BALANCE, Fault.stall(), 20);

    CliRun.Result result = vidgen("balance", "--timeout", "1m", "--set", "timeout.read=300ms");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(5);
    assertThat(result.err()).contains("no answer within 0.3 s after the request was sent")
        .as("no Java class in the words").doesNotContain("Exception").doesNotContain(": timeout")
        .as("the provider's read timeout ended it, not --timeout").doesNotContain("give the read longer with --timeout");
  }

  @ParameterizedTest
  @CsvSource({"soon, is not a duration", "0s, is zero", "-5s, is negative: the duration must be positive"})
  void balanceRefusesATimeoutThatIsNotAPositiveDurationSayingWhatIsAllowed(String given, String said) {
    CliRun.Result result = vidgen("balance", "--timeout", given);

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).contains("--timeout", "'" + given + "' " + said).containsPattern("90s");
    assertThat(fake.requests()).as("nothing was sent").isEmpty();
  }

  @Test
  void downloadWithoutOutSavesTheVideoAgainWhereTheTaskWasMadeToGo() throws IOException {
    CliRun.Result made = vidgen("generate", "--image", "https://example.com/p.png", "--prompt", "p", "--out",
        "first.mp4", "--json");
    String taskId = (String) made.json().get("task_id");
    Files.delete(dir.resolve("first.mp4")); // moved away since

    CliRun.Result result = vidgen("download", taskId);

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(dir.resolve("first.mp4")).isNotEmptyFile();
    assertThat(dir.resolve(taskId + ".mp4")).as("not named after its task here").doesNotExist();
    assertThat(fake.creates()).as("nothing sent again").hasSize(1);
  }

  @Test
  void aFileStillHoldsItsTasksVideoOnceTheTaskIsSavedElsewhereToo() {
    CliRun.Result made = vidgen("generate", "--image", "https://example.com/p.png", "--prompt", "p", "--out",
        "a.mp4", "--json");
    String taskId = (String) made.json().get("task_id");
    assertThat(vidgen("download", taskId, "--out", "./").exitCode()).as("a second copy, named after the task")
        .isZero();

    CliRun.Result again = vidgen("download", taskId, "--out", "a.mp4");
    CliRun.Result waited = vidgen("wait", taskId, "--out", "a.mp4");

    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(again.err()).contains("a.mp4 already holds this task's video", "nothing was downloaded");
    assertThat(waited.exitCode()).as(waited.all()).isZero();
    assertThat(dir.resolve("a-" + taskId + ".mp4")).as("no third copy").doesNotExist();
    assertThat(fake.creates()).hasSize(1);
  }

  @Test
  void aWaitOnATaskTheProviderDoesNotKnowLeavesItNotFoundInTheHistoryNotQueued() {
    CliRun.Result submitted = vidgen("generate", "--image", "https://example.com/p.png", "--prompt", "p", "--no-wait",
        "--json");
    String taskId = (String) submitted.json().get("task_id");
    fake.inject(Endpoint.STATUS, Fault.status(404), 10_000); // its server no longer knows it

    CliRun.Result waited = vidgen("wait", taskId);

    assertThat(waited.exitCode()).as(waited.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    CliRun.Result history = vidgen("history");
    assertThat(history.out()).as(history.all()).containsPattern(taskId + " +grok-video-1.5-preview +not_found");
  }

  @Test
  void anUnknownTaskIsAProviderErrorWithTheRequestId() {
    CliRun.Result result = vidgen("status", "video_nope", "--json");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(5);
    @SuppressWarnings("unchecked")
    Map<String, Object> error = (Map<String, Object>) result.json().get("error");
    assertThat(error).containsEntry("kind", "task_not_found").containsEntry("http_status", 404.0);
    assertThat(error.get("request_id")).isNotNull();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aRefusedConnectionNamesTheBaseUrlItTriedAndSaysToCheckIt() throws IOException {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort(); // nothing listens there once it is closed
    }
    String baseUrl = "http://127.0.0.1:" + closedPort;

    CliRun.Result text = cli.withoutHome().run("balance", "--base-url", baseUrl,
        "--retry-delay", "1ms");
    CliRun.Result json = cli.withoutHome().env("TOAPIS_BASE_URL", baseUrl + "/api")
        .run("balance", "--json", "--retry-delay", "1ms");

    assertThat(text.exitCode()).as(text.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    assertThat(text.err()).contains("no connection could be made to " + baseUrl + ": check the network and that"
        + " base URL (--base-url, else TOAPIS_BASE_URL), then run again").doesNotContain("try again later");
    assertThat(json.exitCode()).as(json.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    assertThat((String) ((Map<String, Object>) json.json().get("error")).get("next"))
        .startsWith("no connection could be made to " + baseUrl + "/api: check the network");
    assertThat(json.all()).doesNotContain(KEY);
  }

  @Test
  void showsTheBalance() {
    fake.balance(new BigDecimal("1234.5"), false);

    CliRun.Result json = vidgen("balance", "--json");
    CliRun.Result text = vidgen("balance");

    assertThat(json.json()).containsEntry("credits", 1234.5).containsEntry("usd", 6.1725)
        .containsEntry("unlimited", false);
    assertThat(text.out()).contains("remaining  1234.5 credits ($6.1725)");
  }

  @Test
  void anAccountBalanceTheKeyMayNotReadLeavesTheKeysWithANoteButAnOutageDoesNot() {
    fake.keyBalance(new BigDecimal("700"));
    fake.inject(Endpoint.USER_BALANCE, Fault.status(403));

    CliRun.Result refused = vidgen("balance");

    assertThat(refused.exitCode()).as(refused.all()).isZero();
    assertThat(refused.out()).contains("remaining  700 credits");
    assertThat(refused.err()).contains("the account's balance was not reported (the key may not read it); the key's"
        + " is shown");

    fake.inject(Endpoint.USER_BALANCE, Fault.serverError(), 100);
    CliRun.Result failing = vidgen("balance");
    assertThat(failing.exitCode()).as(failing.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theBalanceIsWhatAJobMaySpendTheKeysQuotaOrTheAccountsWhicheverIsSmaller() {
    fake.balance(new BigDecimal("15"), false);
    fake.keyBalance(new BigDecimal("99360"));

    CliRun.Result json = vidgen("balance", "--json");
    CliRun.Result text = vidgen("balance");

    assertThat(json.json()).containsEntry("credits", 15.0).containsEntry("limited_by", "account");
    assertThat((Map<String, Object>) json.json().get("key")).containsEntry("credits", 99360.0);
    assertThat((Map<String, Object>) json.json().get("account")).containsEntry("credits", 15.0);
    assertThat(text.out()).contains("remaining  15 credits ($0.075), what the account has left")
        .containsPattern("key +99360 credits left").containsPattern("account +15 credits left");
  }

  @Test
  void rateLimitedStatusReadsEndWith4AndSayWhenToComeBack() {
    String taskId = submitted();
    fake.inject(Endpoint.STATUS, Fault.rateLimited(java.time.Duration.ZERO), 20);

    CliRun.Result result = vidgen("status", taskId);

    assertThat(result.exitCode()).as(result.all()).isEqualTo(4);
    assertThat(result.err()).contains("HTTP 429", "vidgen wait " + taskId);
  }

  @Test
  void aRetryAfterTooLongToBeMeantIsToldAsOneWaitAndTheTaskKept() {
    String taskId = submitted();
    fake.inject(Endpoint.STATUS, Fault.error(429, "rate_limit_exceeded", "x")
        .withHeader("Retry-After", "99999999999999999999"), 20);

    CliRun.Result result = vidgen("status", taskId);

    assertThat(result.exitCode()).as(result.all()).isEqualTo(4);
    assertThat(result.err()).contains("retry after more than a year", "the server asked to wait more than a year"
        + " (Retry-After), longer than the 120 s vidgen waits at most", "wait more than a year and go on with: vidgen wait "
        + taskId).doesNotContainPattern("\\d{10,} s");
  }

  @Test
  void drawsAProgressBarOnlyOnATerminal() {
    CliRun.Result terminal = vidgen(true, "generate", "--image", "product.png", "--prompt", "p", "--out", "a.mp4");
    CliRun.Result piped = vidgen(false, "generate", "--image", "product.png", "--prompt", "p", "--out", "b.mp4",
        "--again");

    assertThat(terminal.exitCode()).as(terminal.all()).isZero();
    assertThat(terminal.err()).contains("\rtask ", "[", "]  100%  completed");
    assertThat(piped.exitCode()).as(piped.all()).isZero();
    assertThat(piped.err()).doesNotContain("\r").doesNotContain("[#")
        .containsPattern("vidgen: task \\S+ completed after \\d+:\\d\\d");
  }

  @Test
  void verboseTellsEverythingButTheKey() {
    fake.inject(Endpoint.STATUS, Fault.serverError(), 1);

    CliRun.Result result = vidgen("generate", "--verbose", "--image", "product.png", "--prompt", "p");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.err()).contains("provider toapis (TOAPIS_API_KEY is set)", "key sk-…", "retrying read",
        "created task");
  }

  @ParameterizedTest(name = "HTTP {0} on create")
  @CsvSource({
    "401, job ended: authentication failed (docs/errors.md#authentication)",
    "400, job ended: the provider rejected the request (docs/errors.md#request-rejected)"
  })
  void verboseSaysHowAJobEndedInWords(int status, String said) {
    fake.inject(Endpoint.CREATE, Fault.status(status), 20);

    CliRun.Result result = vidgen("generate", "--verbose", "--image", "https://example.com/p.png", "--prompt", "p");

    assertThat(result.err()).as(result.all()).contains("vidgen: " + said + "\n").doesNotContain("ended with");
  }

  @ParameterizedTest(name = "HTTP {0} on create -> exit {1} ({2})")
  @CsvSource({
    "400, 2, request_rejected",
    "401, 3, authentication",
    "403, 3, authentication",
    "402, 8, insufficient_quota",
    "422, 6, content_policy",
    "500, 5, ambiguous_submit", // each 500 may have made a task, and grok takes no client reference
    "503, 5, provider_unavailable"
  })
  void mapsEachProviderAnswerToItsExitCode(int status, int exitCode, String kind) {
    fake.inject(Endpoint.CREATE, Fault.status(status), 20);

    CliRun.Result result = vidgen("generate", "--json", "--image", "product.png", "--prompt", "p");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(exitCode);
    @SuppressWarnings("unchecked")
    Map<String, Object> error = (Map<String, Object>) result.json().get("error");
    assertThat(error).containsEntry("kind", kind).containsEntry("http_status", (double) status)
        .containsEntry("exit_code", (double) exitCode);
    assertThat(error.get("request_id")).as("the request id is passed on").isNotNull();
    assertThat(result.json()).doesNotContainKey("task_id");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCreateAnswered404SaysTheBaseUrlIsWrongNotTheJob() {
    fake.inject(Endpoint.CREATE, Fault.status(404), 20);

    CliRun.Result result = vidgen("generate", "--json", "--image", "https://example.com/p.png", "--prompt", "p");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    Map<String, Object> error = (Map<String, Object>) result.json().get("error");
    assertThat((String) error.get("message")).contains("no such endpoint");
    assertThat((String) error.get("next")).contains("check --base-url").doesNotContain("change what the provider's");
    assertThat(fake.taskIds()).as("nothing made").isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCreateRefused402SaysNoTaskWasMadeAndTellsWhatToDoOnce() {
    fake.inject(Endpoint.CREATE, Fault.status(402), 20);

    CliRun.Result text = vidgen("generate", "--image", "https://example.com/p.png", "--prompt", "p");
    CliRun.Result json = vidgen("generate", "--json", "--image", "https://example.com/p.png", "--prompt", "p");

    assertThat(text.exitCode()).as(text.all()).isEqualTo(8);
    assertThat(text.err()).contains("no task was made and nothing was billed");
    assertThat(text.err().split("raise the key's quota", -1)).as("the advice, once: " + text.err()).hasSize(2);
    Map<String, Object> error = (Map<String, Object>) json.json().get("error");
    assertThat((String) error.get("next")).startsWith("the provider refused it, so no task was made and nothing was"
        + " billed; vidgen balance shows whether the account or the key is short");
    assertThat(fake.taskIds()).as("nothing made").isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aVideoWhoseLinkExpiredIsTriedOnceThenNotOfferedForDownloadAgain() {
    java.time.Clock twoDaysAgo = java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofDays(-2));
    fake = cli.restartFake(settings -> settings.clock(twoDaysAgo));
    String taskId = submitted();
    CliRun.Result status = vidgen("status", taskId);
    for (int reads = 1; reads < 5 && !status.out().contains("completed"); reads++) {
      status = vidgen("status", taskId);
    }

    fake.inject(Endpoint.FILE, Fault.status(404)); // the file host has let it go
    CliRun.Result download = vidgen("download", taskId, "--out", "late.mp4", "--json");

    assertThat(status.out()).contains("link expired", "next      the video's link is past its expiry: vidgen download "
        + taskId).contains("tries it once; if it fails, generate it again");
    assertThat(fake.requests(Endpoint.FILE)).as("tried once, never again").hasSize(1);
    assertThat(download.exitCode()).as(download.all()).isEqualTo(1);
    assertThat(download.err()).contains("generate it again").doesNotContain("save its video with")
        .as("both times to the second").containsPattern(
            "expired at \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ \\(it is now \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ;");
    assertThat(download.json()).doesNotContainKey("download_command");
    assertThat((Map<String, Object>) download.json().get("error")).containsEntry("kind", "result_expired");
    assertThat(dir.resolve("late.mp4")).doesNotExist();
    assertThat(historyOf(taskId)).as("still completed and priced so, marked expired").containsEntry("status", "completed")
        .containsEntry("credits", 20.0).containsEntry("result", "expired").containsKey("result_expired_at");
  }

  @Test
  void aGenerateWhoseVideoExpiredBeforeItWasSavedIsMarkedSoInTheHistory() {
    java.time.Clock twoDaysAgo = java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofDays(-2));
    fake = cli.restartFake(settings -> settings.clock(twoDaysAgo));
    fake.inject(Endpoint.FILE, Fault.status(404)); // the file host has let it go

    CliRun.Result generated = vidgen("generate", "--image", "product.png", "--prompt", "slow push-in");
    String taskId = fake.taskIds().get(0);
    Map<String, Object> entry = historyOf(taskId);
    CliRun.Result history = vidgen("history");

    assertThat(generated.exitCode()).as(generated.all()).isEqualTo(1);
    assertThat(entry).containsEntry("status", "completed").containsEntry("credits", 20.0).containsEntry("file", null)
        .containsEntry("result", "expired");
    String expiredAt = (String) entry.get("result_expired_at");
    assertThat(java.time.Instant.parse(expiredAt)).as("to the second")
        .isEqualTo(java.time.Instant.parse(expiredAt).truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
        .isBefore(java.time.Instant.now());
    assertThat(history.out()).contains(taskId, "completed", "20 credits ($0.10)", "- (result expired " + expiredAt + ")",
        "can no longer be saved: generate the job again");
  }

  @Test
  void aVideoPastItsExpiryThatItsHostStillServesIsSavedNotPaidForAgain() {
    // The provider's clock, which sets expires_at, is two days behind this machine's: its link still works.
    java.time.Clock twoDaysAgo = java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofDays(-2));
    fake = cli.restartFake(settings -> settings.clock(twoDaysAgo));

    CliRun.Result generated = vidgen("generate", "--image", "product.png", "--prompt", "slow push-in", "--out", "late.mp4");

    assertThat(generated.exitCode()).as(generated.all()).isZero();
    assertThat(dir.resolve("late.mp4")).isNotEmptyFile();
    assertThat(fake.creates()).hasSize(1);
  }

  @Test
  void aJobCostingMoreThanTheAccountHasLeftEndsWith8BeforeTheCreateWithOneDocumentedCode() {
    fake.balance(BigDecimal.TEN, false);

    CliRun.Result text = vidgen("generate", "--image", "https://example.com/p.png", "--prompt", "p");
    CliRun.Result json = vidgen("generate", "--json", "--image", "https://example.com/p.png", "--prompt", "p");

    assertThat(text.exitCode()).as(text.all()).isEqualTo(8);
    assertThat(text.err()).contains("insufficient_credits (checked before sending): grok-video-1.5-preview costs 20 "
        + "credits but the account has 10 credits left", "top up the account or choose a cheaper job")
        .as("the next step is not said twice").containsOnlyOnce("top up");
    @SuppressWarnings("unchecked")
    Map<String, Object> error = (Map<String, Object>) json.json().get("error");
    assertThat(error).containsEntry("kind", "insufficient_quota").containsEntry("code", "insufficient_credits")
        .containsEntry("exit_code", 8.0);
    assertThat(fake.requests(Endpoint.CREATE)).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyExit8ForWantOfCreditsGivesThePriceRefusedAndOneCodeTheDryRunAsTheRealRun() {
    fake.balance(BigDecimal.TEN, false);

    CliRun.Result real = vidgen("generate", "--json", "--image", "https://example.com/p.png", "--prompt", "p");
    CliRun.Result dry = vidgen("generate", "--json", "--dry-run", "--image", "https://example.com/p.png", "--prompt", "p");
    fake.balance(new BigDecimal("900"), false);
    fake.inject(Endpoint.CREATE, Fault.status(402), 1);
    CliRun.Result refused = vidgen("generate", "--json", "--no-wait", "--image", "https://example.com/p.png",
        "--prompt", "p");

    for (CliRun.Result result : List.of(real, dry, refused)) {
      assertThat(result.exitCode()).as(result.all()).isEqualTo(8);
      assertThat(result.json()).as(result.all()).containsEntry("model", "grok-video-1.5-preview")
          .containsEntry("credits", 20.0).containsEntry("usd", 0.1).containsKey("basis");
      assertThat((Map<String, Object>) result.json().get("error")).containsEntry("kind", "insufficient_quota");
    }
    assertThat((Map<String, Object>) dry.json().get("error")).as("as the real run's")
        .containsEntry("code", "insufficient_credits").extractingByKey("message").asString()
        .contains("insufficient_credits (checked before sending): grok-video-1.5-preview costs 20 credits but the"
            + " account has 10 credits left, so the real run would refuse it; nothing was sent");
    assertThat(fake.requests(Endpoint.CREATE)).as("only the last run sent its create").hasSize(1);
  }

  @Test
  void maxCreditsRefusingTheFirstCreateIsExit8ButStoppingAResendIsExit5AsDocsCliMdSays() {
    CliRun.Result refused = vidgen("generate", "--no-wait", "--image", "product.png", "--prompt", "p",
        "--max-credits", "10");
    fake.inject(Endpoint.CREATE, Fault.serverError(), 1);
    CliRun.Result stopped = vidgen("generate", "--no-wait", "--image", "product.png", "--prompt", "p",
        "--max-credits", "30");

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.OVER_BUDGET);
    assertThat(stopped.exitCode()).as("the first take may have made a paid task: " + stopped.all())
        .isEqualTo(ExitCodes.PROVIDER_ERROR);
    assertThat(stopped.err()).contains("another take costs 20 credits and 10 credits of the budget are left");
    assertThat(fake.requests(Endpoint.CREATE)).as("only the stopped run's first take went out").hasSize(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCreateSentAgainAfterAServerErrorSaysSoInItsJson() {
    fake.inject(Endpoint.CREATE, Fault.serverError(), 1);

    CliRun.Result result = vidgen("generate", "--json", "--no-wait", "--image", "product.png", "--prompt", "p");

    assertThat(result.exitCode()).as(result.all()).isZero();
    List<Map<String, Object>> warnings = (List<Map<String, Object>>) result.json().get("warnings");
    assertThat(warnings).as("a script sees that the first create may have made a task")
        .anySatisfy(warning -> assertThat(warning).containsEntry("code", "create.resent"));
    assertThat(((Number) result.json().get("credits_left_before")).doubleValue()
        - ((Number) result.json().get("credits_left_after")).doubleValue())
        .as("both takes may have been paid").isEqualTo(40.0);
    assertThat(result.json()).containsEntry("possible_extra_tasks", 1.0);
    String taskId = (String) result.json().get("task_id");
    CliRun.Result status = vidgen("status", taskId);
    assertThat(status.out()).as("the summary does not read as one paid take")
        .contains("20 credits ($0.10); an earlier take of its create", "up to 20 credits more");
    CliRun.Result history = vidgen("history", "--json");
    List<Map<String, Object>> tasks = (List<Map<String, Object>>) history.json().get("tasks");
    assertThat(tasks).as("the task made, and the first take, which may have made one that cannot be looked up")
        .anySatisfy(task -> assertThat(task).containsEntry("task_id", taskId).containsEntry("status", "queued")
            .containsEntry("possible_extra_tasks", 1.0).containsEntry("possible_extra_credits", 20.0))
        .anySatisfy(task -> assertThat(task).containsEntry("status", "unknown").containsEntry("counted_on", taskId)
            .containsEntry("credits", null)
            .extractingByKey("error").asString().contains("first take", taskId, "dashboard"))
        .hasSize(2);
    assertThat(vidgen("history").out()).as("where the summary sends the user")
        .contains("20 credits ($0.10) (+1 earlier take may be a paid task)");
  }

  @Test
  @SuppressWarnings("unchecked")
  void noBlindResendEndsACreateAnsweredWithAServerErrorUnknownAndSendsItOnce() {
    fake.inject(Endpoint.CREATE, Fault.serverError().afterProcessing(), 1);

    CliRun.Result once = vidgen("generate", "--json", "--no-wait", "--no-blind-resend", "--image", "product.png",
        "--prompt", "p");

    assertThat(once.exitCode()).as(once.all()).isEqualTo(5);
    assertThat(fake.requests(Endpoint.CREATE)).as("the take answered 500 made a task: not paid again").hasSize(1);
    Map<String, Object> error = (Map<String, Object>) once.json().get("error");
    assertThat(error).containsEntry("kind", "ambiguous_submit");
    assertThat((String) error.get("message")).contains("is not sent again", "dashboard");
    assertThat((List<Map<String, Object>>) vidgen("history", "--json").json().get("tasks"))
        .singleElement().satisfies(task -> assertThat(task).containsEntry("status", "unknown"));

    fake.inject(Endpoint.CREATE, Fault.serverError().afterProcessing(), 1);
    CliRun.Result resent = vidgen("generate", "--json", "--no-wait", "--image", "product.png", "--prompt", "q");
    assertThat(resent.exitCode()).as(resent.all()).isZero();
    assertThat(fake.requests(Endpoint.CREATE)).as("without the option the create is sent again once").hasSize(3);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aRefusalThatCameWithRetryAfterDoesNotInviteARetryInItsJson() {
    fake.inject(Endpoint.CREATE, Fault.status(422).withHeader("Retry-After", "1"));

    CliRun.Result refused = vidgen("generate", "--json", "--no-wait", "--image", "product.png", "--prompt", "q");

    assertThat(refused.exitCode()).as(refused.all()).isNotZero();
    Map<String, Object> error = (Map<String, Object>) refused.json().get("error");
    assertThat(error).containsEntry("http_status", 422.0).containsEntry("retry_after_seconds", null);
    assertThat((String) error.get("message")).doesNotContain("retry after");
    assertThat(fake.requests(Endpoint.CREATE)).hasSize(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCreateRefusedOutrightLeavesNothingInTheHistoryToAskAbout() {
    fake.inject(Endpoint.CREATE, Fault.status(400));

    CliRun.Result refused = vidgen("generate", "--no-wait", "--image", "product.png", "--prompt", "slow push-in");
    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);

    CliRun.Result history = vidgen("history", "--json");
    assertThat((List<Map<String, Object>>) history.json().get("tasks")).as("the note before the create is closed")
        .isEmpty();
    CliRun.Result again = vidgen("generate", "--no-wait", "--image", "product.png", "--prompt", "slow push-in");
    assertThat(again.err()).doesNotContain("same job");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCreateRefusedWithSuccessFalseAtHttp200IsARefusalThatLeavesNothingInTheHistory() {
    fake.inject(Endpoint.CREATE, Fault.answer(200, "application/json",
        "{\"success\":false,\"message\":\"model not available for your group\"}"));

    CliRun.Result refused = vidgen("generate", "--image", "product.png", "--prompt", "slow push-in",
        "--out", "v.mp4");

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(refused.err()).contains("model not available for your group", "no task was made")
        .doesNotContain("may exist", "billed");
    assertThat((List<Map<String, Object>>) vidgen("history", "--json").json().get("tasks"))
        .as("no unknown job to ask about").isEmpty();
    CliRun.Result again = vidgen("generate", "--no-wait", "--image", "product.png", "--prompt", "slow push-in");
    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(fake.requests(Endpoint.CREATE)).as("the same job is sent again, unblocked").hasSize(2);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCreateAnsweredCompletedWithoutAResultIsFollowedToItsVideoAndSentOnce() throws IOException {
    fake.inject(Endpoint.CREATE, Fault.answer(200, "application/json",
        "{\"id\":\"video_000001\",\"object\":\"generation.task\",\"status\":\"completed\",\"progress\":100}")
        .afterProcessing());

    CliRun.Result result = vidgen("generate", "--json", "--image", "product.png", "--prompt", "slow push-in",
        "--out", "v.mp4");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(fake.taskIds()).containsExactly("video_000001");
    assertThat(fake.requests(Endpoint.CREATE)).hasSize(1);
    assertThat(java.nio.file.Files.size(dir.resolve("v.mp4"))).isPositive();
    assertThat((List<Map<String, Object>>) vidgen("history", "--json").json().get("tasks")).singleElement()
        .satisfies(task -> assertThat(task).containsEntry("task_id", "video_000001")
            .containsEntry("status", "completed"));
  }

  @Test
  void aClientReferenceLookedUpWithoutTheHistoryNamesTheTaskItself() throws Exception {
    CliRun.Result made = vidgen("generate", "--no-wait", "--json", "--model", "seedance-2", "--prompt", "p",
        "--image", "https://img.example/a.png");
    assertThat(made.exitCode()).as(made.all()).isZero();
    String taskId = (String) made.json().get("task_id");
    String reference = fake.creates().get(0).clientBusinessId();
    java.nio.file.Files.delete(home.resolve("history.jsonl")); // another machine, say

    CliRun.Result status = vidgen("status", "unanswered-" + reference, "--json");

    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.json()).as("not the reference: the id the next commands need").containsEntry("task_id", taskId);
    assertThat(status.err()).contains(reference + " is the client reference of task " + taskId);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCreateAnsweredAtOnceLeavesOneEntryInTheHistoryThoughAnotherWasWrittenBeforeItWentOut() throws Exception {
    String taskId = submitted();

    CliRun.Result history = vidgen("history", "--json");
    assertThat((List<Map<String, Object>>) history.json().get("tasks")).singleElement()
        .satisfies(task -> assertThat(task).containsEntry("task_id", taskId));
    List<String> lines = java.nio.file.Files.readAllLines(home.resolve("history.jsonl"));
    assertThat(lines).as("the note written before anything was sent, again as the create went out, the task, and the"
        + " note closed").hasSize(4);
    assertThat(lines.get(0)).contains("\"status\":\"unknown\"", "its submit began at", "no answer is recorded yet for its"
        + " create");
    assertThat(lines.get(1)).contains("\"status\":\"unknown\"", "its create went out at", "no answer is recorded yet");
  }

  @Test
  void aCreateHeldBackByA429SaysSoInsteadOfWaitingSilently() {
    fake.inject(Endpoint.CREATE, Fault.rateLimited(java.time.Duration.ofSeconds(3)), 1);

    CliRun.Result result = vidgen("generate", "--image", "product.png", "--prompt", "p");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.err()).containsOnlyOnce("the provider is limiting requests (HTTP 429); the create waits ")
        .containsPattern("the create waits \\d+\\.\\d s, at least the 3 s the provider asks, and goes out again, with"
            + " longer waits if it is refused again \\(nothing was made: Ctrl-C stops without paying\\)");
  }

  @Test
  void theWaitA429MessageStatesIsTheOneTheResendKeeps() {
    fake.inject(Endpoint.CREATE, Fault.rateLimited(java.time.Duration.ofSeconds(3)), 1);

    // The default policy (no --retry-delay): Retry-After plus up to 1 s of jitter, so rarely a whole number.
    CliRun.Result result = cli.vidgen()
        .run("generate", "--no-wait", "--image", "product.png", "--prompt", "p", "--base-url", fake.baseUrl());

    assertThat(result.exitCode()).as(result.all()).isZero();
    java.util.regex.Matcher said = java.util.regex.Pattern.compile("the create waits (\\d+\\.\\d) s, at least the 3 s")
        .matcher(result.err());
    assertThat(said.find()).as(result.err()).isTrue();
    List<ReceivedRequest> creates = fake.requests(Endpoint.CREATE);
    assertThat(creates).hasSize(2);
    double gap = java.time.Duration.between(creates.get(0).receivedAt(), creates.get(1).receivedAt()).toMillis() / 1000.0;
    assertThat(gap).as("the resend came after the wait said: " + said.group()).isGreaterThanOrEqualTo(
        Double.parseDouble(said.group(1)) - 0.05).isLessThan(Double.parseDouble(said.group(1)) + 0.6);
  }

  @Test
  void aKeyRefusedWhileTheTaskIsWaitedForSaysHowToGoOnWithThePaidTask() {
    fake.inject(Endpoint.STATUS, Fault.status(401), 20);

    CliRun.Result result = vidgen("generate", "--image", "product.png", "--prompt", "p");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.AUTHENTICATION);
    String task = fake.taskIds().get(0);
    assertThat(result.err()).contains("check TOAPIS_API_KEY").contains("the task goes on at the provider: go on with")
        .contains("vidgen wait " + task);
  }

  @Test
  void aBalanceRefusedForTheKeyIsAnAuthenticationFailureWithTheKeysAdvice() {
    fake.inject(Endpoint.BALANCE, Fault.answer(200, "application/json",
        "{\"success\":false,\"message\":\"token disabled\"}"));

    CliRun.Result result = vidgen("balance", "--json");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.AUTHENTICATION);
    @SuppressWarnings("unchecked")
    Map<String, Object> error = (Map<String, Object>) result.json().get("error");
    assertThat(error).containsEntry("kind", "authentication");
    assertThat((String) error.get("message")).contains("token disabled");
    assertThat((String) error.get("next")).startsWith("check TOAPIS_API_KEY")
        .as("ToAPIs answers any refusal of an account read so: it may be its fault").contains("try again later");
  }

  @Test
  void anAccountBalanceRefusedWithSuccessFalseLeavesTheKeysToo() {
    fake.keyBalance(new BigDecimal("700"));
    fake.inject(Endpoint.USER_BALANCE, Fault.answer(200, "application/json",
        "{\"success\":false,\"message\":\"no permission\"}"));

    CliRun.Result result = vidgen("balance");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.out()).contains("remaining  700 credits");
  }

  @Test
  void aKeyThatMayNotReadTheAccountsBalanceIsStillCheckedAgainstItsOwn() {
    fake.keyBalance(BigDecimal.TEN);
    fake.inject(Endpoint.USER_BALANCE, Fault.status(403), 100);

    CliRun.Result over = vidgen("generate", "--image", "https://example.com/p.png", "--prompt", "p");
    CliRun.Result within = vidgen("generate", "--model", "grok-video-1.5", "--seconds", "4", "--image",
        "https://example.com/p.png", "--prompt", "p", "--no-wait");

    assertThat(over.exitCode()).as(over.all()).isEqualTo(8);
    assertThat(over.err()).contains("grok-video-1.5-preview costs 20 credits but the key has 10 credits left")
        .doesNotContain("sent without a balance check");
    assertThat(within.exitCode()).as(within.all()).isZero();
    assertThat(within.err()).doesNotContain("balance");
    assertThat(fake.requests(Endpoint.CREATE)).hasSize(1);
  }

  @Test
  void thePriceAndWhatIsLeftAreToldBeforeTheCreateLeavesAndNotForAJobRefused() {
    fake.keyBalance(new BigDecimal("100"));
    CliRun.Result sent = vidgen("generate", "--image", "https://example.com/p.png", "--prompt", "p", "--no-wait");
    CliRun.Result refused = vidgen("generate", "--image", "https://example.com/p.png", "--prompt", "q",
        "--max-credits", "10");

    assertThat(sent.exitCode()).as(sent.all()).isZero();
    assertThat(sent.err()).contains("vidgen: sending: grok-video-1.5-preview (image-to-video), 20 credits ($0.10); 80 credits left after it, as this run counts (other runs may spend meanwhile)");
    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(8);
    assertThat(refused.err()).doesNotContain("sending:");
    assertThat(fake.requests(Endpoint.CREATE)).hasSize(1);
  }

  @Test
  void aJobOverWhatTheKeyHasLeftGivesTheRefusedPriceInItsJsonAsOverMaxCreditsDoes() {
    fake.keyBalance(BigDecimal.TEN);

    CliRun.Result over = vidgen("generate", "--json", "--image", "https://example.com/p.png", "--prompt", "p");

    assertThat(over.exitCode()).as(over.all()).isEqualTo(8);
    assertThat(over.json()).containsEntry("model", "grok-video-1.5-preview").containsEntry("credits", 20.0)
        .containsEntry("usd", 0.1).containsKey("basis");
    assertThat(fake.requests(Endpoint.CREATE)).isEmpty();
  }

  @Test
  void aMissingKeyForToApisEndsWith3BeforeSendingAnything() {
    CliRun.Result result = CliRun.in(dir).run("generate", "--provider", "toapis", "--base-url", fake.baseUrl(),
        "--image", "product.png", "--prompt", "p", "--json");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(3);
    assertThat(result.err()).contains("TOAPIS_API_KEY is not set");
    assertThat(fake.requests()).isEmpty();
  }

  @Test
  void theKeyIsNotSentOverPlainHttpToAnotherHost() {
    CliRun.Result result = cli.withoutHome().run("balance", "--base-url",
        "http://example.com", "--verbose");

    assertThat(result.exitCode()).as("a setting that cannot be used is a usage mistake: " + result.all()).isEqualTo(2);
    assertThat(result.all()).doesNotContain(KEY).doesNotContain(KEY.substring(3));
  }
}
