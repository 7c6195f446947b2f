package dev.vidgen.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.policy.FailureKind;
import org.junit.jupiter.api.Test;

/** How a provider's error reads: its status, its code and its words, each said once. */
class ProviderErrorWordsTest {
  @Test
  void aCodeThatOnlyRepeatsTheStatusIsSaidOnce() {
    assertThat(ProviderErrorDetails.of("toapis", 403, "403", "forbidden").describe())
        .isEqualTo("toapis: HTTP 403: forbidden");
  }

  @Test
  void aCodeOfItsOwnStaysBesideTheStatus() {
    assertThat(ProviderErrorDetails.of("toapis", 401, "authentication_error", "Invalid token").describe())
        .isEqualTo("toapis: HTTP 401 authentication_error: Invalid token");
    assertThat(ProviderErrorDetails.of("toapis", 400, "429", "odd").describe()).as("another status's number")
        .isEqualTo("toapis: HTTP 400 429: odd");
  }

  @Test
  void aConnectionThatFailedSaysNothingWasSentNotThatNoAnswerCame() {
    ProviderErrorDetails refused = ProviderErrorDetails.of("toapis", 0, null,
        "could not connect: 127.0.0.1:24098 refused the connection");

    assertThat(ProviderException.of(FailureKind.CONNECT_FAILED, refused, null)).hasMessage(
        "toapis: no connection (nothing sent): could not connect: 127.0.0.1:24098 refused the connection");
    assertThat(((ProviderUnavailableException) ProviderException.of(FailureKind.CONNECT_FAILED, refused, null))
        .gaveUpAfter(4).withTaskId(TaskId.of("video_1")))
        .as("retried, then said of a task").hasMessageStartingWith("toapis: no connection (nothing sent): ")
        .hasMessageNotContaining("no HTTP response");
    assertThat(ProviderException.of(FailureKind.NO_RESPONSE, ProviderErrorDetails.of("toapis", 0, null,
        "no answer: none came in 30 s"), null)).as("a request sent without an answer keeps its words")
        .hasMessage("toapis: no HTTP response: no answer: none came in 30 s");
  }
}
