package dev.vidgen.testkit.toapis;

import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.json.JsonTrees;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Issue 11 on the fake: the model list per key ({@code type=video} lists video models; no type
 * lists text models, as ToAPIs does), and extend and remix of an earlier task.
 */
final class FakeAccount {
  /** What {@code GET /v1/models} lists without a type: text models only. */
  static final List<String> TEXT_MODELS = List.of("gpt-4o-mini", "claude-sonnet-4-5", "deepseek-chat");
  private static final String GROK_10 = "grok-video-1.0";

  private FakeAccount() {}

  static FakeApi.Answer models(FakeState state, String key, String type) {
    String kind = type == null || type.isBlank() ? "text" : type.strip().toLowerCase(Locale.ROOT);
    Set<String> ids = new LinkedHashSet<>();
    if (kind.equals("video") || kind.equals("all")) {
      ids.addAll(videoModels(state, key));
    }
    if (kind.equals("text") || kind.equals("chat") || kind.equals("all")) {
      ids.addAll(TEXT_MODELS);
    }
    List<Map<String, Object>> data = new ArrayList<>();
    for (String id : ids) {
      Map<String, Object> model = new LinkedHashMap<>();
      model.put("id", id);
      model.put("object", "model");
      model.put("created", 1_767_225_600L);
      model.put("owned_by", "toapis");
      model.put("supported_endpoint_types", List.of(TEXT_MODELS.contains(id) ? "openai" : "video-generation"));
      data.add(model);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    body.put("object", "list");
    body.put("data", data);
    return FakeApi.Answer.json(200, body);
  }

  /** The key's video models: as configured, else every built-in route. */
  static Set<String> videoModels(FakeState state, String key) {
    Set<String> configured = state.videoModels(key);
    if (configured != null) {
      return configured;
    }
    Set<String> all = new LinkedHashSet<>();
    for (ModelRoute route : RouteCatalog.builtIn().routes()) {
      all.add(route.id());
    }
    return all;
  }

  /** {@code POST /v1/videos/{id}/extend|remix}: grok-video-1.0 takes both, sora-2* remix; a prompt is required. */
  static FakeApi.Answer followOn(Endpoint endpoint, FakeState state, FakeToApisServer server, String path, String body,
      Instant now) {
    String action = endpoint == Endpoint.EXTEND ? "extend" : "remix";
    String sourceId = URLDecoder.decode(
        path.substring("/v1/videos/".length(), path.length() - action.length() - 1), StandardCharsets.UTF_8);
    FakeTask source = state.find(sourceId);
    if (source == null) {
      return FakeApi.Answer.json(404, Map.of("error", Map.of("code", 404, "message", "Video not found: " + sourceId,
          "type", "not_found_error")));
    }
    Object parsed;
    try {
      parsed = JsonTrees.parse(body);
    } catch (IllegalArgumentException e) {
      return FakeApi.invalid("the body is not JSON: " + e.getMessage());
    }
    if (!(parsed instanceof Map<?, ?> fields)) {
      return FakeApi.invalid("the body must be a JSON object");
    }
    if (!(fields.get("model") instanceof String model) || model.isBlank()) {
      return FakeApi.invalid("model is required");
    }
    boolean takes = model.equals(GROK_10) || (endpoint == Endpoint.REMIX && model.startsWith("sora-2"));
    if (!takes) {
      return FakeApi.invalid("model " + model + " does not support " + action);
    }
    if (!(fields.get("prompt") instanceof String prompt) || prompt.isBlank()) {
      return FakeApi.invalid("prompt is required");
    }
    if (fields.containsKey("size") && !(fields.get("size") instanceof String)) {
      return FakeApi.invalid("size must be a string");
    }
    return state.newTask("video_" + action + "_", model, null, now, BigDecimal.ZERO, server.lifecycle())
        .map(task -> {
          Map<String, Object> answer = new LinkedHashMap<>(task.created());
          answer.put(endpoint == Endpoint.EXTEND ? "extended_from_video_id" : "remixed_from_video_id", source.id);
          return FakeApi.Answer.json(200, answer).withTask(task.id);
        })
        .orElseGet(() -> FakeApi.Answer.json(402, Map.of("error", Map.of(
            "code", "insufficient_quota", "message", "Insufficient quota: the balance does not cover this task"))));
  }
}
