package dev.vidgen.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.TaskFailure;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoAsset;
import dev.vidgen.core.error.BudgetExceededException;
import dev.vidgen.core.error.DownloadFailedException;
import dev.vidgen.core.error.ProviderErrorDetails;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.ResultExpiredException;
import dev.vidgen.core.error.ResultUnavailableException;
import dev.vidgen.core.error.ResultUnusableException;
import dev.vidgen.core.error.VidgenException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.pricing.PriceQuote;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A handle declares itself Serializable: a real one, and the exceptions that carry one, survive Java serialization. */
class JobHandleSerializationTest {
  private static final Instant SUBMITTED = Instant.parse("2026-03-01T12:00:00.123456789Z");
  private static final JobHandle KNOWN_PRICE = new JobHandle("acme", TaskId.of("task_01J9"), "acme-video-2",
      PriceQuote.ofUsd("acme-video-2", new BigDecimal("0.10"), "per request, 10 s"), SUBMITTED, "vg-1234", 1);
  private static final JobHandle UNKNOWN_PRICE = new JobHandle("acme", TaskId.of("task_02"), "acme-video-3",
      PriceQuote.unknown("acme-video-3", "no price is documented"), SUBMITTED, null);

  @Test
  void aHandleWithAKnownOrAnUnknownPriceComesBackEqualFromJavaSerialization() throws Exception {
    assertThat(roundTrip(KNOWN_PRICE)).isEqualTo(KNOWN_PRICE);
    JobHandle unknown = roundTrip(UNKNOWN_PRICE);
    assertThat(unknown).isEqualTo(UNKNOWN_PRICE);
    assertThat(unknown.quote().isKnown()).isFalse();
  }

  @Test
  void anExceptionCarryingAHandleComesBackWithItsHandleAndMessage() throws Exception {
    WaitStoppedException stopped = new WaitStoppedException(KNOWN_PRICE, "the client was closed");
    DeadlineExceededException late = new DeadlineExceededException(UNKNOWN_PRICE, null, Duration.ofMinutes(30));

    WaitStoppedException stoppedBack = roundTrip(stopped);
    DeadlineExceededException lateBack = roundTrip(late);

    assertThat(stoppedBack.handle()).isEqualTo(KNOWN_PRICE);
    assertThat(stoppedBack.getMessage()).isEqualTo(stopped.getMessage());
    assertThat(lateBack.handle()).isEqualTo(UNKNOWN_PRICE);
    assertThat(lateBack.getMessage()).isEqualTo(late.getMessage());
  }

  @Test
  void aBudgetRefusalKeepsItsQuoteThroughJavaSerialization() throws Exception {
    BudgetExceededException refused = new BudgetExceededException(KNOWN_PRICE.quote(), new BigDecimal("5"));

    assertThat(roundTrip(refused).quote()).isEqualTo(KNOWN_PRICE.quote());
  }

  @Test
  void everyFailureAboutATaskNamesItThroughOneAccessorAlsoAfterJavaSerialization() throws Exception {
    TaskId task = KNOWN_PRICE.taskId();
    VideoAsset video = new VideoAsset(URI.create("https://files.example/v.mp4"), "mp4", SUBMITTED.plusSeconds(60));
    ProviderException statusRead = ProviderException.of(FailureKind.SERVER_ERROR,
        new ProviderErrorDetails("acme", 500, "internal_error", "try later", "req-1", null, Map.of(), task), null);
    List<VidgenException> aboutTheTask = List.of(
        new TaskFailedException(KNOWN_PRICE, TaskSnapshot.failed(task, new TaskFailure("policy", "refused"))),
        new DeadlineExceededException(KNOWN_PRICE, null, Duration.ofMinutes(10)),
        new ProviderFaultException(KNOWN_PRICE, "reported the task completed without a video", null),
        new ResultExpiredException(task, video, SUBMITTED.plusSeconds(120)),
        new ResultUnavailableException(task, video, null),
        new ResultUnusableException(task, "the file is not a video"),
        new DownloadFailedException(task, Path.of("out.mp4"), "the disk is full", null),
        statusRead);

    for (VidgenException failure : aboutTheTask) {
      assertThat(failure.relatedTaskId()).as(failure.getClass().getSimpleName()).contains(task);
      assertThat(roundTrip(failure).relatedTaskId()).as(failure.getClass().getSimpleName() + " deserialized")
          .contains(task);
    }
    ProviderException back = roundTrip(statusRead);
    assertThat(back.httpStatus()).isEqualTo(500);
    assertThat(back.providerCode()).contains("internal_error");
    assertThat(back.getMessage()).isEqualTo(statusRead.getMessage());
  }

  @Test
  void aFailureBeforeAnyTaskExistedNamesNone() {
    ProviderException refusedCreate = ProviderException.of(FailureKind.AUTHENTICATION,
        new ProviderErrorDetails("acme", 401, "invalid_key", "no", null, null, Map.of(), null), null);

    assertThat(refusedCreate.relatedTaskId()).isEqualTo(Optional.empty());
    assertThat(new BudgetExceededException(KNOWN_PRICE.quote(), BigDecimal.ONE).relatedTaskId()).isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static <T extends Serializable> T roundTrip(T value) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}
