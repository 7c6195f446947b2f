package dev.vidgen.core.client;

import dev.vidgen.core.domain.FollowOn;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.port.ApiKey;
import dev.vidgen.core.port.KeyInJob;
import dev.vidgen.core.port.VideoProvider;
import dev.vidgen.core.validation.Violation;
import dev.vidgen.core.validation.ViolationCodes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The checks the client makes for every provider from what the provider says of itself: its keys pasted into
 * a job's text ({@link VideoProvider#keysJobsMayNotHold}) and the parameters it fills on every create ({@link
 * VideoProvider#paramsItFills}), so that a provider of one's own is kept to them without doing them itself.
 */
final class ProviderJobChecks {
  private ProviderJobChecks() {}

  /** One error per place of {@code job} that holds one of {@code keys} (null: none), the first in their order. */
  static List<Violation> keysIn(VideoJob job, Collection<ApiKey> keys) {
    return keysIn(keys, key -> KeyInJob.find(job, key));
  }

  /** One error per place of {@code followOn} (its prompt, its parameters) that holds one of the provider's keys. */
  static List<Violation> keysIn(FollowOn followOn, VideoProvider provider) {
    return keysIn(provider.keysJobsMayNotHold(), key -> KeyInJob.find(followOn, key));
  }

  private static List<Violation> keysIn(Collection<ApiKey> keys, Function<ApiKey, List<Violation>> find) {
    List<Violation> found = new ArrayList<>();
    if (keys == null) {
      return found;
    }
    for (ApiKey key : keys) {
      // One error per place, whichever key it holds.
      find.apply(key).stream().filter(v -> found.stream().noneMatch(had -> had.field().equals(v.field())))
          .forEach(found::add);
    }
    return found;
  }

  /**
   * {@code report} with each of the provider's keys masked wherever a violation holds it (a parameter named
   * by the key is named in its field, its value and its message); {@code report} itself when none does.
   */
  static dev.vidgen.core.validation.ValidationReport masked(dev.vidgen.core.validation.ValidationReport report,
      VideoProvider provider) {
    Set<ApiKey> keys = provider.keysJobsMayNotHold();
    if (keys == null || keys.isEmpty() || report.violations().isEmpty()) {
      return report;
    }
    boolean holds = report.violations().stream().anyMatch(v -> keys.stream().anyMatch(key -> key.isIn(v.field())
        || key.isIn(v.given()) || key.isIn(v.allowed()) || key.isIn(v.message())));
    if (!holds) {
      return report;
    }
    Function<String, String> mask = text -> {
      String hidden = text;
      for (ApiKey key : keys) {
        hidden = key.maskIn(hidden);
      }
      return hidden;
    };
    List<Violation> all = report.violations().stream().map(v -> new Violation(v.severity(), mask.apply(v.field()),
        v.code(), mask.apply(v.given()), mask.apply(v.allowed()), mask.apply(v.message()))).toList();
    return new dev.vidgen.core.validation.ValidationReport(report.model(), report.mode(), all);
  }

  /**
   * One error per parameter of {@code job} that the provider fills itself on {@code route}, but for one that
   * {@code already} refuses (the provider's own words for it come first).
   */
  static List<Violation> filledParams(VideoJob job, ModelRoute route, VideoProvider provider, List<Violation> already) {
    Set<String> filled = provider.paramsItFills(route);
    List<Violation> found = new ArrayList<>();
    if (filled == null || job.params().isEmpty()) {
      return found;
    }
    for (String name : job.params().keySet()) {
      String field = "params." + name;
      if (!filled.contains(name) || already.stream().anyMatch(v -> v.isError() && v.field().equals(field))) {
        continue;
      }
      found.add(Violation.error(field, ViolationCodes.PARAM_REPLACES_SETTING, name,
          "a parameter provider " + provider.id() + " does not fill",
          field + ": provider " + provider.id() + " fills " + name + " itself on every create on " + route.id()
              + " (such as the client reference by which vidgen finds a task again after a create that got no answer,"
              + " instead of paying for it twice), so a value here would replace it; remove the parameter"));
    }
    return found;
  }
}
