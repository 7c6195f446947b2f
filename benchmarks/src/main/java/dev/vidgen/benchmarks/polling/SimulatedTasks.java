package dev.vidgen.benchmarks.polling;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoAsset;
import dev.vidgen.core.port.RequestPreview;
import dev.vidgen.core.port.SubmitRequest;
import dev.vidgen.core.port.VideoProvider;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A provider whose tasks run on a clock (virtual in the study): queued, then in progress with the
 * {@link ProgressModel}'s percent, then completed. It answers at once and counts, per task, the
 * status requests and the first time a request saw the task completed.
 */
final class SimulatedTasks implements VideoProvider {
  private final Clock clock;
  private final List<TaskPlan> plans;
  private final ProgressModel progress;
  private final List<Task> tasks = new ArrayList<>();
  private final Map<String, Deque<TaskPlan>> byRoute = new HashMap<>();

  /**
   * One task to come: how long it waits in the queue and how long it runs in all.
   *
   * @param route the model whose creates take this plan, or null for creates in plan order
   * @param index the task's place among its route's tasks
   */
  record TaskPlan(Duration queued, Duration total, String route, int index) {
    TaskPlan(Duration queued, Duration total) {
      this(queued, total, null, 0);
    }
  }

  /** What the server saw of one task. */
  static final class Task {
    final Instant createdAt;
    final TaskPlan plan;
    int statusRequests;
    Instant seenCompletedAt;

    Task(Instant createdAt, TaskPlan plan) {
      this.createdAt = createdAt;
      this.plan = plan;
    }

    Instant completedAt() {
      return createdAt.plus(plan.total());
    }
  }

  SimulatedTasks(Clock clock, List<TaskPlan> plans, ProgressModel progress) {
    this.clock = clock;
    this.plans = List.copyOf(plans);
    this.progress = progress;
    for (TaskPlan plan : plans) {
      if (plan.route() != null) {
        byRoute.computeIfAbsent(plan.route(), route -> new ArrayDeque<>()).add(plan);
      }
    }
  }

  List<Task> tasks() {
    return tasks;
  }

  /** Creates the next planned task now; returns its id. */
  synchronized TaskId start() {
    if (tasks.size() == plans.size()) {
      throw new IllegalStateException("all " + plans.size() + " planned tasks were created");
    }
    return start(plans.get(tasks.size()));
  }

  /** Creates the next task planned for {@code route} now (the next in plan order when it has none). */
  synchronized TaskId start(String route) {
    Deque<TaskPlan> planned = byRoute.get(route);
    return planned == null ? start() : start(planned.remove());
  }

  private TaskId start(TaskPlan plan) {
    tasks.add(new Task(clock.instant(), plan));
    return TaskId.of("sim_" + (tasks.size() - 1));
  }

  /** The answer to a status request now, counted. */
  synchronized TaskSnapshot read(TaskId id) {
    Task task = tasks.get(Integer.parseInt(id.value().substring(4)));
    task.statusRequests++;
    Instant now = clock.instant();
    if (!now.isBefore(task.completedAt())) {
      if (task.seenCompletedAt == null) {
        task.seenCompletedAt = now;
      }
      return TaskSnapshot.completed(id, new VideoAsset(URI.create("https://files.example.com/" + id.value() + ".mp4"),
          "mp4", now.plus(Duration.ofHours(24))));
    }
    Duration elapsed = Duration.between(task.createdAt, now);
    if (elapsed.compareTo(task.plan.queued()) < 0) {
      return TaskSnapshot.queued(id);
    }
    Duration running = task.plan.total().minus(task.plan.queued());
    double share = (double) elapsed.minus(task.plan.queued()).toNanos() / Math.max(1, running.toNanos());
    return TaskSnapshot.inProgress(id, progress.percent(share));
  }

  @Override
  public String id() {
    return "simulated";
  }


  @Override
  public CompletableFuture<URI> upload(Path image) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("no uploads in the study"));
  }

  @Override
  public CompletableFuture<TaskSnapshot> create(SubmitRequest request) {
    return CompletableFuture.completedFuture(TaskSnapshot.queued(start(request.job().model())));
  }

  @Override
  public CompletableFuture<TaskSnapshot> status(TaskId taskId) {
    return CompletableFuture.completedFuture(read(taskId));
  }

  @Override
  public CompletableFuture<InputStream> open(VideoAsset asset) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("no downloads in the study"));
  }

  @Override
  public RequestPreview preview(SubmitRequest request) {
    return new RequestPreview("POST", "sim://create", null, "");
  }
}
