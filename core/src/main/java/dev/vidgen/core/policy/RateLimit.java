package dev.vidgen.core.policy;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A request rate a client keeps to: one or more windows, each "at most this many requests in any
 * span of this length", all holding at once (such as 5 in any second, 50 in any 10 s and 300 in
 * any minute).
 *
 * @param windows the windows, shortest first; at least one, no two of the same length
 */
public record RateLimit(List<Window> windows) {

  /**
   * At most {@code requests} requests in any span of {@code per}.
   *
   * @param requests how many requests the window lets through
   * @param per how long the window is
   */
  public record Window(int requests, Duration per) {

    /**
     * A window as given.
     *
     * @throws IllegalArgumentException if {@code requests} is below 1 or {@code per} is not positive
     */
    public Window {
      Objects.requireNonNull(per, "per == null");
      if (requests < 1) {
        throw new IllegalArgumentException("a window must let at least 1 request through: " + requests);
      }
      if (per.isNegative() || per.isZero()) {
        throw new IllegalArgumentException("a window must be longer than zero: " + per);
      }
    }

    /** At most {@code requests} requests in any span of {@code per}. */
    public static Window of(int requests, Duration per) {
      return new Window(requests, per);
    }
  }

  /**
   * Windows as given, sorted shortest first.
   *
   * @throws IllegalArgumentException if there is no window or two have the same length
   */
  public RateLimit {
    Objects.requireNonNull(windows, "windows == null");
    windows = windows.stream().map(w -> Objects.requireNonNull(w, "a window is null"))
        .sorted(Comparator.comparing(Window::per)).toList();
    if (windows.isEmpty()) {
      throw new IllegalArgumentException("a rate limit needs at least one window");
    }
    if (windows.stream().map(Window::per).distinct().count() < windows.size()) {
      throw new IllegalArgumentException("two windows of the same length: " + windows);
    }
  }

  /** A limit of the given windows. */
  public static RateLimit of(Window... windows) {
    return new RateLimit(Arrays.asList(windows));
  }

  /**
   * The windows of a provider's rate table: {@code perSecond} in any second, {@code perTenSeconds}
   * in any 10 s and {@code perMinute} in any minute.
   */
  public static RateLimit perSecondTenSecondsMinute(int perSecond, int perTenSeconds, int perMinute) {
    return of(Window.of(perSecond, Duration.ofSeconds(1)), Window.of(perTenSeconds, Duration.ofSeconds(10)),
        Window.of(perMinute, Duration.ofMinutes(1)));
  }

  /** The most requests any one window holds. */
  public int largestCount() {
    return windows.stream().mapToInt(Window::requests).max().orElseThrow();
  }
}
