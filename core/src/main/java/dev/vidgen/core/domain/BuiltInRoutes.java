package dev.vidgen.core.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The routes vidgen ships with, from the ToAPIs API reference (R); one package-private class per
 * model family holds the details.
 */
final class BuiltInRoutes {
  /** The reason every route without a documented price gives. */
  static final String SEE_PRICING = "no price is documented; see toapis.com/pricing";

  private BuiltInRoutes() {}

  static List<ModelRoute> all() {
    List<ModelRoute> routes = new ArrayList<>();
    routes.addAll(GrokRoutes.all());
    routes.addAll(SoraRoutes.all());
    routes.addAll(VeoRoutes.all());
    routes.addAll(SeedanceRoutes.all());
    routes.addAll(KlingRoutes.all());
    routes.addAll(WanRoutes.all());
    routes.addAll(HailuoRoutes.all());
    routes.addAll(ViduRoutes.all());
    routes.addAll(OtherRoutes.all());
    return List.copyOf(routes);
  }

  static ModelRoute grokVideo15Preview() {
    return GrokRoutes.grokVideo15Preview();
  }

  /** A price table that says the price is unknown and where to look. */
  static PriceTable unknownPrice() {
    return PriceTable.unknown(SEE_PRICING);
  }
}
