package dev.vidgen.core.validation;

import dev.vidgen.core.domain.ImageInput;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.RouteRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A route's {@code image_pixels} rule against a job's local images, each read by its header alone
 * ({@link ImageHeaders}). Image URLs are not fetched, so nothing is said about them; a file whose
 * header cannot be read is refused as damaged ({@link LocalImages}), not here.
 */
final class ImagePixelChecks {
  private ImagePixelChecks() {}

  /** Adds an error to {@code found} for each local image of {@code images} outside {@code rule}'s limits. */
  static void check(ModelRoute route, RouteRule.ImagePixels rule, List<ImageInput> images, List<Violation> found) {
    for (int i = 0; i < images.size(); i++) {
      if (images.get(i) instanceof ImageInput.Local local) {
        Optional<ImageHeaders.Size> size = ImageHeaders.read(local.path());
        if (size.isPresent()) {
          check(route, rule, "images[" + i + "]", Texts.shown(local.path()), size.get(), found);
        }
      }
    }
  }

  private static void check(ModelRoute route, RouteRule.ImagePixels rule, String field, String shown,
      ImageHeaders.Size size, List<Violation> found) {
    int width = size.width();
    int height = size.height();
    if (rule.fits(width, height)) {
      return;
    }
    List<String> wrong = new ArrayList<>();
    List<String> fixes = new ArrayList<>();
    if (!rule.shortSideFits(width, height)) {
      wrong.add("its short side of " + Math.min(width, height) + " px is under " + rule.minShortSide() + " px");
      fixes.add("scale it up or use a larger original");
    }
    if (rule.tooTall(width, height)) {
      wrong.add("it is taller than " + rule.minRatio() + " (width:height)");
      fixes.add("crop or pad it to " + rule.minRatio() + " or wider");
    }
    if (rule.tooWide(width, height)) {
      wrong.add("it is wider than " + rule.maxRatio() + " (width:height)");
      fixes.add("crop or pad it to " + rule.maxRatio() + " or taller");
    }
    String given = width + "x" + height + " px";
    found.add(Violation.error(field, ViolationCodes.IMAGE_PIXELS, given, rule.describe(),
        field + ": " + shown + " is " + given + ": " + String.join(", and ", wrong) + "; " + route.id()
            + " takes images with " + rule.describe() + "; " + String.join(", and ", fixes)));
  }
}
