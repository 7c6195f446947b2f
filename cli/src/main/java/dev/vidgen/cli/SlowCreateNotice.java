package dev.vidgen.cli;

import dev.vidgen.core.concurrent.DaemonThreads;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Says on stderr when a create has gone out and its answer is slow to come, so that a hung create
 * is not minutes of silence: once at each of {@link #SAY_AFTER} since the create went out, until
 * the answer comes. Uploads before the create are not counted.
 */
final class SlowCreateNotice implements AutoCloseable {
  /** When, after the create went out, a create still unanswered is mentioned. */
  static final List<Duration> SAY_AFTER = List.of(Duration.ofSeconds(15), Duration.ofSeconds(45), Duration.ofSeconds(90));
  private static final Duration CHECK_EVERY = Duration.ofSeconds(1);

  private final CompletableFuture<?> answer;
  private final Supplier<Optional<Instant>> sentAt;
  private final List<Duration> sayAfter;
  private final Supplier<Instant> now;
  private final Output output;
  private final ScheduledExecutorService timer;
  private int said;

  private SlowCreateNotice(CompletableFuture<?> answer, Supplier<Optional<Instant>> sentAt, List<Duration> sayAfter,
      Supplier<Instant> now, Duration checkEvery, Output output) {
    this.answer = answer;
    this.sentAt = sentAt;
    this.sayAfter = List.copyOf(sayAfter);
    this.now = now;
    this.output = output;
    this.timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("vidgen-slow-create"));
    timer.scheduleWithFixedDelay(this::check, checkEvery.toMillis(), checkEvery.toMillis(), TimeUnit.MILLISECONDS);
    answer.whenComplete((value, failure) -> close());
  }

  /** Watches the create of {@code submitted}, whose sending time {@code session} knows, with the default times. */
  static SlowCreateNotice watch(CompletableFuture<?> submitted, Session session, Output output) {
    return new SlowCreateNotice(submitted, session::createAwaitedSince, SAY_AFTER, Instant::now, CHECK_EVERY, output);
  }

  /** As {@link #watch}, with the create's sending time, the times to speak, the clock and the check interval given. */
  static SlowCreateNotice watch(CompletableFuture<?> submitted, Supplier<Optional<Instant>> sentAt,
      List<Duration> sayAfter, Supplier<Instant> now, Duration checkEvery, Output output) {
    return new SlowCreateNotice(submitted, sentAt, sayAfter, now, checkEvery, output);
  }

  private synchronized void check() {
    if (answer.isDone() || said >= sayAfter.size()) {
      return;
    }
    Optional<Instant> sent = sentAt.get();
    if (sent.isEmpty()) {
      return; // still checking or uploading: the create has not gone out
    }
    Duration waited = Duration.between(sent.get(), now.get());
    if (waited.compareTo(sayAfter.get(said)) < 0) {
      return;
    }
    while (said < sayAfter.size() && waited.compareTo(sayAfter.get(said)) >= 0) {
      said++;
    }
    // The time passed as the notice's mark says it (15 s), not as the check that saw it late measured it (16 s).
    long passed = sayAfter.get(said - 1).toSeconds();
    output.note("the create has had no answer for " + passed + " s; still waiting for it (it is not sent"
        + " again blindly, since a task may already exist; Ctrl-C waits a few seconds for the answer, then records"
        + " the job as unknown)");
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
