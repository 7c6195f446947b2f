package dev.vidgen.core.port;

import dev.vidgen.core.domain.ImageInput;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.VideoJob;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated job ready to create: every image is a URL (local files were uploaded), the route
 * is resolved, and an optional client reference lets the task be found again after an unanswered
 * create (sent only where {@link VideoProvider#takesClientReference} says the route takes one).
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
}
