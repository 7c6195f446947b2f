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

/** {@code sdk_overhead_ratio}: client CPU per request through vidgen ÷ plain OkHttp + Moshi. */
public final class OverheadFigures implements Section {
  private static final int WINDOW = 8;

  @Override
  public String name() {
    return "overhead";
  }

  @Override
  public void run(Settings settings, Summary summary) throws Exception {
    int jobs = settings.pick(2_000, 5_000);
    int rounds = settings.pick(3, 5);
    int warm = 1_000;
    List<Double> ratios = new ArrayList<>();
    List<Double> vidgenCpu = new ArrayList<>();
    List<Double> baselineCpu = new ArrayList<>();
    List<Double> asyncCpu = new ArrayList<>();
    List<Double> asyncRatios = new ArrayList<>();
    List<Object> perRun = new ArrayList<>();
    for (int run = 0; run < settings.runs(); run++) {
      try (ServerProcess server = ServerProcess.start("overhead-server-" + run, settings.out().resolve("logs"),
          Duration.ofSeconds(5), Duration.ofHours(1))) {
        Map<String, Object> result = Drivers.run("overhead-driver-" + run, settings.out().resolve("logs"),
            Duration.ofMinutes(10), List.of("overhead", server.url, server.key, Integer.toString(jobs),
                Integer.toString(rounds), Integer.toString(warm), Integer.toString(WINDOW)));
        ratios.add(((Number) result.get("sdk_overhead_ratio")).doubleValue());
        asyncRatios.add(((Number) result.get("ratio_vs_async_okhttp")).doubleValue());
        @SuppressWarnings("unchecked")
        List<Map<String, Map<String, Object>>> roundsDone = (List<Map<String, Map<String, Object>>>) result.get("rounds");
        for (Map<String, Map<String, Object>> round : roundsDone) {
          vidgenCpu.add(((Number) round.get("vidgen").get("cpu_us_per_request")).doubleValue());
          baselineCpu.add(((Number) round.get("baseline").get("cpu_us_per_request")).doubleValue());
          asyncCpu.add(((Number) round.get("async_okhttp").get("cpu_us_per_request")).doubleValue());
        }
        perRun.add(result);
      }
    }
    summary.put("sdk_overhead_ratio", Stats.median(ratios));
    summary.put("client_cpu_us_per_request", Stats.median(vidgenCpu));
    summary.put("baseline_cpu_us_per_request", Stats.median(baselineCpu));
    summary.put("async_okhttp_cpu_us_per_request", Stats.median(asyncCpu));
    summary.put("sdk_overhead_ratio_vs_async_okhttp", Stats.median(asyncRatios));
    summary.atMost("sdk_overhead_ratio", 1.2);
    summary.atMost("sdk_overhead_ratio_vs_async_okhttp", 1.2);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("what", "process CPU time (OperatingSystemMXBean) of the driver JVM over a fixed number of"
        + " jobs (create + one status read each), server in another process; vidgen and baseline"
        + " alternate in one JVM after a warm-up; run ratio = median of its rounds. async_okhttp (diagnosis"
        + " only) is the baseline's calls made with OkHttp's enqueue, vidgen's I/O model");
    details.put("jobs_per_round", jobs);
    details.put("rounds_per_run", rounds);
    details.put("warm_up", "batches of " + warm + " jobs per side until a batch passes with under 20 ms of JIT"
        + " compilation (at most 40 batches)");
    details.put("jobs_in_flight", WINDOW);
    details.put("per_run_ratio", ratios.stream().map(Stats::round).toList());
    details.put("runs", perRun);
    summary.details("overhead", details);
  }
}
