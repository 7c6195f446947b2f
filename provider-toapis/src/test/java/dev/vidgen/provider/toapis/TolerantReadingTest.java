package dev.vidgen.provider.toapis;

import static dev.vidgen.provider.toapis.ToApisTesting.await;
import static dev.vidgen.provider.toapis.ToApisTesting.failure;
import static dev.vidgen.provider.toapis.ToApisTesting.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.TaskStatus;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.AmbiguousSubmitException;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.RequestRejectedException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.port.Balance;
import dev.vidgen.core.port.SubmitRequest;
import dev.vidgen.testkit.fixtures.Images;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import dev.vidgen.testkit.toapis.TaskScript;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TolerantReadingTest {
  @RegisterExtension
  final ToApisOverHttp http = ToApisOverHttp.builder().start();
  private final FakeToApisServer toapis = http.server();
  private final ToApisVideoProvider provider = http.provider();

  @Test
  void anUndocumentedStatusCountsAsPendingAndKeepsItsWord() {
    toapis.nextTask(TaskScript.completes().pendingAs("submitted"));
    TaskSnapshot created = await(provider.create(grokRequest()));

    TaskSnapshot first = await(provider.status(created.taskId()));

    assertThat(created.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(first.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(first.rawStatus()).isEqualTo("submitted");
    assertThat(pollToEnd(created.taskId()).status()).isEqualTo(TaskStatus.COMPLETED);
  }

  @Test
  void aStatusAnswerKeepsTheModelAndCreationTimeItReportsMadeSafe() {
    toapis.inject(Endpoint.STATUS, Fault.answer(200, "application/json",
        "{\"id\":\"video_4\",\"status\":\"queued\",\"model\":\" grok-video-1.5\\u001b[31m \","
            + "\"created_at\":1778569600}"));
    toapis.inject(Endpoint.STATUS, Fault.answer(200, "application/json",
        "{\"id\":\"video_5\",\"status\":\"queued\",\"created_at\":\"2026-05-12T07:06:40Z\"}"));

    TaskSnapshot said = await(provider.status(TaskId.of("video_4")));
    TaskSnapshot unsaid = await(provider.status(TaskId.of("video_5")));

    assertThat(said.reportedCreatedAt()).contains(Instant.ofEpochSecond(1778569600));
    assertThat(said.reportedModel()).hasValueSatisfying(model -> assertThat(model).startsWith("grok-video-1.5")
        .doesNotContain("\u001b"));
    assertThat(unsaid.reportedModel()).isEmpty();
    assertThat(unsaid.reportedCreatedAt()).contains(Instant.parse("2026-05-12T07:06:40Z"));
  }

  @Test
  void aRunningWordOfAnotherApiCountsAsInProgressAndKeepsItsWord() {
    toapis.inject(Endpoint.STATUS, Fault.answer(200, "application/json",
        "{\"id\":\"video_3\",\"status\":\"processing\",\"progress\":44}"));

    TaskSnapshot running = await(provider.status(TaskId.of("video_3")));

    assertThat(running.status()).isEqualTo(TaskStatus.IN_PROGRESS);
    assertThat(running.rawStatus()).isEqualTo("processing");
  }

  @Test
  void aTaskWithoutAnyOptionalFieldIsRead() {
    toapis.nextTask(TaskScript.completes().sparse());
    TaskSnapshot created = await(provider.create(grokRequest()));

    TaskSnapshot running = await(provider.status(created.taskId()));
    running = await(provider.status(created.taskId()));
    TaskSnapshot done = await(provider.status(created.taskId()));

    assertThat(running.status()).isEqualTo(TaskStatus.IN_PROGRESS);
    assertThat(running.percent()).isEmpty();
    assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(done.video().expiry()).isEmpty();
    assertThat(done.video().format()).isEqualTo("mp4");
  }

  @Test
  void aResultWithoutExpiresAtHasNoGuessedExpirySoItsLinkIsTried() {
    toapis.inject(Endpoint.STATUS, Fault.answer(200, "application/json", "{\"id\":\"video_1\",\"status\":\"completed\","
        + "\"completed_at\":1000,\"result\":{\"type\":\"video\",\"data\":[{\"url\":\"https://files.example/x.mp4\"}]}}"));

    TaskSnapshot done = await(provider.status(TaskId.of("video_1")));

    assertThat(done.video().expiry()).as("completed long ago, but no expires_at: not guessed").isEmpty();
  }

  @Test
  void aTopLevelVideoUrlIsReadWhenTheResultNamesNone() {
    toapis.inject(Endpoint.STATUS, Fault.answer(200, "application/json", "{\"id\":\"video_2\",\"status\":\"completed\","
        + "\"video_url\":\"https://files.example/gemini.mp4\",\"expires_at\":1778656300}"));

    TaskSnapshot done = await(provider.status(TaskId.of("video_2")));

    assertThat(done.video().url()).isEqualTo(URI.create("https://files.example/gemini.mp4"));
    assertThat(done.video().expiry()).contains(Instant.ofEpochSecond(1778656300L));
  }

  @Test
  void theExpiryOfAResultIsKept() {
    TaskSnapshot done = pollToEnd(await(provider.create(grokRequest())).taskId());

    Instant expiry = done.video().expiry().orElseThrow();
    assertThat(Duration.between(Instant.now(), expiry)).isBetween(Duration.ofHours(23), Duration.ofHours(25));
  }

  @Test
  void aFailureCodeMayBeANumberOrAString() {
    toapis.nextTask(TaskScript.fails(50012, "upstream model failed"));
    toapis.nextTask(TaskScript.fails("generation_failed", "refused by the content policy"));

    TaskSnapshot numeric = pollToEnd(await(provider.create(grokRequest())).taskId());
    TaskSnapshot text = pollToEnd(await(provider.create(grokRequest())).taskId());

    assertThat(numeric.failure().code()).isEqualTo("50012");
    assertThat(numeric.failure().message()).isEqualTo("upstream model failed");
    assertThat(text.failure().code()).isEqualTo("generation_failed");
  }

  @Test
  void unknownFieldsAreIgnoredAndProgressMayBeTextOrAFraction() {
    answerStatus("{\"id\":\"video_x\",\"status\":\"in_progress\",\"progress\":\"42%\",\"surprise\":{\"deep\":[1,2]},"
        + "\"usage\":{\"tool_usage\":{\"web_search\":1}}}");
    answerStatus("{\"id\":\"video_x\",\"status\":\"in_progress\",\"progress\":41.6}");

    assertThat(await(provider.status(TaskId.of("video_x"))).progress()).isEqualTo(42);
    assertThat(await(provider.status(TaskId.of("video_x"))).progress()).isEqualTo(42);
  }

  @Test
  void anErrorGivenAsAStringIsTheMessage() {
    answerStatus("{\"id\":\"video_y\",\"status\":\"failed\",\"error\":\"upstream timeout\"}");

    TaskSnapshot failed = await(provider.status(TaskId.of("video_y")));

    assertThat(failed.failure().code()).isEqualTo("failed");
    assertThat(failed.failure().message()).isEqualTo("upstream timeout");
  }

  @Test
  void anIsoExpiryIsReadToo() {
    answerStatus("{\"id\":\"video_z\",\"status\":\"completed\",\"expires_at\":\"2026-06-01T10:00:00Z\","
        + "\"result\":{\"data\":[{\"url\":\"https://files.example/z.mov\",\"format\":\"mov\"}]}}");

    TaskSnapshot done = await(provider.status(TaskId.of("video_z")));

    assertThat(done.video().expiresAt()).isEqualTo(Instant.parse("2026-06-01T10:00:00Z"));
    assertThat(done.video().format()).isEqualTo("mov");
    assertThat(done.video().url()).isEqualTo(URI.create("https://files.example/z.mov"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "1780308000|2026-06-01T10:00:00Z",
      "1780308000000|2026-06-01T10:00:00Z",
      "\"1780308000\"|2026-06-01T10:00:00Z",
      "\"2026-06-01T12:00:00+02:00\"|2026-06-01T10:00:00Z",
      "\" 2026-06-01T10:00:00.000Z \"|2026-06-01T10:00:00Z",
      "\"soon\"|",
      "\"-\"|"})
  void readsAnExpiryInEveryFormTheDocsUseAndNoneFromNonsense(String expiresAt, Instant expected) {
    answerStatus("{\"id\":\"video_e\",\"status\":\"completed\",\"expires_at\":" + expiresAt + ","
        + "\"result\":{\"data\":[{\"url\":\"https://files.example/e.mp4\",\"format\":\"mp4\"}]}}");

    TaskSnapshot done = await(provider.status(TaskId.of("video_e")));

    assertThat(done.video().expiresAt()).isEqualTo(expected);
  }

  @Test
  void aCompletedTaskWithoutAVideoIsAServerErrorToPollAgain() {
    answerStatus("{\"id\":\"video_w\",\"status\":\"completed\"}");

    ProviderException error = (ProviderException) failure(provider.status(TaskId.of("video_w")));

    assertThat(error.kind()).isEqualTo(FailureKind.SERVER_ERROR);
    assertThat(error.getMessage()).contains("result.data[0].url");
    assertThat(error.taskId()).contains(TaskId.of("video_w"));
  }

  @Test
  void aCompletedTaskWithoutAVideoIsSaidToBeDoneAtTheProviderNotToHaveFailed() {
    answerStatus("{\"id\":\"video_w\",\"status\":\"completed\"}");

    assertThat(failure(provider.status(TaskId.of("video_w"))).getMessage())
        .contains("the provider says task video_w is done (completed) but names no video to download")
        .contains("a later read of the task may name it");
  }

  @Test
  void theLegacyCreateAnswerIsRead() {
    toapis.inject(Endpoint.CREATE, Fault.answer(200, "application/json",
        "{\"code\":200,\"data\":[{\"status\":\"submitted\",\"task_id\":\"task_legacy1\"}]}"));

    TaskSnapshot created = await(provider.create(grokRequest()));

    assertThat(created.taskId()).isEqualTo(TaskId.of("task_legacy1"));
    assertThat(created.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(created.rawStatus()).isEqualTo("submitted");
  }

  @Test
  void aCreateAnswerWithoutATaskIdIsAmbiguous() {
    toapis.inject(Endpoint.CREATE, Fault.answer(200, "application/json", "{\"status\":\"queued\"}"));

    assertThat(failure(provider.create(grokRequest())))
        .isInstanceOf(AmbiguousSubmitException.class)
        .hasMessageContaining("names no task id");
  }

  @Test
  void theBalanceIsReadInCreditsWithoutRounding() {
    toapis.balance(new BigDecimal("1234.567"), false);

    Balance balance = await(provider.balance());

    assertThat(balance.remaining()).contains(new BigDecimal("1234.567"));
    assertThat(balance.unlimited()).isFalse();
  }

  @Test
  void anUnlimitedBalanceHasNoRemainder() {
    toapis.balance(BigDecimal.ZERO, true);

    Balance balance = await(provider.balance());

    assertThat(balance.unlimited()).isTrue();
    assertThat(balance.remaining()).isEmpty();
  }

  @Test
  void anOverdrawnAccountHasLessThanNothingLeftAndIsNotUnlimited() {
    Balance balance = balanceAnswering(
        "{\"success\":true,\"remain_credits\":-5,\"used_credits\":10,\"unlimited_quota\":false}");

    assertThat(balance.unlimited()).as("only -1 is ToAPIs' unlimited").isFalse();
    assertThat(balance.remaining()).contains(new BigDecimal("-5"));
  }

  @Test
  void anAccountOverdrawnByExactlyOneIsNotUnlimitedWhenTheAnswerSaysItIsNot() {
    Balance byOneCredit = balanceAnswering(
        "{\"success\":true,\"remain_credits\":-1,\"used_credits\":10,\"unlimited_quota\":false}");
    Balance byOneDollar = balanceAnswering(
        "{\"success\":true,\"remain_credits\":-200,\"remain_balance\":-1.0,\"unlimited_quota\":false}");

    assertThat(byOneCredit.unlimited()).as("unlimited_quota false says what it says").isFalse();
    assertThat(byOneCredit.remaining()).contains(new BigDecimal("-1"));
    assertThat(byOneDollar.unlimited()).isFalse();
    assertThat(byOneDollar.remaining()).contains(new BigDecimal("-200"));
  }

  @Test
  void aCountOfCreditsWithAMillionDigitsIsUnreadableNotWrittenOut() {
    answerBalance("{\"success\":true,\"remain_credits\":1e999999,\"used_credits\":1e999999}");

    assertThat(failure(provider.balance())).isInstanceOf(ProviderException.class)
        .hasMessageContaining("remain_credits is no count of credits vidgen can read");
  }

  @Test
  void theRateOfCreditsToDollarsTheBalanceStatesIsKeptAndOneThatIsNoPositiveNumberIsNot() {
    Balance stated = balanceAnswering(
        "{\"success\":true,\"remain_credits\":1000,\"credits_per_usd\":100,\"unlimited_quota\":false}");
    Balance zero = balanceAnswering(
        "{\"success\":true,\"remain_credits\":1000,\"credits_per_usd\":0,\"unlimited_quota\":false}");

    assertThat(stated.creditsPerUsd()).isEqualByComparingTo("100");
    assertThat(zero.creditsPerUsd()).as("as good as none").isNull();
    assertThat(zero.remaining()).contains(new BigDecimal("1000"));
  }

  @ParameterizedTest(name = "credits_per_usd: {0}")
  @ValueSource(strings = {"0", "-5", "\"NaN\"", "\"free\""})
  void aRateStatedThatIsNoPositiveNumberIsKeptApartToBeSaidNotDroppedSilently(String rate) {
    Balance balance = balanceAnswering(
        "{\"success\":true,\"remain_credits\":1000,\"credits_per_usd\":" + rate + ",\"unlimited_quota\":false}");
    Balance none = balanceAnswering("{\"success\":true,\"remain_credits\":1000,\"unlimited_quota\":false}");

    assertThat(balance.creditsPerUsd()).isNull();
    assertThat(balance.unusableCreditsPerUsd()).isEqualTo(rate.replace("\"", ""));
    assertThat(none.unusableCreditsPerUsd()).as("none stated, nothing to say").isNull();
  }

  @ParameterizedTest(name = "credits_per_usd: {0}")
  @ValueSource(strings = {"true", "false", "{}", "[200]", "[]", "{\"usd\":200}"})
  void aRateOfAnotherJsonShapeIsKeptApartToBeSaidAndTheBalanceIsStillRead(String rate) {
    Balance balance = balanceAnswering("{\"success\":true,\"remain_credits\":1000,\"used_credits\":5,"
        + "\"credits_per_usd\":" + rate + ",\"unlimited_quota\":false}");

    assertThat(balance.remaining()).contains(new BigDecimal("1000"));
    assertThat(balance.usedCredits()).isEqualByComparingTo("5");
    assertThat(balance.creditsPerUsd()).isNull();
    assertThat(balance.unusableCreditsPerUsd()).isEqualTo(rate);
  }

  @ParameterizedTest(name = "credits_per_usd: {0}")
  @ValueSource(strings = {"1e400", "\"Infinity\"", "1e13", "123456789012345678901234567890"})
  void aRateTooLargeToUseIsKeptApartToBeSaidAndTheLargestUsableOneIsKept(String rate) {
    Balance tooLarge = balanceAnswering(
        "{\"success\":true,\"remain_credits\":1000,\"credits_per_usd\":" + rate + ",\"unlimited_quota\":false}");
    Balance largest = balanceAnswering(
        "{\"success\":true,\"remain_credits\":1000,\"credits_per_usd\":1e12,\"unlimited_quota\":false}");

    assertThat(tooLarge.remaining()).contains(new BigDecimal("1000"));
    assertThat(tooLarge.creditsPerUsd()).isNull();
    assertThat(tooLarge.unusableCreditsPerUsd()).isEqualTo(rate.replace("\"", ""));
    assertThat(largest.creditsPerUsd()).isEqualByComparingTo("1e12");
  }

  @ParameterizedTest(name = "remain_credits: {0}")
  @ValueSource(strings = {"1e308", "123456789012345678901234567890", "\"1000000000001\"", "1.5e12", "-1e20"})
  void aRemainderBeyondAPlausibleBalanceIsRefusedTheSameWhateverItsSpelling(String credits) {
    answerBalance("{\"success\":true,\"remain_credits\":" + credits + ",\"unlimited_quota\":false}");
    Throwable refused = failure(provider.balance());
    Balance most = balanceAnswering("{\"success\":true,\"remain_credits\":1e12,\"unlimited_quota\":false}");

    assertThat(refused).isInstanceOf(ProviderException.class).hasMessageContaining(
        "remain_credits is no count of credits vidgen can read: " + credits.replace("\"", "")
            + ", beyond the ±1000000000000 credits ($5 billion) a balance can plausibly be");
    assertThat(most.remaining()).contains(new BigDecimal("1000000000000"));
  }

  @Test
  void aBalanceNestedUnderDataIsRead() {
    Balance balance = balanceAnswering(
        "{\"success\":true,\"data\":{\"remain_credits\":88.5,\"used_credits\":11.5,\"unlimited_quota\":false}}");

    assertThat(balance.remaining()).contains(new BigDecimal("88.5"));
    assertThat(balance.usedCredits()).isEqualByComparingTo("11.5");
  }

  @Test
  void anAccountRefusalSentWithHttp200IsTheKeysAuthenticationFailure() {
    answerBalance("{\"success\":false,\"message\":\"token disabled\"}");

    ProviderException error = (ProviderException) failure(provider.balance());

    assertThat(error).isInstanceOf(dev.vidgen.core.error.AuthenticationException.class);
    assertThat(error.kind()).isEqualTo(dev.vidgen.core.policy.FailureKind.AUTHENTICATION);
    assertThat(error.httpStatus()).isEqualTo(200);
    assertThat(error.getMessage()).contains("token disabled");
  }

  @Test
  void anUploadAnswersWithTheUrlToUse(@TempDir Path folder) {
    URI url = await(provider.upload(Images.jpeg().writeTo(folder)));

    assertThat(url.toString()).startsWith(FakeToApisServer.DEFAULT_UPLOAD_URL_BASE).endsWith(".jpeg");
    assertThat(toapis.requests(Endpoint.UPLOAD).get(0).body())
        .contains("name=\"file\"").contains("name=\"purpose\"").contains("generation");
  }

  @Test
  void anUploadOfAFileThatIsNoImageIsRefusedByTheServer(@TempDir Path folder) throws Exception {
    Path text = java.nio.file.Files.writeString(folder.resolve("notes.png"), "not an image");

    ProviderException error = (ProviderException) failure(provider.upload(text));

    assertThat(error).isInstanceOf(RequestRejectedException.class);
    assertThat(error.getMessage()).contains("Unsupported image type");
  }

  @Test
  void aMissingImageFileFailsWithoutSending(@TempDir Path folder) {
    Throwable error = failure(provider.upload(folder.resolve("missing.png")));

    assertThat(error).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing.png");
    assertThat(toapis.requests()).isEmpty();
  }

  private void answerStatus(String json) {
    toapis.inject(Endpoint.STATUS, Fault.answer(200, "application/json", json));
  }

  private void answerBalance(String json) {
    toapis.inject(Endpoint.BALANCE, Fault.answer(200, "application/json", json));
  }

  /** The balance read while the server answers it with {@code json}. */
  private Balance balanceAnswering(String json) {
    answerBalance(json);
    return await(provider.balance());
  }

  private TaskSnapshot pollToEnd(TaskId id) {
    return ToApisTesting.pollToEnd(provider, id);
  }

  private static SubmitRequest grokRequest() {
    return request(VideoJob.builder("grok-video-1.5-preview")
        .prompt("p").image("https://images.example/cat.png").build(), null);
  }
}
