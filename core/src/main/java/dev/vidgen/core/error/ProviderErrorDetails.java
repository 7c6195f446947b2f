package dev.vidgen.core.error;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.text.Waits;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a provider said when a call failed. Never holds the API key; serializable, so that an
 * exception carrying it keeps it.
 *
 * @param providerId the provider's id, such as {@code mock}
 * @param httpStatus the HTTP status, or 0 when there was no response (or, with the code {@link #DOWNLOAD_BROKE_OFF},
 *     when a download's success answer broke off)
 * @param code the provider's error code (such as {@code too_many_requests} or {@code 401}), or null
 * @param message the provider's message, or a description of the network failure
 * @param requestId the request id from a response header, or null
 * @param retryAfter the server's {@code Retry-After}, or null
 * @param rateLimit the provider's rate-limit headers as sent (names in lower case), read by the provider's own {@link dev.vidgen.core.port.RateLimits.Signals}
 * @param taskId the task concerned, when one exists
 */
public record ProviderErrorDetails(
    String providerId,
    int httpStatus,
    String code,
    String message,
    String requestId,
    Duration retryAfter,
    Map<String, String> rateLimit,
    TaskId taskId) implements Serializable {

  private static final long serialVersionUID = 1L;

  /**
   * Details as given, except that a null {@code message} becomes empty and {@code rateLimit} is copied,
   * sorted by name (null becomes empty); {@code providerId} must not be null.
   */
  public ProviderErrorDetails {
    Objects.requireNonNull(providerId, "providerId == null");
    message = message == null ? "" : message;
    rateLimit = rateLimit == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(rateLimit));
  }

  /**
   * The {@link #code()} of an account read (balance, model list) that the provider refused without
   * saying why it failed or that the key is wrong: worth trying again later.
   */
  public static final String ACCOUNT_REFUSED = "account_refused";

  /**
   * The {@link #code()} of a download whose answer came (a success) but whose body broke off or
   * arrived cut short: there was a response, so the text never says "no HTTP response".
   */
  public static final String DOWNLOAD_BROKE_OFF = "download_broke_off";

  /**
   * The {@link #code()} of an API answer larger than the client reads (a provider's setting caps it): the
   * same answer comes on every try, so it is never retried; the message says which setting raises the cap.
   */
  public static final String ANSWER_TOO_LARGE = "answer_too_large";

  /**
   * The {@link #code()} of an answer that holds the API key where it names a link (an upload's {@code data.url}): the
   * same on every try, and each try sends the key (and the file) to that server again, so it is never retried.
   */
  public static final String ANSWER_HOLDS_KEY = "answer_holds_key";

  /**
   * The {@link #code()} of an upload answered with a link that is no absolute http(s) URL (relative, {@code ftp://}):
   * the file was taken, the same answer comes on every try and each try stores the file again, so it is never retried.
   */
  public static final String ANSWER_LINK_UNUSABLE = "answer_link_unusable";

  /**
   * The {@link #code()} of a result link that answered "gone" (401, 403, 404, 410) or redirected where
   * vidgen does not follow: neither a key problem nor a missing task, whatever code the file's server sent.
   */
  public static final String RESULT_LINK_GONE = "result_link_gone";

  /**
   * The {@link #code()} of a result link whose redirect vidgen did not follow (to an address that is not
   * http(s), goes from https to http, or carries the API key); the message says which.
   */
  public static final String REDIRECT_NOT_FOLLOWED = "redirect_not_followed";

  /**
   * The {@link #code()} of a result link (or a redirect of it) the provider would not fetch before sending
   * anything, such as one on a machine that is not public: the same every time, so never retried; the
   * client reports it as a {@link ResultUnusableException} carrying the message.
   */
  public static final String RESULT_LINK_REFUSED = "result_link_refused";

  /**
   * The {@link #code()} of a connection refused because the server's TLS certificate is not trusted by this
   * Java, or names other hosts: the same on every try, so never retried; trusting the certificate's
   * authority (a Java trust store) or the right address mends it.
   */
  public static final String TLS_UNTRUSTED = "tls_untrusted";

  /**
   * The {@link #code()} of a connection that failed at the proxy it goes through (refused, an error answer
   * to its CONNECT, or no answer): the message names the proxy, not the server behind it.
   */
  public static final String PROXY_FAILED = "proxy_failed";

  /**
   * The {@link #code()} of a call that a proxy on the way refused with HTTP 407 (it wants credentials, or refused
   * those given): nothing reached the provider, and the same comes on every try until the credentials are fixed.
   */
  public static final String PROXY_AUTHENTICATION = "proxy_authentication";

  /**
   * The {@link #code()} of a provider that broke its contract (an unexpected exception, an answer it
   * must not give, such as no snapshot): the failure is in the provider's code, so the text names no
   * HTTP status, and its message is said after the provider's id ("acme answered …").
   */
  public static final String PROVIDER_FAULT = "provider_fault";

  /** Details with only a status, code and message. */
  public static ProviderErrorDetails of(String providerId, int httpStatus, String code, String message) {
    return new ProviderErrorDetails(providerId, httpStatus, code, message, null, null, Map.of(), null);
  }

  /** These details, naming the task {@code taskId}. */
  public ProviderErrorDetails withTaskId(TaskId taskId) {
    return new ProviderErrorDetails(providerId, httpStatus, code, message, requestId, retryAfter, rateLimit, taskId);
  }

  /** These details with the request id {@code requestId}, which may be null. */
  public ProviderErrorDetails withRequestId(String requestId) {
    return new ProviderErrorDetails(providerId, httpStatus, code, message, requestId, retryAfter, rateLimit, taskId);
  }

  /** These details with the server's {@code Retry-After}, which may be null. */
  public ProviderErrorDetails withRetryAfter(Duration retryAfter) {
    return new ProviderErrorDetails(providerId, httpStatus, code, message, requestId, retryAfter, rateLimit, taskId);
  }

  /** These details with the rate-limit headers {@code rateLimit}; null means none. */
  public ProviderErrorDetails withRateLimit(Map<String, String> rateLimit) {
    return new ProviderErrorDetails(providerId, httpStatus, code, message, requestId, retryAfter, rateLimit, taskId);
  }

  /** The server's {@code Retry-After}, when it sent one. */
  public Optional<Duration> retryAfterHint() {
    return Optional.ofNullable(retryAfter);
  }

  /** "HTTP 429 too_many_requests: slow down (request req_1, task t_1, retry after 5 s)". */
  String describe() {
    return describe(true);
  }

  /**
   * {@link #describe()}, telling the server's {@code Retry-After} only when {@code retryAfterTold}: a
   * refusal that is never retried (a 400, a 401) does not invite sending the same request again later.
   */
  String describe(boolean retryAfterTold) {
    return describe(retryAfterTold, false);
  }

  /**
   * {@link #describe(boolean)}, said of a connection that failed before anything was sent when {@code
   * nothingSent}: it opens with "no connection (nothing sent)", not the "no HTTP response" of a request sent
   * without an answer, which would suggest that a create may have gone out.
   */
  String describe(boolean retryAfterTold, boolean nothingSent) {
    // A provider's fault reads as a sentence about it: "acme answered the create … with no task".
    boolean fault = httpStatus == 0 && PROVIDER_FAULT.equals(code) && !message.isBlank();
    StringBuilder text = new StringBuilder(providerId).append(fault ? " " : ": ");
    boolean checkedBeforeSending = httpStatus == 0 && "insufficient_credits".equals(code);
    boolean brokeOff = fault || httpStatus == 0 && DOWNLOAD_BROKE_OFF.equals(code) && !message.isBlank();
    if (checkedBeforeSending) {
      text.append(code).append(" (checked before sending)");
    } else if (brokeOff) {
      text.append(message); // an answer came, so neither "no HTTP response" nor a status that was not read
    } else {
      text.append(httpStatus > 0 ? "HTTP " + httpStatus
          : nothingSent ? "no connection (nothing sent)" : "no HTTP response");
      // A code that only repeats the status (an error whose code is 403, answered with HTTP 403) is said once.
      if (code != null && !code.isBlank() && !code.strip().equals(String.valueOf(httpStatus))) {
        text.append(' ').append(code);
      }
    }
    if (!message.isBlank() && !brokeOff) {
      text.append(": ").append(message);
    }
    StringBuilder extra = new StringBuilder();
    if (taskId != null) {
      extra.append("task ").append(taskId);
    }
    if (requestId != null) {
      extra.append(extra.length() > 0 ? ", " : "").append("request ").append(requestId);
    }
    if (retryAfter != null && retryAfterTold) {
      extra.append(extra.length() > 0 ? ", " : "").append("retry after ").append(Waits.seconds(retryAfter));
    }
    if (extra.length() > 0) {
      text.append(" (").append(extra).append(')');
    }
    return text.toString();
  }
}
