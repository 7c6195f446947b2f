package dev.vidgen.core.catalog;

import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.RouteRule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Refuses the rules of a route that name a mode, duration, aspect ratio or resolution the route does
 * not offer, and rules that together leave a resolution, a mode or a parameter of the route that no
 * job could use; otherwise every job would be refused with advice that cannot be followed.
 */
final class RuleChecks {
  private final ModelRoute route;
  private final Node where;
  private final List<Node> ruleNodes;
  private final List<RouteFileException> problems = new ArrayList<>();

  private RuleChecks(ModelRoute route, Node where) {
    this.route = route;
    this.where = where;
    this.ruleNodes = where.has("rules") ? where.at("rules").list("rules") : null;
  }

  /** The problems of {@code route}'s rules; {@code where} is the route or patch read, whose rules may be kept ones. */
  static List<RouteFileException> of(ModelRoute route, Node where) {
    RuleChecks checks = new RuleChecks(route, where);
    List<RouteRule> rules = route.rules();
    for (int i = 0; i < rules.size(); i++) {
      checks.values(i, rules.get(i));
    }
    if (checks.problems.isEmpty()) {
      // Only once every value is one of the route's, since the search below takes the route's values.
      new Combinations(route).problems(checks::fail);
    }
    return checks.problems;
  }

  private void values(int index, RouteRule rule) {
    if (rule instanceof RouteRule.AtResolution at) {
      String noJob = "so no job could be made at " + at.resolution();
      resolutions(index, "resolution", List.of(at.resolution()), "so the rule would never apply");
      seconds(index, at.seconds(), noJob);
      ratios(index, "aspect_ratios", at.aspectRatios(), noJob);
      modes(index, "modes", at.modes(), noJob);
    } else if (rule instanceof RouteRule.RatiosInMode ratios) {
      modes(index, "mode", Set.of(ratios.mode()), null);
      ratios(index, "aspect_ratios", ratios.aspectRatios(), "so no job could be made in " + ratios.mode().id());
    } else if (rule instanceof RouteRule.RatioIgnoredInMode ignored) {
      modes(index, "mode", Set.of(ignored.mode()), null);
      if (route.aspectRatios().isEmpty()) {
        problems.add(rule(index, null, "the route takes no aspect ratio, so there is none to ignore; leave the rule out"));
      }
    } else if (rule instanceof RouteRule.WhenParam param) {
      String never = "so the parameter " + param.param() + (param.value() == null ? "" : " " + param.value())
          + " could never be used";
      if (param.modes().isEmpty() && param.resolutions().isEmpty()) {
        problems.add(rule(index, null, "names neither modes nor resolutions, so it limits nothing and the parameter "
            + param.param() + " would be allowed everywhere; name the modes or resolutions (or both) where it works,"
            + " or leave the rule out"));
      }
      modes(index, "modes", param.modes(), never);
      resolutions(index, "resolutions", param.resolutions(), never);
      if (param.value() != null) {
        route.rules().stream()
            .filter(other -> other instanceof RouteRule.ParamOneOf oneOf && oneOf.param().equals(param.param())
                && !oneOf.values().contains(param.value()))
            .findFirst()
            .ifPresent(other -> problems.add(rule(index, "value", "names " + Node.quote(param.value()) + ", which the"
                + " route's param_one_of rule for " + param.param() + " does not allow (allowed: "
                + String.join(", ", ((RouteRule.ParamOneOf) other).values()) + "), so the rule would never apply;"
                + " name an allowed value")));
      }
    } else if (rule instanceof RouteRule.PromptRequiredIn prompt) {
      modes(index, "modes", prompt.modes(), null);
    } else if (rule instanceof RouteRule.ParamNeedsInputs needs) {
      boolean takesInputs = route.modes().stream()
          .anyMatch(mode -> route.imagesFor(mode).max() > 0 || route.videosFor(mode).max() > 0);
      if (!takesInputs) {
        problems.add(rule(index, null, "the route takes no images or videos in any mode, so the parameter "
            + needs.param() + " could never be used; leave the rule out or add a mode that takes them"));
      }
    } else if (rule instanceof RouteRule.ImagePixels) {
      if (route.modes().stream().noneMatch(mode -> route.imagesFor(mode).max() > 0)) {
        problems.add(rule(index, null, "the route takes no images in any mode, so the image_pixels rule would never"
            + " apply; leave the rule out or add a mode that takes images"));
      }
      secondOf(index, RouteRule.ImagePixels.class, "image_pixels",
          " beside rules[%d]; give every limit in one rule");
    } else if (rule instanceof RouteRule.UrlSchemes) {
      secondOf(index, RouteRule.UrlSchemes.class, "url_schemes",
          "; only the first (rules[%d]) would be used; give every scheme in one rule");
    }
  }

