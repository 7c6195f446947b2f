package dev.vidgen.core.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * A price a route lists for a duration or a resolution it does not offer, where it sits in the
 * price (such as {@code by_resolution}, {@code 4k}) and what is wrong. The route-file loader and
 * {@link ModelRoute.Builder#build()} refuse the same mistakes with these words.
 *
 * @param path the keys leading to the price inside the route's price, as a route file writes them
 * @param problem what is wrong and what the route offers
 */
public record PricedOutside(List<String> path, String problem) {
  /** Copies the path. */
  public PricedOutside {
    path = List.copyOf(path);
  }

  /**
   * Each price of {@code price} for a duration outside {@code durations} or a resolution outside {@code resolutions};
   * a null {@code durations} or {@code resolutions} is not known, so nothing is judged against it.
   */
  public static List<PricedOutside> of(PriceTable price, DurationRule durations, List<String> resolutions) {
    List<PricedOutside> found = new ArrayList<>();
    collect(price, durations, resolutions, List.of(), found);
    return found;
  }

  private static void collect(PriceTable price, DurationRule durations, List<String> resolutions, List<String> at,
      List<PricedOutside> found) {
    if (price instanceof PriceTable.ByResolution byResolution) {
      byResolution.byResolution().forEach((resolution, table) -> {
        List<String> here = append(append(at, "by_resolution"), resolution);
        if (resolutions != null && resolutions.stream().noneMatch(resolution::equalsIgnoreCase)) {
          found.add(new PricedOutside(here, "a price for " + resolution + ", which the route does not offer;"
              + " its resolutions: " + (resolutions.isEmpty() ? "none" : String.join(", ", resolutions))));
        }
        collect(table, durations, resolutions, here, found);
      });
    } else if (price instanceof PriceTable.PerRequest perRequest && durations != null) {
      for (Integer seconds : perRequest.usdBySeconds().keySet()) {
        if (!durations.accepts(seconds)) {
          found.add(new PricedOutside(append(append(at, "per_request_usd"), Integer.toString(seconds)),
              "a price for " + seconds + " s, which the route does not offer; its durations: "
                  + durations.describe() + " s"));
        }
      }
    }
  }

  private static List<String> append(List<String> path, String key) {
    List<String> longer = new ArrayList<>(path);
    longer.add(key);
    return longer;
  }
}
