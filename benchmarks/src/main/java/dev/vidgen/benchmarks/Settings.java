package dev.vidgen.benchmarks;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one bench run does: quick or full, how many runs per figure, where results and charts go,
 * which sections run.
 *
 * @param runs runs per load figure (each in fresh processes); the medians are reported
 * @param charts where the SVG charts go: {@code docs/benchmarks} (from the working directory, the
 *     repository's root under {@code bin/bench}) for a full run, {@code OUT/charts} for a quick one
 */
public record Settings(boolean quick, int runs, Path out, Set<String> sections, Path charts) {
  /** Every section, in the order they run. */
  public static final List<String> SECTIONS =
      List.of("micro", "polling", "overhead", "inflight", "ratelimit", "e2e", "batch");

  /**
   * Reads {@code --quick}, {@code --runs N}, {@code --out DIR}, {@code --charts DIR} and {@code --only a,b}.
   *
   * @throws IllegalArgumentException naming an unknown option or section
   */
  public static Settings parse(String[] args) {
    boolean quick = false;
    Integer runs = null;
    Path out = Path.of("target", "bench");
    Path charts = null;
    Set<String> sections = new LinkedHashSet<>(SECTIONS);
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--runs" -> runs = Integer.parseInt(value(args, ++i, "--runs"));
        case "--out" -> out = Path.of(value(args, ++i, "--out"));
        case "--charts" -> charts = Path.of(value(args, ++i, "--charts"));
        case "--only" -> {
          sections = new LinkedHashSet<>(List.of(value(args, ++i, "--only").split(",")));
          for (String section : sections) {
            if (!SECTIONS.contains(section)) {
              throw new IllegalArgumentException("unknown section " + section + "; the sections are " + SECTIONS);
            }
          }
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; use --quick, --runs N, --out DIR, --charts DIR, --only " + String.join(",", SECTIONS));
      }
    }
    int chosen = runs != null ? runs : quick ? 1 : 5;
    if (chosen < 1) {
      throw new IllegalArgumentException("--runs must be at least 1: " + chosen);
    }
    if (charts == null) {
      // A quick run's numbers are not for quoting: its charts never replace the documentation's.
      charts = quick ? out.resolve("charts") : Path.of("docs", "benchmarks");
    }
    return new Settings(quick, chosen, out, sections, charts);
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[index];
  }

  /** Whether {@code section} runs. */
  public boolean wants(String section) {
    return sections.contains(section);
  }

  /** {@code quick} in a quick run, else {@code full}. */
  public <T> T pick(T quickValue, T fullValue) {
    return quick ? quickValue : fullValue;
  }
}
