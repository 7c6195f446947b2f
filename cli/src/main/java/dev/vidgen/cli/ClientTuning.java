package dev.vidgen.cli;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.policy.PollSchedule;
import dev.vidgen.core.policy.RetryPolicy;
import java.time.Duration;

/**
 * Applies the advanced, hidden options {@code --poll-interval} and {@code --retry-delay} to a
 * client builder; they make waits short for tests and demos (see docs/cli.md).
 */
final class ClientTuning {
  private ClientTuning() {}

  static void apply(VidgenClient.Builder builder, VidgenCommand root) {
    Duration interval = root.pollInterval;
    if (interval != null) {
      builder.pollSchedule(PollSchedule.builder()
          .firstDelay(interval)
          .minInterval(interval)
          .maxInterval(interval)
          .budget(interval, 8)
          .build());
    }
    Duration retryDelay = root.retryDelay;
    if (retryDelay != null) {
      builder.retryPolicy(RetryPolicy.builder()
          .rateLimitBackoff(retryDelay, retryDelay)
          .transientBackoff(retryDelay, retryDelay)
          .retryAfterJitter(Duration.ZERO)
          .build());
    }
  }
}
