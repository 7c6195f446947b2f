package dev.vidgen.core.validation;

import static dev.vidgen.core.domain.GenerationMode.IMAGE_TO_VIDEO;
import static dev.vidgen.core.domain.GenerationMode.REFERENCE_TO_VIDEO;
import static dev.vidgen.core.domain.GenerationMode.TEXT_TO_VIDEO;
import static dev.vidgen.core.domain.GenerationMode.VIDEO_EDIT;

import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.VideoJob;

/**
 * Which mode a job means when it names none, from its inputs: videos mean a video edit (or
 * reference-to-video on a route that takes reference videos but no edits); images mean
 * image-to-video when the count fits, else reference-to-video when that fits; no inputs mean
 * text-to-video.
 */
final class Modes {
  private Modes() {}

  /** The job's mode, or the one inferred for {@code route} (null route: inferred from inputs alone). */
  static GenerationMode resolve(VideoJob job, ModelRoute route) {
    if (job.mode() != null) {
      return job.mode();
    }
    if (route == null) {
      return job.videos().isEmpty() ? (job.images().isEmpty() ? TEXT_TO_VIDEO : IMAGE_TO_VIDEO) : VIDEO_EDIT;
    }
    if (!job.videos().isEmpty()) {
      return fromVideos(route);
    }
    if (!job.images().isEmpty()) {
      return fromImages(route, job.images().size());
    }
    return TEXT_TO_VIDEO;
  }

  private static GenerationMode fromVideos(ModelRoute route) {
    if (route.offers(VIDEO_EDIT)) {
      return VIDEO_EDIT;
    }
    if (route.offers(REFERENCE_TO_VIDEO) && route.videosFor(REFERENCE_TO_VIDEO).max() > 0) {
      return REFERENCE_TO_VIDEO;
    }
    return VIDEO_EDIT;
  }

  private static GenerationMode fromImages(ModelRoute route, int count) {
    boolean frames = route.offers(IMAGE_TO_VIDEO);
    boolean references = route.offers(REFERENCE_TO_VIDEO);
    if (frames && route.imagesFor(IMAGE_TO_VIDEO).contains(count)) {
      return IMAGE_TO_VIDEO;
    }
    if (references && route.imagesFor(REFERENCE_TO_VIDEO).contains(count)) {
      return REFERENCE_TO_VIDEO;
    }
    return frames || !references ? IMAGE_TO_VIDEO : REFERENCE_TO_VIDEO;
  }
}
