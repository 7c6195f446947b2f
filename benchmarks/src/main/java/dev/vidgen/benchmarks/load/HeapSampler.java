package dev.vidgen.benchmarks.load;

import dev.vidgen.benchmarks.Stats;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Takes one heap reading in the middle of a batch: once {@code mark} jobs are saved, the heap in
 * use right after a full collection and the jobs in flight at that moment. The collection pauses
 * the worker once (tens of milliseconds, counted in the batch's time).
 */
final class HeapSampler {
  private static final long CHECK_MS = 20;

  private volatile Map<String, Object> result = Map.of("heap_sample", "not taken: the batch ended first");

  private HeapSampler() {}

  static HeapSampler start(BatchProbe probe, int mark) {
    HeapSampler sampler = new HeapSampler();
    Thread thread = new Thread(() -> sampler.watch(probe, mark), "bench-heap-sampler");
    thread.setDaemon(true);
    thread.start();
    return sampler;
  }

  private void watch(BatchProbe probe, int mark) {
    try {
      while (probe.completed() < mark) {
        Thread.sleep(CHECK_MS);
      }
    } catch (InterruptedException e) {
      return;
    }
    int inFlight = probe.inFlight();
    long start = System.nanoTime();
    double heap = Probes.heapAfterGcMib();
    Map<String, Object> taken = new LinkedHashMap<>();
    taken.put("heap_mib_in_flight", Stats.round(heap));
    taken.put("in_flight_at_heap_sample", inFlight);
    taken.put("heap_sample_gc_ms", Stats.round((System.nanoTime() - start) / 1e6));
    result = taken;
  }

  /** What was read, or why nothing was. */
  Map<String, Object> result() {
    return result;
  }
}
