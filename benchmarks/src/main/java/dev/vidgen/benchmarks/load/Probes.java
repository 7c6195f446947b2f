package dev.vidgen.benchmarks.load;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a driver reads about its own process: CPU time, allocation, threads and heap. */
final class Probes {
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
  private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

  private Probes() {}

  /** CPU time of the whole process (every thread, the JIT and the GC), in nanoseconds. */
  static long processCpuNanos() {
    return OS.getProcessCpuTime();
  }

  /** Bytes allocated so far by the threads alive now. */
  static long allocatedBytes() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) THREADS;
    long total = 0;
    for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
      total += Math.max(0, bytes);
    }
    return total;
  }

  /** Milliseconds the JIT compilers have spent so far (their CPU counts in the process's). */
  static long jitMillis() {
    return JIT == null || !JIT.isCompilationTimeMonitoringSupported() ? -1 : JIT.getTotalCompilationTime();
  }

  /** Milliseconds the collectors have spent so far (pauses and concurrent work as they count it). */
  static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(gc -> Math.max(0, gc.getCollectionTime())).sum();
  }

  /**
   * CPU milliseconds of the threads alive now, by name with digits dropped, largest first (what
   * burned the CPU, for threads that have not ended; the JIT's and GC's own threads are not listed).
   */
  static Map<String, Long> cpuMillisByThreadName() {
    Map<String, Long> byName = new HashMap<>();
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      long nanos = info == null ? -1 : THREADS.getThreadCpuTime(info.getThreadId());
      if (nanos > 0) {
        byName.merge(info.getThreadName().replaceAll("[0-9]+", "#"), nanos / 1_000_000, Long::sum);
      }
    }
    Map<String, Long> sorted = new LinkedHashMap<>();
    byName.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
    return sorted;
  }

  static int liveThreads() {
    return THREADS.getThreadCount();
  }

  static int peakThreads() {
    return THREADS.getPeakThreadCount();
  }

  static void resetPeakThreads() {
    THREADS.resetPeakThreadCount();
  }

  /** Heap in use now, garbage included, in MiB. */
  static double heapUsedMib() {
    return MEMORY.getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
  }

  /** Heap in use right after a full collection, in MiB. */
  static double heapAfterGcMib() {
    MEMORY.gc();
    return MEMORY.getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
  }
}
