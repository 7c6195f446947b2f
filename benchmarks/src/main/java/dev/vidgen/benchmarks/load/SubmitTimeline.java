package dev.vidgen.benchmarks.load;

import dev.vidgen.core.concurrent.DaemonThreads;
import dev.vidgen.testkit.toapis.RateLimitingProxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Creates the rate-limiting proxy let through and refused (429), read every second on the
 * server's side, so that the client measured has no part in the counting.
 */
final class SubmitTimeline implements AutoCloseable {
  private final RateLimitingProxy proxy;
  private final ScheduledExecutorService ticks =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("submit-timeline"));
  private final List<RateLimitingProxy.Counts> seconds = new ArrayList<>();

  private SubmitTimeline(RateLimitingProxy proxy) {
    this.proxy = proxy;
  }

  static SubmitTimeline start(RateLimitingProxy proxy) {
    SubmitTimeline timeline = new SubmitTimeline(proxy);
    timeline.record();
    timeline.ticks.scheduleAtFixedRate(timeline::record, 1, 1, TimeUnit.SECONDS);
    return timeline;
  }

  private synchronized void record() {
    seconds.add(proxy.submits());
  }

  /**
   * One entry per second ({@code t_s}, {@code accepted}, {@code rejected_429}), from the second
   * the first create arrived to the last second that had one.
   */
  synchronized List<Map<String, Object>> perSecond() {
    List<Map<String, Object>> timeline = new ArrayList<>();
    int first = -1;
    int last = -1;
    for (int i = 1; i < seconds.size(); i++) {
      long total = seconds.get(i).allowed() + seconds.get(i).refused();
      long before = seconds.get(i - 1).allowed() + seconds.get(i - 1).refused();
      if (total > before) {
        first = first < 0 ? i : first;
        last = i;
      }
    }
    for (int i = Math.max(first, 1); first > 0 && i <= last; i++) {
      Map<String, Object> second = new LinkedHashMap<>();
      second.put("t_s", i - first + 1);
      second.put("accepted", seconds.get(i).allowed() - seconds.get(i - 1).allowed());
      second.put("rejected_429", seconds.get(i).refused() - seconds.get(i - 1).refused());
      timeline.add(second);
    }
    return timeline;
  }

  @Override
  public void close() {
    ticks.shutdownNow();
  }
}
