package dev.vidgen.testkit.toapis;

import dev.vidgen.core.json.JsonTrees;
import java.util.LinkedHashMap;
import java.util.Map;

/** Bodies the fake answers with, in ToAPIs' shapes. */
final class FakeResponses {
  static final String JSON = "application/json; charset=utf-8";

  private FakeResponses() {}

  /** {@code {"error":{"code":…,"message":…[,"type":…]}}}. */
  static String error(Object code, String message, String type) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    if (type != null) {
      error.put("type", type);
    }
    return JsonTrees.write(Map.of("error", error));
  }

  /** The gateway's error type for a status. */
  static String typeFor(int status) {
    return switch (status) {
      case 400 -> "invalid_request_error";
      case 401 -> "authentication_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 429 -> "rate_limit_error";
      default -> status >= 500 ? "server_error" : "invalid_request_error";
    };
  }

  /** {@code {"success":false,"message":…}}, the upload and account error shape. */
  static String refusal(String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", false);
    body.put("message", message);
    return JsonTrees.write(body);
  }
}
