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
    if (!job.images().isEmpty() || !job.videos().isEmpty()) {
      return report;
    }
    Optional<ModelRoute> route = catalog.find(job.model()).filter(found -> found.modes().size() == 1);
    if (route.isEmpty()) {
      return report;
    }
    GenerationMode only = route.get().modes().iterator().next();
    IntRange images = route.get().imagesFor(only);
    if (images.min() == 0) {
      return report;
    }
    List<Violation> worded = report.violations().stream()
        .map(violation -> isTextToVideoRefused(violation) ? atTheImages(violation, route.get().id(), images)
            : violation)
        .toList();
    return new ValidationReport(report.model(), report.mode(), worded);
  }

  private static boolean isTextToVideoRefused(Violation violation) {
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
