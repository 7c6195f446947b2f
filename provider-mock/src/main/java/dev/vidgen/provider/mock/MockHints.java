package dev.vidgen.provider.mock;

import dev.vidgen.core.domain.ModelRoute;
import java.util.Map;

/**
 * What the mock reads from a route's opaque hints: its own ({@code hints.mock}) first, then
 * ToAPIs' ({@code hints.toapis}), since the mock stands in for ToAPIs offline. Only a few plain
 * keys are read; anything else is ignored.
 */
final class MockHints {
  private MockHints() {}

  static boolean takesClientReference(ModelRoute route) {
    return Boolean.TRUE.equals(value(route, "client_reference"));
  }

  /** A text hint, or {@code fallback} when neither provider's hints give one. */
  static String text(ModelRoute route, String key, String fallback) {
    return value(route, key) instanceof String text && !text.isBlank() ? text : fallback;
  }

  static boolean flag(ModelRoute route, String key) {
    return Boolean.TRUE.equals(value(route, key));
  }

  private static Object value(ModelRoute route, String key) {
    Map<String, Object> own = route.hintsFor("mock");
    if (own.containsKey(key)) {
      return own.get(key);
    }
    return route.hintsFor("toapis").get(key);
  }
}
