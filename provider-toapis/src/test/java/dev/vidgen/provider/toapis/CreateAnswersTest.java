package dev.vidgen.provider.toapis;

import static dev.vidgen.provider.toapis.ToApisOverHttp.TINY;
import static dev.vidgen.provider.toapis.ToApisOverHttp.tinyBackoffs;
import static dev.vidgen.provider.toapis.ToApisOverHttp.tinyPolls;
import static dev.vidgen.provider.toapis.ToApisTesting.await;
import static dev.vidgen.provider.toapis.ToApisTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.client.AwaitOptions;
import dev.vidgen.core.client.GenerationResult;
import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.FollowOn;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.TaskStatus;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.AmbiguousSubmitException;
import dev.vidgen.core.error.RequestRejectedException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.port.SubmitRequest;
import dev.vidgen.testkit.fixtures.VideoJobs;
import dev.vidgen.testkit.toapis.CreateRecord;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import dev.vidgen.testkit.toapis.Lifecycle;
import dev.vidgen.testkit.toapis.TaskScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a create (extend, remix) answer must hold: a task id, nothing more. An answer that says
 * completed without a video keeps its paid task, which the status read then finishes; an explicit
 * {@code success: false} naming no task id is a refusal, not a task that may exist.
 */
class CreateAnswersTest {
  private static final String JSON = "application/json";
  /** The id the fake gives its first task (a test that guesses wrong fails on the task it finds). */
  private static final String FIRST_TASK = "video_000001";

  @TempDir Path dir;
  @RegisterExtension
  final ToApisOverHttp http = ToApisOverHttp.builder()
      .unlimitedBalance().server(fake -> fake.videoModels(Set.of("grok-video-1.5-preview", "grok-video-1.0",
          "seedance-2")))
      .client(client -> client
          .retryPolicy(tinyBackoffs().notFoundBackoff(TINY, TINY).build())
          .pollSchedule(tinyPolls().jitter(0.1).build()))
      .start();
  private final FakeToApisServer toapis = http.server();
  private final ToApisVideoProvider provider = http.provider();
  private final VidgenClient client = http.client();

  @Test
  void aCreateAnsweredCompletedWithoutAResultKeepsItsTaskIdAndIsNotFinal() {
    answerCreate("{\"id\":\"tsk_vid_ea00fe1\",\"object\":\"generation.task\",\"model\":\"grok-video-1.5-preview\","
        + "\"status\":\"completed\",\"progress\":100,\"created_at\":1768380224,\"metadata\":{}}");

    TaskSnapshot created = await(provider.create(grokRequest()));

    assertThat(created.taskId()).isEqualTo(TaskId.of("tsk_vid_ea00fe1"));
    assertThat(created.status()).as("no video named: the status read decides").isEqualTo(TaskStatus.IN_PROGRESS);
    assertThat(created.rawStatus()).isEqualTo("completed");
    assertThat(created.result()).isEmpty();
  }

  @Test
  void aLegacyCreateAnswerSayingSuccessWithoutAResultKeepsItsTaskIdToo() {
    answerCreate("{\"code\":200,\"data\":[{\"status\":\"SUCCESS\",\"task_id\":\"task_legacy2\"}]}");

    TaskSnapshot created = await(provider.create(grokRequest()));

    assertThat(created.taskId()).isEqualTo(TaskId.of("task_legacy2"));
    assertThat(created.status()).isEqualTo(TaskStatus.IN_PROGRESS);
    assertThat(created.rawStatus()).isEqualTo("SUCCESS");
  }

