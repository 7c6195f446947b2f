package dev.vidgen.benchmarks.load;

import dev.vidgen.benchmarks.Machine;
import dev.vidgen.benchmarks.Stats;
import dev.vidgen.benchmarks.Workloads;
import dev.vidgen.benchmarks.baseline.SimpleToApisClient;
import dev.vidgen.benchmarks.baseline.ThreadPerJob;
import dev.vidgen.core.client.AwaitOptions;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.VideoJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many jobs in flight at once on one side (this process has only that side): every job created
 * and then waited for, against a server whose tasks run far longer than the measurement. Counts
 * the process's live threads (peak and at the end), the heap right after a full collection, and
 * the resident memory, while the jobs are submitted (for at most {@code submitLimit}) and then held
 * for {@code hold}.
 */
final class InflightRun {
  private static final long SAMPLE_MS = 1_000;
  private static final int GC_EVERY_SAMPLES = 3;
  /** While jobs are being submitted, threads and heap in use are also read this often per sample. */
  private static final int RAMP_READS_PER_SAMPLE = 5;
  /** ... and after each twentieth of the jobs is started (on the thread that starts them). */
  private static final int RAMP_STEPS = 20;

  private final AtomicInteger created = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final List<Double> heapSamples = new ArrayList<>();
  private final List<Map<String, Object>> ramp = new ArrayList<>();
  private double rssMax;
  private int threadsMax;

  private InflightRun() {}

  /**
   * @param appThreads for {@code vidgen_bounded}, the threads of the app's OkHttp client
   * @param submitLimit how long the submit phase may take before the hold starts anyway
   */
  static Map<String, Object> run(String side, String url, String key, int jobs, Duration hold, int appThreads,
      Duration submitLimit) throws Exception {
    return new InflightRun().measure(side, url, key, jobs, hold, appThreads, submitLimit);
  }

  private Map<String, Object> measure(String side, String url, String key, int jobs, Duration hold, int appThreads,
      Duration submitLimit) throws Exception {
    int threadsBefore = Probes.liveThreads();
    double heapBefore = Probes.heapAfterGcMib();
    Probes.resetPeakThreads();
    long start = System.nanoTime();
    readRamp();
    AutoCloseable owner = switch (side) {
      case "vidgen" -> {
        VidgenClient client = Sides.vidgen(url, key);
        yield startVidgen(client, client, jobs);
      }
      case "vidgen_bounded" -> {
        Sides.Bounded bounded = Sides.vidgenBounded(url, key, appThreads);
        yield startVidgen(bounded.client(), bounded, jobs);
      }
      default -> startBaseline(url, key, jobs);
    };
    long deadline = start + submitLimit.toNanos();
    int samples = 0;
    while (created.get() + failed.get() < jobs && System.nanoTime() < deadline) {
      for (int read = 0; read < RAMP_READS_PER_SAMPLE; read++) {
        Thread.sleep(SAMPLE_MS / RAMP_READS_PER_SAMPLE);
        readRamp();
      }
      sample(++samples, 0);
    }
    double submitSeconds = (System.nanoTime() - start) / 1e9;
    long holdUntil = System.nanoTime() + hold.toNanos();
    while (System.nanoTime() < holdUntil) {
      sample(++samples, SAMPLE_MS);
    }
    heapSamples.add(Probes.heapAfterGcMib());
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("side", side);
    result.put("jobs", jobs);
    if (side.equals("vidgen_bounded")) {
      result.put("app_okhttp_threads", appThreads);
    }
    result.put("created", created.get());
    result.put("failed", failed.get());
    result.put("submit_s", Stats.round(submitSeconds));
    result.put("hold_s", hold.toSeconds());
    result.put("threads_before", threadsBefore);
    result.put("threads_max", Math.max(threadsMax, Probes.peakThreads()));
    result.put("threads_at_end", Probes.liveThreads());
    result.put("thread_names_at_end", threadNames());
    result.put("heap_mib_before", Stats.round(heapBefore));
    result.put("heap_mib_max", Stats.round(heapSamples.stream().mapToDouble(Double::doubleValue).max().orElse(0)));
    result.put("heap_mib_at_end", Stats.round(heapSamples.get(heapSamples.size() - 1)));
    result.put("rss_mib_max", Stats.round(rssMax));
    result.put("ramp_samples", ramp);
    owner.close();
    return result;
  }

  private void sample(int number, long sleepMs) throws InterruptedException {
    Thread.sleep(sleepMs);
    threadsMax = Math.max(threadsMax, Probes.liveThreads());
    rssMax = Math.max(rssMax, Machine.residentMib());
    if (number % GC_EVERY_SAMPLES == 0) {
      heapSamples.add(Probes.heapAfterGcMib());
    }
  }

  /** Jobs in flight (created so far), live threads and heap in use (not after a GC) now. */
  private void readRamp() {
    Map<String, Object> point = new LinkedHashMap<>();
    point.put("jobs", created.get());
    point.put("threads", Probes.liveThreads());
    point.put("heap_mib", Stats.round(Probes.heapUsedMib()));
    ramp.add(point);
  }

  private AutoCloseable startVidgen(VidgenClient client, AutoCloseable owner, int jobs) {
    VideoJob job = Workloads.validJob();
    List<CompletableFuture<?>> waits = new ArrayList<>(jobs);
    int step = Math.max(1, jobs / RAMP_STEPS);
    for (int i = 0; i < jobs; i++) {
      waits.add(client.submitAsync(job)
          .whenComplete((handle, failure) -> (failure == null ? created : failed).incrementAndGet())
          .thenCompose(handle -> client.awaitAsync(handle, AwaitOptions.defaults())));
      if ((i + 1) % step == 0) {
        readRamp();
      }
    }
    return owner;
  }

  private AutoCloseable startBaseline(String url, String key, int jobs) {
    SimpleToApisClient client = Sides.baseline(url, key);
    int step = Math.max(1, jobs / RAMP_STEPS);
    List<AutoCloseable> parts = new ArrayList<>();
    for (int started = 0; started < jobs; started += step) {
      parts.add(ThreadPerJob.startAll(client, Sides.BASELINE_BODY, Math.min(step, jobs - started), true,
          task -> created.incrementAndGet()));
      readRamp();
    }
    return () -> {
      for (AutoCloseable part : parts) {
        part.close();
      }
    };
  }

  /** Live threads by name with digits dropped, counted: what the threads are. */
  private static Map<String, Integer> threadNames() {
    Map<String, Integer> names = new TreeMap<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      names.merge(thread.getName().replaceAll("[0-9]+", "#"), 1, Integer::sum);
    }
    return names;
  }
}
