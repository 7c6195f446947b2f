package dev.vidgen.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.error.BudgetExceededException;
import dev.vidgen.core.pricing.PriceQuote;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
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
