package dev.vidgen.benchmarks.baseline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One job the simple way, on its own thread: create the task (after a 429, sleep a second and try
 * again), then ask for its status every second until it is completed or failed.
 */
public final class ThreadPerJob implements Runnable {
  /** The simple way's one interval: for polling and after a 429. */
  public static final long INTERVAL_MS = 1_000;

  private final SimpleToApisClient client;
  private final String body;
  private final boolean poll;
  private final Consumer<SimpleJson.SimpleTask> created;
  private final Consumer<SimpleJson.SimpleTask> finished;

  /**
   * @param poll whether to poll after the create (false: stop once created)
   * @param created told about the task once the create succeeded
   * @param finished told about the task once it completed or failed
   */
  public ThreadPerJob(SimpleToApisClient client, String body, boolean poll,
      Consumer<SimpleJson.SimpleTask> created, Consumer<SimpleJson.SimpleTask> finished) {
    this.client = client;
    this.body = body;
    this.poll = poll;
    this.created = created;
    this.finished = finished;
  }

  /**
   * Starts {@code jobs} jobs, each on its own daemon thread ({@code baseline-job-N}); closing the
   * result interrupts them all.
   */
  public static AutoCloseable startAll(SimpleToApisClient client, String body, int jobs, boolean poll,
      Consumer<SimpleJson.SimpleTask> created) {
    List<Thread> threads = new ArrayList<>(jobs);
    for (int i = 0; i < jobs; i++) {
      Thread thread = new Thread(new ThreadPerJob(client, body, poll, created, task -> { }), "baseline-job-" + i);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
    return () -> threads.forEach(Thread::interrupt);
  }

  @Override
  public void run() {
    try {
      SimpleToApisClient.Answer answer = client.create(body);
      while (!answer.ok()) {
        Thread.sleep(INTERVAL_MS);
        answer = client.create(body);
      }
      created.accept(answer.task());
      if (!poll) {
        return;
      }
      SimpleJson.SimpleTask task = answer.task();
      while (!task.done()) {
        Thread.sleep(INTERVAL_MS);
        SimpleToApisClient.Answer status = client.status(task.id());
        if (status.ok()) {
          task = status.task();
        }
      }
      finished.accept(task);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // The simple way gives up on an I/O error; the driver counts jobs that never finished.
    }
  }
}
