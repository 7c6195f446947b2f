package dev.vidgen.core.catalog;

import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.Retirement;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.json.JsonTrees;
import dev.vidgen.core.json.MalformedJsonException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads route files (the format of {@code docs/routes.md}, schema {@code routes.schema.json}) and
 * layers them over a catalog: {@code routes} adds or replaces whole routes, {@code patch} changes
 * named fields of existing ones, {@code remove} drops ids, in that order within a file. The
 * built-in catalog is such a file, read by the same code. Thread-safe; a bad file changes nothing
 * and raises one {@link RouteFileException}.
 */
public final class RouteFiles {
  /** The origin of the routes vidgen ships. */
  public static final String BUILT_IN = "built-in";
  /** The classpath resource that holds the built-in routes. */
  public static final String BUILT_IN_RESOURCE = "/dev/vidgen/core/catalog/built-in-routes.json";
  /** The classpath resource that holds the JSON Schema of route files. */
  public static final String SCHEMA_RESOURCE = "/dev/vidgen/core/catalog/routes.schema.json";
  /** The environment variable that lists route files, separated by {@link File#pathSeparator}. */
  public static final String ENVIRONMENT_VARIABLE = "VIDGEN_ROUTES";

  private static final String BYTE_ORDER_MARK = "\uFEFF";

  private RouteFiles() {}

  /** The built-in routes, read once from {@link #BUILT_IN_RESOURCE}. */
  public static RouteCatalog builtIn() {
    return BuiltIn.CATALOG;
  }

  /**
   * {@code base} with each file layered over it, in order.
   *
   * @throws RouteFileException naming the file, the JSON path and what is allowed, when a file
   *     cannot be read or is not a valid route file
   */
  public static RouteCatalog load(RouteCatalog base, List<Path> files) {
    Objects.requireNonNull(base, "base == null");
    RouteCatalog catalog = base;
    List<Read> read = new ArrayList<>();
    for (Path file : Objects.requireNonNull(files, "files == null")) {
      Layered layered = layered(catalog, parsed(file.toString(), read(file)));
      catalog = layered.catalog();
      read.addAll(layered.read());
    }
    // Against the catalog all the files make, so that a file may name a route that a later one adds.
    checkInstead(catalog, read);
    return catalog;
  }

  /**
   * {@code base} with the route file {@code json} layered over it; {@code origin} names the file
   * in messages and in {@link RouteCatalog#origin(String)}. A leading byte-order mark is skipped.
   *
   * @throws RouteFileException when {@code json} is not a valid route file
   */
  public static RouteCatalog layer(RouteCatalog base, String origin, String json) {
    Objects.requireNonNull(base, "base == null");
    Objects.requireNonNull(origin, "origin == null");
    Objects.requireNonNull(json, "json == null");
    Layered layered = layered(base, parsed(origin, json));
    checkInstead(layered.catalog(), layered.read());
    return layered.catalog();
  }

  private static Node parsed(String origin, String json) {
    Object tree;
    try {
      // A byte-order mark some editors write at the start of a UTF-8 file is not part of the JSON.
      tree = JsonTrees.parse(json.startsWith(BYTE_ORDER_MARK) ? json.substring(1) : json);
    } catch (MalformedJsonException e) {
      throw new RouteFileException(origin, "", "not valid JSON: " + e.getMessage());
    }
    return new Node(origin, "", tree);
  }

  /** A file layered over a catalog: the catalog it makes, and its routes and patches read (whose instead is checked last). */
  private record Layered(RouteCatalog catalog, List<Read> read) {}

  /** A route or patch read from a file, with the id of the route it makes or changes. */
  private record Read(String id, Node node) {}

