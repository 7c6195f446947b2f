package dev.vidgen.core.client;

import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.Retirement;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.validation.JobValidator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The refusal of a job on a retired route that the key's live model list lacks (retired routes allowed leave the
 * route to that list): when and why it was retired, that the list does not offer it either, and the route's
 * replacements that the list holds, with turning the check off only for a provider that still serves it unlisted.
 *
 * @param message the refusal's words, the list's count and age given as {@code listed}
 * @param instead the route's replacements a job on this key may use now, best first; may be empty
 */
record RetiredUnlisted(String message, List<String> instead) {
  /**
   * The refusal of {@code model}, or empty when its route is not retired today by {@code retirements}' clock or
   * the catalog lacks it; {@code listed} tells how many models the list holds and how old it is.
   */
  static Optional<RetiredUnlisted> of(RouteCatalog catalog, JobValidator retirements, String model, Set<String> live,
      String listed, String unroutedHint, String checkOff) {
    if (retirements.retirement(model).isEmpty()) {
      return Optional.empty();
    }
    Optional<ModelRoute> route = catalog.find(model);
    Optional<Retirement> retirement = route.flatMap(ModelRoute::retired);
    if (retirement.isEmpty()) {
      return Optional.empty();
    }
    JobValidator onThisKey = retirements.withLiveModels(live);
    List<String> instead = retirement.get().instead().stream().filter(onThisKey::offers).toList();
    String by = catalog.ownRetirementBy(route.get().id()).map(file -> " by " + file).orElse("");
    String pick = instead.isEmpty() ? "choose a model this key's live list offers (vidgen models --live marks them)"
        : "choose " + orList(instead) + " instead";
    return Optional.of(new RetiredUnlisted("model: " + model + " was retired on " + retirement.get().on() + " ("
        + retirement.get().note() + ")" + by + ", and this key's live model list does not offer it either (" + listed
        + "), so the provider would refuse it; " + pick + unroutedHint
        + "; if your provider still serves it all the same, send it unchecked " + checkOff, instead));
  }

  /** "a", "a or b", "a, b or c". */
  private static String orList(List<String> ids) {
    int last = ids.size() - 1;
    return last == 0 ? ids.get(0) : String.join(", ", ids.subList(0, last)) + " or " + ids.get(last);
  }
}
