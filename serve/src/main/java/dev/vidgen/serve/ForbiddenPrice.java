package dev.vidgen.serve;

import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.validation.ValidationReport;
import dev.vidgen.core.validation.Violation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The price the check states for a job its route does not offer as given (a {@code conflict.*} or {@code *.not_offered}
 * error): none, as the command line states none for it, rather than a rate applied to a combination no one can buy.
 */
final class ForbiddenPrice {
  private ForbiddenPrice() {}

  /** The page's label of each field a problem is shown at, by the field's name in the check's answer. */
  private static final Map<String, String> LABELS = Map.of("model", "Model", "mode", "Mode", "prompt", "Prompt",
      "images", "Reference image", "videos", "Input videos", "seconds", "Duration", "aspect_ratio", "Aspect ratio",
      "resolution", "Resolution", "params", "Advanced options");

  /**
   * {@code quote} of {@code job}, or an unknown price naming the page's fields at fault when {@code report} refuses
   * what the route offers. A job that lacks only the images of a model with one mode keeps that mode's price
   * ({@code quoting} prices it), said as paid once the image is added.
   */
  static PriceQuote of(PriceQuote quote, ValidationReport report, VideoJob job, RouteCatalog catalog,
      Function<VideoJob, PriceQuote> quoting) {
    if (quote == null || !quote.isKnown()) {
      return quote;
    }
    List<Violation> refused = report.errors().stream().filter(ForbiddenPrice::notOffered).toList();
    if (refused.isEmpty()) {
      return quote;
    }
    Optional<ModelRoute> lacking = OneModeWords.lackingImages(job, catalog);
    if (lacking.isPresent() && refused.stream().allMatch(OneModeWords::isTextToVideoRefused)) {
      PriceQuote once = quoting.apply(job.withMode(OneModeWords.onlyMode(lacking.get())));
      if (once != null && once.isKnown()) {
        return new PriceQuote(once.model(), once.credits(), once.usd(), once.basis() + ", once you add "
            + OneModeWords.whatItLacks(lacking.get()));
      }
    }
    // Named as the page places each problem: a model with one mode has no Mode field, and shows its at the images.
    boolean noModeField = catalog.find(job.model()).map(route -> route.modes().size() < 2).orElse(false);
    List<String> fields = refused.stream().map(error -> label(error.field(), noModeField)).distinct().toList();
    String named = fields.size() == 1 ? fields.get(0)
        : String.join(", ", fields.subList(0, fields.size() - 1)) + " and " + fields.get(fields.size() - 1);
    return PriceQuote.unknown(quote.model(), "no price is known: " + quote.model() + " does not offer this job as given"
        + " (see the problems marked on the " + named + (fields.size() == 1 ? " field" : " fields")
        + "); fix them to see its price");
  }

  /** The page's label of the field {@code field}'s problems are shown at ({@code images[0]}: the images). */
  private static String label(String field, boolean noModeField) {
    String base = field.replaceAll("[\\[.].*$", "");
    if (base.equals("mode") && noModeField) {
      base = "images";
    }
    return LABELS.getOrDefault(base, field);
  }

  private static boolean notOffered(Violation error) {
    return error.code().startsWith("conflict.") || error.code().endsWith(".not_offered");
  }
}