  /**
   * The files a {@code VIDGEN_ROUTES}-style list names ({@link File#pathSeparator} between them;
   * blanks skipped), read against {@code workingDir}.
   */
  public static List<Path> parseList(String list, Path workingDir) {
    List<Path> files = new ArrayList<>();
    if (list == null) {
      return files;
    }
    for (String part : list.split(java.util.regex.Pattern.quote(File.pathSeparator))) {
      if (!part.isBlank()) {
        files.add(workingDir == null ? Path.of(part.strip()) : workingDir.resolve(part.strip()).normalize());
      }
    }
    return files;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new RouteFileException(file.toString(), "", "no such file");
    } catch (IOException | UncheckedIOException e) {
      throw new RouteFileException(file.toString(), "", "cannot be read: " + e.getMessage());
    }
  }

  /** Refuses an alias of {@code route} that another route (already known, or added beside it) has as its id or alias. */
  private static void checkAliases(RouteCatalog before, Map<String, ModelRoute> added, ModelRoute route, Node node) {
    List<ModelRoute> others = new ArrayList<>(added.values());
    before.routes().stream().filter(known -> !added.containsKey(known.id())).forEach(others::add);
    for (String alias : route.aliases()) {
      for (ModelRoute other : others) {
        if (other != route && other.names().stream().anyMatch(alias::equalsIgnoreCase)) {
          throw node.at("aliases").fail("alias " + Node.quote(alias)
              + " is already a name of the route " + Node.quote(other.id()) + "; a name leads to one route only");
        }
      }
    }
  }

  private static Layered layered(RouteCatalog base, Node file) {
    file.keys("a route file", RouteKeys.FILE);
    if (file.has("$schema")) {
      file.at("$schema").text("$schema (the schema's location)");
    }
    List<RouteFileException> problems = new ArrayList<>(); // each route, patch and removal is checked
    RouteCatalog catalog = base;
    List<Read> read = new ArrayList<>(); // the routes and patches read without a problem, for checkInstead
    if (file.has("routes")) {
      Map<String, ModelRoute> added = new LinkedHashMap<>();
      Map<String, Node> nodes = new LinkedHashMap<>();
      for (Node node : file.at("routes").list("routes (an array of routes)")) {
        checked(problems, () -> {
          ModelRoute route = RouteReader.route(node, "no price is stated in " + file.file());
          String clash = added.keySet().stream().filter(route.id()::equalsIgnoreCase).findFirst().orElse(null);
          if (clash != null) {
            throw node.at("id").fail("duplicate id " + Node.quote(route.id()) + ": routes["
                + List.copyOf(added.keySet()).indexOf(clash) + "] has it already; each id appears once in routes"
                + " (a later file may replace it)");
          }
          added.put(route.id(), route);
          nodes.put(route.id(), node);
          read.add(new Read(route.id(), node));
        });
      }
      RouteCatalog before = catalog;
      for (ModelRoute route : added.values()) {
        checked(problems, () -> checkAliases(before, added, route, nodes.get(route.id())));
      }
      catalog = catalog.with(file.file(), added.values());
    }
    if (file.has("patch")) {
      for (Map.Entry<String, Node> entry : file.at("patch").entries("patch (route id to changed fields)").entrySet()) {
        RouteCatalog current = catalog;
        ModelRoute patched = checked(problems, () -> {
          ModelRoute existing = current.find(entry.getKey()).orElseThrow(() -> entry.getValue().fail(
              "patch of an unknown route " + Node.quote(entry.getKey()) + "; known ids near it: "
                  + String.join(", ", current.nearest(entry.getKey(), 3))));
          if (!existing.id().equals(entry.getKey())) {
            throw entry.getValue().fail("patch of " + Node.quote(entry.getKey()) + ": the route is spelled "
                + Node.quote(existing.id()) + "; use that id");
          }
          return RouteReader.patch(existing, entry.getValue());
        });
        if (patched != null) {
          read.add(new Read(patched.id(), entry.getValue()));
          String origin = catalog.origin(patched.id()).orElse(RouteCatalog.CODE) + ", patched by " + file.file();
          catalog = catalog.with(origin, List.of(patched));
        }
      }
    }
    if (file.has("remove")) {
      List<Node> ids = file.at("remove").list("remove (an array of route ids)");
      java.util.Set<String> removed = new java.util.HashSet<>();
      for (Node id : ids) {
        RouteCatalog current = catalog;
        String name = checked(problems, () -> {
          String text = id.text("a route id");
          if (removed.contains(text)) {
            throw id.fail(Node.quote(text) + " is already removed by an earlier entry of this list; give each id once");
          }
          if (current.ids().stream().noneMatch(text::equals)) {
            throw id.fail("remove of an unknown route " + Node.quote(text) + "; known ids near it: "
                + String.join(", ", current.nearest(text, 3)));
          }
          return text;
        });
        if (name != null) {
          removed.add(name);
          catalog = catalog.without(name);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw RouteFileException.of(problems);
    }
    return new Layered(catalog, read);
  }

  /** {@link #checkInstead(RouteCatalog, String, Node)} for each of {@code read}, every problem told at once. */
  private static void checkInstead(RouteCatalog catalog, List<Read> read) {
    List<RouteFileException> problems = new ArrayList<>();
    for (Read one : read) {
      checked(problems, () -> checkInstead(catalog, one.id(), one.node()));
    }
    if (!problems.isEmpty()) {
      throw RouteFileException.of(problems);
    }
  }

  /**
   * Refuses a name in the {@code retired.instead} of the route {@code own} (a route or patch) that is not a
   * route of {@code catalog} (the catalog this file makes), that is the route itself, or that is retired by
   * the same day, so that a retirement never tells users to choose a model that is not there or goes too.
   */
  private static void checkInstead(RouteCatalog catalog, String own, Node node) {
    if (!node.has("retired") || node.at("retired").isNull() || !node.at("retired").has("instead")) {
      return;
    }
    java.time.LocalDate ownDay = catalog.find(own).flatMap(ModelRoute::retired).map(Retirement::on).orElse(null);
    for (Node name : node.at("retired").at("instead").list("instead (route ids)")) {
      String id = name.text("a route id");
      Optional<ModelRoute> named = catalog.find(id);
      if (named.isPresent() && !named.get().id().equals(id)) {
        throw name.fail("instead names " + Node.quote(id) + ": the route is spelled " + Node.quote(named.get().id())
            + "; use that id, which is what users are told to choose");
      }
      if (named.isEmpty()) {
        throw name.fail("instead names " + Node.quote(id) + ", which is not a route (built-in or of the route"
            + " files given); known ids near it: " + String.join(", ", catalog.nearest(id, 3))
            + " (vidgen models lists them all)");
      }
      if (id.equals(own)) {
        throw name.fail("instead names " + Node.quote(id) + ", the route being retired; name the routes to choose"
            + " in its place, or leave instead out");
      }
      Optional<Retirement> also = named.get().retired();
      if (ownDay != null && also.isPresent() && !also.get().on().isAfter(ownDay)) {
        throw name.fail("instead names " + Node.quote(id) + ", which is retired too (from " + also.get().on()
            + "); name a route that is still offered after " + ownDay);
      }
    }
  }

  /** Runs {@code step}, keeping its problem (then null) so that the rest of the file is checked too. */
  private static <T> T checked(List<RouteFileException> problems, Supplier<T> step) {
    try {
      return step.get();
    } catch (RouteFileException problem) {
      problems.add(problem);
      return null;
    }
  }

  private static void checked(List<RouteFileException> problems, Runnable step) {
    checked(problems, () -> {
      step.run();
      return null;
    });
  }

  /** Loaded on first use, so that a broken build fails loudly where the catalog is first needed. */
  private static final class BuiltIn {
    static final RouteCatalog CATALOG = load();

    private static RouteCatalog load() {
      try (InputStream in = RouteFiles.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("the built-in route file " + BUILT_IN_RESOURCE + " is missing from the jar");
        }
        String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return layer(RouteCatalog.of(List.of()), BUILT_IN, json);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
