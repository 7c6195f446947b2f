package dev.vidgen.benchmarks.load;

import dev.vidgen.testkit.toapis.Lifecycle;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * How long the fake server's tasks wait and run: a fixed number of seconds, or a range
 * {@code MIN..MAX} from which each task draws its own (uniform, to the millisecond), from a fixed
 * seed so that every server started with the same ranges makes the same sequence of tasks.
 */
final class TaskDurations {
  private static final long SEED = 15_001;

  private TaskDurations() {}

  /** One lifecycle per task, from {@code queued} and {@code running} ({@code N} or {@code MIN..MAX} seconds). */
  static Supplier<Lifecycle> drawn(String queued, String running) {
    long[] queuedMillis = range(queued);
    long[] runningMillis = range(running);
    SplittableRandom random = new SplittableRandom(SEED);
    return () -> {
      synchronized (random) {
        return Lifecycle.byTime(Duration.ofMillis(draw(random, queuedMillis)),
            Duration.ofMillis(draw(random, runningMillis)));
      }
    };
  }

  /** {@code MIN..MAX} seconds as text. */
  static String range(Duration min, Duration max) {
    return min.toSeconds() + ".." + max.toSeconds();
  }

  private static long[] range(String text) {
    String[] ends = text.split("\\.\\.");
    long min = Long.parseLong(ends[0].strip()) * 1_000;
    long max = Long.parseLong(ends[ends.length - 1].strip()) * 1_000;
    if (max < min) {
      throw new IllegalArgumentException("a range runs from the smaller to the larger: " + text);
    }
    return new long[] {min, max};
  }

  private static long draw(SplittableRandom random, long[] range) {
    return range[0] == range[1] ? range[0] : random.nextLong(range[0], range[1] + 1);
  }
}
