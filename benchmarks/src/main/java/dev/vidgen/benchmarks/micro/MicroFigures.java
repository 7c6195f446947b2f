package dev.vidgen.benchmarks.micro;

import dev.vidgen.benchmarks.Section;
import dev.vidgen.benchmarks.Settings;
import dev.vidgen.benchmarks.Stats;
import dev.vidgen.benchmarks.Summary;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks of this package and reports, per benchmark, the median over its forks
 * (each a fresh JVM) of the mean time per operation; encode and decode also as a ratio to the
 * simple way. JMH's own output goes to {@code jmh.log} and {@code jmh.json}.
 */
public final class MicroFigures implements Section {
  @Override
  public String name() {
    return "micro";
  }

  @Override
  public void run(Settings settings, Summary summary) throws Exception {
    Files.createDirectories(settings.out());
    int forks = settings.pick(1, Math.max(5, settings.runs()));
    Options options = new OptionsBuilder()
        .include("^" + JobBenchmarks.class.getName() + "\\.")
        .include("^" + WireBenchmarks.class.getName() + "\\.")
        .forks(forks)
        .warmupIterations(2)
        .warmupTime(TimeValue.milliseconds(settings.pick(400, 1000)))
        .measurementIterations(settings.pick(5, 3))
        .measurementTime(TimeValue.milliseconds(settings.pick(250, 1000)))
        .threads(1)
        .shouldFailOnError(true)
        .jvmArgsAppend("-Xmx512m")
        .output(settings.out().resolve("jmh.log").toString())
        .resultFormat(ResultFormatType.JSON)
        .result(settings.out().resolve("jmh.json").toString())
        .build();
    Collection<RunResult> results = new Runner(options).run();
    Map<String, Double> medians = new TreeMap<>();
    Map<String, Object> perBenchmark = new TreeMap<>();
    for (RunResult result : results) {
      String name = result.getParams().getBenchmark();
      String shortName = name.substring(name.lastIndexOf('.') + 1);
      List<Double> scores = new ArrayList<>();
      if (forks > 1) {
        for (BenchmarkResult fork : result.getBenchmarkResults()) {
          scores.add(fork.getPrimaryResult().getScore());
        }
      } else {
        for (BenchmarkResult fork : result.getBenchmarkResults()) {
          for (IterationResult iteration : fork.getIterationResults()) {
            scores.add(iteration.getPrimaryResult().getScore());
          }
        }
      }
      double median = Stats.median(scores);
      medians.put(shortName, median);
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("median_ns_per_op", Stats.round(median));
      one.put(forks > 1 ? "per_fork_ns_per_op" : "per_iteration_ns_per_op", scores.stream().map(Stats::round).toList());
      perBenchmark.put(shortName, one);
    }
    medians.forEach((name, median) -> summary.put("micro_" + snake(name) + "_ns", median));
    summary.put("encode_create_ratio_vs_baseline",
        medians.get("encodeCreateVidgen") / medians.get("encodeCreateBaseline"));
    summary.put("decode_status_ratio_vs_baseline",
        medians.get("decodeStatusVidgen") / medians.get("decodeStatusBaseline"));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("forks", forks);
    details.put("median_over", forks > 1 ? "forks (each the mean of its iterations)" : "iterations of one fork");
    details.put("benchmarks", perBenchmark);
    summary.details("micro", details);
  }

  private static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }
}
