package dev.vidgen.core.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which durations (whole seconds) a route accepts: a fixed set such as {10, 15}, or a range
 * such as 3–15; plus the default used when a job gives none.
 *
 * @param allowed the allowed values, when the rule is a set; empty for a range
 * @param range the allowed range, when the rule is a range; null for a set
 * @param defaultSeconds the duration the provider uses when none is sent
 */
public record DurationRule(SortedSet<Integer> allowed, IntRange range, int defaultSeconds) {

  /**
   * A rule as given, with {@code allowed} (not null) copied.
   *
   * @throws IllegalArgumentException unless exactly one of a non-empty {@code allowed} and a {@code range} is
   *     given, or, listing each at once, if a duration is below {@link RouteSpelling#MIN_SECONDS} or
   *     the rule does not accept {@code defaultSeconds} (saying what it accepts)
   */
  public DurationRule {
    allowed = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(allowed));
    if (allowed.isEmpty() == (range == null)) {
      throw new IllegalArgumentException("give either a set of durations or a range");
    }
    List<String> problems = new ArrayList<>((range == null ? allowed.stream() : Stream.of(range.min()))
        .flatMap(seconds -> RouteSpelling.durationProblem(seconds).stream()).toList());
    defaultProblem(allowed, range, defaultSeconds).ifPresent(problems::add);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; and ", problems));
    }
  }

  /**
   * What is wrong with {@code seconds} as the default of the rule, naming what is allowed: the valid durations
   * of a set, or the valid part of a range (none is told when no duration of the range is valid: that is told).
   */
  private static Optional<String> defaultProblem(SortedSet<Integer> allowed, IntRange range, int seconds) {
    if (range != null) {
      int min = Math.max(range.min(), RouteSpelling.MIN_SECONDS);
      boolean outside = min <= range.max() && (seconds < min || seconds > range.max());
      return outside ? Optional.of(RouteSpelling.defaultOutside(seconds, min, range.max())) : Optional.empty();
    }
    if (allowed.contains(seconds)) {
      return Optional.empty();
    }
    List<String> valid = allowed.stream().filter(value -> RouteSpelling.durationProblem(value).isEmpty())
        .map(String::valueOf).toList();
    return Optional.of("default " + seconds + " s is not offered; offered: "
        + RouteSpelling.allowedValues(valid, allowed.size(), "offered duration"));
  }

  /** Exactly these durations; the first is the default. */
  public static DurationRule oneOf(int defaultSeconds, int... others) {
    TreeSet<Integer> set = new TreeSet<>();
    set.add(defaultSeconds);
    for (int other : others) {
      set.add(other);
    }
    return new DurationRule(set, null, defaultSeconds);
  }

  /** Any whole number of seconds from {@code min} to {@code max}. */
  public static DurationRule between(int min, int max, int defaultSeconds) {
    return new DurationRule(new TreeSet<>(), IntRange.of(min, max), defaultSeconds);
  }

  /** Whether {@code seconds} is accepted. */
  public boolean accepts(int seconds) {
    return range == null ? allowed.contains(seconds) : range.contains(seconds);
  }

  /** Every accepted value, in order (a range is listed in full). */
  public List<Integer> values() {
    if (range == null) {
      return List.copyOf(allowed);
    }
    return java.util.stream.IntStream.rangeClosed(range.min(), range.max()).boxed().toList();
  }

  /** The smallest accepted duration. */
  public int min() {
    return range == null ? allowed.first() : range.min();
  }

  /** The largest accepted duration. */
  public int max() {
    return range == null ? allowed.last() : range.max();
  }

  /** "10 or 15", "4, 8 or 12", "3 to 15" for messages. */
  public String describe() {
    if (range != null) {
      return range.min() + " to " + range.max();
    }
    List<String> text = allowed.stream().map(String::valueOf).collect(Collectors.toList());
    if (text.size() == 1) {
      return text.get(0);
    }
    return String.join(", ", text.subList(0, text.size() - 1)) + " or " + text.get(text.size() - 1);
  }

  @Override
  public String toString() {
    return range != null ? range.min() + "–" + range.max() : Objects.toString(allowed);
  }
}
