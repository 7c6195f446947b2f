package dev.vidgen.core.client;

import dev.vidgen.core.policy.PollSchedule;
import dev.vidgen.core.policy.RouteDurations;
import dev.vidgen.core.port.VideoProvider;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * What the client's loops share: the provider, time, the policies, randomness, the event sink and
 * the executor for blocking file work.
 *
 * @param io runs the blocking copy of a download, so that scheduler threads never wait on I/O
 * @param durations how long each route's tasks took, learned by the waits and read by them
 */
record ClientRuntime(
    VideoProvider provider,
    Scheduling time,
    RetryDecider retries,
    PollSchedule pollSchedule,
    RandomGenerator random,
    Events events,
    Executor io,
    RouteDurations durations) {

  ClientRuntime {
    Objects.requireNonNull(provider, "provider == null");
    Objects.requireNonNull(time, "time == null");
    Objects.requireNonNull(retries, "retries == null");
    Objects.requireNonNull(pollSchedule, "pollSchedule == null");
    Objects.requireNonNull(random, "random == null");
    Objects.requireNonNull(events, "events == null");
    Objects.requireNonNull(io, "io == null");
    Objects.requireNonNull(durations, "durations == null");
  }
}
