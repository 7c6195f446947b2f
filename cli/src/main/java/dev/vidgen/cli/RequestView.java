package dev.vidgen.cli;

import dev.vidgen.core.json.JsonTrees;
import dev.vidgen.core.port.ApiKey;
import dev.vidgen.core.port.RequestPreview;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** How a dry run shows the request it would have sent: a JSON object for scripts, HTTP text for people. */
final class RequestView {
  /** Shown in place of the key when {@code variable} is not set (the preview was made with a stand-in never sent). */
  static String absentKey(String variable) {
    return "Bearer " + absent(variable);
  }

  /** Shown wherever the request would carry the key of {@code variable}, which is not set. */
  static String absent(String variable) {
    return "<absent: " + variable + " is not set>";
  }

  private final RequestPreview preview;
  private final boolean noKey;
  /** The body as JSON with every string (names too) masked, or null when the body is not JSON. */
  private final Object jsonBody;

  /**
   * The preview {@code made}, with {@code hide} applied to its URL, headers (names and values) and body (so that a key a provider
   * left in clear is masked); {@code given} is the key the provider was given, null when none (the mock takes none).
   */
  RequestView(RequestPreview made, ApiKey given, UnaryOperator<String> hide) {
    this(made, given, null, null, hide);
  }

  /**
   * As {@link #RequestView(RequestPreview, ApiKey, UnaryOperator)}; with {@code absentKeyVariable} (null when a key
   * is set), its key header says that this variable is not set, and with {@code standIn} (the key the preview was
   * made with, never sent) too, that key, in clear, encoded or masked, is shown as {@link #absent} wherever it stands,
   * in whichever header (such as {@code X-Acme-Token}), the URL or the body a provider puts it.
   */
  RequestView(RequestPreview made, ApiKey given, String absentKeyVariable, ApiKey standIn,
      UnaryOperator<String> hideKey) {
    UnaryOperator<String> hide = absentKeyVariable == null || standIn == null ? hideKey : text -> text == null ? null
        : standIn.maskIn(hideKey.apply(text)).replace(standIn.masked(), absent(absentKeyVariable));
    Map<String, String> headers = new LinkedHashMap<>();
    // A header's name may show the key as well as its value (X-Key-<key>): both are masked.
    made.headers().forEach((name, value) -> headers.put(hide.apply(name), hide.apply(value)));
    if (absentKeyVariable != null && headers.containsKey("Authorization")) {
      headers.put("Authorization", absentKey(absentKeyVariable));
    }
    this.preview = new RequestPreview(made.method(), hide.apply(made.url()), headers, hide.apply(made.body()));
    // Only a key the provider was given is "set": the mock takes none, whatever the environment holds.
    this.noKey = given == null || absentKeyVariable != null;
    // Parsed from the body as made: a key the text showed JSON-escaped comes out whole here, and is masked as such.
    this.jsonBody = JsonTrees.tryParse(made.body()).map(tree -> hidden(tree, hide)).orElse(null);
  }

  /** {@code tree} with {@code hide} applied to every string in it, member names included. */
  private static Object hidden(Object tree, UnaryOperator<String> hide) {
    if (tree instanceof String text) {
      return hide.apply(text);
    }
    if (tree instanceof Map<?, ?> members) {
      Map<String, Object> masked = new LinkedHashMap<>();
      members.forEach((name, value) -> masked.put(hide.apply(String.valueOf(name)), hidden(value, hide)));
      return masked;
    }
    if (tree instanceof List<?> items) {
      return items.stream().map(item -> hidden(item, hide)).toList();
    }
    return tree;
  }

  /** The {@code request} member of a dry run's JSON. */
  Map<String, Object> json() {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("method", preview.method());
    request.put("url", preview.url());
    request.put("headers", preview.headers());
    request.put("api_key", noKey ? "absent" : "set");
    // The body as JSON (numbers exactly as they will be sent), or as text when it is not JSON.
    request.put("body", jsonBody != null ? jsonBody : preview.body());
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
