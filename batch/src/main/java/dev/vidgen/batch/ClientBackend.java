package dev.vidgen.batch;

import dev.vidgen.core.client.AwaitOptions;
import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.ProgressListener;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.validation.ValidationReport;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The batch's calls, made through a {@link VidgenClient} (its retries, polling and downloads). */
final class ClientBackend implements JobBackend {
  private final VidgenClient client;

  ClientBackend(VidgenClient client) {
    this.client = client;
  }

  @Override
  public String providerId() {
    return client.provider().id();
  }

  @Override
  public Optional<ModelRoute> route(String model) {
    return client.catalog().find(model);
  }

  @Override
  public boolean takesClientReference(ModelRoute route) {
    return client.provider().takesClientReference(route);
  }

  @Override
  public ValidationReport validate(VideoJob job) {
    return client.validate(job);
  }

  @Override
  public PriceQuote quote(VideoJob job) {
    return client.quote(job);
  }

  @Override
  public CompletableFuture<VideoJob> upload(VideoJob job) {
    return client.uploadAsync(job);
  }

  @Override
  public CompletableFuture<JobHandle> submit(VideoJob job, String clientReference) {
    return client.submitAsync(job, clientReference);
  }

  @Override
  public CompletableFuture<Optional<TaskSnapshot>> findByClientReference(String clientReference) {
    try {
      return client.provider().findByClientReference(clientReference);
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
}
