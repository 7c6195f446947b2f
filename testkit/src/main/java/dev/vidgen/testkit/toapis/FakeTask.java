package dev.vidgen.testkit.toapis;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One task on the fake: where it stands follows its {@link Lifecycle}, how it ends its {@link TaskScript}. */
final class FakeTask {
  /** Result links last a day, as on ToAPIs. */
  static final Duration RESULT_LIFETIME = Duration.ofHours(24);
  private static final int NEVER_FINISHING_CAP = 95;

  private enum Phase { QUEUED, RUNNING, DONE }

  final String id;
  final String model;
  final String clientBusinessId;
  final Instant createdAt;
  private final TaskScript script;
  private final Lifecycle lifecycle;
  private int polls;
  private Instant finishedAt;
  private String format = "mp4";

  FakeTask(String id, String model, String clientBusinessId, Instant createdAt, TaskScript script, Lifecycle lifecycle) {
    this.id = id;
    this.model = model;
    this.clientBusinessId = clientBusinessId;
    this.createdAt = createdAt;
    this.script = script;
    this.lifecycle = script.lifecycle() != null ? script.lifecycle() : lifecycle;
  }

  /** The answer to the create. */
  synchronized Map<String, Object> created() {
    return render(Phase.QUEUED, 0, null);
  }

  /** The answer to a status poll; counts the poll. */
  synchronized Map<String, Object> poll(Instant now, String fileBase) {
    polls++;
    return view(now, fileBase);
  }

  /** Where the task stands, without counting a poll. */
  synchronized Map<String, Object> view(Instant now, String fileBase) {
    Phase phase = phase(now);
    int progress = progress(now);
    if (phase == Phase.DONE && finishedAt == null) {
      finishedAt = lifecycle instanceof Lifecycle.ByTime time
          ? createdAt.plus(time.queued()).plus(time.running())
          : now;
    }
    return render(phase, progress, phase == Phase.DONE ? fileBase : null);
  }

  /** Whether the result file can be fetched at {@code now}. */
  synchronized boolean resultAvailable(Instant now) {
    return script.outcome() == TaskScript.Outcome.COMPLETES && finishedAt != null
        && now.isBefore(finishedAt.plus(RESULT_LIFETIME));
  }

  synchronized int polls() {
    return polls;
  }

  /** Names the result's format {@code format} ({@code mp4} unless changed), in its {@code format} and its link's ending. */
  synchronized void format(String format) {
    this.format = format;
  }

  synchronized String format() {
    return format;
  }

  private Phase phase(Instant now) {
    Phase phase;
    if (lifecycle instanceof Lifecycle.ByPolls byPolls) {
      phase = polls <= byPolls.queuedPolls() ? Phase.QUEUED
          : polls <= byPolls.queuedPolls() + byPolls.runningPolls() ? Phase.RUNNING : Phase.DONE;
    } else {
      Lifecycle.ByTime byTime = (Lifecycle.ByTime) lifecycle;
      Duration elapsed = Duration.between(createdAt, now);
      phase = elapsed.compareTo(byTime.queued()) < 0 ? Phase.QUEUED
          : elapsed.compareTo(byTime.queued().plus(byTime.running())) < 0 ? Phase.RUNNING : Phase.DONE;
    }
    return phase == Phase.DONE && script.outcome() == TaskScript.Outcome.NEVER_FINISHES ? Phase.RUNNING : phase;
  }

  private int progress(Instant now) {
    double fraction;
    if (lifecycle instanceof Lifecycle.ByPolls byPolls) {
      fraction = (double) (polls - byPolls.queuedPolls()) / (byPolls.runningPolls() + 1);
    } else {
      Lifecycle.ByTime byTime = (Lifecycle.ByTime) lifecycle;
      long running = Math.max(1, byTime.running().toMillis());
      fraction = (double) (Duration.between(createdAt, now).toMillis() - byTime.queued().toMillis()) / running;
    }
    int percent = (int) Math.max(1, Math.min(99, Math.round(fraction * 100)));
    return script.outcome() == TaskScript.Outcome.NEVER_FINISHES ? Math.min(NEVER_FINISHING_CAP, percent) : percent;
  }

  private Map<String, Object> render(Phase phase, int progress, String fileBase) {
    boolean sparse = script.omitsOptionalFields();
    Map<String, Object> task = new LinkedHashMap<>();
    task.put("id", id);
    task.put("object", "generation.task");
    task.put("model", model);
    String status = switch (phase) {
      case QUEUED -> script.pendingStatus();
      case RUNNING -> "in_progress";
      case DONE -> script.outcome() == TaskScript.Outcome.FAILS ? "failed" : "completed";
    };
    task.put("status", status);
    if (!sparse) {
      task.put("progress", phase == Phase.QUEUED ? 0 : phase == Phase.DONE ? 100 : progress);
    }
    task.put("created_at", createdAt.getEpochSecond());
    if (clientBusinessId != null) {
      task.put("client_business_id", clientBusinessId);
    }
    if (phase == Phase.DONE && !sparse) {
      task.put("completed_at", finishedAt.getEpochSecond());
    }
    if (phase == Phase.DONE && script.outcome() == TaskScript.Outcome.FAILS) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("code", script.failureCode());
      error.put("message", script.failureMessage());
      task.put("error", error);
    } else if (phase == Phase.DONE) {
      if (!sparse) {
        task.put("expires_at", finishedAt.plus(RESULT_LIFETIME).getEpochSecond());
      }
      Map<String, Object> file = new LinkedHashMap<>();
      file.put("url", fileBase + "/files/videos/" + id + "." + format);
      file.put("format", format);
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("type", "video");
      result.put("data", List.of(file));
      task.put("result", result);
    }
    if (!sparse) {
      task.put("metadata", Map.of());
    }
    return task;
  }
}
