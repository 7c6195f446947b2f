package dev.vidgen.provider.toapis.internal;

import dev.vidgen.core.policy.Operation;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How long a sent request may wait for its answer, and why one did not come, in words for people
 * ("no answer within 30 s after the request was sent", not "SocketTimeoutException: timeout").
 *
 * @param apiSilence the longest silence while reading an API call's answer; zero for none
 * @param callLimit the limit for one whole API call; zero for none
 * @param fileSilence the longest silence while reading an upload's or a download's answer
 * @param uploadStall the longest an upload may take to send its next part (the write timeout)
 */
public record NoAnswer(Duration apiSilence, Duration callLimit, Duration fileSilence, Duration uploadStall) {
  public NoAnswer {
    Objects.requireNonNull(apiSilence, "apiSilence == null");
    Objects.requireNonNull(callLimit, "callLimit == null");
    Objects.requireNonNull(fileSilence, "fileSilence == null");
    Objects.requireNonNull(uploadStall, "uploadStall == null");
  }

  /**
   * Why {@code failure} left a sent request of {@code operation} without a (whole) answer, naming no
   * Java class; {@code answered} when the answer had begun, {@code cutShort} when the request's body
   * had not gone out whole.
   */
  String why(Operation operation, boolean answered, boolean cutShort, Throwable failure) {
    if (operation == Operation.UPLOAD && cutShort && !answered && failure instanceof SocketTimeoutException) {
      // The write timeout, not the wait for an answer: the upload stopped moving while it was going out.
      return "the upload stopped moving: less than 256 KiB of it went out within " + seconds(uploadStall);
    }
    if (failure instanceof InterruptedIOException) {
      boolean fileCall = operation == Operation.UPLOAD || operation == Operation.DOWNLOAD;
      Duration silence = fileCall ? fileSilence : apiSilence;
      Duration limit = fileCall ? Duration.ZERO : callLimit;
      // A silence on the socket is a SocketTimeoutException; the whole call's limit is a plain InterruptedIOException.
      boolean silent = failure instanceof SocketTimeoutException && isSet(silence) || !isSet(limit);
      Duration waited = silent ? silence : limit;
      String within = isSet(waited) ? " within " + seconds(waited) : " in time";
      if (answered) {
        return silent ? "no more of it came" + within : "the whole answer did not come" + within;
      }
      return "no answer" + within + " after the request was sent";
    }
    String message = failure.getMessage();
    if (message != null && !message.isBlank()) {
      return message.strip();
    }
    String words = failure.getClass().getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    return words.isBlank() ? "the connection failed" : words + ", without a message";
  }

  private static boolean isSet(Duration wait) {
    return !wait.isZero() && !wait.isNegative();
  }

  /** {@code wait} in seconds: {@code 30 s}, {@code 0.5 s}. */
  static String seconds(Duration wait) {
    return BigDecimal.valueOf(wait.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString() + " s";
  }
}
