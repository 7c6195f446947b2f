package dev.vidgen.benchmarks.load;

import dev.vidgen.benchmarks.Section;
import dev.vidgen.benchmarks.Settings;
import dev.vidgen.benchmarks.Stats;
import dev.vidgen.benchmarks.Summary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Threads and memory with many jobs in flight: vidgen as it comes (async, a shared scheduler,
 * the provider's own OkHttp client), vidgen on an app OkHttp client bounded to a few threads,
 * and the baseline (a thread per job, polling every second); each in its own process against its
 * own fake server whose tasks outlast the measurement.
 */
public final class InflightFigures implements Section {
  /** Threads of the bounded app client in the second variant. */
  static final int APP_THREADS = 4;

  /** One side of the comparison and the prefix of its summary keys. */
  private record Variant(String side, String prefix, String suffix) {}

  private static final List<Variant> VARIANTS = List.of(
      new Variant("vidgen", "", ""),
      new Variant("vidgen_bounded", "", "_bounded_okhttp"),
      new Variant("baseline", "baseline_", ""));

  @Override
  public String name() {
    return "inflight";
  }

  @Override
  public void run(Settings settings, Summary summary) throws Exception {
    int jobs = settings.pick(2_000, 10_000);
    long hold = settings.pick(5, 20);
    long submitLimit = settings.pick(25, 60);
    Map<String, Map<String, List<Double>>> values = new LinkedHashMap<>();
    List<Object> perRun = new ArrayList<>();
    Map<String, Object> samples = new LinkedHashMap<>();
    for (int run = 0; run < settings.runs(); run++) {
      for (Variant variant : VARIANTS) {
        String name = "inflight-" + variant.side() + "-" + run;
        try (ServerProcess server = ServerProcess.start(name + "-server", settings.out().resolve("logs"),
            Duration.ofSeconds(5), Duration.ofHours(1))) {
          Map<String, Object> result = new LinkedHashMap<>(Drivers.run(name, settings.out().resolve("logs"),
              Duration.ofMinutes(10), List.of("inflight", variant.side(), server.url, server.key,
                  Integer.toString(jobs), Long.toString(hold), Integer.toString(APP_THREADS),
                  Long.toString(submitLimit))));
          Map<String, Object> stats = server.stats();
          result.put("server", stats);
          samples.putIfAbsent(variant.side(), result.remove("ramp_samples"));
          double seconds = number(result, "submit_s") + hold;
          Map<String, List<Double>> mine = values.computeIfAbsent(variant.side(), s -> new LinkedHashMap<>());
          for (String key : List.of("threads_max", "heap_mib_max", "rss_mib_max", "created")) {
            mine.computeIfAbsent(key, k -> new ArrayList<>()).add(number(result, key));
          }
          mine.computeIfAbsent("status_requests_per_s", k -> new ArrayList<>())
              .add(number(stats, "status_requests") / seconds);
          perRun.add(result);
        }
      }
    }
    for (Variant variant : VARIANTS) {
      Map<String, List<Double>> mine = values.get(variant.side());
      String at = variant.prefix() + "inflight_";
      if (variant.suffix().isEmpty()) {
        summary.put(at + "jobs", jobs);
      }
      summary.put(at + "threads_max" + variant.suffix(), Stats.median(mine.get("threads_max")));
      summary.put(at + "heap_mib_max" + variant.suffix(), Stats.median(mine.get("heap_mib_max")));
      summary.put(at + "rss_mib_max" + variant.suffix(), Stats.median(mine.get("rss_mib_max")));
      summary.put(at + "created" + variant.suffix(), Stats.median(mine.get("created")));
      summary.put(at + "status_requests_per_s" + variant.suffix(), Stats.median(mine.get("status_requests_per_s")));
    }
    summary.atMost("inflight_threads_max", 16);
    summary.atMost("inflight_heap_mib_max", 256);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("what", "peak live Java threads (ThreadMXBean, the JVM's own included) and heap used right after a"
        + " full GC (sampled every 3 s), from the first submit to the end of the hold; each variant in its own"
        + " JVM (-Xmx2g) against its own server");
    details.put("variants", Map.of(
        "vidgen", "defaults: ToAPIs provider found by id, its own OkHttp client (max_requests " + dev.vidgen.provider.toapis.ToApisConfig.DEFAULT_MAX_REQUESTS + " on as many threads)",
        "vidgen_bounded", "the same, but an app OkHttpClient (ToApisConfig.httpClient) whose dispatcher runs on "
            + APP_THREADS + " threads, fast fallback off",
        "baseline", "a thread per job: create, then poll every second with blocking OkHttp calls"));
    details.put("jobs", jobs);
    details.put("submit_limit_s", submitLimit);
    details.put("hold_s_after_submit", hold);
    details.put("samples_what", "from the first submit until every job is created, every 200 ms and after each"
        + " twentieth of the jobs is started: jobs in flight (created so far), live threads, heap in use (not after"
        + " a GC); the first run of each variant");
    details.put("samples", samples);
    details.put("runs", perRun);
    summary.details("inflight", details);
  }

  private static double number(Map<String, Object> map, String key) {
    return ((Number) map.get(key)).doubleValue();
  }
}
