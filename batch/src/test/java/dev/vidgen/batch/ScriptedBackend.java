package dev.vidgen.batch;

import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.ProgressListener;
import dev.vidgen.core.domain.DurationRule;
import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.PriceTable;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoAsset;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.policy.RouteDurations;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.validation.ValidationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A backend whose calls answer at once as scripted per prompt, and which records every call
 * together with the journal state of the job at the moment of the call.
 */
final class ScriptedBackend implements JobBackend {
  static final String PLAIN_MODEL = "plain-model";
  static final String REFERENCE_MODEL = "reference-model";

  private final JobStore store;
  private final String batch;
  final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  final Map<String, Function<VideoJob, CompletableFuture<JobHandle>>> submitScript = new HashMap<>();
  /** What the last submit tells about its create's takes. */
  volatile dev.vidgen.core.client.CreateTakes takes;
  /** The stop signal the last submit was given. */
  volatile CompletableFuture<?> stopSending;
  final Map<String, Optional<TaskSnapshot>> lookups = new HashMap<>();
  final Map<String, Function<JobHandle, CompletableFuture<TaskSnapshot>>> awaitScript = new HashMap<>();
  final Map<String, Function<Path, CompletableFuture<Path>>> downloadScript = new HashMap<>();
  final Map<String, String> promptByTask = new HashMap<>();
  private final AtomicInteger tasks = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger maxInFlight = new AtomicInteger();
  boolean holdAwaits;
  /** Whether look-ups by client reference never end (as one waiting out its grace). */
  volatile boolean holdLookups;
  /** Whether the client behind it is closed, as {@link ClientBackend#closed} says. */
  volatile boolean closed;
  final List<CompletableFuture<TaskSnapshot>> heldAwaits = Collections.synchronizedList(new ArrayList<>());

  ScriptedBackend(JobStore store, String batch) {
    this.store = store;
    this.batch = batch;
  }

  static VideoJob job(String model, String prompt) {
    return VideoJob.builder(model).prompt(prompt).build();
  }

  /** What the runner taught the client, as a {@link ClientBackend} would pass it on. */
  final RouteDurations durations = RouteDurations.create();

  @Override
  public void learned(String model, Duration took) {
    durations.record(model, took);
  }

  @Override
  public boolean closed() {
    return closed;
  }

  @Override
  public String providerId() {
    return "scripted";
  }

  @Override
  public Optional<ModelRoute> route(String model) {
    return Optional.of(ModelRoute.builder(model)
        .mode(GenerationMode.TEXT_TO_VIDEO, 0, 0)
        .durations(DurationRule.oneOf(10))
        .price(PriceTable.perRequest(Map.of(10, "0.10")))
        .build());
  }

  @Override
  public boolean takesClientReference(ModelRoute route) {
    return REFERENCE_MODEL.equals(route.id());
  }

  @Override
  public ValidationReport validate(VideoJob job) {
    return new ValidationReport(job.model(), GenerationMode.TEXT_TO_VIDEO, List.of());
  }

  /** Models the key's live list no longer has. */
  final java.util.Set<String> unlisted = java.util.concurrent.ConcurrentHashMap.newKeySet();

  @Override
  public List<dev.vidgen.core.validation.Violation> unavailable(String model) {
    return unlisted.contains(model) ? List.of(dev.vidgen.core.validation.Violation.error("model", "model.unavailable",
        model, "a model of the key's list", "the key's model list does not have " + model)) : List.of();
  }

  @Override
  public PriceQuote quote(VideoJob job) {
    return PriceQuote.ofUsd(job.model(), new BigDecimal("0.10"), "scripted");
  }

  @Override
  public CompletableFuture<VideoJob> upload(VideoJob job) {
    calls.add("upload " + job.prompt());
    return CompletableFuture.completedFuture(job);
  }

  @Override
  public CompletableFuture<JobHandle> submit(VideoJob job, String clientReference, CompletableFuture<?> stopSending,
      dev.vidgen.core.client.CreateTakes takes) {
    calls.add("submit " + job.prompt() + " while " + stateOf(job.prompt()) + " ref=" + clientReference);
    this.stopSending = stopSending;
    this.takes = takes;
    Function<VideoJob, CompletableFuture<JobHandle>> script = submitScript.get(job.prompt());
    if (script != null) {
      return script.apply(job);
    }
    return CompletableFuture.completedFuture(handle(job, clientReference));
  }

  JobHandle handle(VideoJob job, String clientReference) {
    TaskId id = TaskId.of("task-" + tasks.incrementAndGet());
    synchronized (promptByTask) {
      promptByTask.put(id.value(), job.prompt());
    }
    return new JobHandle("scripted", id, job.model(), quote(job), Instant.now(), clientReference);
  }

  @Override
  public CompletableFuture<Optional<TaskSnapshot>> findByClientReference(String clientReference) {
    calls.add("find " + clientReference);
    if (holdLookups) {
      return new CompletableFuture<>();
    }
    if (!lookups.containsKey(clientReference)) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException("no lookups here"));
    }
    return CompletableFuture.completedFuture(lookups.get(clientReference));
  }

  @Override
  public CompletableFuture<TaskSnapshot> await(JobHandle handle, ProgressListener listener) {
    String prompt;
    synchronized (promptByTask) {
      prompt = promptByTask.getOrDefault(handle.taskId().value(), handle.taskId().value());
    }
    calls.add("await " + prompt + " while " + stateOf(prompt));
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    Function<JobHandle, CompletableFuture<TaskSnapshot>> script = awaitScript.get(prompt);
    CompletableFuture<TaskSnapshot> result;
    if (script != null) {
      result = script.apply(handle);
    } else if (holdAwaits) {
      result = new CompletableFuture<>();
      heldAwaits.add(result);
    } else {
      result = CompletableFuture.completedFuture(completed(handle.taskId()));
    }
    return result.whenComplete((s, f) -> inFlight.decrementAndGet());
  }

  static TaskSnapshot completed(TaskId id) {
    return TaskSnapshot.completed(id, new VideoAsset(URI.create("https://files.example/" + id + ".mp4"), "mp4",
        Instant.parse("2100-01-01T00:00:00Z")));
  }

  @Override
  public CompletableFuture<Path> download(JobHandle handle, TaskSnapshot completed, Path target) {
    String prompt;
    synchronized (promptByTask) {
      prompt = promptByTask.getOrDefault(handle.taskId().value(), handle.taskId().value());
    }
    calls.add("download " + prompt);
    Function<Path, CompletableFuture<Path>> script = downloadScript.get(prompt);
    if (script != null) {
      return script.apply(target);
    }
    try {
      Files.createDirectories(target.getParent());
      Files.write(target, new byte[] {0, 0, 0, 8, 'f', 't', 'y', 'p'});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return CompletableFuture.completedFuture(target);
  }

  long count(String prefix) {
    synchronized (calls) {
      return calls.stream().filter(call -> call.startsWith(prefix)).count();
    }
  }

  private String stateOf(String prompt) {
    return store.entries(batch).stream()
        .filter(e -> e.key().equals(prompt))
        .map(e -> e.state().id())
        .findFirst().orElse("absent");
  }
}
