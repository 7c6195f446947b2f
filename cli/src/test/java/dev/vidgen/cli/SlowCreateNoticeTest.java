package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A create whose answer is slow is mentioned at the times set, counted from when it went out, and no more once answered. */
class SlowCreateNoticeTest {
  private static final Instant SENT = Instant.parse("2026-12-01T10:00:00Z");
  private static final List<Duration> SAY_AFTER = List.of(Duration.ofSeconds(15), Duration.ofSeconds(45));

  private final StringWriter err = new StringWriter();
  private final Output output = new Output(new PrintWriter(new StringWriter()), new PrintWriter(err), false);
  private final AtomicReference<Instant> now = new AtomicReference<>(SENT);
  private final AtomicReference<Optional<Instant>> sentAt = new AtomicReference<>(Optional.empty());
  private final CompletableFuture<String> answer = new CompletableFuture<>();

  private SlowCreateNotice watch() {
    return SlowCreateNotice.watch(answer, sentAt::get, SAY_AFTER, now::get, Duration.ofMillis(5), output);
  }

  private long notes() {
    return err.toString().lines().filter(line -> line.contains("the create has had no answer")).count();
  }

  @Test
  void aCreateUnansweredIsMentionedAtEachTimeOnceAndTheTimeIsCountedFromItsSending() {
    try (SlowCreateNotice notice = watch()) {
      now.set(SENT.plusSeconds(60)); // a minute of uploads: nothing sent yet, nothing said
      sentAt.set(Optional.of(SENT.plusSeconds(50)));
      await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(5)).until(() -> notes() == 0);

      now.set(SENT.plusSeconds(66)); // 16 s after the sending: the 15 s mark passed, and that is what is said
      await().atMost(Duration.ofSeconds(5)).until(() -> notes() == 1);
      assertThat(err.toString()).contains("vidgen: the create has had no answer for 15 s; still waiting for it (it is"
          + " not sent again blindly, since a task may already exist; Ctrl-C waits a few seconds for the answer, then"
          + " records the job as unknown)");
      await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(5)).until(() -> notes() == 1);

      now.set(SENT.plusSeconds(200)); // past both times at once: said once, not twice
      await().atMost(Duration.ofSeconds(5)).until(() -> notes() == 2);
      await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(5)).until(() -> notes() == 2);
    }
  }

  @Test
  void anAnswerStopsIt() {
    try (SlowCreateNotice notice = watch()) {
      sentAt.set(Optional.of(SENT));
      answer.complete("task");
      now.set(SENT.plusSeconds(120));
      await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(5)).until(() -> notes() == 0);
    }
  }
}
