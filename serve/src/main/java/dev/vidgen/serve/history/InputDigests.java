package dev.vidgen.serve.history;

import dev.vidgen.core.domain.ImageInput;
import dev.vidgen.core.domain.VideoJob;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SHA-256 of the bytes of a job's local images and videos, each file read once (in pieces, so
 * a large video is never held whole) however often it is asked for. The history keeps them with the
 * job, so that the same-job checks know a copy, a link or a renamed file as the same input, and an
 * edited file at the same path as another one.
 */
public final class InputDigests {
  /**
   * The settings key an entry keeps them under: {@code {"images": [...], "videos": [...]}}, each the
   * hex digest of a local input or null for a URL, in the order of the inputs.
   */
  public static final String KEY = "input_sha256";

  private static final InputDigests NONE = new InputDigests(false);

  private final boolean reads;
  private final Map<Path, Optional<String>> known = new ConcurrentHashMap<>();

  private InputDigests(boolean reads) {
    this.reads = reads;
  }

  /** Digests read from the files when first asked for, then kept (for one run: a file may change later). */
  public static InputDigests reading() {
    return new InputDigests(true);
  }

  /** Digests never read: local inputs are then known by their paths only. */
  static InputDigests none() {
    return NONE;
  }

  /**
   * The SHA-256 of {@code file}'s bytes, in hex, read in pieces ({@link dev.vidgen.core.files.FileDigests#sha256}).
   *
   * @throws IOException when the file cannot be read
   */
  public static String sha256(Path file) throws IOException {
    return dev.vidgen.core.files.FileDigests.sha256(file);
  }

  /**
   * {@code entry}, made from {@code job}, with the digests of the job's local inputs in its settings;
   * as it is when the job has none, or one cannot be read.
   */
  public HistoryEntry recorded(HistoryEntry entry, VideoJob job) {
    return of(job).map(digests -> {
      Map<String, Object> settings = new LinkedHashMap<>(entry.settings());
      settings.put(KEY, digests);
      return entry.withSettings(settings);
    }).orElse(entry);
  }

  /**
   * The digests of {@code job}'s inputs as the history keeps them; empty when it has no local input
   * or one cannot be read (the client's own checks then say why).
   */
  Optional<Map<String, List<String>>> of(VideoJob job) {
    if (!reads || !job.hasLocalImages() && !job.hasLocalVideos()) {
      return Optional.empty();
    }
    List<String> images = new ArrayList<>();
    for (ImageInput image : job.images()) {
      if (image instanceof ImageInput.Local local) {
        Optional<String> digest = of(local.path());
        if (digest.isEmpty()) {
          return Optional.empty();
        }
        images.add(digest.get());
      } else {
        images.add(null);
      }
    }
    List<String> videos = new ArrayList<>();
    for (java.net.URI video : job.videos()) {
      if (VideoJob.isLocalVideo(video)) {
        Optional<String> digest;
        try {
          digest = of(Path.of(video));
        } catch (RuntimeException unnamed) { // a file: URI this system cannot name
          return Optional.empty();
        }
        if (digest.isEmpty()) {
          return Optional.empty();
        }
        videos.add(digest.get());
      } else {
        videos.add(null);
      }
    }
    Map<String, List<String>> digests = new LinkedHashMap<>();
    digests.put("images", java.util.Collections.unmodifiableList(images));
    digests.put("videos", java.util.Collections.unmodifiableList(videos));
    return Optional.of(digests);
  }

  private Optional<String> of(Path file) {
    return known.computeIfAbsent(file.toAbsolutePath().normalize(), absolute -> {
      try {
        return Optional.of(sha256(absolute));
      } catch (IOException | RuntimeException unreadable) {
        return Optional.empty();
      }
    });
  }

  /**
   * What makes {@code entry}'s inputs {@code job}'s: each local one by its digest when the entry keeps
   * them and {@code job}'s can be read, every other input (and every one of an entry written before
   * digests were kept) by what the settings say, a local file by its path. Empty when the inputs differ;
   * else the earlier job to compare the rest by: with {@code job}'s inputs when they were told apart
   * by content (so that a file named otherwise previews as the same request), else as it was.
   */
  Optional<VideoJob> sameInputs(HistoryEntry entry, VideoJob job, Map<String, Object> settings, VideoJob earlier) {
    List<?> images = (List<?>) settings.get("images");
    List<?> videos = (List<?>) settings.get("videos");
    List<String> entryImages = entry.images().stream().map(text -> InlineData.shortened(text)).toList();
    List<String> entryVideos = entry.videos().stream().map(text -> InlineData.shortened(text)).toList();
    Optional<List<List<?>>> kept = kept(entry);
    Optional<Map<String, List<String>>> mine = kept.isPresent() ? of(job) : Optional.empty();
    if (mine.isPresent()) {
      boolean same = keys(images, mine.get().get("images")).equals(keys(entryImages, kept.get().get(0)))
          && keys(videos, mine.get().get("videos")).equals(keys(entryVideos, kept.get().get(1)));
      return same ? Optional.of(earlier.withImages(job.images()).withVideos(job.videos())) : Optional.empty();
    }
    boolean samePaths = TaskHistory.comparable(List.of(images, videos))
        .equals(TaskHistory.comparable(List.of(entryImages, entryVideos)));
    return samePaths ? Optional.of(earlier) : Optional.empty();
  }

  /** The entry's digests of its images and videos, when it keeps them in the form this class writes. */
  private static Optional<List<List<?>>> kept(HistoryEntry entry) {
    if (!(entry.settings().get(KEY) instanceof Map<?, ?> digests)
        || !(digests.get("images") instanceof List<?> images) || images.size() != entry.images().size()
        || !(digests.get("videos") instanceof List<?> videos) || videos.size() != entry.videos().size()) {
      return Optional.empty();
    }
    return Optional.of(List.of(images, videos));
  }

  /** Each input's key: its digest when it has one, else its text. */
  private static List<String> keys(List<?> texts, List<?> digests) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      Object digest = i < digests.size() ? digests.get(i) : null;
      keys.add(digest != null ? "sha256:" + digest : "text:" + texts.get(i));
    }
    return keys;
  }
}
