package dev.vidgen.core.validation;

import dev.vidgen.core.domain.ImageInput;
import dev.vidgen.core.domain.VideoJob;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a job's local images and videos again right before they are uploaded, as validation did:
 * a file deleted, made unreadable or changed since then is the job's problem, said for that file.
 */
final class LocalInputs {
  private LocalInputs() {}

  /**
   * Every problem with the local images ({@code images[i]}) and videos ({@code videos[i]}) of {@code job}
   * now, each saying that it was found before the upload.
   */
  static List<Violation> check(VideoJob job) {
    List<Violation> found = new ArrayList<>();
    List<ImageInput> images = job.images();
    for (int i = 0; i < images.size(); i++) {
      if (images.get(i) instanceof ImageInput.Local local) {
        LocalImages.check("images[" + i + "]", local.path(), found);
      }
    }
    List<URI> videos = job.videos();
    for (int i = 0; i < videos.size(); i++) {
      if (VideoJob.isLocalVideo(videos.get(i))) {
        LocalVideos.check("videos[" + i + "]", videos.get(i), found);
      }
    }
    return found.stream().map(LocalInputs::again).toList();
  }

  private static Violation again(Violation violation) {
    return new Violation(violation.severity(), violation.field(), violation.code(), violation.given(),
        violation.allowed(), violation.message() + " (found when checked again before its upload: it changed after"
            + " the job was validated)");
  }
}
