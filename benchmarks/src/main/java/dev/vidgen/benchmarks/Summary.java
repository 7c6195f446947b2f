package dev.vidgen.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one bench run: headline keys (medians), the target each is held to, and the
 * details behind them; written as {@code summary.json}. A run of some sections only keeps the
 * other sections' figures from the {@code summary.json} already there.
 */
public final class Summary {
  /** {@code bin/bench --quick} must finish within this, build included. */
  static final long QUICK_LIMIT_S = 240;
  private final Map<String, Object> figures = new LinkedHashMap<>();
  private final Map<String, String> sectionOf = new LinkedHashMap<>();
  private final Map<String, Object> sectionRuns = new LinkedHashMap<>();
  private String section = "";
  private final Map<String, Object> details = new LinkedHashMap<>();
  private final List<Target> targets = new ArrayList<>();
  private final Map<String, Object> machine;
  private final Map<String, Object> run = new LinkedHashMap<>();
  private final Settings settings;

  /** A bound a headline figure is held to. */
  public record Target(String key, boolean atMost, double bound) {
    boolean met(double value) {
      return !Double.isNaN(value) && (atMost ? value <= bound : value >= bound);
    }

    String text() {
      return (atMost ? "<= " : ">= ") + bound;
    }
  }

  public Summary(Settings settings) {
    this.settings = settings;
    this.machine = Machine.describe();
  }

  /**
   * Keeps from {@code previous} (an earlier {@code summary.json}) the figures, targets and details
   * of the sections this run does not run.
   */
  @SuppressWarnings("unchecked")
  public void keepOthers(Map<String, Object> previous) {
    Map<String, Object> sections = (Map<String, Object>) previous.getOrDefault("figure_sections", Map.of());
    Map<String, Object> oldDetails = (Map<String, Object>) previous.getOrDefault("details", Map.of());
    Map<String, Object> oldTargets = (Map<String, Object>) previous.getOrDefault("targets", Map.of());
    sections.forEach((key, owner) -> {
      if (!settings.wants((String) owner) && previous.containsKey(key)) {
        Object value = previous.get(key);
        figures.put(key, value instanceof Double number && number == Math.rint(number) && Math.abs(number) < 1e15
            ? (Object) number.longValue() : value);
        sectionOf.put(key, (String) owner);
        if (oldTargets.get(key) instanceof Map<?, ?> target) {
          String text = (String) target.get("target");
          targets.add(new Target(key, text.startsWith("<="), Double.parseDouble(text.substring(3))));
        }
      }
    });
    oldDetails.forEach((name, value) -> {
      if (!settings.wants(name)) {
        details.put(name, value);
      }
    });
    ((Map<String, Object>) previous.getOrDefault("section_runs", Map.of())).forEach((name, value) -> {
      if (!settings.wants(name)) {
        sectionRuns.put(name, value);
      }
    });
  }

  /** When a section ran, how long it took and how busy the machine was (load averages) around it. */
  public void ran(String name, String mode, String loadBefore, String loadAfter, double seconds) {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("mode", mode);
    run.put("finished_at", java.time.Instant.now().toString());
    run.put("seconds", Math.round(seconds));
    run.put("load_average_before", loadBefore);
    run.put("load_average_after", loadAfter);
    sectionRuns.put(name, run);
  }

  /**
   * Records how long the whole run took: {@code seconds} in the harness, and from
   * {@code startedMillis} (epoch milliseconds when {@code bin/bench} started, before its build; may
   * be null) to now.
   */
  public void finished(double seconds, String startedMillis) {
    run.put("harness_seconds", Math.round(seconds));
    if (startedMillis != null && startedMillis.matches("[0-9]+")) {
      run.put("seconds_with_build", Math.round((System.currentTimeMillis() - Long.parseLong(startedMillis)) / 1e3));
    }
    run.put("load_average_at_end", Machine.loadAverage());
    if (settings.quick()) {
      double total = ((Number) run.getOrDefault("seconds_with_build", run.get("harness_seconds"))).doubleValue();
      run.put("quick_limit_s", QUICK_LIMIT_S);
      run.put("within_quick_limit", total <= QUICK_LIMIT_S);
    }
  }

  /** The section whose figures follow. */
  public void section(String name) {
    this.section = name;
  }

  /** Sets a headline figure (rounded to four significant digits). */
  public void put(String key, double value) {
    figures.put(key, Stats.round(value));
    sectionOf.put(key, section);
  }

  /** Sets a headline count. */
  public void put(String key, long value) {
    figures.put(key, value);
    sectionOf.put(key, section);
  }

  /** Holds {@code key} to at most {@code bound}. */
  public void atMost(String key, double bound) {
    targets.add(new Target(key, true, bound));
  }

  /** Holds {@code key} to at least {@code bound}. */
  public void atLeast(String key, double bound) {
    targets.add(new Target(key, false, bound));
  }

  /** Keeps the details of a section (its per-run values, settings and notes). */
  public void details(String section, Map<String, ?> values) {
    details.put(section, values);
  }

  /** A headline figure, or NaN when it was not measured. */
  public double figure(String key) {
    Object value = figures.get(key);
    return value instanceof Number number ? number.doubleValue() : Double.NaN;
  }

  /** Writes {@code summary.json} into {@code dir}. */
  public Path write(Path dir) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("mode", settings.quick() ? "quick" : "full");
    json.put("runs", settings.runs());
    json.put("sections_run_now", List.copyOf(settings.sections()));
    json.putAll(figures);
    Map<String, Object> checks = new LinkedHashMap<>();
    for (Target target : targets) {
      double value = figure(target.key());
      Map<String, Object> check = new LinkedHashMap<>();
      check.put("target", target.text());
      check.put("value", Double.isNaN(value) ? null : Stats.round(value));
      check.put("met", target.met(value));
      checks.put(target.key(), check);
    }
    json.put("targets", checks);
    Map<String, Object> where = new LinkedHashMap<>(machine);
    where.put("load_average_at_end", Machine.loadAverage());
    json.put("machine", where);
    json.put("run_time", run);
    json.put("section_runs", sectionRuns);
    json.put("details", details);
    json.put("figure_sections", sectionOf);
    Path file = dir.resolve("summary.json");
    JsonFiles.write(file, json);
    return file;
  }

  /** The headline figures and targets as lines for a person. */
  public List<String> report() {
    List<String> lines = new ArrayList<>();
    figures.forEach((key, value) -> {
      String verdict = targets.stream().filter(t -> t.key().equals(key)).findFirst()
          .map(t -> "  (target " + t.text() + ": " + (t.met(figure(key)) ? "met" : "MISSED") + ")").orElse("");
      lines.add(String.format("  %-36s %s%s", key, value, verdict));
    });
    return lines;
  }
}
