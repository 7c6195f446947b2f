package dev.vidgen.core.domain;

import dev.vidgen.core.files.SystemPaths;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a user wants made: a model, a prompt, input images and the options the model offers.
 * Immutable, to the lists and maps inside {@code params}; build one with {@link #builder(String)}. Nothing is checked here beyond nulls:
 * {@code dev.vidgen.core.validation} checks a job against its route and lists every problem.
 *
 * @param model the route id, such as {@code grok-video-1.5-preview}
 * @param mode the requested mode, or null to infer it from the inputs
 * @param prompt the text prompt, or null
 * @param images input images in order (first frame first)
 * @param videos input video URLs, for edits and video references
 * @param seconds the duration, or null for the route's default
 * @param aspectRatio such as {@code 16:9}, or null for the route's default
 * @param resolution such as {@code 720p}, or null for the route's default
 * @param params extra provider parameters, passed through untouched: JSON-like values (strings,
 *     numbers, booleans, lists, maps), deeply unmodifiable
 */
public record VideoJob(
    String model,
    GenerationMode mode,
    String prompt,
    List<ImageInput> images,
    List<URI> videos,
    Integer seconds,
    String aspectRatio,
    String resolution,
    Map<String, Object> params) {

  /**
   * A job as given; {@code model} must not be null, the lists are copied (null becomes empty) and
   * {@code params} is copied deeply in order, every list and map inside it unmodifiable, so that
   * changing what was given changes nothing here. No key or value may be null (null is allowed
   * inside a list or a map).
   *
   * @throws IllegalArgumentException naming the parameter whose value, or a value inside it, is not
   *     JSON-like: a string, number, boolean, list or map
   */
  public VideoJob {
    Objects.requireNonNull(model, "model == null");
    images = List.copyOf(images == null ? List.of() : images);
    videos = List.copyOf(videos == null ? List.of() : videos);
    params = params == null ? Map.of() : JsonLike.frozen(params);
  }

  /** A builder for a job on {@code model}. */
  public static Builder builder(String model) {
    return new Builder(model);
  }

  /** A builder that starts from this job. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The requested mode, when the job names one. */
  public Optional<GenerationMode> requestedMode() {
    return Optional.ofNullable(mode);
  }

  /** Whether some image is a local file still to be uploaded. */
  public boolean hasLocalImages() {
    return images.stream().anyMatch(ImageInput.Local.class::isInstance);
  }

  /** Whether some input video is a local file ({@code file:} URI) still to be uploaded. */
  public boolean hasLocalVideos() {
    return videos.stream().anyMatch(VideoJob::isLocalVideo);
  }

  /** Whether {@code video} names a local file ({@code file:} scheme) rather than a URL the provider fetches. */
  public static boolean isLocalVideo(URI video) {
    return "file".equalsIgnoreCase(video.getScheme());
  }

  /** A copy with {@code videos} in place of this job's input videos. */
  public VideoJob withVideos(List<URI> videos) {
    return new VideoJob(model, mode, prompt, images, videos, seconds, aspectRatio, resolution, params);
  }

  /** A copy with {@code images} in place of this job's images. */
  public VideoJob withImages(List<ImageInput> images) {
    return new VideoJob(model, mode, prompt, images, videos, seconds, aspectRatio, resolution, params);
  }

  /** A copy on {@code model} (such as the route's own spelling of the name this job gave). */
  public VideoJob withModel(String model) {
    return new VideoJob(model, mode, prompt, images, videos, seconds, aspectRatio, resolution, params);
  }

  /** A copy with {@code mode} set. */
  public VideoJob withMode(GenerationMode mode) {
    return new VideoJob(model, mode, prompt, images, videos, seconds, aspectRatio, resolution, params);
  }

  /** Builds a {@link VideoJob}; not thread-safe. */
  public static final class Builder {
    private String model;
    private GenerationMode mode;
    private String prompt;
    private final List<ImageInput> images = new ArrayList<>();
    private final List<URI> videos = new ArrayList<>();
    private Integer seconds;
    private String aspectRatio;
    private String resolution;
    private final Map<String, Object> params = new LinkedHashMap<>();

    private Builder(String model) {
      this.model = Objects.requireNonNull(model, "model == null");
    }

    private Builder(VideoJob job) {
      this.model = job.model;
      this.mode = job.mode;
      this.prompt = job.prompt;
      this.images.addAll(job.images);
      this.videos.addAll(job.videos);
      this.seconds = job.seconds;
      this.aspectRatio = job.aspectRatio;
      this.resolution = job.resolution;
      this.params.putAll(job.params);
    }

    /** The model to send the job to, by route id or alias; must not be null. */
    public Builder model(String model) {
      this.model = Objects.requireNonNull(model, "model == null");
      return this;
    }

    /** The mode; null lets validation infer it from the inputs. */
    public Builder mode(GenerationMode mode) {
      this.mode = mode;
      return this;
    }

    /** The text prompt; null (the default) for none. */
    public Builder prompt(String prompt) {
      this.prompt = prompt;
      return this;
    }

    /** Adds an image; see {@link ImageInput#parse(String)} for what the text may be. */
    public Builder image(String urlOrPath) {
      images.add(ImageInput.parse(urlOrPath));
      return this;
    }

    /** Adds an image, which must not be null. */
    public Builder image(ImageInput image) {
      images.add(Objects.requireNonNull(image, "image == null"));
      return this;
    }

    /** Adds a local image file, uploaded before the job is created; must not be null. */
    public Builder image(Path localFile) {
      images.add(ImageInput.file(localFile));
      return this;
    }

    /** Replaces all images. */
    public Builder images(List<ImageInput> images) {
      this.images.clear();
      images.forEach(this::image);
      return this;
    }

    /**
     * Adds an input video by URL, for edits and video references; a {@code file:} URI is a local file,
     * uploaded before the job is created.
     */
    public Builder video(URI url) {
      videos.add(Objects.requireNonNull(url, "url == null"));
      return this;
    }

    /**
     * Adds a local input video (MP4, MOV or WebM, at most 50 MB), uploaded once before the job is
     * created; kept as its absolute {@code file:} URI.
     */
    public Builder video(Path localFile) {
      videos.add(SystemPaths.resolve(Path.of(""), Objects.requireNonNull(localFile, "localFile == null")).toUri());
      return this;
    }

    /**
     * Adds an input video from what a person typed: anything with a scheme is a URL, anything else
     * a local file path.
     *
     * @throws IllegalArgumentException when the text is blank or a malformed URL
     */
    public Builder video(String urlOrPath) {
      ImageInput parsed;
      try {
        parsed = ImageInput.parse(Objects.requireNonNull(urlOrPath, "urlOrPath == null"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(e.getMessage().replace("image", "video"), e);
      }
      return parsed instanceof ImageInput.Local local ? video(local.path()) : video(((ImageInput.Remote) parsed).url());
    }

    /** The duration in seconds; null for the route's default. */
    public Builder seconds(Integer seconds) {
      this.seconds = seconds;
      return this;
    }

    /** The aspect ratio, such as {@code 16:9}; null (the default) for the route's default. */
    public Builder aspectRatio(String aspectRatio) {
      this.aspectRatio = aspectRatio;
      return this;
    }

    /** The resolution, such as {@code 720p}; null (the default) for the route's default. */
    public Builder resolution(String resolution) {
      this.resolution = resolution;
      return this;
    }

    /**
     * Adds a provider parameter passed through untouched, such as {@code seed}; a list or map is copied,
     * so changing it afterwards changes nothing here.
     *
     * @throws IllegalArgumentException when the value, or a value inside it, is not JSON-like: a string,
     *     number, boolean, list or map (null only inside a list or map)
     */
    public Builder param(String key, Object value) {
      Objects.requireNonNull(key, "key == null");
      params.put(key, JsonLike.frozen(key, Objects.requireNonNull(value, "value == null")));
      return this;
    }

    /** Adds every entry of {@code params} as {@link #param(String, Object)} does; no key or value may be null. */
    public Builder params(Map<String, ?> params) {
      params.forEach(this::param);
      return this;
    }

    /** The job; only nulls are checked here, the route's rules by validation. */
    public VideoJob build() {
      return new VideoJob(model, mode, prompt, images, videos, seconds, aspectRatio, resolution, params);
    }
  }
}
