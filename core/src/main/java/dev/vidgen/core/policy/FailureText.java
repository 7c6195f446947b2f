package dev.vidgen.core.policy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/** Words for failures and waits in decision reasons. */
final class FailureText {
  private FailureText() {}

  static String of(FailureKind kind) {
    return switch (kind) {
      case RATE_LIMITED -> "HTTP 429, rate limited";
      case UNAVAILABLE -> "HTTP 503, unavailable";
      case SERVER_ERROR -> "HTTP 500, server error";
      case CONNECT_FAILED -> "the connection failed before the request was sent";
      case NO_RESPONSE -> "the request was sent but never answered";
      case AUTHENTICATION -> "HTTP 401/403, the API key was refused";
      case INSUFFICIENT_QUOTA -> "HTTP 402, not enough credits";
      case CONTENT_POLICY -> "HTTP 422, refused by the content policy";
      case REJECTED -> "HTTP 400, the request was rejected";
      case NOT_FOUND -> "HTTP 404, not found";
    };
  }

  /**
   * "0.5 s", "2 s", "120 s": to the millisecond below ten seconds, in whole seconds (rounded up) from
   * there, so that a wait read off an HTTP date is not "198.67 s" and a hint just over a limit never
   * reads as equal to it.
   */
  static String seconds(Duration duration) {
    BigDecimal exact = BigDecimal.valueOf(duration.toMillis(), 3);
    BigDecimal shown = exact.compareTo(BigDecimal.TEN) >= 0 ? exact.setScale(0, RoundingMode.CEILING) : exact;
    return shown.stripTrailingZeros().toPlainString() + " s";
  }
}
