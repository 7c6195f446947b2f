package dev.vidgen.testkit.toapis;

import dev.vidgen.core.json.JsonTrees;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * The fake's own endpoints under {@code /_fake/}, for tests in another process: read the logs
 * ({@code GET creates}, {@code requests}, {@code tasks}, {@code health}) and script the server
 * ({@code POST faults}, {@code tasks/next}, {@code reset}). No key needed; never logged.
 */
final class FakeAdmin {
  private final FakeToApisServer server;
  private final FakeState state;

  FakeAdmin(FakeToApisServer server, FakeState state) {
    this.server = server;
    this.state = state;
  }

  MockResponse handle(RecordedRequest request, String path) {
    String route = request.getMethod() + " " + path.substring("/_fake/".length());
    try {
      return switch (route) {
        case "GET health" -> json(200, Map.of("ok", true, "base_url", server.baseUrl()));
        case "GET creates" -> json(200, state.creates().stream().map(FakeAdmin::create).toList());
        case "GET requests" -> json(200, state.requests().stream().map(FakeAdmin::request).toList());
        case "GET tasks" -> json(200, state.tasks().stream().map(FakeAdmin::task).toList());
        case "POST faults" -> inject(body(request));
        case "POST tasks/next" -> nextTask(body(request));
        case "POST reset" -> {
          server.reset();
          yield json(200, Map.of("ok", true));
        }
        default -> json(404, Map.of("error", "no admin route " + route
            + "; try GET /_fake/creates, /_fake/requests, /_fake/tasks, /_fake/health,"
            + " POST /_fake/faults, /_fake/tasks/next, /_fake/reset"));
      };
    } catch (IllegalArgumentException | ClassCastException e) {
      return json(400, Map.of("error", String.valueOf(e.getMessage())));
    }
  }

  private MockResponse inject(Map<String, Object> body) {
    Endpoint endpoint = Endpoint.parse(text(body, "endpoint", null));
    int times = (int) number(body, "times", 1);
    String name = text(body, "fault", null).toLowerCase(Locale.ROOT);
    Fault fault = switch (name) {
      case "rate_limited" -> Fault.rateLimited(Duration.ofSeconds(number(body, "retry_after", 1)));
      case "status" -> Fault.status((int) number(body, "status", 500));
      case "server_error" -> Fault.serverError();
      case "unavailable" -> Fault.unavailable();
      case "html" -> Fault.html((int) number(body, "status", 502));
      case "malformed_json" -> Fault.malformedJson();
      case "slow" -> Fault.slow(Duration.ofMillis(number(body, "delay_ms", 1000)));
      case "stall" -> Fault.stall();
      case "drop_before" -> Fault.dropBeforeProcessing();
      case "drop_after" -> Fault.dropAfterProcessing();
      default -> throw new IllegalArgumentException("unknown fault '" + name + "'; use rate_limited, status,"
          + " server_error, unavailable, html, malformed_json, slow, stall, drop_before or drop_after");
    };
    server.inject(endpoint, fault, times);
    return json(200, Map.of("ok", true, "injected", fault.toString(), "times", times));
  }

  private MockResponse nextTask(Map<String, Object> body) {
    String outcome = text(body, "outcome", "completes").toLowerCase(Locale.ROOT);
    TaskScript script = switch (outcome) {
      case "completes" -> TaskScript.completes();
      case "fails" -> TaskScript.fails(body.getOrDefault("code", "generation_failed"),
          text(body, "message", "The generation failed"));
      case "never_finishes" -> TaskScript.neverFinishes();
      default -> throw new IllegalArgumentException("unknown outcome '" + outcome + "'; use completes, fails or never_finishes");
    };
    String pending = text(body, "pending_status", null);
    server.nextTask(pending == null ? script : script.pendingAs(pending));
    return json(200, Map.of("ok", true));
  }

  private static Map<String, Object> create(CreateRecord create) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("sequence", create.sequence());
    json.put("task_id", create.taskId());
    json.put("model", create.model());
    json.put("client_business_id", create.clientBusinessId());
    json.put("outcome", create.outcome().name().toLowerCase(Locale.ROOT));
    json.put("status", create.status());
    json.put("received_at", create.receivedAt().toString());
    Object body;
    try {
      body = JsonTrees.parse(create.body());
    } catch (IllegalArgumentException notJson) {
      body = create.body();
    }
    json.put("body", body);
    return json;
  }

  private static Map<String, Object> request(ReceivedRequest request) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("sequence", request.sequence());
    json.put("endpoint", request.endpoint() == null ? null : request.endpoint().id());
    json.put("method", request.method());
    json.put("path", request.path());
    json.put("status", request.status());
    json.put("authorized", request.authorization().isPresent());
    json.put("received_at", request.receivedAt().toString());
    return json;
  }

  private static Map<String, Object> task(FakeTask task) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", task.id);
    json.put("model", task.model);
    json.put("client_business_id", task.clientBusinessId);
    json.put("created_at", task.createdAt.toString());
    json.put("polls", task.polls());
    return json;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(RecordedRequest request) {
    String text = request.getBody() == null ? "" : request.getBody().utf8();
    Object parsed = JsonTrees.parse(text.isBlank() ? "{}" : text);
    if (!(parsed instanceof Map<?, ?>)) {
      throw new IllegalArgumentException("send a JSON object");
    }
    return (Map<String, Object>) parsed;
  }

  private static String text(Map<String, Object> body, String name, String fallback) {
    Object value = body.get(name);
    if (value == null) {
      if (fallback == null && !name.equals("pending_status")) {
        throw new IllegalArgumentException(name + " is required");
      }
      return fallback;
    }
    return value.toString();
  }

  private static long number(Map<String, Object> body, String name, long fallback) {
    Object value = body.get(name);
    return value instanceof Number number ? number.longValue() : fallback;
  }

  private static MockResponse json(int status, Object body) {
    return new MockResponse.Builder()
        .code(status)
        .setHeader("Content-Type", FakeResponses.JSON)
        .body(JsonTrees.write(body))
        .build();
  }

  static List<String> routes() {
    return List.of("GET /_fake/health", "GET /_fake/creates", "GET /_fake/requests", "GET /_fake/tasks",
        "POST /_fake/faults", "POST /_fake/tasks/next", "POST /_fake/reset");
  }
}
