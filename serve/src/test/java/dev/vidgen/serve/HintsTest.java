package dev.vidgen.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.client.DeadlineExceededException;
import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.error.FailedUpload;
import dev.vidgen.core.error.ProviderErrorDetails;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.RequestRejectedException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.pricing.PriceQuote;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page's "what next" for answers that are not the job's settings. */
class HintsTest {
  @Test
  void aDeadlineThatCameWithNoStatusAnswerDoesNotSayTheTaskIsStillRunning() {
    JobHandle handle = new JobHandle("toapis", TaskId.of("task_silent"), "seedance-2",
        PriceQuote.unknown("seedance-2", "test"), Instant.parse("2026-12-06T10:00:00Z"), null);
    DeadlineExceededException unanswered = DeadlineExceededException.unanswered(handle, null, Duration.ofMinutes(10),
        Duration.ofSeconds(40), null);
    DeadlineExceededException running = new DeadlineExceededException(handle, null, Duration.ofMinutes(10));

    assertThat(Hints.next(unanswered)).startsWith("no status answer came in time")
        .contains("still running or done is unknown", "start vidgen serve again later")
        .doesNotContain("is still running at");
    assertThat(Hints.next(running)).startsWith("the task is still running at the provider");
  }

  @Test
  void aModelTheKeyMayNotUseSaysSoNotToCompareTheRequest() {
    RequestRejectedException refused = new RequestRejectedException(ProviderErrorDetails.of("toapis", 400, "400",
        "model sora-2 not found or not available for this key"), null);
    RequestRejectedException setting = new RequestRejectedException(ProviderErrorDetails.of("toapis", 400, "400",
        "duration must be 5 or 10"), null);

    assertThat(Hints.next(refused)).contains("this key may not use this model now").contains("choose another model")
        .doesNotContain("compare the request preview");
    assertThat(Hints.next(setting)).contains("compare the request preview");
  }

