package dev.vidgen.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The whole machine's CPU time from {@code /proc/stat}: how many cores were busy over a stretch. */
final class MachineCpu {
  /** Clock ticks per second of {@code /proc/stat} (USER_HZ, 100 on Linux). */
  private static final double TICKS_PER_S = 100;

  private final long busyTicks;
  private final long wallNanos;

  private MachineCpu(long busyTicks, long wallNanos) {
    this.busyTicks = busyTicks;
    this.wallNanos = wallNanos;
  }

  /** The machine's busy time so far (every process's, not only this benchmark's); -1 ticks when unknown. */
  static MachineCpu now() {
    long busy = -1;
    try {
      String[] parts = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < Math.min(parts.length, 9); i++) {
        total += Long.parseLong(parts[i]);
      }
      // user nice system idle iowait irq softirq steal: all but idle and iowait is busy.
      busy = total - Long.parseLong(parts[4]) - Long.parseLong(parts[5]);
    } catch (IOException | RuntimeException e) {
      // Not Linux: unknown.
    }
    return new MachineCpu(busy, System.nanoTime());
  }

  /** Cores busy on average since {@code earlier}, or NaN when unknown. */
  double busyCoresSince(MachineCpu earlier) {
    if (busyTicks < 0 || earlier.busyTicks < 0) {
      return Double.NaN;
    }
    return (busyTicks - earlier.busyTicks) / TICKS_PER_S / ((wallNanos - earlier.wallNanos) / 1e9);
  }
}
