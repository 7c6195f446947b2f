package dev.vidgen.benchmarks.load;

import dev.vidgen.benchmarks.ChildJvm;
import dev.vidgen.benchmarks.JsonFiles;
import dev.vidgen.benchmarks.Machine;
import dev.vidgen.benchmarks.Stats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One batch run against the fake server: {@code workers} worker processes ({@link BatchWorkerMain})
 * on one journal and one batch, started together once each is set up. Throughput is the batch's
 * jobs ÷ the time from the first create (in any worker) to the last video saved (in any worker).
 *
 * @param concurrency jobs in flight per worker
 * @param heap whether the workers read their heap half-way
 */
record BatchTrial(String name, String journal, int jobs, int workers, int concurrency, int warmup, boolean heap,
    Duration firstPoll, Duration minPoll) {
  private static final Duration SET_UP_LIMIT = Duration.ofMinutes(3);
  private static final Duration RUN_LIMIT = Duration.ofMinutes(10);

  /** Runs the trial with its videos in {@code out}; fails when any job did not end with its video, or was sent twice. */
  Map<String, Object> run(ServerProcess server, Path logs, Path out) throws InterruptedException {
    List<ChildJvm> children = new ArrayList<>();
    try {
      for (int w = 1; w <= workers; w++) {
        children.add(ChildJvm.start(name + "-w" + w, logs, Drivers.JVM, BatchWorkerMain.class, List.of(
            "url=" + server.url, "key=" + server.key, "journal=" + journal, "batch=" + name, "jobs=" + jobs,
            "concurrency=" + concurrency, "out=" + out, "worker=w" + w, "warmup=" + warmup, "heap=" + heap,
            "first_poll_ms=" + firstPoll.toMillis(), "min_poll_ms=" + minPoll.toMillis())));
      }
      for (ChildJvm child : children) {
        child.await("READY", SET_UP_LIMIT);
      }
      Map<String, Object> before = server.stats();
      MachineCpu cpuBefore = MachineCpu.now();
      String load = Machine.loadAverage();
      children.forEach(child -> child.send("go"));
      List<Map<String, Object>> results = new ArrayList<>();
      for (ChildJvm child : children) {
        results.add(new LinkedHashMap<>(JsonFiles.parse(child.await("RESULT", RUN_LIMIT))));
      }
      MachineCpu cpuAfter = MachineCpu.now();
      Map<String, Object> after = server.stats();
      Map<String, Object> trial = summarize(results, delta(before, after, "create_requests"),
          delta(before, after, "status_requests"), cpuAfter.busyCoresSince(cpuBefore));
      trial.put("load_average_at_start", load);
      System.out.printf("bench:   %s: %d jobs, %d worker%s × %d in flight: %s jobs/s"
          + " (mean job %s s, %s busy cores, load %s)%n",
          name, jobs, workers, workers == 1 ? "" : "s", concurrency, trial.get("jobs_per_s"), trial.get("mean_job_s"),
          trial.get("machine_busy_cores"), load);
      return trial;
    } finally {
      children.forEach(ChildJvm::close);
    }
  }

  private Map<String, Object> summarize(List<Map<String, Object>> results, long creates, long statusReads,
      double busyCores) {
    long first = results.stream().mapToLong(r -> number(r, "first_create_ms").longValue()).min().orElseThrow();
    long last = results.stream().mapToLong(r -> number(r, "last_file_ms").longValue()).max().orElseThrow();
    long completed = results.stream().mapToLong(r -> number(r, "completed_here").longValue()).sum();
    long writes = results.stream().mapToLong(r -> number(r, "journal_writes").longValue()).sum();
    double cpu = results.stream().mapToDouble(r -> number(r, "cpu_s").doubleValue()).sum();
    if (completed != jobs || creates != jobs) {
      throw new IllegalStateException(name + ": " + completed + " videos saved and " + creates + " creates for "
          + jobs + " jobs (see the worker logs)");
    }
    double seconds = (last - first) / 1000.0;
    Map<String, Object> trial = new LinkedHashMap<>();
    trial.put("trial", name);
    trial.put("workers", workers);
    trial.put("jobs", jobs);
    trial.put("concurrency_per_worker", concurrency);
    trial.put("seconds", Stats.round(seconds));
    trial.put("jobs_per_s", Stats.round(jobs / seconds));
    trial.put("mean_job_s", Stats.round(results.stream().mapToDouble(r -> number(r, "mean_job_s").doubleValue())
        .average().orElse(Double.NaN)));
    trial.put("journal_writes_per_job", Stats.round((double) writes / jobs));
    trial.put("status_reads_per_job", Stats.round((double) statusReads / jobs));
    trial.put("worker_cpu_ms_per_job", Stats.round(cpu * 1000 / jobs));
    trial.put("machine_busy_cores", Stats.round(busyCores));
    trial.put("per_worker", results);
    return trial;
  }

  private static long delta(Map<String, Object> before, Map<String, Object> after, String key) {
    return number(after, key).longValue() - number(before, key).longValue();
  }

  private static Number number(Map<String, Object> map, String key) {
    return (Number) map.get(key);
  }
}
