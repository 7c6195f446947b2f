package dev.vidgen.benchmarks.load;

import dev.vidgen.batch.BatchListener;
import dev.vidgen.batch.BatchProgress;
import dev.vidgen.batch.journal.JobStore.Entry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Watches one worker's batch through its journal writes: when the first create went out (the
 * first {@code submitting} write), when the last video was saved (the last {@code completed}
 * write, made after the file), how long each job took between the two, and how many jobs are in
 * flight. Times are wall-clock milliseconds, so that several processes' can be compared.
 */
final class BatchProbe implements BatchListener {
  private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
  private final AtomicLong firstCreateMs = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong lastFileMs = new AtomicLong(Long.MIN_VALUE);
  private final AtomicInteger completed = new AtomicInteger();
  private final AtomicInteger notCompleted = new AtomicInteger();
  private final DoubleAdder jobSeconds = new DoubleAdder();
  private volatile int inFlight;

  @Override
  public void onWritten(Entry entry) {
    long now = System.currentTimeMillis();
    switch (entry.state()) {
      case SUBMITTING -> {
        firstCreateMs.accumulateAndGet(now, Math::min);
        sentAt.putIfAbsent(entry.key(), System.nanoTime());
      }
      case COMPLETED -> {
        lastFileMs.accumulateAndGet(now, Math::max);
        completed.incrementAndGet();
        Long sent = sentAt.get(entry.key());
        if (sent != null) {
          jobSeconds.add((System.nanoTime() - sent) / 1e9);
        }
      }
      case FAILED, UNKNOWN -> notCompleted.incrementAndGet();
      default -> { }
    }
  }

  @Override
  public void onProgress(BatchProgress progress) {
    inFlight = progress.inFlight();
  }

  long firstCreateMs() {
    return firstCreateMs.get();
  }

  long lastFileMs() {
    return lastFileMs.get();
  }

  /** Jobs this worker saved a video for. */
  int completed() {
    return completed.get();
  }

  /** Jobs this worker ended without a video. */
  int notCompleted() {
    return notCompleted.get();
  }

  /** The mean time from a job's create being sent to its video being saved, in seconds. */
  double meanJobSeconds() {
    return completed.get() == 0 ? Double.NaN : jobSeconds.sum() / completed.get();
  }

  /** Jobs this worker is working on, as of the runner's last progress report. */
  int inFlight() {
    return inFlight;
  }
}
