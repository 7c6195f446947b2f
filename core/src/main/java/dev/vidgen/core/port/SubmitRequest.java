package dev.vidgen.core.port;

import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.ImageInput;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.VideoJob;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated job ready to create: every image is a URL (local files were uploaded), the route
 * is resolved, and an optional client reference lets the task be found again after an unanswered
 * create (sent only where {@link VideoProvider#takesClientReference} says the route takes one). The job keeps
 * what the caller gave (its seconds, ratio and resolution may be null); {@link #seconds()}, {@link
 * #aspectRatio()} and {@link #resolution()} give the values the quote used, defaults filled from the route.
 *
 * @param job the job, mode resolved, images all {@link ImageInput.Remote}; its model is the name to send:
 *     one of the route's names, or one in the case the key's live model list spells it
 * @param route the route the job resolves to
 * @param clientReference null when the route takes none
 */
public record SubmitRequest(VideoJob job, ModelRoute route, String clientReference) {
  /**
   * A request as given; {@code job} and {@code route} must not be null.
   *
   * @throws IllegalArgumentException if the job still has local images or videos (upload them first)
   */
  public SubmitRequest {
    Objects.requireNonNull(job, "job == null");
    Objects.requireNonNull(route, "route == null");
    if (job.hasLocalImages()) {
      throw new IllegalArgumentException("upload local images before creating the task");
    }
    if (job.hasLocalVideos()) {
      throw new IllegalArgumentException("upload local videos before creating the task");
    }
  }

  /** The client reference to send with the create; empty when the route takes none. */
  public Optional<String> reference() {
    return Optional.ofNullable(clientReference);
  }

  /**
   * The length to send, as the quote priced it: the job's seconds, or the route's default length when the job
   * gives none ({@code job().seconds()} is then null).
   */
  public int seconds() {
    return job.seconds() != null ? job.seconds() : route.durations().defaultSeconds();
  }

  /**
   * The aspect ratio to send: the job's (in the route's spelling), or the route's default for the job's mode
   * when it gives none; empty when the route takes none or ignores it in that mode.
   */
  public Optional<String> aspectRatio() {
    GenerationMode mode = mode();
    if (route.ignoresAspectRatioIn(mode)) {
      return Optional.empty();
    }
    return job.aspectRatio() != null
        ? Optional.of(route.offeredAspectRatio(job.aspectRatio()).orElse(job.aspectRatio().strip()))
        : Optional.ofNullable(route.defaultAspectRatioFor(mode));
  }

  /**
   * The resolution to send, as the quote priced it: the job's (in the route's spelling), or the route's default
   * when it gives none; empty when the route has no default and the job names none.
   */
  public Optional<String> resolution() {
    return job.resolution() != null
        ? Optional.of(route.offeredResolution(job.resolution()).orElse(job.resolution().strip()))
        : Optional.ofNullable(route.defaultResolution());
  }

  /** The job's mode: resolved by the client; for a request built by hand without one, inferred from its inputs. */
  private GenerationMode mode() {
    return job.requestedMode().orElseGet(() -> !job.images().isEmpty() ? GenerationMode.IMAGE_TO_VIDEO
        : job.videos().isEmpty() ? GenerationMode.TEXT_TO_VIDEO : GenerationMode.VIDEO_EDIT);
  }
}
