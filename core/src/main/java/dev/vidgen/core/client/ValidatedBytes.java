package dev.vidgen.core.client;

import dev.vidgen.core.domain.ImageInput;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.files.FileDigests;
import dev.vidgen.core.text.SafeText;
import dev.vidgen.core.validation.ValidationReport;
import dev.vidgen.core.validation.Violation;
import dev.vidgen.core.validation.ViolationCodes;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The SHA-256 of a job's local images and videos as they were when the job was validated. Read again once
 * their uploads are done, they tell whether what went up is what was validated: a file rewritten since (an
 * editor exporting it again, even while it was being uploaded) fails the submit before its create is sent.
 */
final class ValidatedBytes {
  private final Map<Path, Optional<String>> digests;

  private ValidatedBytes(Map<Path, Optional<String>> digests) {
    this.digests = digests;
  }

  /** The digests of {@code job}'s local files, read on {@code io}; a file that cannot be read has none. */
  static CompletableFuture<ValidatedBytes> read(VideoJob job, Executor io) {
    if (!job.hasLocalImages() && !job.hasLocalVideos()) {
      return CompletableFuture.completedFuture(new ValidatedBytes(Map.of()));
    }
    // Read on the caller's thread, as validation reads the files' heads: an executor on virtual time (tests) or a
    // busy one must not hold a blocking submit back.
    Map<Path, Optional<String>> digests = new ConcurrentHashMap<>();
    localFiles(job).forEach(local -> digests.computeIfAbsent(local.path(), ValidatedBytes::digest));
    return CompletableFuture.completedFuture(new ValidatedBytes(digests));
  }

  /**
   * Fails with an {@link InvalidJobException} naming each local file of {@code job} whose bytes now differ from
   * the validated ones: its upload read the old bytes, the new ones or a mix, so no create may go out.
   */
  void requireUnchanged(VideoJob job) {
    List<Violation> changed = new ArrayList<>();
    for (LocalFile local : localFiles(job)) {
      Optional<String> before = digests.getOrDefault(local.path(), Optional.empty());
      Optional<String> now = digest(local.path());
      // A file unreadable now went up as it was (its upload read it); one unreadable before was never validated whole.
      if (before.isPresent() && now.isPresent() && !before.equals(now)) {
        changed.add(changed(local));
      }
    }
    if (!changed.isEmpty()) {
      throw new InvalidJobException(new ValidationReport(job.model(), job.mode(), changed));
    }
  }

  private static Violation changed(LocalFile local) {
    String kind = local.field().startsWith("images") ? "image" : "video";
    String shown = SafeText.clip(local.path().toString(), 300);
    return Violation.error(local.field(), kind.equals("image") ? ViolationCodes.IMAGE_CHANGED
            : ViolationCodes.VIDEO_CHANGED, shown, "the file left as it is until its upload is done",
        local.field() + ": the " + kind + " " + shown + " changed after the job was validated and before this job's"
            + " uploads were all done (what went up may be the old bytes, the new ones or a mix); no task was created"
            + " and nothing was charged for a video: run it again once the file is written");
  }

  /** A job's local file and the field that names it ({@code images[0]}, {@code videos[1]}). */
  private record LocalFile(String field, Path path) {}

  private static List<LocalFile> localFiles(VideoJob job) {
    List<LocalFile> files = new ArrayList<>();
    List<ImageInput> images = job.images();
    for (int i = 0; i < images.size(); i++) {
      if (images.get(i) instanceof ImageInput.Local local) {
        files.add(new LocalFile("images[" + i + "]", local.path().toAbsolutePath().normalize()));
      }
    }
    List<URI> videos = job.videos();
    for (int i = 0; i < videos.size(); i++) {
      if (VideoJob.isLocalVideo(videos.get(i))) {
        try {
          files.add(new LocalFile("videos[" + i + "]", Path.of(videos.get(i)).toAbsolutePath().normalize()));
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException unnamed) {
          // A file: URI this system cannot name: validation refuses it; nothing to compare.
        }
      }
    }
    return files;
  }

  private static Optional<String> digest(Path file) {
    try {
      return Optional.of(sha256(file));
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  /** The SHA-256 of {@code file}'s bytes in hex, as {@link FileDigests#sha256} reads it. */
  static String sha256(Path file) throws IOException {
    return FileDigests.sha256(file);
  }
}
