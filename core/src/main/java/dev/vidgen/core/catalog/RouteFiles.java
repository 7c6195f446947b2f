package dev.vidgen.core.catalog;

import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.Retirement;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.json.JsonTrees;
import dev.vidgen.core.json.MalformedJsonException;
import dev.vidgen.core.text.Utf8Text;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads route files (the format of {@code docs/routes.md}, schema {@code routes.schema.json}) and
 * layers them over a catalog: {@code routes} adds or replaces whole routes, {@code patch} changes
 * named fields of existing ones, {@code remove} drops ids, in that order within a file. The
 * built-in catalog is such a file, read by the same code. Thread-safe; a bad file changes nothing
 * and raises one {@link RouteFileException}.
 */
public final class RouteFiles {
  /** The origin of the routes vidgen ships. */
  public static final String BUILT_IN = RouteCatalog.BUILT_IN;
  /** The classpath resource that holds the built-in routes. */
  public static final String BUILT_IN_RESOURCE = "/dev/vidgen/core/catalog/built-in-routes.json";
  /** The classpath resource that holds the JSON Schema of route files. */
  public static final String SCHEMA_RESOURCE = "/dev/vidgen/core/catalog/routes.schema.json";
  /** The environment variable that lists route files, separated by {@link File#pathSeparator}. */
  public static final String ENVIRONMENT_VARIABLE = "VIDGEN_ROUTES";

  private static final String BYTE_ORDER_MARK = "\uFEFF";

  private RouteFiles() {}

