package dev.vidgen.cli;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.policy.PollSchedule;
import dev.vidgen.core.policy.RetryPolicy;
import java.time.Duration;

/**
 * Applies the advanced, hidden options {@code --poll-interval} and {@code --retry-delay} (they make
 * waits short for tests and demos), {@code --no-blind-resend} and {@code --set max_video_size} to a client
 * builder (see docs/cli.md).
 */
final class ClientTuning {
  private ClientTuning() {}

  /** The mock's tasks take seconds and its polls cost nothing, so it is polled briskly. */
  private static final PollSchedule MOCK_SCHEDULE = PollSchedule.builder()
      .firstDelay(Duration.ofSeconds(1))
      .maxInterval(Duration.ofSeconds(2))
      .build();

  static void apply(VidgenClient.Builder builder, VidgenCommand root, ProviderChoice choice) {
    VideoSizeSetting.of(root.videoSizeSetting()).ifPresent(builder::maxVideoBytes);
    // extend and remix read their source themselves (FollowOnSource), knowing the history: not read a second time.
    builder.readFollowOnSources(false);
    Duration interval = root.pollInterval;
    if (interval == null && ProviderChoice.MOCK.equals(choice.id())) {
      builder.pollSchedule(MOCK_SCHEDULE);
    } else if (interval != null) {
      builder.pollSchedule(PollSchedule.builder()
          .firstDelay(interval)
          .minInterval(interval)
          .maxInterval(interval)
          .budget(interval, 8)
          .build());
    }
    Duration retryDelay = root.retryDelay;
    if (retryDelay == null && !root.noBlindResend) {
      return; // the client's default policy
    }
    RetryPolicy.Builder retries = RetryPolicy.builder();
    if (retryDelay != null) {
      retries.rateLimitBackoff(retryDelay, retryDelay)
          .transientBackoff(retryDelay, retryDelay)
          .notFoundBackoff(retryDelay, retryDelay)
          .retryAfterJitter(Duration.ZERO);
    }
    if (root.noBlindResend) {
      retries.blindCreateResends(0);
    }
    builder.retryPolicy(retries.build());
  }
}
