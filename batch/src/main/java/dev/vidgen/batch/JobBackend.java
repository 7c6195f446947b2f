package dev.vidgen.batch;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.ProgressListener;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.validation.ValidationReport;
import dev.vidgen.core.validation.Violation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** What a batch needs from a client: the few calls of one job's way, each retried by the client. */
interface JobBackend {
  String providerId();

  /** Whether the client was closed: then nothing more can be sent or followed in this run. */
  default boolean closed() {
    return false;
  }

  Optional<ModelRoute> route(String model);

  /** Whether a create on {@code route} carries a client reference (the provider decides). */
  boolean takesClientReference(ModelRoute route);

  ValidationReport validate(VideoJob job);

  /** @throws dev.vidgen.core.error.InvalidJobException when the model is unknown */
  PriceQuote quote(VideoJob job);

  /**
   * Why the key may not use {@code model} by the provider's live model list; empty when it may, or
   * when that cannot be told (the check is off, or the list is unreadable).
   */
  default List<Violation> unavailable(String model) {
    return List.of();
  }

  /** Uploads local images and videos; the job comes back with URLs. */
  CompletableFuture<VideoJob> upload(VideoJob job);

  /**
   * Creates the task, sending {@code clientReference} when the route takes one. Once {@code
   * stopSending} is done no create goes out again, and a create waiting to be resent after an answer
   * that made nothing (a 429) ends at once with a {@link dev.vidgen.core.client.SubmitNotSentException}.
   * {@code takes} hears when no take is on its way during a backoff, and each take after one waits for it.
   */
  CompletableFuture<JobHandle> submit(VideoJob job, String clientReference, CompletableFuture<?> stopSending,
      dev.vidgen.core.client.CreateTakes takes);

  CompletableFuture<Optional<TaskSnapshot>> findByClientReference(String clientReference);

  CompletableFuture<TaskSnapshot> await(JobHandle handle, ProgressListener listener);

  /**
   * Saves the video to {@code target}, never leaving a half file under its name; the temporary
   * files a killed earlier download to {@code target} left beside it are removed.
   */
  CompletableFuture<Path> download(JobHandle handle, TaskSnapshot completed, Path target);

  /**
   * {@link #download(JobHandle, TaskSnapshot, Path)} that ends by {@code deadline}: no try starts once it is done,
   * and a try under way is given a bounded time to end; by default the download is not bounded.
   */
  default CompletableFuture<Path> download(JobHandle handle, TaskSnapshot completed, Path target,
      CompletionStage<?> deadline) {
    return download(handle, completed, target);
  }

  /** Tells the client that a task of {@code model} took {@code took}, as an earlier run saw it; ignored by default. */
  default void learned(String model, Duration took) {}
}