  /**
   * {@code catalog} with {@code route}'s retirement, when it has one and {@code file} is not the built-in route
   * file, recorded as that file's own: the team's word, which the key's live model list does not override.
   */
  private static RouteCatalog ownRetirement(RouteCatalog catalog, ModelRoute route, String file) {
    return route.retired().isPresent() && !BUILT_IN.equals(file) ? catalog.withOwnRetirement(route.id(), file) : catalog;
  }

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
    List<Read> unreadRoutes = new ArrayList<>();
    List<RouteFileException> problems = new ArrayList<>();
    Set<String> failed = new HashSet<>();
    NearIds near = new NearIds();
    long total = 0;
    for (Path file : Objects.requireNonNull(files, "files == null")) {
      Layered layered;
      try {
        total += sizeWithin(file, total);
        layered = layered(catalog, parsed(file.toString(), read(file)), failed, near);
      } catch (RouteFileException whole) {
        // A file that cannot be read at all may hold routes the later ones build on: stop at it.
        problems.add(whole);
        break;
      }
      // A bad file's problems are kept, and the later files still read, so that every problem is told at once.
      catalog = layered.catalog();
      read.addAll(layered.read());
      unreadRoutes.addAll(layered.unreadRoutes());
      problems.addAll(layered.problems());
    }
    // Against the catalog all the files make, so that a file may name a route that a later one adds.
    problems.addAll(insteadProblems(catalog, read, failed, near));
    problems.addAll(unreadInsteadProblems(catalog, unreadRoutes, failed, near, problems));
    if (!problems.isEmpty()) {
      throw RouteFileException.of(problems);
    }
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
    if (json.length() > MAX_BYTES) {
      throw new RouteFileException(origin, "", "has " + json.length() + " characters, more than the " + MAX_BYTES
          + " a route file may have: check how it was made, or keep only the routes your jobs use");
    }
    Set<String> failed = new HashSet<>();
    NearIds near = new NearIds();
    Layered layered = layered(base, parsed(origin, json), failed, near);
    List<RouteFileException> problems = new ArrayList<>(layered.problems());
    problems.addAll(insteadProblems(layered.catalog(), layered.read(), failed, near));
    problems.addAll(unreadInsteadProblems(layered.catalog(), layered.unreadRoutes(), failed, near, problems));
    if (!problems.isEmpty()) {
      throw RouteFileException.of(problems);
    }
    return layered.catalog();
  }

  /**
   * Whether {@code text} opens as UTF-16 text without a byte-order mark would read as UTF-8: a NUL at every other
   * character (after each one, or before it) of its first few hundred, and none between.
   */
  static boolean looksLikeUtf16(String text) {
    int length = Math.min(text.length(), 512) & ~1;
    int even = 0;
    int odd = 0;
    for (int i = 0; i < length; i++) {
      if (text.charAt(i) == 0) {
        if (i % 2 == 0) {
          even++;
        } else {
          odd++;
        }
      }
    }
    int pairs = length / 2;
    return pairs > 0 && (even == 0 && odd * 2 >= pairs || odd == 0 && even * 2 >= pairs);
  }

  private static Node parsed(String origin, String json) {
    Object tree;
    // A byte-order mark some editors write at the start of a UTF-8 file is not part of the JSON.
    boolean marked = json.startsWith(BYTE_ORDER_MARK);
    String text = marked ? json.substring(1) : json;
    if (text.isBlank()) {
      // Told as what it is rather than as JSON that "ends too early" at its first column.
      throw new RouteFileException(origin, "", "is empty" + (text.isEmpty() ? "" : " (white space only)")
          + ": a route file holds one JSON object, such as {\"patch\": {\"seedance-2\": {\"price\": {\"per_second_usd\":"
          + " \"0.04\"}}}} (docs/routes.md)");
    }
    if (looksLikeUtf16(text)) {
      // UTF-16 without a byte-order mark reads as ASCII with a NUL beside each character, which no removal fixes.
      throw new RouteFileException(origin, "", "is not UTF-8 text (it looks like UTF-16 without a byte-order mark: a"
          + " NUL byte beside every character): save it as UTF-8");
    }
    try {
      tree = JsonTrees.parse(text);
    } catch (MalformedJsonException e) {
      String said = e.getMessage();
      if (marked && text.startsWith(BYTE_ORDER_MARK) && said.startsWith("a byte-order mark")) {
        said = "a second" + said.substring(1); // files joined, each with its mark: the first is skipped, this one is not
      }
      throw new RouteFileException(origin, "", "not valid JSON: " + notJson(origin, text, said));
    }
    return new Node(origin, "", tree);
  }

  /** Where the JSON reader stopped, as its message ends: "(near line 1, column 1, where reading stopped)". */
  private static final Pattern STOPPED = Pattern.compile(" ?\\((?:near|before) [^()]*where reading stopped\\)$");

  /**
   * What is wrong with {@code text}, which the JSON reader refused saying {@code said}: a file that opens with no
   * JSON at all (a word, a number, YAML's {@code -} or {@code #}), or is named as YAML, is told that route files are
   * JSON, rather than in the reader's words only; a quote, a comment or a byte-order mark keeps the words made for it.
   */
  private static String notJson(String origin, String text, String said) {
    String opening = text.stripLeading();
    String name = origin.toLowerCase(Locale.ROOT);
    String yaml = name.endsWith(".yaml") ? ".yaml" : name.endsWith(".yml") ? ".yml" : null;
    char first = opening.isEmpty() ? '{' : opening.charAt(0);
    boolean noJsonAtAll = Character.isLetterOrDigit(first) || "-#%&*!|>?:.@`".indexOf(first) >= 0;
    if (yaml == null && !noJsonAtAll) {
      return said;
    }
    String plainly = "route files are JSON, one object such as {\"routes\": [...]} or {\"patch\": {...}}, and YAML is"
        + " not read" + (yaml != null ? " (this file's name ends in " + yaml + ")" : "") + ": write the file as JSON";
    if (!noJsonAtAll) {
      return said + "; " + plainly;
    }
    Matcher stopped = STOPPED.matcher(said);
    return plainly + (stopped.find() ? " " + stopped.group().strip() : "");
  }

  /**
   * A file layered over a catalog: the catalog its good parts make, its routes and patches read (whose
   * instead is checked last), the routes that could not be read (whose instead is checked too), and the
   * problems of the others.
   */
  private record Layered(RouteCatalog catalog, List<Read> read, List<Read> unreadRoutes,
      List<RouteFileException> problems) {}

  /** A route or patch read from a file, with the id of the route it makes or changes. */
  private record Read(String id, Node node) {}

  /**
   * The files a {@code VIDGEN_ROUTES}-style list names ({@link File#pathSeparator} between them;
   * blanks skipped), read against {@code workingDir}.
   *
   * @throws RouteFileException when the locale cannot name one of the files (a name beyond ASCII under a C
   *     or POSIX locale, read with replacement characters)
   */
  public static List<Path> parseList(String list, Path workingDir) {
    List<Path> files = new ArrayList<>();
    if (list == null) {
      return files;
    }
    for (String part : list.split(java.util.regex.Pattern.quote(File.pathSeparator))) {
      if (!part.isBlank()) {
        try {
          files.add(workingDir == null ? Path.of(part.strip()) : workingDir.resolve(part.strip()).normalize());
        } catch (InvalidPathException unnameable) {
          // A route problem like any other, rather than a crash of whatever reads the list.
          throw new RouteFileException(part.strip(), "", "the locale (LANG, LC_ALL) reads file names as "
              + System.getProperty("sun.jnu.encoding", "its charset") + ", which cannot name this file (each"
              + " character it could not read became a replacement character)");
        }
      }
    }
    return files;
  }

  /**
   * The largest route file read, in bytes: many times any catalog (the built-in one, of every model vidgen
   * documents, is under 50 KB), and small enough that reading one never needs more memory than a JVM's
   * default gives. A larger file is refused before it is read, rather than taking minutes and gigabytes.
   */
  public static final long MAX_BYTES = 8L * 1024 * 1024;

  /** Opens a route file for reading; tests stand in for the file system's refusals. */
  interface Opener {
    InputStream open(Path file) throws IOException;
  }

  private static String read(Path file) {
    return read(file, Files::newInputStream);
  }

  static String read(Path file, Opener opener) {
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new RouteFileException(file.toString(), "", "is " + size + " bytes (" + megabytes(size) + "), more than the "
            + MAX_BYTES + " bytes (" + megabytes(MAX_BYTES) + ") a route file may be (vidgen's own catalog of every model it documents is under"
            + " 50 KB): check how the file was made, or keep only the routes your jobs use");
      }
      // A pipe or a device (--routes <(generator), /dev/zero) has no size to look at first: read no more than allowed.
      byte[] bytes;
      try (InputStream in = opener.open(file)) {
        bytes = in.readNBytes((int) MAX_BYTES + 1);
      }
      if (bytes.length > MAX_BYTES) {
        throw new RouteFileException(file.toString(), "", "holds more than the " + MAX_BYTES + " bytes ("
            + megabytes(MAX_BYTES) + ") a route file may be (read from a pipe or a device, so its size was not known"
            + " before; vidgen's own catalog of every model it documents is under 50 KB): check how the file was made,"
            + " or keep only the routes your jobs use");
      }
      return Utf8Text.decode(bytes);
    } catch (Utf8Text.NotUtf8Exception e) {
      // Saved in another encoding (Latin-1, say): said as such, with where, not as Java's "Input length = 1".
      throw new RouteFileException(file.toString(), "", "is not UTF-8 text (line " + e.line() + " holds the first"
          + " byte that is not): save it as UTF-8");
    } catch (NoSuchFileException e) {
      // A relative name is looked for from the working folder, which may not be the one meant: it is named.
      throw new RouteFileException(file.toString(), "", "no such file" + (file.isAbsolute() ? ""
          : " (looked for at " + file.toAbsolutePath().normalize() + ")"));
    } catch (AccessDeniedException e) {
      // The file's content is not at fault: its permissions are, and they are told with what to do.
      throw new RouteFileException(file.toString(), "", "cannot be read: this user may not read it ("
          + ownerAndMode(file) + "): let this user read it (chmod a+r, or run vidgen as a user who may), or give"
          + " another path");
    } catch (IOException e) {
      throw new RouteFileException(file.toString(), "", "cannot be read: " + reason(e));
    } catch (UncheckedIOException e) {
      throw new RouteFileException(file.toString(), "", "cannot be read: " + reason(e.getCause()));
    }
  }

  /** The system's reason ("Input/output error"), without the path Java's file exceptions give as their message. */
  private static String reason(IOException e) {
    if (e instanceof FileSystemException system && system.getReason() != null) {
      return system.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** "owner uid 0, mode 600" where the file system keeps them; else "permission denied". */
  private static String ownerAndMode(Path file) {
    try {
      int mode = (Integer) Files.getAttribute(file, "unix:mode");
      int uid = (Integer) Files.getAttribute(file, "unix:uid");
      return "owner uid " + uid + ", mode " + Integer.toOctalString(mode & 0777);
    } catch (IOException | RuntimeException noUnixAttributes) {
      return "permission denied";
    }
  }

  /**
   * {@code file}'s size, refused when the route files of one load, {@code before} bytes so far, would pass
   * {@link #MAX_BYTES} together: a catalog split over several files is no larger than one file may be.
   */
  private static long sizeWithin(Path file, long before) {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException | UncheckedIOException | SecurityException unreadable) {
      return 0; // told by read() as it reads the file
    }
    if (before > 0 && before + size > MAX_BYTES) {
      throw new RouteFileException(file.toString(), "", "would bring the route files of this run to " + (before + size)
          + " bytes (" + megabytes(before + size) + "), more than the " + MAX_BYTES + " bytes (" + megabytes(MAX_BYTES)
          + ") they may be together: check how they were made, or keep only the routes your jobs use");
    }
    return size;
  }

  private static String megabytes(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
  }

  /**
   * A problem for each name written in a file's routes (each route whose names could be read, whatever else
   * is wrong with it) that is already another route's name: one known before that the file does not
   * replace, or one of an earlier route of the file; and for each alias that repeats its own route's name.
   * The routes of {@code added} with such a name are dropped and join {@code failed}.
   */
  private static List<RouteFileException> nameClashes(RouteCatalog before, List<NameClashes.Written> written,
      Set<Integer> duplicates, Map<String, ModelRoute> added, Set<String> failed) {
    Set<String> replaced = new HashSet<>();
    for (int i = 0; i < written.size(); i++) {
      if (written.get(i).owner() != null && !duplicates.contains(i)) {
        replaced.add(written.get(i).owner());
      }
    }
    Map<String, String> taken = new HashMap<>(); // a name in lower case to the id of the route it leads to
    before.routes().stream().filter(known -> !replaced.contains(known.id()))
        .forEach(known -> NameClashes.take(taken, known));
    List<RouteFileException> problems = new ArrayList<>();
    for (int i = 0; i < written.size(); i++) {
      NameClashes.Written route = written.get(i);
      boolean duplicate = duplicates.contains(i);
      List<RouteFileException> clashes = NameClashes.of(taken, route, !duplicate);
      if (!duplicate) {
        NameClashes.take(taken, route);
      }
      problems.addAll(clashes);
      if (!clashes.isEmpty() && route.owner() != null && !duplicate) {
        drop(route.owner(), added, failed);
      }
    }
    keepNamesApart(before, added, failed);
    return problems;
  }

  private static void drop(String id, Map<String, ModelRoute> added, Set<String> failed) {
    added.remove(id);
    failed.add(lower(id));
  }

  /**
   * Drops from {@code added} each route with a name of a route known before that stays because the route
   * of the file that would replace it was not read or was dropped (the file's own problem is told), so that
   * the catalog the file's good parts make still has one route for each name.
   */
  private static void keepNamesApart(RouteCatalog before, Map<String, ModelRoute> added, Set<String> failed) {
    boolean dropped = true;
    while (dropped) {
      dropped = false;
      Map<String, String> taken = new HashMap<>();
      before.routes().stream().filter(known -> !added.containsKey(known.id()))
          .forEach(known -> NameClashes.take(taken, known));
      for (ModelRoute route : List.copyOf(added.values())) {
        boolean clashes = route.names().stream().map(NameClashes::key)
            .anyMatch(name -> taken.containsKey(name) && !taken.get(name).equals(route.id()));
        if (clashes) {
          drop(route.id(), added, failed);
          dropped = true;
        } else {
          NameClashes.take(taken, route);
        }
      }
    }
  }

  /**
   * The names of every route of {@code catalog} but {@code id}, each in lower case to its route's id; each route
   * of {@code unread} (routes of the file that did not join the catalog) holds its names as written, in place of
   * the route of its id, as in {@link #nameClashes}.
   */
  private static Map<String, String> namesBut(RouteCatalog catalog, String id, List<NameClashes.Written> unread) {
    Set<String> standing = new HashSet<>();
    unread.forEach(route -> standing.add(route.owner()));
    Map<String, String> taken = new HashMap<>();
    catalog.routes().stream().filter(other -> !other.id().equals(id) && !standing.contains(other.id()))
        .forEach(other -> NameClashes.take(taken, other));
    unread.stream().filter(route -> !route.owner().equals(id)).forEach(route -> NameClashes.take(taken, route));
    return taken;
  }

  /** Whether a name of {@code route} is a name of another route of {@code catalog}. */
  private static boolean takesAName(RouteCatalog catalog, ModelRoute route) {
    Map<String, String> taken = namesBut(catalog, route.id(), List.of());
    return route.names().stream().map(NameClashes::key).anyMatch(taken::containsKey);
  }

  /**
   * The routes of {@code written} whose id could be read but that did not join {@code added} (not read, or
   * dropped for a name), each duplicate id left out, as the first route with it holds it.
   */
  private static List<NameClashes.Written> unread(List<NameClashes.Written> written, Set<Integer> duplicates,
      Map<String, ModelRoute> added) {
    List<NameClashes.Written> unread = new ArrayList<>();
    for (int i = 0; i < written.size(); i++) {
      String owner = written.get(i).owner();
      if (owner != null && !duplicates.contains(i) && !added.containsKey(owner)) {
        unread.add(written.get(i));
      }
    }
    return unread;
  }

  /**
   * {@code file} layered over {@code base}, each route, patch and removal checked; the ids of the routes
   * that could not be read are added to {@code failed}, so that naming them elsewhere is not told as a
   * second problem.
   *
   * @throws RouteFileException only for a problem of the whole file (an unknown top-level key)
   */
  private static Layered layered(RouteCatalog base, Node file, Set<String> failed, NearIds near) {
    file.keys("a route file", RouteKeys.FILE);
    if (file.has("$schema")) {
      file.at("$schema").text("$schema (the schema's location)");
    }
    List<RouteFileException> problems = new ArrayList<>(); // each route, patch and removal is checked
    RouteCatalog catalog = base;
    List<Read> read = new ArrayList<>(); // the routes and patches read without a problem, for checkInstead
    List<Read> unreadRoutes = new ArrayList<>(); // the routes that could not be read, whose instead is checked too
    // The file's routes that did not join the catalog, whose names a patch of the file still may not take.
    List<NameClashes.Written> unread = new ArrayList<>();
    if (file.has("routes")) {
      Map<String, ModelRoute> added = new LinkedHashMap<>();
      List<NameClashes.Written> written = new ArrayList<>(); // the names of every route, read or not
      Set<Integer> duplicates = new HashSet<>();
      Map<String, Integer> firstIndex = new HashMap<>(); // every id written, read or not, by lower case
      List<Node> routes = checked(problems, () -> file.at("routes").list("routes (an array of routes)"));
      for (int i = 0; routes != null && i < routes.size(); i++) {
        Node node = routes.get(i);
        written.add(NameClashes.Written.route(node));
        String id = node.at("id").raw() instanceof String text && !text.isBlank() ? text : null;
        Integer first = id == null ? null : firstIndex.putIfAbsent(lower(id), i);
        if (first != null) {
          duplicates.add(i);
          problems.add(node.at("id").fail("duplicate id " + Node.quote(id) + ": routes[" + first
              + "] has it already; each id appears once in routes (a later file may replace it)"));
        }
        ModelRoute route = checked(problems, () -> RouteReader.route(node, "no price is stated in " + file.file()));
        if (route == null && id != null) {
          failed.add(lower(id));
          if (first == null) {
            unreadRoutes.add(new Read(id, node));
          }
        }
        if (route != null && first == null) {
          added.put(route.id(), route);
          read.add(new Read(route.id(), node));
        }
      }
      problems.addAll(nameClashes(catalog, written, duplicates, added, failed));
      unread.addAll(unread(written, duplicates, added));
      read.removeIf(one -> !added.containsKey(one.id()));
      catalog = catalog.with(file.file(), added.values());
      // One new catalog for all the routes the file retires, not one per route.
      List<String> retiring = added.values().stream().filter(route -> route.retired().isPresent())
          .map(ModelRoute::id).toList();
      if (!retiring.isEmpty() && !BUILT_IN.equals(file.file())) {
        catalog = catalog.withOwnRetirements(retiring, file.file());
      }
    }
    if (file.has("patch")) {
      Map<String, Node> patches = checked(problems, () -> file.at("patch").entries("patch (route id to changed fields)"));
      for (Map.Entry<String, Node> entry : patches == null ? Map.<String, Node>of().entrySet() : patches.entrySet()) {
        RouteCatalog current = catalog;
        ModelRoute patched = checked(problems, () -> {
          Optional<ModelRoute> found = current.find(entry.getKey());
          if (found.isEmpty() && failed.contains(lower(entry.getKey()))) {
            return null; // the route's own problem is told; its patch waits for it
          }
          ModelRoute existing = found.orElseThrow(() -> entry.getValue().fail(
              "patch of an unknown route " + Node.quote(entry.getKey()) + near.near(current, entry.getKey())));
          if (!existing.id().equals(entry.getKey())) {
            throw entry.getValue().fail("patch of " + Node.quote(entry.getKey()) + ": the route is spelled "
                + Node.quote(existing.id()) + "; use that id");
          }
          // The names are checked whatever else is wrong with the patch, so that one reading tells every problem.
          List<RouteFileException> wrong = new ArrayList<>();
          ModelRoute changed = checked(wrong, () -> RouteReader.patch(existing, entry.getValue()));
          wrong.addAll(NameClashes.of(namesBut(current, existing.id(), unread),
              NameClashes.Written.patch(existing.id(), entry.getValue()), false));
          if (!wrong.isEmpty()) {
            throw RouteFileException.of(wrong);
          }
          return changed;
        });
        // A patch taking a name of a route this file fails to replace is left out; that route's problem is told.
        if (patched != null && !takesAName(catalog, patched)) {
          read.add(new Read(patched.id(), entry.getValue()));
          String origin = catalog.origin(patched.id()).orElse(RouteCatalog.CODE) + ", patched by " + file.file();
          catalog = catalog.with(origin, List.of(patched));
          if (entry.getValue().has("retired")) {
            catalog = ownRetirement(catalog, patched, file.file());
          }
        }
      }
    }
    if (file.has("remove")) {
      List<Node> ids = checked(problems, () -> file.at("remove").list("remove (an array of route ids)"));
      Set<String> removed = new HashSet<>();
      for (Node id : ids == null ? List.<Node>of() : ids) {
        RouteCatalog current = catalog;
        String name = checked(problems, () -> {
          String text = id.text("a route id");
          if (removed.contains(text)) {
            throw id.fail(Node.quote(text) + " is already removed by an earlier entry of this list; give each id once");
          }
          if (current.ids().stream().noneMatch(text::equals)) {
            if (failed.contains(lower(text))) {
              return null; // the route's own problem is told
            }
            Optional<String> spelled = current.ids().stream().filter(text::equalsIgnoreCase).findFirst();
            if (spelled.isPresent()) {
              throw id.fail("remove of " + Node.quote(text) + ": the route is spelled " + Node.quote(spelled.get())
                  + "; use that id");
            }
            throw id.fail("remove of an unknown route " + Node.quote(text) + near.near(current, text));
          }
          return text;
        });
        if (name != null) {
          removed.add(name);
          catalog = catalog.without(name, file.file());
        }
      }
    }
    return new Layered(catalog, read, unreadRoutes, problems);
  }

  private static String lower(String id) {
    return id.strip().toLowerCase(Locale.ROOT);
  }

  /** The problems of {@link #checkInstead(RouteCatalog, String, Node, Set)} for each of {@code read}. */
  private static List<RouteFileException> insteadProblems(RouteCatalog catalog, List<Read> read, Set<String> failed,
      NearIds near) {
    List<RouteFileException> problems = new ArrayList<>();
    for (Read one : read) {
      problems.addAll(checkInstead(catalog, one.id(), one.node(), failed, near));
    }
    return problems;
  }

  /**
   * The problems of {@link #checkInstead} for routes that could not be read (a rule that does not fit, say), so that
   * a bad {@code instead} is told with the route's other problems; those their own reading told already (a
   * {@code retired} that cannot be read at all) are left out.
   */
  private static List<RouteFileException> unreadInsteadProblems(RouteCatalog catalog, List<Read> unreadRoutes,
      Set<String> failed, NearIds near, List<RouteFileException> told) {
    Set<String> toldPaths = new HashSet<>();
    told.forEach(problem -> problem.all().forEach(one -> toldPaths.add(one.file() + " " + one.jsonPath())));
    List<RouteFileException> problems = new ArrayList<>();
    for (Read one : unreadRoutes) {
      List<RouteFileException> found;
      try {
        found = checkInstead(catalog, one.id(), one.node(), failed, near);
      } catch (RuntimeException unreadable) {
        continue; // its retired field's own problem is told
      }
      for (RouteFileException problem : found) {
        String path = problem.file() + " " + problem.jsonPath();
        if (toldPaths.stream().noneMatch(known -> path.equals(known) || path.startsWith(known + ".")
            || path.startsWith(known + "["))) {
          problems.add(problem);
        }
      }
    }
    return problems;
  }

  /**
   * Refuses each name in the {@code retired.instead} of the route {@code own} (a route or patch) that is not a
   * route of {@code catalog} (the catalog this file makes), that is the route itself, or that is retired by
   * the same day, so that a retirement never tells users to choose a model that is not there or goes too.
   * A name of a route in {@code failed} (one that could not be read) is left to that route's problem.
   */
  private static List<RouteFileException> checkInstead(RouteCatalog catalog, String own, Node node, Set<String> failed,
      NearIds near) {
    List<RouteFileException> problems = new ArrayList<>();
    if (!node.has("retired") || node.at("retired").isNull() || !node.at("retired").has("instead")) {
      return problems;
    }
    LocalDate ownDay = catalog.find(own).flatMap(ModelRoute::retired).map(Retirement::on).orElse(null);
    for (Node name : node.at("retired").at("instead").list("instead (route ids)")) {
      checked(problems, () -> {
        String id = name.text("a route id");
        Optional<ModelRoute> named = catalog.find(id);
        if (named.isPresent() && !named.get().id().equals(id)) {
          throw name.fail("instead names " + Node.quote(id) + ": the route is spelled " + Node.quote(named.get().id())
              + "; use that id, which is what users are told to choose");
        }
        if (id.equals(own)) {
          throw name.fail("instead names " + Node.quote(id) + ", the route being retired; name the routes to choose"
              + " in its place, or leave instead out");
        }
        if (named.isEmpty() && failed.contains(lower(id))) {
          return;
        }
        if (named.isEmpty()) {
          List<String> candidates = insteadCandidates(catalog, id, own, ownDay, near);
          throw name.fail("instead names " + Node.quote(id) + ", which is not a route (built-in or of the route"
              + " files given)" + (candidates.isEmpty() ? "; vidgen models lists the known ids"
                  : "; known ids near it: " + String.join(", ", candidates) + " (vidgen models lists them all)"));
        }
        Optional<Retirement> also = named.get().retired();
        if (ownDay != null && also.isPresent() && !also.get().on().isAfter(ownDay)) {
          throw name.fail("instead names " + Node.quote(id) + ", which is retired too (from " + also.get().on()
              + "); name a route that is still offered after " + ownDay);
        }
      });
    }
    return problems;
  }

  /**
   * Up to three ids near {@code id} that could stand in for {@code own}: neither {@code own} itself nor a
   * route retired on or before {@code ownDay} (the day {@code own} is retired; null: none is left out).
   */
  private static List<String> insteadCandidates(RouteCatalog catalog, String id, String own, LocalDate ownDay,
      NearIds near) {
    return near.near(catalog, id, candidate -> !candidate.equals(own)
        && (ownDay == null || catalog.find(candidate).flatMap(ModelRoute::retired)
            .map(retirement -> retirement.on().isAfter(ownDay)).orElse(true)));
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

  /**
   * The known ids near a name a file gets wrong, for the first {@value #SUGGESTED} problems of a call: each
   * look goes over every id, so a file of thousands of such mistakes is told them without minutes of looking.
   */
  private static final class NearIds {
    static final int SUGGESTED = 20;
    private int left = SUGGESTED;

    /** "; known ids near it: a, b, c", or where to see them when none is near or the looks are spent. */
    String near(RouteCatalog catalog, String id) {
      List<String> close = near(catalog, id, candidate -> true);
      return close.isEmpty() ? "; vidgen models lists the known ids" : "; known ids near it: " + String.join(", ", close);
    }

    /**
     * Up to three ids near {@code id} that {@code fits}, each close enough to be what was meant (a few edits,
     * or a start of it), or empty once the looks are spent.
     */
    List<String> near(RouteCatalog catalog, String id, java.util.function.Predicate<String> fits) {
      if (left-- <= 0 || id.strip().length() < 3) {
        return List.of(); // a letter or two says too little of what was meant
      }
      int within = Math.max(2, id.length() / 3);
      // A few more than three, so that the ones that do not fit leave three that do; not every id. Of ids as
      // near, the shorter first (the family's plain one before its variants), then in any case's order.
      return catalog.nearest(id, 3 + 16).stream().filter(fits)
          .filter(candidate -> RouteCatalog.distanceBetween(id, candidate) <= within)
          .sorted(java.util.Comparator.comparingInt((String candidate) -> RouteCatalog.distanceBetween(id, candidate))
              .thenComparingInt(String::length).thenComparing(String.CASE_INSENSITIVE_ORDER))
          .limit(3).toList();
    }
  }
}
