package dev.vidgen.benchmarks.load;

import dev.vidgen.benchmarks.Stats;
import dev.vidgen.benchmarks.Workloads;
import dev.vidgen.benchmarks.baseline.SimpleToApisClient;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.VideoJob;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Client CPU per request: the same jobs (create, then one status read) through vidgen and
 * through plain OkHttp + Moshi, in one process, in alternating rounds after a warm-up, the
 * server in another process. Both keep {@code window} jobs in flight; the baseline on that many
 * threads, each making blocking calls (cheaper than a thread per job, so the comparison favours
 * the baseline). A third side, for diagnosis only, makes the baseline's calls with OkHttp's
 * {@code enqueue} (vidgen's I/O model) to tell the cost of asynchronous OkHttp from vidgen's own.
 */
final class OverheadRun {
  private static final int MAX_WARM_BATCHES = 40;
  private static final long SETTLED_JIT_MS = 20;

  private final VidgenClient vidgen;
  private final SimpleToApisClient baseline;
  private final ExecutorService baselineThreads;
  private final int window;
  private final VideoJob job = Workloads.validJob();

  private OverheadRun(String url, String key, int window) {
    this.vidgen = Sides.vidgen(url, key);
    this.baseline = Sides.baseline(url, key);
    this.baselineThreads = Executors.newFixedThreadPool(window);
    this.window = window;
  }

  /**
   * Warms every side in batches of {@code warmJobs} until the JIT settles, then measures
   * {@code rounds} rounds of {@code jobs} each.
   */
  static Map<String, Object> run(String url, String key, int jobs, int rounds, int warmJobs, int window)
      throws Exception {
    OverheadRun run = new OverheadRun(url, key, window);
    try {
      int warmBatches = run.warmUntilCompiled(warmJobs);
      List<Map<String, Object>> perRound = new ArrayList<>();
      List<Double> ratios = new ArrayList<>();
      List<Double> asyncRatios = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        boolean vidgenFirst = round % 2 == 0;
        Measured first = run.measure(vidgenFirst ? Side.VIDGEN : Side.BASELINE, jobs);
        Measured second = run.measure(vidgenFirst ? Side.BASELINE : Side.VIDGEN, jobs);
        Measured vid = vidgenFirst ? first : second;
        Measured base = vidgenFirst ? second : first;
        Measured async = run.measure(Side.ASYNC_OKHTTP, jobs);
        double ratio = vid.cpuMicrosPerRequest() / base.cpuMicrosPerRequest();
        ratios.add(ratio);
        asyncRatios.add(vid.cpuMicrosPerRequest() / async.cpuMicrosPerRequest());
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("vidgen", vid.toMap());
        one.put("baseline", base.toMap());
        one.put("async_okhttp", async.toMap());
        one.put("cpu_ratio", Stats.round(ratio));
        one.put("cpu_ratio_vs_async_okhttp", Stats.round(vid.cpuMicrosPerRequest() / async.cpuMicrosPerRequest()));
        perRound.add(one);
      }
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("requests_per_side_per_round", 2 * jobs);
      result.put("window", window);
      result.put("warm_up_batches", warmBatches);
      result.put("sdk_overhead_ratio", Stats.median(ratios));
      result.put("ratio_vs_async_okhttp", Stats.median(asyncRatios));
      result.put("rounds", perRound);
      return result;
    } finally {
      run.vidgen.close();
      run.baselineThreads.shutdownNow();
    }
  }

  /**
   * Runs batches of {@code jobs} on every side until a batch passes with the JIT compilers
   * nearly idle (their work is billed to the process's CPU), at most {@link #MAX_WARM_BATCHES}.
   */
  private int warmUntilCompiled(int jobs) throws Exception {
    for (int batch = 1; batch <= MAX_WARM_BATCHES; batch++) {
      long jit = Probes.jitMillis();
      vidgenJobs(jobs);
      baselineJobs(jobs);
      asyncJobs(jobs);
      if (Probes.jitMillis() - jit <= SETTLED_JIT_MS) {
        return batch;
      }
    }
    return MAX_WARM_BATCHES;
  }

  /** One side's measurement over {@code jobs} jobs (two requests each). */
  record Measured(int requests, long cpuNanos, long wallNanos, long allocatedBytes, long jitMillis, int failures) {
    double cpuMicrosPerRequest() {
      return cpuNanos / 1e3 / requests;
    }

    Map<String, Object> toMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("cpu_us_per_request", Stats.round(cpuMicrosPerRequest()));
      map.put("requests_per_s", Stats.round(requests / (wallNanos / 1e9)));
      map.put("allocated_kib_per_request", Stats.round(allocatedBytes / 1024.0 / requests));
      map.put("jit_ms", jitMillis);
      map.put("failures", failures);
      return map;
    }
  }

  /** Who makes the requests. */
  enum Side { VIDGEN, BASELINE, ASYNC_OKHTTP }

  private Measured measure(Side side, int jobs) throws Exception {
    System.gc();
    long allocated = Probes.allocatedBytes();
    long jit = Probes.jitMillis();
    long cpu = Probes.processCpuNanos();
    long wall = System.nanoTime();
    int failures = switch (side) {
      case VIDGEN -> vidgenJobs(jobs);
      case BASELINE -> baselineJobs(jobs);
      case ASYNC_OKHTTP -> asyncJobs(jobs);
    };
    long wallNanos = System.nanoTime() - wall;
    long cpuNanos = Probes.processCpuNanos() - cpu;
    long allocatedBytes = Probes.allocatedBytes() - allocated;
    return new Measured(2 * jobs, cpuNanos, wallNanos, allocatedBytes, Probes.jitMillis() - jit, failures);
  }

  private int vidgenJobs(int jobs) throws InterruptedException {
    Semaphore free = new Semaphore(window);
    AtomicInteger failures = new AtomicInteger();
    for (int i = 0; i < jobs; i++) {
      free.acquire();
      vidgen.submitAsync(job)
          .thenCompose(vidgen::statusAsync)
          .whenComplete((snapshot, failure) -> {
            if (failure != null) {
              failures.incrementAndGet();
            }
            free.release();
          });
    }
    free.acquire(window);
    return failures.get();
  }

  /** Diagnosis, not the baseline: the simple client's calls made with OkHttp's {@code enqueue}, as vidgen's are. */
  private int asyncJobs(int jobs) throws InterruptedException {
    Semaphore free = new Semaphore(window);
    AtomicInteger failures = new AtomicInteger();
    for (int i = 0; i < jobs; i++) {
      free.acquire();
      baseline.createAsync(Sides.BASELINE_BODY)
          .thenCompose(created -> baseline.statusAsync(created.task().id()))
          .whenComplete((status, failure) -> {
            if (failure != null || !status.ok()) {
              failures.incrementAndGet();
            }
            free.release();
          });
    }
    free.acquire(window);
    return failures.get();
  }

  private int baselineJobs(int jobs) throws Exception {
    AtomicInteger left = new AtomicInteger(jobs);
    AtomicInteger failures = new AtomicInteger();
    List<Future<?>> workers = new ArrayList<>();
    for (int i = 0; i < window; i++) {
      workers.add(baselineThreads.submit(() -> {
        while (left.getAndDecrement() > 0) {
          try {
            SimpleToApisClient.Answer created = baseline.create(Sides.BASELINE_BODY);
            if (!created.ok() || !baseline.status(created.task().id()).ok()) {
              failures.incrementAndGet();
            }
          } catch (IOException e) {
            failures.incrementAndGet();
          }
        }
      }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    return failures.get();
  }
}
