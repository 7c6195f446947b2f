package dev.vidgen.core.port;

import dev.vidgen.core.domain.FollowOnKind;
import dev.vidgen.core.domain.TaskId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A validated follow-on job ready to create: extend or remix the video of {@code source}.
 *
 * @param kind whether the earlier video is extended or remixed
 * @param source the task whose video the job starts from
 * @param model the name sent as {@code model}: the route's id, the alias the job named, or the name the key's live
 *     model list gives the route
 * @param prompt the prompt, or null where the route takes none
 * @param size the {@code size} value, or null
 * @param params extra provider parameters, passed through untouched
 */
public record FollowOnRequest(
    FollowOnKind kind, TaskId source, String model, String prompt, String size, Map<String, Object> params) {
  /**
   * A request as given; {@code kind}, {@code source} and {@code model} must not be null, and
   * {@code params} is copied in order (null becomes empty).
   */
  public FollowOnRequest {
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(source, "source == null");
    Objects.requireNonNull(model, "model == null");
    params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** The request's own fields by name, in order: {@code model}, then {@code prompt} and {@code size} where given. */
  public Map<String, Object> ownFields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("model", model);
    if (prompt != null) {
      fields.put("prompt", prompt);
    }
    if (size != null) {
      fields.put("size", size);
    }
    return fields;
  }
}
