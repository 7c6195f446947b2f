package dev.vidgen.core.domain;

import dev.vidgen.core.text.EditDistance;
import dev.vidgen.core.text.Plural;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable set of routes by id, each with where it came from. {@link #builtIn()} is the route
 * file vidgen ships (every model it documents); route files layered over it
 * ({@code dev.vidgen.core.catalog.RouteFiles}) and {@link #with(ModelRoute...)} add, replace or
 * change routes without touching the original.
 */
public final class RouteCatalog {
  /** The origin of routes added in code. */
  public static final String CODE = "code";
  /** The origin of the routes vidgen ships; a built-in route a file patched has an origin that begins with it. */
  public static final String BUILT_IN = "built-in";

  private final Map<String, ModelRoute> routes;
  /** Each route by each of its names (its id and aliases), in lower case. */
  private final Map<String, ModelRoute> byName;
  private final Map<String, String> origins;
  /** Each id removed by name (lower case) and by what, so that a job naming it is told why it is gone. */
  private final Map<String, String> removals;
  /** Each route id (lower case) whose retirement is a team's own, and who set it (a route file's name). */
  private final Map<String, String> ownRetirements;

  /**
   * The catalog of {@code routes} (a later one replacing an earlier one with its id); {@code added} are the
   * routes given in one call, refused when two share an id, and their names are checked last, so that a clash
   * names the added route as the one with the name that clashes.
   */
  private RouteCatalog(Collection<ModelRoute> routes, Map<String, String> origins, String origin,
      Collection<ModelRoute> added) {
    this(routes, origins, origin, added, Map.of(), Map.of());
  }

  private RouteCatalog(Collection<ModelRoute> routes, Map<String, String> origins, String origin,
      Collection<ModelRoute> added, Map<String, String> removals, Map<String, String> ownRetirements) {
    Map<String, ModelRoute> byId = new LinkedHashMap<>();
    Map<String, String> from = new LinkedHashMap<>();
    for (ModelRoute route : routes) {
      Objects.requireNonNull(route, "route == null");
      byId.put(route.id(), route);
      from.put(route.id(), origins.getOrDefault(route.id(), origin));
    }
    Set<ModelRoute> addedNow = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    addedNow.addAll(added);
    List<ModelRoute> inOrder = new ArrayList<>(byId.values());
    inOrder.removeIf(addedNow::contains);
    inOrder.addAll(added.stream().filter(route -> byId.get(route.id()) == route).toList());
    checkNames(inOrder, added);
    this.routes = java.util.Collections.unmodifiableMap(byId);
    Map<String, ModelRoute> names = new HashMap<>();
    // Every name leads to one route (checkNames), so a job's name is found in one look, in any case.
    byId.values().forEach(route -> route.names().forEach(name -> names.putIfAbsent(key(name), route)));
    this.byName = names;
    this.origins = java.util.Collections.unmodifiableMap(from);
    Map<String, String> gone = new LinkedHashMap<>(removals);
    // A route added again is no longer removed, nor is a name a route now has.
    byId.values().forEach(route -> route.names().forEach(name -> gone.remove(key(name))));
    this.removals = java.util.Collections.unmodifiableMap(gone);
    Map<String, String> own = new LinkedHashMap<>(ownRetirements);
    Set<String> kept = new java.util.HashSet<>();
    byId.keySet().forEach(id -> kept.add(key(id)));
    own.keySet().retainAll(kept);
    this.ownRetirements = java.util.Collections.unmodifiableMap(own);
  }

  /**
   * Refuses two routes of {@code given} with one id and two routes that share a name (an id or an alias, case
   * ignored, as {@link #find} compares them), so that every name leads to one route only; each is named. Two
   * routes given with one id are told as that only.
   */
  private static void checkNames(Collection<ModelRoute> routes, Collection<ModelRoute> given) {
    List<String> twice = givenTwice(given);
    Set<ModelRoute> fromGiven = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    fromGiven.addAll(given);
    Map<String, ModelRoute> byName = new HashMap<>();
    List<String> clashes = new ArrayList<>();
    for (ModelRoute route : routes) {
      for (String name : route.names()) {
        ModelRoute other = byName.putIfAbsent(key(name), route);
        boolean sameIdGiven = other != null && fromGiven.contains(other) && fromGiven.contains(route)
            && key(other.id()).equals(key(route.id()));
        if (other != null && other != route && !sameIdGiven) {
          clashes.add((name.equals(route.id()) ? "id " + quote(name) : "alias " + quote(name) + " of the route "
              + quote(route.id())) + " is already a name of the route " + quote(other.id()));
        }
      }
    }
    List<String> told = new ArrayList<>();
    if (!twice.isEmpty()) {
      told.add(String.join("; ", twice) + "; give each route once in one call (a route replaces the catalog's"
          + " route of its id, not another route given with it)");
    }
    if (!clashes.isEmpty()) {
      told.add((clashes.size() == 1 ? "" : Plural.count(clashes.size(), "clash", "clashes") + " of names: ")
          + String.join("; ", clashes) + "; a name (an id or an alias, in any case) leads to one route only");
    }
    if (!told.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", told));
    }
  }

  /** A problem for each id (in any case) that more than one route of {@code given} has, in the order given. */
  private static List<String> givenTwice(Collection<ModelRoute> given) {
    Map<String, List<String>> spellings = new LinkedHashMap<>();
    for (ModelRoute route : given) {
      spellings.computeIfAbsent(key(route.id()), name -> new ArrayList<>()).add(route.id());
    }
    List<String> problems = new ArrayList<>();
    for (List<String> ids : spellings.values()) {
      List<String> distinct = ids.stream().distinct().map(RouteCatalog::quote).toList();
      if (ids.size() > 1) {
        problems.add("id " + quote(ids.get(0)) + " is given " + (ids.size() == 2 ? "twice" : ids.size() + " times")
            + (distinct.size() == 1 ? "" : " (as " + String.join(", ", distinct) + ": ids compare in any case)"));
      }
    }
    return problems;
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private static String quote(String name) {
    return '"' + name + '"';
  }

  /** The routes vidgen ships with, read from its built-in route file. */
  public static RouteCatalog builtIn() {
    return dev.vidgen.core.catalog.RouteFiles.builtIn();
  }

  /**
   * A catalog of exactly these routes, each id given once.
   *
   * @throws IllegalArgumentException naming each id (in any case) given twice and each name (an id or alias, in
   *     any case) that two routes share
   */
  public static RouteCatalog of(Collection<ModelRoute> routes) {
    List<ModelRoute> given = new ArrayList<>();
    routes.forEach(route -> given.add(Objects.requireNonNull(route, "route == null")));
    return new RouteCatalog(given, Map.of(), CODE, given);
  }

  /** A catalog of exactly these routes. */
  public static RouteCatalog of(ModelRoute... routes) {
    return of(List.of(routes));
  }

  /**
   * A new catalog with {@code added} routes added, replacing routes with the same id.
   *
   * @throws IllegalArgumentException naming each id (in any case) given twice in {@code added}, and the alias (or
   *     id) and the route that has it already, when a name of an added route is a name of another route
   */
  public RouteCatalog with(ModelRoute... added) {
    return with(CODE, List.of(added));
  }

  /**
   * A new catalog with {@code added} routes added (replacing routes with the same id), each
   * recorded as coming from {@code origin}, such as a file name.
   *
   * @throws IllegalArgumentException when two added routes have one id (in any case), or a name of an added
   *     route is a name of another route
   */
  public RouteCatalog with(String origin, Collection<ModelRoute> added) {
    Objects.requireNonNull(origin, "origin == null");
    Map<String, ModelRoute> all = new LinkedHashMap<>(routes);
    Map<String, String> from = new LinkedHashMap<>(origins);
    for (ModelRoute route : added) {
      all.put(Objects.requireNonNull(route, "route == null").id(), route);
      from.put(route.id(), origin);
    }
    return new RouteCatalog(all.values(), from, origin, List.copyOf(added), removals, ownRetirements);
  }

  /** A new catalog without the route {@code id}. */
  public RouteCatalog without(String id) {
    return without(id, CODE);
  }

  /** A new catalog without the route {@code id}, removed by {@code by} (such as a route file's name). */
  public RouteCatalog without(String id, String by) {
    Objects.requireNonNull(by, "by == null");
    Map<String, String> gone = new LinkedHashMap<>(removals);
    gone.put(key(id), by);
    // Its aliases are gone with it: a key's list naming the model by one of them is told the same.
    Optional.ofNullable(routes.get(id)).ifPresent(route -> route.names().forEach(name -> gone.put(key(name), by)));
    return new RouteCatalog(routes.values().stream().filter(r -> !r.id().equals(id)).toList(), origins, CODE,
        List.of(), gone, ownRetirements);
  }

  /** What removed the route once called {@code id} (any case), when one was removed and not added again. */
  public Optional<String> removedBy(String id) {
    return id == null ? Optional.empty() : Optional.ofNullable(removals.get(key(id.strip())));
  }

  /**
   * A new catalog in which the retirement of route {@code id} is a team's own, set by {@code by} (a route
   * file's name, or words of your own in code). The key's live model list, which overrides the retirements a
   * provider's catalog ships (the provider may still serve the model), never overrides one's own: a job on the
   * route is refused from its day unless retired routes are allowed.
   *
   * @throws IllegalArgumentException when the catalog has no route {@code id}
   */
  public RouteCatalog withOwnRetirement(String id, String by) {
    return withOwnRetirements(List.of(id), by);
  }

  /**
   * {@link #withOwnRetirement} for each of {@code ids} at once (one new catalog, however many routes a file
   * retires).
   *
   * @throws IllegalArgumentException when the catalog has no route of one of {@code ids}
   */
  public RouteCatalog withOwnRetirements(Collection<String> ids, String by) {
    Objects.requireNonNull(by, "by == null");
    Map<String, String> own = new LinkedHashMap<>(ownRetirements);
    for (String id : ids) {
      ModelRoute route = find(id).filter(found -> found.id().equalsIgnoreCase(id.strip()))
          .orElseThrow(() -> new IllegalArgumentException("no route " + quote(String.valueOf(id)) + " in this catalog"));
      own.put(key(route.id()), by);
    }
    return new RouteCatalog(routes.values(), origins, CODE, List.of(), removals, own);
  }

  /**
   * Who set route {@code id}'s retirement as a team's own ({@link #withOwnRetirement}, a route file setting
   * {@code retired}); empty for a retirement the provider's catalog ships and for a route without one.
   */
  public Optional<String> ownRetirementBy(String id) {
    return find(id).filter(route -> route.retired().isPresent())
        .map(route -> ownRetirements.get(key(route.id())));
  }

  /**
   * Where the route {@code id} came from: {@code built-in}, a route file's name (with
   * {@code , patched by <file>} when a later file changed it) or {@link #CODE}.
   */
  public Optional<String> origin(String id) {
    return find(id).map(route -> origins.get(route.id()));
  }

  /**
   * The route called {@code id}: ids first (exactly, then without regard to case), then aliases
   * (exactly, then without regard to case), so another route's alias never hides an id.
   */
  public Optional<ModelRoute> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    ModelRoute exact = routes.get(id);
    if (exact != null) {
      return Optional.of(exact);
    }
    return Optional.ofNullable(byName.get(key(id.trim())));
  }

  /**
   * The route called {@code id}.
   *
   * @throws IllegalArgumentException naming the nearest known ids when there is none
   */
  public ModelRoute require(String id) {
    return find(id)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown model " + id + "; did you mean " + String.join(", ", nearest(id, 3)) + "?"));
  }

  /** All routes, in catalog order. */
  public List<ModelRoute> routes() {
    return List.copyOf(routes.values());
  }

  /** All route ids, in catalog order. */
  public Set<String> ids() {
    return routes.keySet();
  }

  /** The number of routes. */
  public int size() {
    return routes.size();
  }

  /**
   * Up to {@code limit} known ids closest to {@code id} by edit distance, closest first; ids as close as each other
   * in catalog order, so that "grok" names the catalog's first Grok route (the default model) before the others.
   */
  public List<String> nearest(String id, int limit) {
    String wanted = id == null ? "" : id.toLowerCase(Locale.ROOT);
    return routes.keySet().stream() // catalog order; a stable sort keeps it among equals
        .sorted(Comparator.comparingInt((String known) -> distance(wanted, known.toLowerCase(Locale.ROOT))))
        .limit(limit)
        .toList();
  }

  /** How far {@code given} is from the route id {@code id}, case ignored, as {@link #nearest} ranks them. */
  public static int distanceBetween(String given, String id) {
    return distance(given.toLowerCase(Locale.ROOT), id.toLowerCase(Locale.ROOT));
  }

  /** The edit distance, with a bonus for a shared prefix so "grok" finds the Grok family. */
  static int distance(String a, String b) {
    int d = EditDistance.between(a, b);
    if (!a.isEmpty() && b.startsWith(a)) {
      d = Math.min(d, b.length() - a.length() > 0 ? 1 : 0);
    }
    return d;
  }

  @Override
  public String toString() {
    return "RouteCatalog" + routes.keySet();
  }
}
