package dev.vidgen.batch;

import dev.vidgen.core.client.AwaitOptions;
import dev.vidgen.core.client.ExistingTarget;
import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.ProgressListener;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.ImageInput;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.files.FileDigests;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.validation.ValidationReport;
import dev.vidgen.core.validation.Violation;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The batch's calls, made through a {@link VidgenClient} (its retries, polling and downloads). A
 * local file is uploaded once per runner, however many lines name it (by its bytes, so a link and its
 * target are one file), and an upload that failed after its tries fails every line naming the file without
 * another upload.
 */
final class ClientBackend implements JobBackend {
  private final VidgenClient client;
  private final Map<String, CompletableFuture<ImageInput>> uploads = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<URI>> videoUploads = new ConcurrentHashMap<>();

  ClientBackend(VidgenClient client) {
    this.client = client;
  }

  @Override
  public void learned(String model, Duration took) {
    // Learned under the route's id, as the client's own polls learn it, whatever name the line gave.
    client.routeDurations().record(client.catalog().find(model).map(ModelRoute::id).orElse(model), took);
  }

  @Override
  public String providerId() {
    return client.provider().id();
  }

  @Override
  public boolean closed() {
    return client.isClosed();
  }

  @Override
  public Optional<ModelRoute> route(String model) {
    return client.catalog().find(model);
  }

  @Override
  public boolean takesClientReference(ModelRoute route) {
    return client.provider().takesClientReference(route);
  }

  /**
   * As {@code generate} checks a job: a line refused only for its route's retirement has the key's live
   * model list read first, so that every line of a retired route the list still offers passes with a
   * warning, not only those checked after another line happened to read the list.
   */
  @Override
  public ValidationReport validate(VideoJob job) {
    try {
      return client.validateAsync(job).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  @Override
  public PriceQuote quote(VideoJob job) {
    return client.quote(job);
  }

  @Override
  public List<Violation> unavailable(String model) {
    try {
      client.checkModelAvailableAsync(model).join();
      return List.of();
    } catch (CompletionException e) {
      if (e.getCause() instanceof InvalidJobException refused) {
        return refused.violations();
      }
      throw e;
    }
  }

  @Override
  public CompletableFuture<VideoJob> upload(VideoJob job) {
    return uploadImages(job).thenCompose(this::uploadVideos);
  }

  private CompletableFuture<VideoJob> uploadVideos(VideoJob job) {
    if (!job.hasLocalVideos()) {
      return CompletableFuture.completedFuture(job);
    }
    List<CompletableFuture<URI>> videos = job.videos().stream()
        .map(video -> !VideoJob.isLocalVideo(video) ? CompletableFuture.completedFuture(video)
            : once(videoUploads, Path.of(video), () -> client.uploadAsync(job.withImages(List.of())
                .withVideos(List.of(video))).thenApply(uploaded -> uploaded.videos().get(0))))
        .toList();
    return CompletableFuture.allOf(videos.toArray(CompletableFuture[]::new))
        .thenApply(done -> job.withVideos(videos.stream().map(CompletableFuture::join).toList()));
  }

  private CompletableFuture<VideoJob> uploadImages(VideoJob job) {
    if (!job.hasLocalImages()) {
      return CompletableFuture.completedFuture(job);
    }
    List<CompletableFuture<ImageInput>> images = job.images().stream()
        .map(image -> image instanceof ImageInput.Local local ? uploadOnce(job, local)
            : CompletableFuture.completedFuture(image))
        .toList();
    return CompletableFuture.allOf(images.toArray(CompletableFuture[]::new))
        .thenApply(done -> job.withImages(images.stream().map(CompletableFuture::join).toList()));
  }

  /** The upload of {@code local}, shared by every line naming the same bytes, its failure as much as its link. */
  private CompletableFuture<ImageInput> uploadOnce(VideoJob job, ImageInput.Local local) {
    return once(uploads, local.path(),
        () -> client.uploadAsync(job.withImages(List.of(local))).thenApply(uploaded -> uploaded.images().get(0)));
  }

  /**
   * The one upload of {@code file}'s bytes in this run: joined while under way, its link reused after, and its
   * failure (once the client's retry policy gave up) given to every later line, with no upload of its own.
   */
  private static <T> CompletableFuture<T> once(Map<String, CompletableFuture<T>> started, Path file,
      Supplier<CompletableFuture<T>> upload) {
    CompletableFuture<T> mine = new CompletableFuture<>();
    CompletableFuture<T> shared = started.putIfAbsent(contentKey(file), mine);
    if (shared != null) {
      return shared;
    }
    upload.get().whenComplete((uploaded, failure) -> {
      if (failure != null) {
        mine.completeExceptionally(
            failure instanceof CompletionException wrapped && wrapped.getCause() != null ? wrapped.getCause() : failure);
      } else {
        mine.complete(uploaded);
      }
    });
    return mine;
  }

  /** The SHA-256 of the file's bytes; a file that cannot be read now is known by its real path. */
  private static String contentKey(Path file) {
    try {
      return FileDigests.sha256(file);
    } catch (IOException | SecurityException unreadable) {
      Path path = file.toAbsolutePath().normalize();
      try {
        path = file.toRealPath();
      } catch (IOException | SecurityException e) {
        // the normalized path, then
      }
      return "unreadable:" + path;
    }
  }

  @Override
  public CompletableFuture<JobHandle> submit(VideoJob job, String clientReference, CompletableFuture<?> stopSending,
      dev.vidgen.core.client.CreateTakes takes) {
    return client.submitAsync(job, clientReference, stopSending, takes);
  }

  @Override
  public CompletableFuture<Optional<TaskSnapshot>> findByClientReference(String clientReference) {
    try {
      // With the not-found grace: a batch restarted at once may look before the provider lists the task.
      return client.findByClientReferenceAsync(clientReference);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletableFuture<TaskSnapshot> await(JobHandle handle, ProgressListener listener) {
    return client.awaitAsync(handle, AwaitOptions.defaults().withListener(listener));
  }

  @Override
  public CompletableFuture<Path> download(JobHandle handle, TaskSnapshot completed, Path target) {
    return client.downloadAsync(handle, completed, target);
  }

  @Override
  public CompletableFuture<Path> download(JobHandle handle, TaskSnapshot completed, Path target,
      CompletionStage<?> deadline) {
    return client.downloadAsync(handle, completed, target, ExistingTarget.REPLACE, deadline);
  }
}
