package dev.vidgen.core.catalog;

import java.util.Objects;

/**
 * A route file that cannot be used: the message names the file, the JSON path (such as {@code
 * routes[0].seconds.default}), what was wrong and what is allowed. Nothing of a bad file is used.
 */
public final class RouteFileException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final String jsonPath;
  private final String problem;

  public RouteFileException(String file, String jsonPath, String problem) {
    super(file + ": " + (jsonPath == null || jsonPath.isEmpty() ? "" : jsonPath + ": ") + problem);
    this.file = Objects.requireNonNull(file, "file == null");
    this.jsonPath = jsonPath == null ? "" : jsonPath;
    this.problem = Objects.requireNonNull(problem, "problem == null");
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
}
