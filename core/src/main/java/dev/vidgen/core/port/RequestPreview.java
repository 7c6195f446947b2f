package dev.vidgen.core.port;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The exact request a provider would send for a job, for a person to check before paying: the
 * method, URL, headers (the key masked) and JSON body. Nothing is sent to make it.
 */
public record RequestPreview(String method, String url, Map<String, String> headers, String body) {
  /**
   * The client reference a preview shows where a create would carry a fresh one of its own; a command
   * that sends the previewed body should put a reference of its own there.
   */
  public static final String STAND_IN_REFERENCE = "vg-00000000-0000-4000-8000-000000000000";

  /**
   * A preview as given; {@code method} and {@code url} must not be null, null {@code headers}
   * become an empty map and a null {@code body} the empty string. The headers keep the order they
   * were given in, so the same preview prints the same way every time.
   */
  public RequestPreview {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(url, "url == null");
    headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    body = body == null ? "" : body;
  }
}
