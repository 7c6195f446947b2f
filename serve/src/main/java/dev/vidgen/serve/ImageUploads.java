package dev.vidgen.serve;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.concurrent.AsyncFailures;
import dev.vidgen.core.domain.ImageInput;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.serve.history.InputDigests;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Uploads a job's local images through the client, reusing an earlier upload of the same bytes
 * (SHA-256 and size) made by this playground within {@link #REUSE_FOR}, so that generating the same
 * image twice uploads it once. How long a ToAPIs upload URL stays valid is not documented, so the
 * reuse is kept short; bytes that differ never share an upload.
 */
final class ImageUploads {
  /** How long after an upload its URL is used again: short, for the provider does not say how long it lasts. */
  static final Duration REUSE_FOR = Duration.ofMinutes(15);

  private final VidgenClient client;
  private final Clock clock;
  private final Map<Content, CompletableFuture<Uploaded>> uploads = new ConcurrentHashMap<>();

  ImageUploads(VidgenClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** An image's bytes, told apart by their digest and their count. */
  record Content(String sha256, long size) {
    /** The content of {@code file}, or empty when it cannot be read (the client's own checks then say why). */
    static Optional<Content> of(Path file) {
      try {
        // The digest the history keeps of a local input, so that the playground and the same-job checks agree.
        return Optional.of(new Content(InputDigests.sha256(file), Files.size(file)));
      } catch (IOException | RuntimeException e) {
        return Optional.empty();
      }
    }
  }

  /** An upload's URL and when the provider gave it. */
  record Uploaded(ImageInput url, Instant at) {}

  /**
   * {@code job} with each local image replaced by its upload's URL: an earlier one of the same bytes
   * while it is fresh (or one still on its way), else a new one. A job without local images comes back as
   * it is; an upload's failure fails the whole, as the client says it.
   */
  CompletableFuture<VideoJob> upload(VideoJob job) {
    if (!job.hasLocalImages()) {
      return CompletableFuture.completedFuture(job);
    }
    List<CompletableFuture<ImageInput>> images = job.images().stream()
        .map(image -> image instanceof ImageInput.Local local ? upload(job, local)
            : CompletableFuture.completedFuture(image))
        .toList();
    return CompletableFuture.allOf(images.toArray(CompletableFuture[]::new))
        .thenApply(done -> job.withImages(images.stream().map(CompletableFuture::join).toList()));
  }

  private CompletableFuture<ImageInput> upload(VideoJob job, ImageInput.Local local) {
    Optional<Content> content = Content.of(local.path());
    if (content.isEmpty()) {
      return uploadNow(job, local).thenApply(Uploaded::url); // unreadable: the client's checks refuse it
    }
    Content key = content.get();
    CompletableFuture<Uploaded> mine = new CompletableFuture<>();
    CompletableFuture<Uploaded> chosen = uploads.compute(key, (unused, earlier) -> usable(earlier) ? earlier : mine);
    if (chosen == mine) {
      uploadNow(job, local).whenComplete((uploaded, failure) -> {
        // Kept only while the file still holds the bytes it was known by: different bytes never share an upload.
        if (failure != null || !content.equals(Content.of(local.path()))) {
          uploads.remove(key, mine);
        }
        if (failure != null) {
          mine.completeExceptionally(AsyncFailures.unwrap(failure));
        } else {
          mine.complete(uploaded);
        }
      });
    }
    return chosen.thenApply(Uploaded::url);
  }

  /** Whether {@code earlier} may serve again: on its way, or done within {@link #REUSE_FOR}. */
  private boolean usable(CompletableFuture<Uploaded> earlier) {
    if (earlier == null || earlier.isCompletedExceptionally()) {
      return false;
    }
    Uploaded done = earlier.getNow(null);
    return done == null || clock.instant().isBefore(done.at().plus(REUSE_FOR));
  }

  private CompletableFuture<Uploaded> uploadNow(VideoJob job, ImageInput.Local local) {
    try {
      return client.uploadAsync(job.withImages(List.of(local)).withVideos(List.<URI>of()))
          .thenApply(uploaded -> new Uploaded(uploaded.images().get(0), clock.instant()));
    } catch (RuntimeException refused) { // such as a client already closed: nothing was sent
      return CompletableFuture.failedFuture(new dev.vidgen.core.client.SubmitNotSentException(
          "the job was not sent: " + refused.getMessage()));
    }
  }
}
