package dev.vidgen.core.client;

import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.FailedUpload;
import dev.vidgen.core.policy.Operation;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Uploads a job's local input videos (already validated) through the provider, with the retry
 * policy, and puts the returned URLs in their place. A video is uploaded once per client: the same
 * bytes (by SHA-256, whatever the file's name or time) reuse the first upload's URL.
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
    // The bytes are read (off the caller's thread) to name them: a file rewritten with the same size and time kept
    // (cp -p, rsync -t) is a new video and is uploaded again, never sent as the old one's URL.
    return CompletableFuture.supplyAsync(() -> key(file), runtime.io()).thenCompose(key -> {
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
    });
  }

  /** The SHA-256 of the file's bytes, which the upload sends; a file that cannot be read has a key of its own. */
  private static String key(Path file) {
    try {
      return ValidatedBytes.sha256(file);
    } catch (IOException e) {
      // Unreadable now: not reused, so the provider's own upload reports what is wrong with it.
      return file.toAbsolutePath().normalize() + "|unreadable|" + System.nanoTime();
    }
  }
}
