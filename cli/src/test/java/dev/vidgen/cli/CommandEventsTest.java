package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.error.ProviderErrorDetails;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.Operation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a create went out, as the slow-create notice and a Ctrl-C count it; and the warnings a stop drops. */
class CommandEventsTest {
  private final CommandEvents events =
      new CommandEvents(new Output(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false), false);

  @Test
  void aCreateAnsweredAndSentAgainLaterIsAwaitedFromItsResend() {
    events.onCreating("grok-video-1.5-preview", null);
    Instant sent = events.lastCreateSent().orElseThrow();

    events.onRetry(null, Operation.CREATE, ProviderException.of(FailureKind.RATE_LIMITED,
        ProviderErrorDetails.of("toapis", 429, "rate_limit_exceeded", "slow down"), null), 1, Duration.ofSeconds(60));

    assertThat(events.createAwaitedSince()).hasValueSatisfying(resend ->
        assertThat(resend).isAfterOrEqualTo(sent.plusSeconds(60)));
    assertThat(events.lastCreateSent()).as("when the create first went out, as the history says").contains(sent);
    assertThat(events.createOnItsWay()).as("answered 429: nothing made, nothing on its way until the resend").isFalse();
  }

  @Test
  void aCreateSentAgainKeepsWhenItsFirstTakeWentOut() {
    events.onCreating("grok-video-1.5-preview", null);
    Instant first = events.firstCreateSent().orElseThrow();
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(1)).until(() -> Instant.now().isAfter(first));

    events.onCreating("grok-video-1.5-preview", null); // sent again after a server error
    assertThat(events.lastCreateSent()).as("the resend").hasValueSatisfying(last -> assertThat(last).isAfter(first));

    assertThat(events.firstCreateSent()).as("what a task of the first take is checked against").contains(first);
  }

  @Test
  void aCreateAnsweredWithAServerErrorMayHaveMadeItsTaskSoItStaysOnItsWay() {
    events.onCreating("grok-video-1.5-preview", null);

    events.onRetry(null, Operation.CREATE, ProviderException.of(FailureKind.SERVER_ERROR,
        ProviderErrorDetails.of("toapis", 500, "internal_error", "oops"), null), 1, Duration.ofSeconds(60));

    assertThat(events.createOnItsWay()).isTrue();

    events.onRetry(null, Operation.CREATE, ProviderException.of(FailureKind.RATE_LIMITED,
        ProviderErrorDetails.of("toapis", 429, "rate_limit_exceeded", "slow down"), null), 2, Duration.ofSeconds(60));
    assertThat(events.createOnItsWay()).as("a later 429 does not clear the 500 that may have made the task").isTrue();
  }

  @Test
  void aBalanceReadEndedByTheStopIsNotToldAsUnreadableNorAsAJobSentUnchecked() {
    String unreadable = "the balance of toapis could not be read (toapis: no connection (nothing sent): could not connect:"
        + " 127.0.0.1:23706 gave no answer in time); the job is sent without a balance check";
    StringWriter err = new StringWriter();
    CommandEvents stopping = new CommandEvents(new Output(new PrintWriter(new StringWriter()), new PrintWriter(err),
        false), false, () -> true);

    stopping.onWarning("balance.unreadable", unreadable);

    assertThat(err.toString()).as("the read the stop ended, and no job is sent after a stop").isEmpty();
    assertThat(stopping.warnings()).isEmpty();

    StringWriter running = new StringWriter();
    CommandEvents going = new CommandEvents(new Output(new PrintWriter(new StringWriter()), new PrintWriter(running),
        false), false, () -> false);
    going.onWarning("balance.unreadable", unreadable);
    assertThat(running.toString()).as("a read that failed on its own is told").isEqualTo("vidgen: warning: "
        + unreadable + System.lineSeparator());
  }

  @Test
  void aDownloadRetrySaysItResumesFromTheByteItGoesOnFromAndOtherwiseThatItFetchesAgain() {
    StringWriter err = new StringWriter();
    CommandEvents told = new CommandEvents(new Output(new PrintWriter(new StringWriter()), new PrintWriter(err), false),
        false);
    dev.vidgen.core.client.JobHandle handle = new dev.vidgen.core.client.JobHandle("toapis",
        dev.vidgen.core.domain.TaskId.of("video_1"), "seedance-2",
        dev.vidgen.core.pricing.PriceQuote.unknown("seedance-2", "test"), Instant.now(), null);
    ProviderException brokeOff = ProviderException.of(FailureKind.NO_RESPONSE, ProviderErrorDetails.of("toapis", 0,
        ProviderErrorDetails.DOWNLOAD_BROKE_OFF, "the connection broke off after 4096 bytes of the video: reset"), null);

    told.onDownloadResuming(handle, 4096);
    told.onRetry(handle, Operation.DOWNLOAD, brokeOff, 1, Duration.ofMillis(500));
    told.onRetry(handle, Operation.DOWNLOAD, brokeOff, 2, Duration.ofMillis(500)); // this try starts over

    assertThat(err.toString().lines()).containsExactly(
        "vidgen: the video that arrived was not whole; asking for the rest, from byte 4096, in 0.5 s (try 2), after: toapis: the"
            + " connection broke off after 4096 bytes of the video: reset",
        "vidgen: the video that arrived was not whole; fetching it again in 0.5 s (try 3), after: toapis: the connection"
            + " broke off after 4096 bytes of the video: reset");
  }

  @Test
  void aCreateWhoseTaskIsLookedUpIsNoLongerSaidToAwaitItsAnswer() {
    events.onCreating("seedance-2", "vg-1");
    assertThat(events.createAwaitedSince()).isPresent();

    events.onWarning("create.lookup", "the create of a seedance-2 task got no usable answer; its task is looked up");

    assertThat(events.createAwaitedSince()).as("the slow-create notice stays quiet during the look-up").isEmpty();
    assertThat(events.createOnItsWay()).as("the task may exist: a Ctrl-C still waits and records it").isTrue();
    assertThat(events.warnings()).extracting(warning -> warning.get("code")).containsExactly("create.lookup");
    events.onCreating("seedance-2", "vg-2");
    assertThat(events.createAwaitedSince()).as("the next create is awaited again").isPresent();
  }
}
