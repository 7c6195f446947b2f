package dev.vidgen.benchmarks.load;

import dev.vidgen.benchmarks.Section;
import dev.vidgen.benchmarks.Settings;
import dev.vidgen.benchmarks.Stats;
import dev.vidgen.benchmarks.Summary;
import dev.vidgen.testkit.postgres.ThrowawayPostgres;
import java.io.IOException;
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
 * Batches at scale: whole jobs (create, poll, download to a file, every step in the journal)
 * through {@code BatchRunner} against the fake server with no rate limit, in one process on an
 * SQLite and on a PostgreSQL journal, and split over 1, 2 and 3 worker processes sharing one
 * PostgreSQL journal. Each worker's throughput is bounded by its jobs in flight and the task time
 * (Little's law), so that the scale-out figure shows what the shared journal lets through.
 */
public final class BatchFigures implements Section {
  /** Tasks finish 1 s after their create (the server's lifecycle counts whole seconds). */
  private static final Duration TASK_TIME = Duration.ofSeconds(1);
  private static final Duration FIRST_POLL = Duration.ofSeconds(1);
  private static final Duration MIN_POLL = Duration.ofMillis(200);
  /** Jobs in flight in the one-process runs. */
  static final int CONCURRENCY = 128;
  /** Jobs in flight per worker in the scale-out runs: low enough that three workers do not fill the CPUs. */
  static final int SCALE_CONCURRENCY = 24;
  private static final List<Integer> WORKERS = List.of(1, 2, 3);

  @Override
  public String name() {
    return "batch";
  }

  @Override
  public void run(Settings settings, Summary summary) throws Exception {
    int jobs = settings.pick(200, 1_000);
    int scaleJobs = settings.pick(150, 1_000);
    int warmup = settings.pick(16, 64);
    Path logs = settings.out().resolve("logs");
    Map<String, List<Double>> values = new LinkedHashMap<>();
    List<Object> perRun = new ArrayList<>();
    String postgresMissing = null;
    ThrowawayPostgres postgres = null;
    try {
      postgres = ThrowawayPostgres.start(List.of());
    } catch (ThrowawayPostgres.UnavailableException e) {
      postgresMissing = e.getMessage();
    }
    try {
      for (int run = 0; run < settings.runs(); run++) {
        Path work = Files.createTempDirectory("vidgen-bench-batch");
        try (ServerProcess server = ServerProcess.start("batch-server-" + run, logs, Duration.ZERO, TASK_TIME)) {
          Map<String, Object> trials = new LinkedHashMap<>();
          Map<String, Object> sqlite = trial("batch-sqlite-" + run, work.resolve("batch.journal").toString(), jobs, 1,
              CONCURRENCY, warmup, true).run(server, logs, work.resolve("sqlite-videos"));
          trials.put("sqlite", sqlite);
          add(values, "sqlite", sqlite);
          if (postgres != null) {
            Map<String, Object> pg = trial("batch-postgres-" + run, postgres.url(), jobs, 1, CONCURRENCY, warmup, true)
                .run(server, logs, work.resolve("postgres-videos"));
            trials.put("postgres", pg);
            add(values, "postgres", pg);
            List<Object> scale = new ArrayList<>();
            for (int workers : WORKERS) {
              Map<String, Object> shared = trial("batch-scale" + workers + "-" + run, postgres.url(), scaleJobs,
                  workers, SCALE_CONCURRENCY, warmup, false).run(server, logs, work.resolve("scale" + workers + "-videos"));
              scale.add(shared);
              add(values, "scale" + workers, shared);
            }
            values.computeIfAbsent("scale_ratio", k -> new ArrayList<>()).add(
                last(values, "scale3", "jobs_per_s") / last(values, "scale1", "jobs_per_s"));
            trials.put("scaleout", scale);
          }
          perRun.add(trials);
        } finally {
          delete(work);
        }
      }
    } finally {
      if (postgres != null) {
        postgres.close();
      }
    }
    record(summary, values, postgresMissing, jobs, scaleJobs, warmup, perRun);
  }

  private static BatchTrial trial(String name, String journal, int jobs, int workers, int concurrency, int warmup,
      boolean heap) {
    return new BatchTrial(name, journal, jobs, workers, concurrency, warmup, heap, FIRST_POLL, MIN_POLL);
  }

  private static void record(Summary summary, Map<String, List<Double>> values, String postgresMissing, int jobs,
      int scaleJobs, int warmup, List<Object> perRun) {
    putMeasured(summary, "journal_sqlite_jobs_per_s", median(values, "sqlite/jobs_per_s"));
    putMeasured(summary, "journal_postgres_jobs_per_s", median(values, "postgres/jobs_per_s"));
    putMeasured(summary, "pg_scaleout_3_workers", median(values, "scale_ratio"));
    putMeasured(summary, "journal_writes_per_job", median(values, "sqlite/journal_writes_per_job"));
    putMeasured(summary, "journal_writes_per_job_postgres", median(values, "postgres/journal_writes_per_job"));
    List<Double> heap = new ArrayList<>(values.getOrDefault("sqlite/heap_kib_per_job", List.of()));
    heap.addAll(values.getOrDefault("postgres/heap_kib_per_job", List.of()));
    putMeasured(summary, "batch_heap_kib_per_job_in_flight", Stats.median(heap));
    summary.atLeast("journal_sqlite_jobs_per_s", 50);
    summary.atLeast("journal_postgres_jobs_per_s", 50);
    summary.atLeast("pg_scaleout_3_workers", 2.5);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("what", "whole jobs (validate and price when planned; create, poll, download a file, every step"
        + " written to the journal) through BatchRunner on the ToAPIs provider, no client rate limit, against the"
        + " fake server in its own JVM (no rate limit; tasks done " + TASK_TIME.toSeconds() + " s after their create,"
        + " result files on loopback); each worker in its own JVM (-Xmx2g) after an uncounted warm-up batch of "
        + warmup + " jobs; jobs/s = jobs ÷ (last video saved − first create sent), over all workers");
    details.put("jobs", jobs);
    details.put("concurrency_one_process", CONCURRENCY);
    details.put("scaleout_jobs", scaleJobs);
    details.put("scaleout_concurrency_per_worker", SCALE_CONCURRENCY);
    details.put("poll_schedule", "first poll " + FIRST_POLL.toMillis() + " ms after the create, then at least every "
        + MIN_POLL.toMillis() + " ms near the expected finish (vidgen's default schedule otherwise)");
    details.put("postgres", postgresMissing == null ? "a throwaway cluster on loopback, PostgreSQL's default settings"
        + " (fsync and synchronous_commit on)" : "not measured: " + postgresMissing);
    details.put("sqlite", "an SQLite file in a temporary folder, vidgen's settings (WAL, synchronous=FULL)");
    List<Object> scaleout = new ArrayList<>();
    for (int workers : WORKERS) {
      Map<String, Object> point = new LinkedHashMap<>();
      point.put("workers", workers);
      point.put("jobs_per_s", Stats.round(median(values, "scale" + workers + "/jobs_per_s")));
      scaleout.add(point);
    }
    details.put("scaleout", postgresMissing == null ? scaleout : List.of());
    details.put("runs", perRun);
    summary.details("batch", details);
  }

  /** Sets {@code key} when it was measured; a figure left out reads as not measured (its target unmet). */
  private static void putMeasured(Summary summary, String key, double value) {
    if (!Double.isNaN(value)) {
      summary.put(key, value);
    }
  }

  @SuppressWarnings("unchecked")
  private static void add(Map<String, List<Double>> values, String trial, Map<String, Object> result) {
    for (String key : List.of("jobs_per_s", "journal_writes_per_job")) {
      values.computeIfAbsent(trial + "/" + key, k -> new ArrayList<>()).add(((Number) result.get(key)).doubleValue());
    }
    for (Map<String, Object> worker : (List<Map<String, Object>>) result.get("per_worker")) {
      if (worker.get("heap_mib_in_flight") instanceof Number inFlight) {
        double before = ((Number) worker.get("heap_mib_before")).doubleValue();
        int jobs = ((Number) worker.get("in_flight_at_heap_sample")).intValue();
        double perJob = jobs == 0 ? Double.NaN : (inFlight.doubleValue() - before) * 1024 / jobs;
        worker.put("heap_kib_per_job_in_flight", Stats.round(perJob));
        values.computeIfAbsent(trial + "/heap_kib_per_job", k -> new ArrayList<>()).add(perJob);
      }
    }
  }

  private static double last(Map<String, List<Double>> values, String trial, String key) {
    List<Double> list = values.get(trial + "/" + key);
    return list.get(list.size() - 1);
  }

  private static double median(Map<String, List<Double>> values, String key) {
    return Stats.median(values.getOrDefault(key, List.of()));
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
