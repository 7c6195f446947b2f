package dev.vidgen.core.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The follow-on rules (extend and remix) of every route that takes them, looked up by route id
 * and kind. Immutable. {@link #builtIn()} holds what the provider's reference documents: Grok 1.0
 * extend and remix (a prompt and a size) and remix of every Sora route (a prompt); none of them
 * has a documented price.
 */
public final class FollowOnRules {
  private static final List<String> GROK_SIZES = List.of("16:9", "9:16", "3:2", "2:3", "1:1");
  private static final String GROK_NOTE = "R:videos/grok-video extend and remix; the size values are not documented,"
      + " vidgen takes grok-video-1.0's aspect ratios";
  private static final String SORA_NOTE = "R:videos/sora2/remix and sora-2-official/remix: model and prompt only";

  private final Map<String, FollowOnRule> rules;

  private FollowOnRules(Collection<FollowOnRule> rules) {
    Map<String, FollowOnRule> byKey = new LinkedHashMap<>();
    for (FollowOnRule rule : rules) {
      byKey.put(key(rule.routeId(), rule.kind()), rule);
    }
    this.rules = Map.copyOf(byKey);
  }

  /** The documented rules, for the routes of the built-in catalog. */
  public static FollowOnRules builtIn() {
    List<FollowOnRule> rules = new ArrayList<>();
    for (FollowOnKind kind : FollowOnKind.values()) {
      rules.add(new FollowOnRule("grok-video-1.0", kind, true, GROK_SIZES, false, null, GROK_NOTE));
    }
    for (ModelRoute sora : RouteCatalog.builtIn().routes()) {
      if (sora.family().equalsIgnoreCase("Sora")) {
        rules.add(new FollowOnRule(sora.id(), FollowOnKind.REMIX, true, List.of(), false, null, SORA_NOTE));
      }
    }
    return new FollowOnRules(rules);
  }

  /** Exactly {@code rules} (a later rule for the same route and kind wins). */
  public static FollowOnRules of(Collection<FollowOnRule> rules) {
    return new FollowOnRules(Objects.requireNonNull(rules, "rules == null"));
  }

  /** These rules plus {@code more} (which win over rules for the same route and kind). */
  public FollowOnRules with(Collection<FollowOnRule> more) {
    List<FollowOnRule> all = new ArrayList<>(rules.values());
    all.addAll(more);
    return new FollowOnRules(all);
  }

  /** The rule for {@code kind} on {@code routeId}, if the route takes that follow-on. */
  public Optional<FollowOnRule> find(String routeId, FollowOnKind kind) {
    return Optional.ofNullable(rules.get(key(routeId, kind)));
  }

  /** The ids of the routes that take {@code kind}, sorted. */
  public List<String> routesTaking(FollowOnKind kind) {
    return rules.values().stream().filter(rule -> rule.kind() == kind).map(FollowOnRule::routeId).sorted().toList();
  }

  private static String key(String routeId, FollowOnKind kind) {
    return routeId + "\u0000" + kind.id();
  }
}
