package dev.vidgen.serve;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the playground itself ends a Generate: the HTTP status, a code the page can tell apart,
 * whether the create may have gone out, what happened and what to do.
 */
final class GenerateFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final boolean maybeSent;
  private final String next;
  private final transient Map<String, Object> beside;

  GenerateFailure(int status, String code, boolean maybeSent, String message, String next) {
    this(status, code, maybeSent, message, next, Map.of());
  }

  /** @param beside members the answer holds beside {@code error}, such as the earlier take it names */
  GenerateFailure(int status, String code, boolean maybeSent, String message, String next,
      Map<String, Object> beside) {
    super(Objects.requireNonNull(message, "message == null"), null, false, false);
    this.status = status;
    this.code = Objects.requireNonNull(code, "code == null");
    this.maybeSent = maybeSent;
    this.next = Objects.requireNonNull(next, "next == null");
    this.beside = new LinkedHashMap<>(Objects.requireNonNull(beside, "beside == null"));
  }

  int status() {
    return status;
  }

  String next() {
    return next;
  }

  /** The {@code error} object of the answer, as every other error of {@code POST /api/generate} has it. */
  Map<String, Object> json() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("message", getMessage());
    json.put("code", code);
    json.put("http_status", null);
    json.put("next", next);
    json.put("sent", maybeSent ? "maybe" : "no");
    return json;
  }

  /** The whole answer: {@link #json} as {@code error}, and the members beside it. */
  Map<String, Object> answer() {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("error", json());
    answer.putAll(beside);
    return answer;
  }
}
