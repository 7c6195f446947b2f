package dev.vidgen.testkit.toapis;

import dev.vidgen.core.json.JsonTrees;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Headers;
import okio.Buffer;

/** Answers requests the way ToAPIs documents, after any injected fault has had its say. */
final class FakeApi extends Dispatcher {
  private static final String CREATE_PATH = "/v1/videos/generations";
  private static final String FILE_PREFIX = "/files/videos/";
  private static final BigDecimal CREDITS_PER_USD = BigDecimal.valueOf(200);

  /** One answer before faults are applied. */
  record Answer(int status, String contentType, byte[] body, Map<String, String> headers, String taskId) {
    static Answer json(int status, Object body) {
      return new Answer(status, FakeResponses.JSON, JsonTrees.write(body).getBytes(StandardCharsets.UTF_8), Map.of(), null);
    }

    static Answer raw(int status, String contentType, String body) {
      return new Answer(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of(), null);
    }

    Answer withTask(String id) {
      return new Answer(status, contentType, body, headers, id);
    }
  }

  private final FakeToApisServer server;
  private final FakeState state;
  private final FakeAdmin admin;
  private final FakeUploads uploads;
  private final byte[] video;

  FakeApi(FakeToApisServer server, FakeState state, byte[] video) {
    this.server = server;
    this.state = state;
    this.admin = new FakeAdmin(server, state);
    this.uploads = new FakeUploads(server, state);
    this.video = video;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    if (path.startsWith("/_fake/")) {
      return admin.handle(request, path);
    }
    Instant now = server.clock().instant();
    long sequence = state.nextSequence();
    String body = request.getBody() == null ? "" : request.getBody().utf8();
    Endpoint endpoint = endpointOf(request.getMethod(), path);
    if (endpoint == null) {
      Answer missing = Answer.json(404, Map.of("error", Map.of(
          "code", 404, "message", "No route for " + request.getMethod() + " " + path, "type", "not_found_error")));
      return toResponse(missing, null, sequence);
    }
    Fault fault = state.takeFault(endpoint);
    if (fault != null && (fault.kind == Fault.Kind.MEET || fault.kind == Fault.Kind.HOLD)) {
      fault.meet();
    }
    Answer answer;
    Answer processedUnseen = null;
    if (fault != null && !fault.processes()) {
      answer = fault.kind == Fault.Kind.ANSWER ? faultAnswer(fault, endpoint, now) : null;
    } else {
      answer = authorized(request) ? handle(endpoint, request, path, body, now) : unauthorized(request);
      if (fault != null && fault.kind == Fault.Kind.ANSWER_AFTER) {
        processedUnseen = answer;
        answer = faultAnswer(fault, endpoint, now);
      }
    }
    boolean delivered = answer != null && (fault == null || fault.kind == Fault.Kind.ANSWER
        || fault.kind == Fault.Kind.SLOW || fault.kind == Fault.Kind.ANSWER_AFTER || fault.kind == Fault.Kind.TRICKLE
        || fault.kind == Fault.Kind.MEET || fault.kind == Fault.Kind.HOLD || fault.kind == Fault.Kind.HOLD_ANSWER
        || fault.kind == Fault.Kind.CUT);
    int status = delivered ? answer.status() : 0;
    state.log(new ReceivedRequest(sequence, endpoint, request.getMethod(), path, headers(request.getHeaders()),
        body, status, now));
    if (endpoint == Endpoint.CREATE) {
      // A create answered by an error after it made its task: made, but its answer never named it.
      logCreate(sequence, body, processedUnseen != null ? processedUnseen : answer, fault,
          processedUnseen == null && delivered, now);
    }
    if (fault != null && fault.kind == Fault.Kind.HOLD_ANSWER) {
      fault.meet(); // logged and acted on: only the answer waits for the test
    }
    return toResponse(answer, fault, sequence);
  }

  private Answer handle(Endpoint endpoint, RecordedRequest request, String path, String body, Instant now) {
    return switch (endpoint) {
      case CREATE -> create(body, now);
      case STATUS -> status(URLDecoder.decode(path.substring(CREATE_PATH.length() + 1), StandardCharsets.UTF_8), now);
      case UPLOAD -> uploads.upload(request);
      case BALANCE -> keyBalance();
      case FILE -> file(path, now);
      case MODELS -> FakeAccount.models(state, keyOf(request), request.getUrl().queryParameter("type"));
      case USER_BALANCE -> balance();
      case VIDEO_UPLOAD -> uploads.video(request);
      case EXTEND, REMIX -> FakeAccount.followOn(endpoint, state, server, path, body, now);
    };
  }