  @Test
  void aRefusedUploadSaysWhatToChangeInTheFileByItsContentNotInTheForm(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) throws java.io.IOException {
    java.nio.file.Path png = dir.resolve("img.png");
    java.nio.file.Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0});
    RequestRejectedException badType = new RequestRejectedException(ProviderErrorDetails.of("toapis", 400, "400",
        "unsupported file type"), null);
    RequestRejectedException unsaid = new RequestRejectedException(ProviderErrorDetails.of("toapis", 400, "400",
        "upload failed"), null);

    String forPng = Hints.next(badType.forUpload(new dev.vidgen.core.error.FailedUpload("image", png)));
    String forOther = Hints.next(unsaid.forUpload(new dev.vidgen.core.error.FailedUpload("image", png)));

    assertThat(forPng).as("a PNG is not told to be saved as PNG").contains("nothing was created",
        "img.png is a PNG image by its content, a type the provider takes", "re-encode it", "generate again")
        .doesNotContain("compare the request preview", "run again");
    assertThat(forOther).contains("nothing was created", "give the image as an http(s) URL instead");
  }

  @Test
  void anUntrustedCertificateSaysHowToTrustItAndAFailedProxyNamesTheProxyNotAMoment() {
    ProviderException untrusted = ProviderException.of(FailureKind.CONNECT_FAILED, ProviderErrorDetails.of("toapis",
        0, ProviderErrorDetails.TLS_UNTRUSTED, "could not connect: the TLS certificate of 127.0.0.1:8443 is not"
            + " trusted by this Java"), null);
    ProviderException proxy = ProviderException.of(FailureKind.CONNECT_FAILED, ProviderErrorDetails.of("toapis",
        0, ProviderErrorDetails.PROXY_FAILED, "could not connect: the proxy 127.0.0.1:3128 answered HTTP 502"), null);

    assertThat(Hints.next(untrusted)).contains("nothing was sent", "not trusted by this Java",
        "-Djavax.net.ssl.trustStore=", "VIDGEN_JAVA_OPTS or JAVA_TOOL_OPTIONS").doesNotContain("try again in a moment");
    assertThat(Hints.next(proxy)).contains("nothing was sent", "the proxy named in the error failed, not the provider")
        .doesNotContain("try again in a moment");
  }

  @Test
  void anImageUploadThatMeetsAnUntrustedCertificateOrAFailedProxyGivesTheirFixNotAnotherTryInAWhile(
      @TempDir Path dir) throws IOException {
    Path png = dir.resolve("i.png");
    Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0});
    FailedUpload upload = new FailedUpload("image", png);
    ProviderException untrusted = ProviderException.of(FailureKind.CONNECT_FAILED, ProviderErrorDetails.of("toapis",
        0, ProviderErrorDetails.TLS_UNTRUSTED, "could not connect: the TLS certificate of 127.0.0.1:8443 is not"
            + " trusted by this Java"), null).forUpload(upload);
    ProviderException proxy = ProviderException.of(FailureKind.CONNECT_FAILED, ProviderErrorDetails.of("toapis",
        0, ProviderErrorDetails.PROXY_FAILED, "could not connect: the proxy 127.0.0.1:3128 answered HTTP 502"), null)
        .forUpload(upload);

    for (boolean createMayHaveGoneOut : new boolean[] {false, true}) {
      assertThat(Hints.next(untrusted, createMayHaveGoneOut)).as("the advice a balance read or a URL image gets")
          .isEqualTo(Hints.next(ProviderException.of(FailureKind.CONNECT_FAILED, untrusted.details(), null)))
          .contains("nothing was sent", "not trusted by this Java", "-Djavax.net.ssl.trustStore=")
          .doesNotContain("in a while", "http(s) URL instead");
      assertThat(Hints.next(proxy, createMayHaveGoneOut))
          .contains("nothing was sent", "the proxy named in the error failed, not the provider")
          .doesNotContain("in a while", "http(s) URL instead");
    }
  }

  @Test
  void pausedSubmitsSayTheLimiterIsPausingThem() {
    ProviderException paused = ProviderException.of(FailureKind.UNAVAILABLE,
        ProviderErrorDetails.of("toapis", 503, "rate_limit_unavailable", "Submits are paused"), null);

    assertThat(Hints.next(paused)).contains("rate limiter is pausing new submits").contains("wait a few minutes")
        .doesNotContain("the provider or the network failed");
  }

  @Test
  void aRateLimitWhoseServerAskedForAnHourSaysAnHourAndNothingOfGeneratingForABalanceRead() {
    dev.vidgen.core.error.RateLimitedException hour = new dev.vidgen.core.error.RateLimitedException(
        ProviderErrorDetails.of("toapis", 429, "rate_limit_exceeded", "slow")
            .withRetryAfter(java.time.Duration.ofHours(1)), null);
    dev.vidgen.core.error.RateLimitedException seconds = new dev.vidgen.core.error.RateLimitedException(
        ProviderErrorDetails.of("toapis", 429, "rate_limit_exceeded", "slow")
            .withRetryAfter(java.time.Duration.ofSeconds(5)), null);

    assertThat(Hints.next(hour)).isEqualTo("wait 1 h and try again");
    assertThat(Hints.next(seconds)).as("a short hint was already waited out").isEqualTo("wait a minute and try again");
  }

  @Test
  void aGenerateHeldBackByTheStopSaysToGenerateAgainOnceServeRunsAgain() {
    assertThat(Hints.next(new dev.vidgen.core.client.SubmitNotSentException("held back")))
        .contains("stopping", "nothing was sent", "generate again once vidgen serve runs again")
        .doesNotContain("--verbose");
  }

  @Test
  void anUnexpectedFailureNeverAdvisesSendingAgainWhatMayAlreadyBeATask() {
    IllegalStateException unexpected = new IllegalStateException("unforeseen");

    assertThat(Hints.next(unexpected, true)).contains("the create may have gone out", "vidgen history",
        "before you generate it again").doesNotContain("try again", "--verbose");
    assertThat(Hints.next(unexpected, false)).contains("nothing was sent").doesNotContain("--verbose");
  }

  @Test
  void aJobRefusedForTheKeysQuotaReadsAsWhatWasFoundAndSaysToRaiseTheQuotaNotToTopUpTheKey() {
    dev.vidgen.core.pricing.PriceQuote quote = dev.vidgen.core.pricing.PriceQuote.ofUsd("grok-video-1.5-preview",
        new java.math.BigDecimal("0.10"), "test");
    // As the client's own check words it, advice and all.
    dev.vidgen.core.error.InsufficientQuotaException refused = new dev.vidgen.core.error.InsufficientQuotaException(
        ProviderErrorDetails.of("toapis", 0, "insufficient_credits", "grok-video-1.5-preview costs 20 credits but the"
            + " key has 15 credits left; nothing was sent; raise the key's quota or use another key, or choose a"
            + " cheaper job"), null, quote);

    java.util.Map<String, Object> shown = Hints.of(refused, false, ProviderTerms.TOAPIS);

    assertThat((String) shown.get("message")).isEqualTo("checked before sending: grok-video-1.5-preview costs 20"
        + " credits but the key has 15 credits left; nothing was sent");
    assertThat((String) shown.get("next")).startsWith("the key's quota is what is short, not the account: raise the"
        + " key's quota in the ToAPIs console (https://toapis.com/console/token) or use another key (TOAPIS_API_KEY,")
        .doesNotContain("top up");
  }

  @Test
  void aPlaygroundOfAnotherProviderNamesItsKeyVariableAndNoneOfToApisAddresses() {
    ProviderTerms acme = new ProviderTerms("acme", "ACME_API_KEY");
    dev.vidgen.core.error.AuthenticationException badKey = new dev.vidgen.core.error.AuthenticationException(
        ProviderErrorDetails.of("acme", 401, "401", "Invalid token"), null);
    RequestRejectedException noEndpoint = new RequestRejectedException(ProviderErrorDetails.of("acme", 404, "404",
        "no such path"), null);

    assertThat(Hints.next(badKey, false, acme)).isEqualTo("check ACME_API_KEY and start vidgen serve again");
    assertThat(Hints.next(noEndpoint, false, acme)).contains("vidgen serve --base-url").doesNotContain("TOAPIS",
        "toapis.com");
    assertThat(FundsCheck.advice("key", acme)).contains("the provider's console", "another key (ACME_API_KEY,")
        .doesNotContain("TOAPIS", "toapis.com", "ToAPIs");
    assertThat(FundsCheck.advice("account", acme)).contains("top up the account with the provider")
        .doesNotContain("toapis.com");
    assertThat(Hints.next(badKey, false, ProviderTerms.TOAPIS)).contains("TOAPIS_API_KEY",
        "https://toapis.com/console/token");
  }

  @Test
  void aTaskGoneIsSaidToBeKeptForTheProvidersOwnFigureAndForNoneWhenItStatesNone() {
    ProviderTerms acme = new ProviderTerms("acme", "ACME_API_KEY"); // states no lifetime
    dev.vidgen.core.error.TaskNotFoundException gone = new dev.vidgen.core.error.TaskNotFoundException(
        ProviderErrorDetails.of("acme", 404, "task_not_found", "no such task"), null);

    assertThat(Hints.next(gone, false, acme)).isEqualTo("the provider keeps results only for a while; generate it"
        + " again").doesNotContain("24 hours");
    assertThat(Hints.next(gone, false, ProviderTerms.TOAPIS)).isEqualTo("results are kept 24 hours; generate it again");
  }
}
