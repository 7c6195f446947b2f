package dev.vidgen.benchmarks.load;

import dev.vidgen.benchmarks.Stats;
import dev.vidgen.benchmarks.Workloads;
import dev.vidgen.benchmarks.baseline.ThreadPerJob;
import dev.vidgen.core.domain.VideoJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Submitting at the server's limit: more jobs than the limit lets through in {@code runFor} are
 * offered at once, and the time of every accepted create is kept. vidgen submits through the
 * client-side limiter for ToAPIs' default group; the baseline starts a thread per job that, after
 * a 429, sleeps a second and tries again. Jobs still waiting at the end are cancelled, not counted
 * as failed.
 */
final class RateLimitRun {
  private final ConcurrentLinkedQueue<Long> acceptedAt = new ConcurrentLinkedQueue<>();
  private final AtomicInteger failed = new AtomicInteger();

  private RateLimitRun() {}

  static Map<String, Object> run(String side, String url, String key, int jobs, Duration runFor) throws Exception {
    return new RateLimitRun().measure(side, url, key, jobs, runFor);
  }

  private Map<String, Object> measure(String side, String url, String key, int jobs, Duration runFor)
      throws Exception {
    long start = System.nanoTime();
    AutoCloseable owner = side.equals("vidgen") ? startVidgen(url, key, jobs, start) : startBaseline(url, key, jobs, start);
    Thread.sleep(runFor.toMillis());
    int failedInRun = failed.get();
    owner.close();
    List<Double> seconds = new ArrayList<>();
    for (long at : acceptedAt) {
      seconds.add(Stats.round(at / 1e9));
    }
    seconds.sort(Double::compare);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("side", side);
    result.put("offered", jobs);
    result.put("run_s", runFor.toSeconds());
    result.put("failed", failedInRun);
    result.put("accepted_at_s", seconds);
    return result;
  }

  private AutoCloseable startVidgen(String url, String key, int jobs, long start) {
    Sides.Limited limited = Sides.vidgenLimited(url, key);
    VideoJob job = Workloads.validJob();
    for (int i = 0; i < jobs; i++) {
      limited.client().submitAsync(job).whenComplete((handle, failure) -> {
        if (failure == null) {
          acceptedAt.add(System.nanoTime() - start);
        } else {
          failed.incrementAndGet();
        }
      });
    }
    return limited;
  }

  private AutoCloseable startBaseline(String url, String key, int jobs, long start) {
    return ThreadPerJob.startAll(Sides.baseline(url, key), Sides.BASELINE_BODY, jobs, false,
        task -> acceptedAt.add(System.nanoTime() - start));
  }
}
