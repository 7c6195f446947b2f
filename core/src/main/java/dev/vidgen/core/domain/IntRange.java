package dev.vidgen.core.domain;

import java.util.ArrayList;
import java.util.List;

/** An inclusive range of whole numbers, such as "1 to 9 images". */
public record IntRange(int min, int max) {
  /**
   * The range from {@code min} to {@code max}, both included.
   *
   * @throws IllegalArgumentException if {@code min} is negative or {@code max} is below {@code min}, saying which
   */
  public IntRange {
    List<String> problems = new ArrayList<>();
    if (min < 0) {
      problems.add("the lower bound must be 0 or more");
    }
    if (max < min) {
      problems.add("the lower bound must not be above the upper");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("bad range: " + min + ".." + max + " (" + String.join(", and ", problems) + ")");
    }
  }

  /**
   * The range from {@code min} to {@code max}, both included.
   *
   * @throws IllegalArgumentException if {@code min} is negative or {@code max} is below {@code min}
   */
  public static IntRange of(int min, int max) {
    return new IntRange(min, max);
  }

  /** The range holding {@code n} alone; {@code n} must not be negative. */
  public static IntRange exactly(int n) {
    return new IntRange(n, n);
  }

  /** Whether {@code value} is in the range, ends included. */
  public boolean contains(int value) {
    return value >= min && value <= max;
  }

  /** "exactly 1", "0 to 3", "at most 9" style text for messages. */
  public String describe() {
    if (min == max) {
      return "exactly " + min;
    }
    if (min == 0) {
      return "at most " + max;
    }
    return min + " to " + max;
  }

  @Override
  public String toString() {
    return min == max ? Integer.toString(min) : min + "–" + max;
  }
}
