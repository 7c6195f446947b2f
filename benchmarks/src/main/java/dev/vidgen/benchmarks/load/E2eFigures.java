package dev.vidgen.benchmarks.load;

import dev.vidgen.benchmarks.Section;
import dev.vidgen.benchmarks.Settings;
import dev.vidgen.benchmarks.Stats;
import dev.vidgen.benchmarks.Summary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code e2e_cpu_ratio}: the client's CPU for whole jobs (validate, submit, poll, download to a
 * file) through vidgen ÷ the simple way (a thread per job, polling every second). Each side runs
 * in its own fresh JVM against its own fresh fake server with the same settings, whose tasks wait
 * and run for spread-out times (the same sequence for both), and whose result files come from
 * loopback.
 */
public final class E2eFigures implements Section {
  private static final List<String> SIDES = List.of("vidgen", "baseline");

  @Override
  public String name() {
    return "e2e";
  }

  @Override
  public void run(Settings settings, Summary summary) throws Exception {
    int jobs = settings.pick(200, 1_000);
    String queued = settings.pick("1..2", "2..5");
    String running = settings.pick("3..8", "20..60");
    Duration limit = Duration.ofMinutes(settings.pick(2, 5));
    Path logs = settings.out().resolve("logs");
    Map<String, Map<String, List<Double>>> values = new LinkedHashMap<>();
    List<Double> ratios = new ArrayList<>();
    List<Double> lessJitRatios = new ArrayList<>();
    List<Object> perRun = new ArrayList<>();
    for (int run = 0; run < settings.runs(); run++) {
      Map<String, Double> cpu = new LinkedHashMap<>();
      Map<String, Double> lessJit = new LinkedHashMap<>();
      // Alternate which side goes first, so that neither always meets the machine in the same state.
      List<String> order = run % 2 == 0 ? SIDES : List.of(SIDES.get(1), SIDES.get(0));
      for (String side : order) {
        String name = "e2e-" + side + "-" + run;
        Path files = Files.createTempDirectory("vidgen-e2e-" + side);
        try (ServerProcess server = ServerProcess.start(name + "-server", logs, queued, running)) {
          Map<String, Object> result = new LinkedHashMap<>(Drivers.run(name, logs, limit.plusMinutes(1),
              List.of("e2e", side, server.url, server.key, Integer.toString(jobs), files.toString(),
                  Long.toString(limit.toSeconds()))));
          result.put("server", server.stats());
          if (number(result, "completed") != jobs) {
            throw new IllegalStateException(name + " finished " + result.get("completed") + " of " + jobs
                + " jobs; the figure would not compare the same work: " + result);
          }
          Map<String, List<Double>> mine = values.computeIfAbsent(side, s -> new LinkedHashMap<>());
          for (String key : List.of("cpu_ms_process", "cpu_ms_jobs", "jit_ms", "gc_pause_ms", "wall_s", "threads_max")) {
            mine.computeIfAbsent(key, k -> new ArrayList<>()).add(number(result, key));
          }
          @SuppressWarnings("unchecked")
          Map<String, Object> stats = (Map<String, Object>) result.get("server");
          for (String key : List.of("create_requests", "status_requests", "file_requests", "all_requests")) {
            mine.computeIfAbsent(key, k -> new ArrayList<>()).add(number(stats, key));
          }
          cpu.put(side, number(result, "cpu_ms_process"));
          // The JIT's time is elapsed time: on a busy machine it can exceed the CPU, and then says nothing.
          double less = number(result, "cpu_ms_process") - number(result, "jit_ms");
          lessJit.put(side, less > 0 ? less : Double.NaN);
          perRun.add(result);
        } finally {
          deleteAll(files);
        }
      }
      ratios.add(cpu.get("vidgen") / cpu.get("baseline"));
      lessJitRatios.add(lessJit.get("vidgen") / lessJit.get("baseline"));
    }
    summary.put("e2e_cpu_ratio", Stats.median(ratios));
    summary.put("e2e_cpu_ms_vidgen", Stats.median(values.get("vidgen").get("cpu_ms_process")));
    summary.put("e2e_cpu_ms_baseline", Stats.median(values.get("baseline").get("cpu_ms_process")));
    summary.atMost("e2e_cpu_ratio", 0.5);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("what", "process CPU time (OperatingSystemMXBean.getProcessCpuTime) of each driver JVM from its"
        + " start until its last job's file is written (cpu_ms_process, the headline; cpu_ms_jobs counts from"
        + " just before the client is made); each side in a fresh JVM (-Xmx2g) against a fresh fake server in"
        + " its own JVM with the same settings; the order of the sides alternates by run");
    details.put("jobs", jobs);
    details.put("task_queued_s", queued);
    details.put("task_running_s", running);
    details.put("tasks", "each task draws its queue wait and running time uniformly from the ranges, from a fixed"
        + " seed (both sides get the same sequence); progress is linear while running; the result file is the"
        + " fake's 2.3 KB sample MP4, served from a second loopback port");
    details.put("variants", Map.of(
        "vidgen", "VidgenClient, provider \"toapis\" with every default; per job validate, submitAsync,"
            + " awaitAsync (default poll schedule), downloadAsync to a file",
        "baseline", "a thread per job: blocking OkHttp create, a status read every second until done, then a"
            + " blocking download to a file; one shared OkHttpClient, Moshi"));
    details.put("per_run_ratio", ratios.stream().map(Stats::round).toList());
    details.put("diagnosis", "jit_ms is the JIT compilers' time (CompilationMXBean, elapsed, so at most their CPU);"
        + " ratio_less_jit = (cpu_ms_process - jit_ms) of vidgen / of the baseline, the ratio once the code is"
        + " compiled (an estimate; not the figure)");
    details.put("ratio_less_jit", orNull(Stats.median(lessJitRatios)));
    details.put("per_run_ratio_less_jit", lessJitRatios.stream().map(E2eFigures::orNull).toList());
    Map<String, Object> medians = new LinkedHashMap<>();
    values.forEach((side, figures) -> {
      Map<String, Object> mine = new LinkedHashMap<>();
      figures.forEach((key, list) -> mine.put(key, Stats.round(Stats.median(list))));
      medians.put(side, mine);
    });
    details.put("medians", medians);
    details.put("runs", perRun);
    summary.details("e2e", details);
  }

  /** {@code value} rounded, or null when it is not a number (JSON has no NaN). */
  private static Double orNull(double value) {
    return Double.isNaN(value) ? null : Stats.round(value);
  }

  private static double number(Map<String, Object> map, String key) {
    return ((Number) map.get(key)).doubleValue();
  }

  private static void deleteAll(Path dir) throws java.io.IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
