package dev.vidgen.cli;

import dev.vidgen.core.catalog.RouteFileException;
import dev.vidgen.core.catalog.RouteFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What to do after route files that cannot be used. A path that names no file, or a folder, or a file this user may
 * not read, is no mistake in a route file: its advice is to check the path where it was given ({@code --routes} or
 * {@code VIDGEN_ROUTES}), and the file's permissions; a file's own mistakes are to be fixed in the file.
 */
final class RouteFileAdvice {
  private static final String FORMAT = "(docs/routes.md shows the format, docs/routes.schema.json its schema)";
  private static final String FIX_THE_FILE = "fix the route file " + FORMAT;

  private RouteFileAdvice() {}

  /**
   * The advice for {@code refused}: {@code named} are the files read ({@code fromEnvironment} those {@code
   * VIDGEN_ROUTES} names, the rest given to {@code --routes}), looked at again to tell a wrong path from a bad file.
   */
  static String of(RouteFileException refused, List<Path> named, List<Path> fromEnvironment) {
    return of(refused, named, fromEnvironment, Files::isReadable);
  }

  /** As {@link #of(RouteFileException, List, List)}, with {@code readable} telling a file this user may read. */
  static String of(RouteFileException refused, List<Path> named, List<Path> fromEnvironment, Predicate<Path> readable) {
    return advice(refused, named, fromEnvironment, readable) + "; nothing was sent";
  }

  /**
   * As {@link #of(RouteFileException, List, List)}, for a command that never sends a job ({@code vidgen models}): the
   * same advice without "nothing was sent", which would suggest it might have.
   */
  static String forCommandThatSendsNothing(RouteFileException refused, List<Path> named, List<Path> fromEnvironment) {
    return advice(refused, named, fromEnvironment, Files::isReadable);
  }

  private static String advice(RouteFileException refused, List<Path> named, List<Path> fromEnvironment,
      Predicate<Path> readable) {
    List<String> wrongPaths = new ArrayList<>();
    Set<String> givenBy = new LinkedHashSet<>();
    List<RouteFileException> inFiles = new ArrayList<>();
    Set<String> told = new LinkedHashSet<>();
    // A lone problem is the message itself ("nope.json: no such file"): its advice does not say it again.
    boolean saidByTheMessage = refused.all().size() == 1;
    for (RouteFileException problem : refused.all()) {
      Path file = problem.jsonPath().isEmpty() ? find(problem.file(), named) : null;
      String fact = file == null ? null : Files.isDirectory(file) ? problem.file() + " is a folder, not a route file"
          : Files.notExists(file) ? (saidByTheMessage ? "" : problem.file() + " does not exist")
          : !readable.test(file) ? (saidByTheMessage ? "" : problem.file() + " may not be read by this user") : null;
      if (fact == null) {
        inFiles.add(problem);
        continue;
      }
      if (told.add(problem.file())) {
        if (!fact.isEmpty()) {
          wrongPaths.add(fact);
        }
        if (Files.exists(file) && !Files.isDirectory(file)) {
          givenBy.add("the file's permissions"); // its content is not at fault
        }
        givenBy.add(fromEnvironment.contains(file) ? "the path " + RouteFiles.ENVIRONMENT_VARIABLE + " holds"
            : "the path given to --routes");
      }
    }
    if (givenBy.isEmpty()) {
      return fix(inFiles, named, fromEnvironment);
    }
    return String.join("; ", wrongPaths) + (wrongPaths.isEmpty() ? "" : ": ") + "check " + String.join(" and ", givenBy)
        + (inFiles.isEmpty() ? "" : "; and " + fix(inFiles, named, fromEnvironment));
  }

  /**
   * The advice to fix the files {@code problems} are in: one file (named when {@code VIDGEN_ROUTES} gave it), or
   * several, each named with where it was given, so that none of them is left out.
   */
  private static String fix(List<RouteFileException> problems, List<Path> named, List<Path> fromEnvironment) {
    Set<String> files = new LinkedHashSet<>();
    problems.forEach(problem -> files.add(problem.file()));
    if (files.size() < 2) {
      return FIX_THE_FILE + namedInEnvironment(problems, fromEnvironment);
    }
    List<String> each = new ArrayList<>();
    for (String file : files) {
      boolean inEnvironment = fromEnvironment.stream().map(Path::toString).anyMatch(file::equals);
      String given = inEnvironment ? RouteFiles.ENVIRONMENT_VARIABLE : find(file, named) != null ? "--routes" : null;
      each.add(given == null ? file : file + " (" + given + ")");
    }
    return "fix the route files " + FORMAT + ": " + String.join(", ", each);
  }

  private static Path find(String file, List<Path> named) {
    return named.stream().filter(path -> path.toString().equals(file)).findFirst().orElse(null);
  }

  private static String namedInEnvironment(List<RouteFileException> problems, List<Path> fromEnvironment) {
    Set<String> named = new LinkedHashSet<>();
    for (RouteFileException problem : problems) {
      fromEnvironment.stream().map(Path::toString).filter(problem.file()::equals).forEach(named::add);
    }
    return named.isEmpty() ? "" : ", which " + RouteFiles.ENVIRONMENT_VARIABLE + " names ("
        + String.join(", ", named) + ")";
  }
}