  @Test
  void aCreateAnsweredCompletedWithAVideoIsStillReadAsCompleted() {
    answerCreate("{\"id\":\"video_c1\",\"status\":\"completed\","
        + "\"result\":{\"data\":[{\"url\":\"https://files.example/c1.mp4\",\"format\":\"mp4\"}]}}");

    TaskSnapshot created = await(provider.create(grokRequest()));

    assertThat(created.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(created.video().url()).hasToString("https://files.example/c1.mp4");
  }

  @Test
  void aCreateAnsweredFailedWithAnErrorIsAFailedSnapshotWithTheProvidersReason() {
    answerCreate("{\"id\":\"video_f1\",\"status\":\"failed\","
        + "\"error\":{\"code\":\"generation_failed\",\"message\":\"refused by the content policy\"}}");

    TaskSnapshot created = await(provider.create(grokRequest()));

    assertThat(created.taskId()).isEqualTo(TaskId.of("video_f1"));
    assertThat(created.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(created.failure().code()).isEqualTo("generation_failed");
    assertThat(created.failure().message()).isEqualTo("refused by the content policy");
  }

  @Test
  void aStatusReadAnsweredCompletedWithoutAVideoIsStillAServerError() {
    toapis.inject(Endpoint.STATUS, Fault.answer(200, JSON, "{\"id\":\"video_w\",\"status\":\"completed\"}"));

    Throwable error = failure(provider.status(TaskId.of("video_w")));

    assertThat(error).isInstanceOfSatisfying(dev.vidgen.core.error.ProviderException.class,
        problem -> assertThat(problem.kind()).isEqualTo(FailureKind.SERVER_ERROR));
    assertThat(error).hasMessageContaining("result.data[0].url");
  }

  @Test
  void aCreateAnswerThatNamesItsTaskInsideDataOrErrorIsThatTask() {
    java.util.Map<String, String> answers = new java.util.LinkedHashMap<>();
    answers.put("{\"success\":true,\"data\":{\"id\":\"tsk_vid_zz4\",\"status\":\"queued\"}}", "tsk_vid_zz4");
    answers.put("{\"code\":200,\"data\":{\"task_id\":\"tsk_vid_zz3\",\"status\":\"submitted\"}}", "tsk_vid_zz3");
    answers.put("{\"code\":200,\"data\":[{\"id\":\"tsk_vid_zz5\",\"status\":\"submitted\"}]}", "tsk_vid_zz5");
    answers.put("{\"success\":false,\"message\":\"dup\",\"data\":{\"id\":\"tsk_vid_zz1\"}}", "tsk_vid_zz1");
    answers.put("{\"success\":false,\"message\":\"x\",\"error\":{\"task_id\":\"tsk_vid_zz2\"}}", "tsk_vid_zz2");

    answers.forEach((answer, id) -> {
      answerCreate(answer);

      TaskSnapshot created = await(provider.create(grokRequest()));

      assertThat(created.taskId()).as(answer).isEqualTo(TaskId.of(id));
      assertThat(created.status().isTerminal()).as(answer).isFalse();
    });
  }

  @Test
  void aStatusReadWhoseResultNamesNoFormatTakesItFromTheVideoUrlsEnding() {
    toapis.inject(Endpoint.STATUS, Fault.answer(200, JSON, "{\"id\":\"video_f\",\"status\":\"completed\","
        + "\"result\":{\"type\":\"video\",\"data\":[{\"url\":\"https://files.example/v/video_f.WebM\"}]}}"));
    toapis.inject(Endpoint.STATUS, Fault.answer(200, JSON, "{\"id\":\"video_g\",\"status\":\"completed\","
        + "\"result\":{\"type\":\"video\",\"data\":[{\"url\":\"https://files.example/v/video_g\"}]}}"));

    assertThat(await(provider.status(TaskId.of("video_f"))).result().orElseThrow().format()).isEqualTo("webm");
    assertThat(await(provider.status(TaskId.of("video_g"))).result().orElseThrow().format())
        .as("no ending to go by: the default").isEqualTo("mp4");
  }

  @Test
  void aLookUpByClientReferenceAnsweredCompletedWithoutAVideoFindsTheTaskForTheStatusReadToFinish() {
    toapis.inject(Endpoint.STATUS, Fault.answer(200, JSON,
        "{\"id\":\"video_r1\",\"status\":\"completed\",\"client_business_id\":\"vg-ref-1\"}"));

    TaskSnapshot found = await(provider.findByClientReference("vg-ref-1")).orElseThrow();

    assertThat(found.taskId()).isEqualTo(TaskId.of("video_r1"));
    assertThat(found.status().isTerminal()).isFalse();
  }

  @Test
  void aGenerateWhoseCreateIsAnsweredCompletedWithoutAResultSavesTheVideoAfterAStatusRead() throws Exception {
    answerCreateAfterMakingTheTask("{\"id\":\"" + FIRST_TASK + "\",\"object\":\"generation.task\","
        + "\"status\":\"completed\",\"progress\":100}");

    GenerationResult result = client.generate(grokJob(), dir.resolve("cat.mp4"), AwaitOptions.defaults());

    assertThat(result.handle().taskId()).isEqualTo(TaskId.of(FIRST_TASK));
    assertThat(toapis.taskIds()).containsExactly(FIRST_TASK);
    assertThat(toapis.requests(Endpoint.CREATE)).as("never sent again").hasSize(1);
    assertThat(toapis.pollsOf(FIRST_TASK)).as("the status read gave the video").isPositive();
    assertThat(result.snapshot().status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(Files.size(result.file())).isPositive();
  }

  @Test
  void aCreateAnsweredFailedIsStillFollowedByItsStatusReadWhichDecides() throws Exception {
    answerCreateAfterMakingTheTask("{\"id\":\"" + FIRST_TASK + "\",\"status\":\"failed\","
        + "\"error\":{\"code\":\"generation_failed\",\"message\":\"said too early\"}}");

    JobHandle handle = client.submit(grokJob());
    TaskSnapshot done = client.await(handle, AwaitOptions.defaults());

    assertThat(handle.taskId()).isEqualTo(TaskId.of(FIRST_TASK));
    assertThat(toapis.requests(Endpoint.CREATE)).hasSize(1);
    assertThat(done.status()).as("the task the fake made completes; its status read is what counts")
        .isEqualTo(TaskStatus.COMPLETED);
  }

  @Test
  void aLostCreateFoundByItsReferenceAsCompletedWithoutAVideoIsAdoptedAndFinishedNotSentAgain() throws Exception {
    toapis.inject(Endpoint.CREATE, Fault.dropAfterProcessing());
    toapis.inject(Endpoint.STATUS, Fault.answer(200, JSON, "{\"id\":\"" + FIRST_TASK + "\",\"status\":\"completed\"}"));

    GenerationResult result = client.generate(VideoJobs.validFor("seedance-2"), dir.resolve("kite.mp4"),
        AwaitOptions.defaults());

    assertThat(toapis.creates()).extracting(CreateRecord::outcome)
        .containsExactly(CreateRecord.Outcome.CREATED_UNANSWERED);
    assertThat(toapis.taskIds()).containsExactly(result.handle().taskId().value());
    String reference = result.handle().reference().orElseThrow();
    assertThat(toapis.requests(Endpoint.STATUS)).as("found at the first look, not read again as a server error")
        .filteredOn(request -> request.path().endsWith("/" + reference)).hasSize(1);
    assertThat(Files.size(result.file())).isPositive();
  }

  @Test
  void anExtendAnsweredCompletedWithoutAResultKeepsItsNewTaskAndItsStatusReadFinishesIt() {
    toapis.nextTask(TaskScript.completes().taking(Lifecycle.byPolls(0, 0))); // a finished source
    JobHandle first = client.submit(VideoJobs.validFor("grok-video-1.0"));
    String extendId = "video_extend_000002";
    toapis.inject(Endpoint.EXTEND, Fault.answer(200, JSON, "{\"id\":\"" + extendId + "\",\"status\":\"completed\","
        + "\"extended_from_video_id\":\"" + first.taskId() + "\"}").afterProcessing());

    JobHandle extended = client.extend(first.encode(), FollowOn.prompt("the kite climbs"));
    TaskSnapshot done = client.await(extended, AwaitOptions.defaults());

    assertThat(extended.taskId()).isEqualTo(TaskId.of(extendId));
    assertThat(toapis.taskIds()).contains(extendId);
    assertThat(toapis.requests(Endpoint.EXTEND)).hasSize(1);
    assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
  }

  @Test
  void aCreateRefusedWithSuccessFalseAndNoTaskIdIsARejectionInTheServersCleanedWordsNotAnAmbiguousSubmit() {
    String key = toapis.apiKey();
    answerCreate("{\"success\":false,\"message\":\"model not available for your group \\u001b[31m" + key + "\"}");

    assertThatThrownBy(() -> client.submit(grokJob()))
        .isInstanceOf(RequestRejectedException.class)
        .isNotInstanceOf(AmbiguousSubmitException.class)
        .hasMessageContaining("says success: false and names no task id, so no task was made")
        .hasMessageContaining("model not available for your group")
        .hasMessageNotContaining(key)
        .hasMessageNotContaining("\u001b")
        .satisfies(error -> assertThat(((RequestRejectedException) error).httpStatus()).isEqualTo(200));
    assertThat(toapis.requests(Endpoint.CREATE)).as("a refusal is never sent again").hasSize(1);
  }

  @Test
  void aRefusalsLongMessageIsCutShort() {
    answerCreate("{\"success\":false,\"message\":\"" + "no ".repeat(3000) + "\"}");

    assertThat(failure(provider.create(grokRequest())).getMessage())
        .hasSizeLessThan(1_200).contains("more characters)");
  }

  @Test
  void aRefusalWithoutAMessageSaysThatNoReasonWasGiven() {
    answerCreate("{\"success\":false}");

    assertThat(failure(provider.create(grokRequest())))
        .isInstanceOf(RequestRejectedException.class)
        .hasMessageContaining("it gave no reason");
  }

  @Test
  void aSuccessFalseAnswerThatNamesATaskIdIsThatTask() {
    answerCreateAfterMakingTheTask("{\"success\":false,\"message\":\"odd\",\"id\":\"" + FIRST_TASK
        + "\",\"status\":\"queued\"}");

    JobHandle handle = client.submit(grokJob());

    assertThat(handle.taskId()).isEqualTo(TaskId.of(FIRST_TASK));
  }

  @Test
  void aCreateAnswerNamingTwoTaskIdsUnderOneKeyIsAnAmbiguousSubmitNotTheLastId() {
    answerCreate("{\"id\":\"video_real\",\"status\":\"queued\",\"status\":\"failed\",\"id\":\"dup_other\"}");

    assertThat(failure(provider.create(grokRequest()))).as("which task was made cannot be told")
        .isInstanceOf(AmbiguousSubmitException.class).hasMessageContaining("its answer could not be read");
  }

  @Test
  void onlyALiteralFalseWithNoIdAnywhereIsARefusal() {
    answerCreate("{\"success\":\"false\",\"message\":\"a word, not false\"}");
    answerCreate("{\"success\":false,\"message\":\"an id inside\",\"data\":{\"task\":{\"task_id\":\"t9\"}}}");
    answerCreate("{\"success\":false,\"message\":\"an id in the error\",\"error\":{\"id\":\"t8\"}}");

    assertThat(failure(provider.create(grokRequest()))).as("a word, with no id: ambiguous")
        .isInstanceOf(AmbiguousSubmitException.class).hasMessageContaining("names no task id");
    assertThat(await(provider.create(grokRequest())).taskId()).as("an id deep in data: that task")
        .isEqualTo(TaskId.of("t9"));
    assertThat(await(provider.create(grokRequest())).taskId()).as("an id in the error: that task")
        .isEqualTo(TaskId.of("t8"));
  }

  @Test
  void anExtendRefusedWithSuccessFalseIsARejectionToo() {
    toapis.nextTask(TaskScript.completes().taking(Lifecycle.byPolls(0, 0))); // a finished source
    JobHandle first = client.submit(VideoJobs.validFor("grok-video-1.0"));
    toapis.inject(Endpoint.EXTEND, Fault.answer(200, JSON, "{\"success\":false,\"message\":\"no extend today\"}"));

    assertThatThrownBy(() -> client.extend(first.encode(), FollowOn.prompt("the kite climbs")))
        .isInstanceOf(RequestRejectedException.class)
        .hasMessageContaining("no extend today").hasMessageContaining("source task " + first.taskId());
    assertThat(toapis.requests(Endpoint.EXTEND)).hasSize(1);
  }

  private void answerCreate(String json) {
    toapis.inject(Endpoint.CREATE, Fault.answer(200, JSON, json));
  }

  private void answerCreateAfterMakingTheTask(String json) {
    toapis.inject(Endpoint.CREATE, Fault.answer(200, JSON, json).afterProcessing());
  }

  private static VideoJob grokJob() {
    return VideoJob.builder("grok-video-1.5-preview")
        .prompt("the cat turns its head").image("https://images.example/cat.png").build();
  }

  private static SubmitRequest grokRequest() {
    return ToApisTesting.request(grokJob(), null);
  }
}
