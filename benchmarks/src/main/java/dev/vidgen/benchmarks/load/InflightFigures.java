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
 * Threads and memory with many jobs in flight: vidgen (async, a shared scheduler) and the
 * baseline (a thread per job, polling every second), each in its own process against its own
 * fake server whose tasks outlast the measurement.
 */
public final class InflightFigures implements Section {
  private static final List<String> SIDES = List.of("vidgen", "baseline");

  @Override
  public String name() {
    return "inflight";
  }

  @Override
  public void run(Settings settings, Summary summary) throws Exception {
    int jobs = 10_000;
    long hold = settings.pick(15, 45);
    Map<String, List<Double>> threads = new LinkedHashMap<>();
    Map<String, List<Double>> heap = new LinkedHashMap<>();
    Map<String, List<Double>> rss = new LinkedHashMap<>();
    Map<String, List<Double>> statusPerSecond = new LinkedHashMap<>();
    List<Object> perRun = new ArrayList<>();
    for (int run = 0; run < settings.runs(); run++) {
      for (String side : SIDES) {
        String name = "inflight-" + side + "-" + run;
        try (ServerProcess server = ServerProcess.start(name + "-server", settings.out().resolve("logs"),
            Duration.ofSeconds(5), Duration.ofHours(1))) {
          Map<String, Object> result = new LinkedHashMap<>(Drivers.run(name, settings.out().resolve("logs"),
              Duration.ofMinutes(10), List.of("inflight", side, server.url, server.key, Integer.toString(jobs),
                  Long.toString(hold))));
          Map<String, Object> stats = server.stats();
          result.put("server", stats);
          double seconds = ((Number) result.get("submit_s")).doubleValue() + hold;
          double polls = ((Number) stats.get("status_requests")).doubleValue();
          threads.computeIfAbsent(side, s -> new ArrayList<>()).add(number(result, "threads_max"));
          heap.computeIfAbsent(side, s -> new ArrayList<>()).add(number(result, "heap_mib_max"));
          rss.computeIfAbsent(side, s -> new ArrayList<>()).add(number(result, "rss_mib_max"));
          statusPerSecond.computeIfAbsent(side, s -> new ArrayList<>()).add(polls / seconds);
          perRun.add(result);
        }
      }
    }
    for (String side : SIDES) {
      String prefix = side.equals("vidgen") ? "" : "baseline_";
      summary.put(prefix + "inflight_jobs", jobs);
      summary.put(prefix + "inflight_threads_max", Stats.median(threads.get(side)));
      summary.put(prefix + "inflight_heap_mib_max", Stats.median(heap.get(side)));
      summary.put(prefix + "inflight_rss_mib_max", Stats.median(rss.get(side)));
      summary.put(prefix + "inflight_status_requests_per_s", Stats.median(statusPerSecond.get(side)));
    }
    summary.atMost("inflight_threads_max", 16);
    summary.atMost("inflight_heap_mib_max", 256);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("what", "peak live Java threads (ThreadMXBean) and heap used right after a full GC (sampled"
        + " every 3 s), from the first submit to the end of the hold; each side in its own JVM (-Xmx2g)");
    details.put("hold_s_after_all_created", hold);
    details.put("runs", perRun);
    summary.details("inflight", details);
  }

  private static double number(Map<String, Object> map, String key) {
    return ((Number) map.get(key)).doubleValue();
  }
}
