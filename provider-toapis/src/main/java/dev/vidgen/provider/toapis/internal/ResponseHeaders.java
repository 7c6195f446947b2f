package dev.vidgen.provider.toapis.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
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

  /**
   * The longest {@code Retry-After} read as it stands: ten years. A longer one (twenty digits of seconds overflow a
   * count of milliseconds) is no wait a server means; it is read as this, which messages say as "more than a year",
   * and, like any hint over the retry policy's cap, is not waited for.
   */
  static final Duration LONGEST_RETRY_AFTER = Duration.ofDays(3650);

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
      int point = text.indexOf('.');
      String whole = (point < 0 ? text : text.substring(0, point)).replaceFirst("^0+(?=\\d)", "");
      if (whole.length() > String.valueOf(LONGEST_RETRY_AFTER.toSeconds()).length()) {
        return LONGEST_RETRY_AFTER; // more digits than the ceiling has: not worth reading exactly
      }
      BigDecimal millis = new BigDecimal(text).movePointRight(3).setScale(0, RoundingMode.HALF_UP);
      return atMostTheLongest(Duration.ofMillis(millis.longValueExact()));
    }
    Date date = headers.getDate("Retry-After");
    if (date == null) {
      return null;
    }
    Duration wait = Duration.between(now, date.toInstant());
    return wait.isNegative() ? Duration.ZERO : atMostTheLongest(wait);
  }

  private static Duration atMostTheLongest(Duration wait) {
    return wait.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : wait;
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