  /**
   * A problem when the rule at {@code index} is not the route's first of {@code kind}: "a second NAME rule" and
   * {@code rest}, in which {@code %d} stands for the first one's index.
   */
  private void secondOf(int index, Class<? extends RouteRule> kind, String name, String rest) {
    List<RouteRule> rules = route.rules();
    for (int first = 0; first < index; first++) {
      if (kind.isInstance(rules.get(first))) {
        problems.add(rule(index, null, "a second " + name + " rule" + rest.replace("%d", String.valueOf(first))));
        return;
      }
    }
  }

  private void seconds(int index, Set<Integer> named, String allGone) {
    List<String> missing = new ArrayList<>();
    named.stream().filter(seconds -> !route.durations().accepts(seconds)).forEach(s -> missing.add(s.toString()));
    notOffered(index, "seconds", named.size(), missing, " s", "durations", route.durations().describe() + " s",
        allGone, null);
  }

  private void ratios(int index, String key, List<String> named, String allGone) {
    List<String> missing = named.stream().filter(ratio -> absent(route.aspectRatios(), ratio)).toList();
    notOffered(index, key, named.size(), missing, "", "aspect ratios", String.join(", ", route.aspectRatios()),
        allGone, route.aspectRatios().isEmpty() ? "the route takes no aspect ratio" : null);
  }

  private void resolutions(int index, String key, List<String> named, String allGone) {
    List<String> missing = named.stream().filter(resolution -> absent(route.resolutions(), resolution)).toList();
    notOffered(index, key, named.size(), missing, "", "resolutions", String.join(", ", route.resolutions()),
        allGone, route.resolutions().isEmpty() ? "the route offers no resolution" : null);
  }

  private void modes(int index, String key, Set<GenerationMode> named, String allGone) {
    List<String> missing = named.stream().filter(mode -> !route.modes().contains(mode)).map(GenerationMode::id).toList();
    List<String> offered = route.modes().stream().map(GenerationMode::id).toList();
    notOffered(index, key, named.size(), missing, "", "modes", String.join(", ", offered), allGone, null);
  }

  /**
   * One problem for the values of {@code key} the route does not offer: said to leave no job when none of
   * {@code named} is offered and {@code allGone} says what follows; {@code none} when the route has no such values.
   */
  private void notOffered(int index, String key, int named, List<String> missing, String unit, String what,
      String offered, String allGone, String none) {
    if (missing.isEmpty()) {
      return;
    }
    String names = "names " + String.join(", ", missing) + unit;
    String field = key.endsWith("s") ? key : what;
    if (none != null) {
      problems.add(rule(index, key, names + ", but " + none + (allGone == null ? "" : ", " + allGone) + "; add "
          + field + " to the route or leave the rule out"));
    } else if (missing.size() == named && allGone != null) {
      problems.add(rule(index, key, names + ", which the route does not offer (its " + what + ": " + offered + "), "
          + allGone + "; name " + what + " of the route"));
    } else {
      problems.add(rule(index, key, names + ", which the route does not offer; its " + what + ": " + offered));
    }
  }

  /** A problem at {@code rules[index].key} (the rule itself for a null key), or at a patch that kept the rule. */
  private RouteFileException rule(int index, String key, String problem) {
    if (ruleNodes == null) {
      return where.fail("rules[" + index + "] (kept from the route): " + problem);
    }
    Node rule = ruleNodes.get(index);
    return (key == null ? rule : rule.at(key)).fail(problem);
  }

  private void fail(String problem) {
    problems.add((ruleNodes == null ? where : where.at("rules")).fail(problem));
  }

  private static boolean absent(Collection<String> offered, String value) {
    return offered.stream().noneMatch(value::equalsIgnoreCase);
  }

  /**
   * Searches the jobs a route's values allow (each mode, resolution given or left to the default,
   * duration and aspect ratio given or left out) for one its rules let through, judging each as
   * validation does, for every resolution, every mode and every parameter a rule limits.
   */
  private static final class Combinations {
    private final ModelRoute route;

    Combinations(ModelRoute route) {
      this.route = route;
    }

    /** A job's choices: a null resolution or ratio is one left out. */
    private record Job(GenerationMode mode, String resolution, int seconds, String ratio) {}

