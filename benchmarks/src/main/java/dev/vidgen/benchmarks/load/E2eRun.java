package dev.vidgen.benchmarks.load;

import dev.vidgen.benchmarks.Stats;
import dev.vidgen.benchmarks.Workloads;
import dev.vidgen.benchmarks.baseline.SimpleJson;
import dev.vidgen.benchmarks.baseline.SimpleToApisClient;
import dev.vidgen.benchmarks.baseline.ThreadPerJob;
import dev.vidgen.core.client.AwaitOptions;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.VideoJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whole jobs on one side (this process has only that side): each job submitted, waited for until
 * its task completes and its video downloaded to a file in {@code dir}. vidgen validates each job
 * first and runs them all on its defaults; the baseline runs a thread per job that polls every
 * second and then downloads with a blocking call. Reports the CPU time of this whole process (JVM
 * start-up included) once the last job is done, and of the jobs alone.
 */
final class E2eRun {
  private final AtomicInteger completed = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final CountDownLatch done;

  private E2eRun(int jobs) {
    this.done = new CountDownLatch(jobs);
  }

  static Map<String, Object> run(String side, String url, String key, int jobs, Path dir, Duration limit)
      throws Exception {
    return new E2eRun(jobs).measure(side, url, key, jobs, dir, limit);
  }

  private Map<String, Object> measure(String side, String url, String key, int jobs, Path dir, Duration limit)
      throws Exception {
    Files.createDirectories(dir);
    long cpuBefore = Probes.processCpuNanos();
    long jitBefore = Probes.jitMillis();
    long start = System.nanoTime();
    AutoCloseable owner = side.equals("vidgen") ? startVidgen(url, key, jobs, dir) : startBaseline(url, key, jobs, dir);
    boolean allDone = done.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    long cpuAfter = Probes.processCpuNanos();
    double seconds = (System.nanoTime() - start) / 1e9;
    int peakThreads = Probes.peakThreads();
    long jitMillis = Probes.jitMillis() - jitBefore;
    Map<String, Long> byThread = Probes.cpuMillisByThreadName();
    owner.close();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("side", side);
    result.put("jobs", jobs);
    result.put("completed", completed.get());
    result.put("failed", failed.get());
    result.put("all_done", allDone);
    result.put("files_written", countFiles(dir));
    result.put("wall_s", Stats.round(seconds));
    result.put("cpu_ms_process", Stats.round(cpuAfter / 1e6));
    result.put("cpu_ms_jobs", Stats.round((cpuAfter - cpuBefore) / 1e6));
    result.put("threads_max", peakThreads);
    result.put("jit_ms", jitMillis);
    result.put("gc_pause_ms", Probes.gcMillis());
    result.put("cpu_ms_by_live_thread", byThread);
    return result;
  }

  private AutoCloseable startVidgen(String url, String key, int jobs, Path dir) {
    VidgenClient client = Sides.vidgen(url, key);
    VideoJob job = Workloads.validJob();
    for (int i = 0; i < jobs; i++) {
      if (!client.validate(job).isValid()) {
        throw new IllegalStateException("the benchmark's job is invalid: " + client.validate(job));
      }
      Path target = dir.resolve("vidgen-" + i + ".mp4");
      client.submitAsync(job)
          .thenCompose(handle -> client.awaitAsync(handle, AwaitOptions.defaults())
              .thenCompose(snapshot -> client.downloadAsync(handle, snapshot, target)))
          .whenComplete((file, failure) -> finish(failure == null));
    }
    return client;
  }

  private AutoCloseable startBaseline(String url, String key, int jobs, Path dir) {
    SimpleToApisClient client = Sides.baseline(url, key);
    Thread[] threads = new Thread[jobs];
    for (int i = 0; i < jobs; i++) {
      Path target = dir.resolve("baseline-" + i + ".mp4");
      AtomicInteger downloaded = new AtomicInteger();
      ThreadPerJob job = new ThreadPerJob(client, Sides.BASELINE_BODY, true, task -> { },
          task -> downloaded.set(download(client, task, target)));
      threads[i] = new Thread(() -> {
        try {
          job.run();
        } finally {
          finish(downloaded.get() == 200);
        }
      }, "baseline-job-" + i);
      threads[i].setDaemon(true);
      threads[i].start();
    }
    return () -> {
      for (Thread thread : threads) {
        thread.interrupt();
      }
    };
  }

  private static int download(SimpleToApisClient client, SimpleJson.SimpleTask task, Path target) {
    try {
      return task.videoUrl() == null ? -1 : client.download(task.videoUrl(), target);
    } catch (IOException e) {
      return -1;
    }
  }

  private void finish(boolean ok) {
    (ok ? completed : failed).incrementAndGet();
    done.countDown();
  }

  private static long countFiles(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.filter(file -> file.toString().endsWith(".mp4")).count();
    }
  }
}
