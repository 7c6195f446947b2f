package dev.vidgen.serve;

import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.IntRange;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.validation.ValidationReport;
import dev.vidgen.core.validation.Violation;
import dev.vidgen.core.validation.ViolationCodes;
import java.util.List;
import java.util.Optional;

/**
 * The check's words, for the page, for a job without images on a model with one mode that needs them: the page
 * shows no Mode field for such a model, so the refusal is said at the image field ("add 1 image: …") rather than
 * as a mode the model does not offer. The command line keeps the library's words ({@code mode: …}).
 */
final class OneModeWords {
  private OneModeWords() {}

  /** {@code report} of {@code job}, its mode refusal worded for the image field where the model has one mode. */
  static ValidationReport forThePage(ValidationReport report, VideoJob job, RouteCatalog catalog) {
    Optional<ModelRoute> route = lackingImages(job, catalog);
    if (route.isEmpty()) {
      return report;
    }
    IntRange images = route.get().imagesFor(onlyMode(route.get()));
    List<Violation> worded = report.violations().stream()
        .map(violation -> isTextToVideoRefused(violation) ? atTheImages(violation, route.get().id(), images)
            : violation)
        .toList();
    return new ValidationReport(report.model(), report.mode(), worded);
  }

  /**
   * The route of {@code job} when it has one mode, which needs images, and the job gives none (nor videos): the job
   * the page shows lacks only its images, so its mode is that one mode, not the text-to-video the library infers.
   */
  static Optional<ModelRoute> lackingImages(VideoJob job, RouteCatalog catalog) {
    if (!job.images().isEmpty() || !job.videos().isEmpty()) {
      return Optional.empty();
    }
    return catalog.find(job.model()).filter(found -> found.modes().size() == 1)
        .filter(found -> found.imagesFor(onlyMode(found)).min() > 0);
  }

  /** The one mode of a {@link #lackingImages} route. */
  static GenerationMode onlyMode(ModelRoute route) {
    return route.modes().iterator().next();
  }

  /** "the image", "the images": what a {@link #lackingImages} route's job is to be given. */
  static String whatItLacks(ModelRoute route) {
    return route.imagesFor(onlyMode(route)).max() == 1 ? "the image" : "the images";
  }

  static boolean isTextToVideoRefused(Violation violation) {
    return violation.isError() && violation.field().equals("mode")
        && violation.code().equals(ViolationCodes.MODE_NOT_OFFERED)
        && GenerationMode.TEXT_TO_VIDEO.id().equals(violation.given());
  }

  /** "add 1 image: grok-video-1.5-preview makes video from exactly 1 image", "add 1 to 7 images: … from 1 to 7 images". */
  private static Violation atTheImages(Violation refused, String model, IntRange images) {
    String count = images.min() == images.max() ? Integer.toString(images.min())
        : images.min() + " to " + images.max();
    String noun = images.max() == 1 ? "image" : "images";
    String from = images.min() == images.max() ? "exactly " + count : count;
    // Its field stays "mode", as the check has always named it: the page shows a mode's problems at the images when it
    // has no Mode field.
    return Violation.error(refused.field(), refused.code(), refused.given(), refused.allowed(),
        "add " + count + " " + noun + ": " + model + " makes video from " + from + " " + noun);
  }
}
