package dev.vidgen.testkit.toapis;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One request the fake received, as logged.
 *
 * @param sequence 1 for the first request the server received
 * @param headers header names in lower case, the first value of each
 * @param body the body as UTF-8 text (uploads: the multipart text, binary parts included)
 * @param status the status answered, or 0 when the connection was dropped or stalled
 */
public record ReceivedRequest(
    long sequence, Endpoint endpoint, String method, String path, Map<String, String> headers,
    String body, int status, Instant receivedAt) {

  public ReceivedRequest {
    headers = Map.copyOf(headers);
  }

  /** The {@code Authorization} header, if sent. */
  public Optional<String> authorization() {
    return Optional.ofNullable(headers.get("authorization"));
  }

  /** A header by name (any case). */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
  }
}
