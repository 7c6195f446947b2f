package dev.vidgen.provider.toapis.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.Headers;

/** Reads the headers vidgen reports with an error: a request id, {@code Retry-After}, {@code X-RateLimit-*}. */
public final class ResponseHeaders {
  /** Request-id headers in order of preference; ToAPIs names none, so any of these is taken. */
  static final List<String> REQUEST_ID_NAMES = List.of(
      "x-request-id", "request-id", "x-oneapi-request-id", "x-amzn-requestid", "x-amz-request-id",
      "x-correlation-id", "x-trace-id", "trace-id", "cf-ray");

  private static final String RATE_LIMIT_PREFIX = "x-ratelimit-";

  private ResponseHeaders() {}

  /** The request id the server sent, under any common name; null when none. */
  public static String requestId(Headers headers) {
    if (headers == null) {
      return null;
    }
    for (String name : REQUEST_ID_NAMES) {
      String value = headers.get(name);
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i).toLowerCase(Locale.ROOT);
      if ((name.endsWith("request-id") || name.endsWith("requestid")) && !headers.value(i).isBlank()) {
        return headers.value(i).strip();
      }
    }
    return null;
  }

  /** {@code Retry-After} in seconds or as an HTTP date (measured from {@code now}); null when absent or unreadable. */
  public static Duration retryAfter(Headers headers, Instant now) {
    String value = headers == null ? null : headers.get("Retry-After");
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = value.strip();
    if (text.matches("\\d+(\\.\\d+)?")) {
      return Duration.ofMillis(Math.round(Double.parseDouble(text) * 1000));
    }
    Date date = headers.getDate("Retry-After");
    if (date == null) {
      return null;
    }
    Duration wait = Duration.between(now, date.toInstant());
    return wait.isNegative() ? Duration.ZERO : wait;
  }

  /** Every {@code X-RateLimit-*} header, names in lower case. */
  public static Map<String, String> rateLimit(Headers headers) {
    Map<String, String> found = new TreeMap<>();
    if (headers == null) {
      return found;
    }
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i).toLowerCase(Locale.ROOT);
      if (name.startsWith(RATE_LIMIT_PREFIX)) {
        found.put(name, headers.value(i).strip());
      }
    }
    return found;
  }
}
