package dev.vidgen.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.error.ProviderErrorDetails;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.policy.FailureKind;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Which failed reads of the live model list are sent once more at once: those whose connection dropped. */
class LiveListDroppedReadTest {
  private static ProviderException failure(FailureKind kind, Throwable cause) {
    return ProviderException.of(kind, ProviderErrorDetails.of("toapis", 0, null, "no answer"), cause);
  }

  @Test
  void aConnectionClosedWithoutAnAnswerCountsAsDroppedEvenWrappedAsAFutureFails() {
    ProviderException closed = failure(FailureKind.NO_RESPONSE, new IOException("unexpected end of stream"));

    assertThat(LiveModelCheck.dropped(closed)).isTrue();
    assertThat(LiveModelCheck.dropped(new CompletionException(closed))).isTrue();
  }

  @Test
  void aReadThatWaitedTooLongOrWasAnsweredIsNotSentAgainAtOnce() {
    assertThat(LiveModelCheck.dropped(failure(FailureKind.NO_RESPONSE, new SocketTimeoutException("timeout"))))
        .as("a timeout: a second read would wait as long again").isFalse();
    assertThat(LiveModelCheck.dropped(failure(FailureKind.SERVER_ERROR, null))).as("an answer, a 500").isFalse();
    assertThat(LiveModelCheck.dropped(ProviderException.of(FailureKind.NO_RESPONSE,
        ProviderErrorDetails.of("toapis", 502, null, "a gateway's page"), null))).as("a gateway's page").isFalse();
    assertThat(LiveModelCheck.dropped(failure(FailureKind.AUTHENTICATION, null))).isFalse();
    assertThat(LiveModelCheck.dropped(new java.util.concurrent.TimeoutException())).isFalse();
  }
}
