package dev.vidgen.cli;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.client.VidgenListener;
import dev.vidgen.core.concurrent.DaemonThreads;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.VidgenException;
import dev.vidgen.core.policy.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Says on stderr when a wait's status read has gone out and its answer is slow to come, so that a read the
 * server never answers is not minutes of silence: once at each of {@link #SAY_AFTER} since that read went out,
 * for each read (a try sent again starts over). Reads that answer in time say nothing.
 */
final class SlowStatusNotice implements VidgenListener, AutoCloseable {
  /** When, after a status read went out, a read still unanswered is mentioned: as for a create. */
  static final List<Duration> SAY_AFTER = SlowCreateNotice.SAY_AFTER;
  private static final Duration CHECK_EVERY = Duration.ofSeconds(1);

  private final TaskId task;
  private final String resume;
  private final List<Duration> sayAfter;
  private final Supplier<Instant> now;
  private final Output output;
  private ScheduledExecutorService timer;
  private Runnable stopListening = () -> { };
  /** When the read now awaited went out; null while none is. */
  private Instant since;
  private int said;

  /** Says, of {@code task}'s reads, what {@code output} shows; {@link #check} is called by the caller. */
  SlowStatusNotice(TaskId task, String resume, List<Duration> sayAfter, Supplier<Instant> now, Output output) {
    this.task = task;
    this.resume = resume;
    this.sayAfter = List.copyOf(sayAfter);
    this.now = now;
    this.output = output;
  }

  /** Watches the status reads of {@code handle}'s task on {@code client}, checked each second, until closed. */
  static SlowStatusNotice watch(VidgenClient client, JobHandle handle, String resume, Output output) {
    SlowStatusNotice notice = new SlowStatusNotice(handle.taskId(), resume, SAY_AFTER, Instant::now, output);
    notice.timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("vidgen-slow-status"));
    notice.timer.scheduleWithFixedDelay(notice::check, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(),
        TimeUnit.MILLISECONDS);
    notice.stopListening = client.addListener(notice);
    return notice;
  }

  @Override
  public synchronized void onStatusReading(JobHandle handle) {
    if (task.equals(handle.taskId())) {
      since = now.get();
      said = 0;
    }
  }

  @Override
  public void onPolled(JobHandle handle, TaskSnapshot snapshot) {
    answered(handle);
  }

  @Override
  public void onRetry(JobHandle handle, Operation operation, ProviderException failure, int attempt, Duration delay) {
    answered(handle);
  }

  @Override
  public void onStatusReadFailed(JobHandle handle, ProviderException failure, Duration readAgainIn) {
    answered(handle); // the wait's own pause until its next read is no read left unanswered
  }

  @Override
  public void onFailed(JobHandle handle, VidgenException error) {
    answered(handle);
  }

  private synchronized void answered(JobHandle handle) {
    if (handle != null && task.equals(handle.taskId())) {
      since = null;
    }
  }

  /** Says that the read awaited has had no answer, once at each of the times it has passed. */
  synchronized void check() {
    if (since == null || said >= sayAfter.size()) {
      return;
    }
    Duration waited = Duration.between(since, now.get());
    if (waited.compareTo(sayAfter.get(said)) < 0) {
      return;
    }
    while (said < sayAfter.size() && waited.compareTo(sayAfter.get(said)) >= 0) {
      said++;
    }
    // The time passed as the notice's mark says it (15 s), not as the check that saw it late measured it (16 s).
    long passed = sayAfter.get(said - 1).toSeconds();
    output.note("task " + task.value() + ": its status read has had no answer for " + passed
        + " s; still waiting for it (the task is made and paid for, and goes on at the provider; stopped with"
        + " Ctrl-C, it is waited for again with: " + resume + ")");
  }

  @Override
  public void close() {
    stopListening.run();
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
