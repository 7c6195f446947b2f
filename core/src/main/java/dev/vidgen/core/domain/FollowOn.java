package dev.vidgen.core.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a follow-on job (extend or remix of an earlier task) asks for. Build one with {@link
 * #prompt(String)} and the {@code with...} methods.
 *
 * @param model the route to send it to, or null for the earlier task's route
 * @param prompt what the new video shows; most routes require one
 * @param size the {@code size} value, or null for the provider's default
 * @param params extra provider parameters, passed through untouched
 */
public record FollowOn(String model, String prompt, String size, Map<String, Object> params) {
  /** A follow-on as given, with {@code params} copied in order (null becomes empty). */
  public FollowOn {
    params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** A follow-on with {@code prompt} on the earlier task's route. */
  public static FollowOn prompt(String prompt) {
    return new FollowOn(null, prompt, null, Map.of());
  }

  /** A copy sent to {@code model}. */
  public FollowOn withModel(String model) {
    return new FollowOn(model, prompt, size, params);
  }

  /** A copy with {@code size}. */
  public FollowOn withSize(String size) {
    return new FollowOn(model, prompt, size, params);
  }

  /** A copy with one more provider parameter. */
  public FollowOn withParam(String key, Object value) {
    Map<String, Object> more = new LinkedHashMap<>(params);
    more.put(Objects.requireNonNull(key, "key == null"), Objects.requireNonNull(value, "value == null"));
    return new FollowOn(model, prompt, size, more);
  }
}
