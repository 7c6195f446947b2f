package dev.vidgen.cli;

import dev.vidgen.core.json.JsonTrees;
import dev.vidgen.core.port.RequestPreview;
import java.util.LinkedHashMap;
import java.util.Map;

/** How a dry run shows the request it would have sent: a JSON object for scripts, HTTP text for people. */
final class RequestView {
  /** Shown in place of the key when no key is set (the preview was made with a stand-in that is never sent). */
  static final String ABSENT_KEY = "Bearer <absent: " + ProviderChoice.KEY_VARIABLE + " is not set>";

  private final RequestPreview preview;
  private final boolean noKey;

  /** The preview {@code made}; with {@code noKey}, its key header says that no key is set. */
  RequestView(RequestPreview made, boolean noKey) {
    Map<String, String> headers = new LinkedHashMap<>(made.headers());
    if (noKey && headers.containsKey("Authorization")) {
      headers.put("Authorization", ABSENT_KEY);
    }
    this.preview = new RequestPreview(made.method(), made.url(), headers, made.body());
    this.noKey = noKey;
  }

  /** The {@code request} member of a dry run's JSON. */
  Map<String, Object> json() {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("method", preview.method());
    request.put("url", preview.url());
    request.put("headers", preview.headers());
    request.put("api_key", noKey ? "absent" : "set");
    // The body as JSON (numbers exactly as they will be sent), or as text when it is not JSON.
    request.put("body", JsonTrees.tryParse(preview.body()).orElse(preview.body()));
    return request;
  }

  /** The request as HTTP text, after a blank line: request line, headers by name, blank line, body. */
  void print(Output output) {
    output.line("");
    output.line(preview.method() + " " + preview.url());
    preview.headers().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(header -> output.line(header.getKey() + ": " + header.getValue()));
    output.line("");
    output.line(preview.body());
  }
}
