package dev.vidgen.core.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which durations (whole seconds) a route accepts: a fixed set such as {10, 15}, or a range
 * such as 3–15; plus the default used when a job gives none, and the values (0 or -1) the provider
 * takes for an automatic length, which it chooses itself.
 *
 * @param allowed the allowed values, when the rule is a set; empty for a range
 * @param range the allowed range, when the rule is a range; null for a set
 * @param defaultSeconds the duration the provider uses when none is sent
 * @param automatic the values meaning an automatic length the route takes, a subset of {0, -1}; empty for none
 */
public record DurationRule(
    SortedSet<Integer> allowed, IntRange range, int defaultSeconds, SortedSet<Integer> automatic) {
  /** The values a provider may take for an automatic length. */
  public static final Set<Integer> AUTOMATIC_VALUES = Set.of(0, -1);

  /**
   * A rule as given, with {@code allowed} (not null) copied.
   *
   * @throws IllegalArgumentException unless exactly one of a non-empty {@code allowed} and a {@code range} is
   *     given, or, listing each at once, if a duration is below {@link RouteSpelling#MIN_SECONDS} or
   *     the rule does not accept {@code defaultSeconds} (saying what it accepts)
   */
  public DurationRule {
    allowed = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(allowed));
    automatic = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(automatic));
    if (allowed.isEmpty() == (range == null)) {
      throw new IllegalArgumentException("give either a set of durations or a range");
    }
    if (!AUTOMATIC_VALUES.containsAll(automatic)) {
      throw new IllegalArgumentException("an automatic length is 0 or -1, not " + automatic);
    }
    List<String> problems = new ArrayList<>((range == null ? allowed.stream() : Stream.of(range.min()))
        .flatMap(seconds -> RouteSpelling.durationProblem(seconds).stream()).toList());
    defaultProblem(allowed, range, defaultSeconds).ifPresent(problems::add);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; and ", problems));
    }
  }

  /** A rule that takes no automatic length. */
  public DurationRule(SortedSet<Integer> allowed, IntRange range, int defaultSeconds) {
    this(allowed, range, defaultSeconds, new TreeSet<>());
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

  /** This rule, also taking {@code values} (each 0 or -1) as an automatic length. */
  public DurationRule withAutomatic(Integer... values) {
    return new DurationRule(allowed, range, defaultSeconds, new TreeSet<>(List.of(values)));
  }

  /** Whether {@code seconds} is a value the route takes for an automatic length, chosen by the provider. */
  public boolean acceptsAutomatic(int seconds) {
    return automatic.contains(seconds);
  }

  /** The values taken for an automatic length, 0 before -1; empty when the route takes none. */
  public List<Integer> automaticValues() {
    List<Integer> values = new ArrayList<>(automatic);
    java.util.Collections.reverse(values);
    return List.copyOf(values);
  }

  /** "0 or -1" for the automatic values, or an empty text when the route takes none. */
  public String describeAutomatic() {
    List<String> text = automaticValues().stream().map(String::valueOf).toList();
    return text.isEmpty() ? "" : text.size() == 1 ? text.get(0) : String.join(" or ", text);
  }

  /** Whether {@code seconds} is an accepted length in seconds (an automatic length is not one). */
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
