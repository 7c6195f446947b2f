package dev.vidgen.cli;

import dev.vidgen.core.domain.ImageInput;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.serve.history.InputDigests;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A same-job identity that knows a batch's local images and videos by their bytes, as {@code generate}
 * and the playground do: each file stands for the first file of the same SHA-256 that was looked at, so
 * that two lines naming a copy, a link or a renamed file of one image are one job. A file that cannot be
 * read is known by its path. Not thread-safe: the plan is checked on one thread.
 */
final class SameBytes implements Function<VideoJob, Object> {
  private final Function<VideoJob, ?> identity;
  /** Each file's digest, read once; empty when it cannot be read. */
  private final Map<Path, Optional<String>> digests = new HashMap<>();
  /** The first file seen with each digest, which every file of those bytes stands as. */
  private final Map<String, Path> firstOfDigest = new HashMap<>();

  private SameBytes(Function<VideoJob, ?> identity) {
    this.identity = identity;
  }

  /** {@code identity}, applied to each job with its local inputs named by the first file of the same bytes. */
  static Function<VideoJob, Object> of(Function<VideoJob, ?> identity) {
    return new SameBytes(java.util.Objects.requireNonNull(identity, "identity == null"));
  }

  @Override
  public Object apply(VideoJob job) {
    if (!job.hasLocalImages() && !job.hasLocalVideos()) {
      return identity.apply(job);
    }
    List<ImageInput> images = new ArrayList<>();
    for (ImageInput image : job.images()) {
      images.add(image instanceof ImageInput.Local local ? new ImageInput.Local(standIn(local.path())) : image);
    }
    List<URI> videos = new ArrayList<>();
    for (URI video : job.videos()) {
      videos.add(VideoJob.isLocalVideo(video) ? standIn(video) : video);
    }
    return identity.apply(job.withImages(images).withVideos(videos));
  }

  private URI standIn(URI video) {
    try {
      return standIn(Path.of(video)).toUri();
    } catch (RuntimeException unnamed) { // a file: URI this system cannot name: known as written
      return video;
    }
  }

  private Path standIn(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    Optional<String> digest = digests.computeIfAbsent(absolute, path -> {
      try {
        return Optional.of(InputDigests.sha256(path));
      } catch (IOException | RuntimeException unreadable) {
        return Optional.empty();
      }
    });
    return digest.map(sha -> firstOfDigest.computeIfAbsent(sha, any -> file)).orElse(file);
  }
}