  private Answer create(String body, Instant now) {
    Object parsed;
    try {
      parsed = JsonTrees.parse(body);
    } catch (IllegalArgumentException e) {
      return invalid("the body is not JSON: " + e.getMessage());
    }
    if (!(parsed instanceof Map<?, ?>)) {
      return invalid("the body must be a JSON object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> fields = (Map<String, Object>) parsed;
    String problem = WireRules.check(fields);
    if (problem != null) {
      return invalid(problem);
    }
    String model = (String) fields.get("model");
    String reference = (String) fields.get("client_business_id");
    // seedance-2-5's output_format (mp4 or mov) names the result's format, as on ToAPIs.
    boolean mov = "mov".equals(fields.get("output_format"));
    return state.newTask(model, reference, now, creditsFor(fields, server), server.lifecycle())
        .map(task -> {
          if (mov) {
            task.format("mov");
          }
          return Answer.json(200, task.created()).withTask(task.id);
        })
        .orElseGet(() -> Answer.json(402, Map.of("error", Map.of(
            "code", "insufficient_quota", "message", "Insufficient quota: the balance does not cover this task"))));
  }

  private Answer status(String idOrReference, Instant now) {
    FakeTask task = state.find(idOrReference);
    if (task == null) {
      return Answer.json(404, Map.of("error", Map.of("code", 404, "message", "Task not found", "type", "not_found_error")));
    }
    return Answer.json(200, task.poll(now, server.filesBaseUrl()));
  }

  /** {@code /v1/balance}: the key's own quota when it has one, else the account's numbers. */
  private Answer keyBalance() {
    BigDecimal key = state.keyCredits();
    if (key == null) {
      return balance();
    }
    Map<String, Object> balance = new LinkedHashMap<>();
    balance.put("success", true);
    balance.put("remain_balance", key.divide(CREDITS_PER_USD, 6, RoundingMode.HALF_EVEN).stripTrailingZeros());
    balance.put("remain_credits", key);
    balance.put("used_credits", state.usedCredits());
    balance.put("credits_per_usd", 200);
    balance.put("unlimited_quota", false);
    return Answer.json(200, balance);
  }

  private static String keyOf(RecordedRequest request) {
    String header = request.getHeaders().get("Authorization");
    return header == null || !header.startsWith("Bearer ") ? "" : header.substring(7).strip();
  }

  private Answer balance() {
    Map<String, Object> balance = new LinkedHashMap<>();
    balance.put("success", true);
    if (state.unlimited()) {
      balance.put("remain_balance", -1);
      balance.put("remain_credits", -1);
    } else {
      balance.put("remain_balance", state.credits().divide(CREDITS_PER_USD, 6, RoundingMode.HALF_EVEN).stripTrailingZeros());
      balance.put("remain_credits", state.credits());
    }
    balance.put("used_balance", state.usedCredits().divide(CREDITS_PER_USD, 6, RoundingMode.HALF_EVEN).stripTrailingZeros());
    balance.put("used_credits", state.usedCredits());
    balance.put("credits_per_usd", 200);
    balance.put("unlimited_quota", state.unlimited());
    return Answer.json(200, balance);
  }

  private Answer file(String path, Instant now) {
    String name = path.substring(FILE_PREFIX.length());
    int dot = name.lastIndexOf('.');
    FakeTask task = dot > 0 ? state.find(name.substring(0, dot)) : null;
    if (task == null || !name.substring(dot + 1).equals(task.format()) || !task.resultAvailable(now)) {
      return Answer.raw(404, "application/xml", "<Error><Code>NoSuchKey</Code><Message>The file does not exist or has expired</Message></Error>");
    }
    // The sample MP4 also stands for a MOV: the two share one box format.
    return new Answer(200, task.format().equals("mov") ? "video/quicktime" : "video/mp4", video, Map.of(), null);
  }

  private Answer faultAnswer(Fault fault, Endpoint endpoint, Instant now) {
    Map<String, String> headers = new LinkedHashMap<>(fault.headers);
    if (fault.retryAfter != null) {
      boolean submit = endpoint == Endpoint.CREATE || endpoint == Endpoint.UPLOAD || endpoint == Endpoint.VIDEO_UPLOAD
          || endpoint == Endpoint.EXTEND || endpoint == Endpoint.REMIX;
      headers.put("X-RateLimit-Limit", submit ? "300" : "3000");
      headers.put("X-RateLimit-Remaining", "0");
      headers.put("X-RateLimit-Reset", Long.toString(now.plus(fault.retryAfter).getEpochSecond()));
      headers.put("X-RateLimit-Category", submit ? "async_submit" : "async_query");
    }
    return new Answer(fault.status, fault.contentType, fault.body.getBytes(StandardCharsets.UTF_8), headers, null);
  }

  private boolean authorized(RecordedRequest request) {
    if (request.getUrl().encodedPath().startsWith(FILE_PREFIX)) {
      return true;
    }
    String header = request.getHeaders().get("Authorization");
    return header != null && header.startsWith("Bearer ") && server.validKeys().contains(header.substring(7).strip());
  }

  private static Answer unauthorized(RecordedRequest request) {
    String message = request.getHeaders().get("Authorization") == null
        ? "Missing Authorization header (Bearer sk-…)" : "Invalid token";
    return Answer.json(401, Map.of("error", Map.of("code", 401, "message", message, "type", "authentication_error")));
  }

  static Answer invalid(String message) {
    return Answer.json(400, Map.of("error", Map.of("code", 400, "message", message, "type", "invalid_request_error")));
  }

  private void logCreate(long sequence, String body, Answer answer, Fault fault, boolean delivered, Instant now) {
    String model = null;
    String reference = null;
    try {
      if (JsonTrees.parse(body) instanceof Map<?, ?> fields) {
        model = fields.get("model") instanceof String text ? text : null;
        reference = fields.get("client_business_id") instanceof String text ? text : null;
      }
    } catch (IllegalArgumentException notJson) {
      // logged with no model or reference
    }
    String taskId = answer == null ? null : answer.taskId();
    CreateRecord.Outcome outcome = taskId != null
        ? (delivered ? CreateRecord.Outcome.CREATED : CreateRecord.Outcome.CREATED_UNANSWERED)
        : (fault != null && !fault.processes() ? CreateRecord.Outcome.FAULTED : CreateRecord.Outcome.REJECTED);
    state.log(new CreateRecord(sequence, taskId, model, reference, body, outcome,
        delivered ? answer.status() : 0, now));
  }

  private MockResponse toResponse(Answer answer, Fault fault, long sequence) {
    MockResponse.Builder response = new MockResponse.Builder();
    if (fault != null && fault.kind == Fault.Kind.STALL) {
      return response.onResponseStart(SocketEffect.Stall.INSTANCE).build();
    }
    if (fault != null && (fault.kind == Fault.Kind.DROP_BEFORE || fault.kind == Fault.Kind.DROP_AFTER)) {
      return response.onResponseStart(new SocketEffect.CloseSocket()).build();
    }
    response.code(answer.status());
    if (answer.contentType() != null) {
      response.setHeader("Content-Type", answer.contentType());
    }
    if (server.requestIdHeader() != null) {
      response.setHeader(server.requestIdHeader(), "req_" + sequence);
    }
    answer.headers().forEach(response::setHeader);
    byte[] body = answer.body();
    if (fault != null && fault.kind == Fault.Kind.CUT) {
      // Content-Length follows the body, so the client reads to the end without a failure.
      body = java.util.Arrays.copyOf(body, Math.min(body.length, fault.cutAt));
    }
    response.body(new Buffer().write(body));
    if (fault != null && (fault.kind == Fault.Kind.SLOW || fault.kind == Fault.Kind.ANSWER
        || fault.kind == Fault.Kind.ANSWER_AFTER) && !fault.delay.isZero()) {
      response.headersDelay(fault.delay.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }
    if (fault != null && fault.kind == Fault.Kind.TRICKLE) {
      response.throttleBody(16, fault.delay.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }
    return response.build();
  }

  private static Endpoint endpointOf(String method, String path) {
    if (method.equals("POST") && path.equals(CREATE_PATH)) {
      return Endpoint.CREATE;
    }
    if (method.equals("GET") && path.startsWith(CREATE_PATH + "/") && path.length() > CREATE_PATH.length() + 1) {
      return Endpoint.STATUS;
    }
    if (method.equals("POST") && path.equals("/v1/uploads/images")) {
      return Endpoint.UPLOAD;
    }
    if (method.equals("GET") && Set.of("/v1/balance", "/balance").contains(path)) {
      return Endpoint.BALANCE;
    }
    if (method.equals("GET") && path.startsWith(FILE_PREFIX)) {
      return Endpoint.FILE;
    }
    if (method.equals("GET") && Set.of("/v1/models", "/models").contains(path)) {
      return Endpoint.MODELS;
    }
    if (method.equals("GET") && Set.of("/v1/user/balance", "/user/balance").contains(path)) {
      return Endpoint.USER_BALANCE;
    }
    if (method.equals("POST") && path.equals("/v1/uploads/videos")) {
      return Endpoint.VIDEO_UPLOAD;
    }
    if (method.equals("POST") && path.matches("/v1/videos/[^/]+/extend")) {
      return Endpoint.EXTEND;
    }
    if (method.equals("POST") && path.matches("/v1/videos/[^/]+/remix")) {
      return Endpoint.REMIX;
    }
    return null;
  }

  private static Map<String, String> headers(Headers headers) {
    Map<String, String> first = new LinkedHashMap<>();
    for (int i = 0; i < headers.size(); i++) {
      first.putIfAbsent(headers.name(i).toLowerCase(Locale.ROOT), headers.value(i));
    }
    return first;
  }

  /**
   * Credits a create costs: 20/30 for the grok preview (10/15 s), 2 per second for grok 1.5, the
   * set price per second of another model, else 0.
   */
  static BigDecimal creditsFor(Map<String, Object> body, FakeToApisServer server) {
    Object model = body.get("model");
    if (model instanceof String name && server.creditsPerSecond(name).isPresent()) {
      long seconds = body.get("duration") instanceof Long number ? number : 5;
      return server.creditsPerSecond(name).get().multiply(BigDecimal.valueOf(seconds));
    }
    if (WireRules.GROK_PREVIEW.equals(model)) {
      return BigDecimal.valueOf("15".equals(body.get("seconds")) ? 30 : 20);
    }
    if (WireRules.GROK_15.equals(model)) {
      long seconds = body.get("duration") instanceof Long number ? number : 8;
      return BigDecimal.valueOf(2 * seconds);
    }
    return BigDecimal.ZERO;
  }
}
