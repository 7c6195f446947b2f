package dev.vidgen.serve;

import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.validation.ValidationReport;
import dev.vidgen.core.validation.Violation;
import java.util.List;

/**
 * The price the check states for a job its route does not offer as given (a {@code conflict.*} or {@code *.not_offered}
 * error): none, as the command line states none for it, rather than a rate applied to a combination no one can buy.
 */
final class ForbiddenPrice {
  private ForbiddenPrice() {}

  /** {@code quote}, or an unknown price naming the fields at fault when {@code report} refuses what the route offers. */
  static PriceQuote of(PriceQuote quote, ValidationReport report) {
    if (quote == null || !quote.isKnown()) {
      return quote;
    }
    List<String> fields = report.errors().stream().filter(ForbiddenPrice::notOffered).map(Violation::field).distinct()
        .toList();
    if (fields.isEmpty()) {
      return quote;
    }
    return PriceQuote.unknown(quote.model(), "no price is known: " + quote.model() + " does not offer this job as given"
        + " (see the problems marked on " + String.join(", ", fields) + "); fix them to see its price");
  }

  private static boolean notOffered(Violation error) {
    return error.code().startsWith("conflict.") || error.code().endsWith(".not_offered");
  }
}