    void problems(java.util.function.Consumer<String> fail) {
      if (route.rules().isEmpty()) {
        return;
      }
      for (String resolution : route.resolutions()) {
        if (!anyAllowed(job -> resolution.equalsIgnoreCase(effectiveResolution(job)))) {
          fail.accept(noJob("at " + resolution, rule -> rule instanceof RouteRule.AtResolution at
              ? at.resolution().equalsIgnoreCase(resolution) : constrains(rule, null), "duration, aspect ratio and mode"));
        }
      }
      for (GenerationMode mode : route.modes()) {
        if (!anyAllowed(job -> job.mode() == mode)) {
          fail.accept(noJob("in " + mode.id(), rule -> constrains(rule, mode), "duration, aspect ratio and resolution"));
        }
      }
      for (RouteRule rule : route.rules()) {
        if (rule instanceof RouteRule.WhenParam param && !anyAllowed(job -> (param.modes().isEmpty()
            || param.modes().contains(job.mode())) && (param.resolutions().isEmpty()
            || (effectiveResolution(job) != null && !absent(param.resolutions(), effectiveResolution(job)))))) {
          fail.accept(noJob("with the parameter " + param.param(), other -> other == param || constrains(other, null),
              "mode, resolution, duration and aspect ratio"));
        }
      }
    }

    private String noJob(String where, Predicate<RouteRule> involved, String left) {
      List<String> named = new ArrayList<>();
      List<RouteRule> rules = route.rules();
      for (int i = 0; i < rules.size(); i++) {
        if (involved.test(rules.get(i))) {
          named.add("rules[" + i + "] (" + rules.get(i).reason() + ")");
        }
      }
      String who = named.isEmpty() ? "the rules" : named.size() == 1 ? named.get(0)
          : String.join(", ", named.subList(0, named.size() - 1)) + " and " + named.get(named.size() - 1);
      return "no job could be made " + where + ": " + who + " leave no " + left
          + " together; let at least one combination of the route's values through";
    }

    /** Whether {@code rule} can refuse a job in {@code mode} (any mode for null). */
    private static boolean constrains(RouteRule rule, GenerationMode mode) {
      if (rule instanceof RouteRule.AtResolution) {
        return true;
      }
      return rule instanceof RouteRule.RatiosInMode ratios && (mode == null || ratios.mode() == mode);
    }

    private boolean anyAllowed(Predicate<Job> wanted) {
      List<String> resolutions = new ArrayList<>(route.resolutions());
      resolutions.add(null);
      List<String> ratios = new ArrayList<>(route.aspectRatios());
      ratios.add(null);
      for (GenerationMode mode : route.modes()) {
        for (String resolution : resolutions) {
          for (int seconds : seconds()) {
            for (String ratio : ratios) {
              Job job = new Job(mode, resolution, seconds, ratio);
              if (wanted.test(job) && allowed(job)) {
                return true;
              }
            }
          }
        }
      }
      return false;
    }

    /** The durations worth trying: those the rules name and the default (any other one fares as the default). */
    private Set<Integer> seconds() {
      Set<Integer> tried = new TreeSet<>();
      tried.add(route.durations().defaultSeconds());
      for (RouteRule rule : route.rules()) {
        if (rule instanceof RouteRule.AtResolution at) {
          at.seconds().stream().filter(route.durations()::accepts).forEach(tried::add);
        }
      }
      return tried;
    }

    private String effectiveResolution(Job job) {
      return job.resolution() != null ? job.resolution() : route.defaultResolution();
    }

    /** Whether validation lets {@code job} through the route's rules (a warning lets it through). */
    private boolean allowed(Job job) {
      String resolution = effectiveResolution(job);
      String ratio = job.ratio() != null ? job.ratio() : route.defaultAspectRatioFor(job.mode());
      for (RouteRule rule : route.rules()) {
        if (rule instanceof RouteRule.AtResolution at && resolution != null
            && at.resolution().equalsIgnoreCase(resolution)) {
          if (!at.seconds().isEmpty() && !at.seconds().contains(job.seconds())) {
            return false;
          }
          if (!at.aspectRatios().isEmpty() && ratio != null && absent(at.aspectRatios(), ratio)) {
            return false;
          }
          if (!at.modes().isEmpty() && !at.modes().contains(job.mode())) {
            return false;
          }
        } else if (rule instanceof RouteRule.RatiosInMode ratios && ratios.mode() == job.mode()) {
          if (ratios.aspectRatios().isEmpty() ? job.ratio() != null
              : ratio == null || absent(ratios.aspectRatios(), ratio)) {
            return false;
          }
        }
      }
      return true;
    }
  }
}
