package dev.vidgen.core.catalog;

import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.RouteSpelling;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds the names of a file's routes and patches that lead to more than one route, from the names as
 * written, so that a route or patch with other problems is checked too.
 */
final class NameClashes {
  private NameClashes() {}

  /** One name as written, with the node it was read from. */
  record Name(String text, Node node) {}

  /**
   * The names of one route or patch that could be read: its id (null when it could not be read, or for a
   * patch, which gives none) and each alias that is a model name.
   */
  record Written(Name id, String owner, List<Name> aliases) {
    /** The names written in the route {@code node}. */
    static Written route(Node node) {
      Name id = readable(node.at("id"));
      return new Written(id, id == null ? null : id.text(), aliases(node));
    }

    /** The aliases written in a patch of the route {@code owner}. */
    static Written patch(String owner, Node node) {
      return new Written(null, owner, aliases(node));
    }

    /** Every name written, the id first. */
    List<Name> names() {
      List<Name> names = new ArrayList<>();
      if (id != null) {
        names.add(id);
      }
      names.addAll(aliases);
      return names;
    }

    private static List<Name> aliases(Node node) {
      List<Name> aliases = new ArrayList<>();
      if (node.has("aliases") && node.at("aliases").raw() instanceof List<?>) {
        for (Node item : node.at("aliases").list("aliases")) {
          Name alias = readable(item);
          if (alias != null) {
            aliases.add(alias);
          }
        }
      }
      return aliases;
    }

    private static Name readable(Node node) {
      return node.raw() instanceof String text && !text.isBlank()
          && RouteSpelling.nameProblem("a name", text).isEmpty() ? new Name(text, node) : null;
    }
  }

  /** {@code name} as it is compared: in lower case. */
  static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** Records every name of {@code route} in {@code taken} (a name in lower case to its route's id), first one kept. */
  static void take(Map<String, String> taken, ModelRoute route) {
    route.names().forEach(name -> taken.putIfAbsent(key(name), route.id()));
  }

  /** Records every name of {@code route} in {@code taken}, unless its id could not be read. */
  static void take(Map<String, String> taken, Written route) {
    if (route.owner() != null) {
      route.names().forEach(name -> taken.putIfAbsent(key(name.text()), route.owner()));
    }
  }

  /**
   * A problem for each name of {@code route} that {@code taken} leads to another route, and for each alias
   * that repeats a name of the route itself; the id is checked only when {@code checkId}.
   */
  static List<RouteFileException> of(Map<String, String> taken, Written route, boolean checkId) {
    List<RouteFileException> problems = new ArrayList<>();
    Set<String> own = new HashSet<>();
    if (route.owner() != null) {
      own.add(key(route.owner()));
    }
    Name id = route.id();
    String idOwner = id == null ? null : taken.get(key(id.text()));
    if (checkId && idOwner != null && !idOwner.equals(id.text())) {
      problems.add(id.node().fail("id " + Node.quote(id.text()) + " is already a name of the route "
          + Node.quote(idOwner) + "; a name leads to one route only" + (idOwner.equalsIgnoreCase(id.text())
              ? "; to replace that route, spell its id as it is" : "; give this route another id")));
    }
    for (Name alias : route.aliases()) {
      String other = taken.get(key(alias.text()));
      if (!own.add(key(alias.text()))) {
        problems.add(alias.node().fail(route.owner() != null ? RouteSpelling.repeatedName(alias.text(), route.owner())
            : "alias " + Node.quote(alias.text()) + " is already a name of this route; give each name once"));
      } else if (other != null && !other.equals(route.owner())) {
        problems.add(alias.node().fail("alias " + Node.quote(alias.text()) + " is already a name of the route "
            + Node.quote(other) + "; a name leads to one route only"));
      }
    }
    return problems;
  }
}
