package dev.vidgen.core.client;

import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.FailedUpload;
import dev.vidgen.core.policy.Operation;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Uploads a job's local input videos (already validated) through the provider, with the retry
 * policy, and puts the returned URLs in their place. A video is uploaded once per client: the
 * same path with the same size and modification time reuses the first upload's URL.
 */
final class VideoUploads {
  private final ClientRuntime runtime;
  private final RetryLoop retries;
  private final Map<String, CompletableFuture<URI>> uploaded = new ConcurrentHashMap<>();

  VideoUploads(ClientRuntime runtime, RetryLoop retries) {
    this.runtime = runtime;
    this.retries = retries;
  }

  /** {@code job} with every local video replaced by its uploaded URL; a job without local videos as it is. */
  CompletableFuture<VideoJob> upload(VideoJob job) {
    if (!job.hasLocalVideos()) {
      return CompletableFuture.completedFuture(job);
    }
    List<CompletableFuture<URI>> videos = job.videos().stream().map(this::upload).toList();
    return CompletableFuture.allOf(videos.toArray(CompletableFuture[]::new))
        .thenApply(done -> job.withVideos(videos.stream().map(video -> video.getNow(null)).toList()));
  }

  private CompletableFuture<URI> upload(URI video) {
    if (!VideoJob.isLocalVideo(video)) {
      return CompletableFuture.completedFuture(video);
    }
    Path file = Path.of(video);
    String key = key(file);
    CompletableFuture<URI> upload = uploaded.computeIfAbsent(key, unused ->
        retries.run(Operation.UPLOAD, null, null, () -> runtime.provider().uploadVideo(file)).thenApply(url -> {
          runtime.events().uploaded(file, url);
          return url;
        }).exceptionallyCompose(failure -> CompletableFuture.failedFuture(
            UploadFailures.of(runtime.provider().id(), new FailedUpload("video", file), failure))));
    upload.whenComplete((url, failure) -> {
      if (failure != null) {
        uploaded.remove(key, upload);
      }
    });
    return upload;
  }

  /** Path, size and modification time: a changed file is uploaded again. */
  private static String key(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return file.toAbsolutePath().normalize() + "|" + attributes.size() + "|" + attributes.lastModifiedTime().toMillis();
    } catch (IOException e) {
      return file.toAbsolutePath().normalize() + "|unreadable";
    }
  }
}
