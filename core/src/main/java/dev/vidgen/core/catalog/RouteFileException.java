package dev.vidgen.core.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A route file that cannot be used: the message names the file, the JSON path (such as {@code
 * routes[0].seconds.default}), what was wrong and what is allowed; each route, patch and removal
 * of a file is checked, so {@link #all()} lists every problem found, in every file given. Nothing of a
 * bad file is used.
 */
public final class RouteFileException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final String jsonPath;
  private final String problem;
  private final List<RouteFileException> all;

  /**
   * A problem in {@code file} at {@code jsonPath} (null or empty for the whole file), saying what is wrong
   * and what is allowed in {@code problem}; {@code file} and {@code problem} must not be null.
   */
  public RouteFileException(String file, String jsonPath, String problem) {
    super(file + ": " + (jsonPath == null || jsonPath.isEmpty() ? "" : jsonPath + ": ") + problem);
    this.file = Objects.requireNonNull(file, "file == null");
    this.jsonPath = jsonPath == null ? "" : jsonPath;
    this.problem = Objects.requireNonNull(problem, "problem == null");
    this.all = List.of(this);
  }

  private RouteFileException(List<RouteFileException> problems) {
    super(summary(problems));
    RouteFileException first = problems.get(0);
    this.file = first.file;
    this.jsonPath = first.jsonPath;
    this.problem = first.problem;
    this.all = List.copyOf(problems);
  }

  /** One exception for every problem found in a file: the first's file, path and problem, and all of them in {@link #all()}. */
  static RouteFileException of(List<RouteFileException> problems) {
    List<RouteFileException> each = new ArrayList<>();
    problems.forEach(problem -> each.addAll(problem.all()));
    return each.size() == 1 ? each.get(0) : new RouteFileException(each);
  }

  /** How many problems the message of several names; {@link #all()} keeps every one. */
  private static final int SUMMARIZED = 50;

  private static String summary(List<RouteFileException> problems) {
    StringBuilder text = new StringBuilder(problems.get(0).getMessage())
        .append(" (and ").append(problems.size() - 1).append(" more: ");
    int told = Math.min(problems.size(), SUMMARIZED);
    for (int i = 1; i < told; i++) {
      RouteFileException next = problems.get(i);
      text.append(i > 1 ? "; " : "")
          .append(next.file.equals(problems.get(0).file) ? "" : next.file + ": ") // problems of several files
          .append(next.jsonPath.isEmpty() ? "" : next.jsonPath + ": ").append(next.problem);
    }
    if (told < problems.size()) {
      text.append("; and ").append(problems.size() - told).append(" more not shown here");
    }
    return text.append(')').toString();
  }

  /** Every problem found, in the order of the file; this one alone when there was one. */
  public List<RouteFileException> all() {
    return all;
  }

  /** The file (or resource) that holds the problem. */
  public String file() {
    return file;
  }

  /** Where in the file, such as {@code routes[0].seconds.default}; empty for the whole file. */
  public String jsonPath() {
    return jsonPath;
  }

  /** What was wrong and what is allowed, without the file and path. */
  public String problem() {
    return problem;
  }

  /**
   * Every problem as a JSON entry of its own, in the order of {@link #all()}: {@code file}, {@code path}
   * and {@code problem}, as the command line's and the playground's {@code problems} list them.
   */
  public List<Map<String, String>> problemEntries() {
    List<Map<String, String>> entries = new ArrayList<>(all.size());
    for (RouteFileException each : all) {
      Map<String, String> entry = new LinkedHashMap<>();
      entry.put("file", each.file);
      entry.put("path", each.jsonPath);
      entry.put("problem", each.problem);
      entries.add(entry);
    }
    return entries;
  }
}
