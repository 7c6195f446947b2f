package dev.vidgen.testkit.toapis;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything the fake remembers; every method is synchronized on this object. */
final class FakeState {
  private final Map<String, FakeTask> tasks = new LinkedHashMap<>();
  private final Map<String, FakeTask> byReference = new LinkedHashMap<>();
  private final Map<Endpoint, Deque<Fault>> faults = new EnumMap<>(Endpoint.class);
  private final Deque<TaskScript> scripts = new ArrayDeque<>();
  private final List<ReceivedRequest> requests = new ArrayList<>();
  private final List<CreateRecord> creates = new ArrayList<>();
  private final BigDecimal startingCredits;
  private BigDecimal credits;
  private BigDecimal usedCredits = BigDecimal.ZERO;
  private boolean unlimited;
  /** Issue 11: the key's own quota (null = the key is not limited apart from the account). */
  private BigDecimal keyCredits;
  private final BigDecimal startingKeyCredits;
  private final Map<String, java.util.Set<String>> videoModelsByKey = new LinkedHashMap<>();
  private java.util.Set<String> videoModels;
  private long sequence;
  private long taskCounter;
  private String taskIdPrefix = "video_";
  private long uploadCounter;

  FakeState(BigDecimal credits, boolean unlimited) {
    this(credits, unlimited, null, null, Map.of());
  }

  FakeState(BigDecimal credits, boolean unlimited, BigDecimal keyCredits, java.util.Set<String> videoModels,
      Map<String, java.util.Set<String>> videoModelsByKey) {
    this.startingCredits = credits;
    this.credits = credits;
    this.unlimited = unlimited;
    this.startingKeyCredits = keyCredits;
    this.keyCredits = keyCredits;
    this.videoModels = videoModels;
    this.videoModelsByKey.putAll(videoModelsByKey);
  }

  /** The video models {@code key} may use; null means every built-in route. */
  synchronized java.util.Set<String> videoModels(String key) {
    return videoModelsByKey.getOrDefault(key, videoModels);
  }

  synchronized void videoModels(String key, java.util.Set<String> models) {
    if (key == null) {
      videoModels = models;
    } else {
      videoModelsByKey.put(key, models);
    }
  }

  /** The key's own remaining quota, or null when the key is not limited apart from the account. */
  synchronized BigDecimal keyCredits() {
    return keyCredits;
  }

  synchronized void keyCredits(BigDecimal credits) {
    this.keyCredits = credits;
  }

  synchronized long nextSequence() {
    return ++sequence;
  }

  synchronized void inject(Endpoint endpoint, Fault fault, int times) {
    Deque<Fault> queue = faults.computeIfAbsent(endpoint, e -> new ArrayDeque<>());
    for (int i = 0; i < times; i++) {
      queue.add(fault);
    }
  }

  synchronized Fault takeFault(Endpoint endpoint) {
    Deque<Fault> queue = faults.get(endpoint);
    return queue == null ? null : queue.poll();
  }

  synchronized void clearFaults() {
    faults.clear();
  }

  synchronized void nextTask(TaskScript script) {
    scripts.add(script);
  }

  synchronized void taskIdPrefix(String prefix) {
    taskIdPrefix = prefix;
  }

  /** Makes a task if the credits allow; empty when they do not. */
  synchronized Optional<FakeTask> newTask(
      String model, String reference, Instant now, BigDecimal cost, Lifecycle lifecycle) {
    return newTask(taskIdPrefix, model, reference, now, cost, lifecycle);
  }

  /** {@link #newTask(String, String, Instant, BigDecimal, Lifecycle)} with ids starting {@code idPrefix}. */
  synchronized Optional<FakeTask> newTask(
      String idPrefix, String model, String reference, Instant now, BigDecimal cost, Lifecycle lifecycle) {
    if ((!unlimited && credits.compareTo(cost) < 0) || (keyCredits != null && keyCredits.compareTo(cost) < 0)) {
      return Optional.empty();
    }
    if (!unlimited) {
      credits = credits.subtract(cost);
    }
    if (keyCredits != null) {
      keyCredits = keyCredits.subtract(cost);
    }
    usedCredits = usedCredits.add(cost);
    TaskScript script = scripts.isEmpty() ? TaskScript.completes() : scripts.poll();
    FakeTask task = new FakeTask(
        String.format("%s%06d", idPrefix, ++taskCounter), model, reference, now, script, lifecycle);
    tasks.put(task.id, task);
    if (reference != null) {
      byReference.put(reference, task);
    }
    return Optional.of(task);
  }

  /** A task by id, or by the client reference sent with its create (the latest such task). */
  synchronized FakeTask find(String idOrReference) {
    FakeTask task = tasks.get(idOrReference);
    return task != null ? task : byReference.get(idOrReference);
  }

  synchronized List<FakeTask> tasks() {
    return List.copyOf(tasks.values());
  }

  synchronized long nextUploadNumber() {
    return ++uploadCounter;
  }

  synchronized void log(ReceivedRequest request) {
    requests.add(request);
  }

  synchronized void log(CreateRecord create) {
    creates.add(create);
  }

  synchronized List<ReceivedRequest> requests() {
    return List.copyOf(requests);
  }

  synchronized List<CreateRecord> creates() {
    return List.copyOf(creates);
  }

  synchronized BigDecimal credits() {
    return credits;
  }

  synchronized BigDecimal usedCredits() {
    return usedCredits;
  }

  synchronized boolean unlimited() {
    return unlimited;
  }

  synchronized void balance(BigDecimal credits, boolean unlimited) {
    this.credits = credits;
    this.unlimited = unlimited;
  }

  synchronized void reset() {
    tasks.clear();
    byReference.clear();
    faults.clear();
    scripts.clear();
    requests.clear();
    creates.clear();
    credits = startingCredits;
    keyCredits = startingKeyCredits;
    usedCredits = BigDecimal.ZERO;
  }
}
