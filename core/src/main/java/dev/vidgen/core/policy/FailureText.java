package dev.vidgen.core.policy;

import dev.vidgen.core.text.Waits;
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
   * {@link #of(FailureKind)}, except that a call of no usable answer that did get one (an HTML page or
   * cut-short JSON sent with HTTP 200, say) says that answer came and could not be read.
   */
  static String of(FailureKind kind, int httpStatus) {
    return kind == FailureKind.NO_RESPONSE && httpStatus > 0
        ? "HTTP " + httpStatus + " came, but its answer could not be read"
        : of(kind);
  }

  /** "0.5 s", "2 s", "120 s", "more than a year": as {@link Waits#seconds}, as the error's own words say it. */
  static String seconds(Duration duration) {
    return Waits.seconds(duration);
  }
}
