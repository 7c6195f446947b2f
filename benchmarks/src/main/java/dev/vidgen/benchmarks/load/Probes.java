package dev.vidgen.benchmarks.load;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;

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

  static int liveThreads() {
    return THREADS.getThreadCount();
  }

  static int peakThreads() {
    return THREADS.getPeakThreadCount();
  }

  static void resetPeakThreads() {
    THREADS.resetPeakThreadCount();
  }

  /** Heap in use right after a full collection, in MiB. */
  static double heapAfterGcMib() {
    MEMORY.gc();
    return MEMORY.getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
  }
}
