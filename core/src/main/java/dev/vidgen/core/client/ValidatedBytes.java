package dev.vidgen.core.client;

import dev.vidgen.core.domain.ImageInput;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.files.FileDigests;
import dev.vidgen.core.text.IoReasons;
import dev.vidgen.core.text.SafeText;
import dev.vidgen.core.validation.ValidationReport;
import dev.vidgen.core.validation.Violation;
import dev.vidgen.core.validation.ViolationCodes;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The SHA-256 of a job's local images and videos as they were when the job was validated. Read again just
 * before their uploads, they keep a file rewritten since from being uploaded at all; read again once the
 * uploads are done, they tell whether what went up is what was validated: a file changed, deleted or made
 * unreadable while it was being uploaded fails the submit before its create is sent.
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
   * Fails with an {@link InvalidJobException} naming each local file of {@code job} whose bytes already differ from
   * the validated ones before anything of it is uploaded, so that bytes that were never checked are not sent.
   * A file that cannot be read now is left to the upload's own checks, which say what is wrong with it.
   */
  void requireUnchangedBeforeUpload(VideoJob job) {
    List<Violation> changed = new ArrayList<>();
    for (LocalFile local : localFiles(job)) {
      Optional<String> before = digests.getOrDefault(local.path(), Optional.empty());
      Optional<String> now = digest(local.path());
      if (before.isPresent() && now.isPresent() && !before.equals(now)) {
        changed.add(changedBeforeUpload(local));
      }
    }
    refuseIfAny(job, changed);
  }

  /**
   * Fails with an {@link InvalidJobException} naming each local file of {@code job} that no longer holds the
   * validated bytes once its uploads are done: changed, deleted or made unreadable meanwhile. Its upload may have
   * read the old bytes, the new ones or a mix, and which cannot be told, so no create may go out.
   */
  void requireUnchanged(VideoJob job) {
    List<Violation> changed = new ArrayList<>();
    for (LocalFile local : localFiles(job)) {
      Optional<String> before = digests.getOrDefault(local.path(), Optional.empty());
      if (before.isEmpty()) {
        continue; // unreadable when validated: that job was refused before its uploads
      }
      try {
        if (!before.get().equals(sha256(local.path()))) {
          changed.add(changed(local));
        }
      } catch (IOException | RuntimeException gone) {
        changed.add(goneDuringUpload(local, gone));
      }
    }
    refuseIfAny(job, changed);
  }

  private static void refuseIfAny(VideoJob job, List<Violation> changed) {
    if (!changed.isEmpty()) {
      throw new InvalidJobException(new ValidationReport(job.model(), job.mode(), changed));
    }
  }

  private static Violation changedBeforeUpload(LocalFile local) {
    return changed(local, "changed after the job was validated, found before its upload: nothing of this job was"
        + " uploaded, no task was created and nothing was charged: run it again once the file is written, so that what"
        + " is checked is what goes up");
  }

  private static Violation changed(LocalFile local) {
    return changed(local, "changed after the job was validated and before this job's uploads were all done (what went"
        + " up may be the old bytes, the new ones or a mix); no task was created and nothing was charged for a video:"
        + " run it again once the file is written");
  }

  /** A {@code *.changed} violation of {@code local}, its message naming the file and then saying {@code what}. */
  private static Violation changed(LocalFile local, String what) {
    String kind = kind(local);
    String shown = SafeText.clip(local.path().toString(), 300);
    return Violation.error(local.field(), changedCode(kind), shown, "the file left as it is until its upload is done",
        local.field() + ": the " + kind + " " + shown + " " + what);
  }

  /** A file that cannot be read once the uploads are done: what went up cannot be told to be what was validated. */
  private static Violation goneDuringUpload(LocalFile local, Exception failure) {
    String kind = kind(local);
    String shown = SafeText.clip(local.path().toString(), 300);
    boolean deleted = failure instanceof NoSuchFileException || Files.notExists(local.path());
    String what = deleted ? "was deleted (or moved away)"
        : "could no longer be read (" + (failure instanceof IOException io ? IoReasons.reason(io) : "permission denied")
            + ")";
    String next = deleted ? "put the file back (or give another) and run it again"
        : "make it readable again and run it again";
    return Violation.error(local.field(), changedCode(kind), shown, "the file left as it is until its upload is done",
        local.field() + ": the " + kind + " " + shown + " " + what + " while this job's uploads were on their way,"
            + " so what went up cannot be told to be what was validated; no task was created and nothing was charged"
            + " for a video: " + next);
  }

  private static String kind(LocalFile local) {
    return local.field().startsWith("images") ? "image" : "video";
  }

  private static String changedCode(String kind) {
    return kind.equals("image") ? ViolationCodes.IMAGE_CHANGED : ViolationCodes.VIDEO_CHANGED;
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
