package dev.vidgen.provider.toapis;

import static dev.vidgen.provider.toapis.ToApisTesting.await;
import static dev.vidgen.provider.toapis.ToApisTesting.failure;
import static dev.vidgen.provider.toapis.ToApisTesting.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.AmbiguousSubmitException;
import dev.vidgen.core.error.AuthenticationException;
import dev.vidgen.core.error.ContentPolicyException;
import dev.vidgen.core.error.InsufficientQuotaException;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.ProviderUnavailableException;
import dev.vidgen.core.error.RateLimitedException;
import dev.vidgen.core.error.RequestRejectedException;
import dev.vidgen.core.error.ServerErrorException;
import dev.vidgen.core.error.TaskNotFoundException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.port.SubmitRequest;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorMappingTest {
  private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

  @RegisterExtension
  final ToApisOverHttp http = ToApisOverHttp.builder()
      .config(config -> config.clock(Clock.fixed(NOW, ZoneOffset.UTC))).start();
  private final FakeToApisServer toapis = http.server();
  private final ToApisVideoProvider provider = http.provider();

  static Stream<Arguments> documentedStatuses() {
    return Stream.of(
        Arguments.of(400, FailureKind.REJECTED, RequestRejectedException.class, "invalid_request"),
        Arguments.of(401, FailureKind.AUTHENTICATION, AuthenticationException.class, "authentication_error"),
        Arguments.of(402, FailureKind.INSUFFICIENT_QUOTA, InsufficientQuotaException.class, "insufficient_quota"),
        Arguments.of(403, FailureKind.AUTHENTICATION, AuthenticationException.class, "permission_error"),
        Arguments.of(422, FailureKind.CONTENT_POLICY, ContentPolicyException.class, "content_policy_violation"),
        Arguments.of(429, FailureKind.RATE_LIMITED, RateLimitedException.class, "rate_limit_exceeded"),
        Arguments.of(500, FailureKind.SERVER_ERROR, ServerErrorException.class, "internal_error"),
        Arguments.of(503, FailureKind.UNAVAILABLE, ProviderUnavailableException.class, "rate_limit_unavailable"));
  }

  @ParameterizedTest
  @MethodSource("documentedStatuses")
  void mapsEachDocumentedStatusOnCreate(int status, FailureKind kind, Class<?> type, String code) {
    toapis.inject(Endpoint.CREATE, Fault.status(status));

    ProviderException error = (ProviderException) failure(provider.create(grokRequest()));

    assertThat(error).isInstanceOf(type);
    assertThat(error.kind()).isEqualTo(kind);
    assertThat(error.httpStatus()).isEqualTo(status);
    assertThat(error.providerCode()).contains(code);
    assertThat(error.providerId()).isEqualTo("toapis");
    assertThat(error.requestId()).contains("req_1");
    assertThat(error.getMessage()).contains("HTTP " + status);
  }

  @ParameterizedTest
  @ValueSource(ints = {401, 402, 403})
  void aRefusedKeyOrTooFewCreditsSaysWhatToDoBesideTheServersWords(int status) {
    toapis.inject(Endpoint.CREATE, Fault.status(status));

    ProviderException error = (ProviderException) failure(provider.create(grokRequest()));

    assertThat(error.getMessage()).startsWith("toapis: HTTP " + status).contains("(request req_1)")
        .contains(status == 402 ? "top up the account or raise the key's quota (see docs/errors.md#insufficient-quota)"
            : "check which key is used (see docs/errors.md#authentication)");
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 402, 403, 422})
  void aRefusalThatIsNeverRetriedDoesNotSayRetryAfterThoughTheServerSentIt(int status) {
    toapis.inject(Endpoint.CREATE, Fault.status(status).withHeader("Retry-After", "1"));

    ProviderException error = (ProviderException) failure(provider.create(grokRequest()));

    assertThat(error.getMessage()).startsWith("toapis: HTTP " + status).doesNotContain("retry after");
    assertThat(error.retryAfter()).as("still there for a caller that asks").contains(Duration.ofSeconds(1));
    assertThat(toapis.requests(Endpoint.CREATE)).hasSize(1);
  }

  @Test
  void mapsHttp429ToRateLimitedWithRetryAfterAndTheRateLimitHeaders() {
    toapis.inject(Endpoint.CREATE, Fault.rateLimited(Duration.ofSeconds(7)));

    RateLimitedException error = (RateLimitedException) failure(provider.create(grokRequest()));

    assertThat(error.retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(error.details().rateLimit())
        .containsEntry("x-ratelimit-category", "async_submit")
        .containsEntry("x-ratelimit-remaining", "0")
        .containsEntry("x-ratelimit-limit", "300")
        .containsKey("x-ratelimit-reset");
    assertThat(error.getMessage()).contains("retry after 7 s");
  }

  @ParameterizedTest(name = "Retry-After: {0}")
  @CsvSource({
      "99999999999999999999, more than a year",
      "'Fri, 31 Dec 9999 23:59:59 GMT', more than a year",
      "3600.5, 3601 s",
      "0000000000000000030, 30 s"})
  void aRetryAfterIsToldAsOneFigureEvenWhenItIsTooLongToBeMeant(String header, String said) {
    toapis.inject(Endpoint.STATUS, Fault.error(429, "rate_limit_exceeded", "x").withHeader("Retry-After", header));

    RateLimitedException error = (RateLimitedException) failure(provider.status(TaskId.of("video_1")));

    assertThat(error.getMessage()).endsWith(", retry after " + said + ")")
        .doesNotContainPattern("\\d{10,}");
    assertThat(error.retryAfter()).hasValueSatisfying(wait -> assertThat(wait).isLessThanOrEqualTo(Duration.ofDays(3650)));
  }

  @Test
  void readsRetryAfterGivenAsAnHttpDate() {
    String inThirtySeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(30).atOffset(ZoneOffset.UTC));
    toapis.inject(Endpoint.STATUS, Fault.status(503).withHeader("Retry-After", inThirtySeconds));

    ProviderException error = (ProviderException) failure(provider.status(TaskId.of("video_1")));

    assertThat(error.kind()).isEqualTo(FailureKind.UNAVAILABLE);
    assertThat(error.retryAfter()).contains(Duration.ofSeconds(30));
  }

  @Test
  void a404ThatNamesAModelIsTheProvidersRefusalOfThatModelNotAWrongBaseUrl() {
    toapis.inject(Endpoint.CREATE, Fault.error(404, 404,
        "model grok-video-1.5-preview not found or not available for this key"));

    ProviderException error = (ProviderException) failure(provider.create(grokRequest()));

    assertThat(error.kind()).isEqualTo(FailureKind.REJECTED);
    assertThat(error.getMessage()).contains("not available for this key").doesNotContain("base URL");
  }

  @Test
  void a404OfAnEndpointAsksWhetherTheBaseUrlIsRight() {
    toapis.inject(Endpoint.CREATE, Fault.error(404, 404, "Invalid URL (POST /v1/videos/generations)"));

    ProviderException error = (ProviderException) failure(provider.create(grokRequest()));

    assertThat(error.getMessage()).contains("no such endpoint: is the base URL");
  }

  @Test
  void keepsANumericCodeThatSaysMoreThanTheStatus() {
    toapis.inject(Endpoint.CREATE, Fault.error(400, 40013, "aspect_ratio 4:3 is not offered"));

    ProviderException error = (ProviderException) failure(provider.create(grokRequest()));

    assertThat(error.providerCode()).contains("40013");
    assertThat(error.getMessage()).contains("aspect_ratio 4:3 is not offered");
  }

  @Test
  void keepsAStringCodeWithoutAType() {
    toapis.inject(Endpoint.CREATE, Fault.error(429, "rate_limit_exceeded", "slow down"));

    ProviderException error = (ProviderException) failure(provider.create(grokRequest()));

    assertThat(error.providerCode()).contains("rate_limit_exceeded");
    assertThat(error.retryAfter()).isEmpty();
  }

  @Test
  void mapsAnHtmlPageFromAProxyToItsTitle() {
    toapis.inject(Endpoint.STATUS, Fault.html(502));

    ProviderException error = (ProviderException) failure(provider.status(TaskId.of("video_1")));

    assertThat(error).isInstanceOf(ServerErrorException.class);
    assertThat(error.httpStatus()).isEqualTo(502);
    assertThat(error.providerCode()).isEmpty();
    assertThat(error.getMessage()).contains("non-JSON answer (text/html").contains("502 Bad Gateway")
        .doesNotContain("<center>");
  }

  @Test
  void mapsAPlainTextBodyToItsText() {
    toapis.inject(Endpoint.STATUS, Fault.answer(500, "text/plain", "upstream connect error or disconnect"));

    ProviderException error = (ProviderException) failure(provider.status(TaskId.of("video_1")));

    assertThat(error.getMessage()).contains("upstream connect error or disconnect");
  }

  @Test
  void mapsAnEmptyErrorBodyToTheStatus() {
    toapis.inject(Endpoint.STATUS, Fault.answer(503, null, ""));

    ProviderException error = (ProviderException) failure(provider.status(TaskId.of("video_1")));

    assertThat(error.kind()).isEqualTo(FailureKind.UNAVAILABLE);
    assertThat(error.getMessage()).contains("HTTP 503");
  }

  @Test
  void mapsTheUploadAndAccountShapeToItsMessage() {
    toapis.inject(Endpoint.CREATE, Fault.answer(400, "application/json",
        "{\"success\":false,\"message\":\"Image too large. Maximum size is 10MB\"}"));

    ProviderException error = (ProviderException) failure(provider.create(grokRequest()));

    assertThat(error).isInstanceOf(RequestRejectedException.class);
    assertThat(error.getMessage()).contains("Image too large. Maximum size is 10MB");
  }

  @Test
  void unknownTaskIsNotFoundAndNamesTheTask() {
    ProviderException error = (ProviderException) failure(provider.status(TaskId.of("video_nope")));

    assertThat(error).isInstanceOf(TaskNotFoundException.class);
    assertThat(error.taskId()).contains(TaskId.of("video_nope"));
    assertThat(error.providerCode()).contains("not_found_error");
    assertThat(error.getMessage()).contains("Task not found").contains("video_nope");
  }

  @Test
  void missingEndpointOnCreateIsRejectedWithAHintAtTheBaseUrl() {
    ToApisVideoProvider wrongPath =
        new ToApisVideoProvider(ToApisTesting.config(toapis).baseUrl(toapis.baseUrl() + "/api").build());

    ProviderException error = (ProviderException) failure(wrongPath.create(grokRequest()));

    assertThat(error).isInstanceOf(RequestRejectedException.class);
    assertThat(error.getMessage()).contains("is the base URL " + toapis.baseUrl() + "/api/ right?");
    wrongPath.close();
  }

  @Test
  void gatewayTimeoutOnCreateIsAmbiguous() {
    toapis.inject(Endpoint.CREATE, Fault.status(504));

    Throwable error = failure(provider.create(grokRequest()));

    assertThat(error).isInstanceOf(AmbiguousSubmitException.class);
    assertThat(((ProviderException) error).httpStatus()).isEqualTo(504);
    assertThat(error.getMessage()).contains("the create request was sent but a gateway timed out waiting for ToAPIs");
  }

  @Test
  void gatewayTimeoutOnStatusIsAServerError() {
    toapis.inject(Endpoint.STATUS, Fault.status(504));

    assertThat(failure(provider.status(TaskId.of("video_1")))).isInstanceOf(ServerErrorException.class);
  }

  @Test
  void malformedJsonOnCreateIsAmbiguousAndShowsTheStartOfTheAnswer() {
    toapis.inject(Endpoint.CREATE, Fault.malformedJson());

    AmbiguousSubmitException error = (AmbiguousSubmitException) failure(provider.create(grokRequest()));

    assertThat(error.httpStatus()).isEqualTo(200);
    assertThat(error.getMessage()).contains("could not be read").contains("{\"id\":\"video_broken\"");
    assertThat(error.clientReference()).isEmpty();
    assertThat(error.requestId()).contains("req_1");
  }

  @Test
  void malformedJsonOnStatusIsNoUsableAnswerThatNamesTheTaskAndPassesAsAnOutageDoes() {
    toapis.inject(Endpoint.STATUS, Fault.malformedJson());

    ProviderException error = (ProviderException) failure(provider.status(TaskId.of("video_7")));

    assertThat(error.kind()).as("a body cut short is no answer, not the server's say").isEqualTo(FailureKind.NO_RESPONSE);
    assertThat(error.kind().isTransient()).isTrue();
    assertThat(error.httpStatus()).isEqualTo(200);
    assertThat(error.taskId()).contains(TaskId.of("video_7"));
  }

  @Test
  void notEnoughCreditsIsInsufficientQuota() {
    toapis.balance(BigDecimal.TEN, false);

    ProviderException error = (ProviderException) failure(provider.create(grokRequest()));

    assertThat(error).isInstanceOf(InsufficientQuotaException.class);
    assertThat(error.httpStatus()).isEqualTo(402);
    assertThat(toapis.taskIds()).isEmpty();
  }

  @Test
  void aStatusErrorThenRecovers() {
    TaskSnapshot created = await(provider.create(grokRequest()));
    toapis.inject(Endpoint.STATUS, Fault.status(500));

    assertThat(failure(provider.status(created.taskId()))).isInstanceOf(ServerErrorException.class);
    assertThat(await(provider.status(created.taskId())).taskId()).isEqualTo(created.taskId());
  }

  @ParameterizedTest
  @ValueSource(strings = {"X-Request-ID", "Request-Id", "X-Oneapi-Request-Id", "X-Amzn-RequestId", "CF-Ray", "X-Upstream-Request-Id"})
  void takesTheRequestIdFromAnyCommonHeader(String header) {
    try (FakeToApisServer other = FakeToApisServer.builder().requestIdHeader(header).start()) {
      ToApisVideoProvider client = ToApisTesting.provider(other);
      other.inject(Endpoint.CREATE, Fault.status(500));

      ProviderException error = (ProviderException) failure(client.create(grokRequest()));

      assertThat(error.requestId()).contains("req_1");
      client.close();
    }
  }

  static SubmitRequest grokRequest() {
    VideoJob job = VideoJob.builder("grok-video-1.5-preview")
        .prompt("the cat turns its head")
        .image("https://images.example/cat.png")
        .build();
    return request(job, null);
  }
}
