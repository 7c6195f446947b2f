package dev.vidgen.benchmarks.load;

import dev.vidgen.batch.BatchFile;
import dev.vidgen.batch.BatchPlan;
import dev.vidgen.batch.BatchReport;
import dev.vidgen.batch.BatchRunner;
import dev.vidgen.batch.journal.JobStore.State;
import dev.vidgen.benchmarks.Stats;
import dev.vidgen.benchmarks.Workloads;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.policy.PollSchedule;
import dev.vidgen.core.port.ProviderConfig;
import dev.vidgen.journal.jdbc.Journals;
import dev.vidgen.provider.toapis.ToApisProviderFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One batch worker as its own process: a {@link BatchRunner} on the ToAPIs provider (no client
 * rate limit) and a journal, running a batch of {@code jobs} identical-but-for-id jobs. Arguments
 * are {@code name=value}: url, key, journal, batch, jobs, concurrency, out, worker, warmup (jobs
 * of an uncounted batch run first), heap (true to sample the heap half-way), first_poll_ms,
 * min_poll_ms. Says {@code READY {…}} once set up, starts on {@code go}, then says
 * {@code RESULT {…}} and exits.
 */
public final class BatchWorkerMain {
  private BatchWorkerMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      options.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    String worker = options.get("worker");
    int jobs = Integer.parseInt(options.get("jobs"));
    int concurrency = Integer.parseInt(options.get("concurrency"));
    int warmup = Integer.parseInt(options.get("warmup"));
    Path out = Path.of(options.get("out"));
    PollSchedule polls = PollSchedule.builder()
        .firstDelay(Duration.ofMillis(Long.parseLong(options.get("first_poll_ms"))))
        .minInterval(Duration.ofMillis(Long.parseLong(options.get("min_poll_ms"))))
        .build();
    VidgenClient client = VidgenClient.builder()
        .provider(ToApisProviderFactory.ID,
            ProviderConfig.builder().baseUrl(options.get("url")).apiKey(options.get("key")).build())
        .pollSchedule(polls)
        .build();
    try (CountingJobStore store = new CountingJobStore(Journals.open(options.get("journal")))) {
      if (warmup > 0) {
        String batch = options.get("batch") + "-warmup-" + worker;
        run(client, store, worker, concurrency, BatchRunner.plan(client, batch, lines(warmup), out.resolve(batch)),
            new BatchProbe());
      }
      store.reset();
      BatchPlan plan = BatchRunner.plan(client, options.get("batch"), lines(jobs), out);
      Map<String, Object> ready = new LinkedHashMap<>();
      double heapBefore = Probes.heapAfterGcMib();
      ready.put("heap_mib_before", Stats.round(heapBefore));
      Protocol.say("READY", ready);
      if (!Protocol.nextCommand().equals("go")) {
        System.exit(0);
      }
      long cpuBefore = Probes.processCpuNanos();
      BatchProbe probe = new BatchProbe();
      HeapSampler heap = Boolean.parseBoolean(options.get("heap")) ? HeapSampler.start(probe, jobs / 2) : null;
      BatchReport report = run(client, store, worker, concurrency, plan, probe);
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("worker", worker);
      result.put("journal", store.describe());
      result.put("concurrency", concurrency);
      result.put("completed_here", probe.completed());
      result.put("ended_without_video_here", probe.notCompleted());
      result.put("completed_in_batch", report.count(State.COMPLETED));
      result.put("first_create_ms", probe.firstCreateMs());
      result.put("last_file_ms", probe.lastFileMs());
      result.put("mean_job_s", Stats.round(probe.meanJobSeconds()));
      result.put("cpu_s", Stats.round((Probes.processCpuNanos() - cpuBefore) / 1e9));
      result.put("journal_writes", store.writes());
      result.put("journal_calls", store.calls());
      result.put("heap_mib_before", Stats.round(heapBefore));
      if (heap != null) {
        result.putAll(heap.result());
      }
      Protocol.say("RESULT", result);
    } finally {
      client.close();
    }
    System.exit(0);
  }

  private static BatchReport run(VidgenClient client, CountingJobStore store, String worker, int concurrency,
      BatchPlan plan, BatchProbe probe) {
    BatchRunner runner = BatchRunner.builder().client(client).store(store).concurrency(concurrency).worker(worker)
        .idlePoll(Duration.ofMillis(250)).listener(probe).build();
    try {
      BatchReport report = runner.run(plan);
      if (!plan.invalid().isEmpty() || !report.unfinished().isEmpty()) {
        throw new IllegalStateException("batch " + plan.batch() + " did not finish: " + plan.invalid().size()
            + " invalid lines, " + report.unfinished().size() + " unfinished jobs, stopped: " + report.stopped());
      }
      return report;
    } finally {
      runner.shutdown();
    }
  }

  /** {@code count} lines of the drivers' job, told apart by their ids. */
  private static List<dev.vidgen.batch.BatchLine> lines(int count) {
    List<String> lines = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      lines.add(String.format("{\"id\": \"job-%05d\", \"model\": \"%s\", \"prompt\": \"%s\", \"images\": [\"%s\"],"
          + " \"seconds\": 10, \"aspect_ratio\": \"16:9\"}", i, Workloads.MODEL, Workloads.PROMPT, Workloads.IMAGE_URL));
    }
    return BatchFile.parse(lines, Path.of("."));
  }
}
